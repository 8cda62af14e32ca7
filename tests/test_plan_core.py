"""Planning and generating the core fixture's package `named` (tests/data/gopkgs/core; its -api
report is tests/data/api/core_named.json): what issue 19 fixed, pure, and its Go vetted."""

from __future__ import annotations

import shutil
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from conftest import DATA, check_generated_go

from setuptools_golang_ext.binding import needs
from setuptools_golang_ext.binding.plain import plan, pymodule, shims
from setuptools_golang_ext.stages import introspect

MODULE = "core_pkg._named"


@cache
def named_plan() -> plan.PackagePlan:
    report = (DATA / "api" / "core_named.json").read_text()
    return plan.plan_package(introspect.parse_api_report(report))


def shim_text() -> str:
    return shims.shim_source(
        named_plan(),
        package_name="named",
        same_package=True,
        module_path="example.com/core",
        python_module=MODULE,
    )


def test_names_python_uses_are_renamed_and_registered_as_renamed() -> None:
    planned = named_plan()
    assert {struct.name for struct in planned.structs} == {
        "Buffer_",
        "SplitResult",
        "TypeError_",
        "ValueError_",
    }
    assert [error.name for error in planned.errors] == ["Exception_"]
    text = shim_text()
    assert '"core_pkg._named", "Buffer_", []string{"Data", "Size"})' in text  # the codec's class
    assert '{"TypeError_", func(err error) (interface{}, bool) {' in text


def test_members_get_what_functions_get() -> None:
    planned = named_plan()
    span = next(item for item in planned.objects if item.name == "Range")
    bounds = next(method for method in span.methods if method.name == "Bounds")
    assert bounds.result_class == "RangeBoundsResult"
    need = needs.plain_needs(planned)
    assert need.buffer_formats == ("double",)  # from Range.Sum, a method
    assert "RangeBoundsResult" in need.public_names
    stub = pymodule.render_stub(planned, "core_pkg._go_runtime")
    assert "class RangeBoundsResult(NamedTuple):" in stub
    assert "from typing_extensions import Buffer\n" in stub and "class Buffer_(_GoStruct):" in stub


def test_a_results_class_never_takes_a_go_name() -> None:
    split = next(function for function in named_plan().functions if function.name == "Split")
    assert split.result_class == "SplitResult_" and split.annotation == "SplitResult_"
    assert "SplitResult" in {struct.name for struct in named_plan().structs}
    module = needs.plain_needs(named_plan()).public_names
    assert "SplitResult" in module and "SplitResult_" in module


def test_big_ints_cross_as_hexadecimal_text() -> None:
    text = shim_text()
    assert "a0, ok0 := new(big.Int).SetString(p0, 16)" in text
    assert "text := r0.Text(16)" in text
    half = next(function for function in named_plan().functions if function.name == "Half")
    assert (half.arguments[0].annotation, half.annotation) == ("int", "int | None")


@pytest.mark.skipif(shutil.which("go") is None, reason="needs Go")
def test_the_generated_go_is_gofmt_and_vet_clean(tmp_path: Path) -> None:
    check_generated_go(
        tmp_path,
        "core",
        shim_text(),
        package="named",
        module_path="example.com/core",
        python_module=MODULE,
        subdirectory="named",
    )


def test_a_big_int_or_error_result_is_typed_int() -> None:
    """(*big.Int, error) is typed int (humanize.ParseBigBytes): its claimed annotation, less
    the None that a nil without an error would give."""
    half = next(function for function in named_plan().functions if function.name == "Half")
    failing = replace(half, returns_error=True, annotation="")
    assert plan._with_annotation(failing).annotation == "int"
