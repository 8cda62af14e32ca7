"""The measuring process of peercost.py: one binding of ``benchmarks/go/values`` per process.

``python peerworker.py KIND [--pin]``: ``values_c_archive`` and ``values_c_shared`` are this
tool's modules (their cases are valueworker.py's), ``gopy`` is gopy's. Each case is called the
way a user of that binding gets the same Python value: gopy returns slices and maps as handles,
so ``bytes(...)``, ``list(...)`` and ``dict(....items())`` are part of its statement (the handle
alone is a row of its own). Every case has a twin ``CASE.gc_on`` timed with Python's GC on:
gopy v0.5.0 runs a full Go GC from a callback after every Python GC pass. Same line protocol as
worker.py. Runs in the runtime venv: standard library and cffi only (and gopy's package).
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # worker.py, valueworker.py
import valueworker
import worker
from valueworker import BYTES, FLOATS, HELLO, MAP_ENTRIES, comprehension
from worker import Case, Cases, Spinners

# The cases of valueworker.py that have a gopy counterpart or are reported as n/a for gopy.
OURS = (
    *("add", "mid", "stamp", "hello", "ctx", "floats", "bytes_result", "echo", "map", "seq"),
    "chan",
)


def with_gc_twins(cases: Cases) -> Cases:
    """Each case, and the same case timed with the GC on (``timeit`` turns it off)."""
    twins = {
        f"{name}.gc_on": Case(case.stmt, {**case.namespace, "gc": gc}, case.expect, "gc.enable()")
        for name, case in cases.items()
    }
    return {**cases, **twins}


def ours(kind: str) -> tuple[Cases, Spinners]:
    cases, _ = valueworker.value_cases(kind)
    prefix = f"values_ns.{kind.removeprefix('values_')}."
    picked = {name.removeprefix(prefix): case for name, case in cases.items()}
    mine = {f"peers_ns.{kind}.{name}": picked[name] for name in OURS}
    mine[f"peers_ns.{kind}.floats_handle"] = picked["floats"]  # ours has no handle: the copy
    return with_gc_twins(mine), {}


def gopy_cases() -> tuple[Cases, Spinners]:
    module = importlib.import_module("gopy_values.values")
    go = importlib.import_module("gopy_values.go")
    data = bytes(range(256)) * (BYTES // 256)
    a, b = module.Point(X=1.0, Y=2.0), module.Point(X=3.0, Y=4.0)
    middle = module.Mid(a, b)
    if (middle.X, middle.Y) != (2.0, 3.0):
        raise AssertionError(f"gopy's Mid gave {middle}")
    floats = list(module.Floats(FLOATS))
    if len(floats) != FLOATS or floats[3] != 1.5:
        raise AssertionError(f"gopy's Floats gave {floats[:4]}... ({len(floats)} values)")
    cases: Cases = {
        "add": Case("f(1, 2)", {"f": module.Add}, 3),
        "mid": Case("f(a, b)", {"f": module.Mid, "a": a, "b": b}),
        "hello": Case("f()", {"f": module.Hello}, HELLO),
        "floats": Case("list(f(n))", {"f": module.Floats, "n": FLOATS}),
        "floats_handle": Case("f(n)", {"f": module.Floats, "n": FLOATS}),
        "bytes_result": Case("bytes(f())", {"f": module.Bytes1M}, data),
        "echo": Case(
            "bytes(f(fb(b)))", {"f": module.Echo, "fb": go.Slice_byte.from_bytes, "b": data}, data
        ),
        "map": Case("dict(f(n).items())", {"f": module.Map, "n": MAP_ENTRIES}, comprehension()),
    }
    return with_gc_twins({f"peers_ns.gopy.{name}": case for name, case in cases.items()}), {}


KINDS: dict[str, Callable[[], tuple[Cases, Spinners]]] = {
    "values_c_archive": lambda: ours("values_c_archive"),
    "values_c_shared": lambda: ours("values_c_shared"),
    "gopy": gopy_cases,
}


if __name__ == "__main__":
    worker.main(sys.argv[1:], KINDS)
