"""Checks the bindings of tests/data/gopkgs/core (issue 19's defects), in a fresh interpreter
of a venv where its two modules are installed: ``python check_core.py``. Prints "core ok".
"""

from __future__ import annotations

import array
import builtins
import math
from typing import Any

import core_pkg._lonely as lonely
import core_pkg._named as named
from check_objects import expect_raises


def check_members() -> None:
    span = named.Range(1, 3)
    # 1: a method's number slice, from a buffer (the buffer formats) and from a list.
    assert span.Sum(array.array("d", [1.0, 2.0, 4.0, 8.0])) == 6.0
    assert span.Sum([1.0, 2.0, 4.0]) == 6.0
    # 2: a method's named results.
    bounds = span.Bounds()
    assert bounds == (1, 3) and bounds.lo == 1 and bounds.hi == 3, bounds
    assert type(bounds).__name__ == "RangeBoundsResult", type(bounds)
    # 6: an interface result without a bound implementer.
    steps = span.Steps()
    assert isinstance(steps, named.Stepper), steps
    assert [steps.Step(), steps.Step(), steps.Step()] == [1, 2, -1]
    # 3: a package whose API is one object type.
    tally = lonely.Tally()
    assert tally.Add(2) == 2 and tally.Add(3) == 5


def check_names() -> None:
    # 4 and 5: Go names that are Python's get a trailing underscore; Python's stay Python's.
    assert named.Buffer_(b"ab", 2).Data == b"ab"
    assert named.Fill(b"xyz").Size == 3
    for name in ("TypeError", "ValueError", "Exception", "Buffer"):
        assert name not in vars(named), name
    error = expect_raises(named.TypeError_, "bad type of type", named.Check, "type", 0)
    assert isinstance(error, named.GoError) and error.Field == "type"
    error = expect_raises(named.ValueError_, "bad value", named.Check, "value", 7)
    assert error.Value == 7
    expect_raises(named.Exception_, "an exception", named.Check, "sentinel", 0)
    # The module's own TypeError is Python's: a wrong argument.
    error = expect_raises(builtins.TypeError, "expected Range or None", named.Width, 3)
    assert type(error) is builtins.TypeError
    # A results class never takes a Go name: Split's is SplitResult_.
    split = named.Split(5)
    assert split == (2, 3) and type(split).__name__ == "SplitResult_" and split.high == 3
    assert named.SplitResult(Parts=2).Parts == 2
    scope: dict[str, Any] = {}
    exec(f"from {named.__name__} import *", scope)  # what users' `import *` gets
    shadowing = sorted(name for name in scope if name in vars(builtins) and name != "__builtins__")
    assert shadowing == [], shadowing


def check_big_ints() -> None:
    """*big.Int <-> int, of any size (beyond Python's 4300 decimal digits too)."""
    assert named.Factorial(30) == math.factorial(30)
    huge = 10**6000
    assert named.Half(2 * huge) == huge and named.Half(-2 * huge) == -huge
    assert named.Half(2**64 + 1) == 2**63 and named.Half(0) == 0 and named.Half(-3) == -1
    error = expect_raises(TypeError, "Half() argument n: expected int, got float", named.Half, 2.0)
    assert type(error) is builtins.TypeError
    expect_raises(TypeError, "Half() argument n: expected int, got bool", named.Half, True)
    expect_raises(TypeError, "expected int, got NoneType", named.Half, None)


def main() -> None:
    check_members()
    check_names()
    check_big_ints()
    print("core ok")


if __name__ == "__main__":
    main()
