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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

from setuptools_golang_ext import _process
from setuptools_golang_ext.errors import CommandError, GoBuildError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages.buildlog import stage
from setuptools_golang_ext.stages.toolchain import GoToolchain

log = logging.getLogger("setuptools_golang_ext")

SOURCE_DIR = Path(__file__).parent / "go-introspect"
CACHE_ENV = "SETUPTOOLS_GOLANG_EXT_CACHE"


@dataclass(frozen=True)
class GoFunction:
    name: str
    package: str
    doc: str
    file: str
    line: int
    params: tuple[GoField, ...]
    results: tuple[GoField, ...]
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


# The kinds of Go types the ``-api`` report gives (go-introspect/api.go): comparisons with any
# other string are type errors (mypy's strict equality), and the report is checked against it.
GoKind = Literal[
    "bool",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float32",
    "float64",
    "string",
    "bytes",
    "slice",
    "array",
    "map",
    "pointer",
    "struct",
    "time",
    "duration",
    "error",
    "any",
    "context",
    "seq",
    "seq2",
    "chan",
    "interface",
    "func",
    "cstring",
    "uintptr",
    "unsupported",
]
GO_KINDS: frozenset[str] = frozenset(get_args(GoKind))
INTEGER_KINDS: frozenset[GoKind] = frozenset(
    {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64"}
)
FLOAT_KINDS: frozenset[GoKind] = frozenset({"float32", "float64"})
NUMBER_KINDS = INTEGER_KINDS | FLOAT_KINDS


@dataclass(frozen=True)
class GoType:
    """A Go type as the bindings of ordinary packages see it (the ``-api`` report).

    ``kind``: a basic kind (``bool``, ``int8`` … ``float64``, ``string``), ``bytes``
    (``[]byte``), ``slice``, ``array``, ``map``, ``pointer``, ``struct`` (a struct type of the
    bound package, by ``name``), ``time``, ``duration``, ``error``, ``any``, ``context``
    (``context.Context``), ``seq`` (``iter.Seq[elem]``), ``seq2`` (``iter.Seq2[key, elem]``),
    ``chan`` (a channel Go sends ``elem`` values on), ``interface`` (an interface type of the
    bound package, by ``name``), ``func`` (a function type: ``params``, ``results``), ``cstring``
    (cgo's ``*C.char``) and ``uintptr`` (in ``//export`` functions only), or
    ``unsupported`` (``reason`` says why). ``go`` is the Go spelling, relative to the bound package.
    """

    go: str
    kind: GoKind
    name: str = ""
    spell: str = ""  # ``go`` with every package named as ``\x01import/path\x02``
    length: int = 0
    key: GoType | None = None
    elem: GoType | None = None
    reason: str = ""
    params: tuple[GoType, ...] = ()  # kind "func": the function type's parameters
    results: tuple[GoType, ...] = ()  # ... and results
    variadic: bool = False  # ... and whether the last parameter (a slice) is Go's ...T


@dataclass(frozen=True)
class GoField:
    """A parameter, a result or a struct field."""

    name: str
    type: GoType
    embedded: bool = False
    doc: str = ""
    via: tuple[str, ...] = ()  # a promoted field: the embedded fields that lead to it


@dataclass(frozen=True)
class GoInstance:
    """A generic function instantiated as the configuration's ``instantiate`` names it."""

    expr: str  # as configured: ``Map[string, int]``
    generic: str  # the generic function's Go name: ``Map``
    type_args: tuple[GoType, ...]


@dataclass(frozen=True)
class GoAPIFunction:
    name: str
    doc: str
    line: int
    params: tuple[GoField, ...]
    results: tuple[GoField, ...]
    variadic: bool = False
    generic: bool = False
    instance: GoInstance | None = None  # an instantiation of a generic function


@dataclass(frozen=True)
class GoMethod:
    """An exported method declared on a struct or named type (*pointer*: on its pointer)."""

    function: GoAPIFunction
    pointer: bool = False  # only the pointer has it
    promoted: bool = False  # Go promotes it from an embedded struct field


@dataclass(frozen=True)
class GoStruct:
    name: str
    doc: str
    fields: tuple[GoField, ...]
    hidden: bool = False  # it has unexported fields too
    generic: bool = False
    methods: tuple[GoMethod, ...] = ()
    error: str = ""  # how it implements error: "value" (T does), "pointer" (only *T), or ""
    # The exported fields of embedded structs Go promotes to it (each with its ``via`` path).
    promoted: tuple[GoField, ...] = ()


@dataclass(frozen=True)
class GoInterface:
    """An exported, non-empty interface type of the package: its exported methods, and the
    package's struct types whose pointer implements it."""

    name: str
    doc: str
    methods: tuple[GoAPIFunction, ...]
    implementers: tuple[str, ...] = ()
    sealed: bool = False  # it has unexported methods: no other package can implement it


@dataclass(frozen=True)
class GoSentinel:
    """An exported package-level variable of type error (``var ErrEmpty = errors.New(...)``)."""

    name: str
    doc: str


@dataclass(frozen=True)
class GoAPI:
    """The exported API of an ordinary Go package."""

    import_path: str
    name: str  # the package clause
    directory: Path
    doc: str
    module: str  # the Go module path ("" for the standard library)
    standard: bool
    functions: tuple[GoAPIFunction, ...]
    structs: tuple[GoStruct, ...]
    sentinels: tuple[GoSentinel, ...] = ()
    interfaces: tuple[GoInterface, ...] = ()
    # The instantiations the configuration names that cannot be made: (expression, why).
    instance_errors: tuple[tuple[str, str], ...] = ()
    named: tuple[GoNamed, ...] = ()
    scope: tuple[str, ...] = ()  # every package-level name, exported or not


@dataclass(frozen=True)
class GoNamed:
    """An exported named type that is neither a struct nor an interface (``type Celsius
    float64``) and has exported methods: its values cross as its underlying type."""

    name: str
    doc: str
    underlying: str  # Go's spelling of the underlying type
    type: GoType
    methods: tuple[GoMethod, ...]


def parse_api_report(text: str) -> GoAPI:
    """The model of the introspection program's ``-api`` JSON output."""
    data = json.loads(text)
    return GoAPI(
        import_path=data["import_path"],
        name=data["name"],
        directory=Path(data["dir"]),
        doc=data["doc"],
        module=data["module"],
        standard=bool(data["standard"]),
        functions=tuple(_function(item) for item in data["functions"]),
        structs=tuple(
            GoStruct(
                name=item["name"],
                doc=item["doc"],
                fields=tuple(_field(field) for field in item["fields"]),
                hidden=bool(item.get("hidden", False)),
                generic=bool(item.get("generic", False)),
                methods=tuple(_method(method) for method in item.get("methods", [])),
                error=item.get("error", ""),
                promoted=tuple(_field(field) for field in item.get("promoted") or []),
            )
            for item in data["structs"]
        ),
        sentinels=tuple(
            GoSentinel(item["name"], item["doc"]) for item in data.get("sentinels", [])
        ),
        named=tuple(
            GoNamed(
                item["name"],
                item["doc"],
                item["underlying"],
                _type(item["type"]),
                tuple(_method(method) for method in item["methods"]),
            )
            for item in data.get("named") or []
        ),
        interfaces=tuple(
            GoInterface(
                item["name"],
                item["doc"],
                tuple(_function(method) for method in item["methods"]),
                tuple(item.get("implementers", [])),
                bool(item.get("sealed", False)),
            )
            for item in data.get("interfaces", [])
        ),
        scope=tuple(data.get("scope") or ()),
        instance_errors=tuple(
            (item["expr"], item["error"]) for item in data.get("instance_errors") or []
        ),
    )


def _method(item: Mapping[str, Any]) -> GoMethod:
    return GoMethod(
        _function(item), bool(item.get("pointer", False)), bool(item.get("promoted", False))
    )


def _function(item: Mapping[str, Any]) -> GoAPIFunction:
    return GoAPIFunction(
        name=item["name"],
        doc=item["doc"],
        line=int(item["line"]),
        params=tuple(_field(field) for field in item["params"]),
        results=tuple(_field(field) for field in item["results"]),
        variadic=bool(item.get("variadic", False)),
        generic=bool(item.get("generic", False)),
        instance=_instance(item["instance"]) if item.get("instance") else None,
    )


def _instance(item: Mapping[str, Any]) -> GoInstance:
    type_args = tuple(_type(arg) for arg in item["type_args"])
    return GoInstance(item["expr"], item["generic"], type_args)


def _field(item: Mapping[str, Any]) -> GoField:
    return GoField(
        item["name"],
        _type(item["type"]),
        bool(item.get("embedded", False)),
        item.get("doc", ""),
        tuple(item.get("via") or ()),
    )


def _type(item: Mapping[str, Any]) -> GoType:
    return GoType(
        go=item["go"],
        kind=_kind(item["kind"], item["go"]),
        spell=item.get("spell", ""),
        name=item.get("name", ""),
        length=int(item.get("len", 0)),
        key=_type(item["key"]) if "key" in item else None,
        elem=_type(item["elem"]) if "elem" in item else None,
        reason=item.get("reason", ""),
        params=tuple(_type(param) for param in item.get("params", [])),
        results=tuple(_type(result) for result in item.get("results", [])),
        variadic=bool(item.get("variadic", False)),
    )


def _kind(kind: str, go: str) -> GoKind:
    if kind not in GO_KINDS:
        raise ValueError(f"the introspection gave {go} the unknown kind {kind!r}")
    return cast("GoKind", kind)


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
            params=tuple(export_field(value) for value in item["params"]),
            results=tuple(export_field(value) for value in item["results"]),
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


def export_field(item: Mapping[str, str]) -> GoField:
    """A parameter or result of an ``//export`` function, from the introspection's report
    (``name``, ``type``: the Go spelling, ``kind`` and, for slices, ``elem``). Only a slice's
    element is reported: the cgo style reads the rest of a type from its C type. Kinds Go's C
    interface has and bindings do not (``unsafe.Pointer``, ``C.*`` types) are ``unsupported``."""
    return GoField(item["name"], _export_type(item["type"], item["kind"], item.get("elem", "")))


def _export_type(go: str, kind: str, elem: str) -> GoType:
    if kind == "slice" and elem == "uint8":
        return GoType(go, "bytes")
    if kind == "slice":
        return GoType(go, "slice", elem=_export_type(go.removeprefix("[]"), elem, ""))
    if kind in GO_KINDS:
        return GoType(go, cast("GoKind", kind))
    return GoType(go, "unsupported", reason=f"{go} crosses as its C type")


def introspect(
    extension: GoExtension, toolchain: GoToolchain, package_dir: Path, env: Mapping[str, str]
) -> GoPackageInfo:
    """Run the introspection program on the package in *package_dir*, in the build's *env*."""
    program = introspection_program(toolchain, env)
    command = [str(program), "-go", str(toolchain.executable), *extension.tags_arguments]
    with stage("introspection", extension.target):
        output = _process.run(
            [*command, "."],
            env=env,
            cwd=package_dir,
            error=GoBuildError,
            hint=f"reading the Go declarations of {extension.target} failed",
        )
    return parse_report(output)


def introspect_api(
    extension: GoExtension,
    toolchain: GoToolchain,
    directory: Path,
    env: Mapping[str, str],
    *,
    package: str = ".",
    instantiate: Sequence[str] = (),
) -> GoAPI:
    """The exported API of the Go package *package* (an import path, or ``.`` for the package
    in *directory*), loaded from *directory* in the build's *env*, with the instantiations of
    its generic functions *instantiate* names (``Map[string, int]``)."""
    program = introspection_program(toolchain, env)
    command = [str(program), "-go", str(toolchain.executable), *extension.tags_arguments]
    instances = [argument for expr in instantiate for argument in ("-instantiate", expr)]
    with stage("introspection", extension.target):
        output = _process.run(
            [*command, "-api", "-package", package, *instances, "."],
            env=env,
            cwd=directory,
            error=GoBuildError,
            hint=f"reading the API of the Go package {package} for {extension.target} failed",
        )
    return parse_api_report(output)


def introspection_program(toolchain: GoToolchain, env: Mapping[str, str]) -> Path:
    """The built introspection program for this toolchain, built now if not cached yet."""
    source = b"".join(path.read_bytes() for path in sorted(SOURCE_DIR.iterdir()))
    key = hashlib.sha256(source + toolchain.version_text.encode()).hexdigest()[:16]
    suffix = ".exe" if sys.platform == "win32" else ""
    program = cache_dir(env) / f"introspect-{key}{suffix}"
    if program.is_file():
        return program
    program.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".introspect-", suffix=suffix, dir=program.parent)
    os.close(handle)
    try:
        with stage("introspection program", f"built once for {toolchain.version_text}"):
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
