"""github.com/expr-lang/expr: the calls of native/expr.go, through the module."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from recorder import Recorder, Skip


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    env = inputs["env"]
    for i, source in enumerate(inputs["expressions"]):
        key = f"{i}:"
        r.call(key + "Eval", m.Eval, source, env)
        try:
            program = r.value(key + "Compile", lambda source: m.Compile(source, m.Env(env)), source)
        except Skip:
            continue
        r.entries[-1][1] = "compiled"
        r.call(key + "Run", m.Run, program, env)
