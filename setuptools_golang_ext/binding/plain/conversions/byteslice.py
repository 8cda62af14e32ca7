"""``[]byte``: any buffer. Python passes a writable one's memory (a read-only one's copy: Go
never writes an immutable object); the shim gives Go its own copy (Go may keep it past the call,
when Python's memory is gone) and writes it back after the call, so Go's writes arrive."""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX

from .base import RETURNED, BufferArgument, FixedValue, GoScope, ResultConversion

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction


class BytesArgument(BufferArgument):
    way = "bytes"
    helpers = ("bytes",)
    compiled = "bytes"

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_bytes_slice({argument.name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "[]byte"


class RawResult(ResultConversion):
    """A slice of bytes or plain numbers as its memory: Go copies it into C memory (no pickle
    framing), Python once out of it, then frees it."""

    helpers = ("release", "raw")

    def go_results(self, function: PlainFunction) -> str:
        return " (data *C.char, size int)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        scope.standard.add("unsafe")
        size = "len(r0)*int(unsafe.Sizeof(r0[0]))"
        return [
            RETURNED,
            "if len(r0) == 0 {",
            "\treturn nil, 0",
            "}",
            f"return {INTERNAL_PREFIX}copy(unsafe.Pointer(&r0[0]), {size})",
        ]


class BytesResult(RawResult):
    """``[]byte``: bytes (nil and empty alike, as in pickled values)."""

    way = "bytes"

    def python(self, function: PlainFunction) -> list[str]:
        return ["    return _take_bytes(_result)"]


class BytesValue(FixedValue):
    kinds = ("bytes",)
    result, parameter = "bytes", "bytes | bytearray"
    zero_expression = 'b""'
