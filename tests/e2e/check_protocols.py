"""Checks the protocols and value methods of tests/data/gopkgs/objects (protocols.go): methods of
data structs, Python protocols from Go method sets, (*T, error) results, ints inside any, times
of day.

Run in a fresh interpreter of a venv where the fixture is installed:
``python check_protocols.py fixture_pkg._native``. Prints "protocols ok" when every check passed.
"""

from __future__ import annotations

import gc
import importlib
import pickle
import sys
from datetime import datetime, time, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

from check_objects import expect_raises


def check_value_methods(m: Any) -> None:
    """A data struct's methods run on a copy of it, which crosses as the value does."""
    p, q = m.Point(1, 2), m.Point(X=3, Y=4)
    assert p.Add(q) == m.Point(4, 6) and p.Scale(3) == m.Point(3, 6)
    assert p.Add({"X": 1, "Y": 1}) == m.Point(2, 3)  # a mapping of fields, as arguments take
    assert p.Moved(10) == 11 and p.X == 1  # Go moved its copy, not Python's point
    p.X = 5
    assert p.String() == "(5, 2)" and str(p) == "(5, 2)"  # the fields as they are now
    assert repr(p) == "Point(X=5, Y=2)"  # a value's repr stays its fields
    p.X = "five"
    expect_raises(TypeError, "Point.String(): argument self: X: expected int", p.String)
    assert m.Point.Add.__doc__.startswith("Add returns the sum of the points.")


def check_comparisons(m: Any) -> None:
    p, same, other = m.Point(1, 2), m.Point(1, 2), m.Point(1, 3)
    assert p == same and p != other
    assert p != "(1, 2)"  # another type: NotImplemented, so False
    assert p != None  # noqa: E711
    assert p < other and other > p and not (other < p) and sorted([other, p]) == [p, other]
    expect_raises(TypeError, "not supported", lambda: p <= other)  # Less gives < and > only
    expect_raises(TypeError, "unhashable", hash, p)
    one, one_beta, two = m.ParseVersion("1.0"), m.ParseVersion("1.0-beta"), m.ParseVersion("1.2")
    assert one == one_beta and one is not one_beta  # Compare() == 0, labels do not count
    assert one < two and one <= two and two > one >= one_beta and max(two, one) is two
    expect_raises(TypeError, "not supported", lambda: one < 1)
    assert (one == 1) is False
    expect_raises(TypeError, "unhashable", hash, one)
    tally = m.Tally(3)
    assert tally == m.Tally(3) and tally != m.Tally(4) and tally != None  # noqa: E711
    tally.Add(1)
    assert tally == m.NewTally(4)  # Go's Equal sees the object as it is now


def check_strings(m: Any) -> None:
    version = m.ParseVersion("2.5-rc1")
    assert str(version) == "2.5-rc1" and version.Major() == 2
    assert repr(version) == "<fixture_pkg._native.Version Go object: 2.5-rc1>"
    assert str(version.Bump()) == "2.6"  # a value result of an object type: a new object
    counter = m.Counter("apples", 1)
    counter.Add(2)
    assert repr(counter) == "<fixture_pkg._native.Counter Go object: apples=2>"
    counter.close()
    assert "closed" in repr(counter) and str(counter) == repr(counter)
    assert "Go object, handle" in repr(m.Bag())  # no String(): the plain repr


def check_iteration(m: Any) -> None:
    lines = m.NewLines("a\nb\nc")
    assert len(lines) == 3 and iter(lines) is lines and list(lines) == ["a", "b", "c"]
    assert list(lines) == []  # Next() consumed it, as in Go
    assert list(m.Values(1, "two", [3])) == [1, "two", [3]]  # Next() (any, bool)
    values = m.Values(4, 5)
    assert next(values) == 4 and next(values) == 5 and next(values, "end") == "end"
    deck = m.Deck()
    deck.Cards = ["ace", "king"]
    assert list(deck) == ["ace", "king"] and list(deck) == ["ace", "king"]  # All(): each time
    assert "ace" in deck and sorted(deck) == ["ace", "king"]


def check_pointer_or_error(m: Any) -> None:
    """(*T, error): T in the stub; nil without an error is None at run time."""
    assert m.ParseVersion("") is None
    expect_raises(m.GoError, 'bad version "x"', m.ParseVersion, "x")


def check_ints_inside_any(m: Any) -> None:
    """A Python int inside an any is a Go int, as Go libraries expect."""
    assert m.GoTypeOf(1) == "int" and m.GoTypeOf(-(2**63)) == "int"
    assert m.GoTypeOf([1, 2.5, True, "s", None]) == "[int float64 bool string <nil>]"
    assert m.GoTypeOf({"a": 1}) == "map[string]interface {}"
    assert m.GoTypeOf(2**64) == "*big.Int"  # past int64: a *big.Int (cdd585c)


def check_times_of_day(m: Any) -> None:
    """A Go time on 0000-01-01 is a datetime.time (aware, in its offset), and back."""
    assert m.ClockTime("15:04:05.25") == time(15, 4, 5, 250000, tzinfo=timezone.utc)
    east = timezone(timedelta(hours=1))
    assert m.ClockIn(9, 3600) == time(9, 30, tzinfo=east)
    assert m.ClockIn(9, 3600).utcoffset() == timedelta(hours=1)
    assert m.Clock(time(8, 0, 1, 5)) == "0000-01-01 08:00:01.000005 +0000"  # naive: UTC
    assert m.Clock(m.ClockIn(23, -7200)) == "0000-01-01 23:30:00.000000 -0200"
    assert m.GoTypeOf(time(1, 2)) == "time.Time"
    assert m.Clock(datetime(2001, 2, 3, tzinfo=timezone.utc)) == "2001-02-03 00:00:00.000000 +0000"
    expect_raises(m.GoError, "hour out of range", m.ClockTime, "25:00:00")


def check_fractions(m: Any) -> None:
    """*big.Rat is a Fraction both ways, exact and of any size."""
    assert m.Halve(Fraction(3, 7)) == Fraction(3, 14) and m.Halve(-5) == Fraction(-5, 2)
    huge = Fraction(10**400 + 1, 3**300)
    assert m.Halve(huge) == huge / 2 and m.Halve(0) == 0 and m.NoRat() is None
    expect_raises(
        TypeError, "Halve() argument r: expected Fraction or int, got float", m.Halve, 0.5
    )
    expect_raises(TypeError, "expected Fraction or int, got bool", m.Halve, True)


def check_decimals(m: Any) -> None:
    """*big.Float is a Decimal: exact text in (ints and floats exactly), shortest text out."""
    assert m.Third(Decimal(3)) == Decimal(1) and m.Third(1.5) == Decimal("0.5")
    third = m.Third(Decimal("1e400"))  # past float's range; 64 bits: ~19 digits
    assert third.adjusted() == 399 and abs(third * 3 - Decimal("1e400")) < Decimal("1e382")
    assert m.Third(Decimal("-Infinity")) == Decimal("-Infinity") and m.Third(0) == 0
    assert m.Precision(2**100 + 1) == 101 and m.Precision(0.1) == 64
    assert m.Precision(Decimal("0." + "1" * 40)) == 4 * 40 + 8  # 4 bits a digit
    expect_raises(
        ValueError, "Third() argument f: NaN has no Go big.Float", m.Third, Decimal("NaN")
    )
    expect_raises(TypeError, "expected Decimal, int or float, got str", m.Third, "1")


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    check_value_methods(m)
    check_comparisons(m)
    check_strings(m)
    check_iteration(m)
    check_pointer_or_error(m)
    check_ints_inside_any(m)
    check_times_of_day(m)
    check_opaque_values(m)
    check_fractions(m)
    check_decimals(m)
    print("protocols ok")


def check_opaque_values(m: Any) -> None:
    """Go values Python cannot convert are held by handle and passed back."""
    prefix, upper = m.WithPrefix("> "), m.Upper()
    assert isinstance(prefix, m.Option) and "Go object, handle" in repr(prefix)
    assert m.Render("hi", prefix, upper) == "> HI" and m.Render("hi") == "hi"
    assert m.Render("hi", *[upper, prefix]) == "> HI"  # the same option twice, in any order
    assert m.ApplyOne("hi", upper) == "HI" and m.ApplyOne("hi", None) == "hi"  # None: nil
    expect_raises(
        TypeError, "Render() argument options: expected Option, got str", m.Render, "x", "y"
    )
    expect_raises(TypeError, "expected Option or None, got Regexp", m.ApplyOne, "x", m.Pattern("a"))
    expect_raises(TypeError, "cannot create Option objects", m.Option)
    expect_raises(TypeError, "cannot pickle Option", pickle.dumps, upper)
    pattern = m.Pattern("^a+$")
    assert (
        isinstance(pattern, m.Regexp) and m.Matches(pattern, "aaa") and not m.Matches(pattern, "ab")
    )
    expect_raises(m.GoError, "missing closing )", m.Pattern, "(")
    expect_raises(m.GoPanic, "nil pointer dereference", m.Matches, None, "a")
    assert m.ReadAll(m.Text("from Go")) == "from Go"
    address = m.Address("https://go.dev/doc")  # a url.URL value: a handle to Go's copy
    assert isinstance(address, m.URL) and m.Host(address) == "go.dev"
    assert m.Address("https://go.dev/doc") is not address  # a value has no identity
    expect_raises(TypeError, "Host() argument address: expected URL, got NoneType", m.Host, None)
    assert m.Described("https://go.dev/x", m.Host) == "go.dev"  # a callback given a URL
    # Found by a hostile test: inside values url.URL came back as *url.URL's class, which the
    # package refused back, and an opaque Source inside a struct as its dynamic value.
    addresses = m.Addresses("https://a.dev/", "https://b.dev/")
    assert [type(a) for a in addresses] == [m.URL, m.URL] and m.Hosts(addresses) == [
        "a.dev",
        "b.dev",
    ]
    seen: list[str] = []
    m.EachAddress(lambda value, pointer: seen.extend([type(value).__name__, m.Host(value)]))
    assert seen == ["URL", "go.dev"]
    stall = m.NewStall("fish")
    assert isinstance(stall.Source, m.Source) and m.StallSource(stall) == "fish"
    source = m.NewSource("files")  # type Source any: an opaque value of the package
    assert isinstance(source, m.Source) and m.SourceName(source) == "files"
    assert m.SourceName(None) == ""
    reader = m.Text("once")
    assert m.ReadAll(reader) == "once" and m.ReadAll(reader) == ""  # Go's reader, read to its end
    handles = m._go_stats()[0]
    for _ in range(1000):
        m.Render("x", m.WithPrefix("p"))
    gc.collect()
    assert m._go_stats()[0] <= handles + 5  # dropped options are released in Go


if __name__ == "__main__":
    main()
