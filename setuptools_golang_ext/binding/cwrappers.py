"""Render function plans as C: the compiled wrappers of a c-archive module (CPython).

In c-archive mode setuptools compiles cffi's C source anyway; this module appends to it one C
function per wrapper whose arguments and results C converts (cgo exports through their guards,
the plain bindings' direct functions and Go objects' methods through their shims), each a
vectorcall object, plus an installer the generated Python module calls at import: it puts the
C functions in the module's globals (a method: in its class) in place of the Python wrappers,
which stay behind each one as its fallback (keyword arguments, other argument types, values
that do not fit, a forked child) and lend it their attributes (name, doc, signature). The fixed part is the real C file ``c/wrappers.c``;
everything here is a pure function of the plans and the header: the same inputs give the same
bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from setuptools_golang_ext import runtime
from setuptools_golang_ext.binding.cgo.bindings import CTypes, FunctionPlan
from setuptools_golang_ext.binding.plain.conversions import argument_conversion, result_conversion
from setuptools_golang_ext.binding.plain.conversions.pickled import raw_offsets
from setuptools_golang_ext.binding.plain.plan import Fields, PackagePlan, PlainFunction, class_name
from setuptools_golang_ext.names import GENERATED_MARKER, INSTALL_WRAPPERS
from setuptools_golang_ext.stages.header import Export, Header

TEMPLATE = runtime.DIRECTORY / "c" / "wrappers.c"
RENAMED_INIT = "_setuptools_golang_ext_cffi_init"  # cffi's PyInit_<module>, renamed

# Argument and result kinds converted in C; a function with any other stays a Python function.
C_ARGUMENTS = frozenset(
    {"number", "bool", "gostring", "cstring", "bytes", "handle", "fields", "time", "duration"}
)
# Results: number, bool and cstring take one C field; text, a (pointer, size) pair and 32 bytes
# of short text inside the result, takes six;
# fields (a struct of fixed shape), one per field.
C_RESULTS = frozenset({"number", "bool", "cstring"})

# The C type (the export header's) of a field of a struct of fixed shape, by its Go kind.
FIELD_C_TYPES: Mapping[str, str] = {
    "bool": "GoUint8",
    "int": "GoInt",
    "uint": "GoUint",
    "uintptr": "GoUintptr",
    **{f"int{bits}": f"GoInt{bits}" for bits in (8, 16, 32, 64)},
    **{f"uint{bits}": f"GoUint{bits}" for bits in (8, 16, 32, 64)},
    "float32": "GoFloat32",
    "float64": "GoFloat64",
}


@dataclass(frozen=True)
class Shape:
    """A struct of fixed shape as C converts it: its class and its fields' attributes and Go
    kinds, in the order of its raw record and of the shim's results."""

    cls: str
    attributes: tuple[str, ...]
    kinds: tuple[str, ...]


def shape_of(cls: str, fields: Fields) -> Shape:
    return Shape(
        cls,
        tuple(attribute for attribute, _ in fields),
        tuple(field.type.kind for _, field in fields),
    )


@dataclass(frozen=True)
class Call:
    """What a compiled wrapper does, from the plan of either style."""

    name: str  # the module global it replaces (the Python wrapper)
    export: str  # the C function it calls: a guard, a shim, or an unguarded export
    arguments: tuple[str, ...]  # each argument's kind (C_ARGUMENTS)
    results: tuple[str, ...]  # each result's kind (C_RESULTS, or "text")
    reports: str = ""  # the name panic reports give; "": the export reports nothing
    error_result: bool = False  # the last C result is ``err *C.char`` (cgo style)
    result_class: str = ""  # several results: the module's NamedTuple class ("": a tuple)
    owner: str = ""  # a method: the class it replaces the Python method of ("": a function)
    # The structs of fixed shape of the arguments of kind "fields" (None for the others), and
    # of a result of kind "fields".
    argument_shapes: tuple[Shape | None, ...] = ()
    result_shape: Shape | None = None

    @property
    def shapes(self) -> tuple[Shape, ...]:
        """Every struct the call converts."""
        found = [shape for shape in self.argument_shapes if shape is not None]
        return (*found, *((self.result_shape,) if self.result_shape else ()))


@dataclass(frozen=True)
class CompiledFunction:
    """One call with the C view of the export it calls."""

    index: int  # its place in the function table
    call: Call
    export: Export
    result_types: tuple[str, ...]  # the C type of each field the export returns


def cgo_call(plan: FunctionPlan) -> Call | None:
    """The call of a cgo-style wrapper, or None when C does not convert all of it."""
    kinds = tuple(argument.kind for argument in plan.arguments)
    results = tuple(result.kind for result in plan.results)
    if not set(kinds) <= C_ARGUMENTS or not set(results) <= C_RESULTS:
        return None
    return Call(
        plan.name,
        plan.lib_name,
        kinds,
        results,
        reports=(plan.c_name or plan.name) if plan.guarded else "",
        error_result=plan.returns_error,
        result_class=plan.result_class if plan.named_results else "",
    )


def plain_call(function: PlainFunction, owner: str = "") -> Call | None:
    """The call of a plain binding's function whose arguments and result go the direct ways;
    with *owner* (a Go object class), of its method: the first argument is the receiver, whose
    handle (``self._go``) the shim takes first."""
    compiled = [argument_conversion(argument.way).compiled for argument in function.arguments]
    member = "method" if owner else "function"
    plain = function.member == member and not function.context and not function.variadic
    results = result_conversion(function.result_way).compiled
    if not plain or not all(compiled) or results is None:
        return None
    kinds = (*(("handle",) if owner else ()), *compiled)
    shapes = [
        shape_of(class_name(argument.type.name), argument.fields) if argument.fields else None
        for argument in function.arguments
    ]
    result_shape = None
    if function.result_fields:
        result_shape = shape_of(class_name(function.results[0].type.name), function.result_fields)
    return Call(
        function.name,
        function.shim,
        kinds,
        results,
        function.qualified,
        owner=owner,
        argument_shapes=(*((None,) if owner else ()), *shapes),
        result_shape=result_shape,
    )


def compiled_functions(
    plans: Sequence[FunctionPlan], header: Header, c_types: CTypes
) -> list[CompiledFunction]:
    """The cgo-style wrappers that are C, each with its C view, in the plans' order."""
    return _compiled([cgo_call(plan) for plan in plans], header, c_types)


def compiled_plain(plan: PackagePlan, header: Header, c_types: CTypes) -> list[CompiledFunction]:
    """The plain bindings' functions and Go objects' methods that are C."""
    calls = [plain_call(function) for function in plan.functions]
    calls += [plain_call(method, item.name) for item in plan.objects for method in item.methods]
    return _compiled(calls, header, c_types)


def _compiled(
    calls: Sequence[Call | None], header: Header, c_types: CTypes
) -> list[CompiledFunction]:
    exports = {export.name: export for export in header.exports}
    functions: list[CompiledFunction] = []
    structs: set[str] = set()
    for call in calls:
        export = exports.get(call.export) if call else None
        if call is None or export is None or not _fits(call, export, c_types):
            continue
        more = structs | {shape.cls for shape in call.shapes}
        if len(more) > MAX_STRUCTS:
            continue  # its struct has no bit left: it stays Python
        structs = more
        results = _result_types(export, c_types)
        if results is not None and len(results) == _fields(call):
            functions.append(CompiledFunction(len(functions), call, export, results))
    return functions


def _fits(call: Call, export: Export, c_types: CTypes) -> bool:
    """The export takes what the call converts (numbers: a C integer or floating type)."""
    if len(export.params) != len(call.arguments):
        return False
    return all(
        c_types.kind(param.c_type) in ("int", "float")
        for kind, param in zip(call.arguments, export.params)
        if kind in ("number", "handle")
    )


# The C fields a result of a kind takes, when not one: text, a (pointer, size) pair and four
# 8-byte words of short text; time, its
# fields (year ... microsecond, zone offset).
RESULT_WIDTHS: Mapping[str, int] = {"text": 6, "time": 8}


def _fields(call: Call) -> int:
    """How many C fields the export returns for *call*'s results."""
    count = sum(RESULT_WIDTHS.get(kind, 1) for kind in call.results if kind != "fields")
    if call.result_shape is not None:
        count += len(call.result_shape.attributes)
    return count + int(call.error_result)


def _result_types(export: Export, c_types: CTypes) -> tuple[str, ...] | None:
    if export.result == "void":
        return ()
    if export.result.startswith("struct "):
        fields = tuple(c_types.fields(export.result))
        return fields or None
    return (export.result,)


def preamble(ffi_module: str, functions: Sequence[CompiledFunction]) -> str:
    """What the wrappers add to the preamble of cffi's C source of *ffi_module* (its last dotted
    part): cffi's init is renamed, for the wrappers' init to call it."""
    if not functions:
        return ""
    return f"#define PyInit_{ffi_module} {RENAMED_INIT}  /* the wrappers' init calls it */\n"


def appended(ffi_module: str, functions: Sequence[CompiledFunction]) -> str:
    """What the wrappers append to cffi's C source of *ffi_module*: their C, and the init."""
    if not functions:
        return ""
    template = TEMPLATE.read_bytes().decode("utf-8")
    return "\n" + _section(template, render(ffi_module, functions), ffi_module)


def _section(template: str, generated: list[str], ffi_module: str) -> str:
    """The appended part: only CPython with the GIL gets the wrappers (PyPy loads cffi modules
    its own way; free-threaded builds keep the Python wrappers)."""
    return "\n".join(
        [
            f"/* {GENERATED_MARKER} The compiled wrappers (setuptools_golang_ext/runtime/c/wrappers.c"
            " and cwrappers.py). */",
            f"#undef PyInit_{ffi_module}",
            "#if defined(PYPY_VERSION)",
            "/* PyPy: cffi's own entry point; the Python wrappers stay. */",
            "#elif defined(Py_GIL_DISABLED)",
            f"PyMODINIT_FUNC PyInit_{ffi_module}(void) {{ return {RENAMED_INIT}(); }}",
            "#else",
            template.rstrip("\n"),
            "",
            *generated,
            "#endif",
            "",
        ]
    )


def render(ffi_module: str, functions: Sequence[CompiledFunction]) -> list[str]:
    """The generated C: result classes, structs, one function per call, their table, the
    installer."""
    lines = [
        f"static PyObject *sge_class_{function.index};"
        for function in functions
        if function.call.result_class
    ]
    shapes = struct_shapes(functions)
    lines += struct_table(shapes)
    structs = {shape.cls: index for index, shape in enumerate(shapes)}
    for function in functions:
        lines += ["", *function_lines(function, structs)]
    lines += ["", *function_table(functions, structs), "", *installer(functions, len(shapes))]
    return [*lines, "", *init(ffi_module)]


def struct_shapes(functions: Sequence[CompiledFunction]) -> list[Shape]:
    """The structs of fixed shape the functions convert, each once, in order of first use."""
    found: dict[str, Shape] = {}
    for function in functions:
        for shape in function.call.shapes:
            found.setdefault(shape.cls, shape)
    return list(found.values())


def struct_table(shapes: Sequence[Shape]) -> list[str]:
    """sge_structs: each struct class's name and attributes; the installer finds the rest."""
    if not shapes:
        return []
    lines = []
    for index, shape in enumerate(shapes):
        names = ", ".join(f'"{name}"' for name in shape.attributes)
        lines += [
            f"static const char *const sge_attributes_{index}[] = {{{names}}};",
            f"static Py_ssize_t sge_offsets_{index}[{len(shape.attributes)}];",
        ]
    lines.append(f"static sge_struct sge_structs[{len(shapes)}] = {{")
    lines += [
        f'    {{"{shape.cls}", {len(shape.attributes)}, sge_attributes_{index}, '
        f"sge_offsets_{index}, NULL}},"
        for index, shape in enumerate(shapes)
    ]
    return ["", *lines, "};"]


def function_lines(function: CompiledFunction, structs: Mapping[str, int]) -> list[str]:
    """The C function of one call; *structs*: the index of each struct class in sge_structs."""
    call, export = function.call, function.export
    count = len(call.arguments)
    lines = [
        f"/* {call.name}: {export.declaration} */",
        f"static PyObject *sge_w_{function.index}(",
        "    PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)",
        "{",
        "    Py_ssize_t nargs = SGE_NARGS(nargsf);",
        *_declarations(function),
        f"    if (sge_forked || kwnames != NULL || nargs != {count}) {{",
        "        goto fallback;",
        "    }",
    ]
    for index, kind in enumerate(call.arguments):
        shape = call.argument_shapes[index] if call.argument_shapes else None
        if shape is not None:
            lines += _struct_conversion(index, shape, structs[shape.cls])
        else:
            lines += _conversion(index, kind, export.params[index].c_type)
    invoke = f"{export.name}({', '.join(f'x{index}' for index in range(count))})"
    release = [f"    Py_XDECREF(keep{index});" for index in _kept(call.arguments)]
    lines += [
        "    state = PyEval_SaveThread();",
        f"    {'r = ' if function.result_types else ''}{invoke};",
        "    PyEval_RestoreThread(state);",
        *release,
    ]
    if call.reports:
        lines += [
            f'    if (sge_check_panic("{call.reports}") < 0) {{',
            "        return NULL;",
            "    }",
        ]
    return [
        *lines,
        *_results(function, structs),
        "fallback:",
        *release,
        "    return sge_fallback(self, args, nargs, kwnames);",
        "}",
    ]


def _kept(kinds: Sequence[str]) -> list[int]:
    """Arguments whose conversion may hold a new object (an encoded str) during the call."""
    return [index for index, kind in enumerate(kinds) if kind in _KEPT]


# Arguments that are raw records of fixed size (sge_time, sge_duration write them): their slots.
RAW_SLOTS: Mapping[str, int] = {"time": 8, "duration": 1}
DATETIME_KINDS = frozenset({"time", "duration"})  # kinds converted through the datetime C API
# Structs a module's C functions convert, at most: a bit each in a 64-bit mask, and the last
# bit for the datetime C API.
MAX_STRUCTS = 63
_TEXT = ("gostring", "cstring")
_KEPT = (*_TEXT, "bytes")  # bytes: a copy (Go may write into a []byte)


def _declarations(function: CompiledFunction) -> list[str]:
    kinds, export = function.call.arguments, function.export
    lines = ["    PyThreadState *state;"]
    numbers = bool({"number", "handle", "fields"} & set(kinds))
    if numbers:
        lines += ["    long long sge_s;", "    unsigned long long sge_u;", "    double sge_f;"]
    for index, param in enumerate(export.params):
        lines.append(f"    {param.c_type} x{index};")
        shape = function.call.argument_shapes[index] if function.call.argument_shapes else None
        lines += _struct_locals(index, shape) if shape else _locals(index, kinds[index])
    if function.result_types:
        lines.append(f"    {export.result} r;")
    if numbers:
        lines.append("    (void)sge_s, (void)sge_u, (void)sge_f;")
    return lines


def _locals(index: int, kind: str) -> list[str]:
    """What the conversion of argument *index* needs besides x<index>."""
    if kind in _TEXT:
        pointer = [f"    PyObject *keep{index} = NULL;", f"    const char *d{index};"]
        return pointer + ([f"    Py_ssize_t n{index};"] if kind == "gostring" else [])
    if kind == "bytes":
        keep = f"    PyObject *keep{index} = NULL;"
        return [keep, f"    void *d{index};", f"    Py_ssize_t n{index};"]
    if kind == "bool":
        return [f"    int b{index};"]
    if kind in RAW_SLOTS:  # the raw record: 8 bytes of zeros, then its fields
        return [f"    GoInt64 raw{index}[{RAW_SLOTS[kind] + 1}] = {{0}};"]
    if kind == "handle":
        return [f"    PyObject *h{index};"]
    return []


def _conversion(index: int, kind: str, c_type: str) -> list[str]:
    """Convert args[index] into x<index>, or go to the fallback."""
    value = f"args[{index}]"
    if kind == "number":
        return _number_conversion(index, value, c_type)
    if kind in RAW_SLOTS:
        return [
            f"    if (!sge_{kind}({value}, raw{index} + 1)) {{",
            "        goto fallback;",
            "    }",
            f"    x{index}.data = raw{index};",
            f"    x{index}.len = (GoInt)sizeof raw{index};",
            f"    x{index}.cap = (GoInt)sizeof raw{index};",
        ]
    if kind == "handle":  # the receiver's _go (NULL: not one of the class's objects)
        return [
            f"    h{index} = sge_go_handle(self, {value});",
            f"    if (h{index} == NULL || !SGE_NUMBER(h{index}, {c_type}, x{index})) {{",
            "        goto fallback;",
            "    }",
        ]
    test, assign = {
        "bool": (f"sge_bool({value}, &b{index})", f"x{index} = ({c_type})b{index};"),
        "gostring": (
            f"sge_text({value}, &d{index}, &n{index}, &keep{index})",
            f"x{index}.p = d{index};\n    x{index}.n = n{index};",
        ),
        "cstring": (
            f"sge_c_string({value}, &d{index}, &keep{index})",
            f"x{index} = (char *)d{index};",
        ),
        "bytes": (
            f"sge_bytes({value}, &d{index}, &n{index}, &keep{index})",
            f"x{index}.data = d{index};\n    x{index}.len = n{index};\n"
            f"    x{index}.cap = n{index};",
        ),
    }[kind]
    return [f"    if (!{test}) {{", "        goto fallback;", "    }", f"    {assign}"]


def _struct_locals(index: int, shape: Shape) -> list[str]:
    """A struct argument's raw record (8-byte slots: aligned for any field) and its field."""
    return [
        f"    GoUint64 raw{index}[{len(shape.attributes) + 1}] = {{0}};",
        f"    PyObject *v{index};",
        *([f"    int b{index};"] if "bool" in shape.kinds else []),
    ]


def _struct_conversion(index: int, shape: Shape, struct: int) -> list[str]:
    """args[index], an instance of exactly the struct's class whose fields C converts, into the
    raw record of x<index>; anything else goes to the fallback, which pickles it."""
    value = f"args[{index}]"
    lines = [
        f"    if (Py_TYPE({value}) != (PyTypeObject *)sge_structs[{struct}].cls) {{",
        "        goto fallback;",
        "    }",
    ]
    offsets = raw_offsets(len(shape.attributes))
    for field, (kind, offset) in enumerate(zip(shape.kinds, offsets)):
        c_type = FIELD_C_TYPES[kind]
        slot = f"*({c_type} *)((char *)raw{index} + {offset})"
        if kind == "bool":
            test = f"!sge_bool(v{index}, &b{index})"
            assign = [f"    {slot} = ({c_type})b{index};"]
        else:
            test, assign = f"!SGE_NUMBER(v{index}, {c_type}, {slot})", []
        lines += [
            f"    v{index} = sge_field({value}, &sge_structs[{struct}], {field});",
            f"    if (v{index} == NULL || {test}) {{",
            "        goto fallback;",
            "    }",
            *assign,
        ]
    return [
        *lines,
        f"    x{index}.data = raw{index};",
        f"    x{index}.len = (GoInt)sizeof raw{index};",
        f"    x{index}.cap = (GoInt)sizeof raw{index};",
    ]


def _number_conversion(index: int, value: str, c_type: str) -> list[str]:
    return [
        f"    if (!SGE_NUMBER({value}, {c_type}, x{index})) {{",
        "        goto fallback;",
        "    }",
    ]


def _results(function: CompiledFunction, structs: Mapping[str, int]) -> list[str]:
    call = function.call
    count = len(function.result_types)
    fields = [f"r.r{index}" for index in range(count)] if count > 1 else ["r"]
    if call.result_shape is not None:  # the one result: the struct's fields
        return _struct_result(call.result_shape, structs[call.result_shape.cls], fields, function)
    lines: list[str] = []
    values: list[str] = []
    position = 0
    for kind in call.results:
        taken = fields[position : position + RESULT_WIDTHS.get(kind, 1)]
        values.append(_result_value(kind, taken, function.result_types[position]))
        position += len(taken)
    if call.error_result:
        strings = [field for kind, field in zip(call.results, fields) if kind == "cstring"]
        lines += [f"    if ({fields[-1]} != NULL) {{"]
        lines += [f"        free({field});" for field in strings]
        lines += [f"        return sge_raise_go_error({fields[-1]});", "    }"]
    if not values:
        return [*lines, "    Py_RETURN_NONE;"]
    if len(values) == 1:
        return [*lines, f"    return {values[0]};"]
    cls = f"sge_class_{function.index}" if call.result_class else "NULL"
    return [
        *lines,
        "    {",
        f"        PyObject *items[{len(values)}] = {{{', '.join(values)}}};",
        f"        return sge_results({cls}, {len(values)}, items);",
        "    }",
    ]


def _struct_result(
    shape: Shape, struct: int, fields: Sequence[str], function: CompiledFunction
) -> list[str]:
    values = [
        _result_value(kind, [field], c_type)
        for kind, field, c_type in zip(shape.kinds, fields, function.result_types)
    ]
    return [
        "    {",
        f"        PyObject *items[{len(values)}] = {{{', '.join(values)}}};",
        f"        return sge_struct_value(&sge_structs[{struct}], items);",
        "    }",
    ]


def _result_value(kind: str, fields: Sequence[str], c_type: str) -> str:
    if kind == "time":
        return f"sge_time_value({', '.join(fields)})"
    if kind == "duration":
        return f"sge_duration_value({fields[0]})"
    if kind == "text":
        return f"sge_take_text({fields[0]}, {fields[1]}, &{fields[2]})"
    if kind == "cstring":
        return f"sge_take_string({fields[0]})"
    if kind == "bool":
        return f"PyBool_FromLong({fields[0]} != 0)"
    return f"SGE_FROM_NUMBER({c_type}, {fields[0]})"


def function_table(functions: Sequence[CompiledFunction], structs: Mapping[str, int]) -> list[str]:
    """sge_functions: each function's name, class, C function, and the structs it converts
    (a bit each: a struct whose class C cannot fill leaves the function in Python)."""
    lines = [
        "static const struct {",
        "    const char *name;",
        "    const char *owner; /* a method's class, or NULL */",
        "    sge_vectorcall call;",
        "    unsigned long long needs; /* bit i: sge_structs[i]; SGE_NEEDS_DATETIME */",
        f"}} sge_functions[{len(functions)}] = {{",
    ]
    for function in functions:
        owner = f'"{function.call.owner}"' if function.call.owner else "NULL"
        used = {structs.get(shape.cls, 0) for shape in function.call.shapes}
        needs = [f"(1ULL << {index})" for index in sorted(used)]
        if _uses_datetime(function.call):
            needs.append("SGE_NEEDS_DATETIME")
        bits = " | ".join(needs) or "0"
        lines.append(f'    {{"{function.call.name}", {owner}, sge_w_{function.index}, {bits}}},')
    return [*lines, "};"]


def _uses_datetime(call: Call) -> bool:
    return bool(DATETIME_KINDS & {*call.arguments, *call.results})


def installer(functions: Sequence[CompiledFunction], structs: int) -> list[str]:
    """sge_install(namespace): the C functions replace the Python ones, kept as fallbacks (a
    function whose structs C cannot fill, or that needs the datetime C API the runtime lacks,
    stays Python)."""
    datetime = any(_uses_datetime(function.call) for function in functions)
    ready = "sge_install_datetime() ? SGE_NEEDS_DATETIME : 0" if datetime else "0"
    lines = [
        "static PyObject *sge_install(PyObject *self, PyObject *namespace)",
        "{",
        "    unsigned long long ready;",
        "    (void)self;",
        "    if (sge_check_namespace(namespace) < 0) {",
        "        return NULL;",
        "    }",
        f"    ready = {ready};",
    ]
    if structs:
        lines += [
            f"    for (int i = 0; i < {structs}; i++) {{",
            "        if (sge_install_struct(namespace, &sge_structs[i]) == 0) {",
            "            ready |= 1ULL << i;",
            "        }",
            "    }",
        ]
    lines += [
        f"    for (int i = 0; i < {len(functions)}; i++) {{",
        "        if ((sge_functions[i].needs & ~ready) != 0) {",
        "            continue; /* what C cannot convert: the Python wrapper stays */",
        "        }",
        "        if (sge_install_function(namespace, sge_functions[i].name,"
        " sge_functions[i].owner, sge_functions[i].call) < 0) {",
        "            return NULL;",
        "        }",
        "    }",
    ]
    for function in functions:
        if function.call.result_class:
            variable = f"sge_class_{function.index}"
            lines += [
                f'    if (sge_keep(namespace, "{function.call.result_class}", &{variable}) < 0) {{',
                "        return NULL;",
                "    }",
            ]
    return [*lines, "    Py_RETURN_NONE;", "}"]


def init(ffi_module: str) -> list[str]:
    return [
        "static PyMethodDef sge_install_method = {",
        f'    "{INSTALL_WRAPPERS}", sge_install, METH_O,',
        '    "Replace the generated module\'s Go functions with these C ones."};',
        "",
        f"PyMODINIT_FUNC PyInit_{ffi_module}(void)",
        "{",
        f"    return sge_add_installer({RENAMED_INIT}(), &sge_install_method);",
        "}",
    ]


def python_install(ffi_module: str) -> list[str]:
    """The generated module's last lines: its C functions take the Python ones' places."""
    return [
        "",
        "# c-archive on CPython: the compiled wrappers of the cffi module replace the functions",
        "# above, which each keeps as its fallback (PyPy and free-threaded builds keep them).",
        "try:",
        f"    from {ffi_module} import {INSTALL_WRAPPERS} as _install_wrappers",
        "except ImportError:",
        "    pass",
        "else:",
        "    _install_wrappers(globals())",
    ]
