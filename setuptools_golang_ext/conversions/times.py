"""``time.Time`` and ``time.Duration`` inside values: ``datetime`` and ``timedelta``."""

from __future__ import annotations

from setuptools_golang_ext.introspect import GoType

from .base import Inner, ValueKind


class TimeValue(ValueKind):
    kinds = ("time",)

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "datetime"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "datetime"

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return "_ZERO_TIME"  # Go's zero time, which the module defines


class DurationValue(ValueKind):
    kinds = ("duration",)

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "timedelta"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "timedelta"

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return "_timedelta(0)"
