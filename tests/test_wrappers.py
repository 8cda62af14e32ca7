"""The rendered wrappers, run against a real cffi ABI library built from C (no Go needed).

The C library stands in for a Go one: functions with the C signatures cgo gives Go exports, C
strings from ``malloc``, and the free function the tool adds to Go builds (here it also counts
its calls, so the tests see every free).
"""

from __future__ import annotations

import array
import ast
import ctypes
import inspect
import math
import os
import shutil
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cffi
import pytest
from conftest import assert_same_bytes, export_value, generated_in_fresh_interpreters

from setuptools_golang_ext import _process, names
from setuptools_golang_ext.binding import codegen, needs
from setuptools_golang_ext.binding.cgo import bindings, wrappers
from setuptools_golang_ext.stages.header import Export, Header, Param
from setuptools_golang_ext.stages.introspect import GoField, GoFunction

TYPEDEFS = """
typedef struct { const char *p; ptrdiff_t n; } GoString;
typedef struct { void *data; long long len; long long cap; } GoSlice;
struct ParseInt_return { int64_t r0; char *r1; };
struct Describe_return { char *r0; long long r1; char *r2; };
struct Split_return { char *r0; char *r1; };
struct MinMax_return { int32_t r0; int32_t r1; };
struct Stats_return { long long r0; double r1; uint8_t r2; };
"""

C_SOURCE = (
    """
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
"""
    + TYPEDEFS
    + r"""
static int frees = 0;
void _setuptools_golang_ext_free(void *p) { frees++; free(p); }
int FreeCount(void) { return frees; }

static char *dup(const char *s, size_t n) {
    char *r = malloc(n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

uintptr_t StringAddress(GoString s) { return (uintptr_t)s.p; }
long long StringLen(GoString s) { return s.n; }
char *Upper(GoString s) {
    char *r = dup(s.p, s.n);
    for (char *c = r; *c; c++) *c = toupper((unsigned char)*c);
    return r;
}
struct Split_return Split(GoString s, GoString sep) {
    struct Split_return r;
    for (ptrdiff_t i = 0; i + sep.n <= s.n; i++) {
        if (memcmp(s.p + i, sep.p, sep.n) == 0) {
            r.r0 = dup(s.p, i);
            r.r1 = dup(s.p + i + sep.n, s.n - i - sep.n);
            return r;
        }
    }
    r.r0 = dup(s.p, s.n);
    r.r1 = dup("", 0);
    return r;
}
uintptr_t BytesAddress(GoSlice b) { return (uintptr_t)b.data; }
long long Fill(GoSlice b, uint8_t v) { memset(b.data, v, b.len); return b.len; }
uintptr_t Int64Address(GoSlice xs) { return (uintptr_t)xs.data; }
int64_t SumInt64(GoSlice xs) {
    int64_t t = 0;
    for (long long i = 0; i < xs.len; i++) t += ((int64_t *)xs.data)[i];
    return t;
}
void Double(GoSlice xs) {
    for (long long i = 0; i < xs.len; i++) ((int64_t *)xs.data)[i] *= 2;
}
int32_t SumInt32(GoSlice xs) {
    int32_t t = 0;
    for (long long i = 0; i < xs.len; i++) t += ((int32_t *)xs.data)[i];
    return t;
}
uint64_t SumUint16(GoSlice xs) {
    uint64_t t = 0;
    for (long long i = 0; i < xs.len; i++) t += ((uint16_t *)xs.data)[i];
    return t;
}
double SumFloat64(GoSlice xs) {
    double t = 0;
    for (long long i = 0; i < xs.len; i++) t += ((double *)xs.data)[i];
    return t;
}
struct MinMax_return MinMax(GoSlice xs) {
    int32_t *v = xs.data;
    struct MinMax_return r = {v[0], v[0]};
    for (long long i = 0; i < xs.len; i++) {
        if (v[i] < r.r0) r.r0 = v[i];
        if (v[i] > r.r1) r.r1 = v[i];
    }
    return r;
}
struct Stats_return Stats(GoSlice xs) {
    struct Stats_return r = {xs.len, 0, xs.len > 0};
    for (long long i = 0; i < xs.len; i++) r.r1 += ((int64_t *)xs.data)[i];
    if (xs.len) r.r1 /= xs.len;
    return r;
}
long long CLength(char *s) { return (long long)strlen(s); }
uint8_t IsEven(long long n) { return n % 2 == 0; }
uint8_t Negate(uint8_t b) { return !b; }
int8_t AddInt8(int8_t a, int8_t b) { return (int8_t)(a + b); }
long long Keywords(long long a, long long b, long long c) { return a * 100 + b * 10 + c; }
double Scale(double x, double k) { return x * k; }
float Single(float x) { return x; }
void *Raw(void *p) { return p; }
char *Nothing(void) { return NULL; }
char *Check(uint8_t ok) { return ok ? NULL : dup("check failed", 12); }
struct ParseInt_return ParseInt(GoString s) {
    struct ParseInt_return r = {0, NULL};
    char buf[64];
    char *end;
    size_t n = s.n < 63 ? (size_t)s.n : 63;
    memcpy(buf, s.p, n);
    buf[n] = 0;
    r.r0 = strtoll(buf, &end, 10);
    if (n == 0 || *end) {
        char msg[128];
        snprintf(msg, sizeof msg, "invalid syntax: %s", buf);
        r.r1 = dup(msg, strlen(msg));
    }
    return r;
}
struct Describe_return Describe(long long n) {
    char label[64];
    snprintf(label, sizeof label, "n=%lld", n);
    struct Describe_return r = {dup(label, strlen(label)), (long long)strlen(label), NULL};
    if (n < 0) {
        char msg[64];
        snprintf(msg, sizeof msg, "negative: %lld", n);
        r.r1 = 0;
        r.r2 = dup(msg, strlen(msg));
    }
    return r;
}
"""
)

CSTRING = ("*C.char", "cstring")


@dataclass(frozen=True)
class Spec:
    """One export: its C prototype and Go parameters and results (name, Go type, kind, elem)."""

    result: str
    name: str
    params: tuple[tuple[str, str], ...]  # (C type, name)
    go_params: tuple[tuple[str, ...], ...]
    go_results: tuple[tuple[str, ...], ...]
    doc: str = ""


def spec(
    result: str,
    name: str,
    params: list[tuple[str, str]],
    go_params: list[tuple[str, ...]],
    go_results: list[tuple[str, ...]],
    *,
    doc: str = "",
) -> Spec:
    return Spec(result, name, tuple(params), tuple(go_params), tuple(go_results), doc)


SPECS = [
    spec("uintptr_t", "StringAddress", [("GoString", "s")], [("s", "string")], [("", "uintptr")]),
    spec("long long", "StringLen", [("GoString", "s")], [("s", "string")], [("", "int")]),
    spec("char *", "Upper", [("GoString", "s")], [("s", "string")], [("", *CSTRING)]),
    spec(
        "struct Split_return",
        "Split",
        [("GoString", "s"), ("GoString", "sep")],
        [("s", "string"), ("sep", "string")],
        [("head", *CSTRING), ("tail", *CSTRING)],
    ),
    spec(
        "uintptr_t",
        "BytesAddress",
        [("GoSlice", "b")],
        [("b", "[]byte", "slice", "uint8")],
        [("", "uintptr")],
    ),
    spec(
        "long long",
        "Fill",
        [("GoSlice", "buf"), ("uint8_t", "v")],
        [("buf", "[]byte", "slice", "uint8"), ("v", "byte", "uint8")],
        [("", "int")],
    ),
    spec(
        "uintptr_t",
        "Int64Address",
        [("GoSlice", "xs")],
        [("xs", "[]int64", "slice", "int64")],
        [("", "uintptr")],
    ),
    spec(
        "int64_t",
        "SumInt64",
        [("GoSlice", "xs")],
        [("xs", "[]int64", "slice", "int64")],
        [("", "int64")],
    ),
    spec("void", "Double", [("GoSlice", "xs")], [("xs", "[]int64", "slice", "int64")], []),
    spec(
        "int32_t",
        "SumInt32",
        [("GoSlice", "xs")],
        [("xs", "[]int32", "slice", "int32")],
        [("", "int32")],
    ),
    spec(
        "uint64_t",
        "SumUint16",
        [("GoSlice", "xs")],
        [("xs", "[]uint16", "slice", "uint16")],
        [("", "uint64")],
    ),
    spec(
        "double",
        "SumFloat64",
        [("GoSlice", "xs")],
        [("xs", "[]float64", "slice", "float64")],
        [("", "float64")],
    ),
    spec(
        "struct MinMax_return",
        "MinMax",
        [("GoSlice", "xs")],
        [("xs", "[]int32", "slice", "int32")],
        [("", "int32"), ("", "int32")],
    ),
    spec(
        "struct Stats_return",
        "Stats",
        [("GoSlice", "xs")],
        [("xs", "[]int64", "slice", "int64")],
        [("n", "int"), ("mean", "float64"), ("ok", "bool")],
    ),
    spec("long long", "CLength", [("char *", "s")], [("s", *CSTRING)], [("", "int")]),
    spec("uint8_t", "IsEven", [("long long", "n")], [("n", "int")], [("", "bool")]),
    spec("uint8_t", "Negate", [("uint8_t", "b")], [("b", "bool")], [("", "bool")]),
    spec(
        "int8_t",
        "AddInt8",
        [("int8_t", "a"), ("int8_t", "b")],
        [("a", "int8"), ("b", "int8")],
        [("", "int8")],
    ),
    spec(
        "long long",
        "Keywords",
        [("long long", "from"), ("long long", "lambda"), ("long long", "class")],
        [("from", "int"), ("lambda", "int"), ("class", "int")],
        [("", "int")],
    ),
    spec(
        "double",
        "Scale",
        [("double", "x"), ("double", "k")],
        [("x", "float64"), ("k", "float64")],
        [("", "float64")],
    ),
    spec("float", "Single", [("float", "x")], [("x", "float32")], [("", "float32")]),
    spec("void *", "Raw", [("void *", "p")], [("p", "unsafe.Pointer")], [("", "unsafe.Pointer")]),
    spec("char *", "Nothing", [], [], [("", *CSTRING)]),
    spec(
        "char *",
        "Check",
        [("uint8_t", "ok")],
        [("ok", "bool")],
        [("err", *CSTRING)],
        doc="Check fails when ok is false.",
    ),
    spec(
        "struct ParseInt_return",
        "ParseInt",
        [("GoString", "s")],
        [("s", "string")],
        [("value", "int64"), ("err", *CSTRING)],
        doc='ParseInt parses s as a base-10 integer.\n\nIt fails with a "quoted" message.',
    ),
    spec(
        "struct Describe_return",
        "Describe",
        [("long long", "n")],
        [("n", "int")],
        [("label", *CSTRING), ("size", "int"), ("err", *CSTRING)],
        doc="Describe returns a label and its length, or fails for negative n.",
    ),
]


def go_value(item: tuple[str, ...]) -> GoField:
    name, go_type, *rest = item
    kind = rest[0] if rest else go_type
    return export_value(name, go_type, kind, rest[1] if len(rest) > 1 else "")


def declaration(item: Spec) -> str:
    params = ", ".join(f"{c_type} {name}" for c_type, name in item.params) or "void"
    return f"{item.result} {item.name}({params});"


CDEF = (
    TYPEDEFS
    + "\n".join(declaration(item) for item in SPECS)
    + f"\nvoid {names.FREE_FUNCTION}(void *p);\nint FreeCount(void);\n"
)
HEADER = Header(
    CDEF,
    (
        *(
            Export(
                item.name,
                item.result,
                tuple(Param(name, c_type) for c_type, name in item.params),
                "extern " + declaration(item),
            )
            for item in SPECS
        ),
        Export(names.FREE_FUNCTION, "void", (Param("p", "void *"),), "extern void f(void *p);"),
    ),
)
GO_FUNCTIONS = {
    item.name: GoFunction(
        item.name,
        "example.com/x",
        item.doc,
        "x.go",
        1,
        tuple(go_value(v) for v in item.go_params),
        tuple(go_value(v) for v in item.go_results),
    )
    for item in SPECS
}


def plans() -> tuple[bindings.FunctionPlan, ...]:
    return bindings.plan(HEADER, GO_FUNCTIONS, codegen.CffiTypes(HEADER))


def plan_named(name: str) -> bindings.FunctionPlan:
    [found] = [p for p in plans() if p.name == name]
    return found


class GoError(RuntimeError):
    pass


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    compiler = next(
        (
            c
            for c in (os.environ.get("CC", ""), "cc", "gcc", "clang")
            if c and shutil.which(c.split()[0])
        ),
        None,
    )
    if compiler is None:
        pytest.skip("no C compiler")
    directory = tmp_path_factory.mktemp("wrappers-lib")
    (directory / "fake.c").write_text(C_SOURCE)
    library = directory / "libfake.so"
    _process.run(
        [
            *compiler.split(),
            "-shared",
            "-fPIC",
            "-O1",
            "-o",
            str(library),
            str(directory / "fake.c"),
        ],
        env=dict(os.environ),
    )
    return library


def execute(body: list[str], ffi: Any, lib: Any) -> dict[str, Any]:
    """Run the rendered body with what the generated module imports before it."""
    prologue = [
        "from __future__ import annotations",
        "import struct as _struct",
        "import sys as _sys",
        "from collections import namedtuple as _namedtuple",
        "from typing import Any, NamedTuple",
    ]
    namespace: dict[str, Any] = {
        "ffi": ffi,
        "lib": lib,
        "GoError": GoError,
        "__name__": "generated",
    }
    exec(compile("\n".join([*prologue, *body]) + "\n", "<generated>", "exec"), namespace)
    return namespace


@dataclass
class Module:
    ns: dict[str, Any]
    ffi: Any
    lib: Any

    def __getattr__(self, name: str) -> Any:
        return self.ns[name]

    def frees(self) -> int:
        return int(self.lib.FreeCount())

    def address(self, buffer: Any) -> int:
        return int(self.ffi.cast("uintptr_t", self.ffi.from_buffer(buffer)))


@pytest.fixture
def mod(library: Path) -> Iterator[Module]:
    ffi = cffi.FFI()
    ffi.cdef(CDEF)
    lib = ffi.dlopen(str(library))
    yield Module(execute(wrappers.render_functions(plans()), ffi, lib), ffi, lib)


@pytest.fixture
def count_frees(mod: Module) -> Callable[[Callable[[], Any]], tuple[Any, int]]:
    def run(call: Callable[[], Any]) -> tuple[Any, int]:
        before = mod.frees()
        try:
            result = call()
        except GoError as exc:
            result = exc
        return result, mod.frees() - before

    return run


# -- arguments ------------------------------------------------------------------------------


def test_go_string_from_bytes_is_not_copied(mod: Module) -> None:
    data = b"hello, world"
    assert mod.StringAddress(data) == mod.address(data)
    assert mod.StringLen(data) == len(data)
    buffer = bytearray(b"mutable")
    assert mod.StringAddress(buffer) == mod.address(buffer)


def test_go_string_from_str_is_utf8(mod: Module) -> None:
    text = "héllo, wörld ✓"
    assert mod.StringLen(text) == len(text.encode())
    assert mod.Upper("abc") == "ABC"
    assert mod.StringLen("") == 0
    assert mod.StringLen("a\0b") == 3  # a Go string may hold NUL


def test_bytes_slice_of_a_writable_buffer_is_not_copied(mod: Module) -> None:
    buffer = bytearray(8)
    assert mod.BytesAddress(buffer) == mod.address(buffer)
    assert mod.Fill(buffer, 7) == 8
    assert buffer == bytearray([7] * 8)
    view = memoryview(buffer)[2:5]
    assert mod.Fill(view, 1) == 3
    assert buffer == bytearray([7, 7, 1, 1, 1, 7, 7, 7])
    numbers = array.array("B", [0, 0])
    assert mod.Fill(numbers, 9) == 2
    assert list(numbers) == [9, 9]


def test_read_only_buffers_are_copied_so_go_never_writes_them(mod: Module) -> None:
    """Go's out-parameter idiom (io.ReadFull) on bytes would change every equal constant."""
    data = b"read-only"
    assert mod.BytesAddress(data) != mod.address(data)
    constant = b"\x00\x00\x00"
    assert mod.Fill(constant, 65) == 3
    assert constant == b"\x00\x00\x00" and bytes(3) == b"\x00\x00\x00"
    view = memoryview(bytearray(4)).toreadonly()
    assert mod.Fill(view, 1) == 4
    assert bytes(view) == bytes(4)
    with pytest.raises(TypeError, match=r"Fill\(\) argument buf: expected a bytes-like object"):
        mod.Fill(3, 1)


def test_matching_buffer_is_not_copied(mod: Module) -> None:
    items = array.array("q", [1, 2, 3])
    assert mod.Int64Address(items) == items.buffer_info()[0]
    mod.Double(items)
    assert list(items) == [2, 4, 6]  # written in place
    native = array.array("l" if struct.calcsize("l") == 8 else "q", [5])
    assert mod.Int64Address(native) == native.buffer_info()[0]
    ctypes_items = (ctypes.c_int64 * 3)(1, 2, 3)  # format "<q": explicit but native order
    assert mod.Int64Address(ctypes_items) == ctypes.addressof(ctypes_items)
    floats = array.array("d", [0.5, 1.5])
    assert mod.SumFloat64(floats) == 2.0
    halves = array.array("H", [1, 65535])
    assert mod.SumUint16(halves) == 65536


def test_sequence_is_copied(mod: Module) -> None:
    values = [1, 2, 3]
    assert mod.SumInt64(values) == 6
    mod.Double(values)
    assert values == [1, 2, 3]
    assert mod.SumInt64(x for x in range(5)) == 10
    assert mod.SumInt64(range(4)) == 6
    assert mod.SumInt64([]) == 0
    assert mod.SumFloat64([0.25, 1]) == 1.25
    assert mod.SumInt32((1, -2)) == -1


def test_a_read_only_buffer_of_matching_items_is_copied(mod: Module) -> None:
    items = array.array("q", [1, 2, 3])
    view = memoryview(items).toreadonly()
    assert mod.Int64Address(view) != items.buffer_info()[0]
    mod.Double(view)
    assert list(items) == [1, 2, 3]
    assert mod.SumInt64(view) == 6


def test_slice_errors_name_the_argument(mod: Module) -> None:
    with pytest.raises(TypeError, match=r"SumInt64\(\) argument xs: "):
        mod.SumInt64(["a"])
    with pytest.raises(OverflowError, match=r"SumInt32\(\) argument xs: "):
        mod.SumInt32([2**31])


def test_strings_cross_surrogateescape_and_other_surrogates_raise(mod: Module) -> None:
    assert mod.StringLen("a\udcffb") == 3  # Go gets the byte 0xff
    with pytest.raises(
        ValueError,
        match=r"StringLen\(\) argument s: str holds the lone surrogate U\+D800 at index 1",
    ):
        mod.StringLen("a\ud800")
    with pytest.raises(
        TypeError, match=r"StringLen\(\) argument s: expected str or bytes, got int"
    ):
        mod.StringLen(5)
    with pytest.raises(ValueError, match="escapes of bytes that form valid UTF-8"):
        mod.StringLen("\udcc3\udca9")  # the bytes of "é": it would come back as "é"


def test_float32_overflow_raises_instead_of_becoming_inf(mod: Module) -> None:
    assert mod.Single(1.5) == 1.5 and mod.Single(math.inf) == math.inf
    assert math.isnan(mod.Single(math.nan))
    with pytest.raises(OverflowError, match=r"Single\(\) argument x: 1e\+39 is out of range"):
        mod.Single(1e39)
    with pytest.raises(OverflowError):
        mod.Single(-3.4028235677973366e38)  # FLT_MAX and a half ulp: rounds to -inf
    assert mod.Single(3.4028234663852886e38) == 3.4028234663852886e38  # FLT_MAX


def test_bool_arguments_take_bools_and_0_or_1_only(mod: Module) -> None:
    assert mod.Negate(1) is False and mod.Negate(0) is True
    with pytest.raises(TypeError, match=r"Negate\(\) argument b: expected bool, got str"):
        mod.Negate("false")
    with pytest.raises(
        ValueError, match=r"Negate\(\) argument b: expected bool \(or 0 or 1\), got 2"
    ):
        mod.Negate(2)
    with pytest.raises(TypeError, match="expected bool, got NoneType"):
        mod.Negate(None)


def test_mismatched_buffer_is_copied(mod: Module) -> None:
    small = array.array("i", [1, 2, 3])  # 4-byte items for a []int64
    assert mod.SumInt64(small) == 6
    assert mod.Int64Address(small) != small.buffer_info()[0]
    mod.Double(small)
    assert list(small) == [1, 2, 3]
    assert mod.SumInt64(b"\x01\x02") == 3  # bytes are a buffer of unsigned bytes
    unsigned = array.array("Q", [7])  # same size, other signedness: copied by value
    assert mod.SumInt64(unsigned) == 7
    assert mod.Int64Address(unsigned) != unsigned.buffer_info()[0]
    assert mod.SumFloat64(array.array("f", [0.5, 0.25])) == 0.75
    assert mod.SumFloat64(array.array("q", [2, 3])) == 5.0


def test_out_of_range_values_raise_overflow(mod: Module) -> None:
    with pytest.raises(OverflowError):
        mod.SumInt32(array.array("q", [2**40]))
    with pytest.raises(OverflowError):
        mod.SumInt32([2**31])
    with pytest.raises(OverflowError):
        mod.SumUint16([-1])
    with pytest.raises(OverflowError):
        mod.AddInt8(128, 0)
    with pytest.raises(OverflowError):
        mod.Fill(bytearray(1), 256)
    assert mod.AddInt8(127, 1) == -128  # Go's wrapping arithmetic, in range on the way in


def test_foreign_byte_order_buffer_is_converted(mod: Module) -> None:
    big_endian = (ctypes.c_int64.__ctype_be__ * 3)(1, 2, 3)  # type: ignore[attr-defined]
    assert memoryview(big_endian).format == ">q"
    assert mod.SumInt64(big_endian) == 6


def test_non_contiguous_buffer_is_copied(mod: Module) -> None:
    strided = memoryview(array.array("q", range(10)))[::2]
    assert mod.SumInt64(strided) == sum(range(0, 10, 2))


def test_c_string_argument(mod: Module) -> None:
    assert mod.CLength("héllo") == len("héllo".encode())
    assert mod.CLength(b"abc") == 3
    assert mod.CLength("") == 0
    with pytest.raises(ValueError, match=r"^s: .*NUL"):
        mod.CLength("a\0b")
    with pytest.raises(ValueError, match=r"^s: .*NUL"):
        mod.CLength(b"\0")


def test_keyword_parameters(mod: Module) -> None:
    assert mod.Keywords(1, 2, 3) == 123
    assert mod.Keywords(from_=1, lambda_=2, class_=3) == 123
    assert list(inspect.signature(mod.Keywords).parameters) == ["from_", "lambda_", "class_"]


def test_numbers_and_raw(mod: Module) -> None:
    assert mod.Scale(1.5, 2) == 3.0
    pointer = mod.ffi.new("int *")
    assert mod.Raw(pointer) == pointer
    assert mod.Raw(mod.ffi.NULL) == mod.ffi.NULL


# -- results --------------------------------------------------------------------------------


def test_c_string_result_is_decoded_and_freed(
    mod: Module, count_frees: Callable[[Callable[[], Any]], tuple[Any, int]]
) -> None:
    assert count_frees(lambda: mod.Upper("héllo")) == ("HéLLO", 1)
    # NULL is the empty string, and nothing is freed.
    assert count_frees(mod.Nothing) == ("", 0)
    assert count_frees(lambda: mod.Split("key=value", "=")) == (("key", "value"), 2)


def test_bool_results_are_bool(mod: Module) -> None:
    assert mod.IsEven(2) is True
    assert mod.IsEven(3) is False
    assert mod.Negate(True) is False
    assert mod.Negate(False) is True
    stats = mod.Stats([1, 2, 3])
    assert stats.ok is True
    assert mod.Stats([]).ok is False


def test_named_results(mod: Module) -> None:
    stats = mod.Stats([1, 2, 3, 6])
    assert isinstance(stats, tuple)
    assert type(stats).__name__ == "StatsResult"
    assert stats._fields == ("n", "mean", "ok")
    assert stats == (4, 3.0, True)
    split = mod.Split("a,b", ",")
    assert split._fields == ("head", "tail")
    assert (split.head, split.tail) == ("a", "b")


def test_unnamed_results_are_a_plain_tuple(mod: Module) -> None:
    result = mod.MinMax(array.array("i", [3, -1, 7]))
    assert type(result) is tuple
    assert result == (-1, 7)


def test_error_convention(
    mod: Module, count_frees: Callable[[Callable[[], Any]], tuple[Any, int]]
) -> None:
    assert count_frees(lambda: mod.ParseInt("42")) == (42, 0)
    error, frees = count_frees(lambda: mod.ParseInt("4x2"))
    assert isinstance(error, GoError)
    assert isinstance(error, RuntimeError)
    assert str(error) == "invalid syntax: 4x2"
    assert frees == 1
    assert count_frees(lambda: mod.Check(True)) == (None, 0)
    error, frees = count_frees(lambda: mod.Check(False))
    assert isinstance(error, GoError)
    assert error.args == ("check failed",)
    assert frees == 1


def test_error_convention_frees_the_other_strings(
    mod: Module, count_frees: Callable[[Callable[[], Any]], tuple[Any, int]]
) -> None:
    result, frees = count_frees(lambda: mod.Describe(12))
    assert result == ("n=12", 4)
    assert type(result).__name__ == "DescribeResult"
    assert result._fields == ("label", "size")
    assert frees == 1
    error, frees = count_frees(lambda: mod.Describe(-3))
    assert isinstance(error, GoError)
    assert str(error) == "negative: -3"
    assert frees == 2  # the label and the message


def test_signatures(mod: Module) -> None:
    for plan in plans():
        signature = inspect.signature(mod.ns[plan.name])
        assert [p.name for p in signature.parameters.values()] == [a.name for a in plan.arguments]
        assert [p.annotation for p in signature.parameters.values()] == [
            a.annotation for a in plan.arguments
        ]
        assert signature.return_annotation == plan.return_annotation


# -- rendering ------------------------------------------------------------------------------


def generated_texts() -> dict[str, str]:
    """Everything rendered from this file's plans (also computed in fresh interpreters)."""
    return {
        "functions": "\n".join(wrappers.render_functions(plans())),
        "__all__": "\n".join(wrappers.all_lines(needs.cgo_needs(plans()).public_names)),
        "stub": wrappers.render_stub(plans(), "pkg._go_runtime"),
    }


def test_render_is_the_same_bytes_in_every_interpreter() -> None:
    """Two interpreters with different hash seeds, and this one: set order, string hashes and
    object addresses differ between them, so output depending on them differs too."""
    here = {name: text.encode() for name, text in generated_texts().items()}
    assert_same_bytes(here, *generated_in_fresh_interpreters("test_wrappers", "generated_texts"))


def test_raw_bindings_are_module_globals() -> None:
    body = "\n".join(wrappers.render_functions(plans()))
    tree = ast.parse(body)
    assigned = {
        target.id: ast.unparse(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    for plan in plans():
        assert assigned[f"_lib_{plan.name}"] == f"lib.{plan.name}"
    assert assigned["_free"] == f"lib.{names.FREE_FUNCTION}"


def function_doc(lines: list[str]) -> str | None:
    tree = ast.parse("\n".join(lines))
    [function] = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    return ast.get_docstring(function)


def test_docstring_has_go_doc_and_signature() -> None:
    plan = plan_named("ParseInt")
    doc = function_doc(wrappers.wrapper(plan))
    assert doc is not None
    assert doc.startswith(GO_FUNCTIONS["ParseInt"].doc)
    assert f"Go: ``{bindings.go_signature(GO_FUNCTIONS['ParseInt'])}``" in doc.splitlines()
    assert "GoError" in doc
    undocumented = function_doc(wrappers.wrapper(plan_named("Upper")))
    assert undocumented is not None
    # (a one-line docstring keeps the indentation of its closing quotes: cosmetic)
    assert undocumented.rstrip() == f"Go: ``{bindings.go_signature(GO_FUNCTIONS['Upper'])}``"


@pytest.mark.parametrize(
    "doc",
    [
        'Quote """ inside.',
        'Ends with a quote "',
        'Many """"" quotes """',
        "Unicode ✓ and 'single' quotes.\n\nA second paragraph.",
    ],
)
def test_docstring_text_survives(doc: str) -> None:
    plan = bindings.FunctionPlan("F", doc, "func F()", (), (), False, 0, False)
    rendered = function_doc(wrappers.wrapper(plan))
    assert rendered == f"{doc}\n\nGo: ``func F()``"
    stub = ast.parse(wrappers.render_stub([plan], "rt"))
    [function] = [node for node in stub.body if isinstance(node, ast.FunctionDef)]
    assert ast.get_docstring(function) == rendered


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::SyntaxWarning")
def test_docstring_keeps_backslashes() -> None:
    doc = r"Match reports whether \d+ matches; lines end in \n, paths use C:\\dir."
    plan = bindings.FunctionPlan("F", doc, "func F()", (), (), False, 0, False)
    assert function_doc(wrappers.wrapper(plan)) == f"{doc}\n\nGo: ``func F()``"


def test_export_named_like_a_keyword() -> None:
    name = bindings.function_name("from")
    plan = bindings.FunctionPlan(name, "", "func from()", (), (), False, 0, False, c_name="from")
    code = "\n".join(wrappers.render_functions([plan]))
    compile(code, "<generated>", "exec")
    assert name == "from_"
    assert 'getattr(lib, "from")' in code


def test_result_class_and_wrapper_in_stub() -> None:
    stub = wrappers.render_stub(plans(), "pkg._go_runtime")
    assert stub.startswith(f"# {names.GENERATED_MARKER}\n")
    tree = ast.parse(stub)
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    assert classes == {p.result_class for p in plans() if p.named_results}
    functions = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert functions == [p.name for p in plans()]
    imports = [
        (node.module, [(a.name, a.asname) for a in node.names])
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
    ]
    assert ("pkg._go_runtime", [("GoError", "GoError")]) in imports
    assert ("typing_extensions", [("Buffer", None)]) in imports
    assert ("collections.abc", [("Sequence", None)]) in imports


def test_stub_without_buffers_imports_only_what_it_uses() -> None:
    only = [plan_named("IsEven"), plan_named("Upper")]
    stub = wrappers.render_stub(only, "rt")
    assert "Buffer" not in stub
    assert "Sequence" not in stub
    assert "NamedTuple" not in stub
    ast.parse(stub)


def test_exec_of_a_subset_needs_only_its_helpers(library: Path) -> None:
    ffi = cffi.FFI()
    ffi.cdef(CDEF)
    lib = ffi.dlopen(str(library))
    ns = execute(wrappers.render_functions([plan_named("IsEven")]), ffi, lib)
    assert ns["IsEven"](4) is True
    assert not {"_go_string", "_c_string", "_bytes_slice", "_slice", "_take_string", "_free"} & set(
        ns
    )


def test_named_tuple_is_a_named_tuple_subclass(mod: Module) -> None:
    cls = mod.ns["StatsResult"]
    assert issubclass(cls, tuple)
    assert cls._fields == ("n", "mean", "ok")
    assert cls(1, 2.0, False)._asdict() == {"n": 1, "mean": 2.0, "ok": False}
