package textstats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"strings"
	"sync"
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
