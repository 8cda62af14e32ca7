// Package main is the fixture of the generated Python wrappers: the error convention, named
// and unnamed results, strings and buffers in and out, and parameter names Python reserves.
package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"errors"
	"strconv"
	"strings"
	"unsafe"

	"example.com/fixtures/bindings/words"
)

func cError(err error) *C.char {
	if err == nil {
		return nil
	}
	return C.CString(err.Error())
}

// ParseInt parses s as a base-10 integer.
//
// It fails with Go's own message when s is not a number.
//
//export ParseInt
func ParseInt(s string) (value int64, err *C.char) {
	v, e := strconv.ParseInt(s, 10, 64)
	return v, cError(e)
}

// Check fails when ok is false.
//
//export Check
func Check(ok bool) (err *C.char) {
	if !ok {
		return cError(errors.New("check failed"))
	}
	return nil
}

// Describe returns a label and its length, or fails for negative n.
//
//export Describe
func Describe(n int) (label *C.char, size int, err *C.char) {
	label = C.CString("n=" + strconv.Itoa(n))
	if n < 0 {
		return label, 0, cError(errors.New("negative: " + strconv.Itoa(n)))
	}
	return label, len("n=" + strconv.Itoa(n)), nil
}

// Upper returns s in upper case.
//
//export Upper
func Upper(s string) *C.char { return C.CString(strings.ToUpper(s)) }

// Split cuts s around the first sep.
//
//export Split
func Split(s, sep string) (head, tail *C.char) {
	h, t, _ := strings.Cut(s, sep)
	return C.CString(h), C.CString(t)
}

// MinMax returns the smallest and largest of xs, unnamed.
//
//export MinMax
func MinMax(xs []int32) (int32, int32) {
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}

// IsEven reports whether n is even.
//
//export IsEven
func IsEven(n int) bool { return n%2 == 0 }

// Keywords adds parameters whose Go names are Python keywords.
//
//export Keywords
func Keywords(from, lambda, class int) int { return from + lambda + class }

// CLength returns the length of a C string.
//
//export CLength
func CLength(s *C.char) int { return len(C.GoString(s)) }

// Fill sets every byte of buf to v and returns how many it set.
//
//export Fill
func Fill(buf []byte, v byte) int {
	for i := range buf {
		buf[i] = v
	}
	return len(buf)
}

// BytesAddress returns where b's data is: proof that no copy was made.
//
//export BytesAddress
func BytesAddress(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

// StringAddress returns where s's data is.
//
//export StringAddress
func StringAddress(s string) uintptr { return uintptr(unsafe.Pointer(unsafe.StringData(s))) }

// Int64Address returns where xs's data is.
//
//export Int64Address
func Int64Address(xs []int64) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(xs))) }

// SumFloat64 returns the sum of xs.
//
//export SumFloat64
func SumFloat64(xs []float64) float64 {
	total := 0.0
	for _, x := range xs {
		total += x
	}
	return total
}

// SumUint16 returns the sum of xs.
//
//export SumUint16
func SumUint16(xs []uint16) uint64 {
	var total uint64
	for _, x := range xs {
		total += uint64(x)
	}
	return total
}

// Double doubles every element of xs in place.
//
//export Double
func Double(xs []int64) {
	for i := range xs {
		xs[i] *= 2
	}
}

// Repeat returns s repeated n times (for the memory tests).
//
//export Repeat
func Repeat(s string, n int) *C.char { return C.CString(strings.Repeat(s, n)) }

// WordCount counts words through the words package, whose own exports are bound too.
//
//export WordCount
func WordCount(s string) int { return words.Count(s) }

// Nothing returns a nil C string.
//
//export Nothing
func Nothing() *C.char { return nil }

func main() {}
