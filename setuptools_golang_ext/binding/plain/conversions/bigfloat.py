"""``*big.Float`` (math/big) ↔ ``decimal.Decimal``: Python sends the exact text of a
``Decimal``, ``int`` (hexadecimal) or ``float`` (``float.hex()``) with the precision that holds it
(the bits of an int or float; 64, or 4 bits a digit if more, for a Decimal, which binary cannot
always hold exactly), and gets back the shortest decimal that converts back to the same
``big.Float`` at its precision. NaN has no ``big.Float`` (``ValueError``); infinities cross."""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import GoType

from .base import RETURNED, ArgumentConversion, GoScope, ResultConversion, reported

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction

BIG_FLOAT = "\x01math/big\x02.Float"  # how the introspection spells math/big's Float


def is_big_float_pointer(go_type: GoType) -> bool:
    return (
        go_type.kind == "pointer" and go_type.elem is not None and go_type.elem.spell == BIG_FLOAT
    )


class BigFloatArgument(ArgumentConversion):
    way = "bigfloat"
    helpers = ("gostring", "bigfloat")
    annotation = "decimal.Decimal | int | float"

    def claims(self, go_type: GoType) -> bool:
        return is_big_float_pointer(go_type)

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_big_float({argument.name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "string"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        assert argument.type.elem is not None, "claimed: a pointer"
        scope.standard.update(("strconv", "strings"))
        new = f"new({scope.spell(argument.type.elem)})"
        failed = f'"ValueError", "", "", "argument {argument.name}: not a number"'
        return [
            f'bits{index}, text{index}, _ := strings.Cut(p{index}, " ")',
            f"prec{index}, err{index} := strconv.ParseUint(bits{index}, 10, 32)",
            f"a{index}, ok{index} := {new}.SetPrec(uint(prec{index})).SetString(text{index})",
            *reported(f"err{index} != nil || !ok{index}", f"{INTERNAL_PREFIX}fail({failed})"),
        ]

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"


class BigFloatResult(ResultConversion):
    way = "bigfloat"
    helpers = ("release", "string", "decimal")
    annotation = "decimal.Decimal | None"

    def claims(self, go_type: GoType) -> bool:
        return is_big_float_pointer(go_type)

    def python(self, function: PlainFunction) -> list[str]:
        return [
            "    if _result.r1 < 0:  # nil",
            "        return None",
            "    return _decimal_of(_take_text(_result))",
        ]

    def go_results(self, function: PlainFunction) -> str:
        return " (data *C.char, size int)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        return [
            RETURNED,
            "if r0 == nil {",
            "\treturn nil, -1",
            "}",
            "text := r0.Text('g', -1)",
            "return C.CString(text), len(text)",
        ]
