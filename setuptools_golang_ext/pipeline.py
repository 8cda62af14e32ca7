"""One extension through every stage: go list → go build → header → cdef → generated code.

The result names the files to install next to the target module and, in c-archive mode, what the
setuptools glue must compile; nothing here knows about setuptools commands.
"""

from __future__ import annotations

import logging
import sys
import sysconfig
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import bindings, codegen, crossbuild, gobuild, header, introspect, overlay, wrappers
from .errors import HeaderError, UnsupportedTargetError
from .extension import GoExtension
from .toolchain import GoToolchain

log = logging.getLogger("setuptools_golang_ext")


@dataclass(frozen=True)
class CffiExtensionSpec:
    """The cffi API-mode extension module of a c-archive build, for setuptools to compile."""

    name: str
    c_source: Path
    include_dirs: tuple[str, ...]
    extra_objects: tuple[str, ...]
    libraries: tuple[str, ...]
    extra_link_args: tuple[str, ...]


@dataclass(frozen=True)
class BuiltExtension:
    """The outputs of one extension: files to place in the target's package directory."""

    extension: GoExtension
    files: Mapping[str, Path] = field(default_factory=dict)
    compile: CffiExtensionSpec | None = None


def build(
    extension: GoExtension,
    *,
    project_root: Path,
    temp_dir: Path,
    toolchain: GoToolchain,
    base_env: Mapping[str, str],
    runtime_module: str,
    target: crossbuild.TargetBuild | None = None,
) -> BuiltExtension:
    """Run every stage for *extension*, writing intermediate files under *temp_dir*.

    *runtime_module* is the dotted name of the distribution's shared runtime module.
    """
    _check_mode_supported(extension, toolchain)
    directory = gobuild.package_directory(extension, project_root)
    env = gobuild.build_environment(extension, base_env)
    package = gobuild.inspect_package(extension, toolchain, directory, env)
    go_info = introspect.introspect(extension, toolchain, package.directory, env)
    added = overlay.overlay_files(go_info, package.directory, _read_text)
    output = crossbuild.go_build(
        extension, toolchain, package, temp_dir, env, overlay=added, build=target
    )
    if output.header is None:
        raise gobuild.no_header_error(extension, package)
    others = gobuild.imported_export_headers(
        go_info.imported_sources(), toolchain, temp_dir, env, added
    )
    header_file = gobuild.combined_header(output.header, others)
    model = _read_header(extension, toolchain, package, header_file, env)
    plans = bindings.plan(model, go_info.by_name(), codegen.CffiTypes(model))
    if extension.mode == "c-shared":
        ffi_file = _write(
            temp_dir / f"{extension.module_name}_cffi.py", codegen.abi_ffi_source(extension, model)
        )
        library_file: str | None = output.library.name
        spec = None
        files = [ffi_file, output.library]
    else:
        c_source = _write(
            temp_dir / f"{extension.module_name}_cffi.c",
            codegen.api_c_source(extension, model, header_file.name),
        )
        library_file = None
        spec = _cffi_extension_spec(extension, toolchain, package, output.library, c_source)
        files = []
    module = codegen.module_source(
        extension,
        model,
        plans,
        import_path=package.import_path,
        library_file=library_file,
        runtime_module=runtime_module,
    )
    files.append(_write(temp_dir / f"{extension.module_name}.py", module))
    stub = wrappers.render_stub(plans, runtime_module)
    files.append(_write(temp_dir / f"{extension.module_name}.pyi", stub))
    return BuiltExtension(extension, {path.name: path for path in files}, spec)


def _check_mode_supported(extension: GoExtension, toolchain: GoToolchain) -> None:
    if extension.mode == "c-archive" and toolchain.goos == "windows":
        raise UnsupportedTargetError(
            f'Go extension {extension.target}: mode = "c-archive" is not supported on Windows: '
            'MSVC cannot link Go archives (golang/go#30347)\n\nUse mode = "c-shared".'
        )


def _read_header(
    extension: GoExtension,
    toolchain: GoToolchain,
    package: gobuild.GoPackage,
    header_file: Path,
    env: Mapping[str, str],
) -> header.Header:
    flags = gobuild.preprocessor_flags(package, env)
    text = header.preprocess(header_file, toolchain.c_compiler(env), flags, env, package.directory)
    model = header.parse_preprocessed(
        text, abi_mode=extension.mode == "c-shared", source=f"the Go package {package.import_path}"
    )
    if all(export.name.startswith(bindings.INTERNAL_PREFIX) for export in model.exports):
        if model.skipped:
            reasons = "; ".join(f"{item.name}: {item.reason}" for item in model.skipped)
            raise HeaderError(f"Go extension {extension.target}: no export can be bound: {reasons}")
        raise gobuild.no_header_error(extension, package)
    for warning in model.warnings:
        log.warning("Go extension %s: %s", extension.target, warning)
    for skipped in model.skipped:
        log.warning(
            "Go extension %s: export %s is not bound: %s",
            extension.target,
            skipped.name,
            skipped.reason,
        )
    return model


def _cffi_extension_spec(
    extension: GoExtension,
    toolchain: GoToolchain,
    package: gobuild.GoPackage,
    archive: Path,
    c_source: Path,
) -> CffiExtensionSpec:
    libraries: tuple[str, ...] = ()
    link_args: tuple[str, ...] = ()
    if toolchain.goos in ("darwin", "ios"):
        # net and crypto/x509 in the archive need these at link time; unused frameworks cost nothing.
        link_args = ("-framework", "CoreFoundation", "-framework", "Security")
        if not extension.debug:
            link_args += ("-Wl,-S",)
    elif toolchain.goos != "windows":
        libraries = ("pthread",)
        # Keep the Go runtime's symbols private to this module and bind them to itself.
        link_args = ("-Wl,--exclude-libs,ALL", "-Wl,-Bsymbolic")
        if not extension.debug:
            # Debug info would record the build directory and make wheels irreproducible.
            link_args += ("-s",)
    include_dirs = [str(c_source.parent), str(package.directory)]
    include_dirs += [
        flag[2:] for flag in package.cgo_cflags if flag.startswith("-I") and len(flag) > 2
    ]
    return CffiExtensionSpec(
        name=codegen.ffi_module_name(extension),
        c_source=c_source,
        include_dirs=tuple(include_dirs),
        extra_objects=(str(archive),),
        libraries=libraries,
        extra_link_args=link_args,
    )


def limited_api_available() -> bool:
    """The limited API (abi3) exists on CPython builds with the GIL, not on PyPy or free-threaded."""
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    return sys.implementation.name == "cpython" and not free_threaded


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path  # "\n" line ends on every OS: same bytes everywhere
