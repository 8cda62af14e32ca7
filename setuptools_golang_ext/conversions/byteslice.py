"""``[]byte``: a Go slice over the memory of any buffer, during the call."""

from __future__ import annotations

from setuptools_golang_ext.plan import PlainArgument

from .base import ArgumentConversion, GoScope, converted


class BytesArgument(ArgumentConversion):
    way = "bytes"
    helpers = ("bytes",)
    compiled = "bytes"

    def python(self, argument: PlainArgument, label: str) -> str:
        return f"_bytes_slice({argument.name})"

    def go_parameter(self, argument: PlainArgument) -> str:
        return "[]byte"

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return converted(scope.spell(argument.type), f"p{index}", "[]byte")
