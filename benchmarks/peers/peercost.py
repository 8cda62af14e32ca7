#!/usr/bin/env python3
"""The peer benchmark (issue 22): ``benchmarks/go/values`` bound by this tool and by gopy v0.5.0.

One worker process per binding (this tool's c-archive and c-shared modules, gopy's module), every
case timed in interleaved, shuffled rounds of the same run, the least of the rounds kept; each
case is timed with Python's GC off (``timeit``'s default) and on. Imports are timed in fresh
interpreters. gopy is built from a pinned tools module and cached (see gopybuild.py); the first
run needs the network. The goal: every row at or below gopy's. Not part of ``run.py``::

    .venv/bin/python benchmarks/peers/peercost.py [--quick] [--keep DIR] [--json PATH]

The Markdown tables go to stdout, progress to stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the benchmark modules beside this folder
import callcost  # noqa: E402
import gopybuild  # noqa: E402
import importcost  # noqa: E402
from common import Plan, Results, ratio, say, table  # noqa: E402
from lab import Lab, build_lab, standalone  # noqa: E402
from valuecost import duration  # noqa: E402

PEER_WORKER = HERE / "peerworker.py"
KINDS = ("values_c_archive", "values_c_shared", "gopy")
IMPORTS = {
    "import_ms.peers.values_c_archive": "import values_archive._values",
    "import_ms.peers.values_c_shared": "import values_shared._values",
    "import_ms.peers.gopy": "import gopy_values.values",
}


@dataclass(frozen=True)
class Row:
    case: str  # the case name in every worker (``peers_ns.KIND.CASE``)
    label: str
    gopy_missing: str = ""  # why gopy has no such case


ROWS = (
    Row("add", "`Add(1, 2)`"),
    Row("mid", "`Mid(a, b Point) Point`: struct of two `float64` in and out"),
    Row("stamp", "`Stamp(time.Time)`", "a `time.Time` is a handle: no `datetime` crosses"),
    Row("hello", "`Hello()`: 10-byte `string`"),
    Row(
        "ctx",
        "`Ctx(ctx, a)`: `context.Context`",
        "a `context.Context` is a handle Python cannot make",
    ),
    Row("floats", "`Floats(1_000_000)`, the values in Python (gopy: `list(...)`)"),
    Row("floats_handle", "`Floats(1_000_000)`, the call alone (gopy: a handle, values in Go)"),
    Row("bytes_result", "`Bytes1M()` → `bytes`, 1 MiB (gopy: `bytes(...)`)"),
    Row("echo", "`Echo(b)`, 1 MiB in and out (gopy: `from_bytes`, `bytes(...)`)"),
    Row("map", "`Map(100_000)` → `dict` (gopy: `dict(m.items())`)"),
    Row("seq", "iterate `Seq(1_000_000)`: `iter.Seq[int]`", "not bound: `iter.Seq` results"),
    Row("chan", "iterate `Chan(100_000)`: `<-chan int64`", "not bound: channel results"),
)


def measure(lab: Lab, plan: Plan, results: Results) -> None:
    with callcost.worker_pool(lab, plan, KINDS, PEER_WORKER) as workers:
        say(f"peers: {plan.rounds} interleaved rounds, GC off and on, least of them")
        callcost.measure_timed(callcost.catalogue(workers, "cases"), plan, results, min)
    importcost.measure(lab, plan, results, IMPORTS, min)


def build(root: Path) -> Lab:
    """The values lab, and gopy's module of the same package among its plain cffi modules."""
    lab = build_lab(root, say, values_only=True)
    say(f"gopy {gopybuild.GOPY_VERSION}: tools (cached in {gopybuild.cache_directory()})")
    tools = gopybuild.gopy_tools(lab.go, lab.pip_env)
    say("gopy: binding benchmarks/go/values")
    gopybuild.bind_values(tools, lab.go, lab.pip_env, root, lab.extra)
    return lab


# --- the report ------------------------------------------------------------------------------


def section(results: Results) -> str:
    parts = [f"## Peers: this tool and gopy {gopybuild.GOPY_VERSION}, least of rounds"]
    for gc_label, suffix in (("Python GC off", ""), ("Python GC on", ".gc_on")):
        body = [cells(results, row, suffix) for row in ROWS]
        if not suffix:
            body.append(import_cells(results))
        header = ("case", "c-archive", "c-shared", "gopy", "c-archive ÷ gopy", "≤ gopy")
        parts += [f"{gc_label}:", table(header, body)]
    return "\n\n".join(parts)


def cells(results: Results, row: Row, suffix: str) -> list[str]:
    def figure(kind: str) -> str:
        return duration(results.get(f"peers_ns.{kind}.{row.case}{suffix}"), "ns")

    ours = results.get(f"peers_ns.values_c_archive.{row.case}{suffix}")
    theirs = results.get(f"peers_ns.gopy.{row.case}{suffix}")
    gopy = f"n/a ({row.gopy_missing})" if row.gopy_missing else figure("gopy")
    return [
        row.label,
        figure("values_c_archive"),
        figure("values_c_shared"),
        gopy,
        *verdict(ours, theirs),
    ]


def import_cells(results: Results) -> list[str]:
    def figure(kind: str) -> str:
        return duration(results.get(f"import_ms.peers.{kind}"), "import_ms.")

    ours, theirs = (results.get(f"import_ms.peers.{k}") for k in ("values_c_archive", "gopy"))
    return ["import (fresh interpreter)", *map(figure, KINDS), *verdict(ours, theirs)]


def verdict(ours: float | None, theirs: float | None) -> list[str]:
    value = ratio(ours, theirs)
    if value is None:
        return ["n/a", "n/a"]
    return [f"{value:.2f}x", "yes" if value <= 1 else "**no**"]


# --- the command -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    def run(root: Path, plan: Plan, results: Results) -> None:
        measure(build(root), plan, results)

    return standalone(argv, __doc__.splitlines()[0], run, section)


if __name__ == "__main__":
    raise SystemExit(main())
