"""``bool``: a C ``_Bool``, always 0 or 1: from ``True``, ``False`` or an integer 0 or 1 (not
by truthiness, which would make ``"false"`` true)."""

from __future__ import annotations

from .base import RETURNED, DirectArgument, FixedValue, GoScope, ResultConversion

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction


class BoolArgument(DirectArgument):
    way = "bool"
    helpers = ("bool",)
    compiled = "bool"

    def python(self, argument: PlainArgument, label: str) -> str:
        name = argument.name  # Go's bool must be 0 or 1, never another byte
        return f'{name} if {name} is True or {name} is False else _go_bool({name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "bool"


class BoolResult(ResultConversion):
    way = "bool"
    compiled = ("bool",)

    def python(self, function: PlainFunction) -> list[str]:
        return ["    return bool(_result)"]

    def go_results(self, function: PlainFunction) -> str:
        return " (r bool)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        return [RETURNED, "return bool(r0)"]


class BoolValue(FixedValue):
    kinds = ("bool",)
    result = parameter = "bool"
    zero_expression = "False"
