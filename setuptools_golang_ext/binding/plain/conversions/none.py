"""No result (a function that returns nothing, or only an error)."""

from __future__ import annotations

from .base import RETURNED, GoScope, ResultConversion

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainFunction


class NoResult(ResultConversion):
    way = "none"
    compiled = ()

    def python(self, function: PlainFunction) -> list[str]:
        return []

    def go_results(self, function: PlainFunction) -> str:
        return ""

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        return [RETURNED]
