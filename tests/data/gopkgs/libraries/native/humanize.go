package main

import (
	"encoding/json"
	"fmt"
	"math/big"
	"time"

	"github.com/dustin/go-humanize"
)

type humanizeInputs struct {
	Sizes   []uint64  `json:"sizes"`
	Ints    []int64   `json:"ints"`
	Floats  []float64 `json:"floats"`
	Texts   []string  `json:"texts"`
	Seconds []int64   `json:"seconds"`
	Base    int64     `json:"base"`
}

func runHumanize(inputs json.RawMessage, r *recorder) {
	var in humanizeInputs
	decode(inputs, &in)
	for i, n := range in.Sizes {
		key := fmt.Sprintf("s%d:", i)
		r.put(key+"Bytes", humanize.Bytes(n))
		r.put(key+"IBytes", humanize.IBytes(n))
		r.put(key+"BytesN", humanize.BytesN(n, 3))
		r.put(key+"BigBytes", humanize.BigBytes(new(big.Int).SetUint64(n)))
	}
	for i, n := range in.Ints {
		key := fmt.Sprintf("i%d:", i)
		r.put(key+"Comma", humanize.Comma(n))
		r.put(key+"Ordinal", humanize.Ordinal(int(n)))
		r.put(key+"BigComma", humanize.BigComma(new(big.Int).Mul(big.NewInt(n), big.NewInt(n))))
		r.put(key+"FormatInteger", humanize.FormatInteger("#.###,", int(n)))
	}
	for i, f := range in.Floats {
		key := fmt.Sprintf("f%d:", i)
		r.put(key+"Commaf", humanize.Commaf(f))
		r.put(key+"CommafWithDigits", humanize.CommafWithDigits(f, 2))
		r.put(key+"Ftoa", humanize.Ftoa(f))
		r.put(key+"FtoaWithDigits", humanize.FtoaWithDigits(f, 3))
		r.put(key+"SI", humanize.SI(f, "B"))
		r.put(key+"SIWithDigits", humanize.SIWithDigits(f, 2, "m"))
		value, prefix := humanize.ComputeSI(f)
		r.put(key+"ComputeSI", []any{value, prefix})
		r.put(key+"FormatFloat", humanize.FormatFloat("#,###.##", f))
	}
	for i, text := range in.Texts {
		humanizeParse(fmt.Sprintf("t%d:", i), text, r)
	}
	base := time.Unix(in.Base, 0)
	magnitudes := []humanize.RelTimeMagnitude{
		{D: time.Second, Format: "now", DivBy: time.Second},
		{D: time.Hour, Format: "%d minutes %s", DivBy: time.Minute},
		{D: 48 * time.Hour, Format: "%d hours %s", DivBy: time.Hour},
		{D: 1 << 62, Format: "%d days %s", DivBy: 24 * time.Hour},
	}
	for i, seconds := range in.Seconds {
		key := fmt.Sprintf("d%d:", i)
		later := base.Add(time.Duration(seconds) * time.Second)
		r.put(key+"RelTime", humanize.RelTime(base, later, "earlier", "later"))
		r.put(key+"CustomRelTime", humanize.CustomRelTime(base, later, "ago", "ahead", magnitudes))
	}
}

func humanizeParse(key string, text string, r *recorder) {
	size, err := humanize.ParseBytes(text)
	r.result(key+"ParseBytes", size, err)
	big, err := humanize.ParseBigBytes(text)
	if err == nil {
		r.put(key+"ParseBigBytes", big.String())
	} else {
		r.put(key+"ParseBigBytes", err)
	}
	value, unit, err := humanize.ParseSI(text)
	r.result(key+"ParseSI", []any{value, unit}, err)
	f, err := humanize.ParseCommaf(text)
	r.result(key+"ParseCommaf", f, err)
	n, err := humanize.ParseComma(text)
	r.result(key+"ParseComma", n, err)
}
