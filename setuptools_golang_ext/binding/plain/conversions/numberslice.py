"""``[]T`` of a number type ``T``: a Go slice over a writable buffer of the same items, else over
a copy (of a read-only buffer, of a sequence); the shim gives Go its own copy, written back
after the call, as for ``[]byte``."""

from __future__ import annotations

from .base import BufferArgument
from .byteslice import RawResult
from .sequence import ARRAY_TYPECODES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction


class NumberSliceArgument(BufferArgument):
    way = "slice"
    helpers = ("slice",)

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_slice({argument.name}, "{argument.c_element}", "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        elem = argument.type.elem
        assert elem is not None, "the planner takes number slices only"
        return f"[]{elem.kind}"


class NumberSliceResult(RawResult):
    """``[]T`` of a number type ``T``: an ``array.array`` of its items (nil and empty alike, as
    in pickled values)."""

    way = "array"

    def python(self, function: PlainFunction) -> list[str]:
        elem = function.results[0].type.elem
        assert elem is not None, "the planner takes slices of numbers only"
        return [f'    return _take_array(_result, "{ARRAY_TYPECODES[elem.kind]}")']
