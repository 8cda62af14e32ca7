"""The Python side of an ordinary Go package's bindings: the module's classes and functions,
and its ``.pyi`` stub, rendered from one :class:`~.plan.PackagePlan` so that they agree.

Each function calls its shim (see :mod:`.shims`) with the arguments converted inline (by their
conversions' Python side, :mod:`.conversions`), checks
for a report (a panic, a returned error, a value that could not be converted), and decodes a
pickled result with one ``pickle.loads``. Struct types become ``__slots__`` classes that the
unpickler fills without calling ``__init__``. Everything here is a pure function of the plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from setuptools_golang_ext.binding.cgo.wrappers import (
    all_lines,
    buffer_formats_lines,
    docstring_lines,
    guarded_call_parts,
    namedtuple_lines,
)
from setuptools_golang_ext.binding.needs import (
    PLAIN_RUNTIME_NAMES,
    helper_lines,
    plain_needs,
    python_protocols,
    support_body,
)
from setuptools_golang_ext.binding.plain.conversions import (
    argument_conversion,
    result_conversion,
    zero_is_mutable,
    zero_value,
)
from setuptools_golang_ext.binding.plain.plan import (
    PackagePlan,
    PlainError,
    PlainFunction,
    PlainNamed,
    PlainObject,
    PlainOpaque,
    PlainPromoted,
    PlainProperty,
    PlainStruct,
    Protocols,
    class_name,
)
from setuptools_golang_ext.names import (
    FREE_FUNCTION,
    FREE_MANY_FUNCTION,
    GENERATED_MARKER,
    PACKAGE_EXPORTS,
    package_export,
)
from setuptools_golang_ext.stages.introspect import GoField


def render_body(plan: PackagePlan, python_module: str) -> list[str]:
    """The module after its imports and ``lib``: raw bindings, helpers, classes, functions."""
    needs = plain_needs(plan)
    lines = [f"_free = lib.{FREE_FUNCTION}", f"_free_many = lib.{FREE_MANY_FUNCTION}"]
    if needs.support:
        lines += [
            f"_lib_{what} = lib.{package_export(what, python_module)}" for what in PACKAGE_EXPORTS
        ]
    lines += [f"{function.raw_name} = lib.{function.shim}" for function in plan.callables]
    for kind in needs.helpers:
        lines += ["", "", *helper_lines(kind)]
    if needs.support:
        lines += ["", "", *support_body()]
    lines += buffer_formats_lines(needs.buffer_formats)
    if needs.zero_time:
        lines += ["", "_ZERO_TIME = _datetime(1, 1, 1, tzinfo=_timezone.utc)  # Go's zero time"]
    lines += _classes(plan)
    for function in plan.callables:  # the result classes of methods
        if function.result_names and function.receiver:
            lines += ["", "", *_result_namedtuple(function)]
    for function in plan.functions:
        lines += ["", ""]
        if function.result_names:
            lines += [*_result_namedtuple(function), "", ""]
        lines += wrapper(function)
    return lines


def _classes(plan: PackagePlan) -> list[str]:
    """The module's classes of the package's types and sentinel errors."""
    classes = [
        error_type_class(struct) if struct.error else struct_class(struct, stub=False)
        for struct in plan.structs
    ]
    classes += [object_class(item, stub=False) for item in plan.objects]
    classes += [opaque_class(opaque, stub=False) for opaque in plan.opaques]
    classes += [named_class(named, stub=False) for named in plan.named]
    classes += [error_class(error) for error in plan.errors]
    aliases = shadow_aliases(plan)
    return [line for lines in classes for line in ["", "", *lines]] + (
        ["", "", *aliases] if aliases else []
    )


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
        _constructor_parameter(struct, name, field, annotation, stub=stub)
        for (name, field), annotation in zip(struct.fields, struct.parameter_annotations)
    ]
    signature = ["    def __init__(", "        self,", *(f"        {param}," for param in params)]
    signature.append(f"    ) -> None:{' ...' if stub else ''}")
    if stub:
        return [*lines, "", *signature, *_value_members(struct, stub)]
    body = [
        f"        self.{name} = {zero_value(field.type)} if {name} is None else {name}"
        if _defaults_none(struct, name, field)
        else f"        self.{name} = {name}"
        for name, field in struct.fields
    ]
    return [*lines, "", *signature, *(body or ["        pass"]), *_value_members(struct, stub)]


def _defaults_none(struct: PlainStruct, name: str, field: GoField) -> bool:
    """A field whose zero value is a new mutable object each time (the default is None, then
    that object); a Go object's struct value stays None (Go's zero value)."""
    return zero_is_mutable(field.type) and name not in struct.object_values


SHADOW_PREFIX = "_T_"


def _unshadowed(annotation: str, struct: PlainStruct) -> str:
    """A constructor parameter's *annotation* with the classes that one of the parameters
    shadows (an embedded ``Base`` is a field named Base) named by their module alias: mypy
    takes ``Base`` in ``def __init__(self, Base: Base)`` for the parameter."""
    return _aliased(annotation, _shadowing(struct))


def _aliased(annotation: str, names: Iterable[str]) -> str:
    for name in names:
        annotation = re.sub(rf"\b{name}\b", SHADOW_PREFIX + name, annotation)
    return annotation


def _object_shadowing(item: PlainObject) -> list[str]:
    """The members of a Go object's class named as classes its members' annotations use (an
    embedded ``*Counter`` is a property Counter): in the class body, mypy takes the name for
    the member."""
    functions = [
        *item.methods,
        *(function for prop in item.properties for function in (prop.getter, prop.setter)),
    ]
    used = " ".join(
        annotation
        for function in functions
        for annotation in (function.annotation, *(arg.annotation for arg in function.arguments))
    )
    names = {prop.name for prop in item.properties} | {method.name for method in item.methods}
    return sorted(name for name in names if re.search(rf"\b{name}\b", used))


def _unshadowed_function(function: PlainFunction, names: Sequence[str]) -> PlainFunction:
    """*function* with the class names in its annotations that *names* shadow aliased."""
    if not names:
        return function
    arguments = tuple(
        replace(argument, annotation=_aliased(argument.annotation, names))
        for argument in function.arguments
    )
    return replace(function, annotation=_aliased(function.annotation, names), arguments=arguments)


def _shadowing(struct: PlainStruct) -> list[str]:
    """The field names of *struct* that are names of classes its annotations use."""
    used = " ".join(struct.parameter_annotations)
    return [name for name, _ in struct.fields if re.search(rf"\b{name}\b", used)]


def _class_names(plan: PackagePlan) -> set[str]:
    groups = (plan.structs, plan.objects, plan.opaques, plan.named)
    return {item.name for group in groups for item in group}


def shadow_aliases(plan: PackagePlan) -> list[str]:
    """The module aliases of the classes a member or constructor parameter shadows."""
    names = {name for struct in plan.structs for name in _shadowing(struct)}
    names |= {name for item in plan.objects for name in _object_shadowing(item)}
    names = {name for name in names if name in _class_names(plan)}
    return [f"{SHADOW_PREFIX}{name} = {name}" for name in sorted(names)]


def _constructor_parameter(
    struct: PlainStruct, name: str, field: GoField, annotation: str, *, stub: bool
) -> str:
    """``name: annotation = default`` of a data struct's constructor: a field whose zero value
    is mutable, or an object's value, defaults to None."""
    annotation = _unshadowed(annotation, struct)
    if name in struct.object_values:
        return f"{name}: {annotation} = {'...' if stub else 'None'}"
    if _defaults_none(struct, name, field):
        return f"{name}: {annotation} | None = {'...' if stub else 'None'}"
    return f"{name}: {annotation} = {'...' if stub else zero_value(field.type)}"


def _value_members(struct: PlainStruct, stub: bool) -> list[str]:
    """A data struct's promoted fields, its methods (each on a copy of ``self``) and their
    protocols."""
    members = [_promoted(field, stub) for field in struct.promoted]
    members += [_member(method, stub) for method in struct.methods]
    members += protocol_members(struct.name, struct.protocols, stub=stub, held=False)
    return [line for member in members for line in ["", *(f"    {x}" if x else "" for x in member)]]


def _promoted(field: PlainPromoted, stub: bool) -> list[str]:
    """A field Go promotes from an embedded struct: a property through the embedded fields."""
    name, through = field.name, ".".join(("self", *field.path))
    doc = f"{field.doc}\n\n" if field.doc else ""
    doc += f"Promoted by Go from the embedded {'.'.join(field.path[:-1])}: ``{through}``."
    getter = [
        "@property",
        f"def {name}(self) -> {field.annotation}:",
        *docstring_lines(doc.split("\n"), "    "),
    ]
    setter = [f"@{name}.setter", f"def {name}(self, value: {field.parameter_annotation}) -> None:"]
    if stub:
        return [*getter, "", f"{setter[0]}", f"{setter[1]} ..."]
    return [*getter, f"    return {through}", "", *setter, f"    {through} = value"]


def opaque_class(opaque: PlainOpaque, *, stub: bool) -> list[str]:
    """The class of an opaque Go value: a handle that Go's functions return and take back."""
    doc = [
        f"A Go ``{opaque.go}``, held in Go: the package's functions return it and take it back;",
        "Python cannot look inside it. Go may collect it once it is collected here.",
    ]
    if opaque.file:
        return _file_class(opaque, stub=stub)
    lines = [f"class {opaque.name}(_GoObject):", *docstring_lines(doc, "    ")]
    return lines if stub else [*lines, "", "    __slots__ = ()"]


def _file_class(opaque: PlainOpaque, *, stub: bool) -> list[str]:
    """The class of a Go ``io.Reader``, ``io.Writer``... : a binary file (``_GoFile``)."""
    has = [
        ("Read", "read()"),
        ("Write", "write()"),
        ("Close", "close() calls Go's Close"),
    ]
    methods = "; ".join(what for (go, what), flag in zip(has, "rwc") if flag in opaque.file)
    doc = [
        f"A Go ``{opaque.go}``, held in Go, as a binary file: {methods}.",
        "The package's functions take it back (and Python binary files).",
        "Go may collect it once it is closed or collected here.",
    ]
    base = "_GoFile" if stub else "_File"
    lines = [f"class {opaque.name}({base}):", *docstring_lines(doc, "    ")]
    if stub:
        return lines
    flags = [
        f"    {attribute} = True"
        for attribute, flag in (("_readable", "r"), ("_writable", "w"), ("_closes", "c"))
        if flag in opaque.file
    ]
    return [*lines, "", "    __slots__ = ()", *flags]


def error_class(error: PlainError) -> list[str]:
    """The exception class of a sentinel error (the same text in the module and its stub)."""
    doc = [*(error.doc.splitlines() if error.doc else []), *([""] if error.doc else [])]
    doc.append(f"Go: ``var {error.go_name} error``: raised when a returned error matches it;")
    doc.append("raised by a Python callable Go calls, Go gets it (errors.Is holds).")
    lines = [f"class {error.name}(GoError):", *docstring_lines(doc, "    ")]
    return [*lines, "", f'    _go_error = "{error.name}"']


def _struct_doc(struct: PlainStruct, what: str = "") -> list[str]:
    """The Go doc of the type, its Go declaration (and *what* it is), then each field's Go doc
    (or line comment)."""
    lines = [*(struct.doc.splitlines() if struct.doc else []), *([""] if struct.doc else [])]
    lines.append(f"Go: ``type {struct.go_name} struct``{what}")
    documented = [(name, field) for name, field in struct.fields if field.doc]
    if documented:
        lines += ["", "Attributes:"]
        lines += [f"    {name}: {' '.join(field.doc.split())}" for name, field in documented]
    return lines


def _result_namedtuple(function: PlainFunction) -> list[str]:
    fields = list(zip(function.result_names, function.result_annotations))
    owner = f"{class_name(function.receiver)}." if function.receiver else ""
    return namedtuple_lines(function.result_class, owner + function.name, fields)


def parameters(function: PlainFunction) -> list[str]:
    """The Python parameters of *function*, its receiver's (``self``, ``cls``) first."""
    params = [f"{arg.name}: {arg.annotation}" for arg in function.arguments]
    if function.variadic:
        params[-1] = "*" + params[-1]
    if function.context:
        params += [*([] if function.variadic else ["*"]), "timeout: float | None = None"]
    if function.member == "new":
        return ["cls", *params]
    if function.member == "value":  # self is the first argument, converted as arguments are
        return ["self", *params[1:]]
    return ["self", *params] if function.takes_handle else params


def signature(function: PlainFunction) -> str:
    name = "__new__" if function.member == "new" else function.name
    annotation = "None" if function.member == "set" else function.annotation
    if function.member == "new":
        annotation = function.receiver
    return f"def {name}({', '.join(parameters(function))}) -> {annotation}:"


def function_docstring(function: PlainFunction, indent: str = "    ") -> list[str]:
    if function.member in ("get", "set"):
        return docstring_lines([function.doc or f"The Go field {function.go_name}."], indent)
    lines = [*(function.doc.splitlines() if function.doc else [])]
    if function.member != "new":
        lines += [*([""] if lines else []), f"Go: ``{function.go_signature}``"]
    if function.returns_error:
        lines += ["", "Raises GoError when Go returns a non-nil error."]
    if function.context:
        lines += [
            "",
            "Go gets a context.Context, canceled by Ctrl-C (KeyboardInterrupt is raised when Go",
            "has returned) and after ``timeout`` seconds (GoTimeoutError when Go returns its error).",
        ]
    return docstring_lines(lines, indent)


def wrapper(function: PlainFunction) -> list[str]:
    """The function (or method, property accessor, ``__new__``) that calls *function*'s shim."""
    return [signature(function), *function_docstring(function), *_body(function)]


def _body(function: PlainFunction) -> list[str]:
    label = f"{function.qualified}() argument"
    arguments = [
        (
            argument.name,
            argument_conversion(argument.way).python(argument, f"{label} {argument.name}"),
        )
        for argument in function.arguments
    ]
    numbers = (label, [name for name, converted in arguments if name == converted])
    arguments[:0] = [(name, name) for name in function.context_parameters]
    if function.takes_handle:
        arguments.insert(0, ("self._go", "self._go"))  # read in the call: no local
    assign = "_result = " if function.result_way != "none" else ""
    conversions, call = guarded_call_parts(
        function.raw_name, function.qualified, arguments, assign, numbers
    )
    returned = result_conversion(function.result_way).python(function)
    lines = _with_callbacks(function, conversions, [*call, *returned])
    if not function.context:
        return lines
    if function.context_handle:
        head, runner = "_context: int", "_in_context"
    else:
        head, runner = "_timeout: float, _token: int", "_context_call"
    return [
        f"    def _call({head}) -> {function.annotation}:",
        *(f"    {line}" for line in lines),
        "",
        f"    return {runner}(_call, timeout)",
    ]


def _with_callbacks(
    function: PlainFunction, conversions: dict[str, str], lines: list[str]
) -> list[str]:
    """The arguments' *conversions*, then the checked call and return *lines*. Callables are
    registered last, in a ``try`` whose ``finally`` ends every registration made (and raises
    what the callables raised): a registration is never left behind by a failed conversion,
    nor by another callable's error."""
    # guarded_call numbers the arguments after the receiver's handle and the context's.
    first = int(function.takes_handle) + len(function.context_parameters)
    registering = [
        (f"_arg{index}", argument.way)
        for index, argument in enumerate(function.arguments, first)
        if argument_conversion(argument.way).registers
    ]
    if not registering:
        return [*conversions.values(), *lines]
    handles = [handle for handle, _ in registering]
    registrations = [conversions[handle] for handle in handles]
    # A Python object's handle is its callable's with the high bit; a Go object's is none.
    done = [_registrations(handle, way) for handle, way in registering]
    return [
        *(line for local, line in conversions.items() if local not in handles),
        f"    {' = '.join(handles)} = 0",
        "    try:",
        *(f"    {line}" for line in [*registrations, *lines]),
        "    finally:",
        f"        _callback_done({', '.join(done)})",
    ]


def _registrations(handle: str, way: str) -> str:
    """The callables argument *handle* registered, for ``_callback_done``: a callable's handle;
    a Python object's (its handle without the high bit; a Go object's: 0); a list's, the
    ones its value carries (none yet: 0)."""
    if way == "callback":
        return handle
    if way == "files":
        return f'*getattr({handle}, "ids", ())'
    return f"_registered({handle})"


def object_class(item: PlainObject, *, stub: bool) -> list[str]:
    """The class of a Go object type: its constructor, properties, methods, and the Python
    protocols its Go methods give it."""
    bases = list(item.bases)
    if item.protocols.file:  # io.Reader / io.Writer: a binary file too (a _GoObject)
        bases.append("_GoFile" if stub else "_File")
    spelled = ", ".join(bases or ["_GoObject"])
    lines = [f"class {item.name}({spelled}):", *docstring_lines(_object_doc(item), "    ")]
    if not stub:
        lines += ["", "    __slots__ = ()", *_file_flags(item.protocols)]
    shadowed = _object_shadowing(item)
    members = [_constructor(item, stub)] if item.constructor else []
    members += [
        _property(
            replace(
                prop,
                getter=_unshadowed_function(prop.getter, shadowed),
                setter=_unshadowed_function(prop.setter, shadowed),
            ),
            stub,
        )
        for prop in item.properties
    ]
    members += [_member(_unshadowed_function(method, shadowed), stub) for method in item.methods]
    members += protocol_members(item.name, item.protocols, stub=stub, held=True)
    for member in members:
        lines += ["", *(f"    {line}" if line else "" for line in member)]
    return lines


def _file_flags(protocols: Protocols) -> list[str]:
    """What a Go object that is a binary file can do (its Read, Write, Close)."""
    can = {"_readable": "r" in protocols.file, "_writable": "w" in protocols.file}
    can["_closes"] = bool(protocols.file) and protocols.closes
    return [f"    {flag} = True" for flag, able in can.items() if able]


def named_class(named: PlainNamed, *, stub: bool) -> list[str]:
    """The class of a named non-struct type's methods: Go's method expressions, each a static
    method that takes the value first (``Celsius.String(c)``)."""
    doc = [*(named.doc.splitlines() if named.doc else []), *([""] if named.doc else [])]
    doc += [
        f"Go's methods of {named.go_name}, whose values cross as their underlying type:",
        f"``{named.name}.Method(value, ...)`` calls ``value.Method(...)``.",
    ]
    lines = [f"class {named.name}:", *docstring_lines(doc, "    ")]
    for method in named.methods:
        lines += ["", *(f"    {line}" for line in _member(method, stub, "@staticmethod"))]
    return lines


def _member(function: PlainFunction, stub: bool, decorator: str = "") -> list[str]:
    head = [decorator] if decorator else []
    if stub:
        return [*head, signature(function), *function_docstring(function)]
    return [*head, *wrapper(function)]


def _property(prop: PlainProperty, stub: bool) -> list[str]:
    getter = _member(prop.getter, stub, "@property")
    return [*getter, "", *_member(prop.setter, stub, f"@{prop.name}.setter")]


def _constructor(item: PlainObject, stub: bool) -> list[str]:
    constructor = item.constructor
    assert constructor is not None, "interfaces have no constructor"
    if constructor.member == "new":
        return _member(constructor, stub)
    params = ["cls", *parameters(constructor)]
    head = f"def __new__({', '.join(params)}) -> {item.name}:"
    doc = docstring_lines([f"A new {item.name}, from Go's {constructor.go_name}."], "    ")
    if stub:
        return [head, *doc]
    arguments = [argument.name for argument in constructor.arguments]
    if constructor.variadic:
        arguments[-1] = "*" + arguments[-1]
    if constructor.context:
        arguments.append("timeout=timeout")
    call = f"{constructor.name}({', '.join(arguments)})"
    return [head, *doc, f'    return _made({call}, "{constructor.go_name}")']


def protocol_members(cls: str, protocols: Protocols, *, stub: bool, held: bool) -> list[list[str]]:
    """The Python protocols of class *cls* that its Go methods give it (*protocols*), for a
    Go object's class (*held*) or a data struct's."""

    def method(head: str, *body: str, doc: str = "") -> list[str]:
        lines = [head, *(docstring_lines([doc], "    ") if doc else [])]
        return [*lines, *(["    ..."] if stub and not doc else [] if stub else body)]

    members = []
    if protocols.string:
        string = f"self.{protocols.string}()"
        members.append(
            method(
                "def __str__(self) -> str:",
                f"    return {string} if self._go else repr(self)"
                if held
                else f"    return {string}",
            )
        )
    if protocols.string and held:
        members.append(
            method(
                "def __repr__(self) -> str:", f"    return _shown(self, self.{protocols.string})"
            )
        )
    if protocols.length:
        members.append(method("def __len__(self) -> int:", f"    return self.{protocols.length}()"))
    members += _comparisons(cls, protocols, method)
    members += _iteration(cls, protocols, method)
    if protocols.closes:
        members += _closing(cls, method)
    return members


_Method = Callable[..., list[str]]


def _comparisons(cls: str, protocols: Protocols, method: _Method) -> list[list[str]]:
    """``==`` from Equal (else from Compare), the order from Compare or Less."""
    foreign = [f"    if not isinstance(other, {cls}):", "        return NotImplemented"]
    members = []
    if protocols.equal or protocols.compare:
        equal = (
            f"self.{protocols.equal}(other)"
            if protocols.equal
            else f"self.{protocols.compare}(other) == 0"
        )
        members += [
            method("def __eq__(self, other: object) -> bool:", *foreign, f"    return {equal}"),
            ["__hash__ = None  # type: ignore[assignment]  # no hash agrees with Go's equality"],
        ]
    if protocols.compare:
        for name, op in (("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">=")):
            test = f"self.{protocols.compare}(other) {op} 0"
            members.append(
                method(
                    f"def __{name}__(self, other: {cls}) -> bool:", *foreign, f"    return {test}"
                )
            )
    elif protocols.less:
        for name, test in (
            ("lt", f"self.{protocols.less}(other)"),
            ("gt", f"other.{protocols.less}(self)"),
        ):
            members.append(
                method(
                    f"def __{name}__(self, other: {cls}) -> bool:", *foreign, f"    return {test}"
                )
            )
    return members


def _iteration(cls: str, protocols: Protocols, method: _Method) -> list[list[str]]:
    """``__iter__`` from All() (a new iterator), or Next() (the object is its own iterator)."""
    if protocols.iteration == "all":
        return [method(f"def __iter__(self) -> {protocols.item}:", "    return self.All()")]
    if not protocols.iteration:
        return []
    if protocols.iteration == "next":
        step = [
            "    value, ok = self.Next()",
            "    if not ok:",
            "        raise StopIteration",
            "    return value",
        ]
    else:
        step = ["    if not self.Next():", "        raise StopIteration", "    return self.Value()"]
    return [
        method(f"def __iter__(self) -> {cls}:", "    return self"),
        method(f"def __next__(self) -> {protocols.item}:", *step),
    ]


def _closing(cls: str, method: _Method) -> list[list[str]]:
    """close() and ``with`` from Close()."""
    close = [
        "if self._go:",
        "    _claim(self)",
        "    try:",
        "        self.Close()",
        "    finally:",
        "        _close(self)",
    ]
    doc = (
        "Close the Go object (Go's Close, once: a thread closing it at the same time gets "
        "ValueError), then let Go collect it; again: nothing."
    )
    return [
        method("def close(self) -> None:", *(f"    {line}" for line in close), doc=doc),
        method(f"def __enter__(self) -> {cls}:", "    return self"),
        method("def __exit__(self, *exc_info: object) -> None:", "    self.close()"),
    ]


def _object_doc(item: PlainObject) -> list[str]:
    lines = [*(item.doc.splitlines() if item.doc else []), *([""] if item.doc else [])]
    if item.interface:
        lines.append(
            f"Go: ``type {item.go_name} interface``: instances hold a Go value of it, released "
            "when collected" + (" or closed." if item.protocols.closes else ".")
        )
        if item.python_refusal:
            lines.append(f"Python objects cannot implement it: {item.python_refusal}.")
        else:
            lines.append("Its parameters also take any Python object with its methods.")
        return lines
    lines.append(
        f"Go: ``type {item.go_name} struct``, held in Go: instances are Go objects, released "
        "when collected" + (" or closed." if item.protocols.closes else ".")
    )
    return lines


def error_type_class(struct: PlainStruct, *, stub: bool = False) -> list[str]:
    """The exception class of an error type: raised when a returned error is one (errors.As),
    with its fields as attributes."""
    lines = [f"class {struct.name}(GoError):", *docstring_lines(_error_type_doc(struct), "    ")]
    if stub:
        lines += [
            "",
            *(f"    {name}: {a}" for (name, _), a in zip(struct.fields, struct.annotations)),
        ]
    elif struct.methods:  # the handle of Go's error; an instance Python made has none
        lines += ["", "    _go = 0"]
    for method in struct.methods:
        lines += ["", *(f"    {line}" for line in _member(method, stub))]
    return lines


def _error_type_doc(struct: PlainStruct) -> list[str]:
    return _struct_doc(
        struct, ", an error: raised when a returned error is one (errors.As), with its fields."
    )


def stub_imports(plan: PackagePlan, runtime_module: str) -> list[str]:
    lines = [*plain_needs(plan).annotations, ""]
    lines += [f"from {runtime_module} import {name} as {name}" for name in PLAIN_RUNTIME_NAMES]
    if any(not struct.error for struct in plan.structs):
        lines.append(f"from {runtime_module} import _GoStruct")
    if plain_needs(plan).support:  # GoRef's base, if nothing else's
        lines.append(f"from {runtime_module} import _GoObject")
    if any(opaque.file for opaque in plan.opaques) or any(o.protocols.file for o in plan.objects):
        lines.append(f"from {runtime_module} import _GoFile")
    return lines


def render_stub(plan: PackagePlan, runtime_module: str) -> str:
    lines = [f"# {GENERATED_MARKER}", "", *stub_imports(plan, runtime_module), ""]
    lines += all_lines(plain_needs(plan).public_names)
    lines += ["", "ffi: Any", "lib: Any"]
    for struct in plan.structs:
        lines += [
            "",
            *(
                error_type_class(struct, stub=True)
                if struct.error
                else struct_class(struct, stub=True)
            ),
        ]
    for item in plan.objects:
        lines += ["", *object_class(item, stub=True)]
    for opaque in plan.opaques:
        lines += ["", *opaque_class(opaque, stub=True)]
    lines += python_protocols(plan)
    for named in plan.named:
        lines += ["", *named_class(named, stub=True)]
    for error in plan.errors:
        lines += ["", *error_class(error)]
    aliases = shadow_aliases(plan)
    lines += ["", *aliases] if aliases else []
    if plain_needs(plan).support:
        lines += ["", "def _go_stats() -> tuple[int, int]: ...", "", *_GO_REF_STUB]
    for function in plan.callables:
        if function.result_names and function.receiver:
            lines += ["", *_stub_result_class(function)]
    for function in plan.functions:
        if function.result_names:
            lines += ["", *_stub_result_class(function)]
        lines += ["", signature(function), *function_docstring(function)]
    return "\n".join(lines) + "\n"


_GO_REF_STUB = [
    "class GoRef(_GoObject):",
    "    def __new__(cls, value: Any = None) -> GoRef: ...",
    "    @property",
    "    def value(self) -> Any: ...",
]


def _stub_result_class(function: PlainFunction) -> list[str]:
    annotations = zip(function.result_names, function.result_annotations)
    lines = [f"class {function.result_class}(NamedTuple):"]
    return [*lines, *(f"    {name}: {annotation}" for name, annotation in annotations)]


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
