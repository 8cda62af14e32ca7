"""Render the cgo style's function plans as Python: the generated module's wrappers and its
``.pyi`` stub (and the pieces of them the plain style's :mod:`.pymodule` shares).

Each wrapper is straight-line code for its own export (no generic dispatch at call time): the
raw cffi function is bound to a module global once, arguments are converted inline or by one of
a few helpers, and only the helpers a module uses are copied (from ``module_helpers.py``; which
ones, :mod:`.needs` says).
"""

from __future__ import annotations

import keyword
from collections.abc import Sequence

from setuptools_golang_ext.binding.cgo.bindings import Argument, FunctionPlan, Result
from setuptools_golang_ext.binding.needs import RUNTIME_NAMES, cgo_needs, helper_lines
from setuptools_golang_ext.names import FREE_FUNCTION, GENERATED_MARKER


def render_functions(plans: Sequence[FunctionPlan]) -> list[str]:
    """The module's body after its imports: raw bindings, helpers, result classes, wrappers."""
    needs = cgo_needs(tuple(plans))
    lines: list[str] = []
    if "free" in needs.helpers:
        lines.append(f"_free = lib.{FREE_FUNCTION}")
    # Module globals: one dictionary lookup per call instead of an attribute lookup on lib.
    lines += [f"_lib_{plan.name} = {_lib_attribute(plan.lib_name)}" for plan in plans]
    for kind in needs.helpers:
        lines += ["", "", *helper_lines(kind)]
    lines += buffer_formats_lines(needs.buffer_formats)
    for plan in plans:
        lines += ["", ""]
        if plan.named_results:
            lines += [*result_namedtuple(plan), "", ""]
        lines += wrapper(plan)
    return lines


def buffer_formats_lines(c_types: Sequence[str]) -> list[str]:
    """The buffer formats a module accepts for the items of its number slices, by C type."""
    if not c_types:
        return []
    entries = [f'    "{c_type}": _buffer_formats("{c_type}"),' for c_type in c_types]
    return ["", "", "_BUFFER_FORMATS = {", *entries, "}"]


def _lib_attribute(c_name: str) -> str:
    return f"lib.{c_name}" if not keyword.iskeyword(c_name) else f'getattr(lib, "{c_name}")'


def result_class(plan: FunctionPlan) -> list[str]:
    """The NamedTuple class, as the stub declares it."""
    lines = [f"class {plan.result_class}(NamedTuple):"]
    lines.append(f'    """The results of :func:`{plan.name}`."""')
    lines.append("")
    lines += [f"    {result.name}: {result.annotation}" for result in plan.results]
    return lines


def result_namedtuple(plan: FunctionPlan) -> list[str]:
    fields = [(result.name, result.annotation) for result in plan.results]
    return namedtuple_lines(plan.result_class, plan.name, fields)


def namedtuple_lines(
    class_name: str, function: str, fields: Sequence[tuple[str, str]]
) -> list[str]:
    """The results class of *function* in the module, made by collections.namedtuple: importing
    typing would double the module's import time. *fields*: (name, annotation) pairs."""
    names = ", ".join(f'"{name}"' for name, _ in fields)
    types = ", ".join(f"{name}: {annotation}" for name, annotation in fields)
    return [
        f'{class_name} = _namedtuple("{class_name}", [{names}])',
        f'{class_name}.__doc__ = "The results of :func:`{function}`: ({types})."',
    ]


def signature(plan: FunctionPlan) -> str:
    params = ", ".join(f"{arg.name}: {arg.annotation}" for arg in plan.arguments)
    return f"def {plan.name}({params}) -> {plan.return_annotation}:"


def docstring(plan: FunctionPlan, indent: str = "    ") -> list[str]:
    lines = [*(plan.doc.splitlines() if plan.doc else []), "", f"Go: ``{plan.go_signature}``"]
    if plan.returns_error:
        lines += ["", "Raises GoError with the message when Go returns a non-nil ``err``."]
    if not plan.doc:
        lines = lines[1:]
    return docstring_lines(lines, indent)


def docstring_lines(lines: list[str], indent: str) -> list[str]:
    """A docstring of *lines*, indented by *indent*."""
    # Go docs are written for Go: backslashes (regexps!) and triple quotes must stay literal.
    escaped = [line.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') for line in lines]
    if len(escaped) == 1:
        return [f'{indent}"""{escaped[0]}"""']
    body = [f"{indent}{line}" if line else "" for line in escaped[1:]]
    return [f'{indent}"""{escaped[0]}', *body, f'{indent}"""']


def wrapper(plan: FunctionPlan) -> list[str]:
    body = [signature(plan), *docstring(plan)]
    assign = "_result = " if plan.c_results else ""
    if plan.guarded:
        body += _guarded_call(plan, assign)
    else:
        label = f"{plan.name}() argument"
        converted = ", ".join(_convert(argument, label) for argument in plan.arguments)
        body.append(f"    {assign}_lib_{plan.name}({converted})")
    if plan.c_results == 0:
        return body
    fields = (
        [f"_result.r{index}" for index in range(plan.c_results)]
        if plan.c_results > 1
        else ["_result"]
    )
    if plan.returns_error:
        body += _raise_on_error(plan, fields)
    values = [_convert_result(result, field) for result, field in zip(plan.results, fields)]
    if not values:
        return [*body, "    return None"]
    if len(values) == 1:
        return [*body, f"    return {values[0]}"]
    container = plan.result_class if plan.named_results else ""
    return [*body, f"    return {container}({', '.join(values)}{'' if container else ','})"]


def _guarded_call(plan: FunctionPlan, assign: str) -> list[str]:
    label = f"{plan.name}() argument"
    arguments = [(argument.name, _convert(argument, label)) for argument in plan.arguments]
    numbers = [argument.name for argument in plan.arguments if argument.kind == "number"]
    return guarded_call(
        f"_lib_{plan.name}", plan.c_name or plan.name, arguments, assign, (label, numbers)
    )


# How messages name a function's arguments (``F() argument``), and the parameters cffi itself
# converts (numbers), whose refusals are given the argument's name.
Numbers = tuple[str, Sequence[str]]


def guarded_call(
    function: str,
    go_name: str,
    arguments: Sequence[tuple[str, str]],
    assign: str,
    numbers: Numbers = ("", ()),
) -> list[str]:
    """The call of *function* (an export that reports panics, errors and failed conversions),
    then the check for a report. *arguments* are (parameter, converted expression) pairs: they
    are converted first, so that only the call itself is in the ``try``: an exception there (a
    signal handler's, raised as the call returned) drops the report the call may have left."""
    conversions, checked = guarded_call_parts(function, go_name, arguments, assign, numbers)
    return [*conversions.values(), *checked]


def guarded_call_parts(
    function: str,
    go_name: str,
    arguments: Sequence[tuple[str, str]],
    assign: str,
    numbers: Numbers = ("", ()),
) -> tuple[dict[str, str], list[str]]:
    """:func:`guarded_call` in two parts: the arguments' conversions (each line, by the local
    it assigns: ``_arg<index>``, numbered over *arguments*), and the checked call. When cffi
    refuses one of *numbers*, the error names it (found after the failure: the call costs
    nothing more)."""
    conversions: dict[str, str] = {}
    names = []
    for index, (name, converted) in enumerate(arguments):
        if converted == name:
            names.append(name)
        else:
            conversions[f"_arg{index}"] = f"    _arg{index} = {converted}"
            names.append(f"_arg{index}")
    label, checked = numbers
    named = []
    if checked:
        parameters = ", ".join(f'"{name}"' for name, _ in arguments)
        named = [
            "    except (TypeError, OverflowError) as _error:",
            "        _drop_panic()",
            f'        raise _argument_error(_error, {function}, "{label}", ({parameters},), '
            f"({', '.join(names)},)) from None",
        ]
    return conversions, [
        "    try:",
        f"        {assign}{function}({', '.join(names)})",
        *named,
        "    except BaseException:",
        "        _drop_panic()",
        "        raise",
        "    if _panics[0]:",
        f'        _raise_panic("{go_name}")',
    ]


def _raise_on_error(plan: FunctionPlan, fields: list[str]) -> list[str]:
    error = fields[-1]
    lines = [f"    if {error}:"]
    for result, field in zip(plan.results, fields):
        if result.kind == "cstring":
            lines.append(f"        _free({field})")
    lines.append(f"        raise GoError(_take_string({error}))")
    return lines


def _convert(argument: Argument, label: str) -> str:
    """The expression converting *argument*; *label* is how messages name it (``F() argument``)."""
    name, where = argument.name, f"{label} {argument.name}"
    if argument.float32:  # cffi would make 1e39 inf
        return f'_float32({name}, "{where}")'
    return {
        # Go's bool must be 0 or 1, never another byte; truthiness would make "false" True.
        "bool": f'{name} if {name} is True or {name} is False else _go_bool({name}, "{where}")',
        "gostring": f'_go_string({name}, "{where}")',
        "cstring": f'_c_string({name}, "{name}")',
        "bytes": f'_bytes_slice({name}, "{where}")',
        "slice": f'_slice({name}, "{argument.c_element}", "{where}")',
    }.get(argument.kind, name)


def _convert_result(result: Result, expression: str) -> str:
    if result.kind == "cstring":
        return f"_take_string({expression})"
    if result.kind == "bool":
        return f"bool({expression})"
    return expression


def render_stub(plans: Sequence[FunctionPlan], runtime_module: str) -> str:
    """The ``.pyi`` of the generated module: the wrappers' signatures, result classes, docs."""
    needs = cgo_needs(tuple(plans))
    lines = [f"# {GENERATED_MARKER}", "", *needs.annotations]
    lines += ["", *(f"from {runtime_module} import {name} as {name}" for name in RUNTIME_NAMES)]
    lines += ["", *all_lines(needs.public_names)]
    lines += ["", "ffi: Any", "lib: Any"]
    for plan in plans:
        if plan.named_results:
            lines += ["", *result_class(plan)]
        lines += ["", signature(plan), *docstring(plan)]
    return "\n".join(lines) + "\n"


def all_lines(names: Sequence[str]) -> list[str]:
    """``__all__`` of a generated module (and of its stub)."""
    return ["__all__ = [", *(f'    "{name}",' for name in names), "]"]
