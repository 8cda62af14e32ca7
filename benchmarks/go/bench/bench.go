// Command bench holds the Go exports the benchmarks call: a scalar add, the
// length of a string or slice received from Python (zero-copy in), a C string
// sent back (a copy out), and a CPU-bound loop (for the GIL check).
//
// benchmarks/run.py builds it with the tool in both modes (c-shared and
// c-archive) and with a bare `go build`, for the ctypes and plain-cffi cases.
package main

/*
#include <stdlib.h>
#include <string.h>
*/
import "C"

import (
	"strings"
	"sync"
	"unsafe"
)

// Add returns a+b: the call-cost benchmark.
//
//export Add
func Add(a, b int64) int64 { return a + b }

// LenString returns len(s); s aliases Python memory and is not copied.
//
//export LenString
func LenString(s string) int64 { return int64(len(s)) }

// LenBytes returns len(b); b aliases Python memory and is not copied.
//
//export LenBytes
func LenBytes(b []byte) int64 { return int64(len(b)) }

// LenPtr returns n: the C-pointer way to receive a buffer.
//
//export LenPtr
func LenPtr(p *C.char, n C.size_t) int64 { return int64(n) }

var (
	repeatMu    sync.Mutex
	repeatCache = map[int64]string{}
)

// Repeat returns a C string of n 'x' bytes that the caller frees with Free.
// The Go string is built once per n, so the benchmark measures the copy out.
//
//export Repeat
func Repeat(n int64) *C.char {
	repeatMu.Lock()
	s, ok := repeatCache[n]
	if !ok {
		s = strings.Repeat("x", int(n))
		repeatCache[n] = s
	}
	repeatMu.Unlock()
	return C.CString(s)
}

// Free frees memory returned by Repeat.
//
//export Free
func Free(p *C.char) { C.free(unsafe.Pointer(p)) }

// Spin runs a xorshift generator n times: a CPU-bound call with no
// allocation, for the threads benchmark.
//
//export Spin
func Spin(n int64) int64 {
	x := uint64(88172645463325252)
	for i := int64(0); i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return int64(x >> 1)
}

func main() {}
