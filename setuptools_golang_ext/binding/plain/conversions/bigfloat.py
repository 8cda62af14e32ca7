"""``*big.Float`` (math/big) ↔ ``decimal.Decimal``: Python sends the exact text of a
``Decimal``, ``int`` (hexadecimal) or ``float`` (``float.hex()``) with the precision that holds it
(the bits of an int or float; 64, or 4 bits a digit if more, for a Decimal, which binary cannot
always hold exactly), and gets back the shortest decimal that converts back to the same
``big.Float`` at its precision. NaN has no ``big.Float`` (``ValueError``); infinities cross."""

from __future__ import annotations

from .base import GoScope
from .bigtext import BigTextArgument, BigTextResult


class BigFloatArgument(BigTextArgument):
    way = "bigfloat"
    helpers = ("gostring", "bigfloat")
    annotation = "decimal.Decimal | int | float"
    big_type, helper, what = "Float", "_big_float", "a number"

    def go_parse(self, index: int, new: str, scope: GoScope) -> tuple[list[str], str]:
        """The text is ``"<precision in bits> <number>"``."""
        scope.standard.update(("strconv", "strings"))
        return [
            f'bits{index}, text{index}, _ := strings.Cut(p{index}, " ")',
            f"prec{index}, err{index} := strconv.ParseUint(bits{index}, 10, 32)",
            f"a{index}, ok{index} := {new}.SetPrec(uint(prec{index})).SetString(text{index})",
        ], f"err{index} != nil || !ok{index}"


class BigFloatResult(BigTextResult):
    way = "bigfloat"
    helpers = ("release", "string", "decimal")
    annotation = "decimal.Decimal | None"
    big_type, reader, go_text = "Float", "_decimal_of(_take_text(_result))", "r0.Text('g', -1)"
