"""github.com/go-playground/validator/v10: the calls of native/validator.go, through the module."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from recorder import Recorder, Skip


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    try:
        validate = r.value("New", lambda: m.New(m.WithRequiredStructEnabled()))
    except Skip:
        return
    r.entries.pop()  # the Go side records no New
    r.call(
        "RegisterValidation",
        validate.RegisterValidation,
        "pyparam",
        lambda level: level.Param() == "yes",
    )
    for i, item in enumerate(inputs["vars"]):
        r.call(f"{i}:Var", validate.Var, item["value"], item["tag"])
    for i, item in enumerate(inputs["maps"]):
        r.call(f"m{i}:ValidateMap", validate_map, validate, item["data"], item["rules"])


def validate_map(validate: Any, data: Any, rules: Any) -> dict[str, str]:
    return {field: str(problem) for field, problem in validate.ValidateMap(data, rules).items()}
