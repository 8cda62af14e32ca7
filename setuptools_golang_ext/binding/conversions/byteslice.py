"""``[]byte``: any buffer. Python passes a writable one's memory (a read-only one's copy: Go
never writes an immutable object); the shim gives Go its own copy (Go may keep it past the call,
when Python's memory is gone) and writes it back after the call, so Go's writes arrive."""

from __future__ import annotations

from .base import BufferArgument, FixedValue

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plan import PlainArgument


class BytesArgument(BufferArgument):
    way = "bytes"
    helpers = ("bytes",)
    compiled = "bytes"

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_bytes_slice({argument.name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "[]byte"


class BytesValue(FixedValue):
    kinds = ("bytes",)
    result, parameter = "bytes", "bytes | bytearray"
    zero_expression = 'b""'
