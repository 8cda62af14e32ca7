"""Several Go extensions, one Go library: the pure parts, without Go."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from setuptools_golang_ext import names
from setuptools_golang_ext.errors import ConfigError, GoBuildError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages import combine, overlay
from setuptools_golang_ext.stages.gobuild import GoPackage
from setuptools_golang_ext.stages.introspect import GoFunction, GoPackageInfo, GoSource


def function(name: str, package: str, file: str = "a.go") -> GoFunction:
    return GoFunction(name, package, "", file, 1, (), ())


def info(import_path: str, directory: Path, *exports: str) -> GoPackageInfo:
    source = GoSource(import_path, directory, ("a.go",), "main")
    return GoPackageInfo(
        import_path, tuple(function(name, import_path) for name in exports), (source,)
    )


# --- options and modules ----------------------------------------------------------------------


def test_extensions_with_the_same_options_combine() -> None:
    combine.check_combinable([GoExtension("p._a", "go/a"), GoExtension("p._b", "go/b")])


@pytest.mark.parametrize(
    ("option", "first", "second"),
    [
        ("mode", "c-shared", "c-archive"),
        ("build_tags", ["x"], []),
        ("ldflags", ["-X main.v=1"], []),
        ("build_args", ["-race"], []),
        ("env", {"GOAMD64": "v3"}, {}),
        ("debug", True, False),
    ],
)
def test_extensions_with_different_options_are_refused(
    option: str, first: object, second: object
) -> None:
    extensions = [
        GoExtension("p._a", "go/a", **{option: first}),  # type: ignore[arg-type]
        GoExtension("p._b", "go/b", **{option: second}),  # type: ignore[arg-type]
    ]
    with pytest.raises(ConfigError) as error:
        combine.check_combinable(extensions)
    message = str(error.value)
    spelled = option.replace("_", "-")
    assert f"Go extensions p._a and p._b set different `{spelled}`" in message
    assert "one Go runtime" in message
    assert f"Give every Go extension the same `{spelled}`" in message


def test_one_module_is_fine(tmp_path: Path) -> None:
    extensions = [GoExtension("p._a", "go/a"), GoExtension("p._b", "go/b")]
    combine.check_one_module(extensions, [("example.com/m", tmp_path)] * 2)


def test_different_modules_are_refused(tmp_path: Path) -> None:
    extensions = [GoExtension("p._a", "go/a"), GoExtension("p._b", "go/b")]
    modules = [("example.com/m", tmp_path / "m"), ("example.com/n", tmp_path / "n")]
    with pytest.raises(GoBuildError) as error:
        combine.check_one_module(extensions, modules)
    message = str(error.value)
    assert "p._a and p._b are in different Go modules" in message
    assert f"example.com/n in {tmp_path / 'n'}" in message
    assert "a single go.mod" in message


def test_a_package_outside_any_module_is_refused(tmp_path: Path) -> None:
    extensions = [GoExtension("p._a", "go/a"), GoExtension("p._b", "go/b")]
    with pytest.raises(GoBuildError, match=r"p\._b: its package is not in a Go module"):
        combine.check_one_module(extensions, [("example.com/m", tmp_path), ("", None)])


def test_one_export_name_in_two_packages_is_refused(tmp_path: Path) -> None:
    infos = [info("m/a", tmp_path / "a", "Run", "A"), info("m/b", tmp_path / "b", "Run")]
    with pytest.raises(GoBuildError) as error:
        combine.check_unique_exports(infos)
    assert "the Go export Run is declared by two packages, m/a and m/b" in str(error.value)


def test_an_export_seen_twice_from_one_package_is_fine(tmp_path: Path) -> None:
    shared = info("m/words", tmp_path / "words", "Split")
    combine.check_unique_exports([shared, shared])


# --- renaming package main ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "package main\n\nfunc main() {}\n",
        "// Package main does things.\npackage main\n",
        "//go:build linux\n\n/* a\n package main in a comment\n*/\n\npackage   main // trailing\n",
        "\ufeffpackage main\n",
    ],
)
def test_rename_package(source: str) -> None:
    renamed = combine.rename_package(source, "native", "a.go")
    clauses = re.findall(r"^\ufeff?package\s+(\w+)", renamed, re.M)
    assert clauses == ["native"]
    assert renamed.count("\n") == source.count("\n")  # Go's line numbers stay right
    assert renamed.replace("native", "main", 1) == source


def test_rename_package_needs_a_clause() -> None:
    with pytest.raises(GoBuildError, match=r"b\.go: no `package main` clause"):
        combine.rename_package("package other\n", "x", "b.go")


@pytest.mark.parametrize(
    ("import_path", "name"),
    [
        ("example.com/m/alpha", "alpha"),
        ("example.com/m/my-ext", "my_ext"),
        ("example.com/m/2d", "go_2d"),
        ("example.com/m/main", "go_main"),
        ("example.com/m/go", "go_go"),  # a keyword
        ("example.com/m/type", "go_type"),
        ("example.com/m", "m"),
    ],
)
def test_package_name(import_path: str, name: str) -> None:
    assert combine.package_name(import_path) == name
    assert name.isidentifier()


def test_main_source_imports_every_package() -> None:
    text = combine.main_source(["example.com/m/b", "example.com/m/a", "example.com/m/b"])
    assert text.startswith("// Code generated by setuptools-golang-ext; DO NOT EDIT.\n")
    assert '\t_ "example.com/m/a"\n\t_ "example.com/m/b"\n' in text
    assert "package main\n" in text
    assert "func main() {}\n" in text
    assert 'import "C"' not in text  # cgo cannot run in a directory that is not on disk


# --- the whole overlay --------------------------------------------------------------------------


def package(directory: Path, import_path: str, module_dir: Path) -> GoPackage:
    return GoPackage(directory, import_path, "main", module_dir, (), "example.com/m", ("a.go",))


def test_overlay_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    packages = [package(a, "example.com/m/a", tmp_path), package(b, "example.com/m/b", tmp_path)]
    clauses = {"example.com/m/a": "a", "example.com/m/b": "b"}
    infos = [
        combine.renamed_info(info("example.com/m/a", a, "A"), clauses),
        combine.renamed_info(info("example.com/m/b", b, "B"), clauses),
    ]
    texts = {a / "a.go": "package main\n\n//export A\nfunc A() {}\n"}
    texts[b / "a.go"] = "package main\n\n//export B\nfunc B() {}\n"
    files = combine.overlay_files(packages, infos, clauses, texts.__getitem__)
    assert set(files) == {
        a / "a.go",
        b / "a.go",
        a / names.RECOVER_FILE_NAME,
        b / names.RECOVER_FILE_NAME,
        a / names.STATE_FILE_NAME,  # the runtime support goes to the first package only
        a / names.OVERLAY_FILE_NAME,
        tmp_path / names.MAIN_DIRECTORY / "main.go",
    }
    assert files[a / "a.go"].startswith("package a\n")
    assert "//export _setuptools_golang_ext_guard_A" in files[a / "a.go"]
    assert files[b / "a.go"].startswith("package b\n")
    assert files[b / names.RECOVER_FILE_NAME] == overlay.recover_source("b")
    assert re.search(r"^package a$", files[a / names.STATE_FILE_NAME], re.M)
    assert '_ "example.com/m/b"' in files[tmp_path / names.MAIN_DIRECTORY / "main.go"]


def test_merged_info_lists_each_export_and_package_once(tmp_path: Path) -> None:
    words = info("m/words", tmp_path / "words", "Split")
    a = info("m/a", tmp_path / "a", "A")
    merged = combine.merged_info(
        [GoPackageInfo("m/a", a.exports + words.exports, a.sources + words.sources), words]
    )
    assert [item.name for item in merged.exports] == ["A", "Split"]
    assert [source.import_path for source in merged.sources] == ["m/a", "m/words"]
