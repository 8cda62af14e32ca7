#!/usr/bin/env python3
"""What Python callables passed to Go cost (issue 20's callback rules).

``benchmarks/go/callbacks`` is built with this checkout's tool in both modes (a builder venv
with the tool's wheel, ``pip wheel --no-build-isolation``, a runtime venv with the wheels and
cffi), and each mode is timed in its own process: every round times every case once, in a
shuffled order; the figure is the median of the rounds. The cases: a plain call ``Add(1, 2)``
for scale; one call of a callable on the calling thread (``Apply`` over 1,000 numbers, per
number); a call that passes a callable Go never calls (``Ignore``: the registration, Go's
cleanup and the end of the call); a round trip through a goroutine (``Later``). Also reported:
how many callables Go had not yet released at the most while ``Ignore`` ran 200,000 times
(they wait for Go's next garbage collection).

Run it with the development venv::

    .venv/bin/python benchmarks/callbackcost.py [--rounds 15] [--json results.json]
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

GO_PACKAGE = HERE / "go" / "callbacks"
MODES = ("c-shared", "c-archive")

# Runs in the runtime venv, once per mode: prints a JSON object of medians (seconds per call or
# per callable's call) and the most callables waiting for Go's collector.
WORKER = textwrap.dedent(
    """
    import json, random, statistics, sys, timeit
    import {module} as m

    numbers = list(range(1000))
    identity = lambda n: n
    assert m.Apply(numbers, identity) == sum(numbers) and m.Later(identity) == 1

    def waiting():
        most = 0
        for i in range(200_000):
            m.Ignore(identity)
            if i % 1000 == 0:
                most = max(most, len(m._callbacks))
        return most

    cases = {{
        "plain_call": (lambda: m.Add(1, 2), 100_000, 1),
        "callable_called": (lambda: m.Apply(numbers, identity), 20, len(numbers)),
        "callable_passed": (lambda: m.Ignore(identity), 20_000, 1),
        "goroutine_round_trip": (lambda: m.Later(identity), 2_000, 1),
    }}
    samples = {{name: [] for name in cases}}
    for _ in range(int(sys.argv[1])):
        order = list(cases)
        random.shuffle(order)
        for name in order:
            call, number, each = cases[name]
            samples[name].append(timeit.timeit(call, number=number) / number / each)
    figures = {{name: statistics.median(values) for name, values in samples.items()}}
    figures["most_waiting"] = waiting()
    print(json.dumps(figures))
    """
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="callbackcost-") as scratch:
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
        name = "callbackbench_" + mode.replace("-", "_")
        project = write_project(scratch, name, GO_PACKAGE, [("_native", "go", mode)])
        out = scratch / f"wheels-{mode}"
        say(f"building and installing {mode}")
        wheel = pip_command(builder, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out)
        run([*wheel, project], env)
        run(pip_command(runtime, "install", "-q", *out.glob("*.whl"), "cffi"), env)
        say(f"timing {mode}: {rounds} rounds")
        source = WORKER.format(module=f"{name}._native")
        figures[mode] = json.loads(
            run([runtime.python, "-c", source, str(rounds)], env, cwd=scratch)
        )
    return figures


def report(figures: Mapping[str, Mapping[str, float]]) -> str:
    lines = ["| | " + " | ".join(MODES) + " |", "|---|" + "---|" * len(MODES)]
    rows = [
        ("a plain call `Add(1, 2)`", "plain_call", 1e9, "ns"),
        ("a callable called on the calling thread (per call)", "callable_called", 1e9, "ns"),
        ("a call passing a callable Go never calls", "callable_passed", 1e9, "ns"),
        ("a callable called on a goroutine (`Later`)", "goroutine_round_trip", 1e6, "µs"),
    ]
    for label, key, scale, unit in rows:
        cells = [f"{figures[mode][key] * scale:.2f} {unit}" for mode in MODES]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    most = " | ".join(str(int(figures[mode]["most_waiting"])) for mode in MODES)
    lines.append(f"| callables waiting for Go's collector, at the most | {most} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
