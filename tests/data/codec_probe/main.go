// Command codecprobe drives the codec for tests/test_codec.py.
//
//	codecprobe encode          writes {"case": result} for a fixed set of Go values
//	codecprobe encode-strings  reads a JSON list of base64 byte strings, writes the
//	                           results of encoding each as a Go string
//	codecprobe decode          reads a JSON list of {"target", "pickle"}, decodes each
//	                           pickle into a Go value of the named target type and
//	                           writes the results of encoding that value again
//
// A result is {"pickle": base64} or {"error": {"kind", "message"}}. The test
// copies the codec next to this file as the package zz_setuptools_golang_ext_codec.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"strconv"
	"time"
	_ "time/tzdata" // zoneinfo keys resolve without the system's tz database

	codec "example.com/codecprobe/zz_setuptools_golang_ext_codec"
)

// Point and Stats are registered as classes of the module codec_probe_types,
// which the test creates.
type Point struct {
	X, Y  int
	Label string
}

type Stats struct {
	Words int
	Seen  map[string]int
	Top   []Point
	When  time.Time
	Took  time.Duration
	Ref   *Point
}

// Plain is registered for a Python class pickled without a __reduce__
// (NEWOBJ, then BUILD with its slot state).
type Plain struct {
	A int
	B []string
}

type unregistered struct{ A int }

func init() {
	codec.Register(reflect.TypeOf(Point{}), "codec_probe_types", "Point", []string{"x", "y", "label"})
	codec.Register(reflect.TypeOf(Stats{}), "codec_probe_types", "Stats", []string{"Words", "Seen", "Top", "When", "Took", "Ref"})
	codec.Register(reflect.TypeOf(Plain{}), "codec_probe_types", "Plain", []string{"a", "b"})
}

type result struct {
	Pickle []byte       `json:"pickle,omitempty"`
	Error  *codec.Error `json:"error,omitempty"`
}

func encode(v interface{}) result {
	b, err := codec.Encode(v)
	if err != nil {
		e, ok := err.(*codec.Error)
		if !ok {
			e = &codec.Error{Kind: "unexpected", Message: fmt.Sprintf("%T: %v", err, err)}
		}
		return result{Error: e}
	}
	return result{Pickle: b}
}

func encodeCases() map[string]interface{} {
	c := map[string]interface{}{
		"none": nil, "true": true, "false": false,
		"float.1.5": 1.5, "float.nan": math.NaN(), "float.inf": math.Inf(1), "float.-inf": math.Inf(-1),
		"float.-0": math.Copysign(0, -1), "float32.0.1": float32(0.1),
		"str.empty": "", "str.unicode": "héllo ☃ \U0001F600", "str.300": string(make([]byte, 300)),
		"bytes": []byte{0, 1, 255}, "bytes.nil": []byte(nil), "bytes.array4": [4]byte{1, 2, 3, 4},
		"list": []interface{}{1, "a", nil, []interface{}{}, 2.5}, "strings": []string{"x", "y"},
		"strings.nil": []string(nil), "bools": []bool{true, false}, "ints.nested": [][]int{{1}, {}, nil},
		"map.str": map[string]int{"b": 2, "a": 1, "c": 3}, "map.int": map[int]string{3: "c", -1: "a", 10: "j"},
		"map.uint64": map[uint64]bool{math.MaxUint64: true, 0: false}, "map.nil": map[string]int(nil),
		"map.nested": map[string]interface{}{"z": map[string]interface{}{"y": []interface{}{map[string]interface{}{}}}, "a": int8(-1)},
		"point":      Point{1, -2, "p"}, "point.ptr": &Point{3, 4, "q"}, "point.nilptr": (*Point)(nil),
		"points": []Point{{1, 2, "a"}, {3, 4, "b"}}, "points.map": map[string]Point{"k": {5, 6, "c"}},
		"stats": Stats{Words: 7, Seen: map[string]int{"b": 2, "a": 1}, Top: []Point{{1, 1, "t"}},
			When: time.Date(2020, 5, 6, 7, 8, 9, 10000, time.UTC), Took: 1500 * time.Millisecond},
		"plain": Plain{A: 1, B: []string{"x"}},
		// Errors.
		"err.chan": make(chan int), "err.func": func() {}, "err.complex": complex(1, 2),
		"err.uintptr": uintptr(1), "err.unregistered": unregistered{}, "err.mapkey": map[bool]int{true: 1},
		"err.nested":    map[string]interface{}{"a": []interface{}{1, map[string]interface{}{"b": make(chan int)}}},
		"err.year0":     time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC),
		"err.field":     Stats{Top: []Point{{}}, Seen: map[string]int{}, When: time.Time{}.Add(-time.Hour)},
		"time.year1":    time.Time{},
		"time.max":      time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		"time.minus330": time.Date(2001, 2, 3, 4, 5, 6, 7000, time.FixedZone("", -(3*3600+30*60))),
		"time.utc":      time.Date(2024, 2, 29, 13, 14, 15, 123456789, time.UTC),
		"time.ist":      time.Date(2024, 2, 29, 13, 14, 15, 123456789, time.FixedZone("IST", 19800)),
	}
	// The bounds of every integer type.
	c["int8.min"], c["int8.max"], c["uint8.max"] = int8(math.MinInt8), int8(math.MaxInt8), uint8(math.MaxUint8)
	c["int16.min"], c["int16.max"], c["uint16.max"] = int16(math.MinInt16), int16(math.MaxInt16), uint16(math.MaxUint16)
	c["int32.min"], c["int32.max"], c["uint32.max"] = int32(math.MinInt32), int32(math.MaxInt32), uint32(math.MaxUint32)
	c["int64.min"], c["int64.max"], c["uint64.max"] = int64(math.MinInt64), int64(math.MaxInt64), uint64(math.MaxUint64)
	c["int.min"], c["int.max"], c["uint.max"] = math.MinInt, math.MaxInt, uint(math.MaxUint)
	for _, n := range []int64{255, 256, 65535, 65536, -1, math.MaxInt32, math.MaxInt32 + 1, math.MinInt32, math.MinInt32 - 1} {
		c["int."+strconv.FormatInt(n, 10)] = n
	}
	for _, d := range []time.Duration{0, 1, -1, -999, -1000, -1001, 90 * time.Second, -90 * time.Second,
		25*time.Hour + 1500*time.Microsecond, math.MaxInt64, math.MinInt64} {
		c["duration."+strconv.FormatInt(int64(d), 10)] = d
	}
	// Number arrays hold the minimum, zero and the maximum of their type.
	c["array.b"] = []int8{math.MinInt8, 0, math.MaxInt8}
	c["array.h"] = []int16{math.MinInt16, 0, math.MaxInt16}
	c["array.i"] = []int32{math.MinInt32, 0, math.MaxInt32}
	c["array.q"] = []int64{math.MinInt64, 0, math.MaxInt64}
	c["array.H"] = []uint16{0, 0, math.MaxUint16}
	c["array.I"] = []uint32{0, 0, math.MaxUint32}
	c["array.Q"] = []uint64{0, 0, math.MaxUint64}
	c["array.f"] = []float32{-math.MaxFloat32, 0, math.MaxFloat32}
	c["array.d"] = [3]float64{-math.MaxFloat64, 0, math.MaxFloat64}
	c["array.int"] = []int{math.MinInt, 0, math.MaxInt}
	c["array.uint"] = []uint{0, 0, math.MaxUint}
	c["array.empty"] = []float64{}
	// Times in a zone with daylight saving time, and several sharing zones.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	c["time.newyork"] = []time.Time{time.Date(2024, 1, 15, 12, 0, 0, 0, ny), time.Date(2024, 7, 15, 12, 0, 0, 0, ny),
		time.Date(2024, 1, 16, 12, 0, 0, 0, ny)}
	// Deep nesting and a big dict (memo indices beyond 255).
	var deep interface{} = "leaf"
	for i := 0; i < 10000; i++ {
		deep = []interface{}{deep}
	}
	c["deep"] = deep
	big := map[string]interface{}{}
	for i := 0; i < 3000; i++ {
		big["k"+strconv.Itoa(i)] = map[string]interface{}{"i": i, "n" + strconv.Itoa(i%700): strconv.Itoa(i)}
	}
	c["big"] = big
	return c
}

func targets() map[string]func() interface{} {
	return map[string]func() interface{}{
		"int": func() interface{} { return new(int) }, "int8": func() interface{} { return new(int8) },
		"int16": func() interface{} { return new(int16) }, "int32": func() interface{} { return new(int32) },
		"int64": func() interface{} { return new(int64) }, "uint": func() interface{} { return new(uint) },
		"uint8": func() interface{} { return new(uint8) }, "uint16": func() interface{} { return new(uint16) },
		"uint32": func() interface{} { return new(uint32) }, "uint64": func() interface{} { return new(uint64) },
		"float32": func() interface{} { return new(float32) }, "float64": func() interface{} { return new(float64) },
		"bool": func() interface{} { return new(bool) }, "string": func() interface{} { return new(string) },
		"bytes": func() interface{} { return new([]byte) }, "[4]byte": func() interface{} { return new([4]byte) },
		"[3]int": func() interface{} { return new([3]int) }, "[]int8": func() interface{} { return new([]int8) },
		"[]int16": func() interface{} { return new([]int16) }, "[]int32": func() interface{} { return new([]int32) },
		"[]int64": func() interface{} { return new([]int64) }, "[]uint16": func() interface{} { return new([]uint16) },
		"[]uint32": func() interface{} { return new([]uint32) }, "[]uint64": func() interface{} { return new([]uint64) },
		"[]float32": func() interface{} { return new([]float32) }, "[]float64": func() interface{} { return new([]float64) },
		"[]int": func() interface{} { return new([]int) }, "[]string": func() interface{} { return new([]string) },
		"[]bool": func() interface{} { return new([]bool) }, "[][]int": func() interface{} { return new([][]int) },
		"map[string]int":       func() interface{} { return new(map[string]int) },
		"map[int]string":       func() interface{} { return new(map[int]string) },
		"map[uint8]float64":    func() interface{} { return new(map[uint8]float64) },
		"map[string][]string":  func() interface{} { return new(map[string][]string) },
		"interface":            func() interface{} { return new(interface{}) },
		"[]interface":          func() interface{} { return new([]interface{}) },
		"map[string]interface": func() interface{} { return new(map[string]interface{}) },
		"time":                 func() interface{} { return new(time.Time) },
		"[]time":               func() interface{} { return new([]time.Time) },
		"duration":             func() interface{} { return new(time.Duration) },
		"[]duration":           func() interface{} { return new([]time.Duration) },
		"*int":                 func() interface{} { return new(*int) },
		"[]*string":            func() interface{} { return new([]*string) },
		"Point":                func() interface{} { return new(Point) },
		"*Point":               func() interface{} { return new(*Point) },
		"[]Point":              func() interface{} { return new([]Point) },
		"map[string]Point":     func() interface{} { return new(map[string]Point) },
		"Stats":                func() interface{} { return new(Stats) },
		"Plain":                func() interface{} { return new(Plain) },
		"chan":                 func() interface{} { return new(chan int) },
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: codecprobe encode|encode-strings|decode")
		os.Exit(2)
	}
	var out interface{}
	switch os.Args[1] {
	case "encode":
		results := map[string]result{}
		for name, v := range encodeCases() {
			results[name] = encode(v)
		}
		out = results
	case "encode-strings":
		var inputs [][]byte
		must(json.NewDecoder(os.Stdin).Decode(&inputs))
		results := make([]result, len(inputs))
		for i, b := range inputs {
			results[i] = encode(string(b))
		}
		out = results
	case "decode":
		var inputs []struct {
			Target string `json:"target"`
			Pickle []byte `json:"pickle"`
		}
		must(json.NewDecoder(os.Stdin).Decode(&inputs))
		factories := targets()
		results := make([]result, len(inputs))
		for i, in := range inputs {
			factory, ok := factories[in.Target]
			if !ok {
				fmt.Fprintf(os.Stderr, "unknown target %q\n", in.Target)
				os.Exit(2)
			}
			target := factory()
			if err := codec.Decode(in.Pickle, target); err != nil {
				results[i] = result{Error: err.(*codec.Error)}
				continue
			}
			results[i] = encode(reflect.ValueOf(target).Elem().Interface())
		}
		out = results
	default:
		fmt.Fprintf(os.Stderr, "unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
	must(json.NewEncoder(os.Stdout).Encode(out))
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
