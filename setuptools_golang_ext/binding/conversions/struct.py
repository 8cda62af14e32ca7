"""Struct types of the bound package inside values: instances of their classes (from Python,
a mapping of field names too)."""

from __future__ import annotations

from setuptools_golang_ext.binding.pynames import python_name_of
from setuptools_golang_ext.stages.introspect import GoType

from .base import Inner, ValueKind


class StructValue(ValueKind):
    kinds = ("struct",)
    mutable = True

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return python_name_of(go_type.name)

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{python_name_of(go_type.name)} | Mapping[str, Any]"

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return f"{python_name_of(go_type.name)}()"
