"""example_pkg.scan and match_counts: the ordinary Go package go/scan, bound without cgo."""

from __future__ import annotations

import re

import pytest

import example_pkg
from example_pkg import Found, _scan


def test_scan_returns_found_objects_with_character_offsets() -> None:
    text = "née bob@example.org, ann@test.net"
    found = example_pkg.scan(r"(?P<user>\w+)@(\w+)\.(\w+)", text)
    expected = [m for m in re.finditer(r"(?P<user>\w+)@(\w+)\.(\w+)", text)]
    assert [type(item) for item in found] == [Found] * len(expected)
    assert [(f.Start, f.End) for f in found] == [m.span() for m in expected]
    assert [f.Text for f in found] == [m.group(0) for m in expected]
    assert [f.Groups for f in found] == [list(m.groups()) for m in expected]
    assert [f.Named for f in found] == [m.groupdict() for m in expected]


def test_scan_limit_and_no_match() -> None:
    assert len(example_pkg.scan(r"\d", "1 2 3", 2)) == 2
    assert example_pkg.scan(r"\d", "none") == []


def test_groups_that_did_not_take_part() -> None:
    [found] = example_pkg.scan(r"(a)|(?P<b>b)", "b")
    assert found.Groups == ["", "b"] and found.Named == {"b": "b"}


def test_match_counts_is_a_dict() -> None:
    assert example_pkg.match_counts(r"\w+", "a b a c a") == {"a": 3, "b": 1, "c": 1}


def test_bad_pattern_is_an_error() -> None:
    with pytest.raises(example_pkg.error, match="bad pattern"):
        example_pkg.scan("(", "x")
    with pytest.raises(_scan.GoError, match="missing closing"):
        _scan.Counts("(", "x")


def test_found_is_a_class_with_go_docs() -> None:
    assert "Found is one match" in (Found.__doc__ or "")
    made = Found(Start=1, End=2, Text="x")
    assert made.Groups == [] and made.Named == {}
    assert made == Found(1, 2, "x")


def test_a_pattern_is_a_go_object_compiled_once() -> None:
    pattern = _scan.Pattern(r"\d+")  # Go's NewPattern
    assert str(pattern) == r"\d+" and pattern.Searches == 0
    assert pattern.Count("1 2\n3 x\nnone") == 3
    assert pattern.Searches == 1
    with pytest.raises(_scan.GoError, match="bad pattern"):
        _scan.Pattern("(")


def test_lines_is_an_iterator_fed_by_a_goroutine() -> None:
    pattern = _scan.Pattern("o")
    text = "one\ntwo\nsix\n" * 1000
    assert list(pattern.Lines(text)) == ["one", "two"] * 1000
    lines = pattern.Lines(text)
    assert next(lines) == "one"
    del lines  # Go's sender sees its context canceled and stops


def test_count_has_a_timeout() -> None:
    pattern = _scan.Pattern(r"\w+")
    assert pattern.Count("a b\nc", timeout=60) == 3
    with pytest.raises(TimeoutError):  # _scan.GoTimeoutError: Go returned ctx.Err()
        pattern.Count("a b\nc", timeout=0)  # a deadline already past
