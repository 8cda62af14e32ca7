"""Numbers (``int8``...``uint64``, ``int``, ``uint``, ``float32``, ``float64``): C values."""

from __future__ import annotations

from setuptools_golang_ext.plan import PlainArgument

from .base import ArgumentConversion, GoScope, converted


class NumberArgument(ArgumentConversion):
    way = "number"
    compiled = "number"

    def python(self, argument: PlainArgument, label: str) -> str:
        return argument.name  # cffi converts, and refuses what does not fit

    def go_parameter(self, argument: PlainArgument) -> str:
        return argument.type.kind

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return converted(scope.spell(argument.type), f"p{index}", self.go_parameter(argument))
