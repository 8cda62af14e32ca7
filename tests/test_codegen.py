"""Unit tests of the code generation stage, fed by the real header stage over stored headers."""

from __future__ import annotations

import ast
import importlib
import os
import re
import shutil
import sys
import sysconfig
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import _cffi_backend
import pytest

from setuptools_golang_ext import _process, codegen
from setuptools_golang_ext.extension import GoExtension
from setuptools_golang_ext.header import Header, parse_preprocessed, preprocess

DATA = Path(__file__).resolve().parent / "data"
HEADERS = DATA / "headers"
GOPKGS = DATA / "gopkgs"
LATEST = max(
    (path for path in HEADERS.iterdir() if not path.name.endswith("-windows")),
    key=lambda path: tuple(int(part) for part in path.name.removeprefix("go").split(".")),
)
FIXTURES = sorted(path.stem for path in LATEST.glob("*.h"))
# A real shared object that every test process can dlopen; it lacks the Go symbols, which
# cffi only looks up when an attribute of `lib` is first used.
STAND_IN_LIBRARY = Path(_cffi_backend.__file__)


def _compiler() -> list[str]:
    for name in (os.environ.get("CC", ""), "cc", "gcc", "clang"):
        if name and shutil.which(name.split()[0]):
            return name.split()
    pytest.skip("no C compiler to preprocess headers")


@cache
def header_model(fixture: str, abi_mode: bool, version_dir: str = LATEST.name) -> Header:
    text = preprocess(
        HEADERS / version_dir / f"{fixture}.h",
        _compiler(),
        [f"-I{GOPKGS / fixture}"],
        dict(os.environ),
    )
    return parse_preprocessed(text, abi_mode=abi_mode)


def import_path(fixture: str) -> str:
    match = re.search(r"^module\s+(\S+)", (GOPKGS / fixture / "go.mod").read_text(), re.M)
    assert match
    return match.group(1)


def extension(target: str, fixture: str, mode: str) -> GoExtension:
    return GoExtension(target, f"go/{fixture}", mode=mode)  # type: ignore[arg-type]


def module_ast(source: str) -> ast.Module:
    compile(source, "<generated>", "exec")
    return ast.parse(source)


def imports_from(tree: ast.Module) -> list[tuple[str | None, int, list[str]]]:
    return [
        (node.module, node.level, [alias.name for alias in node.names])
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    ]


def calls_to(tree: ast.Module, attribute: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == attribute
    ]


def exec_ffi(source: str) -> Any:
    namespace: dict[str, Any] = {}
    exec(compile(source, "<ffi>", "exec"), namespace)
    return namespace["ffi"]


def function_type(export: Any) -> str:
    params = ", ".join(param.c_type for param in export.params) or "void"
    return f"{export.result}(*)({params})"


# -- ffi_module_name ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["pkg._native", "toplevel", "a.b.c"])
def test_ffi_module_name(target: str) -> None:
    ext = extension(target, "kitchen", "c-shared")
    name = codegen.ffi_module_name(ext)
    assert name == f"{target}_cffi"
    assert name.rpartition(".")[0] == ext.package
    assert name.rpartition(".")[2] == ext.module_name + "_cffi"


# -- abi_ffi_source ----------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", FIXTURES)
def test_abi_ffi_source(fixture: str) -> None:
    header = header_model(fixture, True)
    ext = extension("pkg._native", fixture, "c-shared")
    source = codegen.abi_ffi_source(ext, header)
    assert source.startswith(f"# {codegen.GENERATED_MARKER}\n")
    assert codegen.ffi_module_name(ext) in source
    ast.parse(source)
    ffi = exec_ffi(source)
    for export in header.exports:
        assert ffi.typeof(function_type(export)).kind == "function"
    # The out-of-line ffi declares every bound export and nothing else: against a library
    # lacking them, cffi looks a declared name up (and fails) but does not know the others.
    lib = ffi.dlopen(str(STAND_IN_LIBRARY))
    for export in header.exports:
        with pytest.raises(ffi.error, match=f"symbol '{export.name}' not found in library"):
            getattr(lib, export.name)
    for name in [item.name for item in header.skipped] + ["_GoStringLen", "NoSuchExport"]:
        with pytest.raises(AttributeError, match=name):
            getattr(lib, name)


def test_abi_ffi_source_constants() -> None:
    header = header_model("kitchen", True)
    defines = dict(re.findall(r"^#define (\w+) (\S+)$", header.cdef, re.MULTILINE))
    assert defines
    lib = exec_ffi(codegen.abi_ffi_source(extension("p._n", "kitchen", "c-shared"), header)).dlopen(
        str(STAND_IN_LIBRARY)
    )
    for name, value in defines.items():
        assert getattr(lib, name) == int(value, 0)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_abi_ffi_source_deterministic(fixture: str) -> None:
    ext = extension("pkg._native", fixture, "c-shared")
    first = codegen.abi_ffi_source(ext, header_model(fixture, True))
    second = codegen.abi_ffi_source(ext, header_model(fixture, True))
    assert first.encode() == second.encode()
    # A separately computed header model of the same input gives the same bytes too.
    header_model.cache_clear()
    assert codegen.abi_ffi_source(ext, header_model(fixture, True)).encode() == first.encode()


# -- api_c_source ------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", FIXTURES)
def test_api_c_source(fixture: str) -> None:
    header = header_model(fixture, False)
    ext = extension("pkg._native", fixture, "c-archive")
    header_file = f"lib{fixture}.h"
    source = codegen.api_c_source(ext, header, header_file)
    assert source.startswith(f"/* {codegen.GENERATED_MARKER} */\n")
    assert f'#include "{header_file}"' in source.splitlines()
    assert "Py_LIMITED_API" in source
    for export in header.exports:
        assert re.search(rf"\b{export.name}\(", source), export.name
    assert codegen.api_c_source(ext, header, header_file).encode() == source.encode()


@pytest.mark.skipif(
    not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file(), reason="no Python.h"
)
@pytest.mark.parametrize("fixture", FIXTURES)
def test_api_c_source_compiles_against_the_real_header(tmp_path: Path, fixture: str) -> None:
    header_file = f"lib{fixture}.h"
    shutil.copy(LATEST / f"{fixture}.h", tmp_path / header_file)
    source = tmp_path / "_native_cffi.c"
    ext = extension("pkg._native", fixture, "c-archive")
    source.write_text(codegen.api_c_source(ext, header_model(fixture, False), header_file))
    _process.run(
        [
            *_compiler(),
            "-fsyntax-only",
            "-Werror=implicit-function-declaration",
            f"-I{tmp_path}",
            f"-I{GOPKGS / fixture}",
            f"-I{sysconfig.get_paths()['include']}",
            str(source),
        ],
        env=dict(os.environ),
    )


# -- module_source -----------------------------------------------------------------------------


def library_name(ext: GoExtension) -> str:
    return f"lib{ext.module_name}.so"


@pytest.mark.parametrize("mode", ["c-shared", "c-archive"])
@pytest.mark.parametrize("fixture", FIXTURES)
def test_module_source_docstring(fixture: str, mode: str) -> None:
    header = header_model(fixture, mode == "c-shared")
    ext = extension("pkg._native", fixture, mode)
    library = library_name(ext) if mode == "c-shared" else None
    source = codegen.module_source(
        ext, header, import_path=import_path(fixture), library_file=library
    )
    assert source.startswith(f"# {codegen.GENERATED_MARKER}\n")
    tree = module_ast(source)
    docstring = ast.get_docstring(tree, clean=False)
    assert docstring is not None
    assert import_path(fixture) in docstring
    assert mode in docstring
    lines = [line.strip() for line in docstring.splitlines()]
    for export in header.exports:
        assert export.declaration.removeprefix("extern ") in lines
    for item in header.skipped:
        [line] = [line for line in lines if re.search(rf"\b{item.name}\b", line)]
        assert item.reason in line
    assert source == codegen.module_source(
        ext, header, import_path=import_path(fixture), library_file=library
    )


def test_module_source_mentions_skipped_exports() -> None:
    header = header_model("decorated", True)
    assert header.skipped  # the complex exports
    source = codegen.module_source(
        extension("pkg._native", "decorated", "c-shared"),
        header,
        import_path=import_path("decorated"),
        library_file="lib_native.so",
    )
    docstring = ast.get_docstring(module_ast(source))
    assert docstring is not None
    for item in header.skipped:
        assert item.name in docstring
    bound = {export.name for export in header.exports}
    assert not bound & {item.name for item in header.skipped}


@pytest.mark.parametrize("target", ["pkg._native", "a.b._native", "toplevel"])
def test_module_source_c_shared_imports(target: str) -> None:
    ext = extension(target, "kitchen", "c-shared")
    source = codegen.module_source(
        ext, header_model("kitchen", True), import_path="x", library_file=library_name(ext)
    )
    tree = module_ast(source)
    level = 1 if ext.package else 0
    assert (f"{ext.module_name}_cffi", level, ["ffi"]) in imports_from(tree)
    [dlopen] = calls_to(tree, "dlopen")
    assert library_name(ext) in ast.unparse(dlopen)
    assert "__file__" in ast.unparse(dlopen)


@pytest.mark.parametrize("target", ["pkg._native", "a.b._native", "toplevel"])
def test_module_source_c_archive_imports(target: str) -> None:
    ext = extension(target, "kitchen", "c-archive")
    source = codegen.module_source(
        ext, header_model("kitchen", False), import_path="x", library_file=None
    )
    tree = module_ast(source)
    level = 1 if ext.package else 0
    assert imports_from(tree) == [(f"{ext.module_name}_cffi", level, ["ffi", "lib"])]
    assert calls_to(tree, "dlopen") == []


# -- importing what was generated (c-shared) -----------------------------------------------------


@pytest.fixture
def import_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    before = set(sys.modules)
    yield root
    for name in set(sys.modules) - before:
        del sys.modules[name]
    importlib.invalidate_caches()


def write_c_shared(
    root: Path, target: str, fixture: str, *, with_library: bool = True
) -> GoExtension:
    ext = extension(target, fixture, "c-shared")
    directory = root.joinpath(*ext.package.split(".")) if ext.package else root
    directory.mkdir(parents=True, exist_ok=True)
    parts = ext.package.split(".") if ext.package else []
    for depth in range(1, len(parts) + 1):
        root.joinpath(*parts[:depth], "__init__.py").write_text("")
    header = header_model(fixture, True)
    (directory / f"{ext.module_name}_cffi.py").write_text(codegen.abi_ffi_source(ext, header))
    (directory / f"{ext.module_name}.py").write_text(
        codegen.module_source(
            ext, header, import_path=import_path(fixture), library_file=library_name(ext)
        )
    )
    if with_library:
        shutil.copy(STAND_IN_LIBRARY, directory / library_name(ext))
    return ext


def unique(tmp_path: Path, stem: str) -> str:
    return f"{stem}_{abs(hash(str(tmp_path))):x}"


@pytest.mark.parametrize("nested", [False, True], ids=["package", "subpackage"])
def test_c_shared_module_imports_from_its_package(
    import_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nested: bool
) -> None:
    package = unique(tmp_path, "gopkg") + (".sub" if nested else "")
    ext = write_c_shared(import_root, f"{package}._native", "kitchen")
    monkeypatch.chdir(tmp_path)  # not the package directory: the path must not be cwd-relative
    module: ModuleType = importlib.import_module(ext.target)
    assert module.ffi is importlib.import_module(f"{ext.target}_cffi").ffi
    assert sorted(module.__all__) == ["ffi", "lib"]
    header = header_model("kitchen", True)
    for export in header.exports:  # declared, looked up in the library next to the module
        with pytest.raises(module.ffi.error, match=re.escape(library_name(ext))):
            getattr(module.lib, export.name)
        assert module.ffi.typeof(function_type(export)).kind == "function"


def test_c_shared_module_without_its_library(import_root: Path, tmp_path: Path) -> None:
    package = unique(tmp_path, "gopkg")
    ext = write_c_shared(import_root, f"{package}._native", "multifile", with_library=False)
    expected = import_root / package / library_name(ext)
    with pytest.raises(OSError, match=re.escape(str(expected))):
        importlib.import_module(ext.target)


def test_c_shared_top_level_module_imports(import_root: Path, tmp_path: Path) -> None:
    ext = write_c_shared(import_root, unique(tmp_path, "toplevel"), "multifile")
    assert ext.package == ""
    module = importlib.import_module(ext.target)
    assert module.__file__ is not None
    assert Path(module.__file__).parent == import_root
    with pytest.raises(module.ffi.error, match=re.escape(library_name(ext))):
        module.lib.Triple  # noqa: B018
