"""``any`` inside values (whatever it holds), and the kinds that never cross inside a value
(contexts, functions, unsupported types: the planner refuses them there; cgo's
``*C.char`` and ``uintptr``, which only ``//export`` functions have), which the stubs name as
best they can."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

from setuptools_golang_ext.binding.pynames import python_name_of
from setuptools_golang_ext.stages.introspect import GoType

from .base import FixedValue, Inner, ValueKind

# The classes the package's opaque types got while it is planned (Go's spelling → class):
# url.URL and *url.URL are URL and URL_, which their types alone cannot say.
_CLASSES: ContextVar[Mapping[str, str]] = ContextVar("opaque classes", default=MappingProxyType({}))


@contextmanager
def opaque_classes(classes: Mapping[str, str]) -> Iterator[None]:
    """Annotate the opaque types of *classes* (Go's spelling → class) with their classes."""
    token = _CLASSES.set(classes)
    try:
        yield
    finally:
        _CLASSES.reset(token)


def opaque_class(go_type: GoType) -> str:
    """The class of an opaque type the package planning now has, else ""."""
    return _CLASSES.get().get(go_type.go, "")


class AnyValue(FixedValue):
    kinds = ("any",)
    result = parameter = "Any"


class OpaqueValue(ValueKind):
    kinds = ("context", "func", "unsupported", "cstring", "uintptr")

    def result_annotation(self, go_type: GoType, inner: Inner) -> str:
        # An opaque value inside a value (``*regexp.Regexp``: its class is named after Regexp).
        return opaque_class(go_type) or python_name_of(
            go_type.name or go_type.go.rpartition(".")[2]
        )

    def parameter_annotation(self, go_type: GoType, inner: Inner) -> str:
        # Inside a value, None is Go's zero value (nil): a data struct's default for the field.
        return f"{self.result_annotation(go_type, inner)} | None"
