package main

import (
	"encoding/json"
	"fmt"

	"github.com/itchyny/gojq"
)

type gojqInputs struct {
	Inputs  []json.RawMessage `json:"inputs"`
	Queries []string          `json:"queries"`
}

// gojqLimit bounds the values taken from one iterator (some queries never end).
const gojqLimit = 50

func runGojq(inputs json.RawMessage, r *recorder) {
	var in gojqInputs
	decode(inputs, &in)
	values := []any{}
	for i, raw := range in.Inputs {
		v := pyJSON(raw)
		values = append(values, v)
		key := fmt.Sprintf("v%d:", i)
		r.call(key+"TypeOf", func() any { return gojq.TypeOf(v) })
		r.call(key+"Preview", func() any { return gojq.Preview(v) })
		r.call(key+"Marshal", func() any {
			data, err := gojq.Marshal(v)
			if err != nil {
				return err
			}
			return string(data)
		})
	}
	for i, source := range in.Queries {
		key := fmt.Sprintf("%d:", i)
		query, err := gojq.Parse(source)
		if err != nil {
			r.put(key+"Parse", err)
			continue
		}
		r.put(key+"Parse", query.String())
		for j, v := range values {
			r.call(fmt.Sprintf("%sRun:%d", key, j), func() any { return gojqDrain(query.Run(v)) })
			// The same values through Python's iterator protocol (Next() (any, bool) → __iter__).
			r.call(fmt.Sprintf("%siter:%d", key, j), func() any { return gojqDrain(query.Run(v)) })
		}
		code, err := gojq.Compile(query)
		if err != nil {
			r.put(key+"Compile", err)
			continue
		}
		r.put(key+"Compile", "compiled")
		for j, v := range values {
			r.call(fmt.Sprintf("%sCode.Run:%d", key, j), func() any { return gojqDrain(code.Run(v)) })
		}
	}
}

// gojqDrain takes the iterator's values (an error value as {"error": text}).
func gojqDrain(iter gojq.Iter) []any {
	out := []any{}
	for len(out) < gojqLimit {
		v, ok := iter.Next()
		if !ok {
			break
		}
		if err, isError := v.(error); isError {
			out = append(out, map[string]string{"error": err.Error()})
			continue
		}
		out = append(out, v)
	}
	return out
}
