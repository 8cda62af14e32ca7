"""Maps inside values: dicts (keys: strings or integers)."""

from __future__ import annotations

from setuptools_golang_ext.stages.introspect import GoType

from .base import Inner, ValueKind, inner_type


class MapValue(ValueKind):
    kinds = ("map",)
    mutable = True

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        key, elem = inner(inner_type(go_type, "key")), inner(inner_type(go_type))
        return f"dict[{key}, {elem}]"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        key, elem = inner(inner_type(go_type, "key")), inner(inner_type(go_type))
        return f"Mapping[{key}, {elem}]"

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return "{}"
