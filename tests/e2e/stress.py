"""Stress the generated wrappers of the safety fixture: ``MODULE PHASE... [--counts]`` → a summary.

Phases, each printing one line ``PHASE: key=value ...`` with its timing:

* ``mixed``: THREADS threads make CALLS mixed calls each at the same time (Add, Echo of str and
  bytes, Sum over bytes, bytearray and memoryview, PanicIf with and without a panic), every result
  checked; afterwards Go's count of Add calls equals ours.
* ``memory``: ECHO string round trips after WARMUP ones, then PANIC_CALLS panics: the growth of
  resident memory over each (check_memory.py's measure), for the test to hold to a budget.
* ``panics``: PANIC_THREADS threads raise PANICS GoPanics each (thread t's values are
  t * 1,000,000 + i) with checked normal calls in between, while NORMAL_THREADS threads make only
  normal calls: each panic must reach its own thread with its own value, and no other.
* ``gc``: GC_WORKERS threads call Go with fresh bytes, bytearray, memoryview and str arguments,
  with gc.set_threshold(1, 1, 1) and a thread running gc.collect(), while finalizers (``__del__``
  of garbage cycles and of arguments, weakref callbacks) call Go themselves, panics included;
  Go's count of Add calls shows the finalizers' calls reached Go (``finalizer_go_calls``).
* ``signals``: the main thread raises panics while a signal handler, every millisecond, calls Go
  (a normal call and a panic): the handler runs between a Go call's return and its wrapper's
  look at the panic report, so it must neither take that report nor replace it. Go's count of
  Add calls shows how many handler calls reached Go (``go_handler_calls``).

After the phases the script prints ``stress ok``. A wrong result, a missing, misattributed or
unexpected exception, in any thread or finalizer, is printed as ``FAIL ...`` and the script exits
with status 1; a fatal error of Go (a cgocheck pointer violation, say) kills the process with Go's
report. A watchdog prints every thread's stack and exits if the run hangs for TIMEOUT seconds.
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import importlib
import itertools
import random
import signal
import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from types import FrameType
from typing import Any

from check_memory import resident_bytes

PHASES = ("mixed", "memory", "panics", "gc", "signals")
INT64 = (-(2**63), 2**63)
# Characters whose upper case is the same in Go's strings.ToUpper and Python's str.upper.
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 -_.,:;!?/éüçøжщωπ€→😀"


class Failures:
    """What went wrong, from any thread or finalizer: a count and the first messages."""

    KEEP = 40

    def __init__(self) -> None:
        self.count = 0
        self.messages: list[str] = []
        self._lock = threading.RLock()  # finalizers may run inside

    def add(self, message: str) -> None:
        with self._lock:
            self.count += 1
            if len(self.messages) < self.KEEP:
                self.messages.append(message)

    def unexpected(self, where: str) -> None:
        """Record the exception being handled, with its traceback."""
        self.add(f"{where}: unexpected exception\n{traceback.format_exc()}")


class Counter:
    """A count several threads add to."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.RLock()  # finalizers may run inside

    def add(self, amount: int = 1) -> int:
        """Add *amount*; the count as this call left it (no other thread's add comes between,
        while a later read of ``value`` may see another thread's)."""
        with self._lock:
            self.value += amount
            return self.value


def expect_panic(native: Any, value: int, failures: Failures, where: str) -> None:
    """``PanicIf(True, value)`` must raise GoPanic carrying this very call's value."""
    try:
        returned = native.PanicIf(True, value)
    except native.GoPanic as error:
        got = (error.function, error.value, error.go_type)
        if got != ("PanicIf", str(value), "int64"):
            failures.add(f"{where}: PanicIf(True, {value}) raised GoPanic {got!r}")
    else:
        failures.add(f"{where}: PanicIf(True, {value}) returned {returned!r}, no GoPanic")


def check(failures: Failures, where: str, call: str, got: object, expected: object) -> None:
    if got != expected:
        failures.add(f"{where}: {call} returned {got!r}, expected {expected!r}")


def random_text(rng: random.Random, longest: int = 200) -> str:
    return "".join(rng.choices(ALPHABET, k=rng.randrange(longest)))


def as_buffer(blob: bytes, kind: int) -> tuple[bytes | bytearray | memoryview, bytes]:
    """*blob* as a fresh buffer argument of one of several kinds, and the bytes Go must see."""
    kind %= 5
    if kind == 0:
        return bytes(bytearray(blob)), blob  # a new object: bytes(blob) is blob itself
    if kind == 1:
        return bytearray(blob), blob
    if kind == 2:
        return memoryview(blob), blob
    if kind == 3:
        start = len(blob) // 3
        return memoryview(bytearray(blob))[start:], blob[start:]  # offset into the buffer
    end = len(blob) // 2
    return memoryview(blob)[:end], blob[:end]


def run_threads(targets: Sequence[Callable[[], None]], failures: Failures) -> float:
    """Run *targets* on threads released at the same moment; the seconds until all are done."""
    barrier = threading.Barrier(len(targets) + 1)

    def run(target: Callable[[], None]) -> None:
        try:
            barrier.wait()
            target()
        except BaseException:
            failures.unexpected(threading.current_thread().name)

    threads = [
        threading.Thread(target=run, args=(target,), name=f"worker-{index}")
        for index, target in enumerate(targets)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def mixed(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    threads, calls = options.threads, options.calls
    adds, panics = Counter(), Counter()
    go_before = native.Calls()

    def worker(index: int) -> None:
        rng = random.Random(index)
        texts = [random_text(rng) for _ in range(64)] + [""]
        blobs = [rng.randbytes(rng.randrange(600)) for _ in range(64)] + [b""]
        where = f"mixed thread {index}"
        my_adds = my_panics = 0
        for _ in range(calls):
            kind = rng.randrange(100)
            if kind < 35:
                a, b = rng.randrange(-(2**62), 2**62), rng.randrange(-(2**62), 2**62)
                check(failures, where, f"Add({a}, {b})", native.Add(a, b), a + b)
                my_adds += 1
            elif kind < 60:
                text = rng.choice(texts)
                echoed = text.encode() if kind % 2 else text
                check(failures, where, f"Echo({echoed!r})", native.Echo(echoed), text.upper())
            elif kind < 85:
                argument, seen = as_buffer(rng.choice(blobs), kind)
                check(
                    failures,
                    where,
                    f"Sum({type(argument).__name__})",
                    native.Sum(argument),
                    sum(seen),
                )
            elif kind < 97:
                n = rng.randrange(*INT64)
                check(failures, where, f"PanicIf(False, {n})", native.PanicIf(False, n), n)
            else:
                expect_panic(native, rng.randrange(*INT64), failures, where)
                my_panics += 1
        adds.add(my_adds)
        panics.add(my_panics)

    seconds = run_threads([partial(worker, i) for i in range(threads)], failures)
    go_adds = native.Calls() - go_before
    our_adds, our_panics = adds.value, panics.value  # read once: what is checked is what is shown
    check(failures, "mixed", "Add calls Go counted", go_adds, our_adds)
    total = threads * calls
    return (
        f"threads={threads} calls={total} adds={our_adds} go_adds={go_adds} "
        f"panics={our_panics} seconds={seconds:.2f} us_per_call={seconds / total * 1e6:.2f}"
    )


def memory(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    text = "x" * 64
    expected = text.upper()
    for _ in range(options.warmup):  # the Go heap and the allocators reach their steady state
        native.Echo(text)
    gc.collect()
    before = resident_bytes()
    start = time.perf_counter()
    wrong = 0
    for _ in range(options.echo):
        if native.Echo(text) != expected:
            wrong += 1
    seconds = time.perf_counter() - start
    gc.collect()
    growth = resident_bytes() - before
    if wrong:
        failures.add(f"memory: {wrong} of {options.echo} Echo round trips returned a wrong string")

    for index in range(options.panic_calls // 10):  # panic reports: allocated, taken, freed
        expect_panic(native, index, failures, "memory warm-up")
    gc.collect()
    before_panics = resident_bytes()
    start = time.perf_counter()
    for index in range(options.panic_calls):
        expect_panic(native, index, failures, "memory")
    panic_seconds = time.perf_counter() - start
    gc.collect()
    panic_growth = resident_bytes() - before_panics
    return (
        f"calls={options.echo} warmup={options.warmup} growth_bytes={growth} "
        f"seconds={seconds:.2f} us_per_call={seconds / max(options.echo, 1) * 1e6:.2f} "
        f"rss_bytes={before} panic_calls={options.panic_calls} "
        f"panic_growth_bytes={panic_growth} panic_seconds={panic_seconds:.2f}"
    )


def panics(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    raised, normal_calls = Counter(), Counter()
    running = Counter()
    running.value = options.panic_threads
    done = threading.Event()

    def panicker(thread: int) -> None:
        where = f"panicking thread {thread}"
        try:
            for i in range(options.panics):
                value = thread * 1_000_000 + i
                expect_panic(native, value, failures, where)
                check(failures, where, f"Add({value}, 1)", native.Add(value, 1), value + 1)
                check(
                    failures, where, f"PanicIf(False, {value})", native.PanicIf(False, value), value
                )
                if i % 8 == 0:
                    check(failures, where, "Echo", native.Echo(f"t{thread}-{i}"), f"T{thread}-{i}")
            raised.add(options.panics)
        finally:
            if running.add(-1) == 0:  # this thread's own decrement: the last one sets done
                done.set()

    def normal(thread: int) -> None:
        where = f"normal thread {thread}"
        blob = bytes(range(256))
        calls = 0
        while not done.is_set():
            check(
                failures,
                where,
                f"Add({calls}, {thread})",
                native.Add(calls, thread),
                calls + thread,
            )
            check(failures, where, "Echo", native.Echo(f"n{thread}-{calls}"), f"N{thread}-{calls}")
            check(failures, where, "Sum", native.Sum(bytearray(blob)), 255 * 128)
            calls += 3
        normal_calls.add(calls)

    targets = [partial(panicker, t) for t in range(1, options.panic_threads + 1)]
    targets += [partial(normal, t) for t in range(options.normal_threads)]
    seconds = run_threads(targets, failures)
    pending = pending_reports(native)
    check(failures, "panics", "pending panic reports", pending, 0)
    return (
        f"panic_threads={options.panic_threads} panics={raised.value} "
        f"normal_threads={options.normal_threads} normal_calls={normal_calls.value} "
        f"pending_reports={pending} seconds={seconds:.2f}"
    )


def pending_reports(native: Any) -> int:
    """How many panic reports Go recorded that no wrapper took (the module's private count)."""
    count = getattr(native, "_panics", None)
    return -1 if count is None else int(count[0])


class Doomed:
    """Garbage in a reference cycle whose ``__del__`` calls Go, on whichever thread collects it."""

    def __init__(self, native: Any, key: int, failures: Failures, finalized: Counter) -> None:
        self.native, self.key, self.failures, self.finalized = native, key, failures, finalized
        self.cycle = self

    def __del__(self) -> None:
        try:
            native, key, where = self.native, self.key, f"__del__ of object {self.key}"
            check(self.failures, where, "Add", native.Add(key, 1), key + 1)
            check(self.failures, where, "Echo", native.Echo(f"del{key}"), f"DEL{key}")
            check(self.failures, where, "Sum", native.Sum(bytes([key % 256]) * 3), key % 256 * 3)
            expect_panic(native, -key - 1, self.failures, where)
            self.finalized.add()
        except BaseException:
            self.failures.unexpected(f"__del__ of object {self.key}")


class DoomedBuffer(bytearray):
    """A bytearray argument whose ``__del__`` calls Go when the caller drops it."""

    def __init__(self, data: bytes, native: Any, failures: Failures, finalized: Counter) -> None:
        super().__init__(data)
        self.native, self.failures, self.finalized = native, failures, finalized

    def __del__(self) -> None:
        try:
            size = len(self)
            check(
                self.failures, "__del__ of an argument", "Add", self.native.Add(size, 2), size + 2
            )
            self.finalized.add()
        except BaseException:
            self.failures.unexpected("__del__ of an argument")


class Target:
    """Weakly referenced garbage, in a cycle: only the collector frees it."""

    def __init__(self) -> None:
        self.cycle = self


class Garbage:
    """The ``gc`` phase: calls with fresh arguments while finalizers call Go, at any moment."""

    def __init__(self, native: Any, options: argparse.Namespace, failures: Failures) -> None:
        self.native, self.options, self.failures = native, options, failures
        self.finalized, self.buffers_finalized = Counter(), Counter()
        self.weak_created, self.called_back, self.collections = Counter(), Counter(), Counter()
        self.refs: dict[int, weakref.ref[Any]] = {}  # by id: a writable memoryview has no hash
        self.stop = threading.Event()

    def watch(self, target: object) -> None:
        """Call Go from a weakref callback when *target* dies."""
        ref = weakref.ref(target, self.callback)
        self.refs[id(ref)] = ref
        self.weak_created.add()

    def callback(self, ref: weakref.ref[Any]) -> None:
        native, failures = self.native, self.failures
        try:
            del self.refs[id(ref)]
            data = bytearray(b"\x07" * 100)
            check(failures, "weakref callback", "Sum", native.Sum(data), 700)
            check(failures, "weakref callback", "Echo", native.Echo("weak"), "WEAK")
            expect_panic(native, -7, failures, "weakref callback")
            self.called_back.add()
        except BaseException:
            failures.unexpected("weakref callback")

    def collector(self) -> None:
        while not self.stop.is_set():
            gc.collect(self.collections.value % 3)
            self.collections.add()
            time.sleep(0.0005)

    def worker(self, index: int) -> None:
        native, failures = self.native, self.failures
        rng = random.Random(1000 + index)
        where = f"gc worker {index}"
        for i in range(self.options.gc_iterations):
            key = index * 1_000_000 + i
            Doomed(native, key, failures, self.finalized)  # unreachable at once: a cycle for gc
            self.watch(Target())

            blob = rng.randbytes(rng.randrange(1, 300))
            argument, seen = as_buffer(blob, i)
            check(failures, where, "Sum", native.Sum(argument), sum(seen))
            del argument
            view = memoryview(bytearray(blob))  # its weakref callback runs when the call ends
            self.watch(view)
            check(failures, where, "Sum(memoryview)", native.Sum(view), sum(blob))
            del view
            doomed = DoomedBuffer(blob, native, failures, self.buffers_finalized)
            check(failures, where, "Sum(DoomedBuffer)", native.Sum(doomed), sum(blob))
            del doomed

            text = f"gc{index}-{i}-{random_text(rng, 40)}"
            check(failures, where, "Echo(str)", native.Echo(text), text.upper())
            check(failures, where, "Echo(bytes)", native.Echo(text.encode()), text.upper())
            check(failures, where, f"Add({key}, {i})", native.Add(key, i), key + i)
            expect_panic(native, key, failures, where)

    def run(self) -> str:
        workers = self.options.gc_workers
        old_threshold = gc.get_threshold()
        gc.set_threshold(1, 1, 1)
        collecting = threading.Thread(target=self.collector, name="collector")
        go_before = self.native.Calls()
        collecting.start()
        try:
            seconds = run_threads([partial(self.worker, i) for i in range(workers)], self.failures)
        finally:
            self.stop.set()
            collecting.join()
            gc.set_threshold(*old_threshold)
        gc.collect()
        gc.collect()
        iterations = workers * self.options.gc_iterations
        # Each count read once: what is checked is what the summary shows.
        finalized, buffers_finalized = self.finalized.value, self.buffers_finalized.value
        called_back, weak_created = self.called_back.value, self.weak_created.value
        # Go's count of Add calls: one per worker iteration, one per finalizer of either kind.
        finalizer_go_calls = self.native.Calls() - go_before - iterations
        failures = self.failures
        check(failures, "gc", "finalized objects", finalized, iterations)
        check(failures, "gc", "finalized arguments", buffers_finalized, iterations)
        check(
            failures,
            "gc",
            "finalizer Add calls Go counted",
            finalizer_go_calls,
            finalized + buffers_finalized,
        )
        check(failures, "gc", "weakref callbacks", called_back, weak_created)
        check(failures, "gc", "weak references left", len(self.refs), 0)
        return (
            f"workers={workers} iterations={iterations} finalizers={finalized} "
            f"argument_finalizers={buffers_finalized} finalizer_go_calls={finalizer_go_calls} "
            f"callbacks={called_back} collections={self.collections.value} "
            f"seconds={seconds:.2f}"
        )


def collect_garbage(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    return Garbage(native, options, failures).run()


def signals(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    # Handlers re-enter: Python can run the handler again at any point of a running one, so a
    # handler must not read shared state twice (a count read for the argument and again for the
    # expected value saw the nested handler's increment). next() and list.append are one call
    # each, which no handler interrupts.
    numbers = itertools.count(1)
    completed: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        n = next(numbers)  # this handler's own number, read once
        try:
            check(failures, "signal handler", f"Add({n}, 1)", native.Add(n, 1), n + 1)
            expect_panic(native, -n, failures, "signal handler")
            completed.append(n)
        except BaseException:
            failures.unexpected("signal handler")

    interval = 0.001
    go_before = native.Calls()
    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, interval, interval)
    start = time.perf_counter()
    try:
        for i in range(options.signal_calls):
            expect_panic(native, i, failures, "main thread")
            check(failures, "main thread", f"Add({i}, 2)", native.Add(i, 2), i + 2)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)  # runs pending handlers first
    seconds = time.perf_counter() - start
    handlers = next(numbers) - 1  # handlers that started
    # Go's count of Add calls: one per main-thread iteration, one per handler.
    go_handler_calls = native.Calls() - go_before - options.signal_calls
    check(failures, "signals", "handlers that completed", len(completed), handlers)
    check(failures, "signals", "handler Add calls Go counted", go_handler_calls, handlers)
    return (
        f"calls={options.signal_calls} handlers={handlers} go_handler_calls={go_handler_calls} "
        f"seconds={seconds:.2f}"
    )


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("module")
    parser.add_argument("phases", nargs="+", choices=PHASES)
    for name, default in [
        ("threads", 8),
        ("calls", 20_000),
        ("echo", 200_000),
        ("warmup", 200_000),
        ("panic-calls", 20_000),
        ("panic-threads", 8),
        ("panics", 2_000),
        ("normal-threads", 2),
        ("gc-workers", 4),
        ("gc-iterations", 1_000),
        ("signal-calls", 20_000),
        ("timeout", 600),
    ]:
        parser.add_argument(f"--{name}", type=int, default=default)
    return parser.parse_args(argv)


def run_phases(
    module: str,
    names: Sequence[str],
    timeout: int,
    phases: Mapping[str, Callable[[Any, argparse.Namespace, Failures], str]],
    options: argparse.Namespace,
) -> int:
    """Run the *phases* called *names* against *module*, each printing its summary line, under
    a watchdog of *timeout* seconds; the exit status (1: a failure was seen)."""
    native = importlib.import_module(module)
    faulthandler.dump_traceback_later(timeout, exit=True)  # a watchdog thread, no signals
    failures = Failures()
    for phase in names:
        print(f"{phase}: {phases[phase](native, options, failures)}", flush=True)
    faulthandler.cancel_dump_traceback_later()
    if failures.count:
        for message in failures.messages:
            print(f"FAIL {message}")
        print(f"stress FAILED: {failures.count} failures ({len(failures.messages)} shown)")
        return 1
    print("stress ok")
    return 0


def main(argv: Sequence[str]) -> int:
    options = parse(argv)
    phases: dict[str, Callable[[Any, argparse.Namespace, Failures], str]] = {
        "mixed": mixed,
        "memory": memory,
        "panics": panics,
        "gc": collect_garbage,
        "signals": signals,
    }
    return run_phases(options.module, options.phases, options.timeout, phases, options)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
