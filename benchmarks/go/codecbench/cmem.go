// Package codecbench times, in Go alone, what a plain binding's shim does with a
// result of benchmarks/go/plain: the codec's Encode into a Go buffer, then the
// copy into C memory (C.CBytes) that the Python wrapper reads and frees.
//
//	cd benchmarks/go/codecbench && go test -bench . -benchmem
package codecbench

/*
#include <stdlib.h>
*/
import "C"

import "unsafe"

// CBytes copies b into C memory, as the shims' support does.
func CBytes(b []byte) unsafe.Pointer { return C.CBytes(b) }

// Free frees C memory.
func Free(p unsafe.Pointer) { C.free(p) }

// Noop is a call from Go into C that does nothing: the cost of the Go→C transition.
func Noop() { C.free(nil) }
