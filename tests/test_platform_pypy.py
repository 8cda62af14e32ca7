"""PyPy: Debian's pypy3 (PyPy 7.3, Python 3.9) builds example_pkg and the safety fixture in both
modes with its own pip, installs them into a PyPy venv, and passes example_pkg's test suite and
the checks of :func:`platform_checks.run_checks`.

c-shared wheels are ``py3-none``: the cffi module is ABI mode, which PyPy's built-in cffi runs.
c-archive builds an API-mode module against PyPy's headers (Debian's pypy3-dev): no limited API
there, so the wheel is PyPy's own (``pp39-pypy39_pp73``), not abi3.

Needs the Debian packages pypy3, pypy3-venv and (c-archive) pypy3-dev; skips, with the reason,
without them.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from platform_checks import (
    MODES,
    Guest,
    built_wheel,
    command,
    example_and_fixture_projects,
    run_checks,
    unavailable,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.platform,
    pytest.mark.skipif(sys.platform != "linux", reason="Debian's pypy3"),
]


class PyPyGuest(Guest):
    """A PyPy venv on this machine."""

    def __init__(self, workdir: Path, pip_env: dict[str, str]) -> None:
        self.workdir = workdir
        self.venv = workdir / "venv"
        self.pip_env = pip_env

    def python(self, *args: str) -> list[str]:
        return [str(self.venv / "bin" / "python"), *args]

    def path(self, host: Path) -> str:
        return str(host)

    def environment(self) -> dict[str, str]:
        return self.pip_env


def pypy() -> str:
    found = shutil.which("pypy3")
    if found is None:
        unavailable("pypy3 is not installed: apt-get install pypy3 pypy3-venv pypy3-dev (.ci/run)")
    return found


@pytest.mark.parametrize("mode", MODES)
def test_pypy_builds_installs_and_passes(
    mode: str, tmp_path: Path, pip_env: dict[str, str]
) -> None:
    """Build with PyPy's pip, install into a PyPy venv, run every check of run_checks."""
    guest = PyPyGuest(tmp_path / "guest", pip_env)
    guest.workdir.mkdir()
    created = command([pypy(), "-m", "venv", guest.venv], env=pip_env, check=False)
    if created.returncode != 0:
        unavailable(f"pypy3 cannot make a venv (apt-get install pypy3-venv):\n{created.stderr}")
    implementation = guest.run("-c", "import sys; print(sys.implementation.name)").stdout
    assert implementation.strip() == "pypy"
    if mode == "c-archive":
        include = guest.run("-c", "import sysconfig; print(sysconfig.get_paths()['include'])")
        if not (Path(include.stdout.strip()) / "pyconfig.h").is_file():
            unavailable("PyPy's C headers are not installed: apt-get install pypy3-dev (.ci/run)")
    projects = example_and_fixture_projects(tmp_path / "src", mode)
    pip = guest.python("-m", "pip")
    wheels = [
        built_wheel(pip, project, tmp_path / f"dist{index}", pip_env)
        for index, project in enumerate(projects)
    ]
    for wheel in wheels:
        # c-shared: one wheel for every Python; c-archive: PyPy 3.9's own module.
        tag = "-py3-none-linux_x86_64.whl" if mode == "c-shared" else "-pp39-pypy39_pp73-"
        assert tag in wheel.name, wheel.name
    guest.install(wheels, "pytest")
    guest.copy_scripts(projects[0])
    run_checks(guest)
