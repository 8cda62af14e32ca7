"""The conversions of the plain bindings' arguments, one file per kind (see :mod:`.base`):
number, bool, string, ``[]byte``, number slice, pickled value, Go object, callback. Adding a
kind is a file here, its entry below and its way in ``plan.ArgumentWay``."""

from __future__ import annotations

from collections.abc import Mapping

from .base import ArgumentConversion
from .boolean import BoolArgument
from .byteslice import BytesArgument
from .callback import CallbackArgument
from .handle import ObjectArgument
from .number import NumberArgument
from .numberslice import NumberSliceArgument
from .pickled import PickledArgument
from .string import StringArgument

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


__all__ = ["ARGUMENT_CONVERSIONS", "ArgumentConversion", "argument_conversion"]
