// Command a is one of three small Go extensions of one distribution, for
// the size benchmark (three extensions against one).
package main

import "C"

// AddA returns a+b.
//
//export AddA
func AddA(a, b int64) int64 { return a + b }

func main() {}
