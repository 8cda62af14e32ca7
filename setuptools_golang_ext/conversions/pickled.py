"""Any other value the codec carries (structs, maps, lists, times, ``any``...): one pickle
stream Python writes and the shim decodes."""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.plan import PlainArgument

from .base import ArgumentConversion, GoScope, reported


class PickledArgument(ArgumentConversion):
    way = "pickle"
    helpers = ("bytes",)
    pickles = True

    def python(self, argument: PlainArgument, label: str) -> str:
        return f"_bytes_slice(_dumps({argument.name}, 5))"

    def go_parameter(self, argument: PlainArgument) -> str:
        return "[]byte"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        decode = f'{INTERNAL_PREFIX}decode(p{index}, &a{index}, "{argument.name}")'
        return [f"var a{index} {scope.spell(argument.type)}", *reported(f"!{decode}")]

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"
