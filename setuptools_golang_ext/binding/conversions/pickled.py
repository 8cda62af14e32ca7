"""Any other value the codec carries (structs, maps, lists, times, ``any``...), and several
results: one pickle stream, which Python writes and the shim decodes, or the shim writes and
Python reads with one ``pickle.loads``."""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX

from .base import RETURNED, ArgumentConversion, GoScope, ResultConversion, reported

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plan import PlainArgument, PlainFunction


class PickledArgument(ArgumentConversion):
    way = "pickle"
    helpers = ("pickled",)
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
        value = values[0] if len(values) == 1 else f"[]interface{{}}{{{', '.join(values)}}}"
        encoded = f"data, size, ok = {INTERNAL_PREFIX}encode({value}); !ok"
        return ["var ok bool", *reported(encoded), RETURNED, "return"]
