// Command native runs the calls of tests/e2e/libraries natively in Go and prints their results
// as JSON: {"library": [[key, result], ...], ...}. The Python side makes the same calls through
// the generated modules; tests/test_e2e_libraries.py compares them key by key.
//
// Usage: native INPUTS.json [LIBRARY...]
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
)

// recorder keeps the results of one library's calls in order.
type recorder struct {
	entries [][2]any
}

// put records a result; an error stands for itself as {"error": text}.
func (r *recorder) put(key string, value any) {
	if err, ok := value.(error); ok && err != nil {
		value = map[string]string{"error": err.Error()}
	}
	r.entries = append(r.entries, [2]any{key, finite(value)})
}

// finite writes the floats JSON cannot hold (inf, nan) as text and map keys as text, as the
// Python side does.
func finite(value any) any {
	switch v := value.(type) {
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return fmt.Sprint(v)
		}
		return v
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = finite(item)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for key, item := range v {
			out[key] = finite(item)
		}
		return out
	}
	if v := reflect.ValueOf(value); v.Kind() == reflect.Map && v.Type().Key().Kind() != reflect.String {
		out := make(map[string]any, v.Len())
		for _, key := range v.MapKeys() {
			out[fmt.Sprint(key.Interface())] = finite(v.MapIndex(key).Interface())
		}
		return out
	}
	return value
}

// result records a value, or the error when there is one.
func (r *recorder) result(key string, value any, err error) {
	if err != nil {
		r.put(key, err)
		return
	}
	r.put(key, value)
}

// call records what f returns, or {"panic": text} when it panics.
func (r *recorder) call(key string, f func() any) {
	defer func() {
		if p := recover(); p != nil {
			r.put(key, map[string]string{"panic": fmt.Sprint(p)})
		}
	}()
	r.put(key, f())
}

// pyJSON decodes JSON as Python's json.loads does: integers as int, other numbers as float64.
func pyJSON(data []byte) any {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var value any
	if err := decoder.Decode(&value); err != nil {
		panic(err)
	}
	return pyNumbers(value)
}

func pyNumbers(value any) any {
	switch v := value.(type) {
	case json.Number:
		if n, err := v.Int64(); err == nil && !bytes.ContainsAny([]byte(v), ".eE") {
			return int(n)
		}
		f, err := v.Float64()
		if err != nil {
			panic(err)
		}
		return f
	case []any:
		for i, item := range v {
			v[i] = pyNumbers(item)
		}
	case map[string]any:
		for key, item := range v {
			v[key] = pyNumbers(item)
		}
	}
	return value
}

var libraries = map[string]func(inputs json.RawMessage, r *recorder){
	"decimal":        runDecimal,
	"diffmatchpatch": runDiffMatchPatch,
	"expr":           runExpr,
	"gjson":          runGjson,
	"gojq":           runGojq,
	"humanize":       runHumanize,
	"semver":         runSemver,
	"slug":           runSlug,
	"toml":           runToml,
	"validator":      runValidator,
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: native INPUTS.json [LIBRARY...]")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var inputs map[string]json.RawMessage
	if err := json.Unmarshal(data, &inputs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	names := os.Args[2:]
	if len(names) == 0 {
		for name := range libraries {
			names = append(names, name)
		}
		sort.Strings(names)
	}
	out := map[string][][2]any{}
	for _, name := range names {
		run, ok := libraries[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown library %q\n", name)
			os.Exit(2)
		}
		r := &recorder{entries: [][2]any{}}
		run(inputs[name], r)
		out[name] = r.entries
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// decode unmarshals a library's inputs, or panics (inputs are the test's own data).
func decode(inputs json.RawMessage, into any) {
	if err := json.Unmarshal(inputs, into); err != nil {
		panic(err)
	}
}
