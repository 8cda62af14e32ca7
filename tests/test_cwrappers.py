"""The compiled wrappers (cwrappers.py, c/wrappers.c), built into a real cffi API-mode module
from C stand-ins for Go exports (no Go needed), next to the Python wrappers of the same plans.

Every call goes both ways — the C function and the Python wrapper it replaces — and the two
must return equal values of the same type, or raise the same exception with the same message.
"""

from __future__ import annotations

import inspect
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import cffi
import pytest
from cffi import ffiplatform, recompiler
from conftest import export_value
from setuptools import Extension
from test_wrappers import C_SOURCE, CDEF, GO_FUNCTIONS, HEADER, execute

from setuptools_golang_ext import names
from setuptools_golang_ext.binding import codegen, cwrappers
from setuptools_golang_ext.binding.cgo import bindings, wrappers
from setuptools_golang_ext.runtime import runtime_support
from setuptools_golang_ext.stages.header import Export, Header, Param
from setuptools_golang_ext.stages.introspect import GoFunction

# A guarded export: Boom(n) panics for n < 0 (its guard leaves a report, as Go's would).
GUARD = names.GUARD_PREFIX + "Boom"
PANIC_SOURCE = f"""
int {names.PANIC_COUNT};
static char *report;
char *{names.TAKE_REPORT}(void) {{
    char *taken = report;
    report = NULL;
    if (taken) {names.PANIC_COUNT} = 0;
    return taken;
}}
char *{names.TAKE_PANIC_FUNCTION}(void) {{ return {names.TAKE_REPORT}(); }}
int *{names.PANIC_COUNT_FUNCTION}(void) {{ return &{names.PANIC_COUNT}; }}
long long Boom(long long n) {{ return n * 2; }}
long long {GUARD}(long long n) {{
    if (n >= 0) return Boom(n);
    report = dup("panic\\037main.T\\037boom\\037goroutine 1", 31);
    {names.PANIC_COUNT} = 1;
    return 0;
}}
"""
PANIC_CDEF = f"""
char *{names.TAKE_PANIC_FUNCTION}(void);
int *{names.PANIC_COUNT_FUNCTION}(void);
long long Boom(long long n);
long long {GUARD}(long long n);
"""
EXPORTS = (
    Export("Boom", "long long", (Param("n", "long long"),), "extern long long Boom(long long n);"),
    Export(GUARD, "long long", (Param("n", "long long"),), "extern long long guard(long long);"),
)
FULL = Header(CDEF + PANIC_CDEF, (*HEADER.exports, *EXPORTS))
BOOM = GoFunction(
    "Boom", "example.com/x", "", "x.go", 1, (export_value("n", "int", "int", ""),), ()
)
GO = {**GO_FUNCTIONS, "Boom": GoFunction(*BOOM.__dict__.values())}
MODULE = "cw_fake_cffi"
BYTES = b"in place"


def all_plans() -> tuple[bindings.FunctionPlan, ...]:
    return bindings.plan(FULL, GO, codegen.CffiTypes(FULL))


def functions() -> list[cwrappers.CompiledFunction]:
    return cwrappers.compiled_functions(all_plans(), FULL, codegen.CffiTypes(FULL))


def c_source() -> str:
    ffi = cffi.FFI()
    ffi.cdef(FULL.cdef)
    # Python.h declares unistd.h's dup(): the stand-ins' own is renamed.
    compiled = functions()
    preamble = (
        cwrappers.preamble(MODULE, compiled) + "#define dup fake_dup\n" + C_SOURCE + PANIC_SOURCE
    )
    source = codegen._emit(recompiler.make_c_source, ffi, MODULE, preamble)
    return source + cwrappers.appended(MODULE, compiled)


@pytest.fixture(scope="session")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler")
    directory = tmp_path_factory.mktemp("cwrappers")
    (directory / f"{MODULE}.c").write_text(c_source())
    extension = Extension(MODULE, sources=[str(directory / f"{MODULE}.c")])
    ffiplatform.compile(str(directory), extension)
    return directory


@pytest.fixture(scope="session")
def both(compiled: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The Python wrappers' namespace, and one where the C functions took their places."""
    sys.path.insert(0, str(compiled))
    module = __import__(MODULE)
    spaces = []
    for install in (False, True):
        namespace = execute(wrappers.render_functions(all_plans()), module.ffi, module.lib)
        namespace["_report_exception"] = runtime_support._report_exception
        if install:
            getattr(module, names.INSTALL_WRAPPERS)(namespace)
        spaces.append(namespace)
    return spaces[0], spaces[1]


def outcome(function: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    try:
        value = function(*args, **kwargs)
    except Exception as error:
        return type(error).__name__, str(error)
    return type(value).__name__, value


CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("ParseInt", ("42",), {}),
    ("ParseInt", (b"-7",), {}),
    ("ParseInt", ("x",), {}),  # GoError
    ("ParseInt", (bytearray(b"5"),), {}),  # a buffer: the fallback
    ("ParseInt", ("\ud800",), {}),  # cannot be UTF-8
    ("ParseInt", (), {"s": "3"}),  # keywords
    ("ParseInt", (), {}),
    ("ParseInt", ("1", "2"), {}),
    ("Describe", (4,), {}),
    ("Describe", (-1,), {}),  # GoError after a C string result, which is freed
    ("Split", ("k=v", "="), {}),
    ("Upper", ("grüne",), {}),
    ("Upper", ("",), {}),
    ("Nothing", (), {}),
    ("CLength", (b"four",), {}),
    ("CLength", ("a\0b",), {}),  # NUL: ValueError
    ("CLength", (bytearray(b"x"),), {}),  # cffi's TypeError
    ("IsEven", (2**62,), {}),
    ("IsEven", (2**70,), {}),  # cffi's OverflowError
    ("IsEven", (-(2**70),), {}),
    ("IsEven", (True,), {}),
    ("IsEven", (1.5,), {}),
    ("Negate", (True,), {}),
    ("Negate", (0,), {}),  # bool(0)
    ("AddInt8", (100, 27), {}),
    ("AddInt8", (200, 1), {}),  # does not fit int8_t
    ("AddInt8", (-129, 1), {}),
    ("Keywords", (1, 2), {"class_": 3}),
    ("Scale", (1.5, 2), {}),
    ("Scale", (2**2000, 1.0), {}),  # too large for a double
    ("Scale", ("1", 1.0), {}),
    ("StringLen", ("grüne",), {}),
    ("StringAddress", (b"",), {}),
    ("BytesAddress", (BYTES,), {}),  # zero copy: the address of the bytes object's own data
    ("BytesAddress", (bytearray(1),), {}),  # other buffers: the fallback's from_buffer
    ("Check", (True,), {}),
    ("Check", (False,), {}),
    ("Boom", (21,), {}),
    ("Boom", (-1,), {}),  # a panic report: GoPanic
]


@pytest.mark.parametrize(("name", "args", "kwargs"), CALLS)
def test_c_functions_behave_as_the_python_wrappers(
    both: tuple[dict[str, Any], dict[str, Any]],
    name: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    python, compiled = both
    assert type(compiled[name]).__name__ == "compiled_function"
    expected = outcome(python[name], *args, **kwargs)
    assert outcome(compiled[name], *args, **kwargs) == expected


def test_only_what_c_converts_is_compiled() -> None:
    names_ = {function.call.name for function in functions()}
    assert {
        "ParseInt",
        "Describe",
        "Split",
        "CLength",
        "Boom",
        "AddInt8",
        "Scale",
        "Fill",
    } <= names_
    # Slices of numbers, raw pointers: Python wrappers stay.
    assert names_.isdisjoint({"SumInt64", "MinMax", "Double", "Raw", "Stats"})
    assert [function.index for function in functions()] == list(range(len(names_)))


def test_compiled_functions_look_like_the_python_ones(
    both: tuple[dict[str, Any], dict[str, Any]],
) -> None:

    python, compiled = both
    for name in ("ParseInt", "Keywords", "Boom"):
        assert inspect.signature(compiled[name]) == inspect.signature(python[name])
        assert inspect.isfunction(compiled[name]) and compiled[name].__doc__ == python[name].__doc__
        assert compiled[name].__name__ == name


def test_a_second_install_keeps_the_compiled_functions(
    both: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    _, compiled = both
    before = compiled["ParseInt"]
    module = sys.modules[MODULE]
    getattr(module, names.INSTALL_WRAPPERS)(compiled)
    assert compiled["ParseInt"] is before


def test_install_refuses_what_is_not_a_module_namespace(compiled: Path) -> None:
    sys.path.insert(0, str(compiled))
    install = getattr(__import__(MODULE), names.INSTALL_WRAPPERS)
    with pytest.raises(TypeError, match="globals"):
        install([])
    with pytest.raises(RuntimeError, match="no GoError"):
        install({})
    with pytest.raises(RuntimeError, match="the module has no StringAddress"):
        install({"GoError": RuntimeError, "__name__": "x"})


def test_the_c_source_is_deterministic_and_renames_cffis_init() -> None:
    first = c_source()
    assert first == c_source()
    rename = first.index(f"#define PyInit_{MODULE} {cwrappers.RENAMED_INIT}")
    assert rename < first.index(f"PyInit_{MODULE}(void)")  # cffi's own init, renamed
    assert "#if defined(PYPY_VERSION)" in first


def test_no_compiled_functions_add_nothing_to_cffis_source() -> None:
    assert cwrappers.preamble(MODULE, []) == cwrappers.appended(MODULE, []) == ""


def test_the_template_compiles_alone_against_the_limited_api(tmp_path: Path) -> None:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler")
    include = sysconfig.get_paths()["include"]
    command = [compiler, "-fsyntax-only", "-Werror", "-DPy_LIMITED_API", f"-I{include}"]
    result = subprocess.run(
        [*command, str(cwrappers.TEMPLATE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_template_spells_the_runtimes_names() -> None:
    template = cwrappers.TEMPLATE.read_text()
    assert f"extern int {names.PANIC_COUNT};" in template


def plain_functions() -> dict[str, Any]:
    from setuptools_golang_ext.binding.plain import plan
    from setuptools_golang_ext.stages import introspect

    api = introspect.parse_api_report((Path(__file__).parent / "data/api/plain.json").read_text())
    return {function.go_name: function for function in plan.plan_package(api).functions}


def test_plain_functions_of_the_direct_ways_are_compiled() -> None:
    calls = {name: cwrappers.plain_call(function) for name, function in plain_functions().items()}
    compiled = {name for name, call in calls.items() if call is not None}
    assert compiled == {"Words", "Add", "Half", "Not", "Nothing", "Hello", "Small", "Boom"} | {
        # values.go's: numbers, strings and []byte
        "F32",
        "Fill",
        "InvalidText",
        "Keep",
        "LenOf",
        "Repeat",
        "StrLen",
        # a time and a duration
        "Later",
    }
    hello, words, later = calls["Hello"], calls["Words"], calls["Later"]
    assert later is not None and later.arguments == ("time", "duration")
    assert later.results == ("time",)
    assert hello is not None and hello.results == ("text",) and hello.export.endswith("Hello")
    assert words is not None and words.arguments == ("gostring",) and words.reports == "Words"


def test_plain_functions_with_a_context_or_variadic_stay_python() -> None:
    from dataclasses import replace

    add = plain_functions()["Add"]
    assert cwrappers.plain_call(replace(add, context=True)) is None
    assert cwrappers.plain_call(replace(add, variadic=True)) is None
    assert cwrappers.plain_call(replace(add, member="method", receiver="T")) is None


def test_methods_of_the_direct_ways_are_compiled_with_the_receivers_handle() -> None:
    from setuptools_golang_ext.binding.plain import plan
    from setuptools_golang_ext.stages import introspect

    api = introspect.parse_api_report((Path(__file__).parent / "data/api/objects.json").read_text())
    objects = {item.name: item for item in plan.plan_package(api).objects}
    calls = {
        method.go_name: cwrappers.plain_call(method, "Counter")
        for method in objects["Counter"].methods
    }
    add = calls["Add"]
    assert add is not None and add.owner == "Counter" and add.reports == "Counter.Add"
    assert add.arguments == ("handle", "number") and add.export.endswith("Counter_method_Add")
    assert calls["Upto"] is None and calls["Self"] is None  # an iterator, an object: Python
    # Without its class, a method is not a function.
    method = objects["Counter"].methods[0]
    assert cwrappers.plain_call(method) is None
