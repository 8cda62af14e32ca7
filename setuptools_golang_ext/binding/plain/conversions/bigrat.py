"""``*big.Rat`` (math/big) ↔ ``fractions.Fraction``, exact and of any size: its numerator and
denominator cross as hexadecimal text (``"-0x1f/0x3"``: Python's limit on decimal digits does
not apply), and a nil result is ``None``."""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import GoType

from .base import RETURNED, ArgumentConversion, GoScope, ResultConversion, reported

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction

BIG_RAT = "\x01math/big\x02.Rat"  # how the introspection spells math/big's Rat


def is_big_rat_pointer(go_type: GoType) -> bool:
    return go_type.kind == "pointer" and go_type.elem is not None and go_type.elem.spell == BIG_RAT


class BigRatArgument(ArgumentConversion):
    way = "bigrat"
    helpers = ("gostring", "bigrat")
    annotation = "fractions.Fraction | int"

    def claims(self, go_type: GoType) -> bool:
        return is_big_rat_pointer(go_type)

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_big_rat({argument.name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "string"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        assert argument.type.elem is not None, "claimed: a pointer"
        new = f"new({scope.spell(argument.type.elem)})"
        failed = f'"ValueError", "", "", "argument {argument.name}: not a fraction"'
        return [
            f"a{index}, ok{index} := {new}.SetString(p{index})",
            *reported(f"!ok{index}", f"{INTERNAL_PREFIX}fail({failed})"),
        ]

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"


class BigRatResult(ResultConversion):
    way = "bigrat"
    helpers = ("release", "string", "fraction")
    annotation = "fractions.Fraction | None"

    def claims(self, go_type: GoType) -> bool:
        return is_big_rat_pointer(go_type)

    def python(self, function: PlainFunction) -> list[str]:
        return [
            "    if _result.r1 < 0:  # nil",
            "        return None",
            "    return _fraction_of(_take_text(_result))",
        ]

    def go_results(self, function: PlainFunction) -> str:
        return " (data *C.char, size int)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        return [
            RETURNED,
            "if r0 == nil {",
            "\treturn nil, -1",
            "}",
            'text := r0.Num().Text(16) + "/" + r0.Denom().Text(16)',
            "return C.CString(text), len(text)",
        ]
