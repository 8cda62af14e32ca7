"""What a generated module needs, worked out once from its plan (either style's): the helpers
it copies, what it imports to run and to annotate, the buffer formats it computes, its result
classes and its public names. The module's renderer, its stub's and ``codegen`` read this one
answer instead of each scanning the plan again. Everything here is a pure function of a plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from setuptools_golang_ext import runtime
from setuptools_golang_ext.binding.cgo.bindings import FunctionPlan
from setuptools_golang_ext.binding.plain.conversions import argument_conversion, result_conversion
from setuptools_golang_ext.binding.plain.plan import (
    PackagePlan,
    PlainFunction,
    python_protocol_name,
)
from setuptools_golang_ext.binding.pysource import read_copied_file
from setuptools_golang_ext.runtime import runtime_support

# The helpers of generated modules, in module_helpers.py (a real file that ruff and mypy check),
# by the argument or result kind that needs them: the names each kind copies from it.
HELPERS_FILE = runtime.DIRECTORY / "module_helpers.py"
HELPER_NAMES: Mapping[str, tuple[str, ...]] = {
    "gostring": ("_go_string", "_surrogate_escaped"),
    "bigint": ("_big_int",),
    "bigrat": ("_big_rat",),
    "fraction": ("_fraction_of",),
    "bigfloat": ("_big_float",),
    "decimal": ("_decimal_of",),
    "cstring": ("_c_string",),
    "bytes": ("_bytes_slice", "_writable_copy"),
    "pickled": ("_pickled",),
    "held": ("_pickled_held",),
    "slice": ("_slice", "_new_items", "_native", "_items", "_buffer_formats"),
    "bool": ("_go_bool",),
    "number": ("_argument_error", "_float32"),
    "free": ("_take_string",),
    "release": ("_pending", "_release"),
    "pickle": ("_take_pickle",),
    "unpickle": (
        "_loads",
        "_dumps",
        "_import_pickle",
        "_pickled_plainly",
        "_plain_pickler",
        "_PLAIN_PICKLER",
        "_pickled_result",
    ),
    "struct": ("_new_value",),
    "raw_struct": (
        "_RAW_LAYOUTS",
        "_RAW_FLOAT32",
        "_RAW_TYPES",
        "_raw_layout",
        "_fits_float32",
        "_raw_struct",
    ),
    "datetime": ("_datetime", "_day_time", "_timedelta", "_timezone"),
    "time": ("_take_time", "_time_zone", "_take_duration"),
    "raw_time": ("_TIME_LAYOUT", "_raw_time", "_DURATION_LAYOUT", "_MAX_MICROS", "_raw_duration"),
    "string": ("_INSIDE", "_take_text"),
    "raw": ("_take_bytes", "_take_array", "_POINTER_WIDE"),
    "array": ("_new_array",),
    "map": ("_take_map", "_column"),
    "panic": ("_panics", "_PanicCount", "_take_panic", "_raise_panic", "_drop_panic"),
}

# What every generated module re-exports from the distribution's runtime module.
RUNTIME_NAMES = ("GoError", "GoPanic", "interruptible")
# The runtime module's names every module of an ordinary package re-exports: those of cgo
# modules, and the exceptions of the standard library's errors (all but GoForkError).
PLAIN_RUNTIME_NAMES = (
    *RUNTIME_NAMES,
    *sorted(set(runtime_support.__all__) - {*RUNTIME_NAMES, "GoForkError"}),
)

# The collections.abc generics annotations may name (as whole words: GoIterator[ is not one).
ABC_NAMES = ("Callable", "Iterator", "Mapping", "Sequence")

SUPPORT_TEMPLATE = runtime.DIRECTORY / "module_support.py"
BUFFER_IMPORT = "from typing_extensions import Buffer"


@dataclass(frozen=True)
class Needs:
    """What one generated module needs."""

    helpers: tuple[str, ...]  # kinds of :data:`~.wrappers.HELPER_NAMES`, in its order
    imports: tuple[str, ...]  # what the module imports and runs (cheap ones only)
    annotations: tuple[str, ...]  # the imports its annotations need (the stub's too)
    type_checking: tuple[str, ...]  # the module's imports under TYPE_CHECKING
    buffer_formats: tuple[str, ...]  # C element types of number slices taken from buffers
    public_names: tuple[str, ...]  # ``__all__``
    runtime_names: tuple[str, ...]  # public names imported from the runtime module
    runtime_internals: tuple[str, ...]  # private ones
    support: bool = False  # it copies module_support.py (Go objects, iterators, contexts...)
    zero_time: bool = False  # a struct has a time.Time field: Go's zero time


def helper_lines(kind: str) -> list[str]:
    """The code of the helper *kind*, as module_helpers.py has it."""
    return read_copied_file(HELPERS_FILE).definitions(HELPER_NAMES[kind])


def helper_imports(kinds: Iterable[str]) -> list[str]:
    """The imports the helpers *kinds* need (``import struct as _struct``...)."""
    code = [line for kind in kinds for line in helper_lines(kind)]
    return read_copied_file(HELPERS_FILE).imports_for(code)


def support_imports() -> list[str]:
    """The imports of :mod:`.module_support`'s copied code."""
    return [line for line, _ in read_copied_file(SUPPORT_TEMPLATE).imports]


def support_body() -> list[str]:
    """The code of :mod:`.module_support` that a module copies."""
    return read_copied_file(SUPPORT_TEMPLATE).body()


@cache
def plain_needs(plan: PackagePlan) -> Needs:
    """The needs of the module of an ordinary package's *plan*."""
    scan = _Scan()
    for function in plan.callables:
        scan.add(function)
    held_errors = any(struct.error and struct.methods for struct in plan.structs)
    support = bool(plan.objects or plan.opaques or held_errors) or scan.support
    field_kinds = {field.type.kind for struct in plan.structs for _, field in struct.fields}
    scan.annotations += [
        a for s in plan.structs for a in (*s.annotations, *s.parameter_annotations)
    ]
    scan.annotations += [
        a for s in plan.structs for p in s.promoted for a in (p.annotation, p.parameter_annotation)
    ]
    support |= scan.out_parameters  # GoRef, a pointer Go fills, is a Go object
    if scan.pickles or support:  # pickle is imported at the first value that needs it
        scan.kinds.add("unpickle")
    if support:  # GoRef's value and pointer cross as pickles
        scan.kinds |= {"pickle", "pickled"}
    if "raw" in scan.kinds or support:  # array too, at the first array
        scan.kinds.add("array")
    if scan.kinds & {"time", "raw_time"} or field_kinds & {"time", "duration"}:
        scan.kinds.add("datetime")
    helpers = [kind for kind in HELPER_NAMES if kind in scan.kinds]
    imports = helper_imports(helpers)
    imports += support_imports() if support else []
    imports += ["from collections import namedtuple as _namedtuple"] if scan.named else []
    protocols = python_protocols(plan)
    scan.annotations += protocols
    annotations = _annotation_imports(scan.annotations, named=bool(scan.named))
    if protocols:
        annotations.insert(1, "from typing import Protocol")
    type_checking = [*annotations]
    type_checking += read_copied_file(SUPPORT_TEMPLATE).annotations if support else ()
    if "bytes" in helpers and BUFFER_IMPORT not in type_checking:  # _bytes_slice's annotation
        type_checking.append(BUFFER_IMPORT)
    type_checking += protocols  # the module's annotations name them too
    internals = ["_go_module_loading", "_report_exception"]
    internals += ["_GoStruct"] if any(not struct.error for struct in plan.structs) else []
    internals += (
        [
            "GoForkError",
            "_GoObject",
            "_GoFile",
            "_go_crossing",
            "_on_worker",
            "_main_thread_calls",
            "_partial",
        ]
        if support
        else []
    )
    internals += ["_datetime_classes"] if "datetime" in helpers else []
    public = [*PLAIN_RUNTIME_NAMES, "ffi", "lib", *(item.name for item in plan.objects)]
    public += ["GoRef"] if support else []
    public += [struct.name for struct in plan.structs]
    public += [opaque.name for opaque in plan.opaques]
    public += [named.name for named in plan.named]
    public += [error.name for error in plan.errors]
    public += [function.name for function in plan.functions]
    public += [function.result_class for function in scan.named]
    return Needs(
        helpers=tuple(helpers),
        imports=tuple(dict.fromkeys(imports)),  # the helpers' and the support's may repeat
        annotations=tuple(annotations),
        type_checking=tuple(type_checking),
        buffer_formats=tuple(sorted(scan.slices)),
        public_names=tuple(sorted(public)),
        runtime_names=PLAIN_RUNTIME_NAMES,
        runtime_internals=tuple(internals),
        support=support,
        zero_time="time" in field_kinds,
    )


def python_protocols(plan: PackagePlan) -> list[str]:
    """The Protocol classes of the package's interfaces Python objects implement (what their
    parameters take besides Go objects), for the stub and the module's annotations."""
    lines = []
    for item in plan.objects:
        if item.python_protocol:
            name = python_protocol_name(item.name)
            lines += ["", f"class {name}(Protocol):", *(f"    {x}" for x in item.python_protocol)]
    return lines


class _Scan:
    """One pass over an ordinary package's functions and members."""

    def __init__(self) -> None:
        self.kinds = {"free", "panic"}
        self.slices: set[str] = set()
        self.annotations: list[str] = []
        self.named: list[PlainFunction] = []  # functions and members with named results
        self.pickles = False
        self.support = False
        self.out_parameters = False  # a parameter of type any: a GoRef may go there

    def add(self, function: PlainFunction) -> None:
        for argument in function.arguments:
            conversion = argument_conversion(argument.way)
            self.kinds.update(conversion.helpers)
            self.slices.update((argument.c_element,) if argument.c_element else ())
            self.annotations.append(argument.annotation)
            self.pickles |= conversion.pickles
            self.support |= conversion.support
            self.out_parameters |= argument.type.kind == "any"
        self.annotations.append(function.annotation)
        result = result_conversion(function.result_way)
        self.kinds.update(result.helpers)
        self.pickles |= result.pickles
        self.support |= function.context or result.support
        self.named += [function] if function.result_names else []


def _annotation_imports(annotations: Sequence[str], *, named: bool) -> list[str]:
    """The imports *annotations* need (the module's and its stub's)."""
    text = " ".join(annotations)
    lines = [f"from typing import Any{', NamedTuple' if named else ''}"]
    abc = [name for name in ABC_NAMES if re.search(rf"\b{name}\[", text)]
    if abc:
        lines.append(f"from collections.abc import {', '.join(abc)}")
    if "array[" in text:
        lines.append("from array import array")
    times = [name for name in ("datetime", "time", "timedelta") if re.search(rf"\b{name}\b", text)]
    if times:
        lines.append(f"from datetime import {', '.join(times)}")
    # By their modules: a Go type named Decimal or Fraction keeps its name.
    if "fractions.Fraction" in text:
        lines.append("import fractions")
    if "decimal.Decimal" in text:
        lines.append("import decimal")
    if "Buffer" in text:
        lines.append(BUFFER_IMPORT)
    supports = [name for name in ("SupportsRead", "SupportsWrite") if f"{name}[" in text]
    if supports:  # a type checker's module: stubs and TYPE_CHECKING blocks only
        lines.append(f"from _typeshed import {', '.join(supports)}")
    return lines


@cache
def cgo_needs(plans: tuple[FunctionPlan, ...]) -> Needs:
    """The needs of the module of a cgo package's export *plans*."""
    kinds: set[str] = set()
    for plan in plans:
        kinds.update(argument.kind for argument in plan.arguments)
        if plan.returns_error or any(result.kind == "cstring" for result in plan.results):
            kinds.add("free")
        if plan.guarded:
            kinds.update(("free", "panic"))
    helpers = [kind for kind in HELPER_NAMES if kind in kinds]
    named = [plan for plan in plans if plan.named_results]
    imports = helper_imports(helpers)
    imports += ["from collections import namedtuple as _namedtuple"] if named else []
    annotations = _cgo_annotation_imports(
        [arg.annotation for plan in plans for arg in plan.arguments]
        + [result.annotation for plan in plans for result in plan.results]
    )
    public = [*RUNTIME_NAMES, "ffi", "lib", *(plan.name for plan in plans)]
    public += [plan.result_class for plan in named]
    slices = {arg.c_element for plan in plans for arg in plan.arguments if arg.c_element}
    return Needs(
        helpers=tuple(helpers),
        imports=tuple(imports),
        annotations=(f"from typing import Any{', NamedTuple' if named else ''}", *annotations),
        type_checking=("from typing import Any", *annotations),
        buffer_formats=tuple(sorted(slices)),
        public_names=tuple(sorted(public)),
        runtime_names=RUNTIME_NAMES,
        runtime_internals=("_go_module_loading", "_report_exception"),
    )


def _cgo_annotation_imports(annotations: Iterable[str]) -> list[str]:
    """Imports the annotations of cgo wrappers need beyond ``typing.Any``/``NamedTuple``."""
    text = " ".join(annotations)
    imports = []
    if "Sequence[" in text:
        imports.append("from collections.abc import Sequence")
    if "Buffer" in text:
        imports.append(BUFFER_IMPORT)
    return imports
