// Package shelf keeps counters: Go objects, iterators, contexts and error types, bound for
// Python without cgo.
package shelf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// Counter counts by steps.
type Counter struct {
	Name  string // what the counter counts
	Step  int    // how much Add adds per unit
	Tags  []string
	Peer  *Counter // another counter, or nil
	count int
	open  bool
}

// NewCounter returns an open counter; an empty name is an error.
func NewCounter(name string, step int) (*Counter, error) {
	if name == "" {
		return nil, &ParseError{Line: 0, Msg: "a counter needs a name"}
	}
	return &Counter{Name: name, Step: step, open: true}, nil
}

// Add adds n steps and returns the new count.
func (c *Counter) Add(n int) int {
	c.count += n * c.Step
	return c.count
}

// Value is the count.
func (c *Counter) Value() int { return c.count }

// String describes the counter.
func (c Counter) String() string { return fmt.Sprintf("%s=%d", c.Name, c.count) }

// Len is the count, as a length.
func (c *Counter) Len() int { return c.count }

// Close closes the counter; closing it twice is an error.
func (c *Counter) Close() error {
	if !c.open {
		return errors.New("counter already closed")
	}
	c.open = false
	closed.Add(1)
	return nil
}

// Upto yields the counts from 1 to the counter's value.
func (c *Counter) Upto() iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 1; i <= c.count; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// Self returns the counter itself.
func (c *Counter) Self() *Counter { return c }

// Crash panics.
func (c *Counter) Crash() { panic("counter " + c.Name + " crashed") }

var closed atomic.Int64

// Closed is how many counters were closed.
func Closed() int { return int(closed.Load()) }

// Merge returns a new counter holding both counts.
func Merge(a, b *Counter) *Counter {
	return &Counter{Name: a.Name + "+" + b.Name, Step: 1, count: a.count + b.count, open: true}
}

// Copy returns a copy of a counter (a value, not a pointer).
func Copy(c Counter) Counter { return c }

// Maybe returns a counter, or nil.
func Maybe(ok bool) *Counter {
	if !ok {
		return nil
	}
	return &Counter{Name: "maybe", Step: 1, open: true}
}

var shared = &Counter{Name: "shared", Step: 1, open: true}

// Shared returns the same counter every time.
func Shared() *Counter { return shared }

// Bag holds words; its zero value is ready to use.
type Bag struct {
	words map[string]int
}

// Put adds a word and returns how often it is in the bag.
func (b *Bag) Put(word string) int {
	if b.words == nil {
		b.words = map[string]int{}
	}
	b.words[word]++
	return b.words[word]
}

// Len is the number of distinct words.
func (b *Bag) Len() int { return len(b.words) }

// ErrNotFound is returned when a word is missing.
var ErrNotFound = errors.New("not found")

// ParseError is an error with a line.
type ParseError struct {
	Line int    // where
	Msg  string // what
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Explain describes e: an error type as a parameter (a raised ParseError passes its fields).
func Explain(e *ParseError) string { return fmt.Sprintf("%d: %s", e.Line, e.Msg) }

// Where is the error's position: a method of an error type, run on the Go error the exception
// holds.
func (e *ParseError) Where(prefix string) string { return fmt.Sprintf("%s%d", prefix, e.Line) }

// CodeError is an error that is a value.
type CodeError struct {
	Code int
}

func (e CodeError) Error() string { return fmt.Sprintf("code %d", e.Code) }

// Retryable says whether the code is worth another try (a value receiver's method).
func (e CodeError) Retryable() bool { return e.Code >= 40 }

// Unwrap is part of Go's error protocol: not a method of the exception class.
func (e CodeError) Unwrap() error { return nil }

// Errors returns errors as values, not raised: the package's own error types too.
func Errors() []any {
	return []any{&ParseError{Line: 3, Msg: "eh"}, CodeError{Code: 9}, errors.New("plain")}
}

// Wrapped returns wrapped errors as values: each is the class it raises as when returned.
func Wrapped() []error {
	return []error{fmt.Errorf("a: %w", ErrNotFound), fmt.Errorf("b: %w", &ParseError{Line: 4, Msg: "m"}), io.EOF}
}

// Fail returns the error named by kind, wrapped.
func Fail(kind string) error {
	var err error
	switch kind {
	case "parse":
		err = &ParseError{Line: 7, Msg: "bad token"}
	case "code":
		err = CodeError{Code: 42}
	case "missing":
		err = ErrNotFound
	case "eof":
		err = io.EOF
	case "file":
		_, err = os.Open("/nonexistent/shelf")
		return err
	case "deadline":
		err = context.DeadlineExceeded
	case "plain":
		return errors.New("plain failure")
	default:
		return nil
	}
	return fmt.Errorf("fail %s: %w", kind, err)
}

// Count yields 0 .. n-1.
func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		running.Add(1)
		defer running.Add(-1)
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// Words yields each word of text with its position.
func Words(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, word := range strings.Fields(text) {
			if !yield(i, word) {
				return
			}
		}
	}
}

// Explode yields n values, then panics.
func Explode(n int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := 0; i < n; i++ {
			if !yield(fmt.Sprint(i)) {
				return
			}
		}
		panic("exploded")
	}
}

// Ticks sends n numbers on a channel until ctx is done.
func Ticks(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	running.Add(1)
	go func() {
		defer running.Add(-1)
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

var running atomic.Int64

// Running is how many producers (Count's and Ticks') are running.
func Running() int { return int(running.Load()) }

var stopped atomic.Int64

// Sleep waits for seconds, or until ctx is done; it returns ctx's error then.
func Sleep(ctx context.Context, seconds float64) (float64, error) {
	start := time.Now()
	select {
	case <-time.After(time.Duration(seconds * float64(time.Second))):
		return time.Since(start).Seconds(), nil
	case <-ctx.Done():
		stopped.Add(1)
		return time.Since(start).Seconds(), ctx.Err()
	}
}

// Wait says "waiting" on standard output, then waits until ctx is done.
func Wait(ctx context.Context) error {
	os.Stdout.WriteString("waiting\n")
	<-ctx.Done()
	stopped.Add(1)
	return ctx.Err()
}

// Stopped is how many Sleep and Wait calls their context stopped.
func Stopped() int { return int(stopped.Load()) }

// Shape is anything with an area.
type Shape interface {
	// Area is the shape's area.
	Area() float64
	Name() string // what the shape is
}

// Square is a Shape.
type Square struct {
	Side float64
}

// NewSquare returns a square.
func NewSquare(side float64) *Square { return &Square{Side: side} }

// Area is the square's area.
func (s *Square) Area() float64 { return s.Side * s.Side }

// Name is "square".
func (s *Square) Name() string { return "square" }

type circle struct{ radius float64 }

func (c *circle) Area() float64 { return 3 * c.radius * c.radius }
func (c *circle) Name() string  { return "circle" }

// Circle returns a shape of a type Python has no class for.
func Circle(radius float64) Shape { return &circle{radius: radius} }

// AsShape returns the square as a Shape.
func AsShape(s *Square) Shape { return s }

// NoShape returns a nil Shape.
func NoShape() Shape { return nil }

// Describe describes any shape.
func Describe(s Shape) string {
	if s == nil {
		return "nothing"
	}
	return fmt.Sprintf("%s of area %g", s.Name(), s.Area())
}

// Each calls visit with each word of text and its position until visit returns false, and
// returns how many words it visited.
func Each(text string, visit func(word string, at int) bool) int {
	visited := 0
	for at, word := range strings.Fields(text) {
		visited++
		if !visit(word, at) {
			break
		}
	}
	return visited
}

// Visit calls visit with each word until it returns an error, which Visit returns wrapped (as
// filepath.WalkDir does), and counts the words visited.
func Visit(words []string, visit func(word string) error) (int, error) {
	for i, word := range words {
		if err := visit(word); err != nil {
			return i + 1, fmt.Errorf("visit %q: %w", word, err)
		}
	}
	return len(words), nil
}

// Parse calls parse on each word: its value, or the first error, which stops the loop.
func Parse(words []string, parse func(word string) (int, error)) ([]int, error) {
	out := []int{}
	for _, word := range words {
		n, err := parse(word)
		if err != nil {
			return out, err
		}
		out = append(out, n)
	}
	return out, nil
}

// Spread calls join with a separator and three parts: a variadic callback, whose Python
// callable gets each part as an argument.
func Spread(join func(sep string, parts ...string) string) string { return join("-", "a", "b", "c") }

// Drain collects what next gives until it returns io.EOF (or ErrNotFound: a skipped item);
// another error ends it.
func Drain(next func() (string, error)) ([]string, error) {
	got := []string{}
	for {
		item, err := next()
		switch {
		case errors.Is(err, io.EOF):
			return got, nil
		case errors.Is(err, ErrNotFound):
			got = append(got, "-")
		case err != nil:
			return got, err
		default:
			got = append(got, item)
		}
	}
}

// Kept is the words keep keeps; keep takes Go's context first (as validator's FuncCtx), which
// Python's callable is not given.
func Kept(ctx context.Context, words []string, keep func(ctx context.Context, word string) bool) []string {
	kept := []string{}
	for _, word := range words {
		if ctx.Err() == nil && keep(ctx, word) {
			kept = append(kept, word)
		}
	}
	return kept
}

// Apply maps each number through f.
func Apply(numbers []int, f func(int) int) []int {
	out := make([]int, len(numbers))
	for i, n := range numbers {
		out[i] = f(n)
	}
	return out
}

// Later calls f on another goroutine and returns what it returned.
func Later(f func() string) string {
	result := make(chan string)
	go func() { result <- f() }()
	return <-result
}

var kept func(int) int

// Keep keeps f, for Fire.
func Keep(f func(int) int) { kept = f }

// Fire calls the function Keep kept, after Keep returned.
func Fire(n int) int { return kept(n) }

// Drip sends 0, says "dripping" on standard output, and waits until ctx is done.
func Drip(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		out <- 0
		os.Stdout.WriteString("dripping\n")
		<-ctx.Done()
		stopped.Add(1)
	}()
	return out
}

// Odd yields a number, then a value Python has no equivalent for.
func Odd() iter.Seq[any] {
	return func(yield func(any) bool) {
		if yield(1) {
			yield(func() {})
		}
	}
}
