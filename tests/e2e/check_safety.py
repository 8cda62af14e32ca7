"""Run inside a venv with the safety fixture installed: panics, fork, multiprocessing, Ctrl-C.

``check_safety.py panics|fork|multiprocessing`` prints one JSON document for the test to check;
``check_safety.py sleep MS [interruptible]`` prints "ready", then how the call ended.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import time
from typing import Any

import fixture_pkg._native as native

PANICS: list[tuple[str, tuple[Any, ...]]] = [
    ("PanicValue", ("x",)),
    ("PanicError", ()),
    ("PanicBadError", ()),
    ("NilMapWrite", ("key",)),
    ("IndexOutOfRange", (7,)),
    ("NilPointer", ()),
    ("PanicIf", (True, 42)),
    ("Exit", (5,)),
]


def panics() -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, args in PANICS:
        try:
            returned = getattr(native, name)(*args)
        except native.GoPanic as panic:
            results[name] = {
                "message": str(panic),
                "value": panic.value,
                "go_type": panic.go_type,
                "function": panic.function,
                "stack_names_it": f"main.{name}(" in panic.go_stack,
                "is_runtime_error": isinstance(panic, RuntimeError),
            }
        else:
            results[name] = {"returned": repr(returned)}
        # The process lives on and later calls work.
        results[name]["then"] = [native.Add(2, 3), native.Echo("ok"), native.IndexOutOfRange(1)]
    return results


def fork() -> dict[str, Any]:
    native.Spin(50)  # goroutines exist: Go in a child would hang
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        outcome: dict[str, Any] = {}
        for name, call in [
            ("wrapper", lambda: native.Add(1, 2)),
            ("goroutines", lambda: native.Spin(10)),
            ("lib", lambda: native.lib.Add(1, 2)),
        ]:
            start = time.monotonic()
            try:
                call()
            except RuntimeError as error:
                outcome[name] = [type(error).__name__, str(error), time.monotonic() - start]
            else:
                outcome[name] = ["returned"]
        os.write(write_end, json.dumps(outcome).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        child = json.loads(pipe.read())
    os.waitpid(pid, 0)
    return {"child": child, "child_pid": pid, "parent_after": native.Add(2, 2)}


def add_in_worker(numbers: tuple[int, int]) -> int:
    return native.Add(*numbers)


def panic_in_worker(value: int) -> int:
    return native.PanicIf(True, value)


def pools() -> dict[str, Any]:
    native.Spin(10)  # the parent runs Go (and goroutines) before it starts workers
    # This script imports the Go module: the forkserver must not import it (3.14 would).
    multiprocessing.set_forkserver_preload([])
    results: dict[str, Any] = {}
    for method in ("spawn", "forkserver"):
        with multiprocessing.get_context(method).Pool(2) as pool:
            sums = pool.map(add_in_worker, [(i, i) for i in range(20)])
            try:
                returned = pool.apply(panic_in_worker, (7,))
            except native.GoPanic as panic:
                raised = [type(panic).__name__, panic.value, panic.function]
            else:  # each method's own outcome, never the previous method's panic
                raised = ["returned", repr(returned)]
        results[method] = {"sums": sums, "panic": raised}
    return results


def forkserver_preloading_main() -> list[str]:
    """A forkserver left to preload this script (3.14 does: the server then runs Go before it
    forks workers): what a worker's call gives, a sum or the exception's name and message."""
    native.Spin(10)
    with multiprocessing.get_context("forkserver").Pool(1) as pool:
        try:
            return ["returned", str(pool.apply(add_in_worker, ((2, 3),)))]
        except RuntimeError as error:
            return [type(error).__name__, str(error)]


def sleep(milliseconds: int, helper: bool) -> None:
    # Python's own handler, as in a terminal: a test runner started from a non-interactive
    # shell's background job may have passed SIGINT on ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    print("ready", flush=True)
    start = time.monotonic()
    try:
        if helper:
            native.interruptible(native.Sleep, milliseconds)
        else:
            native.Sleep(milliseconds)
    except KeyboardInterrupt:
        print(f"KeyboardInterrupt after {time.monotonic() - start:.3f}", flush=True)
    else:
        print(f"returned after {time.monotonic() - start:.3f}", flush=True)


def main() -> None:
    command = sys.argv[1]
    if command == "sleep":
        sleep(int(sys.argv[2]), sys.argv[3:] == ["interruptible"])
        return
    if command == "call":  # a call that ends the process; what it printed is checked
        getattr(native, sys.argv[2])()
        print("survived")
        return
    check = {
        "panics": panics,
        "fork": fork,
        "multiprocessing": pools,
        "forkserver-preloading-main": forkserver_preloading_main,
    }[command]
    print(json.dumps(check()))


if __name__ == "__main__":
    main()
