package shelf

// Go objects and opaque values inside values: lists, maps and fields of them, both ways.

import (
	"iter"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
)

// Pair returns a and b as a list (the same pointer twice is the same object twice).
func Pair(a, b *Counter) []*Counter { return []*Counter{a, b} }

// ByName maps each counter to its name (a nil counter is left out).
func ByName(counters []*Counter) map[string]*Counter {
	named := map[string]*Counter{}
	for _, c := range counters {
		if c != nil {
			named[c.Name] = c
		}
	}
	return named
}

// Total adds the values of the counters.
func Total(counters ...*Counter) int {
	total := 0
	for _, c := range counters {
		total += c.count
	}
	return total
}

// Fresh makes n new counters named name0, name1, ...
func Fresh(name string, n int) []*Counter {
	made := make([]*Counter, n)
	for i := range made {
		made[i] = &Counter{Name: name + string(rune('0'+i%10)), Step: 1, open: true}
	}
	return made
}

// Team is a data struct whose fields hold Go objects.
type Team struct {
	Lead    *Counter
	Members []*Counter
	Roles   map[string]*Counter
	Form    Shape
}

// MakeTeam puts the lead first among the members.
func MakeTeam(lead *Counter, members ...*Counter) Team {
	roles := map[string]*Counter{"lead": lead}
	return Team{Lead: lead, Members: append([]*Counter{lead}, members...), Roles: roles}
}

// LeadOf is the team's lead.
func LeadOf(team Team) *Counter { return team.Lead }

// Shapes returns a square and a circle (whose type is not bound: its class is Shape's).
func Shapes(side float64) []Shape { return []Shape{NewSquare(side), Circle(side)} }

// Areas adds the areas of the shapes.
func Areas(shapes []Shape) float64 {
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
	}
	return total
}

// Biggest returns the shape with the biggest area, and that area.
func Biggest(shapes []Shape) (Shape, float64) {
	sorted := append([]Shape(nil), shapes...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Area() > sorted[j].Area() })
	return sorted[0], sorted[0].Area()
}

// Copies returns n copies of the counter's value (each a Go object of its own).
func Copies(c *Counter, n int) []Counter {
	copies := make([]Counter, n)
	for i := range copies {
		copies[i] = *c
	}
	return copies
}

// SumValues adds the values of counters passed by value.
func SumValues(counters []Counter) int {
	total := 0
	for _, c := range counters {
		total += c.count
	}
	return total
}

// VisitAll calls visit with each counter until it returns false; how many it visited.
func VisitAll(counters []*Counter, visit func(c *Counter) bool) int {
	for i, c := range counters {
		if !visit(c) {
			return i + 1
		}
	}
	return len(counters)
}

// Measure calls measure with each shape (its argument is an interface) and adds the results.
func Measure(side float64, measure func(s Shape) float64) float64 {
	total := 0.0
	for _, s := range Shapes(side) {
		total += measure(s)
	}
	return total
}

// Pick calls choose and returns the counter it returns.
func Pick(choose func() *Counter) *Counter { return choose() }

// Styled is text with the options that render it: a field of opaque values.
type Styled struct {
	Text    string
	Options []Option
}

// RenderStyled renders the text with its options.
func RenderStyled(s Styled) string { return Render(s.Text, s.Options...) }

// Patterns compiles each expression: a list of another package's pointers.
func Patterns(exprs ...string) []*regexp.Regexp {
	compiled := make([]*regexp.Regexp, len(exprs))
	for i, expr := range exprs {
		compiled[i] = regexp.MustCompile(expr)
	}
	return compiled
}

// MatchAny reports which expressions match text, joined by commas.
func MatchAny(patterns []*regexp.Regexp, text string) string {
	var matched []string
	for _, re := range patterns {
		if re.MatchString(text) {
			matched = append(matched, re.String())
		}
	}
	return strings.Join(matched, ",")
}

// Counters yields n counters: shared at even positions, a new one at odd ones.
func Counters(shared *Counter, n int) iter.Seq[*Counter] {
	return func(yield func(*Counter) bool) {
		for i := 0; i < n; i++ {
			c := shared
			if i%2 == 1 {
				c = &Counter{Name: "new", Step: 1, open: true}
			}
			if !yield(c) {
				return
			}
		}
	}
}

// Roster is a Go object whose field holds Go objects.
type Roster struct {
	Members []*Counter
	size    int
}

// Add adds a member and returns how many there are.
func (r *Roster) Add(c *Counter) int {
	r.Members = append(r.Members, c)
	r.size = len(r.Members)
	return r.size
}

var round atomic.Pointer[Counter]

// NextRound makes a new counter, which Round returns until the next NextRound.
func NextRound() { round.Store(&Counter{Name: "round", Step: 1, open: true}) }

// Round returns the round's counter twice, in a list (threads that call it at once get the
// same new Go pointer inside a value).
func Round() []*Counter {
	c := round.Load()
	return []*Counter{c, c}
}

// Link is a data struct with a field of another package's struct value (an opaque value).
type Link struct {
	Text    string
	Address url.URL
}

// MakeLink parses raw into the link's address.
func MakeLink(text, raw string) (Link, error) {
	parsed, err := url.Parse(raw)
	if err != nil {
		return Link{}, err
	}
	return Link{Text: text, Address: *parsed}, nil
}

// LinkHost is the host of the link's address ("" for Go's zero URL).
func LinkHost(link Link) string { return link.Address.Host }

// Snapshot is a data struct with a field of a Go object's value (a copy of a Counter).
type Snapshot struct {
	Label string
	Copy  Counter
}

// Snap copies the counter into a snapshot.
func Snap(c *Counter) Snapshot { return Snapshot{Label: "snap", Copy: *c} }

// SnapValue is the count of the snapshot's copy (0 for Go's zero Counter).
func SnapValue(s Snapshot) int { return s.Copy.count }
