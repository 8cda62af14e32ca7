"""``[]byte``: a Go slice over the memory of any buffer, during the call."""

from __future__ import annotations

from .base import DirectArgument, FixedValue

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.plan import PlainArgument


class BytesArgument(DirectArgument):
    way = "bytes"
    helpers = ("bytes",)
    compiled = "bytes"

    def python(self, argument: PlainArgument, label: str) -> str:
        return f"_bytes_slice({argument.name})"

    def go_parameter(self, argument: PlainArgument) -> str:
        return "[]byte"


class BytesValue(FixedValue):
    kinds = ("bytes",)
    result, parameter = "bytes", "bytes | bytearray"
    zero_expression = 'b""'
