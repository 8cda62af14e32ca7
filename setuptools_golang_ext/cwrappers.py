"""Render function plans as C: the compiled wrappers of a c-archive module (CPython).

In c-archive mode setuptools compiles cffi's C source anyway; this module appends to it one
``METH_FASTCALL`` C function per export it can convert in C, which calls the export's guard
directly, plus an installer the generated Python module calls at import: it puts the C
functions in the module's globals in place of the Python wrappers, which stay behind each one as
its fallback (keyword arguments, other argument types, values that do not fit, a forked child).
The fixed part is the real C file ``c/wrappers.c``; everything here is a pure function of the
plans and the header, and the same inputs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .bindings import Argument, CTypes, FunctionPlan
from .header import Export, Header
from .names import GENERATED_MARKER, INSTALL_WRAPPERS

TEMPLATE = Path(__file__).parent / "c" / "wrappers.c"
RENAMED_INIT = "_setuptools_golang_ext_cffi_init"  # cffi's PyInit_<module>, renamed

# Argument and result kinds converted in C; a plan with any other stays a Python function.
C_ARGUMENTS = frozenset({"number", "bool", "gostring", "cstring", "bytes"})
C_RESULTS = frozenset({"number", "bool", "cstring"})


@dataclass(frozen=True)
class CompiledFunction:
    """One plan with the C view of the guard (or export) its wrapper calls."""

    index: int  # its place in the method table and the fallbacks
    plan: FunctionPlan
    export: Export
    result_types: tuple[str, ...]  # the C type of each result the function returns


def compilable(plan: FunctionPlan, c_types: CTypes, export: Export | None) -> bool:
    """Whether the wrapper of *plan* can be C: every argument and result converts in C."""
    if export is None or len(export.params) != len(plan.arguments):
        return False
    kinds = [argument.kind for argument in plan.arguments]
    if any(kind not in C_ARGUMENTS for kind in kinds):
        return False
    if any(result.kind not in C_RESULTS for result in plan.results):
        return False
    numbers = [
        c_types.kind(param.c_type)
        for argument, param in zip(plan.arguments, export.params)
        if argument.kind == "number"
    ]
    return all(kind in ("int", "float") for kind in numbers)


def compiled_functions(
    plans: Sequence[FunctionPlan], header: Header, c_types: CTypes
) -> list[CompiledFunction]:
    """The plans whose wrappers are C, each with its C view, in the plans' order."""
    exports = {export.name: export for export in header.exports}
    functions: list[CompiledFunction] = []
    for plan in plans:
        export = exports.get(plan.lib_name)
        if export is None or not compilable(plan, c_types, export):
            continue
        results = _result_types(export, c_types)
        if results is None:
            continue
        functions.append(CompiledFunction(len(functions), plan, export, results))
    return functions


def _result_types(export: Export, c_types: CTypes) -> tuple[str, ...] | None:
    if export.result == "void":
        return ()
    if export.result.startswith("struct "):
        fields = tuple(c_types.fields(export.result))
        return fields or None
    return (export.result,)


def with_wrappers(c_source: str, ffi_module: str, functions: Sequence[CompiledFunction]) -> str:
    """cffi's C source of *ffi_module* (its last dotted part) with the compiled wrappers."""
    if not functions:
        return c_source
    first, newline, rest = c_source.partition("\n")
    rename = f"#define PyInit_{ffi_module} {RENAMED_INIT}  /* the wrappers' init calls it */"
    template = TEMPLATE.read_bytes().decode("utf-8")
    generated = render(ffi_module, functions)
    return f"{first}{newline}{rename}\n{rest}\n{_section(template, generated, ffi_module)}"


def _section(template: str, generated: list[str], ffi_module: str) -> str:
    """The appended part: only CPython with the GIL gets the wrappers (PyPy loads cffi modules
    its own way; free-threaded builds keep the Python wrappers)."""
    return "\n".join(
        [
            f"/* {GENERATED_MARKER} The compiled wrappers (setuptools_golang_ext/c/wrappers.c"
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
    """The generated C: fallbacks, result classes, one function per export, the installer."""
    lines = [
        f"static PyObject *sge_class_{function.index};"
        for function in functions
        if function.plan.named_results
    ]
    for function in functions:
        lines += ["", *function_lines(function)]
    lines += ["", *function_table(functions), "", *installer(functions), "", *init(ffi_module)]
    return lines


def function_lines(function: CompiledFunction) -> list[str]:
    plan, export = function.plan, function.export
    count = len(plan.arguments)
    name = f"sge_w_{function.index}"
    lines = [
        f"/* {plan.name}: {export.declaration} */",
        f"static PyObject *{name}(",
        "    PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)",
        "{",
        "    Py_ssize_t nargs = SGE_NARGS(nargsf);",
        *_declarations(function),
        f"    if (sge_forked || kwnames != NULL || nargs != {count}) {{",
        "        goto fallback;",
        "    }",
    ]
    for index, argument in enumerate(plan.arguments):
        lines += _conversion(index, argument, export.params[index].c_type)
    call = f"{export.name}({', '.join(f'x{index}' for index in range(count))})"
    lines += [
        "    state = PyEval_SaveThread();",
        f"    {'r = ' if function.result_types else ''}{call};",
        "    PyEval_RestoreThread(state);",
        *(f"    Py_XDECREF(keep{index});" for index in _kept(plan.arguments)),
    ]
    if plan.guarded:
        go_name = plan.c_name or plan.name
        lines += [f'    if (sge_check_panic("{go_name}") < 0) {{', "        return NULL;", "    }"]
    lines += _results(function)
    lines += ["fallback:"]
    lines += [f"    Py_XDECREF(keep{index});" for index in _kept(plan.arguments)]
    lines += [
        "    return sge_fallback(self, args, nargs, kwnames);",
        "}",
    ]
    return lines


def _kept(arguments: Sequence[Argument]) -> list[int]:
    """Arguments whose conversion may hold a new object (an encoded str) during the call."""
    return [index for index, argument in enumerate(arguments) if argument.kind in _TEXT]


_TEXT = ("gostring", "cstring")


def _declarations(function: CompiledFunction) -> list[str]:
    plan, export = function.plan, function.export
    lines = ["    PyThreadState *state;"]
    kinds = [argument.kind for argument in plan.arguments]
    if "number" in kinds:
        lines += ["    long long sge_s;", "    unsigned long long sge_u;", "    double sge_f;"]
    for index, param in enumerate(export.params):
        lines.append(f"    {param.c_type} x{index};")
        lines += _locals(index, kinds[index])
    if function.result_types:
        lines.append(f"    {export.result} r;")
    if "number" in kinds:
        lines.append("    (void)sge_s, (void)sge_u, (void)sge_f;")
    return lines


def _locals(index: int, kind: str) -> list[str]:
    """What the conversion of argument *index* needs besides x<index>."""
    if kind in _TEXT:
        pointer = [f"    PyObject *keep{index} = NULL;", f"    const char *d{index};"]
        return pointer + ([f"    Py_ssize_t n{index};"] if kind == "gostring" else [])
    if kind == "bytes":
        return [f"    void *d{index};", f"    Py_ssize_t n{index};"]
    if kind == "bool":
        return [f"    int b{index};"]
    return []


def _conversion(index: int, argument: Argument, c_type: str) -> list[str]:
    """Convert args[index] into x<index>, or go to the fallback."""
    value = f"args[{index}]"
    kind = argument.kind
    if kind == "number" and c_type:
        return _number_conversion(index, value, c_type)
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
            f"sge_bytes({value}, &d{index}, &n{index})",
            f"x{index}.data = d{index};\n    x{index}.len = n{index};\n"
            f"    x{index}.cap = n{index};",
        ),
    }[kind]
    return [f"    if (!{test}) {{", "        goto fallback;", "    }", f"    {assign}"]


def _number_conversion(index: int, value: str, c_type: str) -> list[str]:
    return [
        f"    if (!SGE_NUMBER({value}, {c_type}, x{index})) {{",
        "        goto fallback;",
        "    }",
    ]


def _results(function: CompiledFunction) -> list[str]:
    plan = function.plan
    fields = (
        [f"r.r{index}" for index in range(len(function.result_types))]
        if len(function.result_types) > 1
        else ["r"]
    )
    lines: list[str] = []
    if plan.returns_error:
        lines += [f"    if ({fields[-1]} != NULL) {{"]
        lines += [
            f"        free({field});"
            for result, field in zip(plan.results, fields)
            if result.kind == "cstring"
        ]
        lines += [f"        return sge_raise_go_error({fields[-1]});", "    }"]
    values = [
        _result_value(result.kind, field, c_type)
        for result, field, c_type in zip(plan.results, fields, function.result_types)
    ]
    if not values:
        return [*lines, "    Py_RETURN_NONE;"]
    if len(values) == 1:
        return [*lines, f"    return {values[0]};"]
    cls = f"sge_class_{function.index}" if plan.named_results else "NULL"
    items = ", ".join(values)
    return [
        *lines,
        "    {",
        f"        PyObject *items[{len(values)}] = {{{items}}};",
        f"        return sge_results({cls}, {len(values)}, items);",
        "    }",
    ]


def _result_value(kind: str, field: str, c_type: str) -> str:
    if kind == "cstring":
        return f"sge_take_string({field})"
    if kind == "bool":
        return f"PyBool_FromLong({field} != 0)"
    return f"SGE_FROM_NUMBER({c_type}, {field})"


def function_table(functions: Sequence[CompiledFunction]) -> list[str]:
    lines = [
        "static const struct {",
        "    const char *name;",
        "    sge_vectorcall call;",
        f"}} sge_functions[{len(functions)}] = {{",
    ]
    lines += [f'    {{"{function.plan.name}", sge_w_{function.index}}},' for function in functions]
    return [*lines, "};"]


def installer(functions: Sequence[CompiledFunction]) -> list[str]:
    """sge_install(namespace): the C functions replace the Python ones, kept as fallbacks."""
    lines = [
        "static PyObject *sge_install(PyObject *self, PyObject *namespace)",
        "{",
        "    (void)self;",
        "    if (sge_check_namespace(namespace) < 0) {",
        "        return NULL;",
        "    }",
        f"    for (int i = 0; i < {len(functions)}; i++) {{",
        "        if (sge_install_function(namespace, sge_functions[i].name,"
        " sge_functions[i].call) < 0) {",
        "            return NULL;",
        "        }",
        "    }",
    ]
    for function in functions:
        if function.plan.named_results:
            variable = f"sge_class_{function.index}"
            lines += [
                f'    if (sge_keep(namespace, "{function.plan.result_class}", &{variable}) < 0) {{',
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
