// Command solo holds the exports of packages a, b and c in one Go package:
// the one-extension side of the size benchmark.
package main

import "C"

// AddA returns a+b.
//
//export AddA
func AddA(a, b int64) int64 { return a + b }

// AddB returns a+b.
//
//export AddB
func AddB(a, b int64) int64 { return a + b }

// AddC returns a+b.
//
//export AddC
func AddC(a, b int64) int64 { return a + b }

func main() {}
