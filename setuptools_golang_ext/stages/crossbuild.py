"""Builds for a target platform: find zig, set up ``go``'s environment, join universal2 slices,
point setuptools' compiler at the target.

The decisions are :mod:`.target`'s pure functions; this module looks at the host and runs things.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import platform
import shutil
import sys
import sysconfig
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from setuptools_golang_ext import _process
from setuptools_golang_ext.errors import GoBuildError, ToolchainError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages import gobuild, introspect, target
from setuptools_golang_ext.stages.target import Target
from setuptools_golang_ext.stages.toolchain import GoToolchain

log = logging.getLogger("setuptools_golang_ext")

ZIG_DISTRIBUTION = "ziglang"
# The oldest release checked (by hand, against Go 1.26) to build Go's c-shared libraries for
# glibc-versioned and Windows targets with the flags used here; the test suite runs the newest.
ZIGLANG_REQUIREMENT = "ziglang>=0.14"


@dataclass(frozen=True)
class TargetBuild:
    """The resolved target of a build, the ``zig`` command it uses (if any) and the shared copy
    of zig's lib directory (:func:`shared_zig_lib`) zig runs with."""

    target: Target
    zig: tuple[str, ...] | None
    zig_lib: Path | None = None

    def go_environment(self, base: Mapping[str, str]) -> dict[str, str]:
        env = target.go_environment(self.target, base, self.zig)
        if self.zig_lib is not None:
            env["ZIG_LIB_DIR"] = str(self.zig_lib)
        return env


def host_target(env: Mapping[str, str]) -> Target | None:
    """The target :func:`target.from_environment` picks on this host."""
    return target.from_environment(
        env,
        host_platform=sysconfig.get_platform(),
        host_machine=platform.machine(),
        host_is_windows=sys.platform == "win32",
    )


def prepare(env: Mapping[str, str], modes: Sequence[str], limited_api: bool) -> TargetBuild | None:
    """Resolve the target, refuse what this host cannot build, and find zig if it is needed."""
    chosen = host_target(env)
    if chosen is None:
        return None
    target.check_host(
        chosen,
        host_platform=sysconfig.get_platform(),
        modes=modes,
        host_pointer_bits=64 if sys.maxsize > 2**32 else 32,
        host_big_endian=sys.byteorder == "big",
        limited_api=limited_api,
    )
    if not chosen.needs_zig:
        return TargetBuild(chosen, None)
    zig = zig_command(chosen)
    return TargetBuild(chosen, zig, shared_zig_lib(Path(zig[0]), env))


def with_go(build: TargetBuild, go: GoToolchain) -> TargetBuild:
    """*build* with the minimum macOS raised to what *go* supports (warning about it)."""
    final = target.with_go_floor(build.target, go.version, go.version_text)
    for warning in final.warnings:
        log.warning("%s", warning)
    compiler = f", CC={' '.join(build.zig)} cc -target {final.zig_target}" if build.zig else ""
    macos = f", macOS {final.macos_min[0]}.{final.macos_min[1]}" if final.macos_min else ""
    log.info(
        "building for %s (GOOS=%s GOARCH=%s%s%s)",
        final.wheel_platform,
        final.goos,
        ",".join(final.goarchs),
        macos,
        compiler,
    )
    return replace(build, target=final)


def zig_command(chosen: Target) -> tuple[str, ...]:
    """The ``zig`` executable of the installed ``ziglang`` package."""
    spec = importlib.util.find_spec(ZIG_DISTRIBUTION)
    if spec is not None and spec.origin is not None:
        name = "zig.exe" if sys.platform == "win32" else "zig"
        executable = Path(spec.origin).parent / name
        if executable.is_file():
            return (str(executable),)
    raise ToolchainError(
        f"the target {chosen.tag} is built with zig (`zig cc -target {chosen.zig_target}`), but the "
        f"`{ZIG_DISTRIBUTION}` package is not installed in this environment ({sys.executable})\n\n"
        f'Install it (`pip install "{ZIGLANG_REQUIREMENT}"`), or build with the backend '
        "`setuptools_golang_ext.build_meta`, which adds it to the build requirements by itself."
    )


def shared_zig_lib(zig: Path, env: Mapping[str, str]) -> Path | None:
    """A copy of the lib directory of the ``ziglang`` package of *zig*, made once per release
    in the tool's cache, for ``ZIG_LIB_DIR``.

    zig keys the C runtimes it compiles and caches (MinGW's takes minutes, glibc's stubs
    seconds) by its lib directory's path, and every isolated build environment installs zig at
    a new path; with one shared lib directory, only the first build compiles them. None (zig's
    own lib directory) when ``ZIG_LIB_DIR`` is set or the copy cannot be made: a cache never
    fails a build."""
    lib = zig.parent / "lib"
    if env.get("ZIG_LIB_DIR") or not lib.is_dir():
        return None
    try:
        release = metadata.version(ZIG_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    shared = introspect.cache_dir(env) / f"zig-lib-{release}"
    if shared.is_dir():
        return shared
    try:
        shared.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".zig-lib-", dir=shared.parent) as temporary:
            copy = Path(temporary) / "lib"
            shutil.copytree(lib, copy, copy_function=_link_or_copy)
            copy.rename(shared)  # atomic; a concurrent build may have made it first
    except OSError as error:
        if not shared.is_dir():
            log.warning("zig runs with its own lib directory: cannot share it (%s)", error)
            return None
    return shared


def _link_or_copy(source: str, destination: str) -> None:
    """A hard link (instant, no space) where the cache and zig share a file system."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def go_build(
    extension: GoExtension,
    toolchain: GoToolchain,
    package: gobuild.GoPackage,
    out_dir: Path,
    env: Mapping[str, str],
    *,
    overlay: Mapping[Path, str],
    build: TargetBuild | None,
    main: str = ".",
) -> gobuild.GoBuildOutput:
    """:func:`gobuild.go_build`, once per architecture of a universal2 target, joined with lipo."""
    if build is None:
        return gobuild.go_build(
            extension, toolchain, package, out_dir, env, overlay=overlay, main=main
        )
    env = target.go_link_environment(build.target, env, debug=extension.debug)
    if len(build.target.goarchs) == 1:
        return gobuild.go_build(
            extension, toolchain, package, out_dir, env, overlay=overlay, main=main
        )
    slices = []
    for goarch in build.target.goarchs:
        slice_toolchain = replace(toolchain, go_env={**toolchain.go_env, "GOARCH": goarch})
        slice_env = {**env, "GOARCH": goarch}
        slices.append(
            gobuild.go_build(
                extension,
                slice_toolchain,
                package,
                out_dir / goarch,
                slice_env,
                overlay=overlay,
                main=main,
            )
        )
    library = out_dir / slices[0].library.name
    library.unlink(missing_ok=True)
    lipo = shutil.which("lipo", path=env.get("PATH")) or "lipo"
    command = target.lipo_command(lipo, [str(item.library) for item in slices], str(library))
    _process.run(command, env=env, error=GoBuildError, hint="`lipo` comes with Xcode's tools.")
    header = None
    if slices[0].header is not None:  # the same on both 64-bit architectures
        header = library.with_suffix(".h")
        shutil.copyfile(slices[0].header, header)
    return gobuild.GoBuildOutput(library, header)


def configure_compiler(
    compiler: Any,
    extensions: Sequence[Any],
    build: TargetBuild | None,
    env: Mapping[str, str],
    temp_dir: Path,
) -> None:
    """Point setuptools' compiler (a distutils ``CCompiler``) and *extensions* at the target."""
    if build is None:
        return
    current = {
        name: list(value)
        for name in getattr(compiler, "executables", {})
        if isinstance(value := getattr(compiler, name, None), list)
    }
    version_script = ""
    if build.zig is not None:
        script = temp_dir / "exports.map"
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_bytes(target.EXPORTS_VERSION_SCRIPT.encode())
        version_script = str(script.resolve())
    executables = target.compiler_executables(build.target, current, build.zig, env, version_script)
    if executables:
        log.info("compiling C extensions for %s: %s", build.target.tag, executables)
        compiler.set_executables(**executables)
    for extension in extensions:
        extension.extra_link_args = target.extension_link_args(
            build.target, extension.extra_link_args or []
        )
