// Package shared holds state that every extension of the fixture sees: with one Go runtime in
// the process, there is one copy of it.
package shared

import "sync/atomic"

var counter atomic.Int64

// Add adds n to the counter and returns the new value.
func Add(n int64) int64 { return counter.Add(n) }
