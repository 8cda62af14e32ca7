"""``time.Time`` and ``time.Duration`` inside values: ``datetime`` and ``timedelta``. A time of
day (a ``time.Time`` on 0000-01-01) crosses as a ``datetime.time``, both ways: a parameter
takes one; a result is typed ``datetime``, as Go's type cannot tell which a function returns."""

from __future__ import annotations

from .base import FixedValue


class TimeValue(FixedValue):
    kinds = ("time",)
    result = "datetime"
    parameter = "datetime | time"
    zero_expression = "_ZERO_TIME"  # Go's zero time, which the module defines


class DurationValue(FixedValue):
    kinds = ("duration",)
    result = parameter = "timedelta"
    zero_expression = "_timedelta(0)"
