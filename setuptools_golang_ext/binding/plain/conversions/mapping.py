"""Maps: inside values, dicts (keys: strings or integers); as the only result, a map of
numbers, bools or strings by string or integer keys crosses as columns (its keys, then its
values, in key order: text as UTF-8 between NULs, numbers as their memory) that Python makes a
dict of at C speed, where the pickle is read entry by entry."""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import FLOAT_KINDS, INTEGER_KINDS, GoType

from .base import RETURNED, GoScope, Inner, ResultConversion, ValueKind, inner_type, reported
from .string import is_json_number

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainFunction

_SIGNED = frozenset({"int", "int8", "int16", "int32", "int64"})

# The Go type a column holds the items of each kind as, and its code for the Python helper
# (a memoryview format; "s": text).
_COLUMNS: dict[str, tuple[str, str]] = {
    "string": ("string", "s"),
    "bool": ("bool", "?"),
    **{kind: ("int64", "q") for kind in _SIGNED},
    **{kind: ("uint64", "Q") for kind in INTEGER_KINDS - _SIGNED},
    **{kind: ("float64", "d") for kind in FLOAT_KINDS},
}
_KEY_KINDS = frozenset({"string"}) | INTEGER_KINDS


def crosses_as_columns(go_type: GoType) -> bool:
    """Whether a map result crosses as columns: string or integer keys, number, bool or
    string values (json.Number, which the codec reads as a number, excepted)."""
    key, elem = go_type.key, go_type.elem
    if go_type.kind != "map" or key is None or elem is None:
        return False
    if is_json_number(key) or is_json_number(elem):
        return False
    return key.kind in _KEY_KINDS and elem.kind in _COLUMNS


class MapResult(ResultConversion):
    """A map of numbers, bools or strings (:func:`crosses_as_columns`): ``dict``, in the key
    order the codec writes (a string's bytes, an integer's value), as columns; the pickle when
    a string holds NUL (which the columns cannot carry)."""

    way = "map"
    helpers = ("release", "pickle", "map")
    pickles = True  # a map whose strings hold NUL

    def python(self, function: PlainFunction) -> list[str]:
        key, elem = _columns(function.results[0].type)
        return [f'    return _take_map(_result, "{key[1]}", "{elem[1]}")']

    def go_results(self, function: PlainFunction) -> str:
        return " (data *C.char, size int)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        key, elem = _columns(function.results[0].type)
        encoded = f"data, size, ok = {INTERNAL_PREFIX}encode(r0); !ok"
        return [
            f"keys := make([]{key[0]}, 0, len(r0))",
            f"values := make([]{elem[0]}, 0, len(r0))",
            "for k, v := range r0 {",
            f"\tkeys = append(keys, {key[0]}(k))",
            f"\tvalues = append(values, {elem[0]}(v))",
            "}",
            "var ok bool",
            f"if data, size, ok = {INTERNAL_PREFIX}columns(keys, values); !ok {{",
            *(f"\t{line}" for line in reported(encoded)),  # a string holds NUL: the pickle
            "}",
            RETURNED,
            "return",
        ]


def _columns(go_type: GoType) -> tuple[tuple[str, str], tuple[str, str]]:
    """The Go type and code of the key column and of the value column."""
    return _COLUMNS[inner_type(go_type, "key").kind], _COLUMNS[inner_type(go_type).kind]


class MapValue(ValueKind):
    kinds = ("map",)
    mutable = True

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        key, elem = inner(inner_type(go_type, "key")), inner(inner_type(go_type))
        return f"dict[{key}, {elem}]"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        key, elem = inner(inner_type(go_type, "key")), inner(inner_type(go_type))
        return f"Mapping[{key}, {elem}]"

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return "{}"
