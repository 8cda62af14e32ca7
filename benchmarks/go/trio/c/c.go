// Command c is one of three small Go extensions of one distribution, for
// the size benchmark (three extensions against one).
package main

import "C"

// AddC returns a+b.
//
//export AddC
func AddC(a, b int64) int64 { return a + b }

func main() {}
