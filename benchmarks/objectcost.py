#!/usr/bin/env python3
"""What Go objects, iterators and contexts cost, against what users compare them with.

The goals (issue 11): a method call on a Go object at most 1.2x a function call with the same
arguments; iterating 1,000,000 ints from a Go ``iter.Seq`` at most 3x iterating a Python list of
them. ``benchmarks/go/objects`` is built with this checkout's tool in both modes (a builder venv
with the tool's wheel, ``pip wheel --no-build-isolation``, a runtime venv with the wheels and
cffi), and each mode is timed in its own process (one Go runtime per process): every round times
every case once, in a shuffled order; the figure is the median of the rounds, and each ratio
is of two figures of the same process. Also reported: a ``<-chan int`` of 1,000,000 ints (a
buffered channel, through its context), making and dropping one object, and a call with a
context (the call runs on a worker thread so that Ctrl-C can cancel it).

Run it with the development venv::

    .venv/bin/python benchmarks/objectcost.py [--rounds 15] [--json results.json]

Separate from run.py (another engineer's suite); it shares tests/venvs.py with it.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from common import say
from lab import HERE, run, write_project
from venvs import Venv, build_tool_wheel, pip_command, pip_environment

GO_PACKAGE = HERE / "go" / "objects"
MODES = ("c-shared", "c-archive")
GOALS = {"method_vs_function": 1.2, "iterate_vs_list": 3.0}

# Runs in the runtime venv, once per mode: prints a JSON object of medians (seconds per call,
# or per whole iteration of 1,000,000 values).
WORKER = textwrap.dedent(
    """
    import gc, json, random, statistics, sys, timeit
    import {module} as m

    adder = m.NewAdder(0)
    endless = m.Ints(2**62)
    listed = list(range(1_000_000))
    assert adder.Add(1, 2) == m.Add(1, 2) == 3
    assert sum(m.Ints(1_000_000)) == sum(listed) == sum(m.Channel(1_000_000))

    def drain(iterable):
        for _ in iterable:
            pass

    cases = {{
        "function": (lambda: m.Add(1, 2), 200_000),
        "method": (lambda: adder.Add(1, 2), 200_000),
        "iterate_go": (lambda: drain(m.Ints(1_000_000)), 3),
        "iterate_list": (lambda: drain(listed), 3),
        "iterate_channel": (lambda: drain(m.Channel(1_000_000)), 1),
        "object_made_and_dropped": (lambda: m.NewAdder(1), 50_000),
        "field_get": (lambda: adder.Base, 200_000),
        "field_set": (lambda: setattr(adder, "Base", 0), 200_000),
        "next_value": (lambda: next(endless), 200_000),
        "context_call": (lambda: m.Nothing(), 2_000),
    }}
    samples = {{name: [] for name in cases}}
    for _ in range(int(sys.argv[1])):
        order = list(cases)
        random.shuffle(order)
        for name in order:
            call, number = cases[name]
            samples[name].append(timeit.timeit(call, number=number) / number)
    gc.collect()
    print(json.dumps({{name: statistics.median(values) for name, values in samples.items()}}))
    """
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="objectcost-") as scratch:
        figures = measure(Path(scratch), args.rounds)
    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    return 0


def measure(scratch: Path, rounds: int) -> dict[str, dict[str, float]]:
    say("building this checkout's wheel and the builder venv")
    env = pip_environment(build_tool_wheel(scratch / "tool", scratch / "wheelhouse"))
    builder = Venv.create(scratch / "builder")
    run(pip_command(builder, "install", "-q", "setuptools-golang-ext", "setuptools>=70.1"), env)
    runtime = Venv.create(scratch / "runtime")
    figures = {}
    for mode in MODES:
        name = "objectbench_" + mode.replace("-", "_")
        project = write_project(scratch, name, GO_PACKAGE, [("_native", "go", mode)])
        out = scratch / f"wheels-{mode}"
        say(f"building and installing {mode}")
        wheel = pip_command(builder, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out)
        run([*wheel, project], env)
        run(pip_command(runtime, "install", "-q", *out.glob("*.whl"), "cffi"), env)
        say(f"timing {mode}: {rounds} rounds")
        source = WORKER.format(module=f"{name}._native")
        medians = json.loads(run([runtime.python, "-c", source, str(rounds)], env, cwd=scratch))
        figures[mode] = derive(medians)
    return figures


def derive(medians: Mapping[str, float]) -> dict[str, float]:
    figures = dict(medians)
    figures["method_vs_function"] = medians["method"] / medians["function"]
    figures["iterate_vs_list"] = medians["iterate_go"] / medians["iterate_list"]
    figures["channel_vs_list"] = medians["iterate_channel"] / medians["iterate_list"]
    return figures


def report(figures: Mapping[str, Mapping[str, float]]) -> str:
    lines = [
        "| | " + " | ".join(MODES) + " |",
        "|---|" + "---|" * len(MODES),
    ]
    rows = [
        ("function call `Add(1, 2)`", "function", 1e9, "ns"),
        ("method call `adder.Add(1, 2)`", "method", 1e9, "ns"),
        ("method / function (goal ≤ 1.2)", "method_vs_function", 1, "x"),
        ("iterate 1M ints of an `iter.Seq`", "iterate_go", 1e3, "ms"),
        ("iterate a list of 1M ints", "iterate_list", 1e3, "ms"),
        ("Go iterator / list (goal ≤ 3)", "iterate_vs_list", 1, "x"),
        ("iterate 1M ints of a `<-chan int`", "iterate_channel", 1e3, "ms"),
        ("channel / list", "channel_vs_list", 1, "x"),
        ("make and drop an object", "object_made_and_dropped", 1e9, "ns"),
        ("read a field `adder.Base`", "field_get", 1e9, "ns"),
        ("set a field `adder.Base = 0`", "field_set", 1e9, "ns"),
        ("`next()` of an `iter.Seq[int]`", "next_value", 1e9, "ns"),
        ("a call with a context", "context_call", 1e6, "µs"),
    ]
    for label, key, scale, unit in rows:
        cells = [f"{figures[mode][key] * scale:.2f} {unit}" for mode in MODES]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    verdicts = [
        f"{goal} ({mode}): {figures[mode][goal]:.2f}, goal ≤ {limit}: "
        + ("met" if figures[mode][goal] <= limit else "missed")
        for goal, limit in GOALS.items()
        for mode in MODES
    ]
    return "\n".join([*lines, "", *verdicts])


if __name__ == "__main__":
    raise SystemExit(main())
