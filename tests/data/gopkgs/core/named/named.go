// Package named has what the binding core once got wrong (issue 19): members that need what
// only functions used to get, and Go names that collide with Python's.
package named

import (
	"errors"
	"math/big"
)

// Range is a Go object whose methods take a number slice, return named results and return an
// interface the package implements only with unexported types.
type Range struct {
	Lo, Hi int
}

// NewRange returns the range [lo, hi).
func NewRange(lo, hi int) *Range { return &Range{Lo: lo, Hi: hi} }

// Sum adds the values whose index is in the range.
func (r *Range) Sum(values []float64) float64 {
	total := 0.0
	for i := r.Lo; i < r.Hi && i < len(values); i++ {
		total += values[i]
	}
	return total
}

// Width is the range's length; nil has none.
func Width(r *Range) int {
	if r == nil {
		return 0
	}
	return r.Hi - r.Lo
}

// Bounds returns both ends.
func (r *Range) Bounds() (lo, hi int) { return r.Lo, r.Hi }

// Steps returns a stepper over the range (of an unexported type).
func (r *Range) Steps() Stepper { return &stepper{next: r.Lo, hi: r.Hi} }

// Stepper steps through numbers.
type Stepper interface {
	// Step returns the next number, or -1 at the end.
	Step() int
}

type stepper struct{ next, hi int }

func (s *stepper) Step() int {
	if s.next >= s.hi {
		return -1
	}
	s.next++
	return s.next - 1
}

// Buffer is named like typing_extensions.Buffer, which the stub imports for []byte.
type Buffer struct {
	Data []byte
	Size int
}

// Fill returns a Buffer holding data.
func Fill(data []byte) Buffer { return Buffer{Data: append([]byte(nil), data...), Size: len(data)} }

// TypeError is named like Python's built-in.
type TypeError struct {
	Field string
}

func (e *TypeError) Error() string { return "bad type of " + e.Field }

// ValueError is named like Python's built-in.
type ValueError struct {
	Value int
}

func (e ValueError) Error() string { return "bad value" }

// Exception is a sentinel named like Python's built-in.
var Exception = errors.New("an exception")

// Check fails with a TypeError for "type", a ValueError for "value", Exception for "sentinel".
func Check(what string, n int) error {
	switch what {
	case "type":
		return &TypeError{Field: what}
	case "value":
		return ValueError{Value: n}
	case "sentinel":
		return Exception
	}
	return nil
}

// Factorial returns n!, of any size.
func Factorial(n int) *big.Int {
	result := big.NewInt(1)
	for i := 2; i <= n; i++ {
		result.Mul(result, big.NewInt(int64(i)))
	}
	return result
}

// Half returns n / 2 (truncated), and nil for nil.
func Half(n *big.Int) *big.Int {
	if n == nil {
		return nil
	}
	return new(big.Int).Quo(n, big.NewInt(2))
}

// SplitResult is named like the results class of Split.
type SplitResult struct {
	Parts int
}

// Split splits n into two halves.
func Split(n int) (low, high int) { return n / 2, n - n/2 }
