"""``any`` inside values (whatever it holds), and the kinds that never cross inside a value
(contexts, functions, unsupported types: the planner refuses them there; cgo's
``*C.char`` and ``uintptr``, which only ``//export`` functions have), which the stubs name as
best they can."""

from __future__ import annotations

from setuptools_golang_ext.binding.pynames import python_name_of
from setuptools_golang_ext.stages.introspect import GoType

from .base import FixedValue, Inner, ValueKind


class AnyValue(FixedValue):
    kinds = ("any",)
    result = parameter = "Any"


class OpaqueValue(ValueKind):
    kinds = ("context", "func", "unsupported", "cstring", "uintptr")

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        # An opaque value inside a value (``*regexp.Regexp``: its class is named after Regexp).
        return python_name_of(go_type.name or go_type.go.rpartition(".")[2])

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        # Inside a value, None is Go's zero value (nil): a data struct's default for the field.
        return f"{self.result_annotation(go_type, inner)} | None"
