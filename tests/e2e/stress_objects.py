"""Go objects and iterators of tests/data/gopkgs/objects under threads: ``MODULE PHASE... [--counts]``.

Phases, each printing one line ``PHASE: key=value ...``:

* ``fields``: two threads assign a Box's ``Items`` (``[1]`` / a long list) and ``Label`` (short /
  long) while two others read them, ROUNDS times each: every value read is one that was
  assigned, whole (no crash, no torn or freed value).
* ``close``: CLOSES times, THREADS threads call ``close()`` on one Conn at once (Go's Close
  panics when run twice) while others ``Ping()`` it: Go's Close runs exactly once per Conn; a
  racing call gets ValueError "is closed", nothing else.
* ``methods``: THREADS threads call methods of one shared Box and of their own objects: Go's
  count of ``Hit`` calls is ours.
* ``iterators``: THREADS threads pull one endless iterator with ``next()`` (PULLS values each),
  then drain one finite iterator with loops: each value reaches exactly one thread, no thread
  sees a false end or an error; then again the way free-threaded CPython iterates (the
  module's ``_GIL`` set to False: every value taken under the iterator's lock).
* ``closing``: CLOSINGS times, a thread closes an endless iterator (and an endless channel
  iterator) that two others pull, one with a loop and one with ``next()``, with a GIL's way and
  the locked way: each pull just ends (close() promises the end, never an error),
  ``next()`` afterwards raises StopIteration, and Go's handles and goroutines come back.
* ``identity``: THREADS threads get the same Go pointer (``Shared()``) twice at once,
  IDENTITIES times, switching threads as often as the interpreter can: each gets one Python
  object for it, no finalizer raises, and Go's handle count comes back to where it was.
* ``lifetimes``: THREADS threads make ITERATORS iterators and channel iterators each and drop
  them without starting them: Go's handle and goroutine counts come back to where they were.

Prints ``stress ok`` after the phases; failures are printed as ``FAIL ...`` (exit status 1).
A crash kills the process: the test sees no ``stress ok``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from stress import Counter, Failures, check, run_phases, run_threads

PHASES = ("fields", "close", "methods", "iterators", "closing", "identity", "lifetimes")
LONG = 20_000  # items of the long list a writer assigns (and characters of the long label)


def fields(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    box = native.Box()
    short_items, long_items = [1], list(range(LONG))
    short_label, long_label = "s", "L" * LONG
    box.Items, box.Label = short_items, short_label
    reads = Counter()

    def writer(items: list[int], label: str) -> None:
        for _ in range(options.rounds):
            box.Items = items
            box.Label = label

    def reader(index: int) -> None:
        where = f"fields reader {index}"
        for _ in range(options.rounds):
            items, label = list(box.Items), box.Label  # Items: an array.array
            if items != short_items and (len(items) != LONG or items[-1] != LONG - 1):
                failures.add(f"{where}: Items read {len(items)} items, never assigned")
            if label not in (short_label, long_label):
                failures.add(f"{where}: Label read {len(label)} characters, never assigned")
        reads.add(2 * options.rounds)

    targets = [partial(writer, short_items, long_label), partial(writer, long_items, short_label)]
    targets += [partial(reader, index) for index in range(2)]
    seconds = run_threads(targets, failures)
    return f"rounds={options.rounds} reads={reads.value} seconds={seconds:.2f}"


def close(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    closed_before = native.ConnsClosed()
    racing = Counter()
    for _ in range(options.closes):
        conn = native.NewConn()

        def closer(conn: Any = conn) -> None:
            try:
                conn.close()
            except ValueError as error:  # another thread is closing it
                if "is closed" not in str(error):
                    raise
                racing.add()

        def pinger(conn: Any = conn) -> None:
            try:
                conn.Ping()
            except ValueError as error:
                if "is closed" not in str(error):
                    raise

        half = options.threads // 2
        run_threads([closer] * half + [pinger] * (options.threads - half), failures)
        conn.close()  # again: nothing
    closed = native.ConnsClosed() - closed_before
    check(failures, "close", "Go Close calls", closed, options.closes)
    return f"conns={options.closes} go_closes={closed} racing_closes={racing.value}"


def methods(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    shared = native.Box()
    calls = options.rounds

    def worker(index: int) -> None:
        where = f"methods thread {index}"
        own = native.Counter(f"c{index}", 1)
        for i in range(calls):
            shared.Hit()
            check(failures, where, "own Counter.Add(1)", own.Add(1), i + 1)
            if not 0 < native.Box().Hit() == 1:
                failures.add(f"{where}: a new Box's first Hit() is not 1")

    seconds = run_threads([partial(worker, index) for index in range(options.threads)], failures)
    total = options.threads * calls
    check(failures, "methods", "shared Box hits", shared.Hit() - 1, total)
    return f"threads={options.threads} calls={3 * total} seconds={seconds:.2f}"


def iterators(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    pulled = pull_and_drain(native, options, failures, "iterators")
    # Free-threaded CPython's way (every value under the lock), here with a GIL: the module
    # chose it at import; its choice is a global that can be changed.
    gil, native._GIL = native._GIL, False
    try:
        pulled += pull_and_drain(native, options, failures, "iterators (locked)")
    finally:
        native._GIL = gil
    return f"threads={options.threads} values={pulled}"


def pull_and_drain(native: Any, options: argparse.Namespace, failures: Failures, where: str) -> int:
    """THREADS threads pull one endless iterator with next(), then drain a finite one with
    loops: each value must reach one thread; the number of values checked."""
    endless = native.Forever()
    pulled: list[list[int]] = [[] for _ in range(options.threads)]

    def puller(index: int) -> None:
        pulled[index] = [next(endless) for _ in range(options.pulls)]

    run_threads([partial(puller, index) for index in range(options.threads)], failures)
    values = sorted(value for mine in pulled for value in mine)
    expected = options.threads * options.pulls
    check(failures, where, "values pulled from Forever()", values, list(range(expected)))

    finite, drained = native.Count(expected), [[] for _ in range(options.threads)]

    def drainer(index: int) -> None:
        drained[index] = list(finite)

    run_threads([partial(drainer, index) for index in range(options.threads)], failures)
    values = sorted(value for mine in drained for value in mine)
    check(failures, where, "values drained from Count()", values, list(range(expected)))
    return 2 * expected


def closing(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    gc.collect()
    start = native._go_stats()
    ended = Counter()
    gil = native._GIL
    try:
        for index in range(options.closings):
            native._GIL = gil if index % 2 else False  # with a GIL's fast path, and locked
            close_pulled(native, index, failures, ended)
    finally:
        native._GIL = gil
    stats = settle(native, start)  # each producer stopped, each context released
    if stats[0] > start[0] or stats[1] > start[1]:
        failures.add(f"closing: handles and goroutines {stats}, were {start}")
    return f"closings={options.closings} ended={ended.value}"


def close_pulled(native: Any, index: int, failures: Failures, ended: Counter) -> None:
    """Close an endless iterator while a loop and next() pull it: both just end."""
    endless = native.Forever() if index % 4 < 2 else native.Stream(timeout=60.0)

    def looper() -> None:
        for _ in endless:
            pass
        ended.add()

    def puller() -> None:
        while next(endless, None) is not None:
            pass
        ended.add()

    def closer() -> None:
        time.sleep(0.0005 * (index % 5))  # sometimes between batches, sometimes during one
        endless.close()

    run_threads([looper, puller, closer], failures)
    if next(endless, None) is not None:
        failures.add(f"closing {index}: next() gave a value after close()")


def identity(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    gc.collect()
    start = native._go_stats()
    barrier = threading.Barrier(options.threads)

    def getter(index: int) -> None:
        for _ in range(options.identities):
            barrier.wait()
            first, second = native.Shared(), native.Shared()
            if first is not second:
                failures.add(f"identity thread {index}: two Python objects of one Go pointer")
            del first, second  # before the next round: each round makes the object anew

    def unraisable(report: Any) -> None:
        failures.add(f"identity: a finalizer raised {report.exc_value!r}")

    interval, hook = sys.getswitchinterval(), sys.unraisablehook
    sys.setswitchinterval(1e-6)  # the race's window is a few bytecodes between two threads
    sys.unraisablehook = unraisable
    try:
        seconds = run_threads(
            [partial(getter, index) for index in range(options.threads)], failures
        )
        stats = settle(native, start)
    finally:
        sys.setswitchinterval(interval)
        sys.unraisablehook = hook
    if stats[0] > start[0]:
        failures.add(f"identity: {stats[0] - start[0]} Go handles never released")
    return f"rounds={options.identities} handles={stats[0]},{start[0]} seconds={seconds:.2f}"


def lifetimes(native: Any, options: argparse.Namespace, failures: Failures) -> str:
    gc.collect()
    start = native._go_stats()

    def dropper() -> None:
        for index in range(options.iterators):
            native.Forever() if index % 2 else native.Stream(timeout=60.0)

    seconds = run_threads([dropper] * options.threads, failures)
    stats = settle(native, start)
    if stats[0] > start[0] or stats[1] > start[1]:
        failures.add(f"lifetimes: handles and goroutines {stats}, were {start}")
    made = options.threads * options.iterators
    return f"dropped={made} stats={stats[0]},{stats[1]} start={start[0]},{start[1]} seconds={seconds:.2f}"


def settle(native: Any, start: tuple[int, int]) -> tuple[int, int]:
    """Go's handle and goroutine counts once the producers told to stop have ended."""
    gc.collect()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        handles, goroutines = native._go_stats()
        if handles <= start[0] and goroutines <= start[1]:
            break
        time.sleep(0.01)
    return native._go_stats()  # type: ignore[no-any-return]


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("module")
    parser.add_argument("phases", nargs="+", choices=PHASES)
    for name, default in [
        ("threads", 8),
        ("rounds", 1000),
        ("closes", 100),
        ("pulls", 20_000),
        ("closings", 200),
        ("identities", 3000),
        ("iterators", 10_000),
        ("timeout", 600),
    ]:
        parser.add_argument(f"--{name}", type=int, default=default)
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    options = parse(argv)
    phases: dict[str, Callable[[Any, argparse.Namespace, Failures], str]] = {
        "fields": fields,
        "close": close,
        "methods": methods,
        "iterators": iterators,
        "closing": closing,
        "identity": identity,
        "lifetimes": lifetimes,
    }
    return run_phases(options.module, options.phases, options.timeout, phases, options)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
