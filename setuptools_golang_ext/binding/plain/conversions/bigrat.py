"""``*big.Rat`` (math/big) ↔ ``fractions.Fraction``, exact and of any size: its numerator and
denominator cross as hexadecimal text (``"-0x1f/0x3"``: Python's limit on decimal digits does
not apply), and a nil result is ``None``."""

from __future__ import annotations

from .bigtext import BigTextArgument, BigTextResult


class BigRatArgument(BigTextArgument):
    way = "bigrat"
    helpers = ("gostring", "bigrat")
    annotation = "fractions.Fraction | int"
    big_type, helper, what = "Rat", "_big_rat", "a fraction"


class BigRatResult(BigTextResult):
    way = "bigrat"
    helpers = ("release", "string", "fraction")
    annotation = "fractions.Fraction | None"
    big_type, reader = "Rat", "_fraction_of(_take_text(_result))"
    go_text = 'r0.Num().Text(16) + "/" + r0.Denom().Text(16)'
