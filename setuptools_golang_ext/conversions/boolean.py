"""``bool``: a C ``_Bool``, always 0 or 1."""

from __future__ import annotations

from setuptools_golang_ext.plan import PlainArgument, PlainFunction

from .base import RETURNED, ArgumentConversion, GoScope, ResultConversion, converted


class BoolArgument(ArgumentConversion):
    way = "bool"
    compiled = "bool"

    def python(self, argument: PlainArgument, label: str) -> str:
        return f"bool({argument.name})"  # Go's bool must be 0 or 1, never another byte

    def go_parameter(self, argument: PlainArgument) -> str:
        return "bool"

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return converted(scope.spell(argument.type), f"p{index}", "bool")


class BoolResult(ResultConversion):
    way = "bool"
    compiled = ("bool",)

    def python(self, function: PlainFunction) -> list[str]:
        return ["    return bool(_result)"]

    def go_results(self, function: PlainFunction) -> str:
        return " (r bool)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        return [RETURNED, "return bool(r0)"]
