"""The names the generated code and the runtime share are defined once, in names.py: the files
that cannot import it (the Go templates, the runtime module copied into distributions) agree."""

from __future__ import annotations

import pickle
import re

import pytest
from conftest import DATA

from setuptools_golang_ext import names, runtime
from setuptools_golang_ext.binding import needs
from setuptools_golang_ext.binding.plain import shims
from setuptools_golang_ext.binding.plain.plan import plan_package
from setuptools_golang_ext.runtime import runtime_support
from setuptools_golang_ext.stages import overlay
from setuptools_golang_ext.stages.introspect import parse_api_report

SUPPORT = runtime.read("go/shim/support.go")


class _ErrorType(runtime_support.GoError):
    """An error type's exception class, as a generated module has one."""


def test_the_shim_support_template_uses_the_shared_names() -> None:
    assert f"void {names.PUSH_REPORT}(char *text);" in SUPPORT
    assert f"{names.RECOVER}(function, value," in SUPPORT
    assert f'kind, state := "{names.ERROR_REPORT}", ""' in SUPPORT
    assert SUPPORT.count(f'kind += "{names.SENTINEL_SEPARATOR}" + name') == 2
    assert f'kind += "{names.SENTINEL_SEPARATOR}" + errorType.name' in SUPPORT
    assert f'state += "{names.HANDLE_SEPARATOR}" + strconv.FormatUint(' in SUPPORT
    separator = names.REPORT_SEPARATOR.encode("unicode_escape").decode()
    fields = f'goType + "{separator}" + state + "{separator}" + message'
    assert f'kind + "{separator}" + {fields}' in SUPPORT
    for kind in names.CONVERSION_REPORTS:
        assert f'"{kind}"' in SUPPORT or (
            kind == "ValueError" and 'kind := "ValueError"' in SUPPORT
        )


def test_every_internal_go_name_the_shims_use_is_defined_in_the_build() -> None:
    planned = plan_package(parse_api_report((DATA / "api" / "plain.json").read_text()))
    shim = shims.shim_source(
        planned, package_name="p", same_package=True, module_path="m", python_module="x._y"
    )
    defined_by = SUPPORT + overlay.recover_source("p") + overlay.state_source("p")
    used = set(re.findall(rf"\b({names.INTERNAL_PREFIX}\w+)\(", shim))
    used |= set(re.findall(rf"\b({names.INTERNAL_PREFIX}(?:running|returned|reported))\b", shim))
    assert used
    for name in used:
        if name.startswith(names.SHIM_PREFIX) or f"func {name}(" in shim:
            continue
        assert re.search(rf"(func|void|char \*|int) {name}\b|^\s*{name}\b", defined_by, re.M), name


def test_the_runtime_module_reads_reports_as_the_go_side_writes_them() -> None:
    assert runtime_support._REPORT_SEPARATOR == names.REPORT_SEPARATOR
    assert runtime_support._HANDLE_SEPARATOR == names.HANDLE_SEPARATOR
    sep = names.REPORT_SEPARATOR
    panic = runtime_support._report_exception(
        "F", sep.join([names.PANIC_REPORT, "string", "boom", "stack"])
    )
    assert isinstance(panic, runtime_support.GoPanic) and panic.value == "boom"
    error = runtime_support._report_exception(
        "F", sep.join([names.ERROR_REPORT, "*errors.errorString", "", "bad"])
    )
    assert type(error) is runtime_support.GoError and error.go_type == "*errors.errorString"
    assert str(error) == "bad"
    sentinel = names.ERROR_REPORT + names.SENTINEL_SEPARATOR + "ErrBad"
    namespace = {"ErrBad": type("ErrBad", (runtime_support.GoError,), {}), "NotAnError": 1}
    raised = runtime_support._report_exception("F", sep.join([sentinel, "t", "", "m"]), namespace)
    assert type(raised) is namespace["ErrBad"] and raised.go_type == "t"
    other = names.ERROR_REPORT + names.SENTINEL_SEPARATOR + "NotAnError"
    assert type(
        runtime_support._report_exception("F", sep.join([other, "t", "", "m"]), namespace)
    ) is (runtime_support.GoError)
    standard = names.ERROR_REPORT + names.SENTINEL_SEPARATOR + "GoEOFError"
    eof = runtime_support._report_exception("F", sep.join([standard, "t", "", "EOF"]), namespace)
    assert type(eof) is runtime_support.GoEOFError and isinstance(eof, EOFError)
    value = _ErrorType("")
    value.Line = 7  # type: ignore[attr-defined]
    fields = pickle.dumps(value).hex()
    typed = names.ERROR_REPORT + names.SENTINEL_SEPARATOR + "_ErrorType"
    found = runtime_support._report_exception("F", sep.join([typed, "t", fields, "m"]), {})
    assert type(found) is _ErrorType and str(found) == "m" and found.go_type == "t"
    assert found.Line == 7  # type: ignore[attr-defined]
    held: list[tuple[BaseException, int]] = []

    def hold(exception: BaseException, handle: int) -> None:
        held.append((exception, handle))
        exception._go = handle  # type: ignore[attr-defined]

    with_handle = sep.join([typed, "t", fields + names.HANDLE_SEPARATOR + "17", "m"])
    found = runtime_support._report_exception("F", with_handle, {"_hold_error": hold})
    assert held == [(found, 17)] and found.Line == 7  # type: ignore[attr-defined]
    assert "_go" not in pickle.loads(pickle.dumps(found)).__dict__  # not in another process


@pytest.mark.parametrize("kind", names.CONVERSION_REPORTS)
def test_conversion_reports_raise_the_builtin_they_name(kind: str) -> None:
    sep = names.REPORT_SEPARATOR
    exception = runtime_support._report_exception("F", sep.join([kind, "", "", "argument x: no"]))
    assert type(exception).__name__ == kind
    assert str(exception) == "F(): argument x: no"


def test_the_standard_errors_the_support_matches_are_runtime_exceptions() -> None:
    table = SUPPORT.split("_standard_errors = ")[1].split("\n}\n")[0]
    classes = re.findall(r'\{"(\w+)", ', table)
    assert len(classes) == 6
    assert set(classes) <= set(needs.PLAIN_RUNTIME_NAMES)
    for name in classes:
        assert issubclass(getattr(runtime_support, name), runtime_support.GoError), name


def test_the_package_exports_are_named_once() -> None:
    assert names.package_export("next", "pkg.sub._native") == (
        f"{names.INTERNAL_PREFIX}next_pkg_sub__native"
    )
    support = shims.support_source("p", "m", "pkg._native")
    for what in names.PACKAGE_EXPORTS:
        template_name = names.package_export(what, names.PACKAGE_EXPORT_MARK)
        assert f"//export {template_name}\nfunc {template_name}(" in SUPPORT
        assert f"//export {names.package_export(what, 'pkg._native')}\n" in support
    assert names.PACKAGE_EXPORT_MARK not in support
    assert SUPPORT.count("//export ") == len(names.PACKAGE_EXPORTS)


def test_error_types_take_their_fields_as_the_codec_writes_them() -> None:
    error = _ErrorType("m", "t")
    error.__setstate__((None, {"Line": 7, "Msg": "bad"}))  # NEWOBJ's slot state
    assert (error.Line, error.Msg, error.go_type) == (7, "bad", "t")  # type: ignore[attr-defined]


def test_the_runtime_go_files_use_the_shared_names() -> None:
    """go/runtime's files spell names.py's names (they are real Go files: they cannot import
    it); every C and Go symbol they define is one of them."""
    exports = overlay.exports_source()
    state = overlay.state_source()
    recover = overlay.recover_source("main")
    for name in names.TOOL_EXPORTS:
        assert f"//export {name}\nfunc {name}(" in exports
    for name in (names.PUSH_REPORT, names.MARK_RETURN, names.TAKE_REPORT, names.FREE_MANY):
        assert re.search(rf"^(void |char \*){name}\(", state, re.M), name
    assert re.search(rf"^int {names.PANIC_COUNT};", state, re.M)
    for name in (names.RECOVER, names.DESCRIBE, names.STACK):
        assert f"\nfunc {name}(" in recover
    separator = names.REPORT_SEPARATOR.encode("unicode_escape").decode()
    assert f'report := "{names.PANIC_REPORT}{separator}" + kind' in recover
    guards = overlay.guards_source([], frozenset())
    template = runtime.read("go/runtime/guard.go.tmpl")
    assert f"//export {names.GUARD_PREFIX}$name\n" in template and "\n" in guards
    defined = set(re.findall(rf"\b({names.INTERNAL_PREFIX}\w+)\b", exports + state + recover))
    known = {value for value in vars(names).values() if isinstance(value, str)}
    assert defined <= known, defined - known


def test_the_python_helpers_call_the_shared_exports() -> None:

    panic = "\n".join(needs.helper_lines("panic"))
    assert f"address = lib.{names.PANIC_COUNT_FUNCTION}()" in panic
    assert f"_take_panic = lib.{names.TAKE_PANIC_FUNCTION}" in panic


def test_the_shim_templates_start_as_generated_go_does() -> None:
    for name in ("go/shim/shims.go.tmpl", "go/shim/support.go", "go/runtime/main.go.tmpl"):
        assert runtime.read(name).startswith(names.GENERATED_GO + "\n"), name
    assert f"state := {names.INTERNAL_PREFIX}running" in runtime.read("go/shim/shim.go.tmpl")
