"""Unit tests of the code generation stage, fed by the real header stage over stored headers."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import re
import shutil
import sys
import sysconfig
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import _cffi_backend
import pytest
from conftest import assert_same_bytes, generated_in_fresh_interpreters

from setuptools_golang_ext import _process, names
from setuptools_golang_ext.binding import codegen
from setuptools_golang_ext.binding.cgo import bindings, wrappers
from setuptools_golang_ext.binding.cgo.wrappers import RUNTIME_NAMES
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages import introspect
from setuptools_golang_ext.stages.header import Header, parse_preprocessed, preprocess
from setuptools_golang_ext.stages.toolchain import find_go, toolchain_env

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

RUNTIME = "pkg._go_runtime"


def library_name(ext: GoExtension) -> str:
    return f"lib{ext.module_name}.so"


def header_plans(header: Header) -> tuple[bindings.FunctionPlan, ...]:
    """Plans from the header alone (no Go view)."""
    return bindings.plan(header, {}, codegen.CffiTypes(header))


@cache
def go_view(fixture: str) -> Mapping[str, introspect.GoFunction]:
    """The real introspection program's report on a fixture package (needs Go)."""
    go = Path("/usr/local/go/bin/go")
    if not go.is_file() and shutil.which("go") is None:
        pytest.skip("no Go")
    env = toolchain_env(os.environ)
    env["GO"] = str(go) if go.is_file() else "go"
    toolchain = find_go(env, (1, 21, 0))
    ext = extension("pkg._native", fixture, "c-shared")
    return introspect.introspect(ext, toolchain, GOPKGS / fixture, env).by_name()


def go_plans(fixture: str, header: Header) -> tuple[bindings.FunctionPlan, ...]:
    return bindings.plan(header, go_view(fixture), codegen.CffiTypes(header))


def generate(
    fixture: str,
    mode: str,
    plans: tuple[bindings.FunctionPlan, ...] | None = None,
    target: str = "pkg._native",
) -> str:
    header = header_model(fixture, mode == "c-shared")
    ext = extension(target, fixture, mode)
    return codegen.module_source(
        ext,
        header,
        header_plans(header) if plans is None else plans,
        import_path=import_path(fixture),
        library_file=library_name(ext) if mode == "c-shared" else None,
        runtime_module=RUNTIME,
    )


MODULE_CASES = [
    pytest.param(
        fixture,
        mode,
        id=f"{fixture}-{mode}",
    )
    for fixture in FIXTURES
    for mode in ("c-shared", "c-archive")
]


@pytest.mark.parametrize(("fixture", "mode"), MODULE_CASES)
def test_module_source_docstring(fixture: str, mode: str) -> None:
    header = header_model(fixture, mode == "c-shared")
    source = generate(fixture, mode)
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
    assert source == generate(fixture, mode)


def test_module_source_mentions_skipped_exports() -> None:
    header = header_model("decorated", True)
    assert header.skipped  # the complex exports
    source = generate("decorated", "c-shared")
    docstring = ast.get_docstring(module_ast(source))
    assert docstring is not None
    for item in header.skipped:
        assert item.name in docstring
    bound = {export.name for export in header.exports}
    assert not bound & {item.name for item in header.skipped}
    defined = {node.name for node in module_ast(source).body if isinstance(node, ast.FunctionDef)}
    assert not defined & {item.name for item in header.skipped}


@pytest.mark.parametrize("target", ["pkg._native", "a.b._native", "toplevel"])
def test_module_source_c_shared_imports(target: str) -> None:
    ext = extension(target, "kitchen", "c-shared")
    tree = module_ast(generate("kitchen", "c-shared", target=target))
    level = 1 if ext.package else 0
    assert (f"{ext.module_name}_cffi", level, ["ffi"]) in imports_from(tree)
    assert (RUNTIME, 0, list(RUNTIME_NAMES)) in imports_from(tree)
    [dlopen] = calls_to(tree, "dlopen")
    assert library_name(ext) in ast.unparse(dlopen)
    assert "__file__" in ast.unparse(dlopen)


@pytest.mark.parametrize("target", ["pkg._native", "a.b._native", "toplevel"])
def test_module_source_c_archive_imports(target: str) -> None:
    ext = extension(target, "kitchen", "c-archive")
    tree = module_ast(generate("kitchen", "c-archive", target=target))
    level = 1 if ext.package else 0
    ffi_imports = [item for item in imports_from(tree) if item[0] and item[0].endswith("_cffi")]
    assert ffi_imports == [(f"{ext.module_name}_cffi", level, ["ffi", "lib"])]
    assert (RUNTIME, 0, list(RUNTIME_NAMES)) in imports_from(tree)
    assert calls_to(tree, "dlopen") == []


def module_all(tree: ast.Module) -> list[str]:
    [node] = [
        node
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    ]
    value = ast.literal_eval(node.value)
    assert isinstance(value, list)
    return value


@pytest.mark.parametrize("mode", ["c-shared", "c-archive"])
@pytest.mark.parametrize("source_of_plans", ["header", "go"])
def test_module_source_with_plans_compiles(mode: str, source_of_plans: str) -> None:
    header = header_model("kitchen", mode == "c-shared")
    plans = header_plans(header) if source_of_plans == "header" else go_plans("kitchen", header)
    source = generate("kitchen", mode, plans)
    tree = module_ast(source)
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    for plan in plans:
        assert plan.name in functions
    assert names.FREE_FUNCTION not in functions


def generated_texts() -> dict[str, str]:
    """Every text this stage generates from the stored headers (also computed in fresh
    interpreters): each fixture's ffi and C sources and modules, and kitchen's module and stub
    with Go's view."""
    texts = {}
    for fixture in FIXTURES:
        shared, archive = (
            extension("p._n", fixture, "c-shared"),
            extension("p._n", fixture, "c-archive"),
        )
        texts[f"{fixture} abi ffi"] = codegen.abi_ffi_source(shared, header_model(fixture, True))
        texts[f"{fixture} api c"] = codegen.api_c_source(
            archive, header_model(fixture, False), f"lib{fixture}.h"
        )
        for mode in ("c-shared", "c-archive"):
            texts[f"{fixture} {mode} module"] = generate(fixture, mode)
    for mode in ("c-shared", "c-archive"):
        plans = go_plans("kitchen", header_model("kitchen", mode == "c-shared"))
        texts[f"kitchen {mode} module with Go's view"] = generate("kitchen", mode, plans)
        texts[f"kitchen {mode} stub with Go's view"] = wrappers.render_stub(plans, RUNTIME)
    texts["runtime module"] = codegen.runtime_module_source()
    return texts


def test_generated_sources_are_the_same_bytes_in_every_interpreter() -> None:
    """Two interpreters with different hash seeds, and this one: set order, string hashes and
    object addresses differ between them, so output depending on them differs too."""
    here = {name: text.encode() for name, text in generated_texts().items()}
    assert_same_bytes(here, *generated_in_fresh_interpreters("test_codegen", "generated_texts"))


@pytest.mark.parametrize("source_of_plans", ["header", "go"])
def test_module_all(source_of_plans: str) -> None:
    header = header_model("kitchen", True)
    plans = header_plans(header) if source_of_plans == "header" else go_plans("kitchen", header)
    tree = module_ast(generate("kitchen", "c-shared", plans))
    names = module_all(tree)
    expected = {*RUNTIME_NAMES, "ffi", "lib"} | {plan.name for plan in plans}
    expected |= {plan.result_class for plan in plans if plan.named_results}
    assert sorted(names) == names
    assert set(names) == expected
    assert len(names) == len(expected)
    defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    defined |= {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert set(names) - {*RUNTIME_NAMES, "ffi", "lib"} <= defined
    if source_of_plans == "go":
        # kitchen's DivMod (q, r) and Stats (n, mean, ok) name their results.
        assert {"DivModResult", "StatsResult"} <= set(names)
    else:  # the header alone has cgo's r0, r1: no names, no result classes
        assert not any(plan.named_results for plan in plans)


def test_module_without_plans() -> None:
    source = generate("kitchen", "c-shared", ())
    tree = module_ast(source)
    assert module_all(tree) == sorted([*RUNTIME_NAMES, "ffi", "lib"])
    assert not [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    assert "_free" not in source


HELPER_NAMES = {
    "gostring": ["_go_string"],
    "cstring": ["_c_string"],
    "bytes": ["_bytes_slice"],
    "slice": ["_slice", "_buffer_formats"],
    "free": ["_take_string"],
}


@pytest.mark.parametrize(
    "names",
    [
        ("AddInt64",),
        ("StringLen",),
        ("Greet",),
        ("BytesLen",),
        ("SumInt64",),
        ("Answer", "Negate"),
        ("Concat", "ByteSum", "Stats"),
    ],
    ids="+".join,
)
def test_only_needed_helpers_are_emitted(names: tuple[str, ...]) -> None:
    header = header_model("kitchen", True)
    plans = tuple(plan for plan in go_plans("kitchen", header) if plan.name in names)
    assert sorted(plan.name for plan in plans) == sorted(names)
    source = generate("kitchen", "c-shared", plans)
    tree = module_ast(source)
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    kinds = {argument.kind for plan in plans for argument in plan.arguments}
    if any(plan.returns_error or any(r.kind == "cstring" for r in plan.results) for plan in plans):
        kinds.add("free")
    for kind, helpers in HELPER_NAMES.items():
        for helper in helpers:
            assert (helper in defined) == (kind in kinds), (kind, helper)
    assert ("_free = lib." in source) == ("free" in kinds)
    assert ("import _struct as _struct" in source) == ("slice" in kinds)
    assert ("_namedtuple" in source) == any(plan.named_results for plan in plans)
    assert ("from typing_extensions import Buffer" in source) == bool(kinds & {"bytes", "slice"})


def signatures(tree: ast.Module) -> dict[str, tuple[list[str], list[str], str]]:
    return {
        node.name: (
            [arg.arg for arg in node.args.args],
            [ast.unparse(arg.annotation) if arg.annotation else "" for arg in node.args.args],
            ast.unparse(node.returns) if node.returns else "",
        )
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    }


def class_fields(tree: ast.Module) -> dict[str, list[str]]:
    """Result classes and their field names: ``class X(NamedTuple)`` in the stub,
    ``X = _namedtuple("X", [...])`` in the module."""
    fields = {
        node.name: [item.target.id for item in node.body if isinstance(item, ast.AnnAssign)]  # type: ignore[union-attr]
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    }
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            call = node.value
            if isinstance(call.func, ast.Name) and call.func.id == "_namedtuple":
                names = ast.literal_eval(call.args[1])
                fields[ast.literal_eval(call.args[0])] = list(names)
    return fields


@pytest.mark.parametrize("source_of_plans", ["header", "go"])
@pytest.mark.parametrize("fixture", ["kitchen", "multifile"])
def test_stub_matches_module(fixture: str, source_of_plans: str) -> None:
    header = header_model(fixture, True)
    plans = header_plans(header) if source_of_plans == "header" else go_plans(fixture, header)
    module = module_ast(generate(fixture, "c-shared", plans))
    stub_text = wrappers.render_stub(plans, RUNTIME)
    stub = ast.parse(stub_text)
    assert module_all(stub) == module_all(module)
    module_signatures = signatures(module)
    assert signatures(stub) == module_signatures
    assert list(module_signatures) == [plan.name for plan in plans]
    assert class_fields(stub) == class_fields(module)
    for name in module_signatures:
        [in_module] = [n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == name]
        [in_stub] = [n for n in stub.body if isinstance(n, ast.FunctionDef) and n.name == name]
        assert ast.get_docstring(in_stub) == ast.get_docstring(in_module)
    assert (RUNTIME, 0, ["GoError"]) in imports_from(stub)


def test_go_docs_reach_the_module() -> None:
    header = header_model("kitchen", True)
    view = go_view("kitchen")
    plans = go_plans("kitchen", header)
    tree = module_ast(generate("kitchen", "c-shared", plans))
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert plans
    for plan in plans:
        go = view[plan.c_name or plan.name]
        doc = ast.get_docstring(functions[plan.name])
        assert doc is not None
        assert doc.startswith(go.doc)
        assert f"Go: ``{bindings.go_signature(go)}``" in doc


def test_cffi_types_on_partial_structs() -> None:
    header = header_model("decorated", False)
    assert "PackedPair" in header.cdef
    c_types = codegen.CffiTypes(header)
    assert c_types.kind("PackedPair *") == "other"
    assert c_types.kind("PackedPair") == "other"


# -- runtime module ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        (["pkg._native"], "pkg._go_runtime"),
        (["pkg.b._native", "pkg.a._native"], "pkg.a._go_runtime"),
        (["toplevel"], "_toplevel_go_runtime"),
        (["zpkg._n", "apkg._n"], "apkg._go_runtime"),
    ],
)
def test_runtime_module_name(targets: list[str], expected: str) -> None:
    extensions = [extension(target, "kitchen", "c-shared") for target in targets]
    assert codegen.runtime_module_name(extensions) == expected
    assert codegen.runtime_module_name(list(reversed(extensions))) == expected


def test_runtime_module_source() -> None:
    source = codegen.runtime_module_source()
    assert source.startswith(f"# {codegen.GENERATED_MARKER}\n")
    namespace: dict[str, Any] = {"__name__": "runtime"}
    exec(compile(source, "<runtime>", "exec"), namespace)
    assert issubclass(namespace["GoError"], RuntimeError)
    assert str(namespace["GoError"]("boom")) == "boom"
    assert source == codegen.runtime_module_source()


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


def package_directory(root: Path, ext: GoExtension) -> Path:
    directory = root.joinpath(*ext.package.split(".")) if ext.package else root
    directory.mkdir(parents=True, exist_ok=True)
    parts = ext.package.split(".") if ext.package else []
    for depth in range(1, len(parts) + 1):
        root.joinpath(*parts[:depth], "__init__.py").write_text("")
    return directory


def write_runtime(root: Path, ext: GoExtension) -> str:
    name = codegen.runtime_module_name([ext])
    root.joinpath(*name.split(".")).with_suffix(".py").write_text(codegen.runtime_module_source())
    return name


def write_c_shared(
    root: Path, target: str, fixture: str, *, with_library: bool = True
) -> GoExtension:
    """The generated files without wrappers (plans=()): the stand-in library has no Go symbols."""
    ext = extension(target, fixture, "c-shared")
    directory = package_directory(root, ext)
    header = header_model(fixture, True)
    (directory / f"{ext.module_name}_cffi.py").write_text(codegen.abi_ffi_source(ext, header))
    (directory / f"{ext.module_name}.py").write_text(
        codegen.module_source(
            ext,
            header,
            (),
            import_path=import_path(fixture),
            library_file=library_name(ext),
            runtime_module=write_runtime(root, ext),
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
    assert sorted(module.__all__) == sorted([*RUNTIME_NAMES, "ffi", "lib"])
    runtime = importlib.import_module(codegen.runtime_module_name([ext]))
    assert module.GoError is runtime.GoError
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


FAKE_CFFI_MODULE = """
import cffi

ffi = cffi.FFI()
ffi.cdef({cdef!r})


class _Lib:
    # Stands in for the compiled lib: every export is a Python function recording its call.
    calls = []

    def __getattr__(self, name):
        def call(*args):
            self.calls.append((name, args))
            return 0

        return call


lib = _Lib()
"""


def test_c_archive_module_with_wrappers_imports(import_root: Path, tmp_path: Path) -> None:
    """The whole generated module runs: imports, helpers, result classes, wrappers, __all__."""
    ext = extension(f"{unique(tmp_path, 'arch')}._native", "kitchen", "c-archive")
    header = header_model("kitchen", False)
    plans = go_plans("kitchen", header)
    directory = package_directory(import_root, ext)
    (directory / f"{ext.module_name}_cffi.py").write_text(FAKE_CFFI_MODULE.format(cdef=header.cdef))
    runtime = write_runtime(import_root, ext)
    (directory / f"{ext.module_name}.py").write_text(
        codegen.module_source(
            ext, header, plans, import_path="x", library_file=None, runtime_module=runtime
        )
    )
    module = importlib.import_module(ext.target)
    assert module.GoError is importlib.import_module(runtime).GoError
    for name in module.__all__:
        assert hasattr(module, name), name
    for plan in plans:
        function = getattr(module, plan.name)
        assert list(inspect.signature(function).parameters) == [a.name for a in plan.arguments]
    module.lib.calls.clear()
    assert module.AddInt64(2, 3) == 0
    assert module.lib.calls == [("AddInt64", (2, 3))]
    module.SumInt64([1, 2])
    [(name, (slice_arg,))] = module.lib.calls[1:]
    assert name == "SumInt64"
    assert slice_arg[1:] == (2, 2)
