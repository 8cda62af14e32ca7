"""Slices and arrays inside values: lists (numbers: ``array.array``), ``[N]byte``: bytes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from setuptools_golang_ext.stages.introspect import FLOAT_KINDS, GoKind, GoType

from .base import Inner, ValueKind, inner_type

# array.array type codes of numbers that cross as raw memory, by Go kind. Go's int and uint
# are as wide as a pointer, 4 bytes on 32-bit targets: "n" and "N" (as the struct module writes
# them), which the generated module maps to array's code of that width.
ARRAY_TYPECODES: Mapping[str, str] = {
    "int8": "b",
    "int16": "h",
    "int32": "i",
    "int64": "q",
    "int": "n",
    "uint16": "H",
    "uint32": "I",
    "uint64": "Q",
    "uint": "N",
    "float32": "f",
    "float64": "d",
}


class SliceValue(ValueKind):
    kinds: ClassVar[tuple[GoKind, ...]] = ("slice",)
    mutable = True

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        elem = inner_type(go_type)
        if elem.kind in ARRAY_TYPECODES:
            return f"array[{'float' if elem.kind in FLOAT_KINDS else 'int'}]"
        return f"list[{inner(elem)}]"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"Sequence[{inner(inner_type(go_type))}]"

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return "[]"


class ArrayValue(SliceValue):
    """``[N]T``: a list of N items; ``[N]byte``: bytes of length N."""

    kinds = ("array",)

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "bytes" if _of_bytes(go_type) else super().result_annotation(go_type, inner)

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        if _of_bytes(go_type):
            return "bytes | bytearray"
        return super().parameter_annotation(go_type, inner)

    def zero(self, go_type: GoType, inner: Inner) -> str:
        if _of_bytes(go_type):
            return f"bytes({go_type.length})"
        return f"[{inner(inner_type(go_type))} for _ in range({go_type.length})]"

    def is_mutable(self, go_type: GoType) -> bool:
        return not _of_bytes(go_type)


def _of_bytes(go_type: GoType) -> bool:
    return inner_type(go_type).kind == "uint8"
