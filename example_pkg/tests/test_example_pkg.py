"""Tests of the installed example_pkg (run `pytest` from the project root after `pip install .`)."""

from __future__ import annotations

import doctest
import gc
import inspect
import pickle
import subprocess
import sys
import threading
import time
from array import array

import pytest

import example_pkg
from example_pkg import _native
from example_pkg._native import GoError, lib


def test_search_str() -> None:
    m = example_pkg.search(r"(\w+)@(\w+)", "mail bob@example now")
    assert m is not None
    assert m.group() == m.group(0) == m[0] == "bob@example"
    assert m.groups() == ("bob", "example")
    assert m.group(1, 2) == ("bob", "example")
    assert m.span() == (5, 16)
    assert (m.start(2), m.end(2)) == (9, 16)
    assert m.string == "mail bob@example now"
    assert example_pkg.search("x", "abc") is None


def test_search_bytes() -> None:
    m = example_pkg.search(rb"(\d+)-(\d+)", b"tel 555-0199")
    assert m is not None
    assert m.group() == b"555-0199"
    assert m.groups() == (b"555", b"0199")
    assert m.span(1) == (4, 7)


def test_bytes_text_may_be_any_bytes() -> None:
    m = example_pkg.search(rb"b(.)d", b"\xff\x00b\xfed")
    assert m is not None
    assert m.group(1) == b"\xfe"


def test_str_bytes_mixing_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        example_pkg.search("a", b"a")  # type: ignore[type-var]
    with pytest.raises(TypeError):
        example_pkg.compile(b"a").search("a")  # type: ignore[arg-type]


def test_pattern_attributes() -> None:
    p = example_pkg.compile(r"(?P<user>\w+)@(\w+)")
    assert p.pattern == r"(?P<user>\w+)@(\w+)"
    assert p.groups == 2
    assert dict(p.groupindex) == {"user": 1}
    assert example_pkg.compile(p) is p
    assert pickle.loads(pickle.dumps(p)) == p


def test_named_and_optional_groups() -> None:
    m = example_pkg.compile(r"(?P<key>\w+)(?:=(?P<value>\w+))?").fullmatch("debug")
    assert m is not None
    assert m["key"] == m.group("key") == "debug"
    assert m.group("value") is None
    assert m.groups() == ("debug", None)
    assert m.groups("") == ("debug", "")
    assert m.groupdict() == {"key": "debug", "value": None}
    assert m.span("value") == (-1, -1)
    with pytest.raises(IndexError):
        m.group(3)
    with pytest.raises(IndexError):
        m.group("nope")


def test_match_and_fullmatch() -> None:
    p = example_pkg.compile("a|ab")
    assert p.match("abc") is not None
    assert p.match("cab") is None
    m = p.fullmatch("ab")  # fullmatch must try the longer alternative
    assert m is not None
    assert m.group() == "ab"
    assert p.fullmatch("abc") is None
    assert example_pkg.match("b", "ab") is None
    assert example_pkg.fullmatch("(?m)a$", "a") is not None  # inline flags stay scoped


def test_pos() -> None:
    p = example_pkg.compile(r"\d+")
    m = p.search("12 345", 2)
    assert m is not None
    assert (m.group(), m.span(), m.pos) == ("345", (3, 6), 2)
    assert p.match("12 345", 3) is not None
    assert p.search("12 345", 100) is None
    assert p.search("12 345", -5) is not None


def test_findall_and_finditer() -> None:
    assert example_pkg.findall(r"\d+", "a1 b22 c333") == ["1", "22", "333"]
    assert example_pkg.findall(r"(\w)=(\d)?", "a=1 b= c=3") == [("a", "1"), ("b", ""), ("c", "3")]
    assert example_pkg.findall(rb"(\w)=", b"a=1 b=2") == [b"a", b"b"]
    assert example_pkg.findall("x", "abc") == []
    spans = [m.span() for m in example_pkg.finditer(r"\w+", "one two  three")]
    assert spans == [(0, 3), (4, 7), (9, 14)]
    assert example_pkg.findall("^a", "aaa") == ["a"]  # ^ anchors at the text's start only


def test_non_ascii_offsets_are_characters() -> None:
    text = "naïve café, 日本語 ok"
    m = example_pkg.search(r"(\p{Han}+) (\w+)", text)
    assert m is not None
    assert m.span() == (12, 18)
    assert m.span(1) == (12, 15)
    assert m.group(1) == text[12:15] == "日本語"
    assert m.group(2) == "ok"
    assert [m.span() for m in example_pkg.finditer("é|ï", text)] == [(2, 3), (9, 10)]
    m = example_pkg.compile(".").search(text, 2)  # pos counts characters too
    assert m is not None
    assert m.group() == "ï"
    assert example_pkg.split(",? ", text) == ["naïve", "café", "日本語", "ok"]


def test_sub() -> None:
    assert example_pkg.sub(r"(\w+)@(\w+)", "$2 at $1", "bob@example") == "example at bob"
    assert example_pkg.sub(r"(?P<n>\d)", "<${n}0>", "a1b2") == "a<10>b<20>"
    assert example_pkg.sub("a", "$$", "banana") == "b$n$n$"
    assert example_pkg.sub("a", "o", "banana", count=2) == "bonona"
    assert example_pkg.subn("a", "o", "banana") == ("bonono", 3)
    assert example_pkg.sub("x", "y", "") == ""
    assert example_pkg.sub("é", "e", "été") == "ete"
    assert example_pkg.sub(rb"\d", b"#", b"a1b2") == b"a#b#"


def test_sub_keeps_nul_bytes() -> None:
    assert example_pkg.sub(b"-", b"\x00", b"a-b\x00c-") == b"a\x00b\x00c\x00"
    assert example_pkg.sub("-", "\x00$0", "\x00-") == "\x00\x00-"


def test_sub_callable() -> None:
    assert example_pkg.sub(r"\d+", lambda m: str(int(m[0]) * 2), "a1 b21") == "a2 b42"
    assert example_pkg.subn("a", lambda m: "A", "banana", 2) == ("bAnAna", 2)


def test_split() -> None:
    assert example_pkg.split(r",\s*", "a, b,c") == ["a", "b", "c"]
    assert example_pkg.split(r"(,)\s*", "a, b") == ["a", ",", "b"]
    assert example_pkg.split(r"(,)|(;)", "a,b;c") == ["a", ",", None, "b", None, ";", "c"]
    assert example_pkg.split(",", "a,b,c", maxsplit=1) == ["a", "b,c"]
    assert example_pkg.split(b",", b"a,b") == [b"a", b"b"]


def test_escape() -> None:
    assert example_pkg.escape("1+1=2?") == r"1\+1=2\?"
    assert example_pkg.escape(b"a.b") == rb"a\.b"
    assert example_pkg.escape("") == ""
    text = "(é)*[\x00]$"
    assert example_pkg.fullmatch(example_pkg.escape(text), text) is not None


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(a", "missing closing ): `(a`"),
        ("a**", "invalid nested repetition operator: `**`"),
        (r"(a)\1", r"invalid escape sequence: `\1`"),
        (b"\xff", "invalid UTF-8"),
    ],
)
def test_bad_pattern(pattern: str | bytes, message: str) -> None:
    with pytest.raises(example_pkg.error) as info:
        example_pkg.compile(pattern)  # type: ignore[type-var]
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith("error parsing regexp: ")
    assert message in str(info.value)
    assert info.value.pattern == pattern
    assert not isinstance(info.value, GoError)  # translated from the wrapper's GoError
    with pytest.raises(GoError, match=r"^error parsing regexp: "):
        _native.Compile(pattern)


def test_pathological_pattern_is_linear() -> None:
    p = example_pkg.compile(r"(a+)+$")
    start = time.perf_counter()
    assert p.search("a" * 40 + "b") is None
    assert p.search("a" * 100_000 + "b") is None
    assert time.perf_counter() - start < 2  # Python's re would take days on the first one


def test_patterns_are_released() -> None:
    gc.collect()
    before = _native.LiveHandles()
    patterns = [example_pkg.Pattern(f"x{i}") for i in range(1000)]
    assert _native.LiveHandles() == lib.LiveHandles() == before + 1000
    del patterns
    gc.collect()
    assert _native.LiveHandles() == before


def test_results_kept_in_go_are_released() -> None:
    p = example_pkg.compile(r"(\d)")
    before = _native.LiveHandles()
    for _ in range(100):
        assert p.findall("1 2 3") == ["1", "2", "3"]
        assert p.sub("<$1>", "a1") == "a<1>"
        assert p.sub("", "1") == ""  # an empty result: no handle at all
    assert _native.LiveHandles() == before
    # A buffer too short for the result is an error, and the result is released anyway.
    ret = _native.Replace(p._handle, b"a1b2", b"", 0)
    assert (ret.n, ret.replaced) == (2, 2)
    assert _native.LiveHandles() == before + 1
    with pytest.raises(GoError, match="buffer holds 1 values, 2 needed"):
        _native.TakeBytes(ret.out, bytearray(1))
    assert _native.LiveHandles() == before
    with pytest.raises(GoError, match="invalid handle"):  # taken already
        _native.TakeBytes(ret.out, bytearray(2))
    ret2 = _native.FindAll(p._handle, b"a1b2", 0, False)
    with pytest.raises(GoError, match="invalid handle"):  # not a byte result
        _native.TakeBytes(ret2.offsets, bytearray(100))
    offsets = array("q", bytes(8 * 2 * 2 * ret2.matches))
    _native.TakeOffsets(ret2.offsets, offsets)
    assert offsets.tolist() == [1, 2, 1, 2, 3, 4, 3, 4]
    assert _native.LiveHandles() == before


def test_bad_handles_do_not_crash() -> None:
    _native.Release(0)
    _native.Release(123456789)
    for call in (
        lambda: _native.GroupNames(0),
        lambda: _native.Find(0, b"a", 0, 0, False, array("q", [0, 0])),
        lambda: _native.FindAll(123456789, b"a", 0, False),
        lambda: _native.Replace(0, b"a", b"", 0),
        lambda: _native.TakeBytes(0, bytearray(1)),
        lambda: _native.TakeOffsets(0, array("q", [0])),
    ):
        with pytest.raises(GoError, match=r"^invalid handle$"):
            call()


def test_find_fills_the_callers_buffer() -> None:
    handle = example_pkg.compile(r"(b)(x)?")._handle
    locs = array("q", [7] * 6)
    assert _native.Find(handle, b"abc", 0, 0, False, locs) is True
    assert locs.tolist() == [1, 2, 1, 2, -1, -1]  # Go wrote into our array: no copy
    assert _native.Find(handle, b"xyz", 0, 0, False, locs) is False
    with pytest.raises(GoError, match="locs holds 4 values, 6 needed"):
        _native.Find(handle, b"abc", 0, 0, False, array("q", [0] * 4))
    with pytest.raises(GoError, match="invalid anchor 3"):
        _native.Find(handle, b"abc", 0, 3, False, locs)


def test_quotemeta_size_query() -> None:
    out = bytearray(4)
    assert _native.QuoteMeta("a.b", out) == 4
    assert out == b"a\\.b"
    short = bytearray(3)
    assert _native.QuoteMeta(b"a.b", short) == 4  # too short: nothing written, size returned
    assert short == bytearray(3)


def test_generated_wrappers() -> None:
    assert issubclass(GoError, RuntimeError)
    assert list(inspect.signature(_native.Find).parameters) == [
        "handle",
        "src",
        "pos",
        "anchor",
        "runes",
        "locs",
    ]
    assert _native.Compile.__doc__ is not None
    assert _native.Compile.__doc__.startswith("Compile compiles pattern")
    ret = _native.Compile("(a)(?P<x>b)")
    assert ret == (ret.handle, 2)
    assert ret.groups == 2
    assert _native.GroupNames(ret.handle) == ",x"
    _native.Release(ret.handle)


def test_threads() -> None:
    p = example_pkg.compile(r"(\d+)")
    results: list[list[str]] = []

    def work() -> None:
        results.append(p.findall("1 22 333 " * 1000))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [["1", "22", "333"] * 1000] * 8


def test_docstring_examples() -> None:
    failed, attempted = doctest.testmod(example_pkg)
    assert attempted > 0
    assert failed == 0


def test_demo_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "example_pkg"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "(a+)+$" in out
    assert "not run" in out
