"""Generate the Python side: the cffi module and the module the user imports.

Every function here is a pure function of its inputs: the same extension and header give the same
bytes, and nothing depends on the build directory or the clock.

For ``target = "pkg._native"`` the generated files are, in the package directory:

* ``_native.py`` — what the user imports: ``ffi`` and ``lib``;
* ``_native_cffi.py`` (c-shared: cffi's out-of-line ABI module) or ``_native_cffi.<abi3 suffix>``
  (c-archive: cffi's API-mode extension module with the Go archive linked in, built by setuptools
  from the C source :func:`api_c_source` returns);
* ``lib_native.so`` / ``.dylib`` / ``_native.dll`` (c-shared only): the Go library.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import cffi
from cffi import recompiler

from setuptools_golang_ext import runtime
from setuptools_golang_ext.binding import cwrappers
from setuptools_golang_ext.binding.cgo.bindings import CKind, FunctionPlan
from setuptools_golang_ext.binding.cgo.wrappers import all_lines, render_functions
from setuptools_golang_ext.binding.needs import cgo_needs, plain_needs
from setuptools_golang_ext.binding.plain import pymodule
from setuptools_golang_ext.binding.plain.plan import PackagePlan
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.names import (
    CFFI_SUFFIX,
    GENERATED_MARKER,
    INTERNAL_PREFIX,
    RUNTIME_MODULE,
)
from setuptools_golang_ext.stages.header import Header


def ffi_module_name(extension: GoExtension) -> str:
    """The dotted name of the cffi module behind *extension*: ``pkg._native_cffi``."""
    return extension.target + CFFI_SUFFIX


def abi_ffi_source(extension: GoExtension, header: Header) -> str:
    """The text of cffi's out-of-line ABI module (``set_source(name, None)``) for *header*."""
    code = _emit(recompiler.make_py_source, _builder(header), ffi_module_name(extension))
    return f"# {GENERATED_MARKER}\n{code}"


def api_c_source(
    extension: GoExtension,
    header: Header,
    header_file: str,
    compiled: Sequence[cwrappers.CompiledFunction] = (),
) -> str:
    """The C source of cffi's API-mode module; it includes the header cgo wrote, and has the
    *compiled* wrappers (c-archive)."""
    module = ffi_module_name(extension)
    base = module.rpartition(".")[2]
    preamble = cwrappers.preamble(base, compiled) + f'#include "{header_file}"'
    code = _emit(recompiler.make_c_source, _builder(header), module, preamble)
    return f"/* {GENERATED_MARKER} */\n{code}{cwrappers.appended(base, compiled)}"


def _builder(header: Header) -> cffi.FFI:
    builder = cffi.FFI()
    builder.cdef(header.cdef)
    return builder


def _emit(make: Callable[..., bool], *args: object) -> str:
    """Run one of cffi's source writers (they only write files) and return what it wrote."""
    with tempfile.TemporaryDirectory(prefix="setuptools-golang-ext-") as scratch:
        path = Path(scratch, "generated")
        make(*args, str(path))
        return path.read_text(encoding="utf-8")


class CffiTypes:
    """Answers the binding planner's questions about C types from the cdef, through cffi."""

    def __init__(self, header: Header) -> None:
        self._ffi = _builder(header)

    def kind(self, c_type: str) -> CKind:
        try:
            ctype = self._ffi.typeof(c_type)
        except _CFFI_LOOKUP_ERRORS:
            return "other"
        if ctype.kind == "enum":
            return "int"
        if ctype.kind == "pointer" and ctype.item.cname == "char":
            return "char_pointer"
        if ctype.kind != "primitive":
            return "other"
        if ctype.cname == "_Bool":
            return "bool"
        if ctype.cname in ("float", "double", "long double"):
            return "float"
        return "int" if ctype.cname not in ("char", "wchar_t", "char16_t", "char32_t") else "other"

    def fields(self, struct: str) -> list[str]:
        try:
            return [field.type.cname for _, field in self._ffi.typeof(struct).fields]
        except _CFFI_LOOKUP_ERRORS:
            return []


# cffi's answers for unknown types, and for partial structs (`...;`) of API mode before compiling.
_CFFI_LOOKUP_ERRORS = (
    cffi.CDefError,
    cffi.FFIError,
    cffi.VerificationMissing,
    TypeError,
    ValueError,
)


def module_source(
    extension: GoExtension,
    header: Header,
    plans: Sequence[FunctionPlan],
    *,
    import_path: str,
    library_file: str | None,
    runtime_module: str,
    library_beside_runtime: bool = False,
    ffi_module: str | None = None,
    plain: PackagePlan | None = None,
    compiled_wrappers: bool = False,
) -> str:
    """The module the user imports. *library_file* is the Go library's file name (c-shared only),
    next to this module or, when the distribution's extensions share it, to the runtime module.
    *ffi_module* names another extension's cffi module when that one carries the Go archive.
    *compiled_wrappers*: the cffi module has C functions for some wrappers (cwrappers.py)."""
    ffi_module = (
        ffi_module or ("." if extension.package else "") + extension.module_name + CFFI_SUFFIX
    )
    dlopen = library_file is not None and not library_beside_runtime
    if plain is not None:
        needs = plain_needs(plain)
        docstring = "\n".join(pymodule.module_docstring(plain, extension.mode)) + "\n"
        body = pymodule.render_body(plain, extension.target)
    else:
        needs = cgo_needs(tuple(plans))
        docstring = _docstring(extension, header, import_path)
        body = render_functions(plans)
    internals = [*needs.runtime_internals, *(["_go_library_path"] * library_beside_runtime)]
    lines = [
        f"# {GENERATED_MARKER}",
        f'"""{docstring}"""',
        "",
        "from __future__ import annotations",
        "",
        *(["import os as _os"] if dlopen else []),
        *needs.imports,
        "",
        f"from {runtime_module} import {', '.join(needs.runtime_names)}",
        f"from {runtime_module} import {', '.join(internals)}",
        "",
        "_go_module_loading(__name__, globals())  # the fork guard; warns of a second Go runtime",
        f"from {ffi_module} import ffi{', lib' if library_file is None else ''}",
        "",
        # Annotation-only imports, never executed: the module's import stays cheap (no typing),
        # and typing_extensions need not be installed. Type checkers read the .pyi stub anyway.
        "TYPE_CHECKING = False",
        "if TYPE_CHECKING:",
        *(f"    {line}" for line in needs.type_checking),
        "",
        *all_lines(needs.public_names),
        "",
        *_library_lines(library_file, dlopen),
        *body,
        *(cwrappers.python_install(ffi_module) if compiled_wrappers else []),
    ]
    return "\n".join(lines) + "\n"


def _library_lines(library_file: str | None, dlopen: bool) -> list[str]:
    """How a c-shared module opens the Go library: its own, or the distribution's one."""
    if dlopen:
        return [
            "# The Go runtime cannot be unloaded: the library is opened once, from this package.",
            "lib = ffi.dlopen(",
            f'    _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "{library_file}")',
            ")",
        ]
    if library_file is not None:
        return [
            "# The distribution's one Go library (one Go runtime), beside the runtime module;",
            "# every module of the distribution opens the same, loaded once.",
            f'lib = ffi.dlopen(_go_library_path("{library_file}"))',
        ]
    return []


def runtime_module_name(extensions: Sequence[GoExtension]) -> str:
    """Where the shared runtime module of a distribution goes: beside its first extension."""
    first = min(extensions, key=lambda extension: extension.target)
    if first.package:
        return f"{first.package}.{RUNTIME_MODULE}"
    return f"_{first.module_name}{RUNTIME_MODULE}"


def runtime_module_source() -> str:
    """The module the Go extensions of one distribution share: a copy of :mod:`runtime_support`."""
    source = (runtime.DIRECTORY / "runtime_support.py").read_bytes().decode("utf-8")
    return f"# {GENERATED_MARKER}\n{source}"


def _docstring(extension: GoExtension, header: Header, import_path: str) -> str:
    lines = [
        f"Bindings to the Go package {import_path} ({extension.mode}).",
        "",
        "Each Go export is a function of this module that converts Python values to Go's and",
        "back, and raises GoPanic when Go panics; ``lib`` holds the raw cffi functions (a panic",
        "there ends the process) and ``ffi`` their C types:",
        "",
    ]
    lines += [
        f"    {export.declaration.removeprefix('extern ')}"
        for export in header.exports
        if not export.name.startswith(INTERNAL_PREFIX)
    ]
    if header.skipped:
        lines += ["", "Not bound:", ""]
        lines += [f"    {item.name}: {item.reason}" for item in header.skipped]
    return "\n".join(lines) + "\n"
