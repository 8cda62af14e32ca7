"""Pointers inside values: the value they point to, or None for nil (a ``*big.Int``'s value is a
Python ``int``)."""

from __future__ import annotations

from setuptools_golang_ext.stages.introspect import GoType

from .base import Inner, ValueKind, inner_type
from .bigint import is_big_int_pointer
from .opaque import opaque_class


class PointerValue(ValueKind):
    kinds = ("pointer",)

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{_pointee(go_type, inner)} | None"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{_pointee(go_type, inner)} | None"


def _pointee(go_type: GoType, inner: Inner) -> str:
    if is_big_int_pointer(go_type):
        return "int"
    return opaque_class(go_type) or inner(inner_type(go_type))  # *url.URL: URL_ if url.URL is
