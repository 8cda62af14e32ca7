"""``*big.Int`` (math/big) ↔ ``int``, of any size: its hexadecimal digits cross as a string
(hexadecimal: Python's limit on decimal digits does not apply), and a nil result is ``None``."""

from __future__ import annotations

from setuptools_golang_ext.stages.introspect import GoType

from .base import GoScope
from .bigtext import BigTextArgument, BigTextResult, is_big_pointer


def is_big_int_pointer(go_type: GoType) -> bool:
    return is_big_pointer(go_type, "Int")


class BigIntArgument(BigTextArgument):
    way = "bigint"
    helpers = ("gostring", "bigint")
    annotation = "int"
    big_type, helper, what = "Int", "_big_int", "an integer"

    def go_parse(self, index: int, new: str, scope: GoScope) -> tuple[list[str], str]:
        return [f"a{index}, ok{index} := {new}.SetString(p{index}, 16)"], f"!ok{index}"


class BigIntResult(BigTextResult):
    way = "bigint"
    helpers = ("release", "string")
    annotation = "int | None"
    big_type, reader, go_text = "Int", "int(_take_text(_result), 16)", "r0.Text(16)"
