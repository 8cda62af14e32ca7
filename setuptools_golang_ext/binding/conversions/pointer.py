"""Pointers inside values: the value they point to, or None for nil."""

from __future__ import annotations

from setuptools_golang_ext.stages.introspect import GoType

from .base import Inner, ValueKind, inner_type


class PointerValue(ValueKind):
    kinds = ("pointer",)

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{inner(inner_type(go_type))} | None"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{inner(inner_type(go_type))} | None"
