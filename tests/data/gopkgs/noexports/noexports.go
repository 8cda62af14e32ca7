// Package main uses cgo but exports nothing: building it as a library must
// be reported as "no exports".
package main

/*
static int noexports_answer(void) { return 42; }
*/
import "C"

import "fmt"

func main() { fmt.Println(int(C.noexports_answer())) }
