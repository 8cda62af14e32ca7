// Package textstats counts words: an ordinary Go package, bound without cgo.
package textstats

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Stats are what Count finds in a text.
type Stats struct {
	Words  int            // the number of words
	Top    []string       // the most frequent words, most frequent first
	Seen   map[string]int // how often each word occurs
	At     time.Time      // when the count was made
	Took   time.Duration  // how long it took
	Ratio  float64
	Tags   Tags
	Next   *Stats
	hidden int
}

// Tags are labels.
type Tags []string

// Joined is the labels joined by sep (a method of a slice type: Tags.Joined(tags, sep)).
func (t Tags) Joined(sep string) string { return strings.Join(t, sep) }

// Celsius is a temperature.
type Celsius float64

// String is the temperature with its unit (a method of a non-struct type: Celsius.String(c)).
func (c Celsius) String() string { return fmt.Sprintf("%g°C", float64(c)) }

// Warm raises the temperature (not bound: it changes a copy Python would not see).
func (c *Celsius) Warm(by Celsius) { *c += by }

// Point is a pair of coordinates.
type Point struct {
	X, Y int32
}

// Feeder is a channel Python cannot hold (not bound: strict needs `exclude = ["Point.Feeder"]`).
func (p Point) Feeder() chan<- int32 { return nil }

// Meter is a reading with a feed Python cannot hold.
type Meter struct {
	Value int
	Feed  chan<- int // send-only: not bound (strict needs `exclude = ["Meter.Feed"]`)
}

// Read is the meter's value.
func Read(m Meter) int { return m.Value }

// ErrEmpty is returned for an empty text.
var ErrEmpty = errors.New("empty text")

// Check reports whether every word is non-empty, with each word's error (nil when it is
// fine), as validation libraries do: errors inside a result.
func Check(words []string) (bool, []error) {
	problems := make([]error, len(words))
	ok := true
	for i, word := range words {
		if word == "" {
			problems[i] = fmt.Errorf("word %d: %w", i, ErrEmpty)
			ok = false
		}
	}
	return ok, problems
}

// Count counts the words of text and keeps the top most frequent.
func Count(text string, top int) (Stats, error) {
	words := strings.Fields(text)
	if len(words) == 0 {
		return Stats{}, ErrEmpty
	}
	seen := map[string]int{}
	for _, word := range words {
		seen[word]++
	}
	keys := make([]string, 0, len(seen))
	for word := range seen {
		keys = append(keys, word)
	}
	sort.Slice(keys, func(i, j int) bool {
		if seen[keys[i]] != seen[keys[j]] {
			return seen[keys[i]] > seen[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if top < len(keys) {
		keys = keys[:top]
	}
	at := time.Date(2026, 12, 1, 13, 30, 15, 123456789, time.FixedZone("CET", 3600))
	return Stats{Words: len(words), Top: keys, Seen: seen, At: at, Took: 1500 * time.Millisecond, Ratio: 0.5}, nil
}

// Words counts the words of text; an empty text is an error that wraps ErrEmpty.
func Words(text string) (int, error) {
	n := len(strings.Fields(text))
	if n == 0 {
		return 0, fmt.Errorf("words of %q: %w", text, ErrEmpty)
	}
	return n, nil
}

// Tokens splits text into words.
func Tokens(text string) []string { return strings.Fields(text) }

// Add adds.
func Add(a, b int64) int64 { return a + b }

// Half halves a temperature.
func Half(c Celsius) Celsius { return c / 2 }

// Not negates.
func Not(b bool) bool { return !b }

// Nothing does nothing.
func Nothing() {}

// Hello greets.
func Hello() string { return "héllo" }

// Reverse returns b reversed.
func Reverse(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[len(b)-1-i] = c
	}
	return out
}

// Sum adds up numbers.
func Sum(xs []float64) float64 {
	total := 0.0
	for _, x := range xs {
		total += x
	}
	return total
}

// Range returns 0..n-1 as floats.
func Range(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(i)
	}
	return out
}

// Echo returns what it was given.
func Echo(value any) any { return value }

// Unmarshal fills what target points to from JSON text: an out-parameter of type any, which
// Python passes as a GoRef.
func Unmarshal(text string, target any) error { return json.Unmarshal([]byte(text), target) }

// EchoStats returns what it was given.
func EchoStats(s Stats) Stats { return s }

// EchoPoint returns what it was given.
func EchoPoint(p *Point) *Point { return p }

// Merge merges maps; later ones win.
func Merge(maps []map[string]int) map[string]int {
	out := map[string]int{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// Squares maps each number to its square.
func Squares(n int) map[int]int64 {
	out := map[int]int64{}
	for i := 0; i < n; i++ {
		out[i] = int64(i) * int64(i)
	}
	return out
}

// Corners returns the corners of a box.
func Corners(w, h int32) [4]Point {
	return [4]Point{{0, 0}, {w, 0}, {0, h}, {w, h}}
}

// Later adds d to t.
func Later(t time.Time, d time.Duration) time.Time { return t.Add(d) }

// DivMod divides.
func DivMod(a, b int) (quotient, remainder int, err error) {
	if b == 0 {
		return 0, 0, fmt.Errorf("divide %d by zero", a)
	}
	return a / b, a % b, nil
}

// Pair returns two values.
func Pair() (string, int) { return "x", 1 }

// Small takes a uint8.
func Small(v uint8) uint8 { return v }

// Boom panics.
func Boom(message string) int {
	panic(message)
}

// Nested returns a nested tree.
func Nested() map[string]any {
	return map[string]any{
		"list":  []any{1, "two", 3.0, true, nil, map[string]any{"k": []int{1, 2}}},
		"when":  time.Date(2000, 1, 2, 3, 4, 5, 0, time.UTC),
		"bytes": []byte("raw"),
	}
}

// Total adds up any number of temperatures.
func Total(first Celsius, more ...Celsius) Celsius {
	for _, c := range more {
		first += c
	}
	return first
}

// Join joins words with sep.
func Join(sep string, words ...string) string { return strings.Join(words, sep) }

// Max returns the largest of xs (0 for none).
func Max(xs ...int64) int64 {
	var top int64
	for i, x := range xs {
		if i == 0 || x > top {
			top = x
		}
	}
	return top
}

// Channel cannot be bound.
func Channel(c chan int) {}

// Callback cannot be bound: a Python callable returns one value.
func Callback(f func() (int, int)) {}

// Generic returns t: bound only as the instantiations the configuration names.
func Generic[T any](t T) T { return t }
