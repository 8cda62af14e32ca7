"""What the conversions of math/big's ``Int``, ``Rat`` and ``Float`` share: the value crosses as
text (a Go string from Python, a C string back), a nil result is ``None``, and Go's refusal of
the text is a ``ValueError``; each kind says how its text is written and read."""

from __future__ import annotations

from typing import ClassVar

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import GoType

from .base import RETURNED, ArgumentConversion, GoScope, ResultConversion, reported

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction


def is_big_pointer(go_type: GoType, name: str) -> bool:
    """Whether *go_type* is a pointer to math/big's type *name* (``Int``...)."""
    spelled = f"\x01math/big\x02.{name}"  # how the introspection spells it
    return go_type.kind == "pointer" and go_type.elem is not None and go_type.elem.spell == spelled


class BigTextArgument(ArgumentConversion):
    big_type: ClassVar[str]  # math/big's type: Int, Rat, Float
    helper: ClassVar[str]  # the module helper that writes the text
    what: ClassVar[str]  # what the text must be, for Go's refusal

    def claims(self, go_type: GoType) -> bool:
        return is_big_pointer(go_type, self.big_type)

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'{self.helper}({argument.name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "string"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        assert argument.type.elem is not None, "claimed: a pointer"
        new = f"new({scope.spell(argument.type.elem)})"
        failed = f'"ValueError", "", "", "argument {argument.name}: not {self.what}"'
        parse, refused = self.go_parse(index, new, scope)
        return [*parse, *reported(refused, f"{INTERNAL_PREFIX}fail({failed})")]

    def go_parse(self, index: int, new: str, scope: GoScope) -> tuple[list[str], str]:
        """The Go that makes ``a<index>`` of the text ``p<index>``, and its refusal's test."""
        return [f"a{index}, ok{index} := {new}.SetString(p{index})"], f"!ok{index}"

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"


class BigTextResult(ResultConversion):
    big_type: ClassVar[str]
    reader: ClassVar[str]  # the Python expression of the value of the text
    go_text: ClassVar[str]  # the Go expression of the text of r0

    def claims(self, go_type: GoType) -> bool:
        return is_big_pointer(go_type, self.big_type)

    def python(self, function: PlainFunction) -> list[str]:
        return ["    if _result.r1 < 0:  # nil", "        return None", f"    return {self.reader}"]

    def go_results(self, function: PlainFunction) -> str:
        return " (data *C.char, size int)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        return [
            RETURNED,
            "if r0 == nil {",
            "\treturn nil, -1",
            "}",
            f"text := {self.go_text}",
            "return C.CString(text), len(text)",
        ]
