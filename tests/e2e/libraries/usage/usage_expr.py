"""expr-lang/expr as its documentation shows it: compile once with an environment, run often."""

from typing import Any

from libs import expr

env: dict[str, Any] = {"greet": "Hello", "names": ["world", "you"]}
program = expr.Compile("greet + ', ' + names[0]", expr.Env(env), expr.AsKind(24))
output = expr.Run(program, env)
quick = expr.Eval("1 + 2", None)
