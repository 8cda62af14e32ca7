"""The manylinux2014 aarch64 wheels, run on aarch64: CPython 3.11 of an arm64 Debian 12 root,
emulated by qemu-aarch64-static, in both modes.

example_pkg and the safety fixture are cross-built here with zig (``-C go-target``), installed by
the emulated Python's own pip into a venv of the root (cffi for aarch64 from PyPI), and must pass
example_pkg's test suite and the checks of :func:`platform_checks.run_checks`.

The root is made once with debootstrap (minbase, python3, python3-venv) and kept in
``~/.cache/setuptools-golang-ext-tests/debian-bookworm-arm64`` (several minutes the first time: the
second stage configures the packages under emulation). Where the kernel has qemu registered with
binfmt_misc (flag F, as ``update-binfmts --enable qemu-aarch64`` does), the root is entered with
chroot and arm64 programs run as if native. Otherwise the emulator is invoked directly on the
root's files: the packages are only unpacked (``…-unpacked``: configuring needs binfmt), and the
venv's ``bin/python`` is a script that starts qemu, so that ``sys.executable`` in subprocesses
(multiprocessing's spawn, example_pkg's demo test) works too. Set
``SETUPTOOLS_GOLANG_EXT_TESTS_QEMU=direct`` to take that way even where binfmt is registered.

Needs root (debootstrap, chroot) and the Debian packages qemu-user-static, debootstrap and
binfmt-support; skips, with the reason, without them.
"""

from __future__ import annotations

import os
import platform
import shlex
import shutil
import sys
import time
import uuid
from pathlib import Path

import pytest
from platform_checks import (
    DEBIAN_MIRROR,
    MODES,
    SBIN_PATH,
    Guest,
    built_wheel,
    cached,
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
    pytest.mark.skipif(
        not (sys.platform == "linux" and platform.machine() == "x86_64"),
        reason="emulates aarch64 on Linux x86_64",
    ),
]

SUITE = "bookworm"
PACKAGES = ("python3", "python3-venv")
PYTHON = "/usr/bin/python3.11"  # the root's interpreter (Debian 12)
BINFMT = Path("/proc/sys/fs/binfmt_misc/qemu-aarch64")
GUEST_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"
TARGET = "manylinux2014_aarch64"


def tool(name: str, package: str) -> str:
    found = shutil.which(name, path=SBIN_PATH)
    if found is None:
        unavailable(f"{name} is not installed: apt-get install {package} (see .ci/run)")
    return found


def binfmt_registered() -> bool:
    """Whether the kernel runs arm64 programs with qemu, in a chroot too (flag F: the emulator
    was opened when it was registered)."""
    if os.environ.get("SETUPTOOLS_GOLANG_EXT_TESTS_QEMU") == "direct":
        return False
    try:
        lines = BINFMT.read_text().splitlines()
    except OSError:
        return False
    flags = next((line.split(":", 1)[1] for line in lines if line.startswith("flags:")), "")
    return "enabled" in lines and "F" in flags


def unmount_below(path: Path) -> None:
    """Unmount what a failed debootstrap left mounted inside *path* (/proc, /sys)."""
    mounts = Path("/proc/mounts").read_text().splitlines()
    points = [line.split()[1] for line in mounts]
    for point in sorted((p for p in points if p.startswith(f"{path}/")), reverse=True):
        command(["umount", "-l", point], env=os.environ, check=False)


def debian_root(configured: bool) -> Path:
    """The arm64 Debian root in the cache, made now if it is not there yet."""
    name = f"debian-{SUITE}-arm64" + ("" if configured else "-unpacked")
    with cached(name) as root:
        if (root / ".complete").is_file():
            return root
        if os.geteuid() != 0:
            unavailable(f"making the arm64 Debian root ({root}) with debootstrap needs root")
        debootstrap = tool("debootstrap", "debootstrap")
        partial = root.with_name(f"{name}.partial")
        for leftover in (partial, root):  # of a run that was killed
            unmount_below(leftover)
            shutil.rmtree(leftover, ignore_errors=True)
        started = time.monotonic()
        result = command(
            [
                debootstrap,
                "--arch=arm64",
                "--variant=minbase",
                f"--include={','.join(PACKAGES)}",
                "--foreign",
                SUITE,
                partial,
                DEBIAN_MIRROR,
            ],
            env={**os.environ, "PATH": SBIN_PATH},
            timeout=1800,
            check=False,
        )
        if result.returncode != 0:
            unavailable(f"debootstrap could not get Debian's arm64 packages:\n{tail(result)}")
        if configured:
            # dpkg's fsync calls are slow under emulation, and this root is rebuilt, not repaired.
            (partial / "etc/dpkg/dpkg.cfg.d/unsafe-io").write_text("force-unsafe-io\n")
            result = command(
                [
                    tool("chroot", "coreutils"),
                    partial,
                    "/debootstrap/debootstrap",
                    "--second-stage",
                ],
                env={"PATH": GUEST_PATH, "LANG": "C.UTF-8"},
                timeout=3600,
                check=False,
            )
            unmount_below(partial)
            if result.returncode != 0:
                unavailable(f"debootstrap could not configure the arm64 root:\n{tail(result)}")
        else:
            for deb in sorted((partial / "var/cache/apt/archives").glob("*.deb")):
                command(["dpkg-deb", "-x", deb, partial], env=os.environ)
        seconds = time.monotonic() - started
        (partial / "work").mkdir(exist_ok=True)
        (partial / ".complete").write_text(f"made by {__file__} in {seconds:.0f} s\n")
        partial.rename(root)
        return root


class Aarch64Guest(Guest):
    """A venv of the root's Python in *workdir* (a directory of the root), run through chroot
    and binfmt, or by invoking qemu-aarch64-static directly on the root's files."""

    def __init__(self, root: Path, workdir: Path, qemu: str, chroot: bool) -> None:
        self.root = root
        self.workdir = workdir
        self.qemu = qemu
        self.chroot = chroot
        self.venv = workdir / "venv"
        bundle = host_ca_bundle()
        self.ca_bundle = shutil.copy2(bundle, workdir / "ca.pem") if bundle else None

    def path(self, host: Path) -> str:
        return f"/{host.relative_to(self.root)}" if self.chroot else str(host)

    def python(self, *args: str) -> list[str]:
        return self.interpreter(self.venv / "bin" / "python", *args)

    def interpreter(self, python: Path | str, *args: str) -> list[str]:
        if self.chroot:
            guest = python if isinstance(python, str) else self.path(python)
            return chroot_command(self.root, self.path(self.workdir), guest, *args)
        return [str(python), *args]

    def environment(self) -> dict[str, str]:
        home = "/root" if self.chroot else str(self.root / "root")
        environment = {
            "PATH": GUEST_PATH if self.chroot else os.environ.get("PATH", GUEST_PATH),
            "HOME": home,
            "LANG": "C.UTF-8",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_INPUT": "1",
            **network_environment(),
        }
        if self.ca_bundle:
            environment["PIP_CERT"] = self.path(Path(self.ca_bundle))
        return environment

    def emulator_script(self, path: Path) -> None:
        """A script at *path* that runs the root's Python under qemu, as *path* (``-0``: Python
        finds its venv from the name it is started as, and hands it on as sys.executable)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        qemu, root, python = (
            shlex.quote(str(p)) for p in (self.qemu, self.root, self.root / PYTHON[1:])
        )
        path.write_text(f'#!/bin/sh\nexec {qemu} -L {root} -0 "$0" {python} "$@"\n')
        path.chmod(0o755)

    def create_venv(self) -> None:
        environment = self.environment()
        if self.chroot:
            base = self.interpreter(PYTHON)
        else:
            self.emulator_script(self.workdir / "base" / "python3")
            base = [str(self.workdir / "base" / "python3")]
        # What `python -m venv` does, in two steps with a time limit each: the venv, then its pip.
        command([*base, "-m", "venv", "--without-pip", self.path(self.venv)], env=environment)
        command(
            [*self.python("-m", "ensurepip", "--default-pip")],
            env=environment,
            cwd=self.workdir,
            timeout=900,
        )


@pytest.mark.parametrize("mode", MODES)
def test_aarch64_wheels_pass_on_arm64_debian(
    mode: str, tmp_path: Path, pip_env: dict[str, str]
) -> None:
    """Build, install into the emulated arm64 CPython, run every check of run_checks."""
    qemu = tool("qemu-aarch64-static", "qemu-user-static")
    chroot = binfmt_registered()  # else the emulator is invoked directly
    root = debian_root(configured=chroot)
    projects = example_and_fixture_projects(tmp_path / "src", mode)
    # Built by this environment (it has the tool and ziglang): no build environment to install.
    pip = [sys.executable, "-m", "pip"]
    options = ["--no-build-isolation", "-C", f"go-target={TARGET}"]
    wheels = [
        built_wheel(pip, project, tmp_path / f"dist{index}", pip_env, *options)
        for index, project in enumerate(projects)
    ]
    for wheel in wheels:
        assert wheel.name.endswith("manylinux_2_17_aarch64.manylinux2014_aarch64.whl"), wheel
    for stale in (root / "work").iterdir():  # left by a run that was killed
        if time.time() - stale.stat().st_mtime > 6 * 3600:
            shutil.rmtree(stale, ignore_errors=True)
    workdir = root / "work" / f"{mode}-{uuid.uuid4().hex[:12]}"
    workdir.mkdir(parents=True)
    try:
        guest = Aarch64Guest(root, workdir, qemu, chroot)
        guest.create_venv()
        guest.install(wheels, "pytest")
        guest.copy_scripts(projects[0])
        machine = guest.run("-c", "import platform; print(platform.machine())").stdout.strip()
        assert machine == "aarch64"
        run_checks(guest)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
