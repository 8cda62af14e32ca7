"""Go errors inside results (``[]error``, ``(bool, []error)``, a struct field of type
``error``): the codec writes each as an instance of the module's ``GoError`` (the message and
the Go type; the package's error types as their exception classes), nil as ``None``. Python
has no Go error to send, so the planner refuses them inside parameters."""

from __future__ import annotations

from .base import FixedValue


class ErrorValue(FixedValue):
    kinds = ("error",)
    result = "GoError | None"
    parameter = "Any"
