// Command cgo is the cgo style next to the plain package of this module: one distribution
// may bind both, built into one Go library (tests/test_e2e_plain.py).
package main

import "C"

import textstats "example.com/plain"

// Twice adds x to itself with the plain package's Add.
//
//export Twice
func Twice(x int64) int64 { return textstats.Add(x, x) }

func main() {}
