"""github.com/shopspring/decimal: the calls of native/decimal.go, through the module."""

from __future__ import annotations

import operator
from types import ModuleType
from typing import Any

from recorder import Recorder, Skip, protocol, string_of


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    parsed = []
    for i, text in enumerate(inputs["values"]):
        key = f"{i}:"
        try:
            d = r.value(key + "NewFromString", m.NewFromString, text)
        except Skip:
            continue
        r.entries[-1][1] = d.String()
        parsed.append(d)
        unary(key, d, r)
    for i, f in enumerate(inputs["floats"]):
        r.call(f"f{i}:NewFromFloat", string_of, m.NewFromFloat, f)
    for i, n in enumerate(inputs["ints"]):
        r.call(f"i{i}:NewFromInt", string_of, m.NewFromInt, n)
        r.call(f"i{i}:New", string_of, m.New, n, -3)
    pairs = parsed[: inputs["pairs"]]
    for i, a in enumerate(pairs):
        for j, b in enumerate(pairs):
            binary(f"p{i},{j}:", a, b, r)


def unary(key: str, d: Any, r: Recorder) -> None:
    r.call(key + "str", str, d)
    r.call(key + "StringFixed", d.StringFixed, 2)
    r.call(key + "StringFixedBank", d.StringFixedBank, 1)
    r.call(key + "Round", string_of, d.Round, 1)
    r.call(key + "RoundBank", string_of, d.RoundBank, 0)
    r.call(key + "Floor", string_of, d.Floor)
    r.call(key + "Ceil", string_of, d.Ceil)
    r.call(key + "Truncate", string_of, d.Truncate, 1)
    r.call(key + "Neg", string_of, d.Neg)
    r.call(key + "Abs", string_of, d.Abs)
    r.call(key + "Shift", string_of, d.Shift, 2)
    r.call(key + "IntPart", d.IntPart)
    r.call(key + "Exponent", d.Exponent)
    r.call(key + "NumDigits", d.NumDigits)
    r.call(key + "IsInteger", d.IsInteger)
    r.call(key + "Sign", d.Sign)
    r.call(key + "Float64", d.Float64)
    r.call(key + "PowInt32", string_of, d.PowInt32, 2)
    r.call(key + "MarshalJSON", lambda: d.MarshalJSON().decode())


def binary(key: str, a: Any, b: Any, r: Recorder) -> None:
    r.call(key + "Add", string_of, a.Add, b)
    r.call(key + "Sub", string_of, a.Sub, b)
    r.call(key + "Mul", string_of, a.Mul, b)
    r.call(key + "DivRound", string_of, a.DivRound, b, 8)
    r.call(key + "Mod", string_of, a.Mod, b)
    r.call(key + "Cmp", a.Cmp, b)
    r.call(key + "Equal", a.Equal, b)
    r.call(key + "LessThan", a.LessThan, b)
    r.call(key + "py==", protocol, operator.eq, "__eq__", a, b)
    r.call(key + "py<", protocol, operator.lt, "__lt__", a, b)
