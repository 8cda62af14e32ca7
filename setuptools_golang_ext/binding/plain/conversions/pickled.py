"""Any other value the codec carries (structs, maps, lists, times, ``any``...), and several
results: one pickle stream, which Python writes and the shim decodes, or the shim writes and
Python reads with one ``pickle.loads``."""

from __future__ import annotations

from abc import abstractmethod
from typing import ClassVar

from setuptools_golang_ext.names import INTERNAL_PREFIX

from .base import (
    RETURNED,
    ArgumentConversion,
    GoScope,
    ResultConversion,
    held_value,
    reported,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import ArgumentWay, PlainArgument, PlainFunction


class PickledArgument(ArgumentConversion):
    way: ClassVar[ArgumentWay] = "pickle"
    helpers: ClassVar[tuple[str, ...]] = ("pickled",)
    pickles = True

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_pickled({argument.name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "[]byte"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        decode = f'{INTERNAL_PREFIX}decode(p{index}, &a{index}, "{argument.name}")'
        return [f"var a{index} {scope.spell(argument.type)}", *reported(f"!{decode}")]

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"


class HeldArgument(PickledArgument):
    """A pickled value that may hold Go objects (``[]*T``, a struct with an object field): its
    objects pickle as their handles while the wrapper pickles it (``_pickled_held``)."""

    way = "held"
    helpers = ("pickled", "held")
    support = True

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_pickled_held({argument.name}, "{label}")'


class RawArgument(PickledArgument):
    """A value of fixed shape: the pickle from the Python wrapper, or from the compiled one a
    raw record of its fields, which the shim reads in place of the pickle (C writes one for
    the values it converts exactly as the codec would; any other goes to the Python wrapper).
    A record is 8 bytes of zeros (a pickle starts with 0x80), then each field in an 8-byte
    slot of its own, at the slot's start, in the machine's order."""

    @abstractmethod
    def raw_fields(self, argument: PlainArgument) -> int:
        """How many fields the record has."""

    @abstractmethod
    def raw_read(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        """The Go that sets ``a<index>`` from the record ``p<index>``."""

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        spelled = scope.spell(argument.type)
        # The pickle's value is a variable of its own: the codec's (an interface) is on the heap.
        decode = f'{INTERNAL_PREFIX}decode(p{index}, d{index}, "{argument.name}")'
        size = RAW_HEADER + RAW_SLOT * self.raw_fields(argument)
        return [
            f"var a{index} {spelled}",
            f"if {INTERNAL_PREFIX}raw(p{index}, {size}) {{",
            *(f"\t{line}" for line in self.raw_read(argument, index, scope)),
            "} else {",
            f"\td{index} := new({spelled})",
            *(f"\t{line}" for line in reported(f"!{decode}")),
            f"\ta{index} = *d{index}",
            "}",
        ]


# A raw record: 8 bytes of zeros, then a slot of 8 bytes per field.
RAW_HEADER = 8
RAW_SLOT = 8


def raw_offsets(count: int) -> tuple[int, ...]:
    """The offset of each of *count* fields in a raw record."""
    return tuple(RAW_HEADER + RAW_SLOT * index for index in range(count))


class PickledResult(ResultConversion):
    way = "pickle"
    helpers = ("release", "pickle")
    pickles = True

    def python(self, function: PlainFunction) -> list[str]:
        if len(function.results) == 1:
            return ["    return _take_pickle(_result)"]
        if function.result_names:
            return [f"    return {function.result_class}(*_take_pickle(_result))"]
        return ["    return tuple(_take_pickle(_result))"]

    def go_results(self, function: PlainFunction) -> str:
        return " (data *C.char, size int)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        values = [f"r{index}" for index in range(len(function.results))]
        if len(values) > 1:  # inside a []interface{}: interfaces by their address
            values = [held_value(value, item.type) for value, item in zip(values, function.results)]
        value = values[0] if len(values) == 1 else f"[]interface{{}}{{{', '.join(values)}}}"
        encoded = f"data, size, ok = {INTERNAL_PREFIX}encode({value}); !ok"
        return ["var ok bool", *reported(encoded), RETURNED, "return"]
