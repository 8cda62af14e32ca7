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

import dataclasses
import keyword
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from setuptools_golang_ext.binding.cgo.bindings import (
    SLICE_ELEMENTS,
    format_go_signature,
    function_name,
    python_name,
    result_class_name,
    result_field_name,
)
from setuptools_golang_ext.binding.plain.conversions import (
    claiming_argument,
    claiming_result,
    parameter_annotation,
    result_annotation,
)
from setuptools_golang_ext.binding.plain.conversions.bigint import is_big_int_pointer
from setuptools_golang_ext.binding.plain.conversions.callback import (
    callback_params,
    callback_results,
)
from setuptools_golang_ext.binding.plain.conversions.handle import nilable
from setuptools_golang_ext.binding.plain.conversions.implemented import (
    io_file_methods,
    io_method,
)
from setuptools_golang_ext.binding.plain.conversions.mapping import crosses_as_columns
from setuptools_golang_ext.binding.plain.conversions.opaque import opaque_classes
from setuptools_golang_ext.binding.plain.conversions.sequence import ARRAY_TYPECODES
from setuptools_golang_ext.binding.plain.conversions.string import is_json_number
from setuptools_golang_ext.binding.pynames import python_name_of
from setuptools_golang_ext.names import shim_prefix
from setuptools_golang_ext.stages.introspect import (
    INTEGER_KINDS,
    NUMBER_KINDS,
    GoAPI,
    GoAPIFunction,
    GoField,
    GoInstance,
    GoInterface,
    GoNamed,
    GoStruct,
    GoType,
)

ArgumentWay = Literal[
    "number",
    "bool",
    "string",
    "bytes",
    "slice",
    "pickle",
    "fields",
    "time",
    "duration",
    "object",
    "callback",
    "bigint",
    "bigrat",
    "bigfloat",
    "opaque",
    "opaques",
    "implemented",
    "file",
    "files",
    "held",
]
ResultWay = Literal[
    "none",
    "number",
    "bool",
    "string",
    "bytes",
    "array",
    "map",
    "pickle",
    "fields",
    "time",
    "duration",
    "object",
    "iterator",
    "bigint",
    "bigrat",
    "bigfloat",
    "opaque",
]
# A struct of fixed shape, field by field: (the Python attribute, the Go field).
Fields = tuple[tuple[str, GoField], ...]
# What a bound callable is: a function, a method of an object type, the getter or setter of
# one of its fields, the constructor of its zero value, or a method of a data struct (its
# receiver crosses as a copy of the value, pickled like an argument: "value"), or a method of
# a named non-struct type, called as Go's method expression (``Celsius.String(c)``: "static").
Member = Literal["function", "method", "get", "set", "new", "value", "static"]

# The kinds of the fields of a struct of fixed shape.
FIXED_KINDS = NUMBER_KINDS | {"bool"}

# The result kinds that become Python iterators (ITERATOR_KINDS) and those that cross as a
# Go object's handle, not a copy.
ITERATOR_KINDS = frozenset({"seq", "seq2", "chan"})


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
    # way "object": the Python class of the Go object type; "opaque" / "opaques": of the
    # opaque Go value (of each item of a slice or ...T of them).
    object_class: str = ""
    fields: Fields = ()  # way "fields": the struct's fields
    # way "implemented": the methods a Python object passed for the interface must have, or
    # why Python cannot implement it (then none).
    python_methods: tuple[str, ...] = ()
    python_refusal: str = ""


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
    named_class: str = ""  # ... its class, when the package's names take the usual one
    variadic: bool = False  # the last argument is Go's ...T: Python's *args
    context: bool = False  # Go's first parameter is a context.Context the binding makes
    receiver: str = ""  # a member of this Go object type (its Go name)
    member: Member = "function"
    interface_receiver: bool = False  # the receiver is an interface type, not a pointer
    # An interface result: the Go object types of the package that implement it, in the order
    # the shim numbers them (from 1: 0 is the interface's own class).
    implementers: tuple[str, ...] = ()
    package: str = ""  # the import path of the Go package: its shims' names start with it
    instance: GoInstance | None = None  # an instantiation of a generic function: what is called
    result_fields: Fields = ()  # result way "fields": the struct's fields
    result_annotations: tuple[str, ...] = ()  # each result's (the named results' class's)

    @property
    def takes_handle(self) -> bool:
        """The shim's first parameter is the receiver's handle (a Go object's member)."""
        return bool(self.receiver) and self.member not in ("new", "value", "static")

    @property
    def context_handle(self) -> bool:
        """Python makes the call's context as a handle: an iterator result keeps it past the
        call. Any other call's shim makes it from two parameters (the timeout in seconds and
        the token Python armed the call with, see ``_context_call``)."""
        return self.context and self.result_way == "iterator"

    @property
    def context_parameters(self) -> tuple[str, ...]:
        """The shim's parameters of the context, after the receiver's handle."""
        if not self.context:
            return ()
        return ("_context",) if self.context_handle else ("_timeout", "_token")

    @property
    def shim(self) -> str:
        """The C name of the export the tool generates for this function."""
        if self.member == "function":
            return shim_prefix(self.package) + self.go_name
        return f"{shim_prefix(self.package)}{self.receiver}_{self.member}_{self.go_name}"

    @property
    def raw_name(self) -> str:
        """The module global that holds the shim (a name lookup cheaper than lib's)."""
        if self.member == "function":
            return f"_lib_{self.name}"
        return f"_lib_{self.receiver}_{self.member}_{self.go_name}"

    @property
    def qualified(self) -> str:
        """The Go name, with its type's for a member: what messages name."""
        return f"{self.receiver}.{self.go_name}" if self.receiver else self.go_name

    # Result way "opaque": the Python class of the opaque Go value returned.
    opaque_class: str = ""

    @property
    def object_class(self) -> str:
        """The Python class of a Go object the function returns (result way "object"), or of
        the opaque Go value (way "opaque")."""
        return self.opaque_class or object_class_of(self.results[0].type)

    @property
    def returns_interface(self) -> bool:
        """The result is an interface value: its class is the dynamic type's."""
        return self.result_way == "object" and self.results[0].type.kind == "interface"

    @property
    def iterator_kind(self) -> str:
        """The kind of a result that becomes a Python iterator: seq, seq2 or chan."""
        return self.results[0].type.kind if self.result_way == "iterator" else ""

    @property
    def iterator_typecode(self) -> str:
        """The array.array typecode of an iterator's values when they are plain numbers (their
        batches cross as raw memory), else ""."""
        return iterator_typecode(self)

    @property
    def result_class(self) -> str:
        """The class of named results: ``DivModResult``; a method's ``RangeBoundsResult`` (with
        a trailing ``_`` when the package has a Go name that is one)."""
        return self.named_class or result_class_name(
            self.name, class_name(self.receiver) if self.receiver else ""
        )


@dataclass(frozen=True)
class Protocols:
    """The Python protocols a type's Go methods give its class (one rule, README "Python
    protocols"): each names the Python method of the Go method that serves it, or is ""."""

    string: str = ""  # String() string: __str__ (and a Go object's repr shows it)
    length: str = ""  # Len() int: __len__
    equal: str = ""  # Equal(T) bool: __eq__ (and no hash)
    compare: str = ""  # Compare(T) int: <, <=, >, >= (and == without Equal)
    less: str = ""  # Less(T) bool or LessThan(T) bool: < and >
    # __iter__: "all" (All() iter.Seq: a new iterator each time), "next" (Next() (T, bool):
    # the object is its own iterator), "cursor" (Next() bool, then Value() T), or "".
    iteration: str = ""
    item: str = ""  # the annotation of what iteration yields
    closes: bool = False  # Close() / Close() error: close() and ``with``
    # Read([]byte) (int, error) "r", Write([]byte) (int, error) "w": a binary file (_GoFile).
    file: str = ""


@dataclass(frozen=True)
class PlainPromoted:
    """A field Go promotes to a data struct from an embedded struct: a Python property that
    reads and writes it through the embedded fields (``b.X`` is ``b.A.X``)."""

    name: str
    path: tuple[str, ...]  # the attributes that lead to it, from self: ("A", "X")
    annotation: str
    parameter_annotation: str
    doc: str = ""


@dataclass(frozen=True)
class PlainStruct:
    name: str  # the Python class name
    go_name: str
    doc: str
    fields: tuple[tuple[str, GoField], ...]  # (Python attribute, Go field)
    annotations: tuple[str, ...]  # per field, as a result
    parameter_annotations: tuple[str, ...]  # per field, as the constructor takes it
    error: str = ""  # an error type: "value" (T implements error) or "pointer" (*T does)
    methods: tuple[PlainFunction, ...] = ()  # its value methods: self crosses as a copy
    # The Python name of each exported Go field in Go's order, "" for an excluded one (Go sees
    # its zero value): the codec's registration of the class.
    registered: tuple[str, ...] = ()
    protocols: Protocols = Protocols()
    promoted: tuple[PlainPromoted, ...] = ()  # fields promoted from its embedded structs
    # Its fields whose type is a Go object's struct value (T): None by default (Go's zero
    # value; the object's constructor may take arguments), else an object holding a copy.
    object_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlainProperty:
    """An exported field of a Go object type: a Python property that reads and writes Go's."""

    name: str
    doc: str
    getter: PlainFunction
    setter: PlainFunction


@dataclass(frozen=True)
class PlainObject:
    """A struct type whose pointer has methods: a Python class whose instances hold a Go
    object (by handle), not a copy."""

    name: str  # the Python class name
    go_name: str
    doc: str
    methods: tuple[PlainFunction, ...]
    properties: tuple[PlainProperty, ...]
    constructor: PlainFunction | None  # NewT (a bound function too), the zero value's, or none
    protocols: Protocols
    bases: tuple[str, ...] = ()  # the classes of the package's interfaces it implements
    implementers: tuple[str, ...] = ()  # an interface: the object classes implementing it
    # An interface: why a Python object cannot implement it ("": it can, by its methods), and
    # when it can, the stub's typing.Protocol of those methods (python_protocol_name): each
    # method's ``def`` line, as Go calls it (arguments as results cross, a value returned).
    python_refusal: str = ""
    python_protocol: tuple[str, ...] = ()

    @property
    def interface(self) -> bool:
        return self.constructor is None


@dataclass(frozen=True)
class PlainOpaque:
    """A Go type whose values Python cannot convert but may hold and pass back (an option of a
    functional-options API, ``*regexp.Regexp``, ``io.Reader``): a class of handles, without
    methods, that Go's functions return and take."""

    name: str  # the Python class name
    go: str  # the Go type, as Go spells it in the package (``Option``, ``*vm.Program``)
    file: str = ""  # one of io's file interfaces: its methods ("r", "rwc"...), a binary file
    # The type itself: the codec's registration of its values (not part of the class's identity).
    type: GoType | None = dataclasses.field(default=None, compare=False)


@dataclass(frozen=True)
class PlainNamed:
    """A named type that is neither a struct nor an interface (``type Celsius float64``),
    whose values cross as their underlying type: a class of static methods, Go's method
    expressions (``Celsius.String(c)`` calls ``c.String()``)."""

    name: str  # the Python class name
    go_name: str
    doc: str
    methods: tuple[PlainFunction, ...]


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
    objects: tuple[PlainObject, ...] = ()
    opaques: tuple[PlainOpaque, ...] = ()
    named: tuple[PlainNamed, ...] = ()

    @property
    def callables(self) -> tuple[PlainFunction, ...]:
        """Every function and member a shim serves."""
        members = [method for struct in self.structs for method in struct.methods]
        members += [method for item in self.named for method in item.methods]
        members += [
            member
            for item in self.objects
            for member in (
                *item.methods,
                *(f for p in item.properties for f in (p.getter, p.setter)),
                *(
                    (item.constructor,)
                    if item.constructor and item.constructor.member == "new"
                    else ()
                ),
            )
        ]
        return (*self.functions, *members)


def plan_package(api: GoAPI, exclude: Iterable[str] = ()) -> PackagePlan:
    """Bind every exported function and type of *api* that can be, but those in *exclude*
    (``Type.Method`` names a method); say why each other one is not bound."""
    excluded = set(exclude)
    declared = _without_excluded_fields(api.structs, excluded)
    taken = _module_names(api)
    opaque_types = _opaque_types(api, declared, taken)
    opaques = {go: name for go, (name, _) in opaque_types.items()}
    with opaque_classes(opaques):
        return _plan_package(
            api,
            excluded=excluded,
            declared=declared,
            taken=taken,
            opaque_types=opaque_types,
            opaques=opaques,
        )


def _plan_package(
    api: GoAPI,
    *,
    excluded: set[str],
    declared: Sequence[GoStruct],
    taken: frozenset[str],
    opaque_types: Mapping[str, tuple[str, GoType]],
    opaques: Mapping[str, str],
) -> PackagePlan:
    objects = frozenset(
        item.name for item in declared if is_object_type(item) and item.name not in excluded
    ) | {item.name for item in api.interfaces if item.name not in excluded}
    broken = _unsupported_structs(declared, objects, opaques)
    fixed = _fixed_structs(declared, objects, broken, excluded)
    scope = _Scope(api.import_path, broken, objects, api.interfaces, taken, fixed, opaques)
    scope = replace(scope, holding=_holding_structs(declared, scope))
    skipped: list[Skipped] = []
    structs = []
    for struct in declared:
        if struct.name in excluded or struct.name in objects:
            continue
        if struct.name in scope.broken:
            skipped.append(Skipped(struct.name, scope.broken[struct.name]))
            continue
        original = next(item for item in api.structs if item.name == struct.name)
        planned = _with_object_values(_plan_struct(struct, original.fields), scope)
        held = tuple(_held_annotation(item, scope) for item in planned.parameter_annotations)
        promoted = _promoted_fields(struct, scope, excluded, skipped)
        structs.append(replace(planned, parameter_annotations=held, promoted=promoted))
    functions = []
    instantiated = {item.instance.generic for item in api.functions if item.instance}
    for function in api.functions:
        if function.name in excluded or (function.generic and function.name in instantiated):
            continue  # a generic function is bound as the instantiations it has
        try:
            functions.append(_plan_function(function, scope))
        except Unsupported as exc:
            skipped.append(Skipped(function.name, str(exc)))
    structs = [_with_methods(item, declared, scope, excluded, skipped) for item in structs]
    bound = [
        _plan_interface(item, scope, excluded, skipped)
        for item in api.interfaces
        if item.name in objects
    ]
    bound += [
        _plan_object(item, functions, scope, excluded, skipped)
        for item in declared
        if item.name in objects
    ]
    named = [
        _plan_named(item, scope, excluded, skipped)
        for item in api.named
        if item.name not in excluded
    ]
    errors = tuple(
        PlainError(class_name(item.name), item.name, item.doc)
        for item in api.sentinels
        if item.name not in excluded
    )
    return PackagePlan(
        api,
        tuple(functions),
        tuple(structs),
        tuple(skipped),
        _unknown(api, excluded),
        errors,
        tuple(bound),
        tuple(
            PlainOpaque(name, go, _file_methods(go, api), go_type)
            for go, (name, go_type) in opaque_types.items()
        ),
        tuple(item for item in named if item.methods),
    )


def _without_excluded_fields(structs: Sequence[GoStruct], excluded: set[str]) -> list[GoStruct]:
    """The struct types with the fields *excluded* names (``Type.Field``) left out: a data
    struct's class lacks them (Go sees their zero value in what Python sends), a Go object has
    no property for them, and a field that cannot cross no longer stops its type."""
    kept = [
        tuple(f for f in struct.fields if f"{struct.name}.{f.name}" not in excluded)
        for struct in structs
    ]
    return [
        replace(struct, fields=fields, hidden=struct.hidden or len(fields) < len(struct.fields))
        for struct, fields in zip(structs, kept)
    ]


def is_object_type(struct: GoStruct) -> bool:
    """A struct type whose pointer has methods is bound as a Go object, and so is one with
    methods and unexported fields: a copy in Python would lose those, and its methods would
    run on zeros (error types are bound as exception classes instead). A struct whose fields
    are all exported and whose methods all take a value stays a value (a data struct)."""
    if struct.error or struct.generic:
        return False
    return any(m.pointer for m in struct.methods) or bool(struct.methods and struct.hidden)


@dataclass(frozen=True)
class _Scope:
    """What planning one type needs to know of the package's others."""

    import_path: str
    broken: Mapping[str, str]  # struct types that cannot be bound, with the reason
    objects: frozenset[str]  # struct and interface types bound as Go objects
    interfaces: tuple[GoInterface, ...] = ()
    # The module's names of the package's functions, types and sentinel errors: a results
    # class must not take one.
    taken: frozenset[str] = frozenset()
    # Struct classes of fixed shape (every field a number or bool): their fields cross as C
    # values, without a pickle, wherever C converts them.
    fixed: Mapping[str, Fields] = dataclasses.field(default_factory=dict)
    # The opaque Go types (Go's spelling in the package) and their Python classes.
    opaques: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # Data struct types whose values may hold Go objects (a pickled argument of one holds them).
    holding: frozenset[str] = frozenset()


def _fixed_structs(
    structs: Sequence[GoStruct],
    objects: frozenset[str],
    broken: Mapping[str, str],
    excluded: set[str],
) -> dict[str, Fields]:
    """The bound struct classes whose fields are all numbers or bools, with their fields."""
    fixed = {}
    for struct in structs:
        bound = struct.name not in objects and struct.name not in broken
        if not bound or struct.name in excluded or struct.error or not struct.fields:
            continue
        if all(not item.embedded and item.type.kind in FIXED_KINDS for item in struct.fields):
            fixed[struct.name] = struct_fields(struct)
    return fixed


def _opaque_types(
    api: GoAPI, structs: Sequence[GoStruct], taken: frozenset[str]
) -> dict[str, tuple[str, GoType]]:
    """The Go types the package's functions, methods and struct fields take or return whose
    values Python can hold but not convert, each with its class and type: the named function
    types and the interface types without a class (``type ModuleLoader any``) the package
    returns (a functional-options API's ``Option``: its values are made by the package, not by
    Python, whose callables the other function types take), and pointers to struct types and
    interface types of other packages (``*regexp.Regexp``, ``io.Reader``), also inside values
    (``[]*regexp.Regexp``, a field) and a callback's arguments and result."""
    signatures = [
        *api.functions,
        *(method.function for struct in structs for method in struct.methods),
        *(method for item in api.interfaces for method in item.methods),
    ]
    returned = {
        result.type.go
        for function in signatures
        for result in function.results
        if _named_function(result.type) or _package_interface_without_class(result.type)
    }
    declared = [
        *(field.type for item in signatures for field in (*item.params, *item.results)),
        *(field.type for struct in structs for field in struct.fields),
    ]
    # What a callback is given and returns (validator's TagNameFunc(reflect.StructField)).
    declared += [
        inner for item in declared if item.kind == "func" for inner in (*item.params, *item.results)
    ]
    found: dict[str, tuple[str, GoType]] = {}
    used = set(taken)

    def opaque(go_type: GoType) -> bool:
        return go_type.go in returned or _foreign(go_type)

    for go_type in (inner for item in declared for inner in _opaque_inside(item, opaque)):
        if go_type.go in found:  # ...Option and []Option: Option
            continue
        name = python_name_of(go_type.go.lstrip("*").rpartition(".")[2])
        while name in used:
            name += "_"
        used.add(name)
        found[go_type.go] = (name, go_type)
    return found


def _file_methods(go: str, api: GoAPI) -> str:
    """The methods of an opaque type that is one of io's file interfaces ("": another)."""
    signatures = [*api.functions, *(m for item in api.interfaces for m in item.methods)]
    signatures += [method.function for struct in api.structs for method in struct.methods]
    for function in signatures:
        for field in (*function.params, *function.results):
            if field.type.go == go:
                return io_file_methods(field.type)
    return ""


def _opaque_inside(go_type: GoType, opaque: Callable[[GoType], bool]) -> Iterator[GoType]:
    """The outermost types of *go_type* and the types inside it (elements, keys, what a pointer
    points to) that are *opaque*, outer first (``*regexp.Regexp``, not also ``regexp.Regexp``);
    a function type's parameters are not inside its values."""
    if opaque(go_type):
        yield go_type
        return
    for inner in (go_type.key, go_type.elem):
        if inner is not None:
            yield from _opaque_inside(inner, opaque)


def _named_function(go_type: GoType) -> bool:
    """A named function type (``type Option func(*Config)``), not a literal ``func(...)``."""
    return go_type.kind == "func" and not go_type.go.startswith("func")


def _package_interface_without_class(go_type: GoType) -> bool:
    """An interface type of the package that is not a class: one with no methods (gojq's
    ``type ModuleLoader any``) or an unexported one. What its values are, only the package's
    functions know."""
    reason = go_type.reason if go_type.kind == "unsupported" else ""
    package_own = "." not in go_type.go and "[" not in go_type.go
    return reason.startswith("interface type ") and package_own


def _foreign(go_type: GoType) -> bool:
    """A struct type of another package or a pointer to one, or an interface type of another
    package: Go values Python holds by handle (a struct value is copied into it)."""
    target = go_type.elem if go_type.kind == "pointer" and go_type.elem else go_type
    reason = target.reason if target.kind == "unsupported" else ""
    if target.go.startswith("big."):
        return False  # math/big's pointers are numbers; its values are not used
    if go_type.kind == "pointer":
        return reason.startswith("struct type ")
    kinds = ("interface type ", "struct type ")
    return reason.startswith(kinds) and "." in go_type.go and "[" not in go_type.go


def _module_names(api: GoAPI) -> frozenset[str]:
    """The module-level names the package's functions, types and sentinel errors get."""
    types = [item.name for group in (api.structs, api.interfaces, api.sentinels) for item in group]
    types += [item.name for item in api.named if item.type.kind != "func"]  # classes of methods
    names = {function_name(item.name) for item in api.functions}
    return frozenset(names | {class_name(name) for name in types})


def _unknown(api: GoAPI, excluded: set[str]) -> tuple[str, ...]:
    exported = {item.name for item in api.functions} | {item.name for item in api.structs}
    exported |= {item.name for item in api.sentinels} | {item.name for item in api.interfaces}
    exported |= {f"{i.name}.{m.name}" for i in api.interfaces for m in i.methods}
    exported |= {f"{s.name}.{m.function.name}" for s in api.structs for m in s.methods}
    exported |= {f"{s.name}.{f.name}" for s in api.structs for f in (*s.fields, *s.promoted)}
    exported |= {item.name for item in api.named}
    exported |= {f"{i.name}.{m.function.name}" for i in api.named for m in i.methods}
    return tuple(sorted(excluded - exported))


def _unsupported_structs(
    structs: Sequence[GoStruct], objects: frozenset[str], opaques: Mapping[str, str]
) -> dict[str, str]:
    """Data struct types that cannot be classes, with the reason; a struct with a field of such
    a type cannot be one either (until nothing changes)."""
    broken: dict[str, str] = {}
    for struct in structs:
        if struct.generic:
            broken[struct.name] = "generic struct type"
    changed = True
    while changed:
        changed = False
        for struct in structs:
            if struct.name in broken or struct.name in objects:
                continue
            for field in struct.fields:
                problem = _field_problem(field, _Scope("", broken, objects, opaques=opaques))
                if problem:
                    broken[struct.name] = f"field {field.name}: {problem}"
                    changed = True
                    break
    return broken


def _with_object_values(struct: PlainStruct, scope: _Scope) -> PlainStruct:
    """A data struct whose fields of a Go object's struct value type (``T``) default to None
    (Go's zero value) and are typed ``T | None``."""
    values = tuple(
        name
        for name, field in struct.fields
        if field.type.kind == "struct" and field.type.name in scope.objects
    )
    if not values:
        return struct
    annotations, parameters = list(struct.annotations), list(struct.parameter_annotations)
    for index, (name, field) in enumerate(struct.fields):
        if name in values:
            annotations[index] = parameters[index] = f"{class_name(field.type.name)} | None"
    return replace(
        struct,
        annotations=tuple(annotations),
        parameter_annotations=tuple(parameters),
        object_values=values,
    )


def _promoted_fields(
    struct: GoStruct, scope: _Scope, excluded: set[str], skipped: list[Skipped]
) -> tuple[PlainPromoted, ...]:
    """The fields Go promotes to data struct *struct*: properties through its embedded fields,
    which its Python value holds when every one on the way is exported."""
    promoted = []
    for field in struct.promoted:
        qualified = f"{struct.name}.{field.name}"
        if qualified in excluded:
            continue
        hidden = next((hop for hop in field.via if not hop[:1].isupper()), "")
        if hidden:
            reason = f"promoted through the unexported field {hidden}, which Python's value lacks"
            skipped.append(Skipped(qualified, reason))
            continue
        annotation = _held_annotation(parameter_annotation(field.type), scope)
        path = (*field.via, field.name)
        promoted.append(
            PlainPromoted(field.name, path, result_annotation(field.type), annotation, field.doc)
        )
    return tuple(promoted)


def _holding_structs(structs: Sequence[GoStruct], scope: _Scope) -> frozenset[str]:
    """The data struct types whose values may hold Go objects or opaque values (in a field,
    or in a field of a struct type that holds them: until nothing changes)."""
    holding: set[str] = set()
    changed = True
    while changed:
        changed = False
        for struct in structs:
            if struct.name in holding or struct.name in scope.objects:
                continue
            inner = replace(scope, holding=frozenset(holding))
            if any(_holds(field.type, inner) for field in struct.fields):
                holding.add(struct.name)
                changed = True
    return frozenset(holding)


def _holds(go_type: GoType, scope: _Scope) -> bool:
    """Whether a value of *go_type* may hold a Go object or an opaque value (``any`` may too,
    but Python's values there are rarely Go objects: those take the ordinary pickle's second
    way)."""
    if go_type.go in scope.opaques or _is_object(go_type, scope):
        return True
    if go_type.kind == "struct":
        return go_type.name in scope.holding
    return any(_holds(inner, scope) for inner in (go_type.key, go_type.elem) if inner is not None)


def _field_problem(field: GoField, scope: _Scope) -> str:
    try:
        check_type(field.type, scope)
    except Unsupported as exc:
        return str(exc)
    return ""


def _is_map_key(key: GoType) -> bool:
    """Python dict keys Go has too: strings, integers, and ``any`` holding either (the codec
    checks each key of those, and refuses two Go keys that would be one Python key)."""
    return key.kind in ("string", "any") or key.kind in INTEGER_KINDS


def check_type(go_type: GoType, scope: _Scope, *, result: bool = False) -> None:
    """Raise Unsupported if a value of *go_type* cannot cross inside a value (as a pickle),
    naming the type that stops it; *result*: it only goes from Go to Python. Go objects and
    opaque values cross inside values as their handles."""
    kind = go_type.kind
    if is_big_int_pointer(go_type) or go_type.go in scope.opaques or _is_object(go_type, scope):
        return  # the codec carries an int of any size, a Go object (opaque value) as its handle
    if kind == "unsupported":
        raise Unsupported(f"{go_type.go} ({go_type.reason}) has no Python equivalent")
    if kind == "error" and not result:  # Python has no Go error to send
        raise Unsupported(f"{go_type.go} is bound only in results")
    if kind == "context":
        raise Unsupported(f"{go_type.go} is bound only as the first parameter")
    if kind in ITERATOR_KINDS:
        raise Unsupported(f"{go_type.go} is bound only as the only result")
    if kind == "func":
        raise Unsupported(f"{go_type.go}: function values are bound only as parameters")
    if kind == "struct" and go_type.name in scope.broken:
        raise Unsupported(f"{go_type.go}: {scope.broken[go_type.name]}")
    key = go_type.key
    if kind == "map" and key is not None and not _is_map_key(key):
        raise Unsupported(f"{go_type.go}: map keys must be strings or integers")
    for inner in (go_type.key, go_type.elem):
        if inner is not None:
            check_type(inner, scope, result=result)


def struct_fields(struct: GoStruct) -> Fields:
    """The fields of a struct class: each Go field with its Python attribute."""
    used: set[str] = set()
    fields = []
    for item in struct.fields:
        name = item.name + "_" if keyword.iskeyword(item.name) else item.name
        while name in used:
            name += "_"
        used.add(name)
        fields.append((name, item))
    return tuple(fields)


def _plan_struct(struct: GoStruct, exported: Sequence[GoField]) -> PlainStruct:
    """The class of a data struct; *exported* are all its exported fields (some may be
    excluded), which the codec's registration names in Go's order."""
    fields = struct_fields(struct)
    return PlainStruct(
        name=class_name(struct.name),
        go_name=struct.name,
        doc=struct.doc,
        fields=tuple(fields),
        annotations=tuple(result_annotation(field.type) for _, field in fields),
        parameter_annotations=tuple(parameter_annotation(field.type) for _, field in fields),
        error=struct.error,
        registered=tuple(
            next((name for name, bound in fields if bound is field), "") for field in exported
        ),
    )


def _with_methods(
    plain: PlainStruct,
    structs: Sequence[GoStruct],
    scope: _Scope,
    excluded: set[str],
    skipped: list[Skipped],
) -> PlainStruct:
    """A data struct's class with its value methods (each runs on a copy of ``self``, which
    crosses as the struct's value does) and the protocols they give it. An error type's
    methods (but the error protocol's, which the exception has) run on the copy of the Go
    error its exception holds by handle."""
    struct = next(item for item in structs if item.name == plain.go_name)
    methods = []
    member: Member = "method" if struct.error else "value"
    for method in struct.methods:
        qualified = f"{struct.name}.{method.function.name}"
        if qualified in excluded or (struct.error and method.function.name in _ERROR_PROTOCOL):
            continue
        try:
            planned = _plan_function(method.function, scope, struct.name, member)
        except Unsupported as exc:
            skipped.append(Skipped(qualified, str(exc)))
            continue
        methods.append(replace(planned, go_signature=go_signature(method.function, struct.name)))
    if struct.error:  # an exception: its protocols are BaseException's
        return replace(plain, methods=tuple(methods))
    protocols = protocols_of(plain.name, struct.name, methods, value=True)
    return replace(plain, methods=tuple(methods), protocols=protocols)


# The methods of Go's error protocol, which an exception class has in Python's terms (its
# message; Go's wrapping, which the class an error raises already follows).
_ERROR_PROTOCOL = frozenset({"Error", "Unwrap", "Is", "As"})


def _plan_named(
    named: GoNamed, scope: _Scope, excluded: set[str], skipped: list[Skipped]
) -> PlainNamed:
    """The class of static methods of a named non-struct type: each takes the value first
    (crossing as the underlying type does). A pointer method would change a copy Python
    never sees again, so it is reported instead."""
    methods = []
    for method in named.methods:
        qualified = f"{named.name}.{method.function.name}"
        if qualified in excluded:
            continue
        if named.type.kind == "func":  # an option's, or a callback's: Python has no such value
            skipped.append(Skipped(qualified, "methods of function types are not bound"))
            continue
        if method.pointer:
            reason = f"a method of *{named.name} changes a copy ({named.name} crosses as a value)"
            skipped.append(Skipped(qualified, reason))
            continue
        receiver = GoField("value", named.type)
        function = replace(method.function, params=(receiver, *method.function.params))
        try:
            planned = _plan_function(function, scope, named.name, "static")
        except Unsupported as exc:
            skipped.append(Skipped(qualified, str(exc)))
            continue
        methods.append(replace(planned, go_signature=go_signature(method.function, named.name)))
    return PlainNamed(class_name(named.name), named.name, named.doc, tuple(methods))


def class_name(go_name: str) -> str:
    """The Python class of a Go type or sentinel error (the rule is :mod:`.pynames`')."""
    return python_name_of(go_name)


def _plan_function(
    function: GoAPIFunction, scope: _Scope, receiver: str = "", member: Member = "function"
) -> PlainFunction:
    if function.generic:
        raise Unsupported(
            "generic functions cannot be called from C: name their instantiations in "
            f'`instantiate` (e.g. "{function.name}[int]", a type argument per type parameter)'
        )
    if function.variadic and function.params[-1].type.kind != "slice":
        raise Unsupported(f"variadic parameter ...{function.params[-1].type.go[2:]}")
    params = function.params
    context = bool(params) and params[0].type.kind == "context"
    if context:
        params = params[1:]
    results = function.results
    returns_error = bool(results) and results[-1].type.kind == "error"
    if returns_error:
        results = results[:-1]
    used = {"self", "cls", "timeout"}  # the names methods, __new__ and context functions add
    arguments = [
        _argument(python_name(param.name, index, used), param, scope)
        for index, param in enumerate(params)
    ]
    if function.variadic:  # annotated as one of the items: *args
        last, elem = arguments[-1], params[-1].type.elem
        assert elem is not None, "a variadic parameter is a slice"
        arguments[-1] = replace(last, annotation=_item_annotation(last, elem, scope))
    if member == "value":  # the receiver: a copy of the struct, pickled as arguments are
        mark = f"\x01{scope.import_path}\x02."
        self_type = GoType(receiver, "struct", receiver, mark + receiver)
        self_way: ArgumentWay = "held" if receiver in scope.holding else "pickle"
        self_argument = PlainArgument("self", "self", self_type, self_way, class_name(receiver))
        arguments.insert(0, self_argument)
    way = _result_way(results, scope)
    if way not in ("object", "iterator", "bigint", "bigrat", "bigfloat", "opaque"):
        for result in results:
            _check(result, scope, "result")
    names = tuple(result_field_name(result.name) for result in results)
    named = len(results) > 1 and all(names)
    implementers: tuple[str, ...] = ()
    if way == "object" and results[0].type.kind == "interface":
        implementers = _implementers_of(results[0].type.name, scope)
    plan = PlainFunction(
        name=function_name(function.name) if member == "function" else method_name(function.name),
        go_name=function.name,
        doc=function.doc,
        go_signature=go_signature(function),
        instance=function.instance,
        arguments=tuple(arguments),
        results=results,
        result_way=way,
        returns_error=returns_error,
        annotation="",
        result_names=names if named else (),
        result_fields=scope.fixed[results[0].type.name] if way == "fields" else (),
        variadic=function.variadic,
        context=context,
        receiver=receiver,
        member=member,
        implementers=implementers,
        package=scope.import_path,
        opaque_class=scope.opaques[results[0].type.go] if way == "opaque" else "",
    )
    if plan.result_names and plan.result_class in scope.taken:
        named_class = plan.result_class
        while named_class in scope.taken:
            named_class += "_"
        plan = replace(plan, named_class=named_class)
    return _with_annotation(plan)


def _item_annotation(argument: PlainArgument, elem: GoType, scope: _Scope) -> str:
    """The annotation of one item of a variadic ``...T`` parameter (Python's ``*args``)."""
    if argument.way == "opaques":
        return argument.object_class
    if argument.way == "files":
        return _file_item_annotation(argument.object_class, io_file_methods(elem))
    if argument.way == "slice":
        return SLICE_ELEMENTS[elem.kind][1]
    return _held_annotation(parameter_annotation(elem), scope)


def _held_annotation(annotation: str, scope: _Scope) -> str:
    """A parameter's *annotation* with the Go objects inside it taken as instances only (a
    struct's class takes a mapping of fields too, an object's does not)."""
    for name in scope.objects:
        cls = re.escape(class_name(name))
        annotation = re.sub(rf"\b{cls} \| Mapping\[str, Any\]", class_name(name), annotation)
    return annotation


def _implementers_of(interface: str, scope: _Scope) -> tuple[str, ...]:
    found = next(item for item in scope.interfaces if item.name == interface)
    return tuple(name for name in found.implementers if name in scope.objects)


def method_name(go_name: str) -> str:
    return go_name + "_" if keyword.iskeyword(go_name) else go_name


def _check(field: GoField, scope: _Scope, what: Literal["parameter", "result"]) -> None:
    try:
        check_type(field.type, scope, result=what == "result")
    except Unsupported as exc:
        name = f" {field.name}" if field.name else ""
        raise Unsupported(f"{what}{name}: {exc}") from None


def object_class_of(go_type: GoType) -> str:
    """The Python class of a Go object type ``T`` or ``*T``."""
    target = go_type.elem if go_type.kind == "pointer" and go_type.elem else go_type
    return class_name(target.name)


def _is_object(go_type: GoType, scope: _Scope) -> bool:
    if go_type.kind == "interface":
        return go_type.name in scope.objects
    target = go_type.elem if go_type.kind == "pointer" and go_type.elem else go_type
    return target.kind == "struct" and target.name in scope.objects


def _plan_object(
    struct: GoStruct,
    functions: Sequence[PlainFunction],
    scope: _Scope,
    excluded: set[str],
    skipped: list[Skipped],
) -> PlainObject:
    """A Go object type: its methods, its fields as properties, its constructor."""
    methods = []
    for method in struct.methods:
        qualified = f"{struct.name}.{method.function.name}"
        if qualified in excluded:
            continue
        try:
            planned = _plan_function(method.function, scope, struct.name, "method")
        except Unsupported as exc:
            skipped.append(Skipped(qualified, str(exc)))
            continue
        receiver = ("*" if method.pointer else "") + struct.name
        methods.append(replace(planned, go_signature=go_signature(method.function, receiver)))
    properties = []
    # An embedded field is a property named after its type; Go's selectors reach the fields it
    # promotes (recv.X), which are properties too.
    promoted = [item for item in struct.promoted if f"{struct.name}.{item.name}" not in excluded]
    for field in (*struct.fields, *promoted):
        try:
            properties.append(_property(struct.name, field, scope))
        except Unsupported as exc:
            skipped.append(Skipped(f"{struct.name}.{field.name}", str(exc)))
    return replace(
        _object_class(struct.name, struct.doc, methods),
        properties=tuple(properties),
        constructor=_constructor(struct.name, functions, scope),
        bases=tuple(
            class_name(item.name)
            for item in scope.interfaces
            if struct.name in item.implementers and item.name in scope.objects
        ),
    )


def _object_class(go_name: str, doc: str, methods: Sequence[PlainFunction]) -> PlainObject:
    """An object type's class, with the Python protocols its methods give it."""
    return PlainObject(
        name=class_name(go_name),
        go_name=go_name,
        doc=doc,
        methods=tuple(methods),
        properties=(),
        constructor=None,
        protocols=protocols_of(class_name(go_name), go_name, methods, value=False),
    )


def protocols_of(
    cls: str, go_name: str, methods: Sequence[PlainFunction], *, value: bool
) -> Protocols:
    """The Python protocols of class *cls* (Go type *go_name*) from its Go *methods*, by the one
    rule of the README ("Python protocols"). A data struct (*value*) runs each method on a copy
    of itself: it gets no ``Next`` iteration (a copy never advances) and no ``close()``."""
    by_name = {method.go_name: method for method in methods}

    def found(name: str, result: str, *, same: bool = False) -> str:
        method = by_name.get(name)
        if method is None or method.context or method.variadic or method.returns_error:
            return ""
        own = method.arguments[1:] if value else method.arguments
        takes_self = len(own) == 1 and _is_self(own[0], cls, go_name)
        if (takes_self if same else not own) and method.annotation == result:
            return method.name
        return ""

    closes = by_name.get("Close")
    return Protocols(
        string=found("String", "str") or (found("Error", "str") if not value else ""),
        length=found("Len", "int"),
        equal=found("Equal", "bool", same=True),
        compare=found("Compare", "int", same=True),
        less=found("Less", "bool", same=True) or found("LessThan", "bool", same=True),
        **_iteration(by_name, value=value),
        closes=not value
        and closes is not None
        and not closes.arguments
        and not closes.context
        and closes.result_way == "none",
        file=""
        if value
        else "".join(f for f, go in (("r", "Read"), ("w", "Write")) if _io(by_name, go)),
    )


def _io(methods: Mapping[str, PlainFunction], name: str) -> bool:
    """Whether *methods* has io's ``Read`` (or ``Write``): ``(p []byte) (n int, err error)``."""
    method = methods.get(name)
    if method is None or method.context or method.variadic or not method.returns_error:
        return False
    takes = [argument.type.go for argument in method.arguments]
    return takes == ["[]byte"] and [result.type.go for result in method.results] == ["int"]


def _is_self(argument: PlainArgument, cls: str, go_name: str) -> bool:
    """Whether *argument* takes a value of the type itself (``T`` or ``*T``)."""
    if argument.way == "object":
        return argument.object_class == cls
    return argument.type.kind == "struct" and argument.type.name == go_name


def _iteration(methods: Mapping[str, PlainFunction], *, value: bool) -> dict[str, str]:
    """``__iter__``: ``All() iter.Seq[T]`` (or ``iter.Seq2``); else, for a Go object,
    ``Next() (T, bool)``, or ``Next() bool`` with ``Value() T``."""
    every, step, current = methods.get("All"), methods.get("Next"), methods.get("Value")
    own = every.arguments[int(value) :] if every else ()
    if every and not own and not every.context and every.iterator_kind in ("seq", "seq2"):
        return {"iteration": "all", "item": every.annotation}
    if value or step is None or step.arguments or step.context or step.returns_error:
        return {}
    results = step.results
    if len(results) == 2 and results[1].type.kind == "bool" and not step.variadic:
        return {"iteration": "next", "item": result_annotation(results[0].type)}
    if step.annotation == "bool" and current and not current.arguments and not current.context:
        return {"iteration": "cursor", "item": current.annotation} if current.results else {}
    return {}


def _plan_interface(
    interface: GoInterface, scope: _Scope, excluded: set[str], skipped: list[Skipped]
) -> PlainObject:
    """An interface type: a class of objects whose methods Go calls through the interface."""
    methods = []
    for method in interface.methods:
        qualified = f"{interface.name}.{method.name}"
        if qualified in excluded:
            continue
        try:
            planned = _plan_function(method, scope, interface.name, "method")
        except Unsupported as exc:
            skipped.append(Skipped(qualified, str(exc)))
            continue
        signature = go_signature(method, interface.name)
        methods.append(replace(planned, go_signature=signature, interface_receiver=True))
    implementers = tuple(
        class_name(name) for name in interface.implementers if name in scope.objects
    )
    interface_class = _object_class(interface.name, interface.doc, methods)
    refusal = python_refusal(interface, scope)
    protocol = () if refusal else _python_protocol(interface)
    return replace(
        interface_class,
        implementers=implementers,
        python_refusal=refusal,
        python_protocol=protocol,
    )


# What a Python object has for a method of io's Read, Write or Close (its file's methods).
_IO_PROTOCOL = {
    "read": "def read(self, a0: int, /) -> bytes: ...",
    "write": "def write(self, a0: bytes, /) -> object: ...",
    "close": "def close(self) -> object: ...",
}


def python_protocol_name(cls: str) -> str:
    """The stub's Protocol of what a Python object passed for interface class *cls* has."""
    return f"_{cls}Methods"


def _python_protocol(interface: GoInterface) -> tuple[str, ...]:
    """The ``def`` lines of *interface*'s Protocol: Go calls each method with its arguments
    positionally (converted as results are) and takes back a value (converted as an argument
    is); none when a method's name cannot be a Python method's (a keyword: ``None``)."""
    lines = []
    for method in interface.methods:
        if keyword.iskeyword(method.name):
            return ()
        if io_method(method):
            lines.append(_IO_PROTOCOL[io_method(method)])
            continue
        params = [f"a{index}: {result_annotation(p.type)}" for index, p in enumerate(method.params)]
        results = [r for r in method.results if r.type.kind != "error"]
        returns = parameter_annotation(results[0].type) if results else "None"
        spelled = ", ".join(["self", *params, *(["/"] if params else [])])
        lines.append(f"def {method.name}({spelled}) -> {returns}: ...")
    return tuple(lines)


def python_refusal(interface: GoInterface, scope: _Scope) -> str:
    """Why a Python object cannot implement *interface* ("": it can): Go calls each method
    with arguments that cross as values and takes back one value (or none), then maybe an
    error, which Python raising gives."""
    if interface.sealed:
        return "it has unexported methods"
    for method in interface.methods:
        problem = _method_problem(method, scope)
        if problem:
            return f"{method.name}(): {problem}"
    return ""


def _method_problem(method: GoAPIFunction, scope: _Scope) -> str:
    if method.variadic:
        return "a variadic method"
    results = method.results
    if results and results[-1].type.kind == "error":
        results = results[:-1]
    if len(results) > 1:
        return "more than one result besides an error"
    # Its parameters go to Python (as results do), its result comes from Python.
    for what, field in (
        *(("parameter", param) for param in method.params),
        *(("result", result) for result in results),
    ):
        try:
            check_type(field.type, scope, result=what == "parameter")
        except Unsupported as exc:
            return f"{what}{' ' + field.name if field.name else ''}: {exc}"
    return ""


def _property(receiver: str, field: GoField, scope: _Scope) -> PlainProperty:
    getter = GoAPIFunction(field.name, field.doc, 0, (), (GoField("", field.type),))
    setter = GoAPIFunction(field.name, field.doc, 0, (GoField("value", field.type),), ())
    return PlainProperty(
        name=method_name(field.name),
        doc=field.doc,
        getter=_plan_function(getter, scope, receiver, "get"),
        setter=_plan_function(setter, scope, receiver, "set"),
    )


def _constructor(go_name: str, functions: Sequence[PlainFunction], scope: _Scope) -> PlainFunction:
    """``NewT`` when it returns ``*T`` (and maybe an error); else the zero value's."""
    for function in functions:
        if (
            function.go_name == f"New{go_name}"
            and function.result_way == "object"
            and function.results[0].type.kind == "pointer"
            and function.object_class == class_name(go_name)
        ):
            return function
    mark = f"\x01{scope.import_path}\x02."
    self_type = GoType(go_name, "struct", go_name, mark + go_name)
    pointer = GoType("*" + go_name, "pointer", spell="*" + mark + go_name, elem=self_type)
    zero = GoAPIFunction("new", f"A new zero {go_name}.", 0, (), (GoField("", pointer),))
    return _plan_function(zero, scope, go_name, "new")


def _argument(name: str, field: GoField, scope: _Scope) -> PlainArgument:
    go_type = field.type
    kind = go_type.kind
    opaque = _opaque_argument(name, field, scope)
    if opaque is not None:
        return opaque
    if kind == "func":
        try:
            annotation = _callable(go_type, scope)
        except Unsupported as exc:
            raise Unsupported(f"parameter {field.name}: {exc}") from None
        return PlainArgument(name, field.name, go_type, "callback", annotation)
    claimed = claiming_argument(go_type)  # a type of another package a conversion knows
    if claimed is not None:
        return PlainArgument(name, field.name, go_type, claimed.way, claimed.annotation)
    if kind == "interface" and go_type.name in scope.objects:
        return _implemented_argument(name, field, scope)
    if _is_object(go_type, scope):
        cls = object_class_of(go_type)
        annotation = f"{cls} | None" if kind in ("pointer", "interface") else cls
        return PlainArgument(name, field.name, go_type, "object", annotation, object_class=cls)
    _check(field, scope, "parameter")
    return _value_argument(name, field, scope)


def _implemented_argument(name: str, field: GoField, scope: _Scope) -> PlainArgument:
    """An interface of the package: a Go object of it, or a Python object with its methods."""
    interface = next(item for item in scope.interfaces if item.name == field.type.name)
    cls = class_name(interface.name)
    refusal = python_refusal(interface, scope)
    # By Go's name, but io's Read, Write and Close: the Python file's read, write, close.
    methods = () if refusal else tuple(io_method(m) or m.name for m in interface.methods)
    typed = python_protocol_name(cls) if _python_protocol(interface) else "Any"
    annotation = f"{cls} | None" if refusal else f"{cls} | {typed} | None"
    return PlainArgument(
        name,
        field.name,
        field.type,
        "implemented",
        annotation,
        object_class=cls,
        python_methods=methods,
        python_refusal=refusal,
    )


def _value_argument(name: str, field: GoField, scope: _Scope) -> PlainArgument:
    """An argument that is a value: a C value, a buffer's memory, its fields, or a pickle."""
    go_type = field.type
    kind = go_type.kind
    if kind in NUMBER_KINDS:
        return PlainArgument(name, field.name, go_type, "number", parameter_annotation(go_type))
    if kind == "bool":
        return PlainArgument(name, field.name, go_type, "bool", "bool")
    if kind == "string" and not is_json_number(go_type):  # json.Number: the codec's rule
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
    return _pickled_argument(name, field, scope)


def _pickled_argument(name: str, field: GoField, scope: _Scope) -> PlainArgument:
    """An argument Python pickles; the compiled wrapper writes a raw record of its fields
    instead when it is of fixed shape (a struct of numbers and bools, a time, a duration)."""
    go_type = field.type
    annotation = _held_annotation(parameter_annotation(go_type), scope)
    if go_type.kind == "struct" and go_type.name in scope.fixed:
        fields = scope.fixed[go_type.name]
        return PlainArgument(name, field.name, go_type, "fields", annotation, fields=fields)
    if go_type.kind == "time":
        return PlainArgument(name, field.name, go_type, "time", annotation)
    if go_type.kind == "duration":
        return PlainArgument(name, field.name, go_type, "duration", annotation)
    way: ArgumentWay = "held" if _holds(go_type, scope) else "pickle"
    return PlainArgument(name, field.name, go_type, way, annotation)


def _opaque_argument(name: str, field: GoField, scope: _Scope) -> PlainArgument | None:
    """An opaque Go value's handle (a value of the package's making, or of another package),
    or a sequence of them (``[]Option``, ``...Option``); None for any other type."""
    go_type = field.type
    opaque = scope.opaques.get(go_type.go)
    methods = io_file_methods(go_type)
    if opaque and methods:  # a Go one, or a Python binary file
        annotation = f"{_file_item_annotation(opaque, methods)} | None"
        return PlainArgument(name, field.name, go_type, "file", annotation, object_class=opaque)
    if opaque:
        annotation = f"{opaque} | None" if nilable(go_type) else opaque
        return PlainArgument(name, field.name, go_type, "opaque", annotation, object_class=opaque)
    elem = go_type.elem
    items = scope.opaques.get(elem.go) if go_type.kind == "slice" and elem else None
    if items and elem is not None and io_file_methods(elem):  # Go's or Python's files
        annotation = f"Sequence[{_file_item_annotation(items, io_file_methods(elem))}]"
        return PlainArgument(name, field.name, go_type, "files", annotation, object_class=items)
    if items:
        annotation = f"Sequence[{items}]"
        return PlainArgument(name, field.name, go_type, "opaques", annotation, object_class=items)
    return None


def _file_item_annotation(cls: str, methods: str) -> str:
    """A Go file of class *cls*, or a Python one with the *methods* Go calls ("r", "rw"...)."""
    python = "SupportsRead[bytes]" if "r" in methods else "SupportsWrite[bytes]"
    return f"{cls} | {python if methods != 'c' else 'Any'}"


def _result_way(results: Sequence[GoField], scope: _Scope) -> ResultWay:
    if not results:
        return "none"
    if len(results) > 1:
        return "pickle"
    if results[0].type.go in scope.opaques:
        return "opaque"
    claimed = claiming_result(results[0].type)
    if claimed is not None:  # a type of another package a conversion knows
        return claimed.way
    if _is_object(results[0].type, scope):
        return "object"
    if results[0].type.kind in ITERATOR_KINDS:
        _check_elements(results[0], scope)
        return "iterator"
    return _value_result_way(results[0].type, scope)


def _value_result_way(go_type: GoType, scope: _Scope) -> ResultWay:
    """How one result that is a value crosses: a C value, its memory, its fields, or a pickle."""
    kind, elem = go_type.kind, go_type.elem
    if is_json_number(go_type):
        return "pickle"  # the codec's rule: the number it spells
    if kind in NUMBER_KINDS:
        return "number"
    if kind in ("bool", "string", "bytes"):  # strings and bytes: without pickle's framing
        return kind
    if kind in ("time", "duration"):  # their fields or nanoseconds as C values
        return kind
    if kind == "slice" and elem is not None and elem.kind in ARRAY_TYPECODES:
        return "array"  # its numbers' memory, as for bytes
    if crosses_as_columns(go_type):
        return "map"  # its keys and values as columns, a dict made at C speed
    if kind == "struct" and go_type.name in scope.fixed:
        return "fields"  # its fields as C values
    return "pickle"


def _callable(go_type: GoType, scope: _Scope) -> str:
    """The annotation of a Python callable Go calls as *go_type*; its arguments and result
    cross as pickles."""
    passed, returned = callback_params(go_type), callback_results(go_type)
    if len(returned) > 1 or any(result.kind == "error" for result in returned):
        raise Unsupported(
            f"{go_type.go}: a callback returns one value or none, and then maybe an error"
        )
    directions = [(param, True) for param in passed]  # Go gives them to Python
    for inner, to_python in [*directions, *((result, False) for result in returned)]:
        try:
            check_type(inner, scope, result=to_python)
        except Unsupported as exc:
            raise Unsupported(f"{go_type.go}: {exc}") from None
    # An interface argument is typed I, as an interface result is: Go passes a value there.
    params = ", ".join(
        result_annotation(param).removesuffix(" | None")
        if param.kind == "interface"
        else result_annotation(param)
        for param in passed
    )
    result = parameter_annotation(returned[0]) if returned else "None"
    result = _held_annotation(result, scope)
    if go_type.variadic:  # Callable has no spelling of *args: any arguments
        return f"Callable[..., {result}]"
    return f"Callable[[{params}], {result}]"


def iterator_typecode(function: PlainFunction) -> str:
    """The array.array typecode of an iterator's values when they are plain numbers (their
    batches cross as raw memory), else ""."""
    elem = function.results[0].type.elem if function.result_way == "iterator" else None
    if function.iterator_kind == "seq2" or elem is None:
        return ""
    return ARRAY_TYPECODES.get(elem.kind, "")


def _check_elements(result: GoField, scope: _Scope) -> None:
    """The values an iterator yields cross as pickles."""
    for inner in (result.type.key, result.type.elem):
        if inner is not None:
            _check(GoField(result.name, inner), scope, "result")


def _with_annotation(plan: PlainFunction) -> PlainFunction:
    if plan.result_way == "opaque":  # its class; a pointer may be nil, as any *T result
        nilable = plan.results[0].type.kind == "pointer"
        annotation = f"{plan.opaque_class} | None" if nilable else plan.opaque_class
        return replace(plan, annotation=_sole_annotation(plan, annotation))
    annotations = [result_annotation(result.type) for result in plan.results]
    plan = replace(plan, result_annotations=tuple(annotations))
    if not annotations:
        annotation = "None"
    elif len(annotations) == 1:
        annotation = _sole_annotation(plan, annotations[0])
    elif plan.result_names:
        annotation = plan.result_class
    else:
        annotation = f"tuple[{', '.join(annotations)}]"
    return replace(plan, annotation=annotation)


_CONSTRUCTOR = re.compile(r"New(?:[A-Z0-9_]|$)")  # New, NewVersion; not Newline


def _sole_annotation(plan: PlainFunction, annotation: str) -> str:
    """A result Go's conventions say is never nil is typed ``T``, not ``T | None``, so
    ``NewVersion("1.2").Major()`` and ``New().DiffMain(a, b)`` type-check: a ``(*T, error)``
    result (a value or an error), a constructor's (``New…`` returning ``*T``) and an interface
    the package declares (``Run(v) Iter``). A nil where the convention is broken is still
    ``None`` at run time."""
    kind = plan.results[0].type.kind
    never_nil = (
        (plan.returns_error and kind == "pointer")
        or (plan.member == "function" and _CONSTRUCTOR.match(plan.go_name) and kind == "pointer")
        or (plan.result_way == "object" and kind == "interface")
    )
    if never_nil:
        return annotation.removesuffix(" | None")  # a claimed *big.Int's "int | None" too
    return annotation


def go_signature(function: GoAPIFunction, receiver: str = "") -> str:
    """``func Count(text string, top int) (Stats, error)``, as a docstring line; a method's
    with its receiver type (``func (*Counter) Add(n int) int``)."""
    params = [(field.name, field.type.go) for field in function.params]
    if function.variadic:
        name, spelled = params[-1]
        params[-1] = (name, "..." + spelled.removeprefix("[]"))
    results = [(field.name, field.type.go) for field in function.results]
    name = function.instance.expr if function.instance else function.name
    name = f"({receiver}) {name}" if receiver else name
    return format_go_signature(name, params, results)
