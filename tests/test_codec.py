"""The pickle codec of bound Go packages (setuptools_golang_ext/runtime/go/codec) against real Python.

The probe (tests/data/codec_probe) is a Go program built here with the codec copied in the way a
build copies it into a user's module (as the package ``zz_setuptools_golang_ext_codec``, in a module
declaring ``go 1.17``). It encodes a fixed set of Go values, which Python unpickles and compares
with values built here independently; and it decodes pickles Python wrote (protocols 2 to 5) into
typed Go values and encodes them back, which Python compares with the conversion it expects.
The Go unit tests of the codec run here too.
"""

from __future__ import annotations

import array
import base64
import io
import json
import math
import os
import pickle
import pickletools
import random
import shutil
import struct
import subprocess
import sys
import types
import zlib
from collections import Counter, OrderedDict, UserDict, UserList, defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import go_available, run

pytestmark = pytest.mark.skipif(not go_available(), reason="the codec probe is a Go program")

ROOT = Path(__file__).resolve().parent.parent
CODEC = ROOT / "setuptools_golang_ext" / "runtime" / "go" / "codec"
PROBE = ROOT / "tests" / "data" / "codec_probe"
TYPES_MODULE = "codec_probe_types"
LOCAL_ZONE = "America/New_York"  # the probe's TZ: naive datetimes are in it
INT_CODE = "q" if struct.calcsize("P") == 8 else "i"
INT_BITS = struct.calcsize("P") * 8
PROTOCOLS = (2, 3, 4, 5)
INT_SIZES = (("8", 8), ("16", 16), ("32", 32), ("64", 64), ("", INT_BITS))  # Go intN, int


# --- the Python classes of the registered Go structs ---------------------------------------------


class _Slotted:
    """Equality and repr over ``__slots__``; no ``__reduce__`` (pickled with NEWOBJ and BUILD)."""

    __slots__: tuple[str, ...] = ()

    def __init__(self, *values: Any) -> None:
        assert len(values) == len(self.__slots__)
        for name, value in zip(self.__slots__, values):
            setattr(self, name, value)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name, '<unset>')!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class _Reduced(_Slotted):
    """Pickled as ``(type(self), (field values...))``, the form the generated classes use."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        names: tuple[str, ...] = self.__slots__
        return (type(self), tuple(getattr(self, name) for name in names))


class Point(_Reduced):
    __slots__ = ("x", "y", "label")  # noqa: RUF023 (in the order of the Go struct's fields)


class Stats(_Reduced):
    __slots__ = ("Words", "Seen", "Top", "When", "Took", "Ref")  # noqa: RUF023 (Go's order)


class Plain(_Slotted):
    __slots__ = ("a", "b")


@pytest.fixture(scope="module", autouse=True)
def types_module() -> Iterator[None]:
    """The module the probe's registrations name, importable by pickle."""
    module = types.ModuleType(TYPES_MODULE)
    for cls in (Point, Stats, Plain):
        cls.__module__ = TYPES_MODULE
        setattr(module, cls.__name__, cls)
    sys.modules[TYPES_MODULE] = module
    yield
    del sys.modules[TYPES_MODULE]
    for cls in (Point, Stats, Plain):
        cls.__module__ = __name__


# --- the probe -------------------------------------------------------------------------------------


@dataclass
class Probe:
    module: Path
    exe: Path


def go_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(GOFLAGS="", GOWORK="off", GOTOOLCHAIN="local", CGO_ENABLED="0")
    return env


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Probe:
    module = tmp_path_factory.mktemp("codec-probe")
    shutil.copy(PROBE / "go.mod", module)
    shutil.copy(PROBE / "main.go", module)
    package = module / "zz_setuptools_golang_ext_codec"
    package.mkdir()
    for source in CODEC.glob("*.go"):
        if not source.name.endswith("_test.go"):
            shutil.copy(source, package)
    exe = module / ("codecprobe.exe" if sys.platform == "win32" else "codecprobe")
    run(["go", "build", "-o", exe, "."], cwd=module, env=go_env())
    return Probe(module, exe)


def run_probe(probe: Probe, command: str, payload: object = None) -> Any:
    env = {**os.environ, "TZ": LOCAL_ZONE}
    completed = subprocess.run(
        [str(probe.exe), command],
        input=None if payload is None else json.dumps(payload),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if completed.returncode != 0:
        pytest.fail(f"codecprobe {command} failed:\n{completed.stderr}")
    return json.loads(completed.stdout)


def unpickle(result: dict[str, Any]) -> Any:
    assert "error" not in result, result["error"]
    data = base64.b64decode(result["pickle"])
    assert data[:2] == b"\x80\x04", data[:2]
    assert data[-1:] == b"."
    return pickle.loads(data)


def error_of(result: dict[str, Any]) -> tuple[str, str]:
    assert "pickle" not in result, f"no error: {pickle.loads(base64.b64decode(result['pickle']))!r}"
    return result["error"]["Kind"], result["error"]["Message"]


# --- comparison ----------------------------------------------------------------------------------


def assert_same(actual: Any, expected: Any, path: str = "") -> None:
    """Equal values of the same types (bool is not int, -0.0 is not 0.0, NaN is NaN), dicts in the
    same key order, datetimes at the same instant with the same offset."""
    where = path or "value"
    assert type(actual) is type(expected), f"{where}: {actual!r} is not of the type of {expected!r}"
    if isinstance(expected, float):
        if math.isnan(expected):
            assert math.isnan(actual), f"{where}: {actual!r} != nan"
        else:
            assert actual == expected, f"{where}: {actual!r} != {expected!r}"
            assert math.copysign(1, actual) == math.copysign(1, expected), f"{where}: sign"
    elif isinstance(expected, dict):
        assert list(actual) == list(expected), f"{where}: keys {list(actual)} != {list(expected)}"
        for key, value in expected.items():
            assert_same(actual[key], value, f"{path}[{key!r}]")
    elif isinstance(expected, (list, tuple)):
        assert len(actual) == len(expected), f"{where}: {len(actual)} items, not {len(expected)}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            assert_same(a, e, f"{path}[{i}]")
    elif isinstance(expected, array.array):
        assert actual.typecode == expected.typecode, f"{where}: typecode {actual.typecode}"
        assert_same(actual.tolist(), expected.tolist(), path)
    elif isinstance(expected, datetime):
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"
        assert actual.utcoffset() == expected.utcoffset(), f"{where}: {actual!r} != {expected!r}"
        assert type(actual.tzinfo) is type(expected.tzinfo), f"{where}: {actual.tzinfo!r}"
    elif isinstance(expected, _Slotted):
        for name in expected.__slots__:
            assert_same(getattr(actual, name), getattr(expected, name), f"{path}.{name}")
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


def f32(x: float) -> float:
    """x rounded to a float32, as a Python float."""
    value: float = struct.unpack("f", struct.pack("f", x))[0]
    return value


def find_zone(key: str) -> tzinfo | None:
    """The zoneinfo time zone *key*, or None without a time zone database."""
    try:
        import zoneinfo
    except ImportError:  # Python 3.8
        return None
    try:
        return zoneinfo.ZoneInfo(key)
    except zoneinfo.ZoneInfoNotFoundError:
        return None


LOCAL = find_zone(LOCAL_ZONE)


def fixed(dt: datetime) -> datetime:
    """A datetime as Go gives it back: the same wall clock with its offset as a fixed timezone."""
    if dt.tzinfo is None:
        assert LOCAL is not None
        dt = dt.replace(tzinfo=LOCAL)
    offset = dt.utcoffset()
    assert offset is not None
    return dt.replace(tzinfo=timezone(offset), fold=0)


def us_toward_zero(ns: int) -> timedelta:
    return timedelta(microseconds=-(-ns // 1000) if ns < 0 else ns // 1000)


# --- Go → Python ---------------------------------------------------------------------------------

UTC = timezone.utc


def expected_encodings() -> dict[str, Any]:
    """What each value of the probe's ``encode`` command must unpickle as."""
    big = {}
    for i in sorted(range(3000), key=lambda i: f"k{i}"):
        big[f"k{i}"] = dict(sorted({"i": i, f"n{i % 700}": str(i)}.items()))
    cases: dict[str, Any] = {
        "none": None,
        "true": True,
        "false": False,
        "float.1.5": 1.5,
        "float.nan": math.nan,
        "float.inf": math.inf,
        "float.-inf": -math.inf,
        "float.-0": -0.0,
        "float32.0.1": f32(0.1),
        "str.empty": "",
        "str.unicode": "héllo ☃ \U0001f600",
        "str.300": "\0" * 300,
        "bytes": b"\x00\x01\xff",
        "bytes.nil": b"",
        "bytes.array4": b"\x01\x02\x03\x04",
        "list": [1, "a", None, [], 2.5],
        "strings": ["x", "y"],
        "strings.nil": [],
        "bools": [True, False],
        "ints.nested": [array.array(INT_CODE, [1]), array.array(INT_CODE), array.array(INT_CODE)],
        "map.str": {"a": 1, "b": 2, "c": 3},
        "map.int": {-1: "a", 3: "c", 10: "j"},
        "map.uint64": {0: False, 2**64 - 1: True},
        "map.nil": {},
        "map.nested": {"a": -1, "z": {"y": [{}]}},
        "point": Point(1, -2, "p"),
        "point.ptr": Point(3, 4, "q"),
        "point.nilptr": None,
        "points": [Point(1, 2, "a"), Point(3, 4, "b")],
        "points.map": {"k": Point(5, 6, "c")},
        "stats": Stats(
            7,
            {"a": 1, "b": 2},
            [Point(1, 1, "t")],
            datetime(2020, 5, 6, 7, 8, 9, 10, tzinfo=UTC),
            timedelta(seconds=1.5),
            None,
        ),
        "plain": Plain(1, ["x"]),
        "time.year1": datetime(1, 1, 1, tzinfo=UTC),
        "time.max": datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        "time.minus330": datetime(
            2001, 2, 3, 4, 5, 6, 7, tzinfo=timezone(-timedelta(hours=3, minutes=30))
        ),
        "time.utc": datetime(2024, 2, 29, 13, 14, 15, 123456, tzinfo=UTC),
        "time.ist": datetime(
            2024, 2, 29, 13, 14, 15, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30))
        ),
        "time.newyork": [
            datetime(2024, 1, 15, 12, tzinfo=timezone(timedelta(hours=-5))),
            datetime(2024, 7, 15, 12, tzinfo=timezone(timedelta(hours=-4))),
            datetime(2024, 1, 16, 12, tzinfo=timezone(timedelta(hours=-5))),
        ],
        "big": big,
        "array.empty": array.array("d"),
    }
    for name, bits in INT_SIZES:
        cases[f"int{name}.min"] = -(2 ** (bits - 1))
        cases[f"int{name}.max"] = 2 ** (bits - 1) - 1
        cases[f"uint{name}.max"] = 2**bits - 1
    for n in (255, 256, 65535, 65536, -1, 2**31 - 1, 2**31, -(2**31), -(2**31) - 1):
        cases[f"int.{n}"] = n
    for ns in (0, 1, -1, -999, -1000, -1001, 90 * 10**9, -90 * 10**9, 25 * 3600 * 10**9 + 1500000):
        cases[f"duration.{ns}"] = us_toward_zero(ns)
    for ns in (2**63 - 1, -(2**63)):
        cases[f"duration.{ns}"] = us_toward_zero(ns)
    for code, int_code in [(c, c) for c in "bhiqHIQfd"] + [
        ("int", INT_CODE),
        ("uint", INT_CODE.upper()),
    ]:
        size = array.array(int_code).itemsize
        if int_code in "fd":
            top = struct.unpack(int_code, struct.pack(int_code, 3.4028234663852886e38))[0]
            if int_code == "d":
                top = sys.float_info.max
            values = [-top, 0.0, top]
        elif int_code.isupper():
            values = [0, 0, 2 ** (8 * size) - 1]
        else:
            values = [-(2 ** (8 * size - 1)), 0, 2 ** (8 * size - 1) - 1]
        cases[f"array.{code}"] = array.array(int_code, values)
    return cases


ENCODE_ERRORS = {
    "err.chan": ("TypeError", "Go type chan int has no Python equivalent"),
    "err.func": ("TypeError", "Go type func() has no Python equivalent"),
    "err.complex": ("TypeError", "Go type complex128 has no Python equivalent"),
    "err.uintptr": ("TypeError", "Go type uintptr has no Python equivalent"),
    "err.unregistered": (
        "TypeError",
        "Go type main.unregistered has no Python equivalent (a struct type that is not registered)",
    ),
    "err.mapkey": (
        "TypeError",
        "Go type map[bool]int has no Python equivalent (map keys must be strings or integers)",
    ),
    "err.nested": ("TypeError", '["a"][1]["b"]: Go type chan int has no Python equivalent'),
    "err.year0": (
        "ValueError",
        "year 0 of Go time.Time 0000-12-31 00:00:00 +0000 UTC is out of range for Python datetime (1 to 9999)",
    ),
    "err.field": (
        "ValueError",
        "When: year 0 of Go time.Time 0000-12-31 23:00:00 +0000 UTC is out of range for Python datetime (1 to 9999)",
    ),
}

EXPECTED_ENCODINGS = expected_encodings()


@pytest.fixture(scope="module")
def encoded(probe: Probe) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = run_probe(probe, "encode")
    return results


def test_encode_cases_are_all_checked(encoded: dict[str, dict[str, Any]]) -> None:
    checked = {*EXPECTED_ENCODINGS, *ENCODE_ERRORS, "deep"}
    assert set(encoded) == checked


@pytest.mark.parametrize("name", sorted(EXPECTED_ENCODINGS))
def test_encode(encoded: dict[str, dict[str, Any]], name: str) -> None:
    assert_same(unpickle(encoded[name]), EXPECTED_ENCODINGS[name])


@pytest.mark.parametrize("name", sorted(ENCODE_ERRORS))
def test_encode_error(encoded: dict[str, dict[str, Any]], name: str) -> None:
    assert error_of(encoded[name]) == ENCODE_ERRORS[name]


def test_encode_deep_nesting(encoded: dict[str, dict[str, Any]]) -> None:
    value = unpickle(encoded["deep"])
    for _ in range(10000):
        assert type(value) is list
        assert len(value) == 1
        value = value[0]
    assert value == "leaf"


def test_encode_writes_well_formed_pickles(encoded: dict[str, dict[str, Any]]) -> None:
    """pickletools checks the stack and the memo of every stream; globals and zones are shared."""
    opcodes: set[str] = set()
    for result in encoded.values():
        if "pickle" in result:
            data = base64.b64decode(result["pickle"])
            pickletools.dis(data, out=io.StringIO())
            opcodes.update(op.name for op, _, _ in pickletools.genops(data))
    assert "LONG_BINGET" in opcodes  # the big dict's keys are memoized beyond index 255
    assert "FRAME" not in opcodes
    times = unpickle(encoded["time.newyork"])
    assert times[0].tzinfo is times[2].tzinfo
    assert times[0].tzinfo is not times[1].tzinfo
    big = unpickle(encoded["big"])
    assert next(iter(big["k1"])) is next(iter(big["k2"]))  # one "i" string


# Byte strings that are not all UTF-8: Go strings become str with U+DC80..U+DCFF where Python's
# decode(errors="surrogateescape") puts them (nothing is lost).
STRING_EDGES = [
    b"",
    b"plain",
    b"a\xffb",
    b"\xe2\x82A",
    b"\xed\xa0\x80",
    b"\xf0\x9f\x98",
    b"\xf0\x9f\x98\x80\xc0",
    b"\xc0\xaf",
    b"\xf4\x90\x80\x80",
    b"\xe0\x80\x80",
    b"\xef\xbf\xbf\xf5",
    "héllo ☃ \U0001f600".encode(),
    b"\x80" * 300,
]


def random_byte_strings(count: int) -> list[bytes]:
    rng = random.Random(7)
    pieces = [
        b"a",
        b"\x00",
        b"\x7f",
        *(bytes([b]) for b in range(0x80, 0x100, 7)),
        *(c.encode() for c in "é€\U0001f600\u0800\uffff\U0010ffff"),
    ]
    return [b"".join(rng.choice(pieces) for _ in range(rng.randrange(12))) for _ in range(count)]


def test_encode_strings_escape_invalid_utf8(probe: Probe) -> None:
    inputs = STRING_EDGES + random_byte_strings(500)
    results = run_probe(probe, "encode-strings", [base64.b64encode(b).decode() for b in inputs])
    for raw, result in zip(inputs, results):
        assert unpickle(result) == raw.decode("utf-8", "surrogateescape"), raw


# --- Python → Go → Python ------------------------------------------------------------------------

SAME = object()


@dataclass
class FromPython:
    """An expectation computed from what Python itself reads back from the pickle (protocols 2
    and 3 do not keep a datetime's fold, for one)."""

    convert: Callable[[Any], Any]


@dataclass
class DecodeCase:
    target: str
    value: Any
    expected: Any = SAME

    def want(self, protocol: int) -> Any:
        if self.expected is SAME:
            return self.value
        if isinstance(self.expected, FromPython):
            return self.expected.convert(pickle.loads(pickle.dumps(self.value, protocol)))
        return self.expected


def natural(value: Any) -> Any:
    """What a value decoded into a Go interface{} comes back as."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return [natural(v) for v in value]
    if isinstance(value, dict):
        return {k: natural(value[k]) for k in sorted(value)}
    if isinstance(value, bytearray):
        return bytes(value)
    if isinstance(value, array.array):
        return value.tolist()
    if isinstance(value, datetime):
        return fixed(value)
    return value


def random_tree(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(10 if depth < 4 else 7)
    leaves: list[Callable[[], Any]] = [
        lambda: rng.randrange(-(2**63), 2**63),
        lambda: rng.random() * 10 ** rng.randrange(-5, 300),
        lambda: "".join(
            chr(rng.choice([rng.randrange(32, 127), rng.randrange(160, 0x3000)]))
            for _ in range(rng.randrange(8))
        ),
        lambda: rng.random() < 0.5,
        lambda: None,
        lambda: bytes(rng.randrange(256) for _ in range(rng.randrange(5))),
        lambda: datetime(2000, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(10**9)),
    ]
    if kind < len(leaves):
        return leaves[kind]()
    n = rng.randrange(6)
    if kind == 7:
        return [random_tree(rng, depth + 1) for _ in range(n)]
    if kind == 8:
        return tuple(random_tree(rng, depth + 1) for _ in range(n))
    return {f"key{rng.randrange(50)}": random_tree(rng, depth + 1) for _ in range(n)}


class Cases(dict[str, DecodeCase]):
    def add(self, target: str, value: Any, expected: Any = SAME, name: str = "") -> None:
        text = name or repr(value)
        if len(text) > 60:  # distinct and stable (an id on every xdist worker)
            text = f"{text[:40]}...{zlib.crc32(text.encode()):08x}"
        key = f"{target}:{text}"
        assert key not in self, key
        self[key] = DecodeCase(target, value, expected)


def decode_cases() -> dict[str, DecodeCase]:
    cases = Cases()
    for part in (scalar_cases, container_cases, interface_cases, time_cases, struct_cases):
        part(cases.add)
    return cases


Add = Callable[..., None]


def scalar_cases(add: Add) -> None:
    for name, bits in INT_SIZES:
        add(f"int{name}", -(2 ** (bits - 1)))
        add(f"int{name}", 2 ** (bits - 1) - 1)
        add(f"uint{name}", 2**bits - 1)
        add(f"uint{name}", 0)
    add("int8", True, 1)
    add("float32", 0.1, f32(0.1))
    add("float32", 3, 3.0)
    add("float32", -math.inf)
    add("float64", 1e308)
    add("float64", -0.0)
    add("float64", math.nan)
    add("float64", 2**70, float(2**70))
    add("bool", True)
    add("bool", False)
    for s in ("", "héllo ☃ \U0001f600", "x" * 70000):
        add("string", s)
    add("string", "a\udcffb")  # surrogateescape's 0xff: Go's byte, and back
    add("bytes", b"")
    add("bytes", b"\x00\xff")
    add("bytes", b"y" * 300)
    add("bytes", bytearray(b"ab"), b"ab")


def container_cases(add: Add) -> None:
    add("[4]byte", b"abcd")
    add("[3]int", [1, 2, 3], array.array(INT_CODE, [1, 2, 3]))
    add("[3]int", (4, 5, 6), array.array(INT_CODE, [4, 5, 6]))
    add("[3]int", array.array("h", [7, 8, 9]), array.array(INT_CODE, [7, 8, 9]))
    add("[]int", [1, 2], array.array(INT_CODE, [1, 2]))
    add("[]int8", [-128, 127], array.array("b", [-128, 127]))
    add("[]int8", array.array("b", [1, -1]), array.array("b", [1, -1]))
    add("[]int8", array.array("h", [1, -2]), array.array("b", [1, -2]))
    add("[]int8", array.array("l", [5]), array.array("b", [5]))
    add("[]int16", array.array("B", [200]), array.array("h", [200]))
    add("[]int32", array.array("i"), array.array("i"))
    add("[]int64", array.array("q", [2**63 - 1, -(2**63)]))
    add("[]uint64", array.array("Q", [2**64 - 1]))
    add("[]uint16", {1, 2}, array.array("H", list({1, 2})))
    add("[]uint32", array.array("I", [2**32 - 1]))
    add("[]float32", array.array("d", [1.5]), array.array("f", [1.5]))
    add("[]float64", array.array("f", [0.1]), array.array("d", [f32(0.1)]))
    add("[]float64", [1, 2.5], array.array("d", [1.0, 2.5]))
    add("[]string", ("a", "b"), ["a", "b"])
    add("[]string", frozenset({"z"}), ["z"])
    add("[]bool", [True, False])
    add("[][]int", [[1], [], [2, 3]], [array.array(INT_CODE, v) for v in ([1], [], [2, 3])])
    add("map[string]int", {"b": 2, "a": 1}, {"a": 1, "b": 2})
    add("map[int]string", {3: "c", -1: "a"}, {-1: "a", 3: "c"})
    add("map[uint8]float64", {255: 1, 0: 2.5}, {0: 2.5, 255: 1.0})
    add("map[string][]string", {"k": ["a"], "e": []}, {"e": [], "k": ["a"]})
    add("map[string]interface", {"z": (1,), "a": {"b": None}}, {"a": {"b": None}, "z": [1]})
    # Other mappings and sequences of the standard library (their pickles name their classes).
    add("map[string]int", OrderedDict(b=2, a=1), {"a": 1, "b": 2})
    add("map[string]int", defaultdict(int, a=1), {"a": 1}, name="defaultdict")
    add("map[string]int", Counter("aab"), {"a": 2, "b": 1}, name="Counter")
    add("map[string]int", UserDict(a=1), {"a": 1}, name="UserDict")
    add("[]int", deque([1, 2]), array.array(INT_CODE, [1, 2]), name="deque")
    add("[]int", deque([3], maxlen=4), array.array(INT_CODE, [3]), name="deque maxlen")
    add("[]int", range(1, 10, 3), array.array(INT_CODE, [1, 4, 7]), name="range")
    add("[]int", range(5, 0, -2), array.array(INT_CODE, [5, 3, 1]), name="range down")
    add("[]string", UserList(["a"]), ["a"], name="UserList")
    add("map[string]interface", {"r": range(2)}, {"r": [0, 1]}, name="range in any")


def interface_cases(add: Add) -> None:
    interface_values = [
        None,
        True,
        5,
        -(2**63),
        2**63 - 1,
        1.5,
        "s",
        b"b",
        bytearray(b"ba"),
        [1, "a", None],
        (1, 2),
        {3, 4},
        frozenset({"f"}),
        {"z": 1, "a": {"b": [1]}},
        datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        timedelta(days=-1, seconds=5, microseconds=7),
        array.array("d", [1.5]),
        array.array("i", [1, -1]),
    ]
    for value in interface_values:
        add("interface", value, natural(value))
    add("interface", Point(1, 2, "p"))
    add("[]interface", [Point(1, 2, "p"), {"k": Point(3, 4, "q")}])
    tree = random_tree(random.Random(3))
    add("interface", tree, natural(tree), name="random tree")
    trees = [random_tree(random.Random(seed)) for seed in range(200)]
    add("[]interface", trees, natural(trees), name="random trees")


def time_cases(add: Add) -> None:
    datetimes = [
        datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=-5), "EST")),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2024, 6, 1, 12, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        datetime(2024, 6, 1, 12, tzinfo=timezone(-timedelta(hours=23, minutes=59))),
    ]
    ny, kolkata, utc = LOCAL, find_zone("Asia/Kolkata"), find_zone("UTC")
    if ny is not None and kolkata is not None and utc is not None:
        datetimes += [
            datetime(2021, 11, 7, 1, 30, fold=1, tzinfo=ny),  # the second 1:30 (EST)
            datetime(2021, 11, 7, 1, 30, fold=0, tzinfo=ny),  # the first (EDT)
            datetime(2021, 3, 14, 12, 0, fold=1, tzinfo=ny),
            datetime(1999, 12, 31, 23, 59, 59, 999999),  # naive: the probe's local time
            datetime(2024, 6, 1, 12, tzinfo=kolkata),
            datetime(2024, 6, 1, 12, tzinfo=utc),
        ]
        add("interface", datetime(2020, 1, 2, 3, 4, 5, 6), fixed(datetime(2020, 1, 2, 3, 4, 5, 6)))
    for dt in datetimes:
        add("time", dt, FromPython(fixed))
    add("[]time", datetimes, FromPython(lambda values: [fixed(dt) for dt in values]))
    durations = [
        timedelta(0),
        timedelta(microseconds=1),
        timedelta(microseconds=-1),
        timedelta(days=-1, seconds=5, microseconds=7),
        timedelta(microseconds=2**63 // 1000),
        timedelta(microseconds=-(2**63 // 1000)),
    ]
    for td in durations:
        add("duration", td)
    add("[]duration", durations)


def struct_cases(add: Add) -> None:
    add("*int", None)
    add("*int", 5)
    add("[]*string", ["a", None])
    add("Point", Point(1, 2, "p"))
    add("Point", {"x": 1}, Point(1, 0, ""))
    add("Point", {}, Point(0, 0, ""))
    add("*Point", None)
    add("*Point", Point(-1, -2, "n"))
    add("[]Point", [Point(1, 2, "a"), {"y": 2}], [Point(1, 2, "a"), Point(0, 2, "")])
    add(
        "map[string]Point",
        {"b": Point(1, 2, "b"), "a": {}},
        {"a": Point(0, 0, ""), "b": Point(1, 2, "b")},
    )
    when = datetime(2020, 5, 6, 7, 8, 9, 10, tzinfo=timezone(timedelta(hours=2)))
    add(
        "Stats",
        Stats(
            3, {"b": 1, "a": 2}, [Point(1, 2, "t")], when, timedelta(seconds=1.5), Point(0, 0, "r")
        ),
        Stats(
            3,
            {"a": 2, "b": 1},
            [Point(1, 2, "t")],
            fixed(when),
            timedelta(seconds=1.5),
            Point(0, 0, "r"),
        ),
    )
    add("Stats", {"Words": 1}, Stats(1, {}, [], datetime(1, 1, 1, tzinfo=UTC), timedelta(0), None))
    add("Plain", Plain(1, ["x"]))


DECODE_ERRORS: dict[str, tuple[str, Any, str, str]] = {
    "huge range": (
        "[]int",
        range(2**40),
        "ValueError",
        "range of 1099511627776 items is too long to cross as a list (at most 16777216; pass an "
        "array.array)",
    ),
    "string lone surrogate": (
        "string",
        "a\ud800b",
        "ValueError",
        "str holds the lone surrogate U+D800, which has no UTF-8 form for a Go string (only "
        "U+DC80..U+DCFF, Python's surrogateescape of the bytes 0x80..0xFF, cross)",
    ),
    "int8 300": ("int8", 300, "OverflowError", "300 is out of range for Go int8"),
    "uint8 -1": ("uint8", -1, "OverflowError", "-1 is out of range for Go uint8"),
    "uint64 2**64": (
        "uint64",
        2**64,
        "OverflowError",
        "18446744073709551616 is out of range for Go uint64",
    ),
    "int64 2**63": (
        "int64",
        2**63,
        "OverflowError",
        "9223372036854775808 is out of range for Go int64",
    ),
    "float32 1e300": ("float32", 1e300, "OverflowError", "1e+300 is out of range for Go float32"),
    "string int": ("string", 5, "TypeError", "expected str for Go string, got int"),
    "string bytes": ("string", b"x", "TypeError", "expected str for Go string, got bytes"),
    "bool int": ("bool", 1, "TypeError", "expected bool for Go bool, got int"),
    "int float": ("int", 1.0, "TypeError", "expected int for Go int, got float"),
    "float str": ("float64", "1", "TypeError", "expected float for Go float64, got str"),
    "bytes str": ("bytes", "x", "TypeError", "expected bytes for Go []uint8, got str"),
    "[3]int short": ("[3]int", [1, 2], "ValueError", "expected 3 items for Go [3]int, got 2"),
    "[4]byte short": ("[4]byte", b"abc", "ValueError", "expected 4 bytes for Go [4]uint8, got 3"),
    "[]int8 array": (
        "[]int8",
        array.array("h", [1, 300]),
        "OverflowError",
        "[1]: 300 is out of range for Go int8",
    ),
    "[]string dict": ("[]string", {"a": 1}, "TypeError", "expected list for Go []string, got dict"),
    "map key": (
        "map[string]int",
        {1: 1},
        "TypeError",
        "key 1: expected str for Go string, got int",
    ),
    "map value": (
        "map[string]int",
        {"a": None},
        "TypeError",
        '["a"]: expected int for Go int, got NoneType',
    ),
    "unknown field": (
        "Stats",
        {"Wordz": 1},
        "TypeError",
        'unknown field "Wordz" for Go struct main.Stats',
    ),
    "seen path": (
        "Stats",
        {"Seen": {"a": "x"}},
        "TypeError",
        'Seen["a"]: expected int for Go int, got str',
    ),
    "top path": (
        "Stats",
        {"Top": [Point(1, 2, ""), Point(3, 4, ""), {"x": "s"}]},
        "TypeError",
        "Top[2].x: expected int for Go int, got str",
    ),
    "wrong class": (
        "Point",
        Stats(0, {}, [], None, None, None),
        "TypeError",
        "expected codec_probe_types.Point or dict for Go main.Point, got codec_probe_types.Stats",
    ),
    "struct from int": (
        "[]Point",
        [3],
        "TypeError",
        "[0]: expected codec_probe_types.Point or dict for Go main.Point, got int",
    ),
    "fraction": (
        "interface",
        Fraction(1, 2),
        "TypeError",
        "unsupported Python global fractions.Fraction for Go interface {}",
    ),
    "complex": (
        "interface",
        [1j],
        "TypeError",
        "[0]: unsupported Python global builtins.complex for Go interface {}",
    ),
    "date": (
        "time",
        date(2020, 1, 1),
        "TypeError",
        "unsupported Python global datetime.date for Go time.Time",
    ),
    "interface int keys": (
        "interface",
        {"a": {1: 2}},
        "TypeError",
        '["a"]: key 1: expected str keys for Go map[string]interface {} (in Go interface {}), got int',
    ),
    "duration int": (
        "duration",
        5,
        "TypeError",
        "expected datetime.timedelta for Go time.Duration, got int",
    ),
    "duration overflow": (
        "duration",
        timedelta(days=200000),
        "OverflowError",
        "datetime.timedelta(days=200000, seconds=0, microseconds=0) is out of range for Go time.Duration",
    ),
    "time str": (
        "time",
        "2020-01-01",
        "TypeError",
        "expected datetime.datetime for Go time.Time, got str",
    ),
    "chan": ("chan", None, "TypeError", "Go type chan int has no Python equivalent"),
    "timezone microseconds": (
        "time",
        datetime(2020, 1, 1, tzinfo=timezone(timedelta(microseconds=1))),
        "ValueError",
        "datetime.timezone offsets with microseconds have no Go equivalent",
    ),
}


@dataclass
class Decoded:
    cases: dict[str, DecodeCase]
    results: dict[tuple[str, int], dict[str, Any]]


@pytest.fixture(scope="module")
def decoded(probe: Probe) -> Decoded:
    """Every decode case and error case, pickled with every protocol, through one probe run."""
    cases = decode_cases()
    requests: list[tuple[str, int, str, Any]] = []
    for key, case in cases.items():
        requests += [(key, p, case.target, case.value) for p in PROTOCOLS]
    for key, (target, value, _, _) in DECODE_ERRORS.items():
        requests += [(key, p, target, value) for p in PROTOCOLS]
    payload = [
        {"target": target, "pickle": base64.b64encode(pickle.dumps(value, protocol=p)).decode()}
        for _, p, target, value in requests
    ]
    results = run_probe(probe, "decode", payload)
    return Decoded(cases, {(key, p): r for (key, p, _, _), r in zip(requests, results)})


DECODE_CASE_IDS = sorted(decode_cases()) if go_available() else []


@pytest.mark.parametrize("key", DECODE_CASE_IDS)
def test_decode(decoded: Decoded, key: str) -> None:
    case = decoded.cases[key]
    for protocol in PROTOCOLS:
        try:
            assert_same(unpickle(decoded.results[key, protocol]), case.want(protocol))
        except AssertionError as error:
            raise AssertionError(f"protocol {protocol}: {error}") from None


@pytest.mark.parametrize("key", sorted(DECODE_ERRORS))
def test_decode_error(decoded: Decoded, key: str) -> None:
    _, _, kind, message = DECODE_ERRORS[key]
    for protocol in PROTOCOLS:
        assert error_of(decoded.results[key, protocol]) == (kind, message), f"protocol {protocol}"


# --- the Go side ---------------------------------------------------------------------------------


def test_codec_compiles_as_go_1_17_and_vets_clean(probe: Probe) -> None:
    """In a module declaring go 1.17 (language features newer than that fail to compile; vet's
    stdversion check reports standard library API newer than that)."""
    run(["go", "vet", "./..."], cwd=probe.module, env=go_env())


def test_the_decoder_survives_fuzzing() -> None:
    """Go's fuzzer feeds hostile pickles to Decode for a while (FuzzDecode, go/codec/fuzz_test.go):
    no panic, no runaway, every failure an *Error. One worker, 15 s: a smoke run for CI."""
    command = ["go", "test", "-run=^$", "-fuzz=^FuzzDecode$", "-fuzztime=15s", "-parallel=1", "."]
    result = run(command, cwd=CODEC, env=go_env())
    assert "PASS" in result.stdout, result.stdout


def test_go_unit_tests_and_gofmt() -> None:
    env = go_env()
    run(["go", "vet", "./..."], cwd=CODEC, env=env)
    run(["go", "test", "./..."], cwd=CODEC, env=env)
    goroot = run(["go", "env", "GOROOT"], env=env).stdout.strip()
    gofmt = Path(goroot) / "bin" / ("gofmt.exe" if sys.platform == "win32" else "gofmt")
    files = sorted(str(p) for p in (*CODEC.glob("*.go"), *PROBE.glob("*.go")))
    assert run([gofmt, "-l", *files], env=env).stdout == ""
