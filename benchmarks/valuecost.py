#!/usr/bin/env python3
"""Go values at C speed (issue 22): each value of ``benchmarks/go/values`` against its comparison.

Structs, times, short strings, contexts, big slices, bytes, maps, iterators and channels, each
timed beside what its goal names, in the same worker process (``valueworker.py``: one process per
mode, so one Go runtime each): the same module's ``Add``, ``bytes()`` of as many bytes, a dict
comprehension building the same dict, iterating a list. Rounds are interleaved and shuffled;
every figure is the least of its rounds (what the machine can do, the noise of a busy machine
left out), and every ratio is of two figures of the same run. Imports are timed in fresh
interpreters against a plain out-of-line cffi module of a Go library. ``run.py`` runs this section
too; alone it builds only the values package (both modes) and the plain cffi modules::

    .venv/bin/python benchmarks/valuecost.py            # full: about two minutes
    .venv/bin/python benchmarks/valuecost.py --quick    # fewer, shorter rounds
    .venv/bin/python benchmarks/valuecost.py --keep /tmp/values-lab --json values.json

The Markdown table goes to stdout, progress to stderr.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import callcost
import importcost
from common import Plan, Results, ratio, say, table
from lab import HERE, Lab, build_lab, standalone
from valueworker import CHAN_VALUES

VALUE_WORKER = HERE / "valueworker.py"
MODES = {"c_archive": "c-archive", "c_shared": "c-shared"}
IMPORTS = {
    "import_ms.values_c_archive": "import values_archive._values",
    "import_ms.values_plain_cffi_api": "import plain_pkg.archive_cffi",
    "import_ms.values_c_shared": "import values_shared._values",
    "import_ms.values_plain_cffi_abi": "import plain_pkg.shared",
}


@dataclass(frozen=True)
class Row:
    """One goal: *ours* against *against* (figure keys), at most *limit* times it."""

    name: str
    case: str
    ours: str
    against: str | None  # None: *limit* is in the unit of *ours* (ns a value)
    comparison: str
    limit: float


def rows(mode: str) -> tuple[Row, ...]:
    """The goal table of issue 22, for one mode (the goals are c-archive's)."""
    own = f"values_ns.{mode}."
    api_or_abi = "api" if mode == "c_archive" else "abi"
    return (
        Row("mid", "`Mid(a, b Point) Point`, two `float64`", own + "mid", own + "add", "`Add`", 2),
        Row(
            "stamp",
            "`Stamp(time.Time)`, an aware `datetime`",
            own + "stamp",
            own + "add",
            "`Add`",
            1.5,
        ),
        Row(
            "hello", "`Hello()`: 10-byte `string` result", own + "hello", own + "add", "`Add`", 1.3
        ),
        Row(
            "ctx",
            "`Ctx(ctx, a)`: `context.Context`, no timeout",
            own + "ctx",
            own + "add",
            "`Add`",
            20,
        ),
        Row(
            "floats",
            "`Floats(1_000_000)` → `[]float64`",
            own + "floats",
            own + "bytes_8mb",
            "`bytes()` of 8 MB",
            3,
        ),
        Row(
            "bytes",
            "`Bytes1M()` → `[]byte` of 1 MiB",
            own + "bytes_result",
            own + "bytes_1mib",
            "`bytes()` of 1 MiB",
            3,
        ),
        Row(
            "echo",
            "`Echo(b)`: 1 MiB `[]byte` in and out (no goal)",
            own + "echo",
            own + "bytes_1mib",
            "`bytes()` of 1 MiB",
            0,
        ),
        Row(
            "map",
            "`Map(100_000)` → `map[string]int`",
            own + "map",
            own + "dict_comprehension",
            "dict comprehension building it",
            1.5,
        ),
        Row(
            "seq",
            "iterate `Seq(1_000_000)`: `iter.Seq[int]`",
            own + "seq",
            own + "list_iterate",
            "iterating a list of 1M ints",
            3,
        ),
        Row(
            "chan",
            f"iterate `Chan({CHAN_VALUES:_})`: buffered `<-chan int64`",
            own + "chan_per_value",
            None,
            "ns a value",
            100,
        ),
        Row(
            "import",
            "import the generated module",
            f"import_ms.values_{mode}",
            f"import_ms.values_plain_cffi_{api_or_abi}",
            f"plain cffi {api_or_abi.upper()} module",
            1.3,
        ),
    )


CROSS_MODE = (
    Row(
        "shared_add",
        "c-shared `Add(1, 2)`",
        "values_ns.c_shared.add",
        "values_ns.c_archive.add",
        "c-archive's",
        1.5,
    ),
    Row(
        "shared_hello",
        "c-shared `Hello()` (10-byte `str`)",
        "values_ns.c_shared.hello",
        "values_ns.c_archive.hello",
        "c-archive's",
        1.5,
    ),
)


def measure(lab: Lab, plan: Plan, results: Results) -> None:
    """Time every case (least of rounds) and the imports, then derive the goal ratios."""
    with pool(lab, plan) as workers:
        say(f"values (issue 22): {plan.rounds} interleaved rounds, least of them")
        callcost.measure_timed(callcost.catalogue(workers, "cases"), plan, results, min)
    importcost.measure(lab, plan, results, IMPORTS, min)
    derive(results)


def pool(lab: Lab, plan: Plan) -> AbstractContextManager[list[callcost.Worker]]:
    return callcost.worker_pool(lab, plan, [f"values_{mode}" for mode in MODES], VALUE_WORKER)


def derive(results: Results) -> None:
    for mode in MODES:
        chan = results.get(f"values_ns.{mode}.chan")
        results.put(
            f"values_ns.{mode}.chan_per_value", None if chan is None else chan / CHAN_VALUES
        )
        for row in rows(mode):
            results.put(f"ratio.values.{mode}.{row.name}", figure(results, row))
    for row in CROSS_MODE:
        results.put(f"ratio.values.{row.name}", figure(results, row))


def figure(results: Results, row: Row) -> float | None:
    """The row's ratio, or its own figure when it has no comparison."""
    if row.against is None:
        return results.get(row.ours)
    return ratio(results.get(row.ours), results.get(row.against))


# --- the report ------------------------------------------------------------------------------


def section(results: Results) -> str:
    """The Markdown of this section: the goal table (c-archive), the same rows in c-shared."""
    if not any(key.startswith("values_ns.") for key in results.figures):
        return ""
    parts = [
        "## Values (issue 22): least of rounds, ratios of the same run",
        "c-archive (the goals):",
        goal_table(results, rows("c_archive")),
        "c-shared (the same goals, for the choice of the default mode):",
        goal_table(results, rows("c_shared")),
        "c-shared against c-archive (goal ≤ 1.5x):",
        goal_table(results, CROSS_MODE, prefix="ratio.values"),
    ]
    return "\n\n".join(parts)


def goal_table(results: Results, goal_rows: Sequence[Row], prefix: str = "") -> str:
    header = ("case", "ours", "comparison", "ratio", "goal", "status")
    body = [goal_cells(results, row, prefix or ratio_prefix(row)) for row in goal_rows]
    return table(header, body)


def ratio_prefix(row: Row) -> str:
    mode = "c_archive" if "c_archive" in row.ours else "c_shared"
    return f"ratio.values.{mode}"


def goal_cells(results: Results, row: Row, prefix: str) -> list[str]:
    value = results.get(f"{prefix}.{row.name}")
    ours = duration(results.get(row.ours), row.ours)
    if row.against is None:
        comparison, shown, goal = "— (absolute)", ours, f"≤ {row.limit:g} {row.comparison}"
    else:
        against = duration(results.get(row.against), row.against)
        comparison = f"{row.comparison}: {against}"
        shown = "n/a" if value is None else f"{value:.2f}x"
        goal = f"≤ {row.limit:g}x" if row.limit else "—"
    return [row.case, ours, comparison, shown, goal, status(value, row.limit)]


def status(value: float | None, limit: float) -> str:
    if not limit:
        return ""
    if value is None:
        return "n/a"
    return "met" if value <= limit else "**missed**"


def duration(value: float | None, key: str) -> str:
    """A figure in a readable unit: keys ``*_ms.*`` are milliseconds, the others nanoseconds."""
    if value is None:
        return "n/a"
    ns = value * 1e6 if key.startswith("import_ms.") else value
    for unit, scale in (("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:,.3g} {unit}" if ns < 1000 * scale else f"{ns / scale:,.0f} {unit}"
    return f"{ns:.3g} ns"


# --- alone -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    def run(root: Path, plan: Plan, results: Results) -> None:
        measure(build_lab(root, say, values_only=True), plan, results)

    return standalone(argv, __doc__.splitlines()[0], run, section)


if __name__ == "__main__":
    raise SystemExit(main())
