"""Wheels run where they are meant to run: what tests/test_platform_*.py share.

A *guest* is a Python of another platform (CPython in an arm64 Debian root under qemu, PyPy) with
wheels built here installed in a venv of its own by its own pip: example_pkg and the safety fixture
(tests/data/gopkgs/safety), in one build mode. :func:`run_checks` runs what every guest must pass
there: example_pkg's test suite, and the panic, fork-guard, multiprocessing and thread checks of
tests/e2e's scripts. One test per platform and mode runs them all, and reports every check that
failed (so the slow set-up is made once, whichever pytest-xdist worker runs it).

The tests need Debian packages (.ci/run installs them). Without them, or without the network for
Debian's or PyPI's packages, a test skips with the reason, unless ``REQUIRE`` is set (.ci/run sets
it): then it fails, so CI never passes without having run them. Slow things they make once (the
arm64 Debian root, the Wine prefix) are kept in :data:`CACHE`.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shlex
import shutil
import signal
import ssl
import subprocess
import time
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from email.parser import HeaderParser
from pathlib import Path
from typing import Any, NoReturn

import pytest
from conftest import E2E_SCRIPTS, make_project, wheel_files
from test_e2e_portable import copy_example
from test_e2e_safety import PANIC_VALUES, forkserver_preloading_main_outcome
from test_stress import Counts, check_mixed
from test_stress import check_panics as check_stress_panics

MODES = ("c-shared", "c-archive")
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / (
    "setuptools-golang-ext-tests"
)
REQUIRE = "SETUPTOOLS_GOLANG_EXT_TESTS_REQUIRE_PLATFORMS"
DEBIAN_MIRROR = "http://deb.debian.org/debian"
SBIN_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
FIXTURE_MODULE = "fixture_pkg._native"
# The time limit of one check (each takes under 15 s under qemu on 2 busy cores): a broken wheel
# can make one hang, e.g. a pool whose worker Go aborted.
SECONDS = 240
# The thread check: stress.py's mixed calls and concurrent panics, at counts an emulator runs in
# seconds (the phases other than these need no platform of their own to be meaningful).
THREAD_COUNTS = Counts(
    threads=8,
    calls=1_000,
    echo=0,
    warmup=0,
    panic_calls=0,
    panic_threads=4,
    panics=100,
    normal_threads=2,
    gc_workers=0,
    gc_iterations=0,
    signal_calls=0,
    timeout=SECONDS - 40,  # the script's watchdog prints every thread's stack, before the limit
)


def unavailable(reason: str) -> NoReturn:
    """Skip with *reason*; fail instead when :data:`REQUIRE` is set (CI must run the test)."""
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason}\n({REQUIRE}=1: this test must run here, not skip)")
    pytest.skip(reason)


def command(
    args: Sequence[str | os.PathLike[str]],
    *,
    env: Mapping[str, str],
    cwd: Path | None = None,
    timeout: float = 600,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a command with a time limit; an unexpected failure, or the limit, fails the test with
    everything it printed. It runs in a session of its own: at the limit, all of its processes
    are killed (a pool whose worker died waits forever, and so would its parent)."""
    arguments = [str(arg) for arg in args]
    process = subprocess.Popen(
        arguments,
        env=dict(env),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        try:
            stdout, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # a process that left the session holds the pipes
            stdout = stderr = "(not read: a process outside the command's session holds it)"
        pytest.fail(
            f"command ran longer than {timeout} s: {' '.join(arguments)}\n"
            f"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
        )
    completed = subprocess.CompletedProcess(arguments, process.returncode, stdout, stderr)
    if check and completed.returncode != 0:
        pytest.fail(
            f"command failed ({completed.returncode}): {' '.join(arguments)}\n{both(completed)}"
        )
    return completed


def both(result: subprocess.CompletedProcess[str]) -> str:
    return f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"


def tail(result: subprocess.CompletedProcess[str], lines: int = 15) -> str:
    return "\n".join((result.stdout + result.stderr).rstrip().splitlines()[-lines:])


@contextmanager
def cached(name: str) -> Iterator[Path]:
    """``CACHE/name``, held under a lock (pytest-xdist workers may want it at the same time)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield CACHE / name


def host_ca_bundle() -> Path | None:
    """The certificates this machine's pip trusts, for a guest's pip (a proxy may re-sign TLS)."""
    for variable in ("PIP_CERT", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"):
        if os.environ.get(variable) and Path(os.environ[variable]).is_file():
            return Path(os.environ[variable])
    cafile = ssl.get_default_verify_paths().cafile
    return Path(cafile) if cafile and Path(cafile).is_file() else None


def network_environment() -> dict[str, str]:
    """The host's proxy and package index settings, for a guest that downloads from PyPI."""
    proxies = ["http_proxy", "https_proxy", "no_proxy", "all_proxy"]
    names = [*proxies, *(name.upper() for name in proxies)]
    names += ["PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST", "PIP_DEFAULT_TIMEOUT"]
    return {name: os.environ[name] for name in names if name in os.environ}


def requirements(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` entries of *wheel* (without extras' requirements)."""
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        headers = HeaderParser().parsestr(archive.read(metadata).decode())
    return [entry for entry in headers.get_all("Requires-Dist") or [] if "extra ==" not in entry]


def example_and_fixture_projects(base: Path, mode: str) -> list[Path]:
    """Fresh copies of example_pkg and of the safety fixture's project, in *mode*."""
    return [copy_example(base / "example_pkg", mode), make_project(base, "safety", mode=mode).root]


class Guest(ABC):
    """A venv of another platform's Python. It sees the host directory :attr:`workdir` (where
    its venv, the wheels and the scripts go) under the name :meth:`path` gives."""

    workdir: Path

    @abstractmethod
    def python(self, *args: str) -> list[str]:
        """The command line that runs the venv's Python with *args* (cwd: the guest's
        :attr:`workdir`)."""

    @abstractmethod
    def path(self, host: Path) -> str:
        """How the guest names *host*, a path under :attr:`workdir`."""

    @abstractmethod
    def environment(self) -> dict[str, str]:
        """The environment of the guest's processes."""

    def run(
        self, *args: str, timeout: float = 600, check: bool = True, extra: Mapping[str, str] = {}
    ) -> subprocess.CompletedProcess[str]:
        return command(
            self.python(*args),
            env={**self.environment(), **extra},
            cwd=self.workdir,
            timeout=timeout,
            check=check,
        )

    def install(self, wheels: Sequence[Path], *also: str) -> None:
        """Install the wheels' requirements and *also* from PyPI (the network may fail: a skip),
        then the wheels from :attr:`workdir` without an index (a wheel pip refuses: a failure)."""
        wanted = sorted({*also, *(entry for wheel in wheels for entry in requirements(wheel))})
        result = self.run("-m", "pip", "install", "-q", *wanted, check=False, timeout=1200)
        if result.returncode != 0:
            unavailable(f"pip could not install {' '.join(wanted)} from PyPI:\n{tail(result)}")
        copies = [shutil.copy2(wheel, self.workdir / wheel.name) for wheel in wheels]
        self.run("-m", "pip", "install", "--no-index", *(self.path(Path(c)) for c in copies))
        self.run("-m", "pip", "check")

    def copy_scripts(self, example: Path) -> None:
        """example_pkg's tests, and the check scripts of tests/e2e, into :attr:`workdir`."""
        shutil.copytree(example / "tests", self.workdir / "example-tests")
        for script in ("check_safety.py", "stress.py", "check_memory.py"):
            shutil.copy2(E2E_SCRIPTS / script, self.workdir / script)


def check_example_pkg_test_suite(guest: Guest) -> None:
    """example_pkg's own tests pass, all of them: nothing failed, was skipped or deselected."""
    tests = guest.path(guest.workdir / "example-tests")
    result = guest.run("-m", "pytest", "-p", "no:cacheprovider", "-q", tests, check=False)
    summary = result.stdout.rstrip().splitlines()[-1] if result.stdout.strip() else ""
    passed = re.fullmatch(r"(\d+) passed in .*", summary)
    assert result.returncode == 0 and passed, both(result)
    assert int(passed[1]) >= 30, summary  # the whole suite was collected


def safety(guest: Guest, what: str) -> dict[str, Any]:
    """What ``check_safety.py what`` prints, for the safety fixture installed in *guest*."""
    result = guest.run(guest.path(guest.workdir / "check_safety.py"), what, timeout=SECONDS)
    checked: dict[str, Any] = json.loads(result.stdout)
    return checked


def check_panics(guest: Guest) -> None:
    """Every kind of panic raises GoPanic with Go's text, and the process lives on."""
    results = safety(guest, "panics")
    assert set(results) == set(PANIC_VALUES), results
    for name, value in PANIC_VALUES.items():
        result = results[name]
        assert result.get("value") == value, (name, result)
        assert result["message"] == f"Go function {name} panicked: {value}", (name, result)
        assert result["is_runtime_error"], (name, result)
        assert result["then"] == [5, "OK", [2, True]], (name, result)
    assert results["IndexOutOfRange"]["stack_names_it"], results["IndexOutOfRange"]


def check_fork_guard(guest: Guest) -> None:
    """In a child forked after Go started, every call raises GoForkError at once."""
    result = safety(guest, "fork")
    assert set(result["child"]) == {"wrapper", "goroutines", "lib"}, result
    for call, outcome in result["child"].items():
        kind, message, seconds = outcome
        assert kind == "GoForkError", (call, outcome)
        assert seconds < 10, (call, outcome)  # at once (an emulator's "at once")
        assert f"pid {result['child_pid']}" in message and FIXTURE_MODULE in message, message
        assert '"spawn"' in message and '"forkserver"' in message, message  # the fix it names
    assert result["parent_after"] == 4, result


def check_multiprocessing(guest: Guest) -> None:
    """Pools of both start methods Go works with, and a worker's GoPanic pickled across."""
    result = safety(guest, "multiprocessing")
    expected = {"sums": [2 * i for i in range(20)], "panic": ["GoPanic", "7", "PanicIf"]}
    assert result == {"spawn": expected, "forkserver": expected}, result


def check_forkserver_preloading_main(guest: Guest) -> None:
    """A forkserver that preloads the main script (3.14's) gives GoForkError, not a hang."""
    outcome = safety(guest, "forkserver-preloading-main")
    version = guest.run("-c", "import sys; print(*sys.version_info[:2])").stdout.split()
    major, minor = (int(part) for part in version)
    assert outcome == forkserver_preloading_main_outcome((major, minor), outcome), outcome


def check_threads(guest: Guest) -> None:
    """stress.py's mixed calls from 8 threads and concurrent panics from 4, all checked."""
    script = guest.path(guest.workdir / "stress.py")
    arguments = [script, FIXTURE_MODULE, "mixed", "panics", *THREAD_COUNTS.args()]
    environment = {"GODEBUG": "cgocheck=1"}
    result = guest.run(*arguments, extra=environment, timeout=SECONDS, check=False)
    assert result.returncode == 0 and result.stdout.rstrip().endswith("stress ok"), both(result)
    summary = {}
    for line in result.stdout.splitlines():
        phase, separator, rest = line.partition(": ")
        if separator and phase in ("mixed", "panics"):
            summary[phase] = dict(item.split("=", 1) for item in rest.split())
    check_mixed(summary["mixed"], THREAD_COUNTS)
    check_stress_panics(summary["panics"], THREAD_COUNTS)


CHECKS: list[Callable[[Guest], None]] = [
    check_example_pkg_test_suite,
    check_panics,
    check_fork_guard,
    check_multiprocessing,
    check_forkserver_preloading_main,
    check_threads,
]


def shortened(text: str, keep: int = 6000) -> str:
    """*text*, or its start and its end (where a traceback ends) if it is longer than *keep*."""
    if len(text) <= keep:
        return text
    return f"{text[: keep // 4]}\n[... {len(text) - keep} characters ...]\n{text[-keep * 3 // 4 :]}"


def run_checks(guest: Guest) -> None:
    """Every check of :data:`CHECKS`; the test fails with the message of each one that failed."""
    failures = []
    for check in CHECKS:
        try:
            check(guest)
        except (AssertionError, pytest.fail.Exception) as failure:
            failures.append(f"{check.__name__} failed: {shortened(str(failure) or repr(failure))}")
        else:
            print(f"{check.__name__}: ok")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def amd64_debian_root(
    name: str, suite: str, packages: Sequence[str], furnish: Callable[[Path], None]
) -> Path:
    """``CACHE/name``: a minbase amd64 Debian *suite* root with *packages*, made by debootstrap
    and then *furnish* (given the unfinished root) if it is not there yet."""
    with cached(name) as root:
        if (root / ".complete").is_file():
            return root
        if os.geteuid() != 0:
            unavailable(f"making the Debian root ({root}) with debootstrap needs root")
        debootstrap = shutil.which("debootstrap", path=SBIN_PATH)
        if debootstrap is None:
            unavailable("debootstrap is not installed: apt-get install debootstrap (see .ci/run)")
        partial = root.with_name(f"{root.name}.partial")
        for leftover in (partial, root):  # of a run that was killed
            shutil.rmtree(leftover, ignore_errors=True)
        started = time.monotonic()
        options = ["--variant=minbase", f"--include={','.join(packages)}"]
        arguments = [debootstrap, *options, suite, partial, DEBIAN_MIRROR]
        environment = {**os.environ, "PATH": SBIN_PATH}
        result = command(arguments, env=environment, timeout=1800, check=False)
        if result.returncode != 0:
            unavailable(f"debootstrap could not make the {suite} root:\n{tail(result)}")
        furnish(partial)
        seconds = time.monotonic() - started
        (partial / ".complete").write_text(f"made by {__file__} in {seconds:.0f} s\n")
        partial.rename(root)
        return root


def chroot_command(root: Path, workdir: str, program: str, *args: str) -> list[str]:
    """The command line that runs *program* with *args* inside the root directory *root*, in its
    directory *workdir* (a guest path), with ``/proc`` mounted there (Go finds its GOROOT from
    /proc/self/exe) in a mount namespace of its own: nothing is left mounted afterwards."""
    unshare = shutil.which("unshare", path=SBIN_PATH)
    chroot = shutil.which("chroot", path=SBIN_PATH)
    if unshare is None or chroot is None:
        unavailable("unshare or chroot is not installed: apt-get install util-linux coreutils")
    enter = f'mount -t proc proc "$1/proc" && exec {shlex.quote(chroot)} "$@"'
    change_directory = ["/bin/sh", "-c", 'cd "$1" && shift && exec "$@"', "sh"]
    namespace = [unshare, "--mount", "--propagation", "private", "/bin/sh", "-c", enter, "sh"]
    return [*namespace, str(root), *change_directory, workdir, program, *args]


def built_wheel(
    pip: Sequence[str | os.PathLike[str]],
    project: Path,
    out: Path,
    env: Mapping[str, str],
    *options: str,
) -> Path:
    """``pip wheel`` of *project* into the empty directory *out*, with the pip command *pip*."""
    command([*pip, "wheel", "--no-deps", "-q", "-w", out, *options, project], env=env, timeout=1200)
    (wheel,) = wheel_files(out)
    return wheel
