"""``time.Time`` and ``time.Duration`` inside values: ``datetime`` and ``timedelta``."""

from __future__ import annotations

from .base import FixedValue


class TimeValue(FixedValue):
    kinds = ("time",)
    result = parameter = "datetime"
    zero_expression = "_ZERO_TIME"  # Go's zero time, which the module defines


class DurationValue(FixedValue):
    kinds = ("duration",)
    result = parameter = "timedelta"
    zero_expression = "_timedelta(0)"
