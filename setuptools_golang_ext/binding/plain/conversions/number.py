"""Numbers (``int8``...``uint64``, ``int``, ``uint``, ``float32``, ``float64``): C values."""

from __future__ import annotations

from setuptools_golang_ext.stages.introspect import FLOAT_KINDS, NUMBER_KINDS, GoType

from .base import RETURNED, DirectArgument, GoScope, Inner, ResultConversion, ValueKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction


class NumberArgument(DirectArgument):
    way = "number"
    helpers = ("number",)  # _argument_error: cffi's refusals, naming the argument
    compiled = "number"

    def python(self, argument: PlainArgument, label: str) -> str:
        if argument.type.kind == "float32":  # cffi would make 1e39 inf
            return f'_float32({argument.name}, "{label}")'
        return argument.name  # cffi converts, and refuses what does not fit

    def go_parameter(self, argument: PlainArgument) -> str:
        return argument.type.kind


class NumberResult(ResultConversion):
    way = "number"
    compiled = ("number",)

    def python(self, function: PlainFunction) -> list[str]:
        return ["    return _result"]

    def go_results(self, function: PlainFunction) -> str:
        return f" (r {function.results[0].type.kind})"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        return [RETURNED, f"return {function.results[0].type.kind}(r0)"]


class NumberValue(ValueKind):
    kinds = tuple(sorted(NUMBER_KINDS))

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "float" if go_type.kind in FLOAT_KINDS else "int"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return self.result_annotation(go_type, inner)

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return "0.0" if go_type.kind in FLOAT_KINDS else "0"
