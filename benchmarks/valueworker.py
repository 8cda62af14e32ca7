"""The measuring process of valuecost.py: the cases of ``benchmarks/go/values`` in one mode.

``python valueworker.py values_c_archive [--pin]`` (or ``values_c_shared``) loads the generated
module of that mode and serves the requests of ``worker.py`` (same line protocol, same timing
loops). Each call of the package is a case, and so is its comparison, in the same process: the
same module's ``Add`` for the small values, one copy of as many bytes for the big ones, a dict
comprehension for the map, a list for the iterator. Every case is run once and its result
checked before anything is timed. Runs in the runtime venv: standard library and cffi only.
"""

from __future__ import annotations

import datetime
import importlib
import sys
from collections.abc import Iterable
from types import ModuleType
from typing import Any

import worker
from worker import Case, Cases, Spinners, wrapper_case, wrapper_function

FLOATS = 1_000_000  # values of Floats(n): 8 MB
MAP_ENTRIES = 100_000
SEQ_VALUES = 1_000_000
CHAN_VALUES = 100_000  # the figure is per value: a shorter run than Seq's is as exact
BYTES = 1 << 20
HELLO = "hello, go!"
MOMENT = datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


def drain(values: Iterable[object]) -> None:
    """Iterate to the end, as a Python ``for`` loop does."""
    for _ in values:
        pass


def small_cases(module: ModuleType) -> Cases:
    """Calls that cost about one scalar call when they are fast: against ``Add``."""
    point = module.Point
    return {
        "add": wrapper_case(module, "Add", "f(1, 2)", {}, 3),
        "mid": wrapper_case(
            module,
            "Mid",
            "f(a, b)",
            {"a": point(X=1.0, Y=2.0), "b": point(X=3.0, Y=4.0)},
            point(X=2.0, Y=3.0),
        ),
        "stamp": wrapper_case(module, "Stamp", "f(t)", {"t": MOMENT}, int(MOMENT.timestamp())),
        "hello": wrapper_case(module, "Hello", "f()", {}, HELLO),
        "ctx": wrapper_case(module, "Ctx", "f(1)", {}, 2),
    }


def bulk_cases(module: ModuleType) -> Cases:
    """Big results, and what the same amount of data costs Python alone."""
    data = bytes(range(256)) * (BYTES // 256)
    listed = list(range(SEQ_VALUES))
    return {
        "floats": wrapper_case(module, "Floats", "f(n)", {"n": FLOATS}, None),
        "bytes_8mb": Case("bytes(b)", {"b": bytearray(FLOATS * 8)}),
        "bytes_result": wrapper_case(module, "Bytes1M", "f()", {}, data),
        "echo": wrapper_case(module, "Echo", "f(b)", {"b": data}, data),
        "bytes_1mib": Case("bytes(b)", {"b": bytearray(BYTES)}),
        "map": wrapper_case(module, "Map", "f(n)", {"n": MAP_ENTRIES}, comprehension()),
        "dict_comprehension": Case(
            "{f'key-{i}': i for i in r}", {"r": range(MAP_ENTRIES)}, comprehension()
        ),
        "seq": wrapper_case(module, "Seq", "drain(f(n))", {"n": SEQ_VALUES, "drain": drain}, None),
        "list_iterate": Case("drain(l)", {"l": listed, "drain": drain}),
        "chan": wrapper_case(
            module, "Chan", "drain(f(n))", {"n": CHAN_VALUES, "drain": drain}, None
        ),
    }


def comprehension() -> dict[str, int]:
    return {f"key-{i}": i for i in range(MAP_ENTRIES)}


def check_bulk(module: ModuleType) -> None:
    """What a probe of a bulk case cannot check by equality."""
    floats = wrapper_function(module, "Floats")(FLOATS)
    if floats.typecode != "d" or len(floats) != FLOATS or floats[3] != 1.5:
        raise AssertionError(f"Floats returned {floats!r:.60}, not {FLOATS} doubles")
    seq: Any = wrapper_function(module, "Seq")
    chan: Any = wrapper_function(module, "Chan")
    if sum(seq(SEQ_VALUES)) != sum(range(SEQ_VALUES)):
        raise AssertionError("Seq did not yield 0 .. n-1")
    if list(chan(CHAN_VALUES)) != list(range(CHAN_VALUES)):
        raise AssertionError("Chan did not send 0 .. n-1")


def value_cases(kind: str) -> tuple[Cases, Spinners]:
    """The generated module of ``values_shared``/``values_archive``, named ``values_ns.MODE.CASE``."""
    mode = kind.removeprefix("values_")
    module = importlib.import_module(f"values_{mode.removeprefix('c_')}._values")
    check_bulk(module)
    cases = {**small_cases(module), **bulk_cases(module)}
    return {f"values_ns.{mode}.{name}": case for name, case in cases.items()}, {}


KINDS = {
    "values_c_shared": lambda: value_cases("values_c_shared"),
    "values_c_archive": lambda: value_cases("values_c_archive"),
}


if __name__ == "__main__":
    worker.main(sys.argv[1:], KINDS)
