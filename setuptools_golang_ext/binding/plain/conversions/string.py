"""``string``: as an argument, a Go string over the bytes of ``str`` (UTF-8) or ``bytes``,
cloned by the shim because Go keeps strings freely; as a result, its bytes (no pickle framing)
decoded as UTF-8: up to 32 inside the shim's result (no C memory to allocate and free), more
in C memory."""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import GoType

from .base import (
    RETURNED,
    ArgumentConversion,
    GoScope,
    Inner,
    ResultConversion,
    ValueKind,
    converted,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction


class StringArgument(ArgumentConversion):
    way = "string"
    helpers = ("gostring",)
    compiled = "gostring"

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_go_string({argument.name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "string"

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        scope.standard.add("strings")  # Go may keep it: never alias Python's memory
        return converted(scope.spell(argument.type), f"strings.Clone(p{index})", "string")


class StringResult(ResultConversion):
    way = "string"
    helpers = ("release", "string")
    compiled = ("text",)

    def python(self, function: PlainFunction) -> list[str]:
        return ["    return _take_text(_result)"]

    def go_results(self, function: PlainFunction) -> str:
        return " (data *C.char, size int, w0, w1, w2, w3 uint64)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        # Every byte, NULs too: up to 32 inside the result (w0..w3), more in C memory.
        return [RETURNED, f"return {INTERNAL_PREFIX}text(string(r0))"]


JSON_NUMBER = "\x01encoding/json\x02.Number"  # how the introspection spells json.Number


def is_json_number(go_type: GoType) -> bool:
    """encoding/json's Number: a number written as text, which crosses as the number (a pickle,
    for the codec's rule), or as its text when it spells no JSON number."""
    return go_type.kind == "string" and go_type.spell == JSON_NUMBER


class StringValue(ValueKind):
    kinds = ("string",)

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "int | float | str" if is_json_number(go_type) else "str"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return self.result_annotation(go_type, inner)

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return '""'
