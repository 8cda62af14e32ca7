#!/usr/bin/env python3
"""What the rebuild-on-import check adds to importing a module of an editable install.

The goal (issue 12): at most 5 ms added to an import when nothing changed. A project made by
``python -m setuptools_golang_ext new`` is installed twice, with ``pip install -e`` (its
generated module checks its Go inputs first) and with ``pip install`` (no check), and its module
is imported in fresh interpreters, timed inside them from just before the ``import`` statement to
just after (interleaved rounds, bytecode cached as users have it; the standard library modules
setuptools' editable finder imports at start-up are imported before the clock starts in both).
Reported, in milliseconds:

* ``regular``, ``editable``: the import's median in each install, and ``added`` = their difference;
* ``editable_off``: the editable import with ``SETUPTOOLS_GOLANG_EXT_REBUILD=0`` (the check's
  module is imported, its inputs are not read);
* ``check_us``: one check in a warm interpreter (read the inputs, ``stat`` each), in µs,
  ``inputs``: how many inputs it checked, and ``support_import_us``: importing the module that
  checks (``<pkg>._go_editable``, from cached bytecode). Their sum is what the check adds; the
  difference of the medians above is that plus the noise of fresh interpreters.

Run it with the development venv (it builds this checkout's wheel)::

    .venv/bin/python benchmarks/rebuildcheck.py [--rounds 21] [--json results.json]

Separate from run.py (another engineer's suite); it shares tests/venvs.py with it.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from venvs import Venv, build_tool_wheel, pip_command, pip_environment  # noqa: E402

from setuptools_golang_ext import _process  # noqa: E402

GOAL_MS = 5.0
PROJECT = "rebuild-check-bench"
MODULE = "rebuild_check_bench._native"
# Before the clock starts: what setuptools' editable finder imports at start-up (and the
# generated module imports too), so that neither install gets a head start from it.
PRELOAD = "import fnmatch, importlib.util, pathlib, pickle, re"
TIMED = (
    f"{PRELOAD}\nimport time\nstart = time.perf_counter()\nimport {{module}}\n"
    "print(time.perf_counter() - start)\n"
)
CHECK = """
import sys, time
from {support} import changed_input
root = sys.argv[1]
assert changed_input(root) is None, changed_input(root)
rounds = 2000
start = time.perf_counter()
for _ in range(rounds):
    changed_input(root)
elapsed = time.perf_counter() - start
inputs = open(root + "/build/setuptools-golang-ext/inputs").read().count("\\n") - 1
import importlib.util
spec = importlib.util.find_spec("{support}")
start = time.perf_counter()
for _ in range(200):
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
imported = time.perf_counter() - start
print(elapsed / rounds * 1e6, inputs, imported / 200 * 1e6)
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=21, help="fresh interpreters per case")
    parser.add_argument("--json", type=Path, help="write the figures as a JSON object")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rebuildcheck-") as scratch:
        figures = set_up_and_measure(Path(scratch), options.rounds)
    print(report(figures))
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    return 0 if figures["added_ms"] <= GOAL_MS else 1


def set_up_and_measure(scratch: Path, rounds: int) -> dict[str, float]:
    say("building this checkout's wheel and a project made by `new`")
    wheelhouse = build_tool_wheel(scratch / "tool", scratch / "wheelhouse")
    env = pip_environment(wheelhouse)
    builder = Venv.create(scratch / "builder")
    run(pip_command(builder, "install", "-q", "setuptools-golang-ext"), env)
    run([builder.python, "-m", "setuptools_golang_ext", "new", PROJECT], env, cwd=scratch)
    project = scratch / PROJECT
    say("installing it editable and regular")
    editable = Venv.create(scratch / "editable")
    run(pip_command(editable, "install", "-q", "-e", project), env)
    regular = Venv.create(scratch / "regular")
    run(pip_command(regular, "install", "-q", project), env)
    say(f"timing imports: {rounds} fresh interpreters per case")
    return measure(editable.python, regular.python, project, rounds, env)


def measure(
    editable: Path, regular: Path, project: Path, rounds: int, base_env: Mapping[str, str]
) -> dict[str, float]:
    """The figures, from an editable and a regular install of the same *project*."""
    env = dict(base_env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' imports read cached bytecode
    env.pop("SETUPTOOLS_GOLANG_EXT_REBUILD", None)
    cases = {
        "regular": (regular, env),
        "editable": (editable, env),
        "editable_off": (editable, {**env, "SETUPTOOLS_GOLANG_EXT_REBUILD": "0"}),
    }
    outside = project.parent  # not the project: its source tree would shadow the installs
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for python, case_env in cases.values():  # write the bytecode caches
        run([python, "-c", f"import {MODULE}"], case_env, cwd=outside)
    order = list(cases)
    for round_number in range(rounds):
        random.Random(round_number).shuffle(order)  # no case always first (or last)
        for name in order:
            python, case_env = cases[name]
            code = TIMED.format(module=MODULE)
            samples[name].append(float(run([python, "-c", code], case_env, cwd=outside)) * 1000)
    figures = {f"{name}_ms": statistics.median(values) for name, values in samples.items()}
    figures["added_ms"] = figures["editable_ms"] - figures["regular_ms"]
    support = MODULE.rpartition(".")[0] + "._go_editable"
    figures["check_us"], figures["inputs"], figures["support_import_us"] = check_cost(
        editable, project, support, env
    )
    return figures


def check_cost(
    python: Path, project: Path, support: str, env: Mapping[str, str]
) -> tuple[float, float, float]:
    """In a warm interpreter of an editable install of *project*: one check (µs), how many
    inputs it checked, and importing the checking module *support* from its bytecode (µs)."""
    code = CHECK.format(support=support)
    check_us, inputs, import_us = run(
        [python, "-c", code, str(project)], env, cwd=project.parent
    ).split()
    return float(check_us), float(inputs), float(import_us)


def report(figures: Mapping[str, float]) -> str:
    verdict = "within" if figures["added_ms"] <= GOAL_MS else "OVER"
    return "\n".join(
        [
            "import of a generated module, median of fresh interpreters:",
            f"  regular install                 {figures['regular_ms']:7.2f} ms",
            f"  editable install                {figures['editable_ms']:7.2f} ms",
            f"  editable, REBUILD=0             {figures['editable_off_ms']:7.2f} ms",
            f"  added by the check              {figures['added_ms']:7.2f} ms "
            f"({verdict} the goal of {GOAL_MS:.0f} ms)",
            f"one check in a warm interpreter   {figures['check_us']:7.1f} µs "
            f"({figures['inputs']:.0f} inputs)",
            f"importing the checking module     {figures['support_import_us']:7.1f} µs",
        ]
    )


def run(args: Sequence[object], env: Mapping[str, str], cwd: Path | None = None) -> str:
    return _process.run([str(arg) for arg in args], env=env, cwd=cwd)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
