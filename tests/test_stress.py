"""Stress the generated wrappers: 8 threads of mixed calls, a million string round trips with
resident memory held flat, concurrent panics, calls while finalizers call Go, a signal handler
calling Go, and a build with GOEXPERIMENT=cgocheck2.

Each test runs tests/e2e/stress.py in a venv that has the safety fixture installed (both build
modes) and asserts on the summary it prints. The script runs with GODEBUG=cgocheck=1 (Go's
default pointer checks, made explicit): a pointer-rule violation is a fatal Go error that kills
it and fails the test. Counts are reduced by default (the file takes about 30 s on 2 cores,
10 s more while Go's build cache lacks the cgocheck2 build of the runtime); ``--stress-full``
runs the full ones: 8 threads x 100,000 mixed calls, 1,000,000 string round trips (about 50 s).
``-rP`` (or ``-s``) shows the timings and memory numbers.
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest
from conftest import E2E_SCRIPTS, InstalledFixture, Venv, install_fixture

pytestmark = [
    pytest.mark.e2e,
    # One worker builds each mode once, and runs the threads of one test at a time.
    pytest.mark.xdist_group("stress"),
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX: signals, setitimer"),
]

MODES = ["c-shared", "c-archive"]
MODULE = "fixture_pkg._native"
SCRIPT = E2E_SCRIPTS / "stress.py"
MEMORY_BUDGET = 5 * 2**20  # bytes of resident memory a phase may grow by after its warm-up


@dataclass(frozen=True)
class Counts:
    """The script's counts (its options of the same names)."""

    threads: int  # mixed: threads x calls
    calls: int
    echo: int  # memory: string round trips after warmup ones, then panic_calls panics
    warmup: int
    panic_calls: int
    panic_threads: int  # panics: panic_threads x panics, beside normal_threads
    panics: int
    normal_threads: int
    gc_workers: int  # gc: gc_workers x gc_iterations
    gc_iterations: int
    signal_calls: int
    timeout: int  # the script's watchdog, seconds

    def args(self) -> list[str]:
        return [f"--{name.replace('_', '-')}={value}" for name, value in asdict(self).items()]


REDUCED = Counts(
    threads=8,
    calls=20_000,
    echo=200_000,
    warmup=100_000,
    panic_calls=20_000,
    panic_threads=8,
    panics=2_000,
    normal_threads=2,
    gc_workers=4,
    gc_iterations=1_000,
    signal_calls=20_000,
    timeout=300,
)
FULL = Counts(
    threads=8,
    calls=100_000,
    echo=1_000_000,
    warmup=200_000,
    panic_calls=100_000,
    panic_threads=8,
    panics=10_000,
    normal_threads=2,
    gc_workers=4,
    gc_iterations=5_000,
    signal_calls=100_000,
    timeout=900,
)


@pytest.fixture(scope="module", params=MODES)
def installed(
    request: pytest.FixtureRequest,
    installed_fixture: InstalledFixture,
) -> Venv:
    return installed_fixture("safety", request.param)


@pytest.fixture
def counts(stress_full: bool) -> Counts:
    return FULL if stress_full else REDUCED


def stress_environment() -> dict[str, str]:
    environment = dict(os.environ, GODEBUG="cgocheck=1")
    environment.pop("PYTHONPATH", None)
    return environment


def stress(env: Venv, cwd: Path, counts: Counts, *phases: str) -> dict[str, dict[str, str]]:
    """Run the script's *phases*; its summary: phase → key → value."""
    arguments: list[str | os.PathLike[str]] = [SCRIPT, MODULE, *phases, *counts.args()]
    result = env.run_python(*arguments, cwd=cwd, env=stress_environment())
    print(result.stdout, result.stderr, sep="\n")
    assert result.stdout.rstrip().endswith("stress ok")
    summary = {}
    for line in result.stdout.splitlines():
        phase, separator, rest = line.partition(": ")
        if separator and phase in phases:
            summary[phase] = dict(item.split("=", 1) for item in rest.split())
    assert set(summary) == set(phases)
    return summary


def check_mixed(mixed: dict[str, str], counts: Counts) -> None:
    assert int(mixed["calls"]) == counts.threads * counts.calls
    assert mixed["go_adds"] == mixed["adds"]  # Go counted every Add call, once
    assert int(mixed["adds"]) > 0 and int(mixed["panics"]) > 0


def check_panics(panics: dict[str, str], counts: Counts) -> None:
    assert int(panics["panics"]) == counts.panic_threads * counts.panics
    assert int(panics["normal_calls"]) > 0
    assert panics["pending_reports"] == "0"  # every report was taken by its own thread


def check_gc(collected: dict[str, str], counts: Counts) -> None:
    iterations = counts.gc_workers * counts.gc_iterations
    assert int(collected["finalizers"]) == int(collected["argument_finalizers"]) == iterations
    # Every finalizer's Add call reached Go: Go counted them.
    assert int(collected["finalizer_go_calls"]) == 2 * iterations
    assert int(collected["callbacks"]) == 2 * iterations
    assert int(collected["collections"]) > 0


def test_eight_threads_of_mixed_calls_are_all_correct(
    installed: Venv, tmp_path: Path, counts: Counts
) -> None:
    check_mixed(stress(installed, tmp_path, counts, "mixed")["mixed"], counts)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_string_round_trips_and_panics_leave_memory_flat(
    installed: Venv, tmp_path: Path, counts: Counts
) -> None:
    memory = stress(installed, tmp_path, counts, "memory")["memory"]
    assert int(memory["calls"]) == counts.echo
    assert int(memory["growth_bytes"]) < MEMORY_BUDGET
    assert int(memory["panic_growth_bytes"]) < MEMORY_BUDGET  # each report is ~700 bytes


def test_concurrent_panics_reach_their_own_threads(
    installed: Venv, tmp_path: Path, counts: Counts
) -> None:
    check_panics(stress(installed, tmp_path, counts, "panics")["panics"], counts)


def test_calls_while_finalizers_call_go(installed: Venv, tmp_path: Path, counts: Counts) -> None:
    check_gc(stress(installed, tmp_path, counts, "gc")["gc"], counts)


@pytest.mark.skipif(
    sys.version_info < (3, 10),
    reason="Python 3.9 installs signal handlers without SA_ONSTACK, which Go requires of "
    "handlers that can run on its threads (python/cpython#24730)",
)
def test_a_signal_handler_calling_go_leaves_the_panic_report_alone(
    installed: Venv, tmp_path: Path, counts: Counts
) -> None:
    signals = stress(installed, tmp_path, counts, "signals")["signals"]
    assert int(signals["calls"]) == counts.signal_calls
    # Handlers ran, and each one's call reached Go (Go's own count of Add calls says so).
    assert int(signals["go_handler_calls"]) > 0
    assert signals["go_handler_calls"] == signals["handlers"]


@pytest.fixture(scope="module")
def installed_cgocheck2(tmp_path_factory: pytest.TempPathFactory, pip_env: dict[str, str]) -> Venv:
    """The safety fixture built with GOEXPERIMENT=cgocheck2: Go's expensive pointer checks."""
    env = dict(pip_env, GOEXPERIMENT="cgocheck2")  # the tool passes it on to go build
    return install_fixture(tmp_path_factory.mktemp("stress-cgocheck2"), "safety", "c-shared", env)


def test_a_cgocheck2_build_survives_a_reduced_stress_run(
    installed_cgocheck2: Venv, tmp_path: Path
) -> None:
    package = installed_cgocheck2.run_python(
        "-c", "import fixture_pkg; print(fixture_pkg.__path__[0])", cwd=tmp_path
    ).stdout.strip()
    site_packages = Path(package).parent
    libraries = [path for path in site_packages.rglob("*") if path.suffix in (".so", ".dylib")]
    # Go's version in the library's build info names the experiment: go1.N.M-X:cgocheck2.
    assert any(b"X:cgocheck2" in path.read_bytes() for path in libraries)
    summary = stress(installed_cgocheck2, tmp_path, REDUCED, "mixed", "panics", "gc")
    check_mixed(summary["mixed"], REDUCED)
    check_panics(summary["panics"], REDUCED)
    check_gc(summary["gc"], REDUCED)
