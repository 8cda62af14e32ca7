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
    more(key, d, r)


def more(key: str, d: Any, r: Recorder) -> None:
    """The rest of a Decimal's value methods that take plain arguments."""
    m = r.module
    r.call(key + "Coefficient", lambda: str(d.Coefficient()))
    r.call(key + "CoefficientInt64", d.CoefficientInt64)
    r.call(key + "BigInt", lambda: str(d.BigInt()))
    r.call(key + "InexactFloat64", d.InexactFloat64)
    r.call(key + "IsPositive", d.IsPositive)
    r.call(key + "IsNegative", d.IsNegative)
    r.call(key + "IsZero", d.IsZero)
    r.call(key + "RoundUp", string_of, d.RoundUp, 1)
    r.call(key + "RoundDown", string_of, d.RoundDown, 1)
    r.call(key + "RoundCeil", string_of, d.RoundCeil, 1)
    r.call(key + "RoundFloor", string_of, d.RoundFloor, 1)
    r.call(key + "RoundCash", string_of, d.RoundCash, 5)
    r.call(key + "StringFixedCash", d.StringFixedCash, 10)
    r.call(key + "StringScaled", d.StringScaled, -2)
    r.call(key + "ScientificNotationString", d.ScientificNotationString)
    r.call(key + "Normalize", string_of, d.Normalize)
    r.call(key + "Copy", string_of, d.Copy)
    # The series (Sin, Ln, ExpTaylor, ...) take long on large numbers: small ones only.
    if d.Abs().LessThan(m.New(1000, 0)):
        r.call(key + "Sin", lambda: d.Sin().StringFixed(10))
        r.call(key + "Cos", lambda: d.Cos().StringFixed(10))
        r.call(key + "Atan", lambda: d.Atan().StringFixed(10))
        r.call(key + "Ln", lambda: d.Abs().Add(m.New(1, 0)).Ln(10).String())
        r.call(key + "SqrtRound", lambda: d.Abs().SqrtRound(8).String())
        r.call(key + "ExpTaylor", lambda: d.Truncate(0).ExpTaylor(6).String())
    r.call(key + "MarshalText", lambda: d.MarshalText().decode())
    r.call(key + "UnmarshalJSON", unmarshal_json, m, d)


def unmarshal_json(m: ModuleType, d: Any) -> str:
    """A zero Decimal (``Decimal()``: Go's ``var back Decimal``) filled by ``UnmarshalJSON``."""
    back = m.Decimal()
    back.UnmarshalJSON(f'"{d}"'.encode())
    return str(back.String())


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
