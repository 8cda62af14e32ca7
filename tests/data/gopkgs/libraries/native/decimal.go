package main

import (
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"
)

type decimalInputs struct {
	Values []string  `json:"values"`
	Floats []float64 `json:"floats"`
	Ints   []int64   `json:"ints"`
	Pairs  int       `json:"pairs"`
}

func runDecimal(inputs json.RawMessage, r *recorder) {
	var in decimalInputs
	decode(inputs, &in)
	var parsed []decimal.Decimal
	for i, text := range in.Values {
		key := fmt.Sprintf("%d:", i)
		d, err := decimal.NewFromString(text)
		if err != nil {
			r.put(key+"NewFromString", err)
			continue
		}
		r.put(key+"NewFromString", d.String())
		parsed = append(parsed, d)
		decimalUnary(key, d, r)
	}
	for i, f := range in.Floats {
		r.put(fmt.Sprintf("f%d:NewFromFloat", i), decimal.NewFromFloat(f).String())
	}
	for i, n := range in.Ints {
		r.put(fmt.Sprintf("i%d:NewFromInt", i), decimal.NewFromInt(n).String())
		r.put(fmt.Sprintf("i%d:New", i), decimal.New(n, -3).String())
	}
	pairs := parsed[:min(in.Pairs, len(parsed))]
	for i, a := range pairs {
		for j, b := range pairs {
			decimalBinary(fmt.Sprintf("p%d,%d:", i, j), a, b, r)
		}
	}
}

func decimalUnary(key string, d decimal.Decimal, r *recorder) {
	r.put(key+"str", d.String())
	r.put(key+"StringFixed", d.StringFixed(2))
	r.put(key+"StringFixedBank", d.StringFixedBank(1))
	r.put(key+"Round", d.Round(1).String())
	r.put(key+"RoundBank", d.RoundBank(0).String())
	r.put(key+"Floor", d.Floor().String())
	r.put(key+"Ceil", d.Ceil().String())
	r.put(key+"Truncate", d.Truncate(1).String())
	r.put(key+"Neg", d.Neg().String())
	r.put(key+"Abs", d.Abs().String())
	r.put(key+"Shift", d.Shift(2).String())
	r.put(key+"IntPart", d.IntPart())
	r.put(key+"Exponent", d.Exponent())
	r.put(key+"NumDigits", d.NumDigits())
	r.put(key+"IsInteger", d.IsInteger())
	r.put(key+"Sign", d.Sign())
	f, exact := d.Float64()
	r.put(key+"Float64", []any{f, exact})
	r.put(key+"PowInt32", func() any { p, err := d.PowInt32(2); return decimalResult(p, err) }())
	marshalled, err := d.MarshalJSON()
	r.result(key+"MarshalJSON", string(marshalled), err)
	decimalMore(key, d, r)
}

// decimalMore calls the rest of a Decimal's value methods that take plain arguments.
func decimalMore(key string, d decimal.Decimal, r *recorder) {
	r.put(key+"Coefficient", d.Coefficient().String())
	r.put(key+"CoefficientInt64", d.CoefficientInt64())
	r.put(key+"BigInt", d.BigInt().String())
	r.put(key+"InexactFloat64", d.InexactFloat64())
	r.put(key+"IsPositive", d.IsPositive())
	r.put(key+"IsNegative", d.IsNegative())
	r.put(key+"IsZero", d.IsZero())
	r.put(key+"RoundUp", d.RoundUp(1).String())
	r.put(key+"RoundDown", d.RoundDown(1).String())
	r.put(key+"RoundCeil", d.RoundCeil(1).String())
	r.put(key+"RoundFloor", d.RoundFloor(1).String())
	r.put(key+"RoundCash", d.RoundCash(5).String())
	r.put(key+"StringFixedCash", d.StringFixedCash(10))
	r.put(key+"StringScaled", d.StringScaled(-2))
	r.put(key+"ScientificNotationString", d.ScientificNotationString())
	r.put(key+"Normalize", d.Normalize().String())
	r.put(key+"Copy", d.Copy().String())
	// The series (Sin, Ln, ExpTaylor, ...) take long on large numbers: small ones only.
	if d.Abs().LessThan(decimal.New(1000, 0)) {
		r.put(key+"Sin", d.Sin().StringFixed(10))
		r.put(key+"Cos", d.Cos().StringFixed(10))
		r.put(key+"Atan", d.Atan().StringFixed(10))
		r.call(key+"Ln", func() any { v, err := d.Abs().Add(decimal.New(1, 0)).Ln(10); return decimalResult(v, err) })
		r.call(key+"SqrtRound", func() any { v, err := d.Abs().SqrtRound(8); return decimalResult(v, err) })
		r.call(key+"ExpTaylor", func() any { v, err := d.Truncate(0).ExpTaylor(6); return decimalResult(v, err) })
	}
	text, err := d.MarshalText()
	r.result(key+"MarshalText", string(text), err)
	var back decimal.Decimal
	err = back.UnmarshalJSON([]byte(`"` + d.String() + `"`))
	r.result(key+"UnmarshalJSON", back.String(), err)
}

func decimalResult(d decimal.Decimal, err error) any {
	if err != nil {
		return err
	}
	return d.String()
}

func decimalBinary(key string, a, b decimal.Decimal, r *recorder) {
	r.put(key+"Add", a.Add(b).String())
	r.put(key+"Sub", a.Sub(b).String())
	r.put(key+"Mul", a.Mul(b).String())
	r.call(key+"DivRound", func() any { return a.DivRound(b, 8).String() })
	r.call(key+"Mod", func() any { return a.Mod(b).String() })
	r.put(key+"Cmp", a.Cmp(b))
	r.put(key+"Equal", a.Equal(b))
	r.put(key+"LessThan", a.LessThan(b))
	// The Python protocols the method set gives (issue 21): ==, <.
	r.put(key+"py==", a.Equal(b))
	r.put(key+"py<", a.LessThan(b))
}
