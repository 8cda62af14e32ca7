"""``iter.Seq``, ``iter.Seq2`` and receive channels, as a result: a Go iterator (its handle)
that a goroutine fills in batches, and a Python iterator over them (plain numbers as raw
memory, anything else pickled)."""

from __future__ import annotations

from setuptools_golang_ext import runtime
from setuptools_golang_ext.stages.introspect import GoType

from .base import RETURNED, GoScope, Inner, ResultConversion, ValueKind, inner_type

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainFunction


class IteratorResult(ResultConversion):
    way = "iterator"
    helpers = ("release", "pickle")  # batches are pickles
    pickles = True
    support = True

    def python(self, function: PlainFunction) -> list[str]:
        shape = "pairs" if function.iterator_kind == "seq2" else function.iterator_typecode
        context = ", _context" if function.context else ""
        return [f'    return _iterate(_result, "{function.qualified}", "{shape}"{context})']

    def go_results(self, function: PlainFunction) -> str:
        return " (handle uint64)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        raw = ["iterator.Raw = true"] if function.iterator_typecode else []
        if function.context:  # its deadline ends the iteration with GoTimeoutError
            raw.append("iterator.Context = codec.ContextOf(ctx)")
        return [
            "iterator := codec.NewIterator()",
            *raw,
            *_producer(function, scope),
            RETURNED,
            "return codec.Keep(iterator)",
        ]


def _producer(function: PlainFunction, scope: GoScope) -> list[str]:
    """The goroutine that runs the iterator *function* returned, batch by batch."""
    go_type = function.results[0].type
    assert go_type.elem is not None, "the -api report gives iterators their element types"
    elem = scope.spell(go_type.elem)
    if go_type.kind == "chan":
        return runtime.template("go/shim/drain.go.tmpl").substitute(elem=elem).splitlines()
    if go_type.kind == "seq":
        slices, params = ["values"], f"v {elem}"
        append, batch = ["values = append(values, v)"], "values"
        makes = [f"values := make([]{elem}, 0, iterator.Size)"]
    else:
        assert go_type.key is not None, "iter.Seq2 has a key type"
        key = scope.spell(go_type.key)
        slices, params = ["keys", "values"], f"k {key}, v {elem}"
        append = ["keys = append(keys, k)", "values = append(values, v)"]
        batch = "[]interface{}{keys, values}"
        makes = [
            f"keys := make([]{key}, 0, iterator.Size)",
            f"values := make([]{elem}, 0, iterator.Size)",
        ]
    reset = f"{', '.join(slices)} = {', '.join(f'{name}[:0]' for name in slices)}"
    return [
        "iterator.Run(func() {",
        *(f"\t{line}" for line in makes),
        "\tdefer func() { // the last values, also those before a panic",
        "\t\tif len(values) > 0 {",
        f"\t\t\titerator.Send({batch})",
        "\t\t}",
        "\t}()",
        f"\tr0(func({params}) bool {{",
        *(f"\t\t{line}" for line in append),
        "\t\tif len(values) < iterator.Size {",
        "\t\t\treturn true",
        "\t\t}",
        f"\t\tmore := iterator.Send({batch})",
        f"\t\t{reset}",
        "\t\treturn more",
        "\t})",
        "})",
    ]


class IteratorValue(ValueKind):
    kinds = ("seq", "seq2", "chan")

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        elem = inner(inner_type(go_type))
        if go_type.kind == "seq2":
            return f"GoIterator[tuple[{inner(inner_type(go_type, 'key'))}, {elem}]]"
        return f"GoIterator[{elem}]"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return "Any"
