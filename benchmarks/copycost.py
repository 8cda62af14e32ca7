#!/usr/bin/env python3
"""What the memory-ownership rules cost: a ``[]byte`` argument, copied or shared.

Go never writes an immutable Python object (a read-only buffer such as ``bytes`` is copied by
the Python wrapper) and, in an ordinary package, never keeps Python's memory past the call (the
shim gives Go its own copy and writes it back into a writable buffer after the call). The
cgo-style twin (``LenBytes``, ``benchmarks/go/copies/cgo``) reads a writable buffer in place:
the zero-copy baseline. Each size is timed for the four ways, in one process per mode (one Go
runtime per process); every round times every case once, in a shuffled order; the figure is
the median of the rounds.

Run it with the development venv::

    .venv/bin/python benchmarks/copycost.py [--rounds 9] [--json results.json]
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

GO_PACKAGE = HERE / "go" / "copies"
MODES = ("c-shared", "c-archive")
SIZES = (10, 1024, 64 * 1024, 1024 * 1024)
WAYS = {
    "cgo_bytearray": "cgo style, bytearray (zero copy)",
    "cgo_bytes": "cgo style, bytes (one copy, Python)",
    "plain_bytearray": "ordinary package, bytearray (Go's copy + write-back)",
    "plain_bytes": "ordinary package, bytes (Python's copy + Go's copy + write-back)",
}

# Runs in the runtime venv, once per mode: prints a JSON object of medians (seconds per call).
WORKER = textwrap.dedent(
    """
    import json, random, statistics, sys, timeit
    import {name}._plain as plain, {name}._cgo as cgo

    cases = {{}}
    for size in {sizes}:
        data, buffer = b"x" * size, bytearray(size)
        assert plain.Len(data) == cgo.LenBytes(buffer) == size
        number = max(20, 2_000_000 // (size + 2_000))
        cases[f"cgo_bytearray {{size}}"] = (lambda b=buffer: cgo.LenBytes(b), number)
        cases[f"cgo_bytes {{size}}"] = (lambda b=data: cgo.LenBytes(b), number)
        cases[f"plain_bytearray {{size}}"] = (lambda b=buffer: plain.Len(b), number)
        cases[f"plain_bytes {{size}}"] = (lambda b=data: plain.Len(b), number)
    samples = {{name: [] for name in cases}}
    for _ in range(int(sys.argv[1])):
        order = list(cases)
        random.shuffle(order)
        for name in order:
            call, number = cases[name]
            samples[name].append(timeit.timeit(call, number=number) / number)
    print(json.dumps({{name: statistics.median(values) for name, values in samples.items()}}))
    """
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="copycost-") as scratch:
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
        name = "copybench_" + mode.replace("-", "_")
        tables = [("_plain", "go", mode), ("_cgo", "go/cgo", mode)]
        project = write_project(scratch, name, GO_PACKAGE, tables)
        out = scratch / f"wheels-{mode}"
        say(f"building and installing {mode}")
        wheel = pip_command(builder, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out)
        run([*wheel, project], env)
        run(pip_command(runtime, "install", "-q", *out.glob("*.whl"), "cffi"), env)
        say(f"timing {mode}: {rounds} rounds")
        source = WORKER.format(name=name, sizes=SIZES)
        figures[mode] = json.loads(
            run([runtime.python, "-c", source, str(rounds)], env, cwd=scratch)
        )
    return figures


def report(figures: Mapping[str, Mapping[str, float]]) -> str:
    lines = []
    for mode in MODES:
        header = " | ".join(f"{size:,} B" for size in SIZES)
        lines += [f"{mode}:", "", f"| µs per call | {header} |", "|---|" + "---|" * len(SIZES)]
        for way, label in WAYS.items():
            cells = [f"{figures[mode][f'{way} {size}'] * 1e6:.2f}" for size in SIZES]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
