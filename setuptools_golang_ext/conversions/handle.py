"""A Go object (``*T``, ``T`` of an object type, or an interface of the package): its handle,
which the shim looks up."""

from __future__ import annotations

from setuptools_golang_ext.plan import PlainArgument

from .base import ArgumentConversion, GoScope, go_lookup


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
