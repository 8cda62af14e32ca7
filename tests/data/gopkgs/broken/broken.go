// Package main does not compile: line 9 uses an undefined identifier.
package main

import "C"

// Broken returns an undefined value.
//
//export Broken
func Broken() int { return undefinedIdentifier }

func main() {}
