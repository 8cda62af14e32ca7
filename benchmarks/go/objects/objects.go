// Package objectbench is what benchmarks/objectcost.py times: a method of a Go object against
// a function with the same arguments, and Go iterators against a Python list.
package objectbench

import (
	"context"
	"iter"
)

// Adder adds; Base is added too.
type Adder struct {
	Base int64
}

// NewAdder returns an Adder.
func NewAdder(base int64) *Adder { return &Adder{Base: base} }

// Add adds a, b and the base.
func (a *Adder) Add(x, y int64) int64 { return a.Base + x + y }

// Add adds a and b.
func Add(x, y int64) int64 { return x + y }

// Ints yields 0 .. n-1.
func Ints(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// Channel sends 0 .. n-1 on a channel until ctx is done.
func Channel(ctx context.Context, n int) <-chan int {
	out := make(chan int, 1024)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Nothing returns at once: the cost of a context.
func Nothing(ctx context.Context) int { return 0 }
