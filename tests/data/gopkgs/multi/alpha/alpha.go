// Package main is the alpha extension.
package main

import "C"

import "example.com/fixtures/multi/shared"

// Increment adds n to the shared counter and returns it.
//
//export Increment
func Increment(n int64) int64 { return shared.Add(n) }

// Name returns the extension's name.
//
//export Name
func Name() *C.char { return C.CString("alpha") }

func main() {}
