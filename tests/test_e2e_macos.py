"""macOS builds on a Mac (CI's macOS jobs): universal2 joined with lipo, and a deployment target
below Go's floor raised, with the wheel tagged for the macOS its Go runtime supports."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import Venv, run, wheel_files
from test_e2e_portable import copy_example, pip_wheel

pytestmark = pytest.mark.e2e
on_macos = pytest.mark.skipif(
    sys.platform != "darwin", reason="macOS builds need a Mac (CI's macOS jobs)"
)


def macos_binaries(wheel: Path, out: Path) -> list[Path]:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(out)
    binaries = sorted(path for path in out.rglob("*") if path.suffix in (".so", ".dylib"))
    assert binaries, f"no binary in {wheel.name}"
    return binaries


@on_macos
@pytest.mark.parametrize("mode", ["c-shared", "c-archive"])
def test_macos_universal2_is_two_go_builds_joined_with_lipo(
    tmp_path: Path, pip_env: dict[str, str], make_venv, mode: str
) -> None:
    project = copy_example(tmp_path / "example_pkg", mode)
    env = {**pip_env, "SETUPTOOLS_GOLANG_EXT_TARGET": "macosx_11_0_universal2"}
    wheel = pip_wheel(project, tmp_path / "dist", env)
    assert wheel.name.endswith("_universal2.whl"), wheel.name
    for binary in macos_binaries(wheel, tmp_path / "unpacked"):
        archs = run(["lipo", "-archs", binary]).stdout.split()
        assert sorted(archs) == ["arm64", "x86_64"], (binary, archs)
    venv: Venv = make_venv()
    venv.pip("install", "-q", wheel, "pytest", env=pip_env)
    venv.run_python("-m", "pytest", "-q", "-p", "no:cacheprovider", project / "tests", cwd=tmp_path)


@on_macos
def test_macos_deployment_target_below_gos_floor_is_raised(
    tmp_path: Path, pip_env: dict[str, str]
) -> None:
    """cibuildwheel's default MACOSX_DEPLOYMENT_TARGET is older than what Go supports."""
    project = copy_example(tmp_path / "example_pkg", "c-archive")
    env = {**pip_env, "MACOSX_DEPLOYMENT_TARGET": "10.9"}
    result = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", tmp_path / "dist", project],
        env=env,
    )
    (wheel,) = wheel_files(tmp_path / "dist")
    floor = re.search(
        r"building for macOS (\d+)\.(\d+), wheel tagged (\S+);", result.stdout + result.stderr
    )
    assert floor, result.stdout + result.stderr
    assert "MACOSX_DEPLOYMENT_TARGET asks for macOS 10.9" in result.stdout + result.stderr
    assert wheel.name.endswith(f"-{floor[3]}.whl"), (wheel.name, floor[3])
    for binary in macos_binaries(wheel, tmp_path / "unpacked"):
        minos = re.findall(r"minos (\d+)\.(\d+)", run(["vtool", "-show-build", binary]).stdout)
        assert minos and all(
            (int(a), int(b)) <= (int(floor[1]), int(floor[2])) for a, b in minos
        ), (binary, minos)
