// pair.go: the second file with its own, different preamble.
package main

/*
#include <stdint.h>
#include <stdlib.h>

typedef struct {
    int64_t a;
    int64_t b;
} Pair;
*/
import "C"

import (
	"strconv"
	"unsafe"
)

// PairSum returns p.a + p.b.
//
//export PairSum
func PairSum(p C.Pair) int64 { return int64(p.a) + int64(p.b) }

// SwapPair swaps p.a and p.b in place.
//
//export SwapPair
func SwapPair(p *C.Pair) { p.a, p.b = p.b, p.a }

// PairString returns "(a, b)" as a C string; release it with Free.
//
//export PairString
func PairString(p C.Pair) *C.char {
	return C.CString("(" + strconv.FormatInt(int64(p.a), 10) + ", " + strconv.FormatInt(int64(p.b), 10) + ")")
}

// Free releases memory returned by PairString.
//
//export Free
func Free(p unsafe.Pointer) { C.free(p) }
