"""Checks Python callables passed to Go (tests/data/gopkgs/objects): threads, lifetimes, exit.

Run in a fresh interpreter of a venv where the fixture is installed:
``python check_callbacks.py fixture_pkg._native COMMAND [ARGS]``; each command prints one line
of JSON (or exits non-zero: a crash is the failure it looks for).

* ``first-calls``: 8 threads behind a barrier make the process's first calls that pass callables.
* ``parallel ROUNDS``: Go calls a callable from 64 goroutines at once, ROUNDS times.
* ``kept``: callables Go keeps after the call (a registration API) live while Go holds them, are
  released when Go drops them, and their errors after the call reach sys.unraisablehook.
* ``exit``: the interpreter exits while goroutines and daemon threads call Python callables.
* ``late``: Go calls a kept callable while the interpreter finalises (builtins are cleared).
* ``big``: a callback result above 2 GiB (about 10 s and 5 GiB of memory).
* ``stress THREADS ROUNDS``: THREADS threads mix every kind of callback call at once.
"""

from __future__ import annotations

import builtins
import gc
import importlib
import json
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any


def first_calls(m: Any) -> dict[str, Any]:
    barrier = threading.Barrier(8)
    results: list[Any] = []

    def work(number: int) -> None:
        barrier.wait()
        results.append(list(m.Apply([1, 2, 3], lambda n: n * number)))

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [[n, 2 * n, 3 * n] for n in range(8)], results
    return {"threads": len(results)}


def parallel(m: Any, rounds: int) -> dict[str, Any]:
    def slow(i: int) -> int:
        time.sleep(0.0005)  # goroutines wait for the interpreter, and move between threads
        return i

    wrong, errors = 0, []
    for _ in range(rounds):
        try:
            wrong += m.CallParallel(slow, 64) != 64 * 63 // 2
        except Exception as error:
            errors.append(repr(error))
    return {"rounds": rounds, "wrong": wrong, "errors": len(errors), "first": errors[:1]}


class Unraisable:
    """Collects what reaches sys.unraisablehook."""

    def __init__(self) -> None:
        self.seen: list[BaseException | None] = []
        sys.unraisablehook = self.hook

    def hook(self, args: Any) -> None:
        self.seen.append(args.exc_value)

    def __exit__(self, *_: object) -> None:
        sys.unraisablehook = sys.__unraisablehook__


def released(m: Any, ref: weakref.ref[Any], timeout: float = 10) -> bool:
    """Whether the callable *ref* names is released once Go collects its garbage."""
    deadline = time.monotonic() + timeout
    while ref() is not None and time.monotonic() < deadline:
        m.CollectGarbage()
        gc.collect()
        time.sleep(0.01)
    return ref() is None


class Upper:
    def __call__(self, text: str) -> str:
        return text.upper()


def kept(m: Any) -> dict[str, Any]:
    upper = Upper()
    ref = weakref.ref(upper)
    m.AddModifier("upper", upper)
    del upper
    gc.collect()
    m.CollectGarbage()
    time.sleep(0.05)
    assert ref() is not None, "released while Go holds it"
    assert m.Modify("upper", "abc") == "ABC"  # later, from another call
    assert m.ModifyOnGoroutines("upper", "abc", "ABC", 64) == 0  # from Go's own goroutines
    m.Keep(lambda n: n + 1)
    assert m.Fire(5) == 6 and m.CallKeptOnGoroutine() == 2
    sizes = [0, 1000, 1024, 1025, 10**6]  # in Go's buffer of 1024 bytes, or not
    assert [m.ResultSize(lambda n=n: bytes(n)) for n in sizes] == sizes
    m.DropModifier("upper")
    assert released(m, ref), "not released after Go dropped it"
    hook = Unraisable()
    try:
        m.AddModifier("raises", lambda text: {}[text])
        m.AddModifier("int", lambda text: 3)
        # The calls that passed them are over: Go gets zero values, the errors are reported.
        assert m.Modify("raises", "key") == "" and m.Modify("int", "x") == ""
    finally:
        hook.__exit__()
    kinds = [f"{type(error).__name__}: {error}" for error in hook.seen]
    assert kinds[0] == "KeyError: 'key'", kinds
    assert kinds[1].startswith("TypeError: <function kept.<locals>.<lambda> at "), kinds
    assert kinds[1].endswith(": callback result: expected str for Go string, got int"), kinds
    m.DropModifier("raises")
    m.DropModifier("int")
    return {"unraisable": len(kinds), **registrations_left_behind(m)}


def registrations_left_behind(m: Any) -> dict[str, int]:
    """Calls that fail before Go, or whose callables raise, leave no registration behind."""
    m.CollectGarbage()
    before = settled_callables(m, 10**9)

    def raises(error: Exception) -> Callable[[int], int]:
        def raising(n: int) -> int:
            raise error

        return raising

    for _ in range(100):
        for call, expected in (
            (lambda: m.Both(lambda n: n, 3), TypeError),  # not a callable, after one
            (lambda: m.Each(3, lambda word, at: True), TypeError),  # a wrong argument
            (lambda: m.Both(raises(KeyError("f")), raises(ValueError("g"))), KeyError),
        ):
            try:
                call()
            except expected:
                continue
            raise AssertionError(f"no {expected.__name__}")
    assert m.Both(lambda n: n * 10, lambda n: n) == 12
    return {"callables_left": settled_callables(m, before) - before}


def settled_callables(m: Any, at_most: int) -> int:
    """How many callables the module holds once Go released those it dropped (at most
    *at_most*, or after 10 seconds)."""
    deadline = time.monotonic() + 10
    while len(m._callbacks) > at_most and time.monotonic() < deadline:
        m.CollectGarbage()
        time.sleep(0.01)
    return len(m._callbacks)


def exit_while_called(m: Any) -> dict[str, Any]:
    m.Apply([1], lambda n: n)  # the dispatcher exists before the threads start

    def loop() -> None:
        while True:
            m.CallParallel(lambda n: n, 16)

    for _ in range(4):
        threading.Thread(target=loop, daemon=True).start()
    m.KeepCalling(lambda n: n)
    time.sleep(0.05)
    return {"exiting": True}


class LateCaller:
    """Calls Go from a finaliser that runs late in the interpreter's exit (builtins are
    cleared last), and Go calls the callable Keep kept on a goroutine of its own."""

    def __init__(self, m: Any) -> None:
        self.call = m._lib_CallKeptOnGoroutine  # cffi's function: no module globals needed
        self.write = os.write

    def __del__(self) -> None:
        self.write(1, b'{"late": %d}\n' % self.call())


def late(m: Any) -> dict[str, Any]:
    m.Keep(lambda n: n + 1)
    builtins._late_caller = LateCaller(m)  # type: ignore[attr-defined]
    return {"kept": m.CallKeptOnGoroutine()}


def big(m: Any) -> dict[str, Any]:
    size = 2**31 + 10
    return {"size": m.ResultSize(lambda: bytes(size)), "want": size}


def stress_thread(m: Any, number: int, rounds: int, failures: list[str]) -> None:
    """One thread's mix: callables on the calling thread, on goroutines, kept, raising."""

    def expect(what: str, got: object, want: object) -> None:
        if got != want:
            failures.append(f"thread {number}: {what}: {got!r} != {want!r}")

    name = f"thread{number}"
    for round_ in range(rounds):
        expect(
            "Apply",
            list(m.Apply([1, 2, 3], lambda n: n * number)),
            [number, 2 * number, 3 * number],
        )
        expect("Later", m.Later(lambda round_=round_: f"{name}/{round_}"), f"{name}/{round_}")
        long = f"{name}/{round_}" * 200  # beyond Go's buffer: memory of the result's own
        expect("Later long", m.Later(lambda long=long: long), long)
        expect("CallParallel", m.CallParallel(lambda n: n + number, 8), 28 + 8 * number)
        if round_ % 4 == 0:  # a new registration drops the one before: Go releases it
            suffix = f"-{number}-{round_}"
            m.AddModifier(name, lambda text, suffix=suffix: text + suffix)
        want = f"x-{number}-{round_ - round_ % 4}"
        expect("Modify", m.Modify(name, "x"), want)
        expect("ModifyOnGoroutines", m.ModifyOnGoroutines(name, "x", want, 4), 0)
        try:
            m.Each("a b", lambda word, at, round_=round_: {}[(number, round_)])
        except KeyError as error:
            expect("raised", error.args, ((number, round_),))
        else:
            failures.append(f"thread {number}: Each did not raise")
    m.DropModifier(name)


def stress(m: Any, threads: int, rounds: int) -> dict[str, Any]:
    m.Apply([1], lambda n: n)
    m.CollectGarbage()
    start_callables, start_goroutines = len(m._callbacks), m._go_stats()[1]
    failures: list[str] = []
    barrier = threading.Barrier(threads)

    def run(number: int) -> None:
        barrier.wait()
        try:
            stress_thread(m, number, rounds, failures)
        except BaseException as error:
            failures.append(f"thread {number}: {error!r}")

    began = time.monotonic()
    workers = [threading.Thread(target=run, args=(number,)) for number in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    took = time.monotonic() - began
    return {
        "failures": failures[:5],
        "seconds": round(took, 2),
        "calls": threads * rounds * 7,
        "callables_left": settled_callables(m, start_callables) - start_callables,
        "goroutines_left": m._go_stats()[1] - start_goroutines,
    }


COMMANDS: dict[str, Callable[..., dict[str, Any]]] = {
    "first-calls": first_calls,
    "parallel": parallel,
    "kept": kept,
    "exit": exit_while_called,
    "late": late,
    "big": big,
    "stress": stress,
}


def main() -> None:
    module, command, *args = sys.argv[1:]
    m = importlib.import_module(module)
    print(json.dumps(COMMANDS[command](m, *map(int, args))), flush=True)


if __name__ == "__main__":
    main()
