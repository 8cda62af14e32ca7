"""Run ``go list`` and ``go build`` for one extension.

The command line and environment are computed by pure functions (:func:`build_command`,
:func:`build_environment`) so that they can be tested without Go; :func:`go_build` runs them.
"""

from __future__ import annotations

import json
import logging
import shlex
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from setuptools_golang_ext import _process
from setuptools_golang_ext.errors import ConfigError, GoBuildError, HeaderError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages.buildlog import stage
from setuptools_golang_ext.stages.introspect import GoSource
from setuptools_golang_ext.stages.overlay import write_overlay
from setuptools_golang_ext.stages.toolchain import GoToolchain, toolchain_env

log = logging.getLogger("setuptools_golang_ext")

# Go's own flags for a hermetic, reproducible build; the user's ldflags are appended.
STRIP_LDFLAGS = ("-s", "-w")
BASE_LDFLAGS = ("-buildid=",)


@dataclass(frozen=True)
class GoPackage:
    """What ``go list`` says about the package an extension builds."""

    directory: Path
    import_path: str
    name: str
    module_dir: Path | None
    cgo_cflags: tuple[str, ...]
    module_path: str = ""
    go_files: tuple[str, ...] = ()  # the Go files of the build (GoFiles and CgoFiles)


@dataclass(frozen=True)
class GoBuildOutput:
    library: Path
    header: Path | None


def library_filename(extension: GoExtension, goos: str) -> str:
    """``lib_native.so`` / ``lib_native.dylib`` / ``_native.dll`` / ``lib_native.a``."""
    name = extension.module_name
    if extension.mode == "c-archive":
        return f"lib{name}.a"
    if goos == "windows":
        return f"{name}.dll"
    return f"lib{name}.dylib" if goos in ("darwin", "ios") else f"lib{name}.so"


def build_environment(extension: GoExtension, base: Mapping[str, str]) -> dict[str, str]:
    """The environment ``go`` runs in: *base*, the extension's ``env``, then our defaults."""
    merged = {**base, **extension.env}
    return toolchain_env(merged)


def build_command(
    extension: GoExtension,
    go: Path,
    output: Path,
    overlay: Path | None = None,
    package: str = ".",
) -> list[str]:
    """The exact ``go build`` command line for *package*, run in the package directory (or,
    for the main package of several extensions, which exists only in the overlay, in the Go
    module's directory)."""
    ldflags = [*(() if extension.debug else STRIP_LDFLAGS), *BASE_LDFLAGS, *extension.ldflags]
    command = [
        str(go),
        "build",
        f"-buildmode={extension.mode}",
        "-trimpath",
        "-buildvcs=false",
        "-ldflags=" + " ".join(_quote_go_flag(flag) for flag in ldflags),
    ]
    command += extension.tags_arguments
    if overlay is not None:
        command.append(f"-overlay={overlay}")
    command += [*extension.build_args, "-o", str(output), package]
    return command


def _quote_go_flag(flag: str) -> str:
    """Quote one flag the way Go splits ``-ldflags`` (cmd/internal/quoted)."""
    if flag and not any(char.isspace() or char in "'\"" for char in flag):
        return flag
    if "'" not in flag:
        return f"'{flag}'"
    if '"' not in flag:
        return f'"{flag}"'
    raise ConfigError(
        f"the ldflag {flag!r} holds both kinds of quote, which Go's -ldflags cannot carry; "
        "drop one kind (e.g. put the value in an environment variable and read it at run time)"
    )


def package_directory(extension: GoExtension, project_root: Path) -> Path:
    """The Go package's directory; an error says which path was looked for and where."""
    directory = (project_root / extension.path).resolve()
    if not directory.is_dir():
        raise ConfigError(
            f"Go extension {extension.target}: path {extension.path!r} does not exist "
            f"(looked for {directory}); `path` is the Go package's directory, relative to {project_root}"
        )
    return directory


def inspect_package(
    extension: GoExtension, toolchain: GoToolchain, directory: Path, env: Mapping[str, str]
) -> GoPackage:
    """Run ``go list`` on the package in *directory*: ``package main`` with exports, an ordinary
    package to bind, or (when the extension binds another package) no Go files at all."""
    command = [
        str(toolchain.executable),
        "list",
        "-e",
        "-json=Dir,ImportPath,Name,Module,CgoCFLAGS,GoFiles,CgoFiles,Error",
    ]
    with stage("go list", extension.target):
        output = _process.run(
            [*command, *extension.tags_arguments, "."],
            env=env,
            cwd=directory,
            error=GoBuildError,
            hint=f"`go list` could not load the Go package of {extension.target} in {directory}.",
        )
    info = json.loads(output)
    module = info.get("Module") or {}
    package = GoPackage(
        directory=Path(info.get("Dir") or directory),
        import_path=str(info["ImportPath"]),
        name=str(info.get("Name", "")),
        module_dir=Path(module["Dir"]) if module.get("Dir") else None,
        cgo_cflags=tuple(info.get("CgoCFLAGS") or ()),
        module_path=str(module.get("Path", "")),
        go_files=tuple(sorted([*(info.get("GoFiles") or ()), *(info.get("CgoFiles") or ())])),
    )
    error = (info.get("Error") or {}).get("Err", "")
    # With `package =`, `path` may hold no Go files, or only files the build leaves out (the
    # README's `//go:build tools` file that keeps the requirement for `go mod tidy`).
    nothing_built = error.startswith(("no Go files", "build constraints exclude all Go files"))
    if error and extension.go_package and not package.name and nothing_built:
        return _directory_of_module(extension, toolchain, directory, env)
    if error:
        raise GoBuildError(
            f"Go extension {extension.target}: `go list` could not load the Go package in "
            f"{directory}: {error}"
        )
    return package


def _directory_of_module(
    extension: GoExtension, toolchain: GoToolchain, directory: Path, env: Mapping[str, str]
) -> GoPackage:
    """A directory without Go files in a Go module (where the shims of a package bound with
    ``package =`` go): its import path is the module's path and the directory's place in it."""
    output = _process.run(
        [str(toolchain.executable), "list", "-m", "-json=Path,Dir"],
        env=env,
        cwd=directory,
        error=GoBuildError,
        hint=f"Go extension {extension.target}: `path` must be a directory of a Go module "
        "(with a go.mod in it or above it) that requires the package it binds.",
    )
    module = json.loads(output)
    module_dir = Path(module["Dir"])
    relative = directory.resolve().relative_to(module_dir.resolve()).as_posix()
    import_path = module["Path"] if relative == "." else f"{module['Path']}/{relative}"
    return GoPackage(directory, import_path, "", module_dir, (), str(module["Path"]))


def go_build(
    extension: GoExtension,
    toolchain: GoToolchain,
    package: GoPackage,
    out_dir: Path,
    env: Mapping[str, str],
    *,
    overlay: Mapping[Path, str],
    main: str = ".",
) -> GoBuildOutput:
    """Build the library of the main package *main* (relative to *package*'s directory) into
    *out_dir*, with the files *overlay* adds to the packages; Go's own ``file:line: message``
    errors are passed on."""
    out_dir.mkdir(parents=True, exist_ok=True)
    library = out_dir / library_filename(extension, toolchain.goos)
    header = library.with_suffix(".h")
    for stale in (library, header):
        stale.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="setuptools-golang-ext-overlay-") as overlay_dir:
        overlay_file = write_overlay(overlay, Path(overlay_dir))
        command = build_command(extension, toolchain.executable, library, overlay_file, main)
        with stage("go build", library.name):
            _run_go_build(extension, toolchain, package, command, env)
    return GoBuildOutput(library, header if header.is_file() else None)


def _run_go_build(
    extension: GoExtension,
    toolchain: GoToolchain,
    package: GoPackage,
    command: list[str],
    env: Mapping[str, str],
) -> None:
    log.info(
        "building Go extension %s (%s, %s, %s/%s)",
        extension.target,
        extension.mode,
        toolchain.version_text,
        toolchain.goos,
        toolchain.goarch,
    )
    try:
        _process.run(command, env=env, cwd=package.directory, error=GoBuildError)
    except GoBuildError as exc:
        raise GoBuildError(
            f"Go extension {extension.target}: go build failed in {package.directory}\n\n{exc}"
        ) from exc


def imported_export_headers(
    sources: Sequence[GoSource],
    toolchain: GoToolchain,
    out_dir: Path,
    env: Mapping[str, str],
    overlay: Mapping[Path, str],
) -> list[Path]:
    """Headers for the exports of imported packages: in the library, but not in cgo's header.

    cgo reads the files as the build does, with *overlay*'s texts in place of the user's.
    """
    if not sources:
        return []
    packages = ", ".join(dict.fromkeys(source.import_path for source in sources))
    with stage("cgo export headers", packages):
        return _export_headers(sources, toolchain, out_dir, env, overlay)


def _export_headers(
    sources: Sequence[GoSource],
    toolchain: GoToolchain,
    out_dir: Path,
    env: Mapping[str, str],
    overlay: Mapping[Path, str],
) -> list[Path]:
    headers = []
    for index, source in enumerate(sources):
        header = out_dir / f"exports{index}.h"
        with tempfile.TemporaryDirectory(prefix="setuptools-golang-ext-cgo-") as objdir:
            files = _files_as_built(source, overlay, Path(objdir))
            command = [str(toolchain.executable), "tool", "cgo", "-objdir", objdir]
            _process.run(
                [*command, "-exportheader", str(header), *files],
                env=env,
                cwd=source.directory,
                error=GoBuildError,
                hint=f"cgo could not write the header of {source.import_path}'s exports",
            )
        headers.append(header)
    return headers


def _files_as_built(source: GoSource, overlay: Mapping[Path, str], scratch: Path) -> list[str]:
    """The cgo files of *source*: overlaid ones copied into *scratch* (cgo runs in the package
    directory, so the preambles' relative #includes still resolve), the others by name."""
    files = []
    for name in source.cgo_files:
        text = overlay.get(source.directory / name)
        if text is None:
            files.append(name)
            continue
        copy = scratch / "overlaid" / name
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(text.encode())
        files.append(str(copy))
    return files


def combined_header(library_header: Path, others: Sequence[Path], name: str = "") -> Path:
    """One header (*name*, beside the others) that includes the library's and the imported
    packages' export headers."""
    if not others:
        return library_header
    combined = library_header.with_name(name or library_header.stem + "_all.h")
    lines = ["/* Generated by setuptools-golang-ext: every export of the library. */"]
    lines += [f'#include "{header.name}"' for header in (library_header, *others)]
    combined.write_bytes(("\n".join(lines) + "\n").encode())
    return combined


def preprocessor_flags(package: GoPackage, env: Mapping[str, str]) -> list[str]:
    """Flags to preprocess the header as cgo compiled the preamble: include dirs and macros."""
    flags = [f"-I{package.directory}"]
    given = [*package.cgo_cflags, *shlex.split(env.get("CGO_CFLAGS", ""))]
    takes_value = False
    for flag in given:
        if takes_value:
            flags.append(flag)
            takes_value = False
        elif flag in _PREPROCESSOR_FLAGS_WITH_VALUE:
            flags.append(flag)
            takes_value = True
        elif flag.startswith(_PREPROCESSOR_FLAGS):
            flags.append(flag)
    return flags


_PREPROCESSOR_FLAGS = ("-I", "-D", "-U", "-isystem", "-iquote", "-std=")
_PREPROCESSOR_FLAGS_WITH_VALUE = frozenset({"-I", "-D", "-U", "-isystem", "-iquote", "-include"})


def no_header_error(extension: GoExtension, package: GoPackage) -> HeaderError:
    return HeaderError(
        f"Go extension {extension.target}: the package {package.import_path} in {package.directory} "
        "has no exported functions\n\n"
        "Mark the Go functions to expose with an `//export Name` comment directly above "
        '`func Name(...)`, in a file of package main that has `import "C"`.'
    )
