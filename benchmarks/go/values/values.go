// Package values is what benchmarks/valuecost.py times (issue 22): Go values
// richer than a number, each against the comparison its goal names, in the
// same process: structs, times, short strings, contexts, big number slices,
// bytes, maps, iterators and channels. benchmarks/peers binds the same package
// with gopy.
//
// Big results are built once, on the first call, and returned on every call,
// so a call measures the conversion and the crossing, not the making of the
// value (and importing the module does not build them).
package values

import (
	"context"
	"iter"
	"strconv"
	"sync"
	"time"
)

// Point is a struct of two float64 fields, passed and returned by value.
type Point struct {
	X, Y float64
}

// Add returns a+b: the scalar call every small case is compared with.
func Add(a, b int64) int64 { return a + b }

// Mid returns the point halfway between a and b.
func Mid(a, b Point) Point { return Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2} }

// Stamp returns t's Unix time in seconds.
func Stamp(t time.Time) int64 { return t.Unix() }

// Hello returns a 10-byte string.
func Hello() string { return "hello, go!" }

// Ctx returns a+1; it takes a context and never sets a deadline.
func Ctx(ctx context.Context, a int64) int64 { return a + 1 }

// Floats returns n float64 values (the same slice for the same n).
func Floats(n int) []float64 { return cached(&floats, n, makeFloats) }

// Bytes1M returns the same 1 MiB of bytes on every call.
func Bytes1M() []byte { return bytes1M() }

// Echo returns b.
func Echo(b []byte) []byte { return b }

// Map returns a map of n entries "key-<i>": i (the same map for the same n).
func Map(n int) map[string]int { return cached(&maps, n, makeMap) }

// Seq yields 0 .. n-1.
func Seq(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// Chan sends 0 .. n-1 on a buffered channel until ctx is done.
func Chan(ctx context.Context, n int) <-chan int64 {
	out := make(chan int64, 1024)
	go func() {
		defer close(out)
		for i := int64(0); i < int64(n); i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

var (
	lock    sync.Mutex
	floats  = map[int][]float64{}
	maps    = map[int]map[string]int{}
	bytes1M = sync.OnceValue(func() []byte {
		out := make([]byte, 1<<20)
		for i := range out {
			out[i] = byte(i)
		}
		return out
	})
)

// cached returns the value of n in cache, made by build on the first call.
func cached[V any](cache *map[int]V, n int, build func(int) V) V {
	lock.Lock()
	defer lock.Unlock()
	value, ok := (*cache)[n]
	if !ok {
		value = build(n)
		(*cache)[n] = value
	}
	return value
}

func makeFloats(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(i) / 2
	}
	return out
}

func makeMap(n int) map[string]int {
	out := make(map[string]int, n)
	for i := 0; i < n; i++ {
		out["key-"+strconv.Itoa(i)] = i
	}
	return out
}
