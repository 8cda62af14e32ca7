// Package copies is what benchmarks/copycost.py times: a []byte argument of an ordinary package,
// which Go gets a copy of (written back after the call).
package copies

// Len returns len(b) after reading its first and last byte.
func Len(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	return len(b) + int(b[0]&0) + int(b[len(b)-1]&0)
}
