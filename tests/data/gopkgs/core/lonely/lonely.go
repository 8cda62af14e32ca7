// Package lonely's whole API is one Go object type.
package lonely

// Tally counts.
type Tally struct{ n int }

// Add adds n and returns the total.
func (t *Tally) Add(n int) int {
	t.n += n
	return t.n
}
