"""``time.Time`` and ``time.Duration``: ``datetime`` and ``timedelta``, inside values and as a
whole argument or result. A time of day (a ``time.Time`` on 0000-01-01) crosses as a
``datetime.time``, both ways: a parameter takes one; a result is typed ``datetime``, as Go's
type cannot tell which a function returns.

As a whole argument, each is a pickle, or the raw record (:class:`.pickled.RawArgument`) the
compiled wrapper or the Python one (``_raw_time``, ``_raw_duration``) writes for what converts
exactly as the codec would: an aware datetime whose tzinfo is an unnamed ``datetime.timezone`` of whole seconds
(year ... microsecond, offset), a timedelta Go's Duration holds (nanoseconds). As the result,
the shim returns a time's fields (the codec's ``TimeParts``, whose errors it reports; year 0:
a time of day) or a duration's nanoseconds as C values, and Python (or the compiled wrapper)
makes the datetime, time or timedelta the unpickler would.
"""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX

from .base import RETURNED, FixedValue, GoScope, ResultConversion, converted, reported
from .pickled import RawArgument, raw_offsets

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction

TIME_FIELDS = 8  # year, month, day, hour, minute, second, microsecond, zone offset


class TimeArgument(RawArgument):
    way = "time"
    compiled = "time"
    helpers = ("pickled", "raw_time")

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_raw_time({argument.name}, "{label}")'

    def raw_fields(self, argument: PlainArgument) -> int:
        return TIME_FIELDS

    def raw_read(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        return [f"a{index} = {INTERNAL_PREFIX}raw_time(p{index})"]


class DurationArgument(RawArgument):
    way = "duration"
    compiled = "duration"
    helpers = ("pickled", "raw_time")

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_raw_duration({argument.name}, "{label}")'

    def raw_fields(self, argument: PlainArgument) -> int:
        return 1

    def raw_read(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        scope.standard.add("unsafe")
        spelled = scope.spell(argument.type)
        [offset] = raw_offsets(1)
        return [f"a{index} = *(*{spelled})(unsafe.Pointer(&p{index}[{offset}]))"]


class TimeResult(ResultConversion):
    way = "time"
    helpers = ("time",)
    compiled = ("time",)

    def python(self, function: PlainFunction) -> list[str]:
        return ["    return _take_time(_result)"]

    def go_results(self, function: PlainFunction) -> str:
        return f" ({', '.join(f'f{index} int32' for index in range(TIME_FIELDS))})"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        values = ", ".join(f"parts[{index}]" for index in range(TIME_FIELDS))
        return [
            f"parts, ok := {INTERNAL_PREFIX}time_parts(r0)",
            *reported("!ok"),
            RETURNED,
            f"return {values}",
        ]


class DurationResult(ResultConversion):
    way = "duration"
    helpers = ("time",)
    compiled = ("duration",)

    def python(self, function: PlainFunction) -> list[str]:
        return ["    return _take_duration(_result)"]

    def go_results(self, function: PlainFunction) -> str:
        return " (r int64)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        return [
            RETURNED,
            f"return {converted('int64', 'r0', scope.spell(function.results[0].type))}",
        ]


class TimeValue(FixedValue):
    kinds = ("time",)
    result = "datetime"
    parameter = "datetime | time"
    zero_expression = "_ZERO_TIME"  # Go's zero time, which the module defines


class DurationValue(FixedValue):
    kinds = ("duration",)
    result = parameter = "timedelta"
    zero_expression = "_timedelta(0)"
