"""Plan the Python function of every export: how each argument is converted, what comes back.

The plan joins the two views of an export: the C view of the header (what cffi will call) and
the Go view of the introspection (``[]byte`` or ``[]int64``, ``bool``, result names, doc comments).
Code generation renders the same plan twice, as the module and as its ``.pyi`` stub, so the two
always agree. Everything here is a pure function of the models.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from setuptools_golang_ext.binding.pynames import is_reserved, python_name_of
from setuptools_golang_ext.names import GUARD_PREFIX, INTERNAL_PREFIX
from setuptools_golang_ext.stages.header import Export, Header
from setuptools_golang_ext.stages.introspect import GoField, GoFunction

ArgumentKind = Literal["number", "bool", "gostring", "bytes", "slice", "cstring", "raw"]
ResultKind = Literal["number", "bool", "cstring", "raw"]
CKind = Literal["int", "float", "bool", "char_pointer", "other"]
CKindFunction = Callable[[str], CKind]

# C element types of Go slices, by the Go element's kind.
SLICE_ELEMENTS: Mapping[str, tuple[str, str]] = {
    # kind: (C type, annotation of one element)
    "int8": ("int8_t", "int"),
    "int16": ("int16_t", "int"),
    "int32": ("int32_t", "int"),
    "int64": ("int64_t", "int"),
    "uint16": ("uint16_t", "int"),
    "uint32": ("uint32_t", "int"),
    "uint64": ("uint64_t", "int"),
    "int": ("GoInt", "int"),
    "uint": ("GoUint", "int"),
    "uintptr": ("GoUintptr", "int"),
    "float32": ("float", "float"),
    "float64": ("double", "float"),
}


class CTypes(Protocol):
    """What the planner asks of the C side (answered by cffi from the cdef)."""

    def kind(self, c_type: str) -> CKind: ...

    def fields(self, struct: str) -> Sequence[str]:
        """The C types of the fields of *struct* (e.g. ``struct F_return``), in order."""
        ...


@dataclass(frozen=True)
class Argument:
    name: str  # the Python parameter name (the Go name, made a valid identifier)
    kind: ArgumentKind
    annotation: str
    c_element: str = ""  # for kind "slice"
    float32: bool = False  # kind "number" of C float: a value beyond its range raises


@dataclass(frozen=True)
class Result:
    name: str
    kind: ResultKind
    annotation: str


@dataclass(frozen=True)
class FunctionPlan:
    name: str  # the Python function's name
    doc: str
    go_signature: str
    arguments: tuple[Argument, ...]
    results: tuple[Result, ...]  # what the function returns, without an error result
    returns_error: bool  # the last Go result is `err *C.char`: non-NULL raises GoError
    c_results: int  # how many results the C function returns (several come as a struct)
    named_results: bool  # Go named every returned result: a NamedTuple is returned
    c_name: str = ""  # the export's name in ``lib`` when Python needs another name
    guarded: bool = False  # the library has the export's guard: panics are reported, not fatal

    @property
    def lib_name(self) -> str:
        """The cffi function the wrapper calls: the export's guard when there is one."""
        name = self.c_name or self.name
        return GUARD_PREFIX + name if self.guarded else name

    @property
    def result_class(self) -> str:
        return result_class_name(self.name)

    @property
    def return_annotation(self) -> str:
        if not self.results:
            return "None"
        if len(self.results) == 1:
            return self.results[0].annotation
        if self.named_results:
            return self.result_class
        return f"tuple[{', '.join(result.annotation for result in self.results)}]"


def plan(
    header: Header, go_functions: Mapping[str, GoFunction], c_types: CTypes
) -> tuple[FunctionPlan, ...]:
    """One plan per bound export, in header order (the tool's own exports are not bound)."""
    names = {export.name for export in header.exports}
    return tuple(
        replace(
            _plan_function(export, go_functions.get(export.name), c_types),
            guarded=GUARD_PREFIX + export.name in names,
        )
        for export in header.exports
        if not export.name.startswith(INTERNAL_PREFIX)
    )


def _plan_function(export: Export, go: GoFunction | None, c_types: CTypes) -> FunctionPlan:
    go_params = go.params if go and len(go.params) == len(export.params) else None
    used: set[str] = set()
    arguments = []
    for index, param in enumerate(export.params):
        go_value = go_params[index] if go_params else None
        param_name = python_name(go_value.name if go_value else param.name, index, used)
        arguments.append(_argument(param_name, param.c_type, go_value, c_types.kind))
    c_result_types = _c_result_types(export, c_types)
    go_results = go.results if go and len(go.results) == len(c_result_types) else None
    results = [
        _result(go_results[i] if go_results else None, c_type, c_types.kind)
        for i, c_type in enumerate(c_result_types)
    ]
    returns_error = bool(go_results and _is_error_result(go_results[-1]))
    if returns_error:
        results.pop()
    named = len(results) > 1 and all(result.name for result in results)
    name = function_name(export.name)
    return FunctionPlan(
        name=name,
        doc=go.doc if go else "",
        go_signature=go_signature(go) if go else export.declaration,
        arguments=tuple(arguments),
        results=tuple(results),
        returns_error=returns_error,
        c_results=len(c_result_types),
        named_results=named,
        c_name=export.name if name != export.name else "",
    )


def _argument(name: str, c_type: str, go: GoField | None, c_kind: CKindFunction) -> Argument:
    kind = go.type.kind if go else ""
    elem = go.type.elem.kind if go and go.type.elem else ""
    if c_type == "GoString" and kind in ("string", ""):
        return Argument(name, "gostring", "str | bytes")
    if c_type == "GoSlice" and kind == "bytes":
        return Argument(name, "bytes", "Buffer")
    if c_type == "GoSlice" and elem in SLICE_ELEMENTS:
        element, item = SLICE_ELEMENTS[elem]
        return Argument(name, "slice", f"Buffer | Sequence[{item}]", element)
    if kind == "cstring":
        return Argument(name, "cstring", "str | bytes")
    if kind == "bool":
        return Argument(name, "bool", "bool")
    scalar = c_kind(c_type)
    if scalar in ("int", "float"):
        return Argument(name, "number", scalar, float32=c_type in ("float", "GoFloat32"))
    if scalar == "bool":
        return Argument(name, "bool", "bool")
    return Argument(name, "raw", "Any")


def _result(go: GoField | None, c_type: str, c_kind: CKindFunction) -> Result:
    name = result_field_name(go.name) if go else ""
    kind = go.type.kind if go else ""
    if kind == "cstring" or (not kind and c_kind(c_type) == "char_pointer"):
        return Result(name, "cstring", "str")
    if kind == "bool" or c_kind(c_type) == "bool":
        return Result(name, "bool", "bool")
    scalar = c_kind(c_type)
    if scalar in ("int", "float"):
        return Result(name, "number", scalar)
    return Result(name, "raw", "Any")


def _is_error_result(value: GoField) -> bool:
    return value.type.kind == "cstring" and value.name == "err"


def _c_result_types(export: Export, c_types: CTypes) -> list[str]:
    """The C type of each result: none, one, or the fields of cgo's ``struct F_return``."""
    if export.result == "void":
        return []
    if export.result == f"struct {export.name}_return":
        return list(c_types.fields(export.result))
    return [export.result]


def python_name(go_name: str, index: int, used: set[str]) -> str:
    """A Python parameter name for a Go one: blanks get a number, leading underscores (private
    in Python) move to the end, names Python reserves (:mod:`.pynames`) get a trailing ``_``."""
    name = go_name if go_name.isidentifier() and go_name.strip("_") else f"arg{index}"
    if name.startswith("_"):
        name = name.lstrip("_") + "_"
    if is_reserved(name):
        name += "_"
    while name in used:
        name += "_"
    used.add(name)
    return name


def result_field_name(go_name: str) -> str:
    """A NamedTuple field for a Go result name, or ``""`` when it cannot be one. Keywords and
    tuple's own methods (``count``, ``index``: a field would hide them) get a trailing ``_``."""
    if not go_name.isidentifier() or go_name.startswith("_"):
        return ""
    if keyword.iskeyword(go_name) or go_name in ("count", "index"):
        return go_name + "_"
    return go_name


def result_class_name(name: str, owner: str = "") -> str:
    """The class of the named results of function *name* (``DivModResult``), or of the method
    *name* of class *owner* (``RangeBoundsResult``)."""
    return f"{owner.rstrip('_')}{name.rstrip('_')}Result"


def function_name(export_name: str) -> str:
    """The wrapper's name: the export's, unless Python reserves it (``lib`` keeps the original;
    the rule is :mod:`.pynames`')."""
    return python_name_of(export_name)


def go_signature(function: GoFunction) -> str:
    """``func DivMod(a int64, b int64) (q int64, r int64)``, as a docstring line."""
    params = [(value.name, value.type.go) for value in function.params]
    results = [(value.name, value.type.go) for value in function.results]
    return format_go_signature(function.name, params, results)


def format_go_signature(
    name: str, params: Sequence[tuple[str, str]], results: Sequence[tuple[str, str]]
) -> str:
    """A Go function's signature from its (name, type) parameters and results."""

    def field(item: tuple[str, str]) -> str:
        return f"{item[0]} {item[1]}" if item[0] else item[1]

    if not results:
        tail = ""
    elif len(results) == 1 and not results[0][0]:
        tail = " " + results[0][1]
    else:
        tail = " (" + ", ".join(map(field, results)) + ")"
    return f"func {name}({', '.join(map(field, params))}){tail}"
