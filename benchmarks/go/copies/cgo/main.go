// The cgo-style twin of copies.Len: Go reads Python's buffer in place (a writable one; a
// read-only one is copied by the Python wrapper).
package main

import "C"

// LenBytes returns len(b) after reading its first and last byte.
//
//export LenBytes
func LenBytes(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	return len(b) + int(b[0]&0) + int(b[len(b)-1]&0)
}

func main() {}
