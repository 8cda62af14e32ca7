"""Pointers inside values: the value they point to, or None for nil (a ``*big.Int``'s value is a
Python ``int``)."""

from __future__ import annotations

from setuptools_golang_ext.stages.introspect import GoType

from .base import Inner, ValueKind, inner_type
from .bigint import is_big_int_pointer


class PointerValue(ValueKind):
    kinds = ("pointer",)

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{_pointee(go_type, inner)} | None"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{_pointee(go_type, inner)} | None"


def _pointee(go_type: GoType, inner: Inner) -> str:
    return "int" if is_big_int_pointer(go_type) else inner(inner_type(go_type))
