"""End to end for Go inside a Python process: panics, Goexit, fork, multiprocessing, Ctrl-C.

Each check runs tests/e2e/check_safety.py in a fresh interpreter of a venv that has the safety
fixture installed, in both build modes.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import E2E_SCRIPTS, InstalledFixture, Venv, run

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGINT are POSIX"),
]

MODES = ["c-shared", "c-archive"]
SCRIPT = E2E_SCRIPTS / "check_safety.py"

# Go's own texts of the panic values (stable across Go versions since 1.17).
PANIC_VALUES = {
    "PanicValue": "boom: x",
    "PanicError": "an error value",
    "PanicBadError": "(main.badError: its Error or String method panicked)",
    "NilMapWrite": "assignment to entry in nil map",
    "IndexOutOfRange": "runtime error: index out of range [7] with length 3",
    "NilPointer": "runtime error: invalid memory address or nil pointer dereference",
    "PanicIf": "42",
    "Exit": "runtime.Goexit was called",
}


@pytest.fixture(scope="module", params=MODES)
def installed(
    request: pytest.FixtureRequest,
    installed_fixture: InstalledFixture,
) -> Venv:
    return installed_fixture("safety", request.param)


def check(installed: Venv, tmp_path: Path, command: str) -> Any:
    return json.loads(installed.run_python(SCRIPT, command, cwd=tmp_path).stdout)


def test_every_kind_of_panic_is_a_go_panic(installed: Venv, tmp_path: Path) -> None:
    results = check(installed, tmp_path, "panics")
    assert set(results) == set(PANIC_VALUES)
    for name, value in PANIC_VALUES.items():
        result = results[name]
        assert result["value"] == value, name
        assert result["message"] == f"Go function {name} panicked: {value}"
        assert result["function"] == name
        assert result["is_runtime_error"]
        assert result["then"] == [5, "OK", [2, True]]  # the process lives on
    assert results["PanicError"]["go_type"] == "*errors.errorString"
    assert results["PanicIf"]["go_type"] == "int64"
    assert results["Exit"]["go_type"] == "runtime.Goexit"
    assert results["IndexOutOfRange"]["go_type"].startswith("runtime.")
    # The stack is the panicking goroutine's, with the export in it.
    assert results["IndexOutOfRange"]["stack_names_it"]
    assert results["PanicValue"]["stack_names_it"]


def test_a_forked_child_gets_an_error_at_once(installed: Venv, tmp_path: Path) -> None:
    result = check(installed, tmp_path, "fork")
    for call in ("wrapper", "goroutines", "lib"):
        kind, message, seconds = result["child"][call]
        assert kind == "GoForkError"
        assert seconds < 1
        assert "fork()" in message
        assert f"pid {result['child_pid']}" in message
        assert '"spawn"' in message
        assert '"forkserver"' in message
        assert "fixture_pkg._native" in message
    assert result["parent_after"] == 4


def test_multiprocessing_spawn_and_forkserver_work(installed: Venv, tmp_path: Path) -> None:
    result = check(installed, tmp_path, "multiprocessing")
    for method in ("spawn", "forkserver"):
        assert result[method]["sums"] == [2 * i for i in range(20)]
        # GoPanic pickles: a worker's panic arrives in the parent as GoPanic.
        assert result[method]["panic"] == ["GoPanic", "7", "PanicIf"]


def test_a_forkserver_that_preloads_main_refuses_go_clearly(
    installed: Venv, tmp_path: Path
) -> None:
    """Since 3.14 the forkserver imports the main module, so a script that imports a Go module
    has Go running in the server: its workers get GoForkError (naming the fix), never a hang;
    before 3.14 the server imported nothing and the call works."""
    outcome = check(installed, tmp_path, "forkserver-preloading-main")
    assert outcome == forkserver_preloading_main_outcome(sys.version_info[:2], outcome)


def forkserver_preloading_main_outcome(version: tuple[int, int], outcome: list[str]) -> list[str]:
    """What ``check_safety.py forkserver-preloading-main`` must give on Python *version*."""
    if version < (3, 14):
        return ["returned", "5"]
    assert "multiprocessing.set_forkserver_preload([])" in outcome[-1], outcome
    return ["GoForkError", outcome[-1]]


def sigint_after(installed: Venv, tmp_path: Path, *args: str) -> tuple[str, float]:
    """Start a long call, send SIGINT once it runs; what the child printed, and when it ended."""
    process = subprocess.Popen(
        [str(installed.python), str(SCRIPT), *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    time.sleep(0.5)  # inside Go's Sleep by now
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=60)
    return output, time.monotonic() - sent


def test_interruptible_delivers_ctrl_c_during_a_long_go_call(
    installed: Venv, tmp_path: Path
) -> None:
    output, waited = sigint_after(installed, tmp_path, "sleep", "30000", "interruptible")
    assert output.startswith("KeyboardInterrupt after ")
    assert waited < 2


def test_a_plain_go_call_delays_ctrl_c_until_it_returns(installed: Venv, tmp_path: Path) -> None:
    """The caveat the README documents, and why interruptible() exists."""
    output, waited = sigint_after(installed, tmp_path, "sleep", "2500")
    assert output.startswith("KeyboardInterrupt after ")
    assert float(output.split()[-1]) >= 2.4
    assert waited >= 1.5


@pytest.mark.parametrize(
    ("export", "printed"),
    [
        ("HiddenExit", "setuptools-golang-ext: HiddenExit called runtime.Goexit"),
        ("GoroutinePanic", "panic: on a goroutine"),
    ],
)
def test_what_cannot_be_recovered_ends_the_process_with_go_s_message(
    installed: Venv, tmp_path: Path, export: str, printed: str
) -> None:
    """Documented limits: Goexit that the tool cannot see, and panics on the user's goroutines."""
    result = run([installed.python, SCRIPT, "call", export], cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "survived" not in result.stdout
    assert printed in result.stderr
