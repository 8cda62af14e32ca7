"""Ctrl-C at random moments around context functions, whose calls from the main thread run on
kept worker threads: every KeyboardInterrupt arrives, a Go call it interrupts is canceled
(``Stopped`` counts it), no call hangs, the calls after work, and no worker is lost: each ends
a second after its last call.

Run in a fresh interpreter of a venv where the objects fixture is installed:
``python stress_contexts.py fixture_pkg._native SEED ROUNDS``. Prints "contexts ok" when every
check passed.
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


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    random.seed(int(sys.argv[2]))
    rounds = int(sys.argv[3])
    handler = Handler()
    signal.signal(signal.SIGINT, handler)
    caught = interrupted_rounds(m, rounds)
    # Every KeyboardInterrupt reached the caller (none swallowed on the way), nearly every
    # round's Ctrl-C was its own.
    assert caught == handler.calls >= rounds * 0.9, (caught, handler.calls, rounds)
    time.sleep(0.2)  # calls a Ctrl-C left queued run (canceled) and end
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
    assert m.Sleep(0.001) >= 0
    assert kept_workers(), "no kept worker"
    deadline = time.monotonic() + 5  # a kept worker ends after a second without a call
    while kept_workers() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not kept_workers(), kept_workers()
    print("contexts ok")


def kept_workers() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "Go context calls"]


if __name__ == "__main__":
    main()
