"""github.com/go-playground/validator/v10: the calls of native/validator.go, through the module."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from recorder import Recorder, Skip, invoke


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    try:
        validate = r.value("New", lambda: m.New(m.WithRequiredStructEnabled()))
    except Skip:
        return
    r.entries.pop()  # the Go side records no New
    r.call(
        "RegisterValidation",
        invoke,  # looked up in the call: a Go object as a callback argument is not bound yet
        validate,
        "RegisterValidation",
        "pyparam",
        lambda level: level.Param() == "yes",
    )
    registered = hasattr(validate, "RegisterValidation")
    for i, item in enumerate(inputs["vars"]):
        if "pyparam" in item["tag"] and not registered:
            continue  # its validation is Python's, which could not be registered: not made
        r.call(f"{i}:Var", validate.Var, item["value"], item["tag"])
    for i, item in enumerate(inputs["maps"]):
        r.call(f"m{i}:ValidateMap", validate_map, validate, item["data"], item["rules"])


def validate_map(validate: Any, data: Any, rules: Any) -> dict[str, str]:
    return {field: text(problem) for field, problem in validate.ValidateMap(data, rules).items()}


def text(problem: Any) -> str:
    """Go's Error() of a field's problem: ValidationErrors (a []FieldError) crosses as a list
    of its errors, which Go's Error() joins by lines."""
    if isinstance(problem, list):
        return "\n".join(str(error) for error in problem)
    return str(problem)
