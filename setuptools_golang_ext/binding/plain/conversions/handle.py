"""A Go object (``*T``, ``T`` of an object type, or an interface of the package): its handle,
which the shim looks up (an argument) or keeps (a result, with its dynamic class for an
interface)."""

from __future__ import annotations

from setuptools_golang_ext.binding.pynames import python_name_of
from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import GoType

from .base import (
    RETURNED,
    ArgumentConversion,
    GoScope,
    Inner,
    ResultConversion,
    ValueKind,
    go_lookup,
    inner_type,
    reported,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument, PlainFunction


class ObjectArgument(ArgumentConversion):
    way = "object"
    support = True

    def python(self, argument: PlainArgument, label: str) -> str:
        nullable = argument.type.kind in ("pointer", "interface")
        return f'_handle({argument.name}, {argument.object_class}, {nullable}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "uint64"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        what = f"argument {argument.name}"
        go_type = argument.type
        if go_type.kind == "interface":
            return go_lookup(f"a{index}", f"p{index}", scope.spell(go_type), what, nullable=True)
        pointer = go_type.kind == "pointer"
        target = scope.spell(go_type.elem if pointer and go_type.elem else go_type)
        return go_lookup(f"a{index}", f"p{index}", "*" + target, what, nullable=pointer)

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"*a{index}" if argument.type.kind == "struct" else f"a{index}"


class ObjectResult(ResultConversion):
    way = "object"
    support = True

    def python(self, function: PlainFunction) -> list[str]:
        if function.returns_interface:  # Go says which class: the dynamic type's
            classes = (function.object_class, *map(python_name_of, function.implementers))
            spelled = ", ".join(classes) + ("," if len(classes) == 1 else "")  # a tuple of one too
            return [f"    return _object(({spelled})[_result.r1], _result.r0)"]
        cls = "cls" if function.member == "new" else function.object_class
        return [f"    return _object({cls}, _result)"]

    def go_results(self, function: PlainFunction) -> str:
        return " (handle uint64, class int)" if function.returns_interface else " (handle uint64)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        if function.returns_interface:  # the class: 0 the interface's, i the i-th implementer's
            cases = [
                line
                for index, name in enumerate(function.implementers, 1)
                for line in (f"case *{scope.function(name)}:", f"\tclass = {index}")
            ]
            return [
                RETURNED,
                "if r0 == nil {",
                "\treturn 0, 0",
                "}",
                *(["switch r0.(type) {", *cases, "}"] if cases else []),
                "return codec.Keep(r0), class",
            ]
        if function.results[0].type.kind == "pointer":
            return [RETURNED, "if r0 == nil {", "\treturn 0", "}", "return codec.Keep(r0)"]
        return [RETURNED, "return codec.Keep(&r0)"]


class InterfaceValue(ValueKind):
    kinds = ("interface",)

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{python_name_of(go_type.name)} | None"

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return f"{python_name_of(go_type.name)} | None"


def nilable(go_type: GoType) -> bool:
    """An opaque Go value can be nil (``None``) unless it is a struct value of another package
    (``reflect.Value``), which Go copies in and out of its handle."""
    return not (go_type.kind == "unsupported" and go_type.reason.startswith("struct type "))


class OpaqueArgument(ArgumentConversion):
    """An opaque Go value (an ``Option``, a ``*regexp.Regexp``, an ``io.Reader``, a
    ``reflect.Value``): the handle of an instance of its class, which a Go function returned;
    ``None`` is Go's nil where the type has one."""

    way = "opaque"
    support = True

    def python(self, argument: PlainArgument, label: str) -> str:
        allowed = nilable(argument.type)
        return f'_handle({argument.name}, {argument.object_class}, {allowed}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "uint64"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        what = f"argument {argument.name}"
        spelled = scope.spell(argument.type)
        return go_lookup(f"a{index}", f"p{index}", spelled, what, nullable=nilable(argument.type))

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"


class OpaquesArgument(ArgumentConversion):
    """A slice (or ``...T``) of opaque Go values: the handles of instances of their class,
    pickled as a list, each looked up by the shim (``None`` is not one)."""

    way = "opaques"
    helpers = ("pickled",)
    pickles = True
    support = True

    def python(self, argument: PlainArgument, label: str) -> str:
        handles = (
            f'[_handle(_item, {argument.object_class}, False, "{label}") '
            f"for _item in {argument.name}]"
        )
        return f'_pickled({handles}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "[]byte"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        elem = scope.spell(inner_type(argument.type))
        decode = f'{INTERNAL_PREFIX}decode(p{index}, &h{index}, "{argument.name}")'
        return [
            f"var h{index} []uint64",
            *reported(f"!{decode}"),
            f"a{index} := make({scope.spell(argument.type)}, len(h{index}))",
            f"for i, h := range h{index} {{",
            *(
                f"\t{line}"
                for line in go_lookup("v", "h", elem, f"argument {argument.name}", nullable=False)
            ),
            f"\ta{index}[i] = v",
            "}",
        ]

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"


class OpaqueResult(ResultConversion):
    """An opaque Go value returned: kept under a handle, an instance of its class (nil: None)."""

    way = "opaque"
    support = True

    def python(self, function: PlainFunction) -> list[str]:
        return [f"    return _object({function.opaque_class}, _result)"]

    def go_results(self, function: PlainFunction) -> str:
        return " (handle uint64)"

    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        if not nilable(function.results[0].type):
            return [RETURNED, "return codec.Keep(r0)"]
        return [RETURNED, "if r0 == nil {", "\treturn 0", "}", "return codec.Keep(r0)"]
