"""The Go-level view of the exports: names, doc comments, Go types of parameters and results.

The header cgo writes loses what the bindings need: ``[]byte`` and ``[]int64`` are both
``GoSlice``, Go ``bool`` is ``GoUint8``, result names and (since Go 1.26) doc comments are gone.
A small Go program shipped in this package (``go-introspect``) reads the package with
``go/parser`` and ``go/types``; it is built once per Go version with the build's own toolchain,
cached, and run for every build. :func:`parse_report` turns its JSON into the model below.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import _process
from .errors import CommandError, GoBuildError
from .extension import GoExtension
from .toolchain import GoToolchain

log = logging.getLogger("setuptools_golang_ext")

SOURCE_DIR = Path(__file__).parent / "go-introspect"
CACHE_ENV = "SETUPTOOLS_GOLANG_EXT_CACHE"


@dataclass(frozen=True)
class GoValue:
    """A parameter or result: its Go name (``""`` if unnamed), Go spelling and kind.

    ``kind`` is a basic kind (``int64``, ``uint8``, ``float64``, ``bool``, ``string``,
    ``unsafe.Pointer``…), or ``slice`` (with ``elem`` the element's kind), ``cstring``
    (``*C.char``), ``c`` (another ``C.*`` type), ``pointer``, ``map``, ``chan``, ``func``,
    ``interface``, ``error``, ``other``.
    """

    name: str
    type: str
    kind: str
    elem: str = ""


@dataclass(frozen=True)
class GoFunction:
    name: str
    package: str
    doc: str
    file: str
    line: int
    params: tuple[GoValue, ...]
    results: tuple[GoValue, ...]
    goexit: bool = False  # it (or a function of its package it refers to) calls runtime.Goexit


@dataclass(frozen=True)
class GoSource:
    """A package of the module that declares exports, with the files cgo reads."""

    import_path: str
    directory: Path
    cgo_files: tuple[str, ...]
    name: str = "main"  # the package clause


@dataclass(frozen=True)
class GoPackageInfo:
    import_path: str
    exports: tuple[GoFunction, ...]
    sources: tuple[GoSource, ...] = ()

    def imported_sources(self) -> tuple[GoSource, ...]:
        """Packages other than main that declare exports (cgo leaves them out of its header)."""
        return tuple(source for source in self.sources if source.import_path != self.import_path)

    def by_name(self) -> dict[str, GoFunction]:
        return {function.name: function for function in self.exports}


def parse_report(text: str) -> GoPackageInfo:
    """The model of the introspection program's JSON output."""
    data = json.loads(text)
    exports = tuple(
        GoFunction(
            name=item["name"],
            package=item["package"],
            doc=item["doc"],
            file=item["file"],
            line=int(item["line"]),
            params=tuple(_value(value) for value in item["params"]),
            results=tuple(_value(value) for value in item["results"]),
            goexit=bool(item.get("goexit", False)),
        )
        for item in data["exports"]
    )
    sources = tuple(
        GoSource(
            item["import_path"],
            Path(item["dir"]),
            tuple(item["cgo_files"]),
            item.get("name", "main"),
        )
        for item in data.get("packages", [])
    )
    return GoPackageInfo(data["package"], exports, sources)


def _value(item: Mapping[str, str]) -> GoValue:
    return GoValue(item["name"], item["type"], item["kind"], item.get("elem", ""))


def introspect(
    extension: GoExtension, toolchain: GoToolchain, package_dir: Path, env: Mapping[str, str]
) -> GoPackageInfo:
    """Run the introspection program on the package in *package_dir*, in the build's *env*."""
    program = introspection_program(toolchain, env)
    command = [str(program), "-go", str(toolchain.executable), *extension.tags_arguments]
    output = _process.run(
        [*command, "."],
        env=env,
        cwd=package_dir,
        error=GoBuildError,
        hint=f"reading the Go declarations of {extension.target} failed",
    )
    return parse_report(output)


def introspection_program(toolchain: GoToolchain, env: Mapping[str, str]) -> Path:
    """The built introspection program for this toolchain, built now if not cached yet."""
    source = (SOURCE_DIR / "main.go").read_bytes() + (SOURCE_DIR / "go.mod").read_bytes()
    key = hashlib.sha256(source + toolchain.version_text.encode()).hexdigest()[:16]
    suffix = ".exe" if sys.platform == "win32" else ""
    program = cache_dir(env) / f"introspect-{key}{suffix}"
    if program.is_file():
        return program
    program.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".introspect-", suffix=suffix, dir=program.parent)
    os.close(handle)
    try:
        _process.run(
            [toolchain.executable, "build", "-trimpath", "-o", temporary, "."],
            env=_host_build_env(env),
            cwd=SOURCE_DIR,
            error=CommandError,
            hint="building setuptools-golang-ext's Go introspection program failed",
        )
        Path(temporary).replace(program)  # atomic: concurrent builds may race here
    finally:
        Path(temporary).unlink(missing_ok=True)
    return program


def cache_dir(env: Mapping[str, str]) -> Path:
    """Where built helper programs are kept between builds."""
    if env.get(CACHE_ENV):
        return Path(env[CACHE_ENV])
    if sys.platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "setuptools-golang-ext"


def _host_build_env(env: Mapping[str, str]) -> dict[str, str]:
    """The helper runs on this machine: no cross-compiling, no cgo, none of the user's GOFLAGS."""
    cleaned = {
        key: value
        for key, value in env.items()
        if key not in ("GOOS", "GOARCH", "GOARM", "GOAMD64", "CC", "CXX", "GOFLAGS")
    }
    cleaned.update(CGO_ENABLED="0", GOWORK="off", GOFLAGS="")
    return cleaned
