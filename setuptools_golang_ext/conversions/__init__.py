"""The conversions of the plain bindings' arguments and results, one file per kind (see
:mod:`.base`): number, bool, string, ``[]byte``, number slice, pickled value, Go object,
callback, iterator, none, and ``*big.Int``. Adding a kind is a file here, its entries below
and its way in ``plan.ArgumentWay`` / ``plan.ResultWay``; a kind for a type of another
package claims it (``claims``), and the planner asks before its own rules."""

from __future__ import annotations

from collections.abc import Mapping

from setuptools_golang_ext.introspect import GoType

from .base import ArgumentConversion, ResultConversion
from .bigint import BigIntArgument, BigIntResult
from .boolean import BoolArgument, BoolResult
from .byteslice import BytesArgument
from .callback import CallbackArgument
from .handle import ObjectArgument, ObjectResult
from .iterator import IteratorResult
from .none import NoResult
from .number import NumberArgument, NumberResult
from .numberslice import NumberSliceArgument
from .pickled import PickledArgument, PickledResult
from .string import StringArgument, StringResult

ARGUMENT_CONVERSIONS: Mapping[str, ArgumentConversion] = {
    conversion.way: conversion
    for conversion in (
        NumberArgument(),
        BoolArgument(),
        StringArgument(),
        BytesArgument(),
        NumberSliceArgument(),
        PickledArgument(),
        ObjectArgument(),
        CallbackArgument(),
        BigIntArgument(),
    )
}


RESULT_CONVERSIONS: Mapping[str, ResultConversion] = {
    conversion.way: conversion
    for conversion in (
        NoResult(),
        NumberResult(),
        BoolResult(),
        StringResult(),
        PickledResult(),
        ObjectResult(),
        IteratorResult(),
        BigIntResult(),
    )
}


def argument_conversion(way: str) -> ArgumentConversion:
    """The conversion of arguments that go *way*; a way without one is a bug, said loudly."""
    try:
        return ARGUMENT_CONVERSIONS[way]
    except KeyError:
        raise LookupError(
            f"no conversion for arguments of way {way!r}: add a file to "
            "setuptools_golang_ext/conversions/ and its entry to ARGUMENT_CONVERSIONS"
        ) from None


def claiming_argument(go_type: GoType) -> ArgumentConversion | None:
    """The conversion that claims arguments of *go_type*, if one does."""
    return next((item for item in ARGUMENT_CONVERSIONS.values() if item.claims(go_type)), None)


def claiming_result(go_type: GoType) -> ResultConversion | None:
    """The conversion that claims a result of *go_type*, if one does."""
    return next((item for item in RESULT_CONVERSIONS.values() if item.claims(go_type)), None)


def result_conversion(way: str) -> ResultConversion:
    """The conversion of results that go *way*; a way without one is a bug, said loudly."""
    try:
        return RESULT_CONVERSIONS[way]
    except KeyError:
        raise LookupError(
            f"no conversion for results of way {way!r}: add a file to "
            "setuptools_golang_ext/conversions/ and its entry to RESULT_CONVERSIONS"
        ) from None


__all__ = [
    "ARGUMENT_CONVERSIONS",
    "RESULT_CONVERSIONS",
    "ArgumentConversion",
    "ResultConversion",
    "argument_conversion",
    "claiming_argument",
    "claiming_result",
    "result_conversion",
]
