"""The conversions of arguments: one object per way, every side present, no silent pass-through."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from conftest import DATA

from setuptools_golang_ext.binding.plain import conversions, plan
from setuptools_golang_ext.binding.plain.conversions.base import ArgumentConversion, GoScope
from setuptools_golang_ext.stages import introspect


def test_every_way_the_planner_gives_has_a_conversion() -> None:
    assert set(conversions.ARGUMENT_CONVERSIONS) == set(get_args(plan.ArgumentWay))
    for way, conversion in conversions.ARGUMENT_CONVERSIONS.items():
        assert conversion.way == way


def test_every_result_way_has_a_conversion() -> None:
    assert set(conversions.RESULT_CONVERSIONS) == set(get_args(plan.ResultWay))
    for way, conversion in conversions.RESULT_CONVERSIONS.items():
        assert conversion.way == way


def test_a_way_without_a_conversion_is_said_loudly() -> None:
    with pytest.raises(LookupError, match="no conversion for arguments of way 'complex'"):
        conversions.argument_conversion("complex")
    with pytest.raises(LookupError, match="no conversion for results of way 'complex'"):
        conversions.result_conversion("complex")


def test_a_conversion_without_every_side_cannot_be_made() -> None:
    class HalfDone(ArgumentConversion):  # no Go side
        way = "half"

        def python(self, argument: plan.PlainArgument, label: str) -> str:
            return argument.name

    with pytest.raises(TypeError, match="go_argument"):
        HalfDone()  # type: ignore[abstract]


def test_each_kind_lists_what_the_module_and_the_c_wrappers_need() -> None:
    by_way = conversions.ARGUMENT_CONVERSIONS
    assert by_way["string"].helpers == ("gostring",) and by_way["string"].compiled == "gostring"
    assert by_way["pickle"].pickles and by_way["pickle"].helpers == ("pickled",)
    assert by_way["object"].support and by_way["callback"].support
    compiled = {way for way, conversion in by_way.items() if conversion.compiled}
    assert compiled == {"number", "bool", "string", "bytes", "fields", "time", "duration"}
    results = conversions.RESULT_CONVERSIONS
    compiled = {way for way, conversion in results.items() if conversion.compiled is not None}
    assert compiled == {"none", "number", "bool", "string", "fields", "time", "duration"}
    assert results["iterator"].support and results["iterator"].pickles
    assert isinstance(GoScope, type)


def test_maps_of_numbers_bools_and_strings_cross_as_columns() -> None:
    """String or integer keys; number, bool or string values; json.Number (a number to the
    codec) and any other value keep the pickle. The wrapper names each column's code."""
    from setuptools_golang_ext.binding.plain.conversions.mapping import crosses_as_columns

    def map_of(key: introspect.GoType, elem: introspect.GoType) -> introspect.GoType:
        return introspect.GoType(f"map[{key.go}]{elem.go}", "map", key=key, elem=elem)

    text, level = introspect.GoType("string", "string"), introspect.GoType("Level", "int8")
    number = introspect.GoType("json.Number", "string", spell="\x01encoding/json\x02.Number")
    crossing = [(text, level), (level, text), (level, introspect.GoType("bool", "bool"))]
    assert all(crosses_as_columns(map_of(key, elem)) for key, elem in crossing)
    staying = [
        (text, introspect.GoType("any", "any")),
        (text, introspect.GoType("[]int", "slice", elem=level)),
        (introspect.GoType("float64", "float64"), level),
        (number, level),
        (text, number),
    ]
    assert not any(crosses_as_columns(map_of(key, elem)) for key, elem in staying)
    result = conversions.result_conversion("map")
    assert result.pickles  # a map whose strings hold NUL crosses as its pickle
    uint = introspect.GoType("uint16", "uint16")
    squares = introspect.GoAPIFunction(
        "Squares",
        "",
        1,
        (),
        (introspect.GoField("", map_of(uint, introspect.GoType("f", "float32"))),),
    )
    api = introspect.GoAPI("example.com/x", "x", Path(), "", "x", False, (squares,), ())
    [planned] = plan.plan_package(api).functions
    assert planned.result_way == "map" and planned.annotation == "dict[int, float]"
    assert result.python(planned) == ['    return _take_map(_result, "Q", "d")']


def test_a_big_int_pointer_is_claimed_by_its_conversion() -> None:
    """*big.Int, a type of another package, is planned as the bigint way (annotated int)."""
    mark = "\x01math/big\x02.Int"
    big = introspect.GoType("big.Int", "unsupported", spell=mark, reason="another package")
    pointer = introspect.GoType("*big.Int", "pointer", spell="*" + mark, elem=big)
    function = introspect.GoAPIFunction(
        "Half", "", 1, (introspect.GoField("n", pointer),), (introspect.GoField("", pointer),)
    )
    api = introspect.GoAPI("example.com/x", "x", Path(), "", "x", False, (function,), ())
    [half] = plan.plan_package(api).functions
    assert half.arguments[0].way == "bigint" and half.arguments[0].annotation == "int"
    assert half.result_way == "bigint" and half.annotation == "int | None"
    plain = introspect.GoType("big.Int", "unsupported", spell=mark, reason="another package")
    assert conversions.claiming_argument(plain) is None  # a big.Int value is not claimed


def test_go_kinds_are_typed_and_the_report_is_checked_against_them() -> None:
    """The -api report's kinds are introspect.GoKind (mypy refuses comparisons with others);
    a kind the tool does not know is an error naming the type, not a silent fall-through."""
    report = (DATA / "api" / "objects.json").read_text()
    api = introspect.parse_api_report(report)
    kinds = {param.type.kind for function in api.functions for param in function.params}
    assert kinds <= introspect.GO_KINDS and "pointer" in kinds
    broken = report.replace('"kind": "pointer"', '"kind": "pointr"', 1)
    with pytest.raises(ValueError, match=r"the unknown kind 'pointr'"):
        introspect.parse_api_report(broken)


def test_every_go_kind_has_a_value_kind() -> None:
    """Each kind answers the annotations and zero value of values of it: none is missing."""
    assert set(conversions.VALUE_KINDS) == introspect.GO_KINDS
    mark = introspect.GoType("uint8", "uint8")
    array = introspect.GoType("[4]byte", "array", length=4, elem=mark)
    assert conversions.zero_value(array) == "bytes(4)" and not conversions.zero_is_mutable(array)
    floats = introspect.GoType(
        "[2]float32", "array", length=2, elem=introspect.GoType("f", "float32")
    )
    assert conversions.zero_value(floats) == "[0.0 for _ in range(2)]"
    assert conversions.result_annotation(floats) == "array[float]"
    assert conversions.parameter_annotation(floats) == "Sequence[float]"
