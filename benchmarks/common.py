"""What every section shares: the plan (how much to measure) and the results (named figures)."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Plan:
    """How long each section measures. ``full`` is the default, ``quick`` stays under two
    minutes, ``tiny`` only proves that every path runs (for the test suite)."""

    name: str
    rounds: int  # interleaved rounds of every call/data case (the median is reported)
    target_s: float  # time one case runs per round
    spin_s: float  # length of one CPU-bound Go call in the threads section
    thread_calls: int  # calls per thread
    thread_rounds: int
    cold_rounds: int  # builds with an empty GOCACHE
    warm_rounds: int  # builds with nothing changed
    edit_rounds: int  # rebuilds after editing one Go file
    isolated_rounds: int  # warm builds through pip's build isolation
    import_rounds: int  # fresh interpreters per import-time case
    pin: bool = True  # pin the timing thread of each worker to one CPU


PLANS = {
    "full": Plan("full", 15, 0.1, 0.2, 3, 5, 3, 7, 5, 3, 21),
    # No cold or isolated builds either: they were half of a quick run (a cold build ~40 s at a
    # load of 4), and the full run measures them.
    "quick": Plan("quick", 7, 0.01, 0.05, 2, 3, 0, 2, 1, 0, 7),
    # No cold or isolated builds: they take 20 s and exercise nothing the warm builds do not.
    "tiny": Plan("tiny", 7, 0.0005, 0.002, 1, 1, 0, 1, 1, 0, 2),
}


def choose_plan(options: argparse.Namespace) -> Plan:
    """The plan of the command-line options ``--quick``, ``--tiny``, ``--no-pin``."""
    plan = PLANS["tiny" if options.tiny else "quick" if options.quick else "full"]
    if options.no_pin:
        plan = Plan(**{**vars(plan), "pin": False})
    return plan


@dataclass
class Results:
    figures: dict[str, float | None] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # why a figure is n/a
    info: dict[str, str] = field(default_factory=dict)  # versions, machine

    def put(self, key: str, value: float | None, note: str = "") -> None:
        self.figures[key] = value
        if value is None and note:
            self.notes[key] = note

    def get(self, key: str) -> float | None:
        return self.figures.get(key)


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def spread(samples: Sequence[float]) -> float:
    """The interquartile range relative to the median: how noisy a figure is."""
    if len(samples) < 4:
        return (max(samples) - min(samples)) / statistics.median(samples)
    q1, _, q3 = statistics.quantiles(samples, n=4)
    return (q3 - q1) / statistics.median(samples)


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


STARTED = time.monotonic()


def say(message: str) -> None:
    """Progress goes to stderr, with the seconds since start; stdout carries only the report."""
    print(f"[bench {time.monotonic() - STARTED:5.1f}s] {message}", file=sys.stderr, flush=True)
