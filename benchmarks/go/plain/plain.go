// Package plain is an ordinary Go package (no cgo, no //export, no main) that
// the benchmarks bind with the tool in both modes, to time what issue 10's
// speed goals name: a scalar call against the same Add written in the cgo
// style (benchmarks/go/bench), a short string result, a 100k-leaf
// map[string]any tree against encoding/json plus Python's json.loads, a
// 1M-element []float64 result, and a []byte parameter.
//
// The values returned are built once, at package initialisation, so a call
// measures the conversion and the crossing, not the making of the value.
package plain

import (
	"encoding/json"
	"strconv"
	"time"
)

// Add returns a+b: the scalar call.
func Add(a, b int64) int64 { return a + b }

// Hello returns a 10-byte string.
func Hello() string { return "hello, go!" }

// LenBytes returns len(b); b aliases Python memory during the call.
func LenBytes(b []byte) int64 { return int64(len(b)) }

// Tree returns the same 100,000-leaf tree on every call.
func Tree() map[string]any { return tree }

// TreeJSON returns encoding/json's Marshal of Tree's value, made on every call.
func TreeJSON() []byte {
	out, err := json.Marshal(tree)
	if err != nil {
		panic(err)
	}
	return out
}

// MarshalTree marshals Tree's value with encoding/json and returns the length
// only: Go's share of the JSON way, without carrying the bytes to Python.
func MarshalTree() int64 {
	out, err := json.Marshal(tree)
	if err != nil {
		panic(err)
	}
	return int64(len(out))
}

// TreeLeaves returns how many leaves Tree's value has (100,000).
func TreeLeaves() int64 { return int64(countLeaves(tree)) }

// Floats returns the same 1,000,000 float64 values on every call.
func Floats() []float64 { return floats }

var (
	tree   = makeTree()
	floats = makeFloats(1_000_000)
)

// makeTree builds 1,000 records of 100 leaves each: strings, ints, floats,
// bools, times, nested maps and lists (the shape of the codec's own benchmark
// in setuptools_golang_ext/go/codec/bench_test.go).
func makeTree() map[string]any {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600))
	records := make([]any, 1000)
	for i := range records {
		tags := make([]any, 15)
		for j := range tags {
			tags[j] = "tag-" + strconv.Itoa((i*7+j)%50)
		}
		meta := make(map[string]any, 30)
		for j := 0; j < 30; j++ {
			key := "field_" + strconv.Itoa(j)
			switch j % 5 {
			case 0:
				meta[key] = i * j
			case 1:
				meta[key] = float64(i) / float64(j+1)
			case 2:
				meta[key] = "value " + strconv.Itoa(i+j) + " of the record"
			case 3:
				meta[key] = j%2 == 0
			default:
				meta[key] = base.Add(time.Duration(i*j) * time.Minute)
			}
		}
		values := make([]any, 50)
		for j := range values {
			if j%2 == 0 {
				values[j] = int64(i*1000 + j)
			} else {
				values[j] = float64(j) * 0.5
			}
		}
		records[i] = map[string]any{
			"id": i, "name": "record " + strconv.Itoa(i), "score": float64(i) * 1.25,
			"active": i%3 == 0, "created": base.Add(time.Duration(i) * time.Hour),
			"tags": tags, "meta": meta, "values": values,
		}
	}
	return map[string]any{"records": records}
}

func countLeaves(v any) int {
	switch x := v.(type) {
	case map[string]any:
		n := 0
		for _, item := range x {
			n += countLeaves(item)
		}
		return n
	case []any:
		n := 0
		for _, item := range x {
			n += countLeaves(item)
		}
		return n
	}
	return 1
}

func makeFloats(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(i) * 0.5
	}
	return out
}
