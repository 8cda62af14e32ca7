"""``[]byte``: a Go slice over the memory of any buffer, during the call."""

from __future__ import annotations

from setuptools_golang_ext.introspect import GoType

from .base import DirectArgument, Inner, ValueKind

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


class BytesValue(ValueKind):
    kinds = ("bytes",)

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "bytes"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "bytes | bytearray"

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return 'b""'
