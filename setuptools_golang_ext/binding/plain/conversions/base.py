"""What every conversion of an argument carries: each side of its crossing, from Python to Go.

A conversion is one object per argument way (``plan.ArgumentWay``), one file per kind, with
every side of itself: the Python expression the wrapper converts the argument with and the
helpers that needs, the Go type of the shim's parameter, the Go the shim runs before and after
the call, the Go value it passes on, and the C wrappers' kind (or none). A side it lacks is a
``TypeError`` when the class is made (abstract methods), and a way without a conversion is an
error naming it: nothing passes through unconverted.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import ClassVar, Protocol

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import GoKind, GoType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import (
        ArgumentWay,
        PlainArgument,
        PlainFunction,
        ResultWay,
    )


class GoScope(Protocol):
    """What a conversion asks of the shims' file: how it spells a Go type, which standard
    packages it imports."""

    standard: set[str]

    def spell(self, go_type: GoType) -> str: ...

    def function(self, name: str) -> str:
        """A name of the bound package, as the shims' package spells it."""
        ...


class ArgumentConversion(ABC):
    """How one way of arguments crosses."""

    way: ClassVar[ArgumentWay]
    helpers: ClassVar[tuple[str, ...]] = ()  # module helpers (needs.HELPER_NAMES) it calls
    pickles: ClassVar[bool] = False  # the module pickles the argument (``_dumps``)
    support: ClassVar[bool] = False  # the module needs module_support.py (handles, callbacks)
    compiled: ClassVar[str] = ""  # the C wrappers' kind of the argument ("": not compiled)
    annotation: ClassVar[str] = ""  # the stub's type of a type it claims
    # The wrapper registers a Python callable for the call (``_callback``), which it ends.
    registers: ClassVar[bool] = False

    def claims(self, go_type: GoType) -> bool:
        """Whether this conversion carries *go_type*, which the planner's own rules do not (a
        type of another package it knows)."""
        return False

    @abstractmethod
    def python(self, argument: PlainArgument, label: str) -> str:
        """The expression that converts *argument* for the shim; *label* is how messages name
        it (``Merge() argument b``)."""

    @abstractmethod
    def go_parameter(self, argument: PlainArgument) -> str:
        """The Go type of the shim's parameter, as C passes it."""

    def go_first(self, argument: PlainArgument, index: int) -> list[str]:
        """What the shim does with parameter ``p<index>`` first, before anything can return
        (nothing)."""
        return []

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        """What the shim does with parameter ``p<index>`` before the call (nothing)."""
        return []

    @abstractmethod
    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        """The Go value the shim passes to the function."""

    def go_after(self, argument: PlainArgument, index: int) -> list[str]:
        """What the shim checks after the call (nothing)."""
        return []


# How a value kind asks for the annotation or zero value of a type inside its own (an element).
Inner = Callable[[GoType], str]


class ValueKind(ABC):
    """What values of some Go kinds are in Python wherever they cross inside a value (a struct's
    field, a list's item, a pickled argument or result): the stub's annotations of them and
    Go's zero value. One per kind, so that every kind answers every side."""

    kinds: ClassVar[tuple[GoKind, ...]]
    mutable: ClassVar[bool] = False  # the zero value is a mutable object: a new one each time

    @abstractmethod
    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        """The Python type of a value Go returns."""

    @abstractmethod
    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        """The Python types a Go parameter (or a struct field set from Python) accepts."""

    def zero(self, go_type: GoType, inner: Inner) -> str:
        """A Python expression for Go's zero value (None)."""
        return "None"

    def is_mutable(self, go_type: GoType) -> bool:
        return self.mutable


class FixedValue(ValueKind):
    """A kind whose annotations and zero value are the same for every type of it."""

    result: ClassVar[str]
    parameter: ClassVar[str]
    zero_expression: ClassVar[str] = "None"

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        return self.result

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        return self.parameter

    def zero(self, go_type: GoType, inner: Inner) -> str:
        return self.zero_expression


def inner_type(go_type: GoType, which: str = "elem") -> GoType:
    """The element (or key) type of a container type; the report always gives it."""
    found = go_type.elem if which == "elem" else go_type.key
    assert found is not None, f"the -api report gives {go_type.go} its {which} type"
    return found


class DirectArgument(ArgumentConversion):
    """An argument C carries as its value: the shim converts it to the function's Go type."""

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return converted(scope.spell(argument.type), f"p{index}", self.go_parameter(argument))


class BufferArgument(ArgumentConversion):
    """A slice argument over Python's memory (``[]byte``, number slices). Go gets its own copy
    ``a<index>`` of the slice ``p<index>``: Go may keep a slice past the call (in a struct, a
    cache, a goroutine), and Python's memory is valid during the call only (nil stays nil).
    Go's writes into it are written back into Python's buffer after the call (the out-parameter
    idiom; a read-only buffer reached Go as a copy Python made)."""

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        return [f"a{index} := append({scope.spell(argument.type)}(nil), p{index}...)"]

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"

    def go_after(self, argument: PlainArgument, index: int) -> list[str]:
        return [f"copy(p{index}, a{index})"]


class ResultConversion(ABC):
    """How one way of results crosses back."""

    way: ClassVar[ResultWay]
    helpers: ClassVar[tuple[str, ...]] = ()  # module helpers (needs.HELPER_NAMES) it calls
    pickles: ClassVar[bool] = False  # the module unpickles the result (``_loads``)
    support: ClassVar[bool] = False  # the module needs module_support.py (handles, iterators)
    # The C wrappers' kinds of the result's C fields; None: not compiled.
    compiled: ClassVar[tuple[str, ...] | None] = None
    annotation: ClassVar[str] = ""  # the stub's type of a type it claims

    def claims(self, go_type: GoType) -> bool:
        """Whether this conversion carries a result of *go_type*, which the planner's own rules
        do not (a type of another package it knows)."""
        return False

    @abstractmethod
    def python(self, function: PlainFunction) -> list[str]:
        """The wrapper's lines that return the value the shim returned (as ``_result``)."""

    @abstractmethod
    def go_results(self, function: PlainFunction) -> str:
        """The shim's results, as its signature spells them."""

    @abstractmethod
    def go_return(self, function: PlainFunction, scope: GoScope) -> list[str]:
        """The shim's lines that return the function's results (``r0``...)."""


RETURNED = f"state = {INTERNAL_PREFIX}returned"


def reported(condition: str, *report: str) -> list[str]:
    """Go that leaves *report* (lines) and returns from the shim when *condition* holds."""
    return [
        f"if {condition} {{",
        *(f"\t{line}" for line in report),
        f"\tstate = {INTERNAL_PREFIX}reported",
        "\treturn",
        "}",
    ]


def go_lookup(variable: str, handle: str, go_type: str, what: str, *, nullable: bool) -> list[str]:
    """The Go object of *handle* as *variable*; a handle that names none is reported (0 is nil
    when *nullable*)."""
    missing = f"!ok{variable} && {handle} != 0" if nullable else f"!ok{variable}"
    return [
        f"{variable}, ok{variable} := codec.Value({handle}).({go_type})",
        *reported(missing, f'{INTERNAL_PREFIX}gone("{what}")'),
    ]


def held_value(variable: str, go_type: GoType) -> str:
    """*variable* as an item of a ``[]interface{}`` the codec encodes: a value of an interface
    type by its address, so that the codec sees the interface type (a Go object's handle, of
    its class) and not only the dynamic value (whose type may be unexported)."""
    interface = go_type.kind == "interface" or (
        go_type.kind == "unsupported" and go_type.reason.startswith("interface type ")
    )  # not a struct value of another package (url.URL): its address would be a *url.URL
    return f"&{variable}" if interface else variable


def converted(go_type: str, value: str, c_facing: str) -> str:
    """*value* (of Go type *c_facing*) as *go_type*: a conversion when they differ."""
    return value if go_type == c_facing else f"{go_type}({value})"
