"""Struct types of the bound package inside values: instances of their classes (from Python,
a mapping of field names too).

A struct of fixed shape (every field a number or bool, :data:`~.plan.FIXED_KINDS`) crosses as
a whole argument or result without a pickle where it can: as a result, its fields are the
shim's C results, from which Python (or the compiled wrapper) makes the instance as the
unpickler would (no ``__init__``); as an argument, the compiled wrapper writes the fields of an
instance of exactly the class into a raw record (:class:`.pickled.RawArgument`) that the shim
reads in place of a pickle, and anything else (a mapping, other value types, the Python wrapper's call)
is the pickle it always was, decoded by the codec with its own rules and errors.
"""

from __future__ import annotations

from setuptools_golang_ext.binding.pynames import python_name_of
from setuptools_golang_ext.stages.introspect import GoType

from .base import RETURNED, GoScope, Inner, ResultConversion, ValueKind, converted
from .pickled import RawArgument, raw_offsets
from .sequence import ARRAY_TYPECODES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction


# The struct module's code of each kind of field, for the Python wrapper's raw records.
PACK_CODES = {**ARRAY_TYPECODES, "uint8": "B", "bool": "?"}


class StructArgument(RawArgument):
    """A struct of fixed shape: its fields, in order. The Python wrapper writes the raw record
    too, for an instance of exactly the class whose fields are of the types the codec takes
    (``_raw_struct``); anything else is pickled."""

    way = "fields"
    compiled = "fields"
    helpers = ("pickled", "raw_struct")

    def python(self, argument: PlainArgument, label: str) -> str:
        cls = python_name_of(argument.type.name)
        codes = "".join(PACK_CODES[field.type.kind] for _, field in argument.fields)
        return f'_raw_struct({argument.name}, {cls}, "{codes}", "{label}")'

    def raw_fields(self, argument: PlainArgument) -> int:
        return len(argument.fields)

    def raw_read(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        scope.standard.add("unsafe")
        return [
            f"a{index}.{field.name} = *(*{scope.spell(field.type)})"
            f"(unsafe.Pointer(&p{index}[{offset}]))"
            for (_, field), offset in zip(argument.fields, raw_offsets(len(argument.fields)))
        ]


class StructResult(ResultConversion):
    """A struct of fixed shape: its fields are the shim's C results."""

    way = "fields"
    helpers = ("struct",)
    compiled = ("fields",)

    def python(self, function: PlainFunction) -> list[str]:
        cls = python_name_of(function.results[0].type.name)
        lines = [f"    _value = _new_value({cls})"]
        single = len(function.result_fields) == 1  # cgo returns one result as itself
        for index, (attribute, field) in enumerate(function.result_fields):
            value = "_result" if single else f"_result.r{index}"
            if field.type.kind == "bool":
                value = f"{value} != 0"  # cgo's GoUint8
            lines.append(f"    _value.{attribute} = {value}")
        return [*lines, "    return _value"]

    def go_results(self, function: PlainFunction) -> str:
        kinds = [field.type.kind for _, field in function.result_fields]
        return f" ({', '.join(f'f{index} {kind}' for index, kind in enumerate(kinds))})"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        values = [
            converted(field.type.kind, f"r0.{field.name}", scope.spell(field.type))
            for _, field in function.result_fields
        ]
        return [RETURNED, f"return {', '.join(values)}"]


class StructValue(ValueKind):
    kinds = ("struct",)
    mutable = True

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return python_name_of(go_type.name)

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{python_name_of(go_type.name)} | Mapping[str, Any]"

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return f"{python_name_of(go_type.name)}()"
