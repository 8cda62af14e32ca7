"""``python -m example_pkg``: Go's linear-time regexp against Python's backtracking ``re``."""

from __future__ import annotations

import re
import time
from typing import Callable

import example_pkg

PATTERN = r"(a+)+$"  # a classic catastrophic-backtracking pattern


def _seconds(func: Callable[[], object], repeat: int = 1) -> float:
    """The best time of ``repeat`` calls of func."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def _human(seconds: float) -> str:
    for unit, size in (("years", 365 * 86400), ("days", 86400), ("hours", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds * 1e3:.3f} ms" if seconds < 1 else f"{seconds:.1f} s"


def main() -> None:
    fast = example_pkg.compile(PATTERN)
    slow = re.compile(PATTERN)
    fast.search("warm up")  # the first call into Go pays for loading and starting its runtime
    print(f'Pattern {PATTERN} on "a" * N + "b" (it never matches):')
    print(f"{'N':>4}  {'example_pkg (Go)':>16}  {'re (backtracking)':>22}")
    times: dict[int, float] = {}
    for n in (16, 18, 20):
        text = "a" * n + "b"
        times[n] = _seconds(lambda: slow.search(text))  # noqa: B023 (called right away)
        go = _seconds(lambda: fast.search(text), repeat=5)  # noqa: B023
        print(f"{n:>4}  {_human(go):>16}  {_human(times[n]):>22}")
    # re's time grows by a constant factor per extra "a": extrapolate instead of waiting.
    factor = (times[20] / times[16]) ** (1 / 4)
    text = "a" * 40 + "b"
    go = _seconds(lambda: fast.search(text), repeat=5)
    estimate = f"~{_human(times[20] * factor**20)} (not run)"
    print(f"{40:>4}  {_human(go):>16}  {estimate:>22}")
    print(f"re's time grows x{factor:.1f} per extra 'a'; example_pkg's grows linearly.")
    print()
    example = example_pkg.sub(r"(\w+)@(\w+)", "$2 at $1", "mail bob@example now")
    print(f'example_pkg.sub(r"(\\w+)@(\\w+)", "$2 at $1", "mail bob@example now") -> {example!r}')


if __name__ == "__main__":
    main()
