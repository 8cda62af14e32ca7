"""The conversions of the plain bindings, one file per kind (see :mod:`.base`).

* Arguments and results, by the way they cross: number, bool, string, ``[]byte``, number
  slice, pickled value, Go object, callback, iterator, none, and ``*big.Int``; each carries its
  Python conversion and helpers, its shim's Go and its C wrappers' kind.
* Values, by Go kind (:data:`VALUE_KINDS`): what a value of the kind is wherever it crosses
  inside a pickled value: its stub annotations and Go's zero value.

Adding a kind is a file here, its entries below and its way in ``plan.ArgumentWay`` /
``plan.ResultWay``; a kind for a type of another package claims it (``claims``), and the
planner asks before its own rules. A way or a kind without a conversion is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from setuptools_golang_ext.stages.introspect import GoKind, GoType

from .base import ArgumentConversion, ResultConversion, ValueKind
from .bigfloat import BigFloatArgument, BigFloatResult
from .bigint import BigIntArgument, BigIntResult
from .bigrat import BigRatArgument, BigRatResult
from .boolean import BoolArgument, BoolResult, BoolValue
from .byteslice import BytesArgument, BytesResult, BytesValue
from .callback import CallbackArgument
from .errorvalue import ErrorValue
from .handle import (
    InterfaceValue,
    ObjectArgument,
    ObjectResult,
    OpaqueArgument,
    OpaqueResult,
    OpaquesArgument,
)
from .implemented import FileArgument, FilesArgument, ImplementedArgument
from .iterator import IteratorResult, IteratorValue
from .mapping import MapResult, MapValue
from .none import NoResult
from .number import NumberArgument, NumberResult, NumberValue
from .numberslice import NumberSliceArgument, NumberSliceResult
from .opaque import AnyValue, OpaqueValue
from .pickled import HeldArgument, PickledArgument, PickledResult
from .pointer import PointerValue
from .sequence import ArrayValue, SliceValue
from .string import StringArgument, StringResult, StringValue
from .struct import StructArgument, StructResult, StructValue
from .times import (
    DurationArgument,
    DurationResult,
    DurationValue,
    TimeArgument,
    TimeResult,
    TimeValue,
)

ARGUMENT_CONVERSIONS: Mapping[str, ArgumentConversion] = {
    conversion.way: conversion
    for conversion in (
        NumberArgument(),
        BoolArgument(),
        StringArgument(),
        BytesArgument(),
        NumberSliceArgument(),
        PickledArgument(),
        HeldArgument(),
        StructArgument(),
        TimeArgument(),
        DurationArgument(),
        ObjectArgument(),
        CallbackArgument(),
        BigIntArgument(),
        BigRatArgument(),
        BigFloatArgument(),
        OpaqueArgument(),
        OpaquesArgument(),
        ImplementedArgument(),
        FileArgument(),
        FilesArgument(),
    )
}


RESULT_CONVERSIONS: Mapping[str, ResultConversion] = {
    conversion.way: conversion
    for conversion in (
        NoResult(),
        NumberResult(),
        BoolResult(),
        StringResult(),
        BytesResult(),
        NumberSliceResult(),
        MapResult(),
        PickledResult(),
        StructResult(),
        TimeResult(),
        DurationResult(),
        ObjectResult(),
        IteratorResult(),
        BigIntResult(),
        BigRatResult(),
        BigFloatResult(),
        OpaqueResult(),
    )
}


def argument_conversion(way: str) -> ArgumentConversion:
    """The conversion of arguments that go *way*; a way without one is a bug, said loudly."""
    return _registered(ARGUMENT_CONVERSIONS, way, "arguments", "ARGUMENT_CONVERSIONS")


_Conversion = TypeVar("_Conversion")


def _registered(registry: Mapping[str, _Conversion], way: str, what: str, name: str) -> _Conversion:
    try:
        return registry[way]
    except KeyError:
        raise LookupError(
            f"no conversion for {what} of way {way!r}: add a file to "
            f"setuptools_golang_ext/binding/plain/conversions/ and its entry to {name}"
        ) from None


VALUE_KINDS: Mapping[GoKind, ValueKind] = {
    kind: value
    for value in (
        NumberValue(),
        BoolValue(),
        StringValue(),
        BytesValue(),
        SliceValue(),
        ArrayValue(),
        MapValue(),
        PointerValue(),
        StructValue(),
        TimeValue(),
        DurationValue(),
        InterfaceValue(),
        IteratorValue(),
        AnyValue(),
        ErrorValue(),
        OpaqueValue(),
    )
    for kind in value.kinds
}


def result_annotation(go_type: GoType) -> str:
    """The Python type of a value of *go_type* Go returns (a claimed type: its conversion's)."""
    claimed = claiming_result(go_type)  # a type of another package a conversion knows
    if claimed is not None:
        return claimed.annotation
    return VALUE_KINDS[go_type.kind].result_annotation(go_type, result_annotation)


def parameter_annotation(go_type: GoType) -> str:
    """The Python types a Go parameter (or a struct field set from Python) accepts."""
    return VALUE_KINDS[go_type.kind].parameter_annotation(go_type, parameter_annotation)


def zero_value(go_type: GoType) -> str:
    """A Python expression for Go's zero value of *go_type*."""
    return VALUE_KINDS[go_type.kind].zero(go_type, zero_value)


def zero_is_mutable(go_type: GoType) -> bool:
    """Whether Go's zero value is a mutable Python object: each instance gets a new one (the
    constructor's default is None)."""
    return VALUE_KINDS[go_type.kind].is_mutable(go_type)


def claiming_argument(go_type: GoType) -> ArgumentConversion | None:
    """The conversion that claims arguments of *go_type*, if one does."""
    return next((item for item in ARGUMENT_CONVERSIONS.values() if item.claims(go_type)), None)


def claiming_result(go_type: GoType) -> ResultConversion | None:
    """The conversion that claims a result of *go_type*, if one does."""
    return next((item for item in RESULT_CONVERSIONS.values() if item.claims(go_type)), None)


def result_conversion(way: str) -> ResultConversion:
    """The conversion of results that go *way*; a way without one is a bug, said loudly."""
    return _registered(RESULT_CONVERSIONS, way, "results", "RESULT_CONVERSIONS")


__all__ = [
    "ARGUMENT_CONVERSIONS",
    "RESULT_CONVERSIONS",
    "VALUE_KINDS",
    "ArgumentConversion",
    "ResultConversion",
    "argument_conversion",
    "claiming_argument",
    "claiming_result",
    "parameter_annotation",
    "result_annotation",
    "result_conversion",
    "zero_is_mutable",
    "zero_value",
]
