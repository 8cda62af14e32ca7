// Command b is one of three small Go extensions of one distribution, for
// the size benchmark (three extensions against one).
package main

import "C"

// AddB returns a+b.
//
//export AddB
func AddB(a, b int64) int64 { return a + b }

func main() {}
