"""Unit tests of the binding planner: hand-built header and Go models, a real cffi over a cdef."""

from __future__ import annotations

import keyword
from collections.abc import Sequence

import cffi
import pytest
from conftest import export_value

from setuptools_golang_ext import names
from setuptools_golang_ext.binding import codegen
from setuptools_golang_ext.binding.cgo import bindings
from setuptools_golang_ext.binding.cgo.bindings import Argument, FunctionPlan, Result
from setuptools_golang_ext.stages.header import Export, Header, Param
from setuptools_golang_ext.stages.introspect import GoField, GoFunction

# The Go typedefs of cgo's header prolog (64-bit), a preamble struct and enum, a C bool, and the
# result structs of the multi-result exports below.
CDEF = """
typedef signed char GoInt8;
typedef unsigned char GoUint8;
typedef short GoInt16;
typedef unsigned short GoUint16;
typedef int GoInt32;
typedef unsigned int GoUint32;
typedef long long GoInt64;
typedef unsigned long long GoUint64;
typedef GoInt64 GoInt;
typedef GoUint64 GoUint;
typedef size_t GoUintptr;
typedef float GoFloat32;
typedef double GoFloat64;
typedef struct { const char *p; ptrdiff_t n; } _GoString_;
typedef _GoString_ GoString;
typedef void *GoMap;
typedef void *GoChan;
typedef struct { void *t; void *v; } GoInterface;
typedef struct { void *data; GoInt len; GoInt cap; } GoSlice;
typedef struct { int32_t x; int32_t y; } Point;
typedef enum { COLOR_RED, COLOR_GREEN } Color;
struct Multi_return { GoInt64 r0; GoFloat64 r1; GoUint8 r2; char* r3; };
struct Pair_return { GoInt64 r0; GoInt64 r1; };
struct Parse_return { GoInt64 r0; GoFloat64 r1; GoUint8 r2; char* r3; };
struct Parse2_return { GoInt64 r0; char* r1; };
struct Describe_return { char* r0; GoInt r1; char* r2; };
struct Span_return { GoInt64 r0; GoInt64 r1; };
struct F_return { char* r0; GoInt64 r1; };
"""
# Go's size of each numeric kind on a 64-bit platform, and whether it is signed.
GO_NUMBERS = {
    "int8": (1, True),
    "int16": (2, True),
    "int32": (4, True),
    "int64": (8, True),
    "uint8": (1, False),
    "uint16": (2, False),
    "uint32": (4, False),
    "uint64": (8, False),
    "int": (8, True),
    "uint": (8, False),
    "uintptr": (8, False),
}
GO_FLOATS = {"float32": 4, "float64": 8}
GO_C_TYPES = {
    "int8": "GoInt8",
    "int16": "GoInt16",
    "int32": "GoInt32",
    "int64": "GoInt64",
    "uint8": "GoUint8",
    "uint16": "GoUint16",
    "uint32": "GoUint32",
    "uint64": "GoUint64",
    "int": "GoInt",
    "uint": "GoUint",
    "uintptr": "GoUintptr",
    "float32": "GoFloat32",
    "float64": "GoFloat64",
}


def c_types() -> codegen.CffiTypes:
    return codegen.CffiTypes(Header(CDEF, ()))


def export(name: str, result: str, *params: tuple[str, str]) -> Export:
    text = ", ".join(f"{c_type} {pname}" for pname, c_type in params) or "void"
    return Export(
        name, result, tuple(Param(n, t) for n, t in params), f"extern {result} {name}({text});"
    )


def value(name: str, go_type: str, kind: str = "", elem: str = "") -> GoField:
    return export_value(name, go_type, kind or go_type, elem)


def go(
    name: str, params: Sequence[GoField] = (), results: Sequence[GoField] = (), doc: str = ""
) -> GoFunction:
    return GoFunction(name, "example.com/x", doc, "x.go", 1, tuple(params), tuple(results))


def plan_one(c: Export, g: GoFunction | None) -> FunctionPlan:
    header = Header(CDEF, (c,))
    [result] = bindings.plan(header, {g.name: g} if g else {}, c_types())
    return result


def one_argument(c_type: str, go_value: GoField | None) -> Argument:
    c = export("F", "void", ("x", c_type))
    p = plan_one(c, go("F", [go_value]) if go_value else None)
    [argument] = p.arguments
    return argument


def single_result(c_type: str, go_value: GoField | None) -> Result:
    c = export("F", c_type)
    p = plan_one(c, go("F", [], [go_value]) if go_value else None)
    [result] = p.results
    return result


# -- CffiTypes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("c_type", "kind"),
    [
        *(
            (c_type, "float" if go_kind.startswith("float") else "int")
            for go_kind, c_type in GO_C_TYPES.items()
        ),
        ("_Bool", "bool"),
        ("char *", "char_pointer"),
        ("char*", "char_pointer"),
        ("Color", "int"),
        ("int", "int"),
        ("size_t", "int"),
        ("char", "other"),
        ("GoString", "other"),
        ("GoSlice", "other"),
        ("GoInterface", "other"),
        ("GoMap", "other"),
        ("Point", "other"),
        ("Point *", "other"),
        ("void *", "other"),
        ("NoSuchType", "other"),
    ],
)
def test_cffi_types_kind(c_type: str, kind: str) -> None:
    assert c_types().kind(c_type) == kind


def test_cffi_types_fields() -> None:
    ffi = cffi.FFI()
    ffi.cdef(CDEF)
    fields = c_types().fields("struct Multi_return")
    assert len(fields) == 4
    for field, (_, expected) in zip(fields, ffi.typeof("struct Multi_return").fields):
        assert ffi.typeof(field) is expected.type


# -- arguments ------------------------------------------------------------------------------


@pytest.mark.parametrize("go_kind", sorted(GO_C_TYPES))
def test_number_arguments(go_kind: str) -> None:
    argument = one_argument(GO_C_TYPES[go_kind], value("x", go_kind))
    expected = "float" if go_kind in GO_FLOATS else "int"
    # float32: its Python conversion refuses what would round to infinity.
    assert argument == Argument("x", "number", expected, float32=go_kind == "float32")


@pytest.mark.parametrize("go_kind", sorted(GO_C_TYPES))
def test_number_arguments_header_only(go_kind: str) -> None:
    argument = one_argument(GO_C_TYPES[go_kind], None)
    assert argument.kind == "number"
    assert argument.annotation == ("float" if go_kind in GO_FLOATS else "int")


def test_bool_argument_from_go_view() -> None:
    # The header says GoUint8, as for a Go uint8: only the Go view knows it is a bool.
    assert one_argument("GoUint8", value("ok", "bool")) == Argument("ok", "bool", "bool")
    assert one_argument("GoUint8", value("ok", "uint8")).kind == "number"
    assert one_argument("GoUint8", None).kind == "number"


def test_c_bool_argument() -> None:
    assert one_argument("_Bool", value("b", "C.bool", "c")) == Argument("b", "bool", "bool")
    assert one_argument("_Bool", None).kind == "bool"


def test_gostring_argument() -> None:
    expected = Argument("s", "gostring", "str | bytes")
    assert one_argument("GoString", value("s", "string")) == expected
    # A named string type is still a Go string; the header alone says so too.
    assert one_argument("GoString", value("s", "Name", "string")) == expected
    assert one_argument("GoString", None) == Argument("x", "gostring", "str | bytes")


def test_bytes_argument() -> None:
    expected = Argument("b", "bytes", "Buffer")
    assert one_argument("GoSlice", value("b", "[]byte", "slice", "uint8")) == expected
    assert one_argument("GoSlice", value("b", "Blob", "slice", "uint8")) == expected


@pytest.mark.parametrize("elem", sorted(bindings.SLICE_ELEMENTS))
def test_slice_arguments(elem: str) -> None:
    argument = one_argument("GoSlice", value("xs", f"[]{elem}", "slice", elem))
    assert argument.kind == "slice"
    item = "float" if elem in GO_FLOATS else "int"
    assert argument.annotation == f"Buffer | Sequence[{item}]"
    # The C element type has Go's size and signedness.
    ffi = cffi.FFI()
    ffi.cdef(CDEF)
    if elem in GO_FLOATS:
        assert ffi.typeof(argument.c_element).cname in ("float", "double")
        assert ffi.sizeof(argument.c_element) == GO_FLOATS[elem]
    else:
        size, signed = GO_NUMBERS[elem]
        assert ffi.sizeof(argument.c_element) == size
        assert (int(ffi.cast(argument.c_element, -1)) < 0) == signed


def test_slice_element_table_covers_every_number_but_byte() -> None:
    assert set(bindings.SLICE_ELEMENTS) == (set(GO_NUMBERS) | set(GO_FLOATS)) - {"uint8"}


@pytest.mark.parametrize(
    "go_value",
    [
        value("xs", "[]bool", "slice", "bool"),
        value("xs", "[]string", "slice", "string"),
        value("xs", "[]*C.char", "slice", "cstring"),
        value("xs", "[]C.int", "slice", "c"),
        value("xs", "[]*int", "slice", "pointer"),
        value("xs", "[]T", "slice", ""),
    ],
)
def test_other_slices_are_raw(go_value: GoField) -> None:
    assert one_argument("GoSlice", go_value) == Argument("xs", "raw", "Any")


def test_slice_without_go_view_is_raw() -> None:
    assert one_argument("GoSlice", None) == Argument("x", "raw", "Any")


def test_cstring_argument() -> None:
    assert one_argument("char*", value("s", "*C.char", "cstring")) == Argument(
        "s", "cstring", "str | bytes"
    )
    # Without the Go view a char* stays raw: it may be a buffer the function writes.
    assert one_argument("char*", None).kind == "raw"


@pytest.mark.parametrize(
    ("c_type", "go_value"),
    [
        ("void*", value("p", "unsafe.Pointer")),
        ("Point*", value("p", "*C.Point", "pointer")),
        ("Point", value("p", "C.Point", "c")),
        ("GoMap", value("p", "map[string]int", "map")),
        ("GoChan", value("p", "chan int", "chan")),
        ("GoInterface", value("p", "interface{}", "interface")),
        ("GoInterface", value("p", "error")),
        ("GoInt*", value("p", "*int", "pointer")),
    ],
)
def test_raw_arguments(c_type: str, go_value: GoField) -> None:
    assert one_argument(c_type, go_value) == Argument("p", "raw", "Any")
    assert one_argument(c_type, None).kind == "raw"


def test_c_scalar_arguments_are_numbers() -> None:
    assert one_argument("int", value("n", "C.int", "c")) == Argument("n", "number", "int")
    assert one_argument("Color", value("c", "C.Color", "c")) == Argument("c", "number", "int")
    assert one_argument("double", value("d", "C.double", "c")).annotation == "float"


# -- results --------------------------------------------------------------------------------


@pytest.mark.parametrize("go_kind", sorted(GO_C_TYPES))
def test_number_results(go_kind: str) -> None:
    result = single_result(GO_C_TYPES[go_kind], value("", go_kind))
    assert result == Result("", "number", "float" if go_kind in GO_FLOATS else "int")


def test_bool_result() -> None:
    assert single_result("GoUint8", value("", "bool")) == Result("", "bool", "bool")
    assert single_result("GoUint8", value("", "uint8")).kind == "number"
    assert single_result("GoUint8", None).kind == "number"
    assert single_result("_Bool", None) == Result("", "bool", "bool")


def test_cstring_result() -> None:
    assert single_result("char*", value("", "*C.char", "cstring")) == Result("", "cstring", "str")
    assert single_result("char*", None) == Result("", "cstring", "str")


@pytest.mark.parametrize(
    ("c_type", "go_value"),
    [
        ("void*", value("", "unsafe.Pointer")),
        ("Point", value("", "C.Point", "c")),
        ("Point*", value("", "*C.Point", "pointer")),
        ("GoString", value("", "string")),
        ("GoSlice", value("", "[]byte", "slice", "uint8")),
        ("GoInterface", value("", "error")),
        ("GoMap", value("", "map[int]int", "map")),
    ],
)
def test_raw_results(c_type: str, go_value: GoField) -> None:
    assert single_result(c_type, go_value) == Result("", "raw", "Any")


def test_void_function() -> None:
    p = plan_one(export("F", "void"), go("F"))
    assert p.results == ()
    assert p.c_results == 0
    assert not p.returns_error
    assert p.return_annotation == "None"


def test_single_result_unwrapped() -> None:
    p = plan_one(export("F", "GoInt64"), go("F", [], [value("n", "int64")]))
    assert p.c_results == 1
    assert [r.name for r in p.results] == ["n"]
    assert not p.named_results  # one result is returned as itself, never as a NamedTuple
    assert p.return_annotation == "int"


def test_multi_result_struct_fields_from_cffi() -> None:
    c = export("Multi", "struct Multi_return")
    g = go(
        "Multi",
        [],
        [
            value("", "int64"),
            value("", "float64"),
            value("", "bool"),
            value("", "*C.char", "cstring"),
        ],
    )
    p = plan_one(c, g)
    assert p.c_results == 4
    assert [(r.kind, r.annotation) for r in p.results] == [
        ("number", "int"),
        ("number", "float"),
        ("bool", "bool"),
        ("cstring", "str"),
    ]
    assert not p.named_results
    assert p.return_annotation == "tuple[int, float, bool, str]"
    # Header-only: the struct's field types decide (GoUint8 is a number then).
    bare = plan_one(c, None)
    assert bare.c_results == 4
    assert [r.kind for r in bare.results] == ["number", "number", "number", "cstring"]


def test_named_results_make_a_named_tuple() -> None:
    c = export("Pair", "struct Pair_return", ("a", "GoInt64"), ("b", "GoInt64"))
    params = [value("a", "int64"), value("b", "int64")]
    p = plan_one(c, go("Pair", params, [value("q", "int64"), value("r", "int64")]))
    assert p.named_results
    assert [r.name for r in p.results] == ["q", "r"]
    assert p.result_class == "PairResult"
    assert p.return_annotation == "PairResult"


@pytest.mark.parametrize(
    "names", [("q", ""), ("", "r"), ("", ""), ("q", "_"), ("_", "_")], ids=repr
)
def test_partly_named_results_make_a_plain_tuple(names: tuple[str, str]) -> None:
    c = export("Pair", "struct Pair_return")
    p = plan_one(c, go("Pair", [], [value(name, "int64") for name in names]))
    assert not p.named_results
    assert p.return_annotation == "tuple[int, int]"


# -- the error convention -------------------------------------------------------------------


def test_error_convention_single() -> None:
    c = export("Check", "char*", ("ok", "GoUint8"))
    p = plan_one(c, go("Check", [value("ok", "bool")], [value("err", "*C.char", "cstring")]))
    assert p.returns_error
    assert p.results == ()
    assert p.c_results == 1
    assert p.return_annotation == "None"


def test_error_convention_with_named_values() -> None:
    c = export("Parse", "struct Parse_return")
    g = go(
        "Parse",
        [],
        [
            value("value", "int64"),
            value("f", "float64"),
            value("ok", "bool"),
            value("err", "*C.char", "cstring"),
        ],
    )
    p = plan_one(c, g)
    assert p.returns_error
    assert p.c_results == 4
    assert [r.name for r in p.results] == ["value", "f", "ok"]
    assert p.named_results
    assert p.return_annotation == p.result_class


def test_error_convention_leaves_a_single_result_unwrapped() -> None:
    c = export("Parse2", "struct Parse2_return")
    g = go("Parse2", [], [value("value", "int64"), value("err", "*C.char", "cstring")])
    p = plan_one(c, g)
    assert p.returns_error
    assert p.c_results == 2
    assert [r.name for r in p.results] == ["value"]
    assert not p.named_results
    assert p.return_annotation == "int"


def test_error_convention_keeps_other_string_results() -> None:
    c = export("Describe", "struct Describe_return")
    g = go(
        "Describe",
        [],
        [
            value("label", "*C.char", "cstring"),
            value("size", "int"),
            value("err", "*C.char", "cstring"),
        ],
    )
    p = plan_one(c, g)
    assert p.returns_error
    assert [(r.name, r.kind) for r in p.results] == [("label", "cstring"), ("size", "number")]


@pytest.mark.parametrize(
    ("c_type", "err"),
    [
        ("GoInterface", value("err", "error")),  # a Go error is not the convention
        ("GoInt", value("err", "int")),
        ("GoString", value("err", "string")),
        ("char*", value("error", "*C.char", "cstring")),  # another name
        ("char*", value("", "*C.char", "cstring")),  # unnamed
    ],
)
def test_not_the_error_convention(c_type: str, err: GoField) -> None:
    p = plan_one(export("F", c_type), go("F", [], [err]))
    assert not p.returns_error
    assert len(p.results) == 1


def test_err_not_last_is_not_the_convention() -> None:
    c = export("F", "struct F_return")
    g = go("F", [], [value("err", "*C.char", "cstring"), value("n", "int64")])
    p = plan_one(c, g)
    assert not p.returns_error
    assert [r.name for r in p.results] == ["err", "n"]
    assert p.results[0].kind == "cstring"


def test_error_convention_needs_the_go_view() -> None:
    p = plan_one(export("Check", "char*"), None)
    assert not p.returns_error
    assert p.results == (Result("", "cstring", "str"),)


# -- names ----------------------------------------------------------------------------------


def test_python_name_keywords() -> None:
    for word in keyword.kwlist:
        used: set[str] = set()
        name = bindings.python_name(word, 0, used)
        assert name == word.lstrip("_") + "_"
        assert name.isidentifier()
        assert not keyword.iskeyword(name)
        assert used == {name}


@pytest.mark.parametrize(
    ("go_name", "index", "expected"),
    [
        ("", 3, "arg3"),
        ("_", 2, "arg2"),
        ("__", 1, "arg1"),
        ("_x", 0, "x_"),
        ("__x", 0, "x_"),
        ("x", 0, "x"),
        ("self", 0, "self"),
        ("héllo", 0, "héllo"),
    ],
)
def test_python_name(go_name: str, index: int, expected: str) -> None:
    assert bindings.python_name(go_name, index, set()) == expected


def test_python_name_duplicates() -> None:
    used: set[str] = set()
    names = [bindings.python_name(n, i, used) for i, n in enumerate(["from", "from_", "", "arg2"])]
    assert len(set(names)) == len(names)
    assert names[:3] == ["from_", "from__", "arg2"]
    assert all(n.isidentifier() and not keyword.iskeyword(n) for n in names)


def test_argument_names_in_a_plan() -> None:
    c = export(
        "Keywords",
        "GoInt",
        ("from", "GoInt"),
        ("lambda", "GoInt"),
        ("p2", "GoInt"),
        ("p3", "GoInt"),
        ("p4", "GoInt"),
    )
    g = go(
        "Keywords",
        [
            value("from", "int"),
            value("lambda", "int"),
            value("_", "int"),
            value("", "int"),
            value("_a", "int"),
        ],
        [value("", "int")],
    )
    p = plan_one(c, g)
    assert [a.name for a in p.arguments] == ["from_", "lambda_", "arg2", "arg3", "a_"]


def test_header_names_without_go_view() -> None:
    c = export("F", "GoInt", ("a", "GoInt"), ("class", "GoInt"), ("", "GoInt"))
    p = plan_one(c, None)
    assert [a.name for a in p.arguments] == ["a", "class_", "arg2"]


@pytest.mark.parametrize("names", [("from", "to"), ("count", "index")], ids=repr)
def test_result_names_are_valid_named_tuple_fields(names: tuple[str, str]) -> None:
    c = export("Span", "struct Span_return")
    p = plan_one(c, go("Span", [], [value(name, "int64") for name in names]))
    assert p.named_results
    for result in p.results:
        assert result.name.isidentifier()
        assert not keyword.iskeyword(result.name)
        assert not result.name.startswith("_")
        assert not hasattr(tuple, result.name)  # a field must not hide count() or index()


def test_results_named_with_a_leading_underscore_are_a_plain_tuple() -> None:
    # A NamedTuple field cannot start with "_" (Go's private-looking names).
    c = export("Span", "struct Span_return")
    p = plan_one(c, go("Span", [], [value("_lo", "int64"), value("_hi", "int64")]))
    assert not p.named_results
    assert len(p.results) == 2


def test_result_names_that_hide_tuple_methods_get_an_underscore() -> None:
    c = export("Span", "struct Span_return")
    p = plan_one(c, go("Span", [], [value("count", "int64"), value("index", "int64")]))
    assert p.named_results
    assert [result.name for result in p.results] == ["count_", "index_"]


# -- what is planned ------------------------------------------------------------------------


def test_free_function_is_never_planned() -> None:
    free = export(names.FREE_FUNCTION, "void", ("p", "void*"))
    other = export("F", "GoInt")
    header = Header(CDEF, (other, free, export("G", "void")))
    go_view = {names.FREE_FUNCTION: go(names.FREE_FUNCTION, [value("p", "unsafe.Pointer")])}
    plans = bindings.plan(header, go_view, c_types())
    assert [p.name for p in plans] == ["F", "G"]


def test_plans_follow_header_order() -> None:
    names = ["Zed", "Alpha", "Mid"]
    header = Header(CDEF, tuple(export(n, "void") for n in names))
    go_view = {n: go(n) for n in sorted(names)}
    assert [p.name for p in bindings.plan(header, go_view, c_types())] == names


def test_go_view_of_other_functions_is_ignored() -> None:
    header = Header(CDEF, (export("F", "GoInt"),))
    go_view = {"G": go("G", [value("s", "string")], [], doc="G's doc")}
    [p] = bindings.plan(header, go_view, c_types())
    assert p.doc == ""
    assert p.go_signature == "extern GoInt F(void);"


def test_header_only_fallback() -> None:
    c = export("Concat", "char*", ("a", "GoString"), ("b", "GoString"))
    p = plan_one(c, None)
    assert p.doc == ""
    assert p.go_signature == c.declaration
    assert [(a.name, a.kind) for a in p.arguments] == [("a", "gostring"), ("b", "gostring")]
    assert p.results == (Result("", "cstring", "str"),)


def test_params_arity_mismatch_falls_back_to_the_header() -> None:
    c = export("F", "GoInt", ("a", "GoSlice"), ("b", "GoUint8"))
    # Go declares one parameter: the Go view of the parameters is not used, its doc still is.
    g = go("F", [value("xs", "[]byte", "slice", "uint8")], [value("", "int")], doc="F doc.")
    p = plan_one(c, g)
    assert [(a.name, a.kind) for a in p.arguments] == [("a", "raw"), ("b", "number")]
    assert p.doc == "F doc."


def test_results_arity_mismatch_falls_back_to_the_header() -> None:
    c = export("F", "struct F_return")
    g = go("F", [], [value("n", "int64"), value("ok", "bool"), value("err", "*C.char", "cstring")])
    p = plan_one(c, g)
    assert not p.returns_error
    assert p.c_results == 2
    # The header's struct F_return {char *r0; GoInt64 r1;} decides alone.
    assert [(r.name, r.kind) for r in p.results] == [("", "cstring"), ("", "number")]
    assert not p.named_results


def test_doc_comes_from_go() -> None:
    doc = 'F does "things".\n\nSecond paragraph.'
    p = plan_one(export("F", "void"), go("F", doc=doc))
    assert p.doc == doc


# -- go_signature ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "results", "expected"),
    [
        ((), (), "func F()"),
        ((value("a", "int64"),), (), "func F(a int64)"),
        (
            (value("a", "int64"), value("b", "int64")),
            (value("", "int64"),),
            "func F(a int64, b int64) int64",
        ),
        (
            (value("a", "int64"), value("b", "int64")),
            (value("q", "int64"), value("r", "int64")),
            "func F(a int64, b int64) (q int64, r int64)",
        ),
        ((), (value("", "int32"), value("", "int32")), "func F() (int32, int32)"),
        ((), (value("err", "*C.char", "cstring"),), "func F() (err *C.char)"),
        ((value("", "[]byte", "slice", "uint8"),), (value("", "bool"),), "func F([]byte) bool"),
        (
            (value("m", "map[string]int", "map"), value("f", "interface{}", "interface")),
            (),
            "func F(m map[string]int, f interface{})",
        ),
    ],
)
def test_go_signature(
    params: tuple[GoField, ...], results: tuple[GoField, ...], expected: str
) -> None:
    function = go("F", params, results)
    assert bindings.go_signature(function) == expected
    # The plan's docstring line is the Go signature whenever the Go view exists.
    c = export("F", "void", *((f"p{i}", "GoInt") for i in range(len(params))))
    assert plan_one(c, function).go_signature == expected
