"""Plan the bindings of an ordinary Go package: per exported function and struct type, how it
is bound, or why it is not.

An argument crosses *directly* as a C value when cgo can carry it without Go's help (numbers,
``bool``, ``string``, ``[]byte`` and number slices, the last two without a copy); anything
richer crosses as one pickle stream that Go decodes. A result crosses directly when it is one
number or ``bool`` (one string: its bytes in C memory); anything else is encoded by Go into one pickle stream for the whole result,
decoded in one ``pickle.loads``. A last ``error`` result is not returned: Go reports it, and
the wrapper raises ``GoError``. Everything here is a pure function of the API model.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .bindings import (
    RESERVED_NAMES,
    SLICE_ELEMENTS,
    format_go_signature,
    function_name,
    python_name,
)
from .introspect import GoAPI, GoAPIFunction, GoField, GoStruct, GoType
from .names import SHIM_PREFIX

INTEGER_KINDS = frozenset(
    {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64"}
)
FLOAT_KINDS = frozenset({"float32", "float64"})
NUMBER_KINDS = INTEGER_KINDS | FLOAT_KINDS

# The C type of a number argument or result, as cgo spells Go's types in the header.
C_NUMBER_TYPES: Mapping[str, str] = {
    "int": "GoInt",
    "int8": "GoInt8",
    "int16": "GoInt16",
    "int32": "GoInt32",
    "int64": "GoInt64",
    "uint": "GoUint",
    "uint8": "GoUint8",
    "uint16": "GoUint16",
    "uint32": "GoUint32",
    "uint64": "GoUint64",
    "float32": "GoFloat32",
    "float64": "GoFloat64",
}

# array.array type codes of number slices as results, by Go kind (int and uint: 64-bit targets).
ARRAY_TYPECODES: Mapping[str, str] = {
    "int8": "b",
    "int16": "h",
    "int32": "i",
    "int64": "q",
    "int": "q",
    "uint16": "H",
    "uint32": "I",
    "uint64": "Q",
    "uint": "Q",
    "float32": "f",
    "float64": "d",
}

ArgumentWay = Literal["number", "bool", "string", "bytes", "slice", "pickle"]
ResultWay = Literal["none", "number", "bool", "string", "pickle"]


class Unsupported(Exception):
    """A type the bindings cannot carry; the message says which and why."""


@dataclass(frozen=True)
class PlainArgument:
    name: str  # the Python parameter name
    go_name: str
    type: GoType
    way: ArgumentWay
    annotation: str
    c_element: str = ""  # way "slice": the C element type


@dataclass(frozen=True)
class PlainFunction:
    name: str  # the Python function's name
    go_name: str
    doc: str
    go_signature: str
    arguments: tuple[PlainArgument, ...]
    results: tuple[GoField, ...]  # without a last error
    result_way: ResultWay
    returns_error: bool
    annotation: str  # the return annotation
    result_names: tuple[str, ...] = ()  # every result named: a named tuple of these fields
    variadic: bool = False  # the last argument is Go's ...T: Python's *args

    @property
    def shim(self) -> str:
        """The C name of the export the tool generates for this function."""
        return SHIM_PREFIX + self.go_name

    @property
    def result_class(self) -> str:
        return f"{self.name.rstrip('_')}Result"


@dataclass(frozen=True)
class PlainStruct:
    name: str  # the Python class name
    go_name: str
    doc: str
    fields: tuple[tuple[str, GoField], ...]  # (Python attribute, Go field)
    annotations: tuple[str, ...]  # per field, as a result
    parameter_annotations: tuple[str, ...]  # per field, as the constructor takes it


@dataclass(frozen=True)
class PlainError:
    """A sentinel error of the package: an exception class, raised when a returned error
    matches it (``errors.Is``)."""

    name: str  # the Python class name
    go_name: str
    doc: str


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass(frozen=True)
class PackagePlan:
    api: GoAPI
    functions: tuple[PlainFunction, ...]
    structs: tuple[PlainStruct, ...]
    skipped: tuple[Skipped, ...]
    excluded: tuple[str, ...] = ()
    errors: tuple[PlainError, ...] = ()


def plan_package(api: GoAPI, exclude: Iterable[str] = ()) -> PackagePlan:
    """Bind every exported function and struct type of *api* that can be, but those in
    *exclude*; say why each other one is not bound."""
    excluded = set(exclude)
    skipped: list[Skipped] = []
    structs: dict[str, PlainStruct] = {}
    broken = _unsupported_structs(api.structs)
    for struct in api.structs:
        if struct.name in excluded:
            continue
        if struct.name in broken:
            skipped.append(Skipped(struct.name, broken[struct.name]))
            continue
        structs[struct.name] = _plan_struct(struct, broken)
    functions = []
    for function in api.functions:
        if function.name in excluded:
            continue
        try:
            functions.append(_plan_function(function, broken))
        except Unsupported as exc:
            skipped.append(Skipped(function.name, str(exc)))
    errors = tuple(
        PlainError(class_name(item.name), item.name, item.doc)
        for item in api.sentinels
        if item.name not in excluded
    )
    exported = {item.name for item in api.functions} | {item.name for item in api.structs}
    unknown = sorted(excluded - exported - {item.name for item in api.sentinels})
    return PackagePlan(
        api, tuple(functions), tuple(structs.values()), tuple(skipped), tuple(unknown), errors
    )


def _unsupported_structs(structs: Sequence[GoStruct]) -> dict[str, str]:
    """Struct types that cannot be classes, with the reason; a struct with a field of such a
    type cannot be one either (until nothing changes)."""
    broken: dict[str, str] = {}
    for struct in structs:
        if struct.generic:
            broken[struct.name] = "generic struct type"
    changed = True
    while changed:
        changed = False
        for struct in structs:
            if struct.name in broken:
                continue
            for field in struct.fields:
                problem = _field_problem(field, broken)
                if problem:
                    broken[struct.name] = f"field {field.name}: {problem}"
                    changed = True
                    break
    return broken


def _field_problem(field: GoField, broken: Mapping[str, str]) -> str:
    if field.embedded:
        return "embedded fields are not bound"
    try:
        check_type(field.type, broken)
    except Unsupported as exc:
        return str(exc)
    return ""


def check_type(go_type: GoType, broken: Mapping[str, str]) -> None:
    """Raise Unsupported if a value of *go_type* cannot cross, naming the type that stops it."""
    kind = go_type.kind
    if kind == "unsupported":
        raise Unsupported(f"{go_type.go} ({go_type.reason}) has no Python equivalent")
    if kind == "error":
        raise Unsupported(f"{go_type.go} is bound only as the last result")
    if kind == "struct" and go_type.name in broken:
        raise Unsupported(f"{go_type.go}: {broken[go_type.name]}")
    key = go_type.key
    if kind == "map" and key is not None and key.kind != "string" and key.kind not in INTEGER_KINDS:
        raise Unsupported(f"{go_type.go}: map keys must be strings or integers")
    for inner in (go_type.key, go_type.elem):
        if inner is not None:
            check_type(inner, broken)


def _plan_struct(struct: GoStruct, broken: Mapping[str, str]) -> PlainStruct:
    used: set[str] = set()
    fields = []
    for field in struct.fields:
        name = field.name + "_" if keyword.iskeyword(field.name) else field.name
        while name in used:
            name += "_"
        used.add(name)
        fields.append((name, field))
    return PlainStruct(
        name=class_name(struct.name),
        go_name=struct.name,
        doc=struct.doc,
        fields=tuple(fields),
        annotations=tuple(result_annotation(field.type) for _, field in fields),
        parameter_annotations=tuple(parameter_annotation(field.type) for _, field in fields),
    )


def class_name(go_name: str) -> str:
    return go_name + "_" if go_name in RESERVED_NAMES or keyword.iskeyword(go_name) else go_name


def _plan_function(function: GoAPIFunction, broken: Mapping[str, str]) -> PlainFunction:
    if function.generic:
        raise Unsupported("generic functions cannot be called from C")
    if function.variadic and function.params[-1].type.kind != "slice":
        raise Unsupported(f"variadic parameter ...{function.params[-1].type.go[2:]}")
    results = function.results
    returns_error = bool(results) and results[-1].type.kind == "error"
    if returns_error:
        results = results[:-1]
    used: set[str] = set()
    arguments = []
    for index, param in enumerate(function.params):
        _check(param, broken, "parameter")
        arguments.append(_argument(python_name(param.name, index, used), param))
    if function.variadic:  # annotated as one of the items: *args
        last, elem = arguments[-1], function.params[-1].type.elem
        assert elem is not None, "a variadic parameter is a slice"
        annotation = (
            SLICE_ELEMENTS[elem.kind][1] if last.way == "slice" else parameter_annotation(elem)
        )
        arguments[-1] = replace(last, annotation=annotation)
    for result in results:
        _check(result, broken, "result")
    names = tuple(_result_name(result.name) for result in results)
    named = len(results) > 1 and all(names)
    plan = PlainFunction(
        name=function_name(function.name),
        go_name=function.name,
        doc=function.doc,
        go_signature=go_signature(function),
        arguments=tuple(arguments),
        results=results,
        result_way=_result_way(results),
        returns_error=returns_error,
        annotation="",
        result_names=names if named else (),
        variadic=function.variadic,
    )
    return _with_annotation(plan)


def _check(field: GoField, broken: Mapping[str, str], what: str) -> None:
    try:
        check_type(field.type, broken)
    except Unsupported as exc:
        name = f" {field.name}" if field.name else ""
        raise Unsupported(f"{what}{name}: {exc}") from None


def _argument(name: str, field: GoField) -> PlainArgument:
    go_type = field.type
    kind = go_type.kind
    if kind in NUMBER_KINDS:
        return PlainArgument(name, field.name, go_type, "number", _number_annotation(kind))
    if kind == "bool":
        return PlainArgument(name, field.name, go_type, "bool", "bool")
    if kind == "string":
        return PlainArgument(name, field.name, go_type, "string", "str | bytes")
    if kind == "bytes":
        return PlainArgument(name, field.name, go_type, "bytes", "Buffer")
    elem = go_type.elem
    # A Go []T over Python's buffer: T must be the basic type itself ([]Celsius is not []float64).
    if (
        kind == "slice"
        and elem is not None
        and elem.kind in SLICE_ELEMENTS
        and elem.go == elem.kind
    ):
        c_element, item = SLICE_ELEMENTS[elem.kind]
        annotation = f"Buffer | Sequence[{item}]"
        return PlainArgument(name, field.name, go_type, "slice", annotation, c_element)
    return PlainArgument(name, field.name, go_type, "pickle", parameter_annotation(go_type))


def _result_way(results: Sequence[GoField]) -> ResultWay:
    if not results:
        return "none"
    if len(results) == 1 and results[0].type.kind in NUMBER_KINDS:
        return "number"
    if len(results) == 1 and results[0].type.kind == "bool":
        return "bool"
    if len(results) == 1 and results[0].type.kind == "string":
        return "string"  # its bytes, without pickle's framing
    return "pickle"


def _with_annotation(plan: PlainFunction) -> PlainFunction:
    annotations = [result_annotation(result.type) for result in plan.results]
    if not annotations:
        annotation = "None"
    elif len(annotations) == 1:
        annotation = annotations[0]
    elif plan.result_names:
        annotation = plan.result_class
    else:
        annotation = f"tuple[{', '.join(annotations)}]"
    return replace(plan, annotation=annotation)


def _result_name(go_name: str) -> str:
    if not go_name.isidentifier() or go_name.startswith("_"):
        return ""
    if keyword.iskeyword(go_name) or go_name in ("count", "index"):
        return go_name + "_"
    return go_name


def _number_annotation(kind: str) -> str:
    return "float" if kind in FLOAT_KINDS else "int"


def result_annotation(go_type: GoType) -> str:
    """The Python type of a value Go returns."""
    kind, elem, key = go_type.kind, go_type.elem, go_type.key
    if kind in NUMBER_KINDS:
        return _number_annotation(kind)
    if kind == "array" and elem is not None and elem.kind == "uint8":
        return "bytes"
    if kind in ("slice", "array") and elem is not None:
        if elem.kind in ARRAY_TYPECODES:
            return f"array[{_number_annotation(elem.kind)}]"
        return f"list[{result_annotation(elem)}]"
    if kind == "map" and key is not None and elem is not None:
        return f"dict[{result_annotation(key)}, {result_annotation(elem)}]"
    if kind == "pointer" and elem is not None:
        return f"{result_annotation(elem)} | None"
    return _SIMPLE_ANNOTATIONS.get(kind) or class_name(go_type.name)


def parameter_annotation(go_type: GoType) -> str:
    """The Python types a Go parameter (or a struct field set from Python) accepts."""
    kind, elem, key = go_type.kind, go_type.elem, go_type.key
    if kind in NUMBER_KINDS:
        return _number_annotation(kind)
    if kind == "bytes" or (kind == "array" and elem is not None and elem.kind == "uint8"):
        return "bytes | bytearray"
    if kind == "string":
        return "str"
    if kind in ("slice", "array") and elem is not None:
        return f"Sequence[{parameter_annotation(elem)}]"
    if kind == "map" and key is not None and elem is not None:
        return f"Mapping[{parameter_annotation(key)}, {parameter_annotation(elem)}]"
    if kind == "pointer" and elem is not None:
        return f"{parameter_annotation(elem)} | None"
    if kind == "struct":
        return f"{class_name(go_type.name)} | Mapping[str, Any]"
    return _SIMPLE_ANNOTATIONS.get(kind, "Any")


_SIMPLE_ANNOTATIONS = {
    "bool": "bool",
    "string": "str",
    "bytes": "bytes",
    "time": "datetime",
    "duration": "timedelta",
    "any": "Any",
}


def go_signature(function: GoAPIFunction) -> str:
    """``func Count(text string, top int) (Stats, error)``, as a docstring line."""
    params = [(field.name, field.type.go) for field in function.params]
    if function.variadic:
        name, spelled = params[-1]
        params[-1] = (name, "..." + spelled.removeprefix("[]"))
    results = [(field.name, field.type.go) for field in function.results]
    return format_go_signature(function.name, params, results)
