"""Other Pythons: the oldest supported one builds, and one wheel serves every CPython its tag claims."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import E2E_SCRIPTS, GOPKGS, go_exports, make_project, run, wheel_files

pytestmark = pytest.mark.e2e


def find_python(version: str) -> Path | None:
    """``python3.X`` on PATH or in pyenv's versions; ``None`` when this machine lacks it."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(
        map(str, Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}"))
    )
    for candidate in candidates:
        if (
            candidate
            and subprocess.run([candidate, "-c", "import venv"], check=False).returncode == 0
        ):
            return Path(candidate)
    return None


OLDEST = find_python("3.9")
NEWEST = next((p for p in (find_python(v) for v in ("3.14", "3.13", "3.12")) if p), None)


def venv_with_pip(python: Path, path: Path) -> Path:
    run([python, "-m", "venv", path])
    return path / "bin" / "python"


@pytest.mark.skipif(OLDEST is None, reason="no Python 3.9 on this machine")
@pytest.mark.parametrize("mode", ["c-shared", "c-archive"])
def test_oldest_supported_python_builds_and_runs(
    tmp_path: Path, pip_env: dict[str, str], mode: str
) -> None:
    assert OLDEST is not None
    python = venv_with_pip(OLDEST, tmp_path / "py39")
    project = make_project(tmp_path, "kitchen", mode=mode)
    run(
        [python, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", project.root],
        env=pip_env,
    )
    (wheel,) = wheel_files(tmp_path / "dist")
    run([python, "-m", "pip", "install", "-q", wheel], env=pip_env)
    result = run([python, E2E_SCRIPTS / "check_kitchen.py", project.target], cwd=tmp_path)
    assert f"checked {len(go_exports(GOPKGS / 'kitchen'))} exports" in result.stdout


@pytest.mark.skipif(OLDEST is None or NEWEST is None, reason="needs Python 3.9 and 3.12+")
@pytest.mark.parametrize("mode", ["c-shared", "c-archive"])
def test_one_wheel_serves_old_and_new_pythons(
    tmp_path: Path, pip_env: dict[str, str], mode: str
) -> None:
    project = make_project(tmp_path, "kitchen", mode=mode)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            tmp_path / "dist",
            project.root,
        ],
        env=pip_env,
    )
    (wheel,) = wheel_files(tmp_path / "dist")
    for interpreter in (OLDEST, NEWEST):
        assert interpreter is not None
        python = venv_with_pip(interpreter, tmp_path / interpreter.name)
        run([python, "-m", "pip", "install", "-q", wheel], env=pip_env)
        result = run([python, E2E_SCRIPTS / "check_kitchen.py", project.target], cwd=tmp_path)
        assert f"checked {len(go_exports(GOPKGS / 'kitchen'))} exports" in result.stdout
