package shelf

// Python protocols from Go method sets, methods of value types, and the types the bindings
// give a Python meaning to (a time of day, a Python int inside an any).

import (
	"fmt"
	"iter"
	"math/big"
	"strings"
	"time"
)

// Point is a data struct (every field exported, no pointer methods): a value, whose methods
// run on a copy of it.
type Point struct {
	X, Y int
}

// String is the point as Go prints it.
func (p Point) String() string { return fmt.Sprintf("(%d, %d)", p.X, p.Y) }

// Equal compares the points' coordinates.
func (p Point) Equal(q Point) bool { return p.X == q.X && p.Y == q.Y }

// Less orders points by X, then Y.
func (p Point) Less(q Point) bool { return p.X < q.X || p.X == q.X && p.Y < q.Y }

// Add returns the sum of the points.
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

// Scale returns the point with its coordinates times k.
func (p Point) Scale(k int) Point { return Point{p.X * k, p.Y * k} }

// Moved moves the point, but only its copy: the receiver is a value.
func (p Point) Moved(dx int) int {
	p.X += dx
	return p.X
}

// Version is a value with hidden state: bound as a Go object (a copy held by Python would
// lose its unexported fields).
type Version struct {
	major, minor int
	label        string
}

// ParseVersion parses "major.minor" or "major.minor-label"; "" gives nil and no error.
func ParseVersion(text string) (*Version, error) {
	if text == "" {
		return nil, nil
	}
	var v Version
	head, label, _ := strings.Cut(text, "-")
	if _, err := fmt.Sscanf(head, "%d.%d", &v.major, &v.minor); err != nil {
		return nil, fmt.Errorf("bad version %q: %w", text, err)
	}
	v.label = label
	return &v, nil
}

// Major is the major version.
func (v Version) Major() int { return v.major }

// String is the version as text.
func (v Version) String() string {
	if v.label != "" {
		return fmt.Sprintf("%d.%d-%s", v.major, v.minor, v.label)
	}
	return fmt.Sprintf("%d.%d", v.major, v.minor)
}

// Compare orders versions by number; labels do not count.
func (v Version) Compare(o Version) int {
	switch {
	case v.major != o.major:
		return v.major - o.major
	case v.minor != o.minor:
		return v.minor - o.minor
	}
	return 0
}

// Bump returns the next minor version.
func (v Version) Bump() Version { return Version{v.major, v.minor + 1, ""} }

// Tally is an object whose Equal takes a pointer.
type Tally struct {
	Count int
}

// NewTally returns a tally at count.
func NewTally(count int) *Tally { return &Tally{Count: count} }

// Equal compares counts.
func (t *Tally) Equal(o *Tally) bool { return o != nil && t.Count == o.Count }

// Add adds n.
func (t *Tally) Add(n int) { t.Count += n }

// Lines is a cursor over lines: Next() bool and Value().
type Lines struct {
	lines []string
	at    int
}

// NewLines splits text into lines.
func NewLines(text string) *Lines { return &Lines{lines: strings.Split(text, "\n"), at: -1} }

// Next moves to the next line; false at the end.
func (l *Lines) Next() bool {
	l.at++
	return l.at < len(l.lines)
}

// Value is the current line.
func (l *Lines) Value() string { return l.lines[l.at] }

// Len is the number of lines.
func (l *Lines) Len() int { return len(l.lines) }

// Iter is an iterator interface, as gojq's: Next() (value, ok).
type Iter interface {
	Next() (any, bool)
}

type sliceIter struct{ values []any }

func (s *sliceIter) Next() (any, bool) {
	if len(s.values) == 0 {
		return nil, false
	}
	value := s.values[0]
	s.values = s.values[1:]
	return value, true
}

// Values returns an Iter over the values.
func Values(values ...any) Iter { return &sliceIter{values: values} }

// Deck is an object with All() iter.Seq: a Python iterable.
type Deck struct {
	Cards []string
}

// All yields the cards.
func (d *Deck) All() iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, card := range d.Cards {
			if !yield(card) {
				return
			}
		}
	}
}

// GoTypeOf names the Go type of a value: a Python int inside an any is a Go int.
func GoTypeOf(value any) string {
	if list, ok := value.([]any); ok {
		names := make([]string, len(list))
		for i, item := range list {
			names[i] = GoTypeOf(item)
		}
		return "[" + strings.Join(names, " ") + "]"
	}
	return fmt.Sprintf("%T", value)
}

// ClockTime parses a time of day ("15:04:05"): Go's time.Time on 0000-01-01.
func ClockTime(text string) (time.Time, error) { return time.Parse("15:04:05.999999", text) }

// ClockIn is a time of day in a zone of offset seconds east of UTC.
func ClockIn(hour, offset int) time.Time {
	return time.Date(0, 1, 1, hour, 30, 0, 0, time.FixedZone("here", offset))
}

// Clock formats a time Python sent.
func Clock(t time.Time) string { return t.Format("2006-01-02 15:04:05.000000 -0700") }

// Halve halves a fraction (a math/big.Rat: a Python Fraction).
func Halve(r *big.Rat) *big.Rat { return new(big.Rat).Quo(r, big.NewRat(2, 1)) }

// NoRat is a nil *big.Rat.
func NoRat() *big.Rat { return nil }

// Third divides a float by 3 at its precision (a math/big.Float: a Python Decimal).
func Third(f *big.Float) *big.Float { return new(big.Float).Quo(f, big.NewFloat(3)) }

// Precision is the precision of f, in bits.
func Precision(f *big.Float) uint { return f.Prec() }
