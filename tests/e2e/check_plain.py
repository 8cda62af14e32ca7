"""Checks the bindings of the ordinary Go package tests/data/gopkgs/plain, value by value.

Run in a fresh interpreter of a venv where the fixture is installed:
``python check_plain.py fixture_pkg._native``. Prints "plain ok" when every check passed.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import pickle
import sys
from array import array
from datetime import datetime, timedelta, timezone
from typing import Any


def expect_raises(exception: type[BaseException], text: str, function: Any, *args: Any) -> None:
    try:
        function(*args)
    except exception as error:
        assert text in str(error), f"{function.__name__}{args}: {error!r} lacks {text!r}"
    else:
        raise AssertionError(f"{function.__name__}{args} did not raise {exception.__name__}")


def check_out_parameters(m: Any) -> None:
    """An out-parameter of type any (json.Unmarshal's, toml.Decode's) takes a GoRef."""
    ref = m.GoRef({})  # Go gets a *map[string]any
    m.Unmarshal('{"a": [1, 2.5, "x"], "b": null}', ref)
    assert ref.value == {"a": [1.0, 2.5, "x"], "b": None}
    ref = m.GoRef()  # Go gets a *any and chooses
    m.Unmarshal("[true]", ref)
    assert ref.value == [True] and m.GoRef([1]).value == [1]
    expect_raises(m.GoError, "non-pointer map[string]interface {}", m.Unmarshal, "{}", {})
    expect_raises(m.GoError, "cannot unmarshal array", m.Unmarshal, "[1]", m.GoRef({}))
    expect_raises(TypeError, "GoRef(): argument value: unsupported", m.GoRef, object())
    handles = m._go_stats()[0]
    for _ in range(1000):
        m.Unmarshal("{}", m.GoRef({}))
    gc.collect()
    assert m._go_stats()[0] <= handles + 5  # dropped pointers are released in Go


def check_scalars(m: Any) -> None:
    assert m.Add(2, 3) == 5
    assert m.Add(-(2**63), 0) == -(2**63)
    assert m.Add(2**63 - 1, 0) == 2**63 - 1
    expect_raises(OverflowError, "", m.Add, 2**63, 0)
    expect_raises(TypeError, "", m.Add, 1.5, 0)
    assert m.Half(3.0) == 1.5
    # Methods of named non-struct types: Go's method expressions, the value first.
    assert m.Celsius.String(m.Half(43.0)) == "21.5°C"
    assert m.Tags.Joined(["a", "b"], "+") == "a+b" and m.Tags.Joined([], "+") == ""
    assert not hasattr(m.Celsius, "Warm")  # a pointer method: reported, not bound
    check_out_parameters(m)
    ok, problems = m.Check(["a", "", "b"])  # errors inside a result: GoError or None
    assert ok is False and problems[0] is None and problems[2] is None
    assert isinstance(problems[1], m.ErrEmpty) and str(problems[1]) == "word 1: empty text"
    assert m.Check(["a"]) == (True, [None])
    expect_raises(TypeError, "Celsius.String() argument value", m.Celsius.String, "hot")
    assert m.Not(True) is False and m.Not(False) is True
    assert m.Nothing() is None
    assert m.Small(255) == 255
    expect_raises(OverflowError, "", m.Small, 256)
    expect_raises(OverflowError, "", m.Small, -1)


def check_strings_and_bytes(m: Any) -> None:
    assert m.Hello() == "héllo"
    assert m.Tokens("a b  c") == ["a", "b", "c"]
    assert m.Tokens("") == []
    assert m.Tokens("ünï cödé 字") == ["ünï", "cödé", "字"]
    assert m.Tokens(b"x y") == ["x", "y"]
    assert m.Reverse(b"abc") == b"cba"
    assert m.Reverse(bytearray(b"")) == b""
    big = bytes(range(256)) * 4096
    assert m.Reverse(big) == big[::-1]


def check_variadic(m: Any) -> None:
    assert m.Total(1.0) == 1.0 and m.Total(1.0, 2.0, 3.5) == 6.5  # ...Celsius: pickled
    assert m.Join("-") == "" and m.Join("-", "a", "b") == "a-b"
    assert m.Max() == 0 and m.Max(3, -1, 7) == 7  # ...int64: a Go slice over a copy
    expect_raises(OverflowError, "", m.Max, 2**63)
    expect_raises(TypeError, "", m.Join, "-", 1)


def check_numbers(m: Any) -> None:
    assert m.Sum([1.0, 2.5]) == 3.5
    assert m.Sum(array("d", [1.0, 2.0])) == 3.0
    assert m.Sum([]) == 0.0
    result = m.Range(5)
    assert isinstance(result, array) and result.typecode == "d"
    assert list(result) == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert list(m.Range(0)) == []
    assert m.Squares(4) == {0: 0, 1: 1, 2: 4, 3: 9}
    assert m.Squares(0) == {}


def check_structs(m: Any) -> None:
    stats = m.Count("b a b c b a", 2)
    assert type(stats) is m.Stats
    assert stats.Words == 6
    assert stats.Top == ["b", "a"]
    assert stats.Seen == {"a": 2, "b": 3, "c": 1}
    assert list(stats.Seen) == sorted(stats.Seen)  # Go's map order is random: keys come sorted
    cet = timezone(timedelta(hours=1))
    assert stats.At == datetime(2026, 12, 1, 13, 30, 15, 123456, tzinfo=cet)
    assert stats.At.utcoffset() == timedelta(hours=1)
    assert stats.Took == timedelta(seconds=1.5)
    assert stats.Ratio == 0.5 and stats.Tags == [] and stats.Next is None
    assert "Words=6" in repr(stats)
    expect_raises(m.GoError, "empty text", m.Count, "   ", 1)
    try:
        m.Count("", 1)
    except m.ErrEmpty as error:  # the sentinel error's class, a GoError
        assert isinstance(error, m.GoError) and error.go_type == "*errors.errorString"
        assert pickle.loads(pickle.dumps(error)).go_type == error.go_type
    try:
        m.Words(" ")
    except m.ErrEmpty as error:  # errors.Is sees through wrapping
        assert str(error) == 'words of " ": empty text' and error.go_type == "*fmt.wrapError"
    assert m.Words("a b") == 2
    try:
        m.DivMod(1, 0)
    except m.GoError as error:
        assert type(error) is m.GoError  # no sentinel matches
    back = m.EchoStats(stats)
    assert back == stats and back is not stats
    nested = m.Stats(Words=1, Next=m.Stats(Words=2, Tags=["x"]))
    assert m.EchoStats(nested).Next.Tags == ["x"]
    as_mapping = m.EchoStats({"Words": 7, "Seen": {"z": 1}})
    assert as_mapping.Words == 7 and as_mapping.Seen == {"z": 1} and as_mapping.Top == []
    expect_raises(TypeError, "Wordz", m.EchoStats, {"Wordz": 1})
    expect_raises(TypeError, "", m.EchoStats, {"Words": "many"})
    assert pickle.loads(pickle.dumps(stats)) == stats
    point = m.Point(X=1, Y=-2)
    assert m.EchoPoint(point) == point
    assert m.EchoPoint(None) is None
    expect_raises(OverflowError, "", m.EchoPoint, m.Point(X=2**31))
    corners = m.Corners(3, 4)
    assert corners == [m.Point(0, 0), m.Point(3, 0), m.Point(0, 4), m.Point(3, 4)]
    try:
        point.Z = 1  # type: ignore[attr-defined]
    except AttributeError:
        pass
    else:
        raise AssertionError("struct classes have __slots__")


def check_maps_times_any(m: Any) -> None:
    assert m.Merge([{"a": 1}, {"a": 2, "b": 3}]) == {"a": 2, "b": 3}
    assert m.Merge([]) == {}
    expect_raises(TypeError, "", m.Merge, [{"a": "x"}])
    when = datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=timezone.utc)
    assert m.Later(when, timedelta(microseconds=1)) == datetime(2024, 3, 1, tzinfo=timezone.utc)
    minus5 = timezone(timedelta(hours=-5))
    assert m.Later(datetime(2020, 1, 1, tzinfo=minus5), timedelta(0)).utcoffset() == timedelta(
        hours=-5
    )
    for value in [None, True, 0, -1, 2**63 - 1, 1.5, "text", b"raw", [1, "a"], {"k": [None]}]:
        assert m.Echo(value) == value, value
    nested = m.Nested()
    assert nested["list"][:5] == [1, "two", 3.0, True, None]
    assert list(nested["list"][5]["k"]) == [1, 2]
    assert nested["when"] == datetime(2000, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert nested["bytes"] == b"raw"


def check_results(m: Any) -> None:
    result = m.DivMod(7, 2)
    assert result == (3, 1) and result.quotient == 3 and result.remainder == 1
    assert type(result).__name__ == "DivModResult"
    expect_raises(m.GoError, "divide 7 by zero", m.DivMod, 7, 0)
    assert m.Pair() == ("x", 1)
    try:
        m.Boom("bad")
    except m.GoPanic as panic:
        assert panic.value == "bad" and panic.go_type == "string"
    else:
        raise AssertionError("Boom did not raise GoPanic")
    assert m.Add(1, 1) == 2  # the process lives on


def check_api(m: Any) -> None:
    assert "Count counts the words" in m.Count.__doc__
    assert "func Count(text string, top int) (Stats, error)" in m.Count.__doc__
    assert list(inspect.signature(m.Count).parameters) == ["text", "top"]
    assert "Stats are what Count finds" in m.Stats.__doc__
    for skipped in ("Channel", "Callback", "Generic"):
        assert not hasattr(m, skipped), skipped
    assert "Channel" in m.__doc__  # the module says what it left out, and why


def check_instantiations(m: Any) -> None:
    """Generic[T] bound as the instantiations the configuration names."""
    assert m.Generic_int(7) == 7 and m.Texts(["a", "b"]) == ["a", "b"]
    when = datetime(2001, 2, 3, 4, 5, 6, tzinfo=timezone.utc)
    assert m.Generic_time_Time(when) == when
    assert "func Generic[int](t int) int" in m.Generic_int.__doc__
    try:
        m.Generic_int("seven")
    except TypeError as error:
        assert "Generic_int() argument t" in str(error), error
    else:
        raise AssertionError("Generic_int took a str")


def main() -> None:
    module = importlib.import_module(sys.argv[1])
    for check in (
        check_scalars,
        check_strings_and_bytes,
        check_numbers,
        check_variadic,
        check_structs,
        check_maps_times_any,
        check_results,
        check_api,
        check_instantiations,
    ):
        check(module)
    print("plain ok")


if __name__ == "__main__":
    main()
