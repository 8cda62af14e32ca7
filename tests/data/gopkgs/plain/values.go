package textstats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fill writes v into every byte of b and returns how many: the out-parameter idiom of
// io.ReadFull and rand.Read.
func Fill(b []byte, v byte) int {
	for i := range b {
		b[i] = v
	}
	return len(b)
}

// DoubleAll doubles the numbers of xs in place.
func DoubleAll(xs []int64) {
	for i := range xs {
		xs[i] *= 2
	}
}

var (
	keptMu sync.Mutex
	kept   []byte
)

// Keep keeps b past the call, as Go code may (in a struct, a cache, a goroutine).
func Keep(b []byte) {
	keptMu.Lock()
	defer keptMu.Unlock()
	kept = b
}

// Kept returns what Keep kept.
func Kept() []byte {
	keptMu.Lock()
	defer keptMu.Unlock()
	return kept
}

// F32 returns x.
func F32(x float32) float32 { return x }

// F32Map returns m.
func F32Map(m map[string]float32) map[string]float32 { return m }

// InvalidKeys has keys that are not UTF-8.
func InvalidKeys() map[string]int { return map[string]int{"\xff": 1, "\xfe": 2, "\xc0": 3} }

// InvalidText is not UTF-8.
func InvalidText() string { return "a\xffb" }

// BytesOf returns the bytes of s: what Go got.
func BytesOf(s string) []byte { return []byte(s) }

// BytesOfAny returns the bytes of v, a string: what Go got inside an any.
func BytesOfAny(v any) []byte {
	s, _ := v.(string)
	return []byte(s)
}

// TypeNames returns the Go type of each value, as %T prints it: what Go got inside an any.
func TypeNames(values []any) []string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = fmt.Sprintf("%T", v)
	}
	return names
}

// ErrorValues returns errors as values (as iterators of jq-like libraries yield them), a nil
// one among them.
func ErrorValues() []any {
	var none *fs.PathError
	return []any{errors.New("boom"), &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}, none}
}

// AnyKeys has keys of several types, as Go code decoding YAML or evaluating expressions has.
func AnyKeys() map[any]int { return map[any]int{"a": 1, 2: 2, int64(-3): 3} }

// MergedKeys has two keys Python would see as one.
func MergedKeys() map[any]int { return map[any]int{1: 1, int64(1): 2} }

// CountAnyKeys returns how many entries m has.
func CountAnyKeys(m map[any]int) int { return len(m) }

// Factorials returns n! for each n: big integers inside a list.
func Factorials(ns []int) []*big.Int {
	out := make([]*big.Int, len(ns))
	for i, n := range ns {
		out[i] = new(big.Int).MulRange(1, int64(n))
	}
	return out
}

// SumBig adds up the values of xs (a nil one counts as 0).
func SumBig(xs map[string]*big.Int) *big.Int {
	sum := new(big.Int)
	for _, x := range xs {
		if x != nil {
			sum.Add(sum, x)
		}
	}
	return sum
}

// BigInAny returns 2^100 inside an any.
func BigInAny() any { return new(big.Int).Lsh(big.NewInt(1), 100) }

// JSONNumbers decodes text with UseNumber: json.Number values inside an any.
func JSONNumbers(text string) (any, error) {
	decoder := json.NewDecoder(strings.NewReader(text))
	decoder.UseNumber()
	var v any
	err := decoder.Decode(&v)
	return v, err
}

// JSONNumber returns s as a json.Number.
func JSONNumber(s string) json.Number { return json.Number(s) }

// JSONNumberText returns the text of n.
func JSONNumberText(n json.Number) string { return string(n) }

// Node is a node of a graph.
type Node struct {
	L, R *Node
	N    int
}

// DAG is levels nodes, each pointing twice to the one before: 2^levels paths.
func DAG(levels int) *Node {
	n := &Node{}
	for i := 1; i <= levels; i++ {
		n = &Node{L: n, R: n, N: i}
	}
	return n
}

// Distinct counts the distinct nodes reachable from n.
func Distinct(n *Node) int {
	seen := map[*Node]bool{}
	var visit func(*Node)
	visit = func(n *Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		visit(n.L)
		visit(n.R)
	}
	visit(n)
	return len(seen)
}

// Chain is a linked list of n nodes (through L).
func Chain(n int) *Node {
	var head *Node
	for i := 0; i < n; i++ {
		head = &Node{L: head, N: i}
	}
	return head
}

// HasDeadline reports whether ctx has a deadline.
func HasDeadline(ctx context.Context) bool {
	_, ok := ctx.Deadline()
	return ok
}

// CountKeys returns how many entries m has.
func CountKeys(m map[string]int) int { return len(m) }

// SumInts adds xs.
func SumInts(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// JoinAll joins words.
func JoinAll(words []string) string {
	out := ""
	for _, w := range words {
		out += w
	}
	return out
}

// LenOf returns len(b).
func LenOf(b []byte) int { return len(b) }

// StrLen returns len(s).
func StrLen(s string) int { return len(s) }

// Repeat returns n bytes "x".
func Repeat(n int) string { return strings.Repeat("x", n) }

// Vec is a struct of fixed shape: its fields cross as C values, without a pickle.
type Vec struct {
	X, Y float64
}

// Mid is the middle of a and b.
func Mid(a, b Vec) Vec { return Vec{(a.X + b.X) / 2, (a.Y + b.Y) / 2} }

// Unit is v scaled to length 1; the zero vector is an error.
func Unit(v Vec) (Vec, error) {
	n := math.Hypot(v.X, v.Y)
	if n == 0 {
		return Vec{}, errors.New("the zero vector has no direction")
	}
	return Vec{v.X / n, v.Y / n}, nil
}

// Mixed has a field of every kind a struct of fixed shape takes.
type Mixed struct {
	I8  int8
	I16 int16
	I32 int32
	I64 int64
	I   int
	U8  uint8
	U16 uint16
	U32 uint32
	U64 uint64
	U   uint
	F32 float32
	F64 float64
	B   bool
	C   Celsius
	and int // unexported: stays zero
}

// EchoMixed returns m.
func EchoMixed(m Mixed) Mixed { return m }

// Meters is a struct of one field (cgo returns it as itself, not a struct).
type Meters struct{ N float64 }

// Twice is twice m.
func Twice(m Meters) Meters { return Meters{2 * m.N} }

// Moved is p moved by d; Point's fields are int32.
func Moved(p Point, d int32) Point { return Point{p.X + d, p.Y + d} }

// Specials are float64s Python must get bit for bit.
func Specials() []float64 {
	return []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 5e-324, math.MaxFloat64}
}

// Temperatures are of a named element type.
func Temperatures() []Celsius { return []Celsius{-40, 100} }

// Limits are each integer kind's limits, as slices.
func Limits() ([]int8, []uint16, []int, []uint, []float32) {
	return []int8{-128, 127}, []uint16{0, 65535}, []int{math.MinInt64, math.MaxInt64},
		[]uint{0, math.MaxUint64}, []float32{math.MaxFloat32, math.SmallestNonzeroFloat32}
}

// Small8 is the int8 limits as one result.
func Small8() []int8 { return []int8{-128, 127} }

// Wide is the uint limits as one result.
func Wide() []uint { return []uint{0, math.MaxUint64} }

// Thirty2 are float32s.
func Thirty2() []float32 { return []float32{math.MaxFloat32, math.SmallestNonzeroFloat32, -1.5} }

// NoFloats is a nil slice; EmptyFloats an empty one: both cross as an empty array.
func NoFloats() []float64 { return nil }

// EmptyFloats is an empty slice.
func EmptyFloats() []float64 { return []float64{} }

// NoBytes is a nil []byte.
func NoBytes() []byte { return nil }

// Describe is what Go sees of t: its instant, zone name and offset.
func Describe(t time.Time) string {
	name, offset := t.Zone()
	return fmt.Sprintf("%s %q %d %v", t.Format(time.RFC3339Nano), name, offset, t.Location() == time.Local)
}

// DescribeAll describes each of ts (which cross in one pickle).
func DescribeAll(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = Describe(t)
	}
	return out
}

// EchoTime returns t.
func EchoTime(t time.Time) time.Time { return t }

// EchoTimes returns ts (in one pickle).
func EchoTimes(ts []time.Time) []time.Time { return ts }

// Nanos is d in nanoseconds.
func Nanos(d time.Duration) int64 { return int64(d) }

// NanosAll is each of ds in nanoseconds (which cross in one pickle).
func NanosAll(ds []time.Duration) []int64 {
	out := make([]int64, len(ds))
	for i, d := range ds {
		out[i] = int64(d)
	}
	return out
}

// Duration is n nanoseconds.
func Duration(n int64) time.Duration { return time.Duration(n) }

// Durations are each of ns as a Duration (in one pickle).
func Durations(ns []int64) []time.Duration {
	out := make([]time.Duration, len(ns))
	for i, n := range ns {
		out[i] = time.Duration(n)
	}
	return out
}

// At is the time of Unix seconds and nanoseconds in a zone of offset seconds.
func At(seconds, nanoseconds int64, offset int) time.Time {
	return time.Unix(seconds, nanoseconds).In(time.FixedZone("Z", offset))
}

// Ats are the times of At for each of seconds (in one pickle).
func Ats(seconds []int64, nanoseconds int64, offset int) []time.Time {
	out := make([]time.Time, len(seconds))
	for i, s := range seconds {
		out[i] = At(s, nanoseconds, offset)
	}
	return out
}

// Text is b as a string: up to 32 bytes cross inside the result, more in C memory.
func Text(b []byte) string { return string(b) }

// Name and Level are named types of map keys and values.
type (
	Name  string
	Level int8
)

// columnMaps are maps a function returns as its only result, which cross as columns (a map of
// numbers, bools or strings); ColumnsPickled returns each inside a list, which crosses as a
// pickle: Python compares the two, the order of the entries included.
var columnMaps = map[string]any{
	"text": map[string]string{
		"": "empty key", "a\xffb": "\xfe", "\xed\xa0\x80": "surrogate", "\xe2\x82": "cut",
		"€": "", "é": "\xc3", "abcdefgh": "8", "abcdefgh\x01": "9", "Z": "upper",
	},
	"named": map[Name]Level{"low": -128, "high": 127, "zero": 0},
	"floats": map[int8]float32{
		-128: float32(math.Inf(-1)), 0: float32(math.Copysign(0, -1)), 127: 1.5, -1: math.MaxFloat32,
		2: float32(math.NaN()),
	},
	"bools":   map[uint64]bool{math.MaxUint64: true, 0: false, 1 << 63: true},
	"ints":    map[int]uint16{math.MinInt64: 1, math.MaxInt64: 2, -1: math.MaxUint16, 0: 0},
	"empty":   map[string]int{},
	"nil":     map[string]int(nil),
	"nul":     map[string]int{"a\x00b": 1, "c": 2}, // NUL: the pickle instead of columns
	"nulText": map[int]string{1: "\x00"},
	"many":    manyKeys(),
}

// manyKeys has runs of keys that are alike in their first 8 bytes and differ after them.
func manyKeys() map[string]int64 {
	out := map[string]int64{}
	for i := 0; i < 5000; i++ {
		out[string(rune('a'+i%3))+"-same--"+strconv.Itoa(i*7919%5003)] = int64(i) << 40
	}
	return out
}

// ColumnsText is columnMaps["text"].
func ColumnsText() map[string]string { return columnMaps["text"].(map[string]string) }

// ColumnsNamed is columnMaps["named"].
func ColumnsNamed() map[Name]Level { return columnMaps["named"].(map[Name]Level) }

// ColumnsFloats is columnMaps["floats"].
func ColumnsFloats() map[int8]float32 { return columnMaps["floats"].(map[int8]float32) }

// ColumnsBools is columnMaps["bools"].
func ColumnsBools() map[uint64]bool { return columnMaps["bools"].(map[uint64]bool) }

// ColumnsInts is columnMaps["ints"].
func ColumnsInts() map[int]uint16 { return columnMaps["ints"].(map[int]uint16) }

// ColumnsEmpty is columnMaps["empty"].
func ColumnsEmpty() map[string]int { return columnMaps["empty"].(map[string]int) }

// ColumnsNil is columnMaps["nil"].
func ColumnsNil() map[string]int { return columnMaps["nil"].(map[string]int) }

// ColumnsNUL is columnMaps["nul"].
func ColumnsNUL() map[string]int { return columnMaps["nul"].(map[string]int) }

// ColumnsNULText is columnMaps["nulText"].
func ColumnsNULText() map[int]string { return columnMaps["nulText"].(map[int]string) }

// ColumnsMany is columnMaps["many"].
func ColumnsMany() (map[string]int64, error) { return columnMaps["many"].(map[string]int64), nil }

// ColumnsPickled returns columnMaps[name] inside a list.
func ColumnsPickled(name string) []any { return []any{columnMaps[name]} }
