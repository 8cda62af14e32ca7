"""Fresh virtual environments and this checkout's wheel, for the end-to-end tests (conftest.py)
and the benchmarks (benchmarks/lab.py), which both build on them.

Standard library only: the benchmarks run without pytest (``python benchmarks/run.py`` puts this
directory on ``sys.path`` to import this module).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
# Never copied with a project: version control, venvs, build output, caches.
IGNORED = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__")

V = TypeVar("V", bound="Venv")


@dataclass(frozen=True)
class Venv:
    """A virtual environment (made by :meth:`create`)."""

    path: Path

    @property
    def python(self) -> Path:
        return self.path / ("Scripts" if sys.platform == "win32" else "bin") / "python"

    @classmethod
    def create(cls: type[V], path: Path, *, with_pip: bool = False) -> V:
        """A fresh venv at *path*; without pip of its own unless *with_pip* (:func:`pip_command`
        drives it with this interpreter's pip)."""
        venv.EnvBuilder(with_pip=with_pip).create(path)
        return cls(path)


def pip_command(target: Venv, *args: str | os.PathLike[str]) -> list[str]:
    """This interpreter's pip acting on *target* (``pip --python``)."""
    return [sys.executable, "-m", "pip", "--python", str(target.python), *map(str, args)]


def build_tool_wheel(scratch: Path, out: Path) -> Path:
    """This checkout's wheel in *out*, built from a copy under *scratch* (an in-tree build would
    leave build/ and *.egg-info in the checkout); *out* is returned, for ``PIP_FIND_LINKS``."""
    source = scratch / "tool-src"
    shutil.copytree(ROOT, source, ignore=_ignored_in_tool_copy)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(
            f"building this checkout's wheel failed ({completed.returncode}): {' '.join(command)}\n"
            f"--- stdout ---\n{completed.stdout}\n--- stderr ---\n{completed.stderr}"
        )
    return out


def _ignored_in_tool_copy(directory: str, names: list[str]) -> set[str]:
    """What a copy of the checkout leaves out: :data:`IGNORED` everywhere, and the test suite
    and benchmarks at the top (a directory named tests deeper down is package data)."""
    ignored = set(shutil.ignore_patterns(*IGNORED)(directory, names))
    if Path(directory) == ROOT:
        ignored.update({"tests", "benchmarks"} & set(names))
    return ignored


def pip_environment(wheelhouse: Path, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """*base* for pip runs: the wheels in *wheelhouse* are findable, nothing asks questions, no
    bytecode is written and the caller's ``PYTHONPATH`` does not leak into the venvs."""
    env = dict(base)
    env.update(
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("PYTHONPATH", None)
    return env
