"""Checks structs of fixed shape (every field a number or bool: tests/data/gopkgs/plain/values.go),
which cross as C values where C converts them (an instance of exactly the class, fields of
exact int or float) and as a pickle otherwise (a mapping, a subclass, other value types): both
ways give the same values and the same errors.

Run in a fresh interpreter of a venv where the plain fixture is installed:
``python check_fields.py fixture_pkg._native [examples]``. Prints "fields ok" when every check
passed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import sys
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

INTEGERS = {
    "I8": (-(2**7), 2**7 - 1),
    "I16": (-(2**15), 2**15 - 1),
    "I32": (-(2**31), 2**31 - 1),
    "I64": (-(2**63), 2**63 - 1),
    "I": (-(2**63), 2**63 - 1),
    "U8": (0, 2**8 - 1),
    "U16": (0, 2**16 - 1),
    "U32": (0, 2**32 - 1),
    "U64": (0, 2**64 - 1),
    "U": (0, 2**64 - 1),
}
FLOATS = ("F32", "F64", "C")


def outcome(function: Any, *args: Any) -> tuple[str, Any]:
    """What a call gives: its value's fields (floats by their bits: NaN equals NaN, -0.0 is not
    0.0) or its error."""
    try:
        value = function(*args)
    except Exception as error:
        return type(error).__name__, str(error)
    fields = value.__slots__
    return type(value).__name__, [(name, _exact(getattr(value, name))) for name in fields]


def _exact(value: Any) -> Any:
    return (type(value).__name__, value.hex() if isinstance(value, float) else value)


def same_both_ways(m: Any, function: Any, cls: Any, fields: dict[str, Any]) -> tuple[str, Any]:
    """The call with an instance (C's way) and with a mapping (the pickle's) agree."""
    instance = cls.__new__(cls)
    for name, value in fields.items():
        setattr(instance, name, value)
    ordered = {name: fields[name] for name in cls.__slots__}  # the first refusal is the same
    fast, pickled = outcome(function, instance), outcome(function, ordered)
    assert fast == pickled, (function.__name__, fields, fast, pickled)
    return fast


def check_values(m: Any) -> None:
    Vec, Point = m.Vec, m.Point
    assert m.Mid(Vec(1.0, 2.0), Vec(3.0, 5.0)) == Vec(2.0, 3.5)
    assert m.Mid({"X": 1, "Y": 2}, Vec(3, 5)) == Vec(2.0, 3.5)
    middle = m.Mid(Vec(math.inf, math.nan), Vec(-0.0, 1e308))
    assert math.isinf(middle.X) and middle.X > 0 and math.isnan(middle.Y)
    assert math.copysign(1, m.Mid(Vec(-0.0, 0.0), Vec(-0.0, 0.0)).X) == -1
    assert m.Mid(Vec(1e308, 1e308), Vec(1e308, 1e308)) == Vec(math.inf, math.inf)
    assert type(m.Mid(Vec(1, 2), Vec(3, 4)).X) is float
    assert m.Twice(m.Meters(1.5)) == m.Meters(3.0)
    assert m.Moved(Point(1, -2), 3) == Point(4, 1)
    assert m.Unit(Vec(3, 4)) == Vec(0.6, 0.8)
    try:
        m.Unit(Vec(0, 0))
    except m.GoError as error:
        assert str(error) == "the zero vector has no direction", error
    else:
        raise AssertionError("Unit(0, 0) did not raise")
    echoed = m.EchoMixed(m.Mixed(B=True, U64=2**64 - 1, I64=-(2**63), F32=0.1, C=-0.0))
    assert echoed.B is True and echoed.U64 == 2**64 - 1 and echoed.I64 == -(2**63)
    assert echoed.F32 == 0.10000000149011612 and math.copysign(1, echoed.C) == -1
    assert echoed == m.EchoMixed(
        {"B": True, "U64": 2**64 - 1, "I64": -(2**63), "F32": 0.1, "C": -0.0}
    )


def check_refusals(m: Any) -> None:
    """Values Go cannot hold are the codec's errors, whichever way the call went."""
    for fields in (
        {"I8": 128},
        {"U8": -1},
        {"U64": 2**64},
        {"I64": 2**63},
        {"F32": 1e39},
        {"F64": 10**400},
        {"B": 1},
        {"I32": 1.0},
        {"F64": "1"},
        {"F64": None},
        {"I": True},  # the codec takes a bool for a number
        {"F64": 2**64 + 1},
    ):
        same_both_ways(m, m.EchoMixed, m.Mixed, {**_zero_mixed(), **fields})

    class Sub(m.Vec):
        __slots__ = ()

    sub = outcome(m.Mid, Sub(1.0, 2.0), m.Vec())
    assert sub[0] == "TypeError" and "Sub" in sub[1], sub
    unset = outcome(m.Mid, m.Vec.__new__(m.Vec), m.Vec())
    assert unset[0] == "TypeError" and "'X'" in unset[1], unset
    mapping = outcome(m.Mid, {"X": 1.0, "Z": 2.0}, m.Vec())
    assert mapping[0] == "TypeError" and "unknown field" in mapping[1], mapping


def _zero_mixed() -> dict[str, Any]:
    return {name: 0 for name in INTEGERS} | {name: 0.0 for name in FLOATS} | {"B": False}


def field_values() -> st.SearchStrategy[dict[str, Any]]:
    """Mixed's fields: in range mostly, out of range and of other types sometimes."""
    fields: dict[str, st.SearchStrategy[Any]] = {
        name: st.integers(low - 2, high + 2) | st.sampled_from([low, high, 0, True])
        for name, (low, high) in INTEGERS.items()
    }
    number = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(2**70), 2**70)
    fields |= {
        name: number | st.sampled_from([3.4028235e38, 3.4028236e38, -0.0]) for name in FLOATS
    }
    fields["B"] = st.booleans() | st.sampled_from([0, 1, None])
    return st.fixed_dictionaries(fields)


def check_property(m: Any, examples: int) -> None:
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(field_values())
    def echoes(fields: dict[str, Any]) -> None:
        same_both_ways(m, m.EchoMixed, m.Mixed, fields)

    echoes()


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    examples = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    check_values(m)
    check_refusals(m)
    check_property(m, examples)
    check_raw_results(m)
    check_times(m, examples)
    check_text(m, examples)
    print("fields ok", type(m.Mid).__name__)


def check_raw_results(m: Any) -> None:
    """A slice of numbers or bytes as the one result crosses as its memory: the same array or
    bytes as inside a pickled value (Limits), bit for bit; nil and empty alike."""
    import array

    specials = m.Specials()
    assert specials.typecode == "d" and len(specials) == 6 and math.isnan(specials[0])
    assert specials[1:].tolist() == [math.inf, -math.inf, -0.0, 5e-324, 1.7976931348623157e308]
    assert math.copysign(1, specials[3]) == -1
    assert m.Temperatures() == array.array("d", [-40.0, 100.0])
    int8s, _, _, uints, float32s = m.Limits()  # pickled: the reference
    assert m.Small8() == int8s and m.Small8().typecode == int8s.typecode == "b"
    assert m.Wide() == uints and m.Wide().typecode == uints.typecode
    assert m.Thirty2().tobytes()[:8] == float32s.tobytes() and m.Thirty2().typecode == "f"
    assert m.NoFloats() == m.EmptyFloats() == array.array("d")
    assert m.NoBytes() == b"" and type(m.NoBytes()) is bytes
    assert m.Reverse(b"abc") == b"cba" and type(m.Reverse(bytearray(b"ab"))) is bytes
    assert m.Reverse(b"") == b"" and m.Range(3) == array.array("d", [0.0, 1.0, 2.0])
    big = bytes(range(256)) * 4096
    assert m.Reverse(big) == big[::-1]
    assert len(m.Range(1_000_000)) == 1_000_000


def zones() -> st.SearchStrategy[Any]:
    """tzinfos: unnamed timezones of any offset (odd seconds too; microseconds: the codec
    refuses them), named ones, UTC, and none (a naive datetime: Go's Local)."""
    offsets = st.integers(-86399, 86399).map(lambda s: dt.timedelta(seconds=s))
    odd = st.integers(-86_399_999_999, 86_399_999_999).map(lambda us: dt.timedelta(microseconds=us))
    return st.one_of(
        offsets.map(dt.timezone),
        odd.map(dt.timezone),
        offsets.map(lambda offset: dt.timezone(offset, "Named")),
        st.just(dt.timezone.utc),
        st.none(),
    )


def check_times(m: Any, examples: int) -> None:
    """A time or duration argument crosses as C values where C converts it (an aware datetime
    of an unnamed timezone, a timedelta Go holds) and as a pickle otherwise; inside a list it is
    always a pickle: Go sees the same either way, and results are the pickled ones."""
    utc = dt.timezone.utc
    odd = dt.timezone(dt.timedelta(hours=-9, minutes=-59, seconds=-59))
    for t in (
        dt.datetime(1, 1, 1, tzinfo=utc),
        dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=odd),
        dt.datetime(2026, 3, 29, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=45))),
    ):
        assert m.Describe(t) == m.DescribeAll([t])[0], t
        assert m.EchoTime(t) == t and m.EchoTime(t).utcoffset() == t.utcoffset()
    assert m.EchoTime(dt.datetime(2000, 1, 1, tzinfo=utc)).tzinfo is utc
    for clock in (dt.time(12, 30, 5, 7, tzinfo=odd), dt.time(0, 0, tzinfo=utc), dt.time(23, 59)):
        assert outcome_of(m.EchoTime, clock) == outcome_of(lambda v: m.EchoTimes([v])[0], clock)
        assert type(m.EchoTime(clock)) is dt.time, clock  # a time of day both ways
    assert m.Describe(dt.datetime(2000, 1, 1, tzinfo=utc)).endswith('"" 0 false')
    for at in ((253402300799, 999999999, 0), (-62135596800, 0, 0), (0, 1, -3599)):
        assert outcome_of(m.At, *at) == outcome_of(lambda *a: m.Ats([a[0]], *a[1:])[0], *at)
    late = outcome_of(m.At, 253402300800, 0, 0)
    assert late[0] == "ValueError" and "year 10000" in late[1], late
    for ns in (0, 1, -1, 999, -999, 1001, -1001, 2**63 - 1, -(2**63), 86_400_000_000_123):
        assert m.Duration(ns) == m.Durations([ns])[0], ns
    for delta in (
        dt.timedelta(0),
        dt.timedelta(microseconds=-1),
        dt.timedelta(days=106751, seconds=86399, microseconds=999999),
        dt.timedelta(days=-106752),
        dt.timedelta(days=106752),
        dt.timedelta.max,
        dt.timedelta.min,
    ):
        assert outcome_of(m.Nanos, delta) == outcome_of(lambda d: m.NanosAll([d])[0], delta)

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None)
    @given(st.datetimes(timezones=zones()), st.timedeltas())
    def agree(t: dt.datetime, delta: dt.timedelta) -> None:
        assert outcome_of(m.Describe, t) == outcome_of(lambda v: m.DescribeAll([v])[0], t)
        assert outcome_of(m.EchoTime, t) == outcome_of(lambda v: m.EchoTimes([v])[0], t)
        assert outcome_of(m.Nanos, delta) == outcome_of(lambda d: m.NanosAll([d])[0], delta)

    agree()


def outcome_of(function: Any, *args: Any) -> tuple[str, Any]:
    """A call's value (a datetime with its offset) or its error, without the function's name
    (the two ways' functions differ)."""
    try:
        value = function(*args)
    except Exception as error:
        return type(error).__name__, str(error).rsplit(": ", 1)[-1]
    offset = value.utcoffset() if isinstance(value, (dt.datetime, dt.time)) else None
    return type(value).__name__, (value, offset)


def check_text(m: Any, examples: int) -> None:
    """A string result crosses inside the result up to 32 bytes and in C memory beyond: every
    length around the limit, NULs, invalid UTF-8 (surrogateescape), non-ASCII."""
    for size in (0, 1, 7, 8, 31, 32, 33, 64, 100_000):
        data = bytes((index * 7 + 1) % 256 for index in range(size))
        assert m.Text(data) == data.decode("utf-8", "surrogateescape"), size
    for text in ("", "\0", "é" * 16, "é" * 17, "\U0001f600" * 8, "a\x00" * 20):
        assert m.Text(text.encode()) == text, text

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None)
    @given(st.binary(max_size=80))
    def decoded(data: bytes) -> None:
        assert m.Text(data) == data.decode("utf-8", "surrogateescape")

    decoded()


if __name__ == "__main__":
    main()
