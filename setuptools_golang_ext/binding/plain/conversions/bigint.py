"""``*big.Int`` (math/big) ↔ ``int``, of any size: its hexadecimal digits cross as a string
(hexadecimal: Python's limit on decimal digits does not apply), and a nil result is ``None``."""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import GoType

from .base import RETURNED, ArgumentConversion, GoScope, ResultConversion, reported

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction

BIG_INT = "\x01math/big\x02.Int"  # how the introspection spells math/big's Int


def is_big_int_pointer(go_type: GoType) -> bool:
    return go_type.kind == "pointer" and go_type.elem is not None and go_type.elem.spell == BIG_INT


class BigIntArgument(ArgumentConversion):
    way = "bigint"
    helpers = ("gostring", "bigint")
    annotation = "int"

    def claims(self, go_type: GoType) -> bool:
        return is_big_int_pointer(go_type)

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_big_int({argument.name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "string"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        assert argument.type.elem is not None, "claimed: a pointer"
        new = f"new({scope.spell(argument.type.elem)})"
        failed = f'"ValueError", "", "", "argument {argument.name}: not an integer"'
        return [
            f"a{index}, ok{index} := {new}.SetString(p{index}, 16)",
            *reported(f"!ok{index}", f"{INTERNAL_PREFIX}fail({failed})"),
        ]

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"


class BigIntResult(ResultConversion):
    way = "bigint"
    helpers = ("release", "string")
    annotation = "int | None"

    def claims(self, go_type: GoType) -> bool:
        return is_big_int_pointer(go_type)

    def python(self, function: PlainFunction) -> list[str]:
        return [
            "    if _result.r1 < 0:  # nil",
            "        return None",
            "    return int(_take_text(_result), 16)",
        ]

    def go_results(self, function: PlainFunction) -> str:
        return " (data *C.char, size int)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        return [
            RETURNED,
            "if r0 == nil {",
            "\treturn nil, -1",
            "}",
            "text := r0.Text(16)",
            "return C.CString(text), len(text)",
        ]
