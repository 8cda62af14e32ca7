"""End to end for Go objects, iterators, contexts and error types of an ordinary Go package
(tests/data/gopkgs/objects), in both modes: behaviour, stubs, leaks, a real SIGINT, fork."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import E2E_SCRIPTS, GOPKGS, InstalledFixture, Venv, run

pytestmark = pytest.mark.e2e

MODES = ["c-shared", "c-archive"]
MEMORY_BUDGET = 10 * 2**20

USER_CODE = """\
import io
from collections.abc import Iterator
from datetime import time
from decimal import Decimal
from fractions import Fraction
from typing import Any

import fixture_pkg._native as m

counter: m.Counter = m.Counter("a", 1)
total: int = counter.Add(2)
name: str = counter.Name
counter.Name = "b"
peer: m.Counter | None = counter.Peer
merged: m.Counter | None = m.Merge(counter, None)
values: Iterator[int] = m.Count(3)
numbers: m.GoIterator[int] = m.Count(3)
numbers.close()
m.Words("a b").close()
pairs: list[tuple[int, str]] = list(m.Words("a b"))
elapsed: float = m.Sleep(0.01, timeout=1.0)
visited: int = m.Each("a b", lambda word, at: word.startswith("a") and at < 1)
square: m.Shape | None = m.AsShape(m.Square(2.0))
area: float = square.Area() if square else 0.0
with m.Counter("x", 1) as scoped:
    scoped.Add(1)
try:
    m.Fail("parse")
except m.ParseError as error:
    line: int = error.Line
except m.GoEOFError as eof:
    assert isinstance(eof, EOFError)
major: int = m.ParseVersion("1.2").Major()  # (*T, error): T
newest: m.Version = max(m.ParseVersion("1.2"), m.ParseVersion("1.10"))
ordered: bool = m.ParseVersion("1.2") <= m.ParseVersion("1.3")
moved: m.Point = sorted([m.Point(2, 1), m.Point(1, 2)])[0].Add(m.Point(X=1))
text: str
for text in m.Lines("a\\nb"):  # NewLines (*Lines): the class's constructor
    print(text.upper())
cards: list[str] = [card.upper() for card in m.Deck()]
anything: list[Any] = list(m.Values(1, 2) or [])
clock: str = m.Clock(time(8, 30))
rendered: str = m.Render("x", m.WithPrefix("> "), m.Upper())
matched: bool = m.Matches(m.Pattern("a+"), "aa")
read: str = m.ReadAll(m.Text("t"))
half: Fraction | None = m.Halve(Fraction(1, 3))
third: Decimal | None = m.Third(Decimal("1.5"))
lines: int = m.CountLines(io.BytesIO(b"a\\nb"))  # a Python binary file for an io.Reader
copied: int = m.CopyTo(m.Sink(), m.Text("t"))
chunk: bytes = m.Text("t").read(1)
with m.UpperWriter(io.BytesIO()) as shout:
    written: int = shout.write(b"x")
described: str = m.Describe(m.Square(1.0))


class Circle:
    def Area(self) -> float:
        return 3.0

    def Name(self) -> str:
        return "circle"


described_python: str = m.Describe(Circle())  # a Python object with Shape's methods
same: bool = m.Pair(counter, counter)[0] is counter
named: dict[str, m.Counter | None] = m.ByName([counter, m.Counter("b", 1)])
team: m.Team = m.MakeTeam(counter, *m.Fresh("n", 2))
item_id: int = m.Item(Base=m.Base(ID=1), Name="x").ID
label: str = m.Deep().Label()
engine_name: str = m.Engine(1).Name
copied_count: int = m.SnapValue(m.Snapshot(Label="x", Copy=m.Snap(counter).Copy))
"""

WRONG_CODE = """\
import fixture_pkg._native as m

counter = m.Counter("a", "one")
counter.Step = "two"
m.Merge(counter, 3)
m.Sleep(1.0, timeout="soon")
m.Bag().close()
m.Each("a", lambda word: True)
m.Count(1).stop()
m.ParseVersion("1.2") < m.Point(1, 2)
m.Point(1, 2).Scale("3")
m.Render("x", "y")
m.CountLines("text")


class HalfShape:
    def Area(self) -> float:
        return 1.0


m.Describe(HalfShape())
m.Text("t").read("1")
"""


@pytest.fixture(scope="module", params=MODES)
def installed(
    request: pytest.FixtureRequest,
    installed_fixture: InstalledFixture,
) -> Venv:
    """The objects fixture installed (with mypy) into a fresh venv, once per mode."""
    return installed_fixture("objects", request.param)


def test_objects_iterators_contexts_and_errors_behave(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(
        E2E_SCRIPTS / "check_objects.py", "fixture_pkg._native", cwd=tmp_path
    )
    assert "objects ok" in result.stdout
    assert result.stderr == ""  # nothing printed by finalizers, at exit either


def test_value_methods_and_protocols_from_go_method_sets(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(
        E2E_SCRIPTS / "check_protocols.py", "fixture_pkg._native", cwd=tmp_path
    )
    assert "protocols ok" in result.stdout
    assert result.stderr == ""


def test_go_files_python_files_and_python_objects_for_interfaces(
    installed: Venv, tmp_path: Path
) -> None:
    """io.Reader / io.Writer both ways, Python objects for the package's interfaces; 8 threads,
    hostile files and objects."""
    result = installed.run_python(
        E2E_SCRIPTS / "check_files.py", "fixture_pkg._native", cwd=tmp_path
    )
    assert "files ok" in result.stdout
    assert result.stderr == ""


def test_the_api_command_says_which_interfaces_python_cannot_implement() -> None:
    result = run(
        [sys.executable, "-m", "setuptools_golang_ext", "api", GOPKGS / "objects"], cwd=GOPKGS
    )
    assert (
        "# Python objects cannot implement Sealed (Go objects only): it has unexported methods"
        in result.stdout
    )
    assert (
        "# Python objects cannot implement Walker (Go objects only): Walk(): parameter visit:"
        in (result.stdout)
    )
    assert "implement Shape" not in result.stdout and "implement Store" not in result.stdout


def test_objects_inside_values_are_the_python_objects(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(
        E2E_SCRIPTS / "check_held.py", "fixture_pkg._native", cwd=tmp_path
    )
    assert "held ok" in result.stdout
    assert result.stderr == ""


def test_stubs_type_check_user_code(installed: Venv, tmp_path: Path) -> None:
    good, wrong = tmp_path / "good.py", tmp_path / "wrong.py"
    good.write_text(USER_CODE)
    wrong.write_text(WRONG_CODE)
    installed.run_python("-m", "mypy", "--strict", good, cwd=tmp_path)
    rejected = run([installed.python, "-m", "mypy", "--strict", wrong], cwd=tmp_path, check=False)
    assert rejected.returncode == 1, rejected.stdout
    assert 'Argument 2 to "Counter" has incompatible type "str"' in rejected.stdout
    assert 'Incompatible types in assignment (expression has type "str"' in rejected.stdout
    assert 'Argument 2 to "Merge" has incompatible type "int"' in rejected.stdout
    assert 'Argument "timeout" to "Sleep" has incompatible type "str"' in rejected.stdout
    assert '"Bag" has no attribute "close"' in rejected.stdout
    assert 'Argument 2 to "Each" has incompatible type' in rejected.stdout
    assert '"GoIterator[int]" has no attribute "stop"' in rejected.stdout
    assert 'Unsupported operand types for < ("Version" and "Point")' in rejected.stdout
    assert 'Argument 1 to "Scale" of "Point" has incompatible type "str"' in rejected.stdout
    assert (
        'Argument 2 to "Render" has incompatible type "str"; expected "Option"' in rejected.stdout
    )
    assert 'Argument 1 to "CountLines" has incompatible type "str"' in rejected.stdout
    assert 'Argument 1 to "Describe" has incompatible type "HalfShape"' in rejected.stdout
    assert 'Argument 1 to "read" of "_GoFile" has incompatible type "str"' in rejected.stdout
    installed.run_python(
        "-m", "mypy.stubtest", "fixture_pkg._native", "fixture_pkg._go_runtime", cwd=tmp_path
    )


LEAK_SCRIPT = """
import gc, resource, sys, time
import fixture_pkg._native as m

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()

def stable():
    handles, goroutines = m._go_stats()
    return handles <= start[0] and goroutines <= start[1]

def settled():
    gc.collect()
    deadline = time.monotonic() + 10
    while not stable() and time.monotonic() < deadline:
        time.sleep(0.01)
    return m._go_stats()

def churn(objects, iterators):
    for _ in range(objects):
        m.Counter("churn", 1).Add(1)
    for _ in range(iterators):
        for value in m.Count(10**9):
            if value == 3:
                break

churn(20000, 2000)  # warm up: Go's heap and the allocators reach their size
start = m._go_stats()
before = rss()
churn(int(sys.argv[1]), int(sys.argv[2]))
after = settled()
print(rss() - before, after[0] == start[0] and after[1] <= start[1], after, start)
"""


def test_a_million_objects_and_100k_broken_iterators_leave_nothing_behind(
    installed: Venv, tmp_path: Path
) -> None:
    result = installed.run_python("-c", LEAK_SCRIPT, "1000000", "100000", cwd=tmp_path)
    growth, same, *counts = result.stdout.split(maxsplit=2)
    assert same == "True", f"handles and goroutines (after, before): {counts}"
    assert int(growth) < MEMORY_BUDGET


SIGINT_SCRIPT = """
import sys, time
import fixture_pkg._native as m
start = time.monotonic()
try:
    m.Wait(timeout=60)  # prints "waiting" once Go waits
except KeyboardInterrupt:
    print("interrupted", round(time.monotonic() - start, 1), "stopped", m.Stopped(), flush=True)
"""


def test_ctrl_c_cancels_the_context_and_the_go_work_stops(installed: Venv) -> None:
    process = subprocess.Popen(
        [str(installed.python), "-c", SIGINT_SCRIPT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "waiting"  # inside the Go call
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    words = out.split()
    assert words[0] == "interrupted", out + err
    assert float(words[1]) < 20 and words[3] == "1", out  # Go's Wait saw ctx.Done()


@pytest.mark.parametrize("handler", ["default", "custom"])
def test_ctrl_c_around_context_calls(installed: Venv, tmp_path: Path, handler: str) -> None:
    """Ctrl-C at random moments (300 rounds) reaches the main thread each time and cancels the
    Go call it interrupts, never the calls of two other threads (stress_contexts.py). With Python's default SIGINT handler the calls
    run Go on the main thread and the Go runtime's wakeup pipe cancels them (no worker thread);
    with a handler of the program's own they run on kept worker threads, none lost (measured
    on a design that handed calls to a popped worker: 2 runs in 8 leaked workers at 200
    rounds)."""
    result = installed.run_python(
        E2E_SCRIPTS / "stress_contexts.py", "fixture_pkg._native", "7", "300", handler, cwd=tmp_path
    )
    assert "contexts ok" in result.stdout, result.stdout + result.stderr


ITERATOR_SIGINT_SCRIPT = """
import time
import fixture_pkg._native as m
start = time.monotonic()
try:
    for value in m.Drip():  # its channel says "dripping", then waits for the context
        pass
except KeyboardInterrupt:
    took = round(time.monotonic() - start, 1)
# Ctrl-C while Python waits for Go's next batch cancels the context at once; arriving anywhere
# else (the wrapper, the loop), it drops the iterator, which cancels the context once nothing
# holds it: here, once the handler's traceback is gone.
deadline = time.monotonic() + 10
while m.Stopped() == 0 and time.monotonic() < deadline:
    time.sleep(0.01)
print("interrupted", took, "stopped", m.Stopped(), flush=True)
"""


def test_ctrl_c_while_an_iterator_waits_cancels_its_context(installed: Venv) -> None:
    process = subprocess.Popen(
        [str(installed.python), "-c", ITERATOR_SIGINT_SCRIPT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "dripping"  # the next batch is being awaited
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    words = out.split()
    assert words[0] == "interrupted", out + err
    assert float(words[1]) < 20 and words[3] == "1", out  # the sender saw ctx.Done()


FORK_SCRIPT = """
import os
import fixture_pkg._native as m
counter = m.Counter("f", 1)
counter.Add(1)
pid = os.fork()
if pid == 0:
    try:
        counter.Add(1)
    except RuntimeError as error:
        os._exit(3 if type(error).__name__ == "GoForkError" else 4)
    os._exit(5)
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status), counter.Add(1))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_a_forked_child_gets_go_fork_error_from_objects(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python("-c", FORK_SCRIPT, cwd=tmp_path)
    assert result.stdout.split() == ["3", "2"], result.stdout + result.stderr
    assert "Exception ignored" not in result.stderr  # the child's finalizers stay quiet


# Go objects and iterators under threads (tests/e2e/stress_objects.py), in subprocesses: a crash
# shows as a missing "stress ok". Measured on the code before the fix, 20 runs each, both
# modes: these counts caught every defect in every run (fields: 20/20 crashed or read values
# never assigned at --rounds=1000; close, iterators and lifetimes failed every run), and each
# phase takes about a second.
STRESS_OBJECTS = E2E_SCRIPTS / "stress_objects.py"
STRESS_COUNTS = (
    "--threads=8",
    "--rounds=1000",
    "--closes=100",
    "--pulls=20000",
    "--closings=100",
    "--identities=3000",
    "--iterators=2000",
)


def stress_objects(installed: Venv, cwd: Path, *phases: str) -> dict[str, dict[str, str]]:
    """Run the script's *phases*; its summary: phase → key → value."""
    result = installed.run_python(
        STRESS_OBJECTS, "fixture_pkg._native", *phases, *STRESS_COUNTS, "--timeout=300", cwd=cwd
    )
    print(result.stdout, result.stderr, sep="\n")
    assert result.stdout.rstrip().endswith("stress ok"), result.stdout + result.stderr
    summary = {}
    for line in result.stdout.splitlines():
        phase, separator, rest = line.partition(": ")
        if separator and phase in phases:
            summary[phase] = dict(item.split("=", 1) for item in rest.split())
    assert set(summary) == set(phases)
    return summary


def test_fields_read_and_written_by_threads_at_once_are_never_torn(
    installed: Venv, tmp_path: Path
) -> None:
    fields = stress_objects(installed, tmp_path, "fields")["fields"]
    assert int(fields["reads"]) == 2 * 2 * 1000  # two readers, two fields, every round


def test_close_from_eight_threads_runs_gos_close_once_and_methods_stay_safe(
    installed: Venv, tmp_path: Path
) -> None:
    summary = stress_objects(installed, tmp_path, "close", "methods", "identity")
    assert summary["close"]["go_closes"] == "100"  # once per Conn: a second would panic
    # One Go pointer returned to 8 threads at once: before the fix two Python objects were made
    # and one's Go holds were never released (10 runs of 10 failed at 3000 rounds, both modes;
    # 5 of 10 at 1000).
    assert summary["identity"]["rounds"] == "3000"


def test_iterators_pulled_by_eight_threads_serialise_and_dropped_ones_release_go(
    installed: Venv, tmp_path: Path
) -> None:
    summary = stress_objects(installed, tmp_path, "iterators", "closing", "lifetimes")
    assert summary["iterators"]["values"] == str(2 * 2 * 8 * 20000)  # with a GIL, and without
    # close() from another thread while a loop and next() pull: before the fix, 20 to 33 of
    # 200 closings raised "the iterator is closed" (6 runs of 6, both modes); 100 catch it.
    assert summary["closing"]["ended"] == str(2 * 100)
    assert summary["lifetimes"]["dropped"] == str(8 * 2000)


# -- Python callables passed to Go: threads, lifetimes, exit (tests/e2e/check_callbacks.py) ----

CALLBACKS = E2E_SCRIPTS / "check_callbacks.py"
MODULE = "fixture_pkg._native"


def callbacks(installed: Venv, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """check_callbacks.py *args* in a fresh interpreter; a crash is the caller's to judge."""
    return run([installed.python, CALLBACKS, MODULE, *args], cwd=cwd, check=False)


def outcome(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, f"exit status {result.returncode}\n{result.stderr[-3000:]}"
    assert result.stderr == "", result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[0])


def test_first_calls_from_8_threads_at_once_never_crash(installed: Venv, tmp_path: Path) -> None:
    # Each run is a fresh process: the race was the dispatcher's registration, done once. Before
    # the fix, 16 and 22 runs of 30 crashed (c-shared, c-archive); 6 runs miss it 1 time in 100.
    for _ in range(6):
        assert outcome(callbacks(installed, tmp_path, "first-calls")) == {"threads": 8}


def test_results_of_64_goroutines_at_once_stay_their_own(installed: Venv, tmp_path: Path) -> None:
    # Before the fix about one round in three raised ("unpickling stack underflow").
    result = outcome(callbacks(installed, tmp_path, "parallel", "100"))
    assert (result["wrong"], result["errors"]) == (0, 0), result


def test_kept_callables_live_while_go_holds_them(installed: Venv, tmp_path: Path) -> None:
    result = outcome(callbacks(installed, tmp_path, "kept"))
    assert result == {"unraisable": 2, "callables_left": 0}


def test_exit_while_goroutines_call_python_is_clean(installed: Venv, tmp_path: Path) -> None:
    # Daemon threads and goroutines call Python callables while the interpreter exits. Before
    # the fix, 24 and 25 runs of 30 crashed (SIGSEGV, SIGILL) or printed errors; 4 runs catch it.
    for _ in range(4):
        assert outcome(callbacks(installed, tmp_path, "exit")) == {"exiting": True}


def test_go_never_enters_a_finalising_interpreter(installed: Venv, tmp_path: Path) -> None:
    # Go calls a kept callable from a goroutine during the interpreter's finalisation: the call
    # returns Go's zero value at once (before the fix the goroutine never returned: -1).
    result = callbacks(installed, tmp_path, "late")
    assert [json.loads(line) for line in result.stdout.splitlines()] == [{"kept": 2}, {"late": 0}]
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.skipif(
    os.environ.get("SETUPTOOLS_GOLANG_EXT_TESTS_BIG_MEMORY") != "1",
    reason="needs ~5 GiB of memory and ~10 s: set SETUPTOOLS_GOLANG_EXT_TESTS_BIG_MEMORY=1",
)
def test_a_callback_result_above_2_gib_arrives_whole(installed: Venv, tmp_path: Path) -> None:
    result = outcome(callbacks(installed, tmp_path, "big"))
    assert result["size"] == result["want"] > 2**31


def test_callbacks_from_8_threads_and_go_goroutines_at_once(
    installed: Venv, tmp_path: Path
) -> None:
    # Callables on the calling thread, on goroutines, kept and replaced, raising; afterwards
    # Go has released every callable it dropped and no goroutine is left.
    result = outcome(callbacks(installed, tmp_path, "stress", "8", "200"))
    assert result["failures"] == [], result
    assert (result["callables_left"], result["goroutines_left"]) == (0, 0), result
