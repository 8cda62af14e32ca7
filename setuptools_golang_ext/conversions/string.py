"""``string``: a Go string over the bytes of ``str`` (UTF-8) or ``bytes``, cloned by the shim
because Go keeps strings freely."""

from __future__ import annotations

from setuptools_golang_ext.plan import PlainArgument

from .base import ArgumentConversion, GoScope, converted


class StringArgument(ArgumentConversion):
    way = "string"
    helpers = ("gostring",)
    compiled = "gostring"

    def python(self, argument: PlainArgument, label: str) -> str:
        return f"_go_string({argument.name})"

    def go_parameter(self, argument: PlainArgument) -> str:
        return "string"

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        scope.standard.add("strings")  # Go may keep it: never alias Python's memory
        return converted(scope.spell(argument.type), f"strings.Clone(p{index})", "string")
