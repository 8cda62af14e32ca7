#!/usr/bin/env python3
"""Benchmarks of setuptools-golang-ext: call cost, data transfer, threads, build time, size and
import time, each measured side by side with its comparison in the same run and reported as ratios.

Run it with the development venv (it needs this checkout's package, cffi and setuptools)::

    .venv/bin/python benchmarks/run.py            # full run, several minutes
    .venv/bin/python benchmarks/run.py --quick    # under two minutes (no cold builds)
    .venv/bin/python benchmarks/run.py --quick --only values    # issue 22's cases: ~30 s
    .venv/bin/python benchmarks/run.py --quick --json results.json

The Markdown report goes to stdout, progress to stderr. See benchmarks/RESULTS.md for a recorded
run and what the figures mean.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Sequence
from pathlib import Path

import buildcost
import callcost
import importcost
import report
import valuecost
from common import Plan, Results, choose_plan, say
from derive import derive
from lab import Lab, build_lab, git_commit, lab_directory, run


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds: under two minutes")
    parser.add_argument(
        "--tiny",
        action="store_true",
        help="with --quick: the smallest counts that run every path (for the test suite); "
        "the figures mean nothing",
    )
    parser.add_argument(
        "--json", type=Path, metavar="PATH", help="write the figures as one flat JSON object"
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="build in DIR and keep it (for profiling)"
    )
    parser.add_argument(
        "--no-pin", action="store_true", help="do not pin timing threads to one CPU"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=SECTIONS,
        metavar="SECTION",
        help=f"run this section only (repeatable; one of {', '.join(SECTIONS)}): builds only "
        "what it needs (values: the values package and the plain cffi modules)",
    )
    return parser.parse_args(argv)


def machine_info(lab: Lab) -> dict[str, str]:
    env = lab.pip_env
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo() if line.startswith("model name")), "?"
    )
    return {
        "machine": f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()} {platform.machine()}",
        "go": run([lab.go, "version"], env).strip(),
        "cc": run(["cc", "--version"], env).splitlines()[0],
        "tool_commit": git_commit(),
    }


def load_average() -> str:
    """The 1/5/15-minute load: figures from a busy machine are noisier, ratios less so."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def cpuinfo() -> list[str]:
    path = Path("/proc/cpuinfo")
    return path.read_text().splitlines() if path.exists() else []


# The sections, in the order they run: calls (call cost, data, threads), imports, values
# (issue 22), builds (build time and size).
SECTIONS = ("calls", "imports", "values", "builds")


def measure(lab: Lab, plan: Plan, results: Results, sections: Sequence[str] = SECTIONS) -> None:
    results.info.update(machine_info(lab))
    results.info["load_average_at_start"] = load_average()
    if "calls" in sections:
        callcost.measure(lab, plan, results)
    if "imports" in sections:
        importcost.measure(lab, plan, results)
    if "values" in sections:
        valuecost.measure(lab, plan, results)
    if "builds" in sections:
        buildcost.measure(lab, plan, results)
    derive(results)
    results.info["load_average_at_end"] = load_average()


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    plan = choose_plan(options)
    results = Results()
    start = time.perf_counter()
    sections = options.only or SECTIONS
    with lab_directory(options.keep) as root:
        say(f"{plan.name} run of {', '.join(sections)} in {root}")
        lab = build_lab(root, say, values_only=set(sections) == {"values"})
        measure(lab, plan, results, sections)
    results.info["benchmark_seconds"] = f"{time.perf_counter() - start:.0f}"
    print(report.markdown(results, plan, sections))
    if options.json:
        flat = {**results.figures, **{f"info.{key}": value for key, value in results.info.items()}}
        options.json.write_text(json.dumps(flat, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
