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

from . import codegen, crossbuild, gobuild, header
from .errors import UnsupportedTargetError
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
    target: crossbuild.TargetBuild | None = None,
) -> BuiltExtension:
    """Run every stage for *extension*, writing intermediate files under *temp_dir*."""
    _check_mode_supported(extension, toolchain)
    directory = gobuild.package_directory(extension, project_root)
    env = gobuild.build_environment(extension, base_env)
    package = gobuild.inspect_package(extension, toolchain, directory, env)
    output = crossbuild.go_build(extension, toolchain, package, temp_dir, env, build=target)
    if output.header is None:
        raise gobuild.no_header_error(extension, package)
    model = _read_header(extension, toolchain, package, output.header, env)
    module_file = temp_dir / f"{extension.module_name}.py"
    if extension.mode == "c-shared":
        ffi_file = temp_dir / f"{extension.module_name}_cffi.py"
        _write(ffi_file, codegen.abi_ffi_source(extension, model))
        _write(
            module_file,
            codegen.module_source(
                extension, model, import_path=package.import_path, library_file=output.library.name
            ),
        )
        files = {path.name: path for path in (module_file, ffi_file, output.library)}
        return BuiltExtension(extension, files)
    c_source = temp_dir / f"{extension.module_name}_cffi.c"
    _write(c_source, codegen.api_c_source(extension, model, output.header.name))
    _write(
        module_file,
        codegen.module_source(extension, model, import_path=package.import_path, library_file=None),
    )
    spec = _cffi_extension_spec(extension, toolchain, package, output.library, c_source)
    return BuiltExtension(extension, {module_file.name: module_file}, spec)


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


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))  # "\n" line ends on every OS: same bytes everywhere
