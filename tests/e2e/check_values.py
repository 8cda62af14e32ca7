"""Checks the rules for values crossing into and out of Go (tests/data/gopkgs/plain/values.go):
memory ownership, no silent loss, shared references, inputs.

Run in a fresh interpreter of a venv where the plain fixture is installed:
``python check_values.py fixture_pkg._native``. Prints "values ok" when every check passed.
"""

from __future__ import annotations

import array
import gc
import importlib
import json
import math
import resource
import sys
import types
from collections import Counter, OrderedDict, UserDict, defaultdict, deque
from typing import Any


def raised(function: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    try:
        function(*args, **kwargs)
    except Exception as error:
        return type(error).__name__, str(error)
    raise AssertionError(f"{function.__name__}{args} did not raise")


def check_memory_ownership(m: Any) -> None:
    constant = b"\x00\x00\x00"
    assert m.Fill(constant, 65) == 3
    assert constant == bytes(3), "Go wrote an immutable bytes"
    assert bytes(3) == b"\x00\x00\x00", "Go wrote an immutable bytes constant"
    keyed = {b"\x00": "zero"}
    m.Fill(next(iter(keyed)), 66)
    assert keyed[b"\x00"] == "zero"
    out = bytearray(4)  # the out-parameter idiom: a writable buffer gets Go's writes
    assert m.Fill(out, 7) == 4 and out == bytearray([7] * 4)
    view = memoryview(out)[1:3]
    assert m.Fill(view, 1) == 2 and out == bytearray([7, 1, 1, 7])
    readonly = memoryview(bytearray(2)).toreadonly()
    m.Fill(readonly, 9)
    assert bytes(readonly) == bytes(2)
    numbers = array.array("q", [1, 2, 3])
    m.DoubleAll(numbers)
    assert numbers.tolist() == [2, 4, 6]
    m.DoubleAll(memoryview(numbers).toreadonly())
    assert numbers.tolist() == [2, 4, 6]
    # Go keeps a []byte past the call: it holds its own copy, never Python's memory.
    buffer = bytearray(b"abcd")
    m.Keep(buffer)
    buffer[:] = b"zzzz"
    del buffer
    gc.collect()
    junk = [bytearray(b"x" * 4) for _ in range(1000)]
    assert m.Kept() == b"abcd", m.Kept()
    del junk


def check_no_silent_loss(m: Any) -> None:
    keys = m.InvalidKeys()
    assert sorted(keys.items()) == [("\udcc0", 3), ("\udcfe", 2), ("\udcff", 1)], keys
    text = m.InvalidText()
    assert text == "a\udcffb" and text.encode("utf-8", "surrogateescape") == b"a\xffb"
    assert m.BytesOf(text) == b"a\xffb"  # back to Go: the same bytes
    assert m.BytesOfAny(text) == b"a\xffb"  # inside an any too
    direct = raised(m.BytesOf, "x\ud800")
    inside = raised(m.BytesOfAny, "x\ud800")
    assert direct[0] == inside[0] == "ValueError", (direct, inside)
    assert "lone surrogate U+D800" in direct[1] and "lone surrogate U+D800" in inside[1]
    assert "BytesOf() argument s" in direct[1] and "argument v" in inside[1]
    assert raised(m.F32, 1e39) == (
        "OverflowError",
        "F32() argument x: 1e+39 is out of range for Go float32",
    )
    assert raised(m.F32, -1e39)[0] == "OverflowError"
    assert m.F32(3.4e38) == float(array.array("f", [3.4e38])[0])
    assert m.F32(math.inf) == math.inf and math.isnan(m.F32(math.nan))
    assert raised(m.F32Map, {"a": 1e39})[0] == "OverflowError"


def check_maps_as_columns(m: Any) -> None:
    """A map of numbers, bools or strings as the only result crosses as columns (values.go):
    the same dict, in the same order, of the same types, as its pickle (inside a list) makes;
    one whose strings hold NUL crosses as its pickle."""
    functions = {
        "text": m.ColumnsText,
        "named": m.ColumnsNamed,
        "floats": m.ColumnsFloats,
        "bools": m.ColumnsBools,
        "ints": m.ColumnsInts,
        "empty": m.ColumnsEmpty,
        "nil": m.ColumnsNil,
        "nul": m.ColumnsNUL,
        "nulText": m.ColumnsNULText,
        "many": m.ColumnsMany,
    }
    for name, function in functions.items():
        direct = function()
        [pickled] = m.ColumnsPickled(name)
        assert type(direct) is dict, (name, type(direct))
        assert repr(list(direct.items())) == repr(list(pickled.items())), (name, direct, pickled)
    text = m.ColumnsText()
    assert text["a\udcffb"] == "\udcfe" and text["\udced\udca0\udc80"] == "surrogate"
    assert text["\udce2\udc82"] == "cut" and text[""] == "empty key"
    assert m.ColumnsNUL() == {"a\x00b": 1, "c": 2} and m.ColumnsNULText() == {1: "\x00"}
    assert m.ColumnsBools() == {0: False, 2**63: True, 2**64 - 1: True}
    many = m.ColumnsMany()
    assert len(many) == 5000
    assert list(many) == sorted(many, key=lambda key: key.encode("utf-8", "surrogateescape"))


def check_numbers_inside_any(m: Any) -> None:
    """A Python int inside an any is a Go int, what Go code's type switches expect."""
    values = [1, -(2**63), 2**63 - 1, True, 1.5, "s", None, [1], {"k": 1}, array.array("q", [7])]
    assert m.TypeNames(values) == [
        "int",
        "int",
        "int",
        "bool",
        "float64",
        "string",
        "<nil>",
        "[]interface {}",
        "map[string]interface {}",
        "[]interface {}",
    ]


def check_errors_inside_values(m: Any) -> None:
    """A Go error inside a value is a GoError instance (message and Go type), not a TypeError."""
    boom, path, none = m.ErrorValues()
    assert type(boom) is m.GoError and str(boom) == "boom", repr(boom)
    assert boom.go_type == "*errors.errorString"
    assert isinstance(path, m.GoError) and str(path) == "open x: file does not exist"
    assert path.go_type == "*fs.PathError" and none is None


def check_any_keys(m: Any) -> None:
    """map[any]V: each key converts by its own type; two Go keys that are one Python key raise."""
    keys = m.AnyKeys()
    assert keys == {-3: 3, 2: 2, "a": 1} and list(keys) == [-3, 2, "a"], keys
    kind, message = raised(m.MergedKeys)
    assert kind == "ValueError" and "are one Python key" in message, message
    assert m.CountAnyKeys({"a": 1, 2: 2}) == 2
    assert raised(m.CountAnyKeys, {2**64: 1})[0] == "TypeError"  # a Go pointer key, else
    kind, message = raised(m.CountAnyKeys, {1.5: 1})
    assert kind == "TypeError" and "expected str or int (within int64) keys" in message, message


def check_big_integers_inside_values(m: Any) -> None:
    """*big.Int inside lists, maps and any: Python ints of any size, both ways."""
    assert m.Factorials([0, 5, 30]) == [1, 120, math.factorial(30)]
    assert m.SumBig({"a": 2**100, "b": -(2**70), "c": None, "d": 7}) == 2**100 - 2**70 + 7
    assert m.BigInAny() == 2**100
    assert m.TypeNames([2**100, -(2**64)]) == ["*big.Int", "*big.Int"]  # past int64 inside any
    kind, message = raised(m.SumBig, {"a": 1.5})
    assert kind == "TypeError", (kind, message)
    text = '[1, -2.5, 12345678901234567890123, 1e3, {"n": 0}]'
    assert m.JSONNumbers(text) == json.loads(text)  # json.Number: the number, as json reads it
    assert [m.JSONNumber(s) for s in ("7", "-2.5", "1e400", "", "x", "01")] == [
        7,
        -2.5,
        math.inf,
        "",  # Go's zero value, and what spells no JSON number: the text
        "x",
        "01",
    ]
    assert [m.JSONNumberText(n) for n in (7, 2.5, 2**70, "3")] == ["7", "2.5", str(2**70), "3"]


def check_shared_references(m: Any) -> None:
    a: list[Any] = [0]
    for _ in range(30):
        a = [a, a]
    back = m.Echo(a)  # 2^30 paths: Go builds 31 lists, Python gets them shared
    for _ in range(30):
        assert back[0] is back[1]
        back = back[0]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    dag = m.DAG(21)
    node, count = dag, 0
    while node is not None:
        assert node.L is node.R
        node, count = node.L, count + 1
    assert count == 22
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown < 50_000, f"{grown} kB for a DAG of 22 nodes"
    assert m.Distinct(dag) == 22  # back to Go: still 22 nodes, shared
    chain = m.Chain(5000)  # acyclic and 5,000 levels deep: under the limit
    length = 0
    while chain is not None:
        chain, length = chain.L, length + 1
    assert length == 5000
    cycle: list[Any] = []
    cycle.append(cycle)
    kind, message = raised(m.Echo, cycle)  # Go code walking it would overflow Go's stack
    assert kind == "ValueError" and "a list that contains itself cannot cross" in message, message
    looped: dict[str, Any] = {}
    looped["self"] = [looped]
    assert raised(m.Echo, looped)[0] == "ValueError"
    shared = [1]
    assert m.Echo([shared, shared]) == [[1], [1]]  # shared, not cyclic: fine


def check_inputs(m: Any) -> None:
    assert m.HasDeadline() is False and m.HasDeadline(timeout=None) is False
    assert m.HasDeadline(timeout=5) is True
    assert m.HasDeadline(timeout=math.inf) is False
    assert m.HasDeadline(timeout=1e300) is False  # beyond a Go Duration: no deadline
    for bad in (-1, -0.5, math.nan):
        kind, message = raised(m.HasDeadline, timeout=bad)
        assert kind == "ValueError" and "timeout" in message, (bad, message)
    assert raised(m.HasDeadline, timeout="1")[0] == "TypeError"
    assert m.Not(True) is False and m.Not(0) is True
    assert raised(m.Not, "false") == ("TypeError", "Not() argument b: expected bool, got str")
    assert raised(m.Not, 2)[0] == "ValueError"
    assert raised(m.Add, "1", 2)[1].startswith("Add() argument a: ")
    assert raised(m.Add, 1, 2**64)[0] == "OverflowError"
    assert raised(m.Add, 1, 2**64)[1].startswith("Add() argument b: ")
    assert raised(m.Small, 256)[1].startswith("Small() argument v: ")
    assert raised(m.Tokens, 5) == (
        "TypeError",
        "Tokens() argument text: expected str or bytes, got int",
    )
    assert raised(m.Reverse, 5)[1] == "Reverse() argument b: expected a bytes-like object, got int"
    mappings = [
        OrderedDict(a=1, b=2),
        defaultdict(int, a=1, b=2),
        Counter(a=1, b=2),
        types.MappingProxyType({"a": 1, "b": 2}),
        UserDict(a=1, b=2),
    ]
    for mapping in mappings:
        assert m.CountKeys(mapping) == 2, type(mapping)
    for sequence in (range(4), deque([0, 1, 2, 3]), (0, 1, 2, 3), array.array("q", range(4))):
        assert m.SumInts(sequence) == 6, type(sequence)
    assert m.JoinAll(deque(["a", "b"])) == "ab" and m.JoinAll(range(0)) == ""
    assert m.JoinAll(types.MappingProxyType({"x": 1}).keys()) == "x"
    kind, message = raised(m.CountKeys, {"a": lambda: 0})
    assert kind == "TypeError" and "CountKeys() argument m" in message, message


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    check_memory_ownership(m)
    check_no_silent_loss(m)
    check_maps_as_columns(m)
    check_numbers_inside_any(m)
    check_errors_inside_values(m)
    check_any_keys(m)
    check_big_integers_inside_values(m)
    check_shared_references(m)
    check_inputs(m)
    print("values ok")


if __name__ == "__main__":
    main()
