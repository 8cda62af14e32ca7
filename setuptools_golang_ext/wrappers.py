"""Render function plans as Python: the generated module's wrappers and its ``.pyi`` stub.

Each wrapper is straight-line code for its own export (no generic dispatch at call time): the
raw cffi function is bound to a module global once, arguments are converted inline or by one of
a few helpers, and only the helpers a module uses are emitted.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Sequence

from .bindings import Argument, FunctionPlan, Result
from .names import FREE_FUNCTION, GENERATED_MARKER, PANIC_COUNT_FUNCTION, TAKE_PANIC_FUNCTION

# Helper functions of the generated module, by the argument/result kind that needs them.
HELPERS = {
    "gostring": '''
def _go_string(value: str | bytes) -> tuple[Any, int]:
    """A Go string over the bytes of *value* (str is encoded as UTF-8); no copy of bytes."""
    data = value.encode() if isinstance(value, str) else value
    return ffi.from_buffer(data), len(data)
''',
    "cstring": '''
def _c_string(value: str | bytes, name: str) -> bytes:
    """The bytes of a C string argument; NUL would silently cut it short, so it is refused."""
    data = value.encode() if isinstance(value, str) else value
    if b"\\0" in data:
        raise ValueError(f"{name}: a C string cannot contain NUL characters")
    return data
''',
    "bytes": '''
def _bytes_slice(value: Buffer) -> tuple[Any, int, int]:
    """A Go []byte over the memory of any buffer, without copying (writable if it is)."""
    data = ffi.from_buffer(value)
    return data, len(data), len(data)
''',
    "slice": '''
def _slice(value: Any, c_type: str) -> tuple[Any, int, int]:
    """A Go slice: over a buffer of matching items without copying, else a copied sequence."""
    try:
        view = memoryview(value)
    except TypeError:
        data = ffi.new(c_type + "[]", list(value))
    else:
        if view.c_contiguous and _native(view.format) in _BUFFER_FORMATS[c_type]:
            data = ffi.from_buffer(c_type + "[]", value)
        else:
            data = ffi.new(c_type + "[]", _items(view))
    return data, len(data), len(data)


def _native(format: str) -> str:
    """A buffer format without its byte-order mark when the order is this machine's."""
    native = "<" if _sys.byteorder == "little" else ">"
    return format[1:] if format[:1] in ("@", "=", native) else format


def _items(view: memoryview) -> list[Any]:
    """The items of any buffer as Python values (non-native byte order included)."""
    try:
        return view.tolist()
    except NotImplementedError:
        return [item for (item,) in _struct.iter_unpack(view.format, view.tobytes())]


def _buffer_formats(c_type: str) -> frozenset[str]:
    """struct-module format codes of buffers whose items are *c_type* values."""
    size = ffi.sizeof(c_type)
    floats = ffi.typeof(c_type).cname in ("float", "double")
    codes = "fd" if floats else ("bhilqn" if int(ffi.cast(c_type, -1)) < 0 else "BHILQN")
    return frozenset(code for code in codes if _struct.calcsize(code) == size)
''',
    "free": '''
def _take_string(pointer: Any) -> str:
    """The text of a C string Go allocated, which is then freed."""
    if not pointer:
        return ""
    try:
        return ffi.string(pointer).decode("utf-8", "replace")
    finally:
        _free(pointer)
''',
    "release": '''
_pending: list[Any] = []  # small C results Go allocated, to free together


def _release(pointer: Any, size: int) -> None:
    """Free C memory Go returned; small blocks 64 at a time: a call into Go costs more than
    a free, and pop() hands each pointer to one thread only."""
    if size > 4096:
        _free(pointer)
        return
    _pending.append(pointer)
    if len(_pending) >= 64:
        batch = []
        try:
            while True:
                batch.append(_pending.pop())
        except IndexError:
            pass
        _free_many(batch, len(batch))
''',
    "pickle": '''
def _take_pickle(result: Any) -> Any:
    """The value Go encoded into a pickle stream in C memory, which is then freed. Small
    streams are copied to bytes first (the unpickler reads bytes fastest); big ones are read in
    place (a copy of megabytes costs more, in page faults too, than it saves)."""
    pointer, size = result.r0, result.r1
    try:
        if size > 65536:
            return _loads(ffi.buffer(pointer, size))
        return _loads(ffi.unpack(pointer, size))
    finally:
        _release(pointer, size)
''',
    "string": '''
def _take_text(result: Any) -> str:
    """The text Go returned as UTF-8 in C memory, which is then freed (invalid UTF-8 is
    replaced by U+FFFD, as the codec does in pickled values)."""
    pointer, size = result.r0, result.r1
    try:
        return ffi.unpack(pointer, size).decode("utf-8", "replace")
    finally:
        _release(pointer, size)
''',
    "panic": f'''
# Annotated here, above the function that declares it global: PyPy 3.9 (7.3.11) refuses an
# annotated assignment below such a function ("annotated name can't be global").
_panics: Any


class _PanicCount:
    """Stands in for the count of panic reports until the first call: asking Go for its
    address at import would wait there for the Go runtime to start."""

    def __getitem__(self, index: int) -> int:
        global _panics
        # Read after every call: a memoryview over the C int reads faster than a cdata pointer.
        address = lib.{PANIC_COUNT_FUNCTION}()
        _panics = memoryview(ffi.buffer(address, ffi.sizeof("int"))).cast("i")
        return _panics[index]


_panics = _PanicCount()
_take_panic = lib.{TAKE_PANIC_FUNCTION}


def _raise_panic(function: str) -> None:
    """Raise what the call that just returned on this thread reported, if anything: GoPanic
    for a recovered panic, GoError for a returned error, TypeError... for a value that could
    not be converted (the count that led here also counts other threads' reports)."""
    report = _take_panic()
    if report:
        raise _report_exception(function, _take_string(report), globals())


def _drop_panic() -> None:
    """Drop what the call that just returned left for this thread, if anything."""
    if _panics[0]:
        report = _take_panic()
        if report:
            _free(report)
''',
}


def needed_helpers(plans: Iterable[FunctionPlan]) -> list[str]:
    kinds: set[str] = set()
    for plan in plans:
        kinds.update(argument.kind for argument in plan.arguments)
        if plan.returns_error or any(result.kind == "cstring" for result in plan.results):
            kinds.add("free")
        if plan.guarded:
            kinds.update(("free", "panic"))
    return [kind for kind in HELPERS if kind in kinds]


def render_functions(plans: Sequence[FunctionPlan]) -> list[str]:
    """The module's body after its imports: raw bindings, helpers, result classes, wrappers."""
    helpers = needed_helpers(plans)
    lines: list[str] = []
    if "free" in helpers:
        lines.append(f"_free = lib.{FREE_FUNCTION}")
    # Module globals: one dictionary lookup per call instead of an attribute lookup on lib.
    lines += [f"_lib_{plan.name} = {_lib_attribute(plan.lib_name)}" for plan in plans]
    for kind in helpers:
        lines += ["", "", *HELPERS[kind].strip("\n").splitlines()]
    slice_types = sorted(
        {arg.c_element for plan in plans for arg in plan.arguments if arg.c_element}
    )
    if slice_types:
        lines += ["", "", "_BUFFER_FORMATS = {"]
        lines += [f'    "{c_type}": _buffer_formats("{c_type}"),' for c_type in slice_types]
        lines.append("}")
    for plan in plans:
        lines += ["", ""]
        if plan.named_results:
            lines += [*result_namedtuple(plan), "", ""]
        lines += wrapper(plan)
    return lines


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
        body.append(f"    {assign}_lib_{plan.name}({', '.join(map(_convert, plan.arguments))})")
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
    arguments = [(argument.name, _convert(argument)) for argument in plan.arguments]
    return guarded_call(f"_lib_{plan.name}", plan.c_name or plan.name, arguments, assign)


def guarded_call(
    function: str, go_name: str, arguments: Sequence[tuple[str, str]], assign: str
) -> list[str]:
    """The call of *function* (an export that reports panics, errors and failed conversions),
    then the check for a report. *arguments* are (parameter, converted expression) pairs: they
    are converted first, so that only the call itself is in the ``try``: an exception there (a
    signal handler's, raised as the call returned) drops the report the call may have left."""
    conversions, names = [], []
    for index, (name, converted) in enumerate(arguments):
        if converted == name:
            names.append(name)
        else:
            conversions.append(f"    _arg{index} = {converted}")
            names.append(f"_arg{index}")
    return [
        *conversions,
        "    try:",
        f"        {assign}{function}({', '.join(names)})",
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


def _convert(argument: Argument) -> str:
    name = argument.name
    return {
        "bool": f"bool({name})",  # Go's bool must be 0 or 1, never another byte
        "gostring": f"_go_string({name})",
        "cstring": f'_c_string({name}, "{name}")',
        "bytes": f"_bytes_slice({name})",
        "slice": f'_slice({name}, "{argument.c_element}")',
    }.get(argument.kind, name)


def _convert_result(result: Result, expression: str) -> str:
    if result.kind == "cstring":
        return f"_take_string({expression})"
    if result.kind == "bool":
        return f"bool({expression})"
    return expression


# What every generated module re-exports from the distribution's runtime module.
RUNTIME_NAMES = ("GoError", "GoPanic", "interruptible")


def public_names(plans: Sequence[FunctionPlan]) -> list[str]:
    """``__all__`` of the generated module (and of its stub)."""
    names = [*RUNTIME_NAMES, "ffi", "lib", *(plan.name for plan in plans)]
    names += [plan.result_class for plan in plans if plan.named_results]
    return sorted(names)


def render_all(plans: Sequence[FunctionPlan]) -> list[str]:
    return ["__all__ = [", *(f'    "{name}",' for name in public_names(plans)), "]"]


def annotation_imports(plans: Sequence[FunctionPlan]) -> list[str]:
    """Imports the annotations of *plans* need beyond ``typing.Any``/``NamedTuple``."""
    annotations = " ".join(
        [arg.annotation for plan in plans for arg in plan.arguments]
        + [result.annotation for plan in plans for result in plan.results]
    )
    imports = []
    if "Sequence[" in annotations:
        imports.append("from collections.abc import Sequence")
    if "Buffer" in annotations:
        imports.append("from typing_extensions import Buffer")
    return imports


def stub_typing_import(plans: Sequence[FunctionPlan]) -> str:
    named = ["NamedTuple"] if any(plan.named_results for plan in plans) else []
    return f"from typing import {', '.join(['Any', *named])}"


def render_stub(plans: Sequence[FunctionPlan], runtime_module: str) -> str:
    """The ``.pyi`` of the generated module: the wrappers' signatures, result classes, docs."""
    lines = [f"# {GENERATED_MARKER}", "", stub_typing_import(plans), *annotation_imports(plans)]
    lines += ["", *(f"from {runtime_module} import {name} as {name}" for name in RUNTIME_NAMES)]
    lines += ["", *render_all(plans)]
    lines += ["", "ffi: Any", "lib: Any"]
    for plan in plans:
        if plan.named_results:
            lines += ["", *result_class(plan)]
        lines += ["", signature(plan), *docstring(plan)]
    return "\n".join(lines) + "\n"
