"""The Python side of an ordinary Go package's bindings: the module's classes and functions,
and its ``.pyi`` stub, rendered from one :class:`~.plan.PackagePlan` so that they agree.

Each function calls its shim (see :mod:`.shims`) with the arguments converted inline, checks
for a report (a panic, a returned error, a value that could not be converted), and decodes a
pickled result with one ``pickle.loads``. Struct types become ``__slots__`` classes that the
unpickler fills without calling ``__init__``. Everything here is a pure function of the plan.
"""

from __future__ import annotations

from .introspect import GoType
from .names import FREE_FUNCTION, FREE_MANY_FUNCTION, GENERATED_MARKER
from .plan import (
    FLOAT_KINDS,
    INTEGER_KINDS,
    PackagePlan,
    PlainArgument,
    PlainError,
    PlainFunction,
    PlainStruct,
    class_name,
    result_annotation,
)
from .wrappers import (
    HELPERS,
    RUNTIME_NAMES,
    docstring_lines,
    guarded_call,
    namedtuple_lines,
)

# What a struct field is when the constructor is not given it: Go's zero value, by kind.
_ZERO_VALUES = {
    "slice": "[]",
    "map": "{}",
    "bool": "False",
    "string": '""',
    "bytes": 'b""',
    "time": "_ZERO_TIME",
    "duration": "_timedelta(0)",
}


def public_names(plan: PackagePlan) -> list[str]:
    names = [*RUNTIME_NAMES, "ffi", "lib"]
    names += [struct.name for struct in plan.structs]
    names += [error.name for error in plan.errors]
    names += [function.name for function in plan.functions]
    names += [function.result_class for function in plan.functions if function.result_names]
    return sorted(names)


def helper_kinds(plan: PackagePlan) -> list[str]:
    """The helpers of :data:`~.wrappers.HELPERS` the module's functions use."""
    kinds = {"free", "panic"}
    for function in plan.functions:
        kinds.update(_HELPER_OF_WAY.get(argument.way, "") for argument in function.arguments)
        if function.result_way in ("pickle", "string"):
            kinds.update(("release", function.result_way))
    return [kind for kind in HELPERS if kind in kinds]


_HELPER_OF_WAY = {"string": "gostring", "bytes": "bytes", "slice": "slice", "pickle": "bytes"}


def _pickles(plan: PackagePlan) -> bool:
    return any(
        function.result_way == "pickle" or any(arg.way == "pickle" for arg in function.arguments)
        for function in plan.functions
    )


def module_imports(plan: PackagePlan) -> list[str]:
    """Imports the module runs (the cheap ones only: nothing is imported for annotations)."""
    kinds = helper_kinds(plan)
    imports = []
    if "slice" in kinds:
        imports += ["import struct as _struct", "import sys as _sys"]
    if any(function.result_names for function in plan.functions):
        imports.append("from collections import namedtuple as _namedtuple")
    if any(field.type.kind in ("time", "duration") for s in plan.structs for _, field in s.fields):
        imports.append(
            "from datetime import datetime as _datetime, timedelta as _timedelta, "
            "timezone as _timezone"
        )
    if _pickles(plan):
        imports.append("from pickle import dumps as _dumps, loads as _loads")
    return imports


def render_body(plan: PackagePlan) -> list[str]:
    """The module after its imports and ``lib``: raw bindings, helpers, classes, functions."""
    lines = [f"_free = lib.{FREE_FUNCTION}", f"_free_many = lib.{FREE_MANY_FUNCTION}"]
    lines += [f"_lib_{function.name} = lib.{function.shim}" for function in plan.functions]
    for kind in helper_kinds(plan):
        lines += ["", "", *HELPERS[kind].strip("\n").splitlines()]
    slice_types = sorted(
        {arg.c_element for f in plan.functions for arg in f.arguments if arg.c_element}
    )
    if slice_types:
        lines += ["", "", "_BUFFER_FORMATS = {"]
        lines += [f'    "{c_type}": _buffer_formats("{c_type}"),' for c_type in slice_types]
        lines.append("}")
    if any(field.type.kind == "time" for s in plan.structs for _, field in s.fields):
        lines += ["", "_ZERO_TIME = _datetime(1, 1, 1, tzinfo=_timezone.utc)  # Go's zero time"]
    for struct in plan.structs:
        lines += ["", "", *struct_class(struct, stub=False)]
    for error in plan.errors:
        lines += ["", "", *error_class(error)]
    for function in plan.functions:
        lines += ["", ""]
        if function.result_names:
            lines += [*_result_namedtuple(function), "", ""]
        lines += wrapper(function)
    return lines


def struct_class(struct: PlainStruct, *, stub: bool) -> list[str]:
    lines = [f"class {struct.name}(_GoStruct):", *docstring_lines(_struct_doc(struct), "    ")]
    if stub:
        lines += [""]
        lines += [
            f"    {name}: {annotation}"
            for (name, _), annotation in zip(struct.fields, struct.annotations)
        ]
    else:
        slots = ", ".join(f'"{name}"' for name, _ in struct.fields)
        lines += ["", f"    __slots__ = ({slots}{',' if len(struct.fields) == 1 else ''})"]
    params = [
        f"{name}: {annotation}{' | None' if _mutable(field.type) else ''} = "
        f"{'...' if stub else 'None' if _mutable(field.type) else _zero(field.type)}"
        for (name, field), annotation in zip(struct.fields, struct.parameter_annotations)
    ]
    signature = ["    def __init__(", "        self,", *(f"        {param}," for param in params)]
    signature.append(f"    ) -> None:{' ...' if stub else ''}")
    if stub:
        return [*lines, "", *signature]
    body = [
        f"        self.{name} = {_zero(field.type)} if {name} is None else {name}"
        if _mutable(field.type)
        else f"        self.{name} = {name}"
        for name, field in struct.fields
    ]
    return [*lines, "", *signature, *(body or ["        pass"])]


def error_class(error: PlainError) -> list[str]:
    """The exception class of a sentinel error (the same text in the module and its stub)."""
    doc = [*(error.doc.splitlines() if error.doc else []), *([""] if error.doc else [])]
    doc.append(f"Go: ``var {error.go_name} error``: raised when a returned error matches it.")
    return [f"class {error.name}(GoError):", *docstring_lines(doc, "    ")]


def _struct_doc(struct: PlainStruct) -> list[str]:
    """The Go doc of the type, then each field's Go doc (or line comment)."""
    lines = [*(struct.doc.splitlines() if struct.doc else []), *([""] if struct.doc else [])]
    lines.append(f"Go: ``type {struct.go_name} struct``")
    documented = [(name, field) for name, field in struct.fields if field.doc]
    if documented:
        lines += ["", "Attributes:"]
        lines += [f"    {name}: {' '.join(field.doc.split())}" for name, field in documented]
    return lines


def _mutable(go_type: GoType) -> bool:
    """Whether Go's zero value is a mutable Python object: each instance gets a new one (the
    constructor's default is None)."""
    elem = go_type.elem
    bytes_array = go_type.kind == "array" and elem is not None and elem.kind == "uint8"
    return go_type.kind in ("slice", "array", "map", "struct") and not bytes_array


def _zero(go_type: GoType) -> str:
    """A Python expression for Go's zero value of *go_type*."""
    kind, elem = go_type.kind, go_type.elem
    if kind in INTEGER_KINDS:
        return "0"
    if kind in FLOAT_KINDS:
        return "0.0"
    if kind == "struct":
        return f"{class_name(go_type.name)}()"
    if kind == "array" and elem is not None:
        if elem.kind == "uint8":
            return f"bytes({go_type.length})"
        return f"[{_zero(elem)} for _ in range({go_type.length})]"
    return _ZERO_VALUES.get(kind, "None")


def _result_namedtuple(function: PlainFunction) -> list[str]:
    annotations = [result_annotation(result.type) for result in function.results]
    fields = list(zip(function.result_names, annotations))
    return namedtuple_lines(function.result_class, function.name, fields)


def signature(function: PlainFunction) -> str:
    params = [f"{arg.name}: {arg.annotation}" for arg in function.arguments]
    if function.variadic:
        params[-1] = "*" + params[-1]
    return f"def {function.name}({', '.join(params)}) -> {function.annotation}:"


def function_docstring(function: PlainFunction) -> list[str]:
    lines = [*(function.doc.splitlines() if function.doc else [])]
    if lines:
        lines.append("")
    lines.append(f"Go: ``{function.go_signature}``")
    if function.returns_error:
        lines += ["", "Raises GoError when Go returns a non-nil error."]
    return docstring_lines(lines, "    ")


def wrapper(function: PlainFunction) -> list[str]:
    arguments = [(argument.name, _convert(argument)) for argument in function.arguments]
    assign = "_result = " if function.result_way != "none" else ""
    call = guarded_call(f"_lib_{function.name}", function.go_name, arguments, assign)
    return [signature(function), *function_docstring(function), *call, *_return(function)]


def _convert(argument: PlainArgument) -> str:
    name = argument.name
    return {
        "bool": f"bool({name})",
        "string": f"_go_string({name})",
        "bytes": f"_bytes_slice({name})",
        "slice": f'_slice({name}, "{argument.c_element}")',
        "pickle": f"_bytes_slice(_dumps({name}, 5))",
    }.get(argument.way, name)


def _return(function: PlainFunction) -> list[str]:
    way = function.result_way
    if way == "none":
        return []
    if way == "number":
        return ["    return _result"]
    if way == "bool":
        return ["    return bool(_result)"]
    if way == "string":
        return ["    return _take_text(_result)"]
    if len(function.results) == 1:
        return ["    return _take_pickle(_result)"]
    if function.result_names:
        return [f"    return {function.result_class}(*_take_pickle(_result))"]
    return ["    return tuple(_take_pickle(_result))"]


def annotation_imports(plan: PackagePlan) -> list[str]:
    """The imports the annotations of the module and its stub need."""
    annotations = " ".join(
        [arg.annotation for function in plan.functions for arg in function.arguments]
        + [function.annotation for function in plan.functions]
        + [a for s in plan.structs for a in (*s.annotations, *s.parameter_annotations)]
    )
    named = any(function.result_names for function in plan.functions)
    lines = [f"from typing import Any{', NamedTuple' if named else ''}"]
    abc = [name for name in ("Mapping", "Sequence") if f"{name}[" in annotations]
    if abc:
        lines.append(f"from collections.abc import {', '.join(abc)}")
    if "array[" in annotations:
        lines.append("from array import array")
    times = [name for name in ("datetime", "timedelta") if name in annotations]
    if times:
        lines.append(f"from datetime import {', '.join(times)}")
    if "Buffer" in annotations:
        lines.append("from typing_extensions import Buffer")
    return lines


def stub_imports(plan: PackagePlan, runtime_module: str) -> list[str]:
    lines = [*annotation_imports(plan), ""]
    lines += [f"from {runtime_module} import {name} as {name}" for name in RUNTIME_NAMES]
    if plan.structs:
        lines.append(f"from {runtime_module} import _GoStruct")
    return lines


def render_stub(plan: PackagePlan, runtime_module: str) -> str:
    lines = [f"# {GENERATED_MARKER}", "", *stub_imports(plan, runtime_module), ""]
    lines += ["__all__ = [", *(f'    "{name}",' for name in public_names(plan)), "]"]
    lines += ["", "ffi: Any", "lib: Any"]
    for struct in plan.structs:
        lines += ["", *struct_class(struct, stub=True)]
    for error in plan.errors:
        lines += ["", *error_class(error)]
    for function in plan.functions:
        if function.result_names:
            annotations = [_stub_result(function, index) for index in range(len(function.results))]
            lines += ["", f"class {function.result_class}(NamedTuple):"]
            lines += [f"    {name}: {a}" for name, a in zip(function.result_names, annotations)]
        lines += ["", signature(function), *function_docstring(function)]
    return "\n".join(lines) + "\n"


def _stub_result(function: PlainFunction, index: int) -> str:
    return result_annotation(function.results[index].type)


def module_docstring(plan: PackagePlan, mode: str) -> list[str]:
    api = plan.api
    lines = [*(api.doc.splitlines() if api.doc else []), *([""] if api.doc else [])]
    lines.append(
        f"Bindings to the Go package {api.import_path} ({mode}), made by setuptools-golang-ext."
    )
    if plan.skipped:
        lines += ["", "Not bound:", ""]
        lines += [f"    {item.name}: {item.reason}" for item in plan.skipped]
    return lines
