"""Ctrl-C at random moments around context functions: every KeyboardInterrupt arrives, a Go
call it interrupts is canceled (``Stopped`` counts it), the calls two other threads make
meanwhile are not, no call hangs, and the calls after work.

Two ways, by the last argument: ``default`` keeps Python's own SIGINT handler, so calls from
the main thread run Go on it and a pipe of the Go runtime (the signal wakeup fd, for the call)
cancels them: no worker thread is ever started, the wakeup fd is restored after each call, and
one the program set itself (as an event loop does) makes the calls take the worker's way and
still gets its bytes. ``custom`` installs a handler of its own, which may not raise: the calls
run on kept worker threads, and no worker is lost (each ends a second after its last call).

Run in a fresh interpreter of a venv where the objects fixture is installed:
``python stress_contexts.py fixture_pkg._native SEED ROUNDS default|custom``. Prints
"contexts ok" when every check passed.
"""

from __future__ import annotations

import importlib
import os
import random
import signal
import sys
import threading
import time
from typing import Any


def interrupted_rounds(m: Any, rounds: int) -> int:
    """*rounds* of context calls, each with a Ctrl-C from a timer at a random moment; the
    KeyboardInterrupts caught (one a round)."""
    caught = 0
    for _ in range(rounds):
        timer = threading.Timer(random.uniform(0, 0.004), os.kill, (os.getpid(), signal.SIGINT))
        try:
            timer.start()
            for _ in range(20):
                assert m.Sleep(0.0, timeout=5) >= 0
            m.Sleep(0.004)  # the Ctrl-C lands here mostly: Go's Sleep is canceled
            time.sleep(0.006)
        except KeyboardInterrupt:
            caught += 1
        while True:  # the Ctrl-C may come as the timer is joined
            try:
                timer.join()
                break
            except KeyboardInterrupt:
                caught += 1
    return caught


class Handler:
    """SIGINT's handler, counting its calls: two signals that arrive before the main thread
    runs it make one call (Python's rule), so KeyboardInterrupts are counted against calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, signum: int, frame: Any) -> None:
        self.calls += 1
        raise KeyboardInterrupt


class CallsOnOtherThreads:
    """Two threads calling a context function meanwhile: Ctrl-C cancels the main thread's calls
    only (signals reach the main thread), so theirs all return."""

    def __init__(self, m: Any) -> None:
        self.m = m
        self.counts = [0, 0]  # each thread's calls (its own slot: no shared counter)
        self.failures: list[BaseException] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(index,)) for index in (0, 1)]

    @property
    def calls(self) -> int:
        return sum(self.counts)

    def run(self, index: int) -> None:
        while not self.stop.is_set():
            try:
                self.m.Sleep(0.0005, timeout=5)
            except Exception as error:
                self.failures.append(error)
            self.counts[index] += 1

    def __enter__(self) -> CallsOnOtherThreads:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    random.seed(int(sys.argv[2]))
    rounds, default = int(sys.argv[3]), sys.argv[4] == "default"
    handler = Handler()
    signal.signal(signal.SIGINT, signal.default_int_handler if default else handler)
    with CallsOnOtherThreads(m) as others:
        caught = interrupted_rounds(m, rounds)
    assert others.calls > 0 and not others.failures, (others.calls, others.failures[:3])
    if default:  # each round's one Ctrl-C (after the last one's) is one KeyboardInterrupt
        assert caught == rounds, (caught, rounds)
        assert signal.set_wakeup_fd(-1) == -1, "the wakeup fd was not restored"
    else:  # every KeyboardInterrupt reached the caller (none swallowed on the way)
        assert caught == handler.calls >= rounds * 0.9, (caught, handler.calls, rounds)
    time.sleep(0.2)  # calls a Ctrl-C left queued run (canceled) and end
    interrupt_a_long_call(m)
    if default:
        assert not kept_workers(), "a call took a worker thread"
        interrupt_beside_another_wakeup_fd(m)
    assert m.Sleep(0.001) >= 0
    assert kept_workers(), "no kept worker"
    deadline = time.monotonic() + 5  # a kept worker ends after a second without a call
    while kept_workers() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not kept_workers(), kept_workers()
    print("contexts ok")


def interrupt_a_long_call(m: Any) -> None:
    """Ctrl-C cancels a call of 30 s at once: Go's Sleep sees ctx.Done()."""
    before = m.Stopped()
    threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
    start = time.monotonic()
    try:
        m.Sleep(30)
    except KeyboardInterrupt:
        took = time.monotonic() - start
    else:
        raise AssertionError("Sleep(30) was not interrupted")
    assert took < 5 and m.Stopped() == before + 1, (took, m.Stopped(), before)


def interrupt_beside_another_wakeup_fd(m: Any) -> None:
    """A wakeup fd of the program's own (an event loop's) stays its own: the call runs on a
    worker, Ctrl-C still cancels it, and the program's fd gets the signal's byte."""
    read, write = os.pipe()
    os.set_blocking(write, False)
    signal.set_wakeup_fd(write)
    try:
        interrupt_a_long_call(m)
        assert m.Sleep(0.001) >= 0
        assert signal.set_wakeup_fd(write) == write, "the program's wakeup fd was replaced"
        assert bytes([signal.SIGINT]) in os.read(read, 100)
    finally:
        signal.set_wakeup_fd(-1)
        os.close(read)
        os.close(write)


def kept_workers() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "Go context calls"]


if __name__ == "__main__":
    main()
