"""gopy v0.5.0, built once and cached, and its bindings of ``benchmarks/go/values``.

``go install github.com/go-python/gopy@latest`` is refused by this machine's module proxy (it
lists versions); a fixed version is not. So the tools module ``gopy/tools`` requires gopy v0.5.0
(and the ``goimports`` gopy runs) and ``go build`` makes both. gopy compiles its bindings with
pybindgen, run by the Python named by ``-vm``: a venv with pybindgen from PyPI. All three live in
``~/.cache/setuptools-golang-ext-bench/gopy-v0.5.0`` (``XDG_CACHE_HOME`` is honoured); the first
run needs the network (Go module proxy and PyPI), later runs none.

The bound module is a copy of ``benchmarks/go/values`` with ``gopy/binding``'s ``go.mod`` and
``tools.go``: gopy's generated code imports gopy's own packages, so the module requires gopy too.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lab import GO_VALUES, HERE, Venv, run
from venvs import pip_command

GOPY_VERSION = "v0.5.0"
PYBINDGEN = "pybindgen==0.22.1"
SOURCES = HERE / "peers" / "gopy"
PACKAGE = "gopy_values"  # the Python package gopy writes (``gopy_values.values``)


@dataclass(frozen=True)
class Gopy:
    """The cached tools: gopy, goimports beside it, and the Python gopy builds with."""

    directory: Path
    vm: Venv

    @property
    def gopy(self) -> Path:
        return self.directory / "gopy"


def cache_directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    python = f"py{sys.version_info.major}.{sys.version_info.minor}"
    return Path(base) / "setuptools-golang-ext-bench" / f"gopy-{GOPY_VERSION}-{python}"


def gopy_tools(go: Path, env: Mapping[str, str]) -> Gopy:
    """The cached tools, built on the first call (a marker file is written last)."""
    directory = cache_directory()
    tools = Gopy(directory, Venv(directory / "vm"))
    if (directory / "ready").exists():
        return tools
    shutil.rmtree(directory, ignore_errors=True)
    source = directory / "tools-src"
    shutil.copytree(SOURCES / "tools", source)
    for package, name in (
        ("github.com/go-python/gopy", "gopy"),
        ("golang.org/x/tools/cmd/goimports", "goimports"),
    ):
        run([go, "build", "-o", directory / name, package], env, cwd=source)
    Venv.create(tools.vm.path)
    run(pip_command(tools.vm, "install", "-q", PYBINDGEN, "setuptools"), env)
    (directory / "ready").write_text(f"gopy {GOPY_VERSION}, {PYBINDGEN}\n")
    return tools


def bind_values(tools: Gopy, go: Path, env: Mapping[str, str], scratch: Path, into: Path) -> Path:
    """gopy's bindings of the values package, as the package ``into/gopy_values``."""
    module = scratch / "gopy-module"
    shutil.copytree(GO_VALUES, module, ignore=shutil.ignore_patterns("go.mod", "go.sum"))
    for name in ("go.mod", "tools.go"):
        shutil.copy2(SOURCES / "binding" / name, module / name)
    shutil.copy2(SOURCES / "tools" / "go.sum", module / "go.sum")
    path = f"{tools.directory}{os.pathsep}{Path(go).parent}{os.pathsep}{env.get('PATH', '')}"
    command: list[str | Path] = [
        tools.gopy,
        "build",
        f"-output={PACKAGE}",
        f"-vm={tools.vm.python}",
        ".",
    ]
    run(command, {**env, "PATH": path}, cwd=module)
    shutil.move(module / PACKAGE, into / PACKAGE)
    return into / PACKAGE
