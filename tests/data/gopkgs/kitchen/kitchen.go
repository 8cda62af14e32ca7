// Package main is the "everything a user writes" fixture: every scalar type,
// C strings, Go strings and slices, multiple results, preamble types, a local
// header, unsafe.Pointer and the Go reference types.
package main

/*
#include <stdint.h>
#include <stdlib.h>
#include "shapes.h"

#define KITCHEN_MAGIC 42

typedef struct {
    int32_t x;
    int32_t y;
} Point;

typedef enum {
    COLOR_RED = 0,
    COLOR_GREEN = 1,
    COLOR_BLUE = 2
} Color;

static inline int32_t kitchen_manhattan(Point p) {
    int32_t x = p.x < 0 ? -p.x : p.x;
    int32_t y = p.y < 0 ? -p.y : p.y;
    return x + y;
}
*/
import "C"

import "unsafe"

var counter int64

// AddInt8 returns a+b (wrapping).
//
//export AddInt8
func AddInt8(a, b int8) int8 { return a + b }

// AddInt16 returns a+b (wrapping).
//
//export AddInt16
func AddInt16(a, b int16) int16 { return a + b }

// AddInt32 returns a+b (wrapping).
//
//export AddInt32
func AddInt32(a, b int32) int32 { return a + b }

// AddInt64 returns a+b (wrapping).
//
//export AddInt64
func AddInt64(a, b int64) int64 { return a + b }

// AddUint8 returns a+b (wrapping).
//
//export AddUint8
func AddUint8(a, b uint8) uint8 { return a + b }

// AddUint16 returns a+b (wrapping).
//
//export AddUint16
func AddUint16(a, b uint16) uint16 { return a + b }

// AddUint32 returns a+b (wrapping).
//
//export AddUint32
func AddUint32(a, b uint32) uint32 { return a + b }

// AddUint64 returns a+b (wrapping).
//
//export AddUint64
func AddUint64(a, b uint64) uint64 { return a + b }

// AddInt returns a+b.
//
//export AddInt
func AddInt(a, b int) int { return a + b }

// AddUint returns a+b.
//
//export AddUint
func AddUint(a, b uint) uint { return a + b }

// AddUintptr returns a+b.
//
//export AddUintptr
func AddUintptr(a, b uintptr) uintptr { return a + b }

// Scale32 returns x*k in single precision.
//
//export Scale32
func Scale32(x, k float32) float32 { return x * k }

// Scale returns x*k.
//
//export Scale
func Scale(x, k float64) float64 { return x * k }

// Negate returns !b.
//
//export Negate
func Negate(b bool) bool { return !b }

// Greet returns "hello, <name>" as a C string; release it with Free.
//
//export Greet
func Greet(name *C.char) *C.char {
	return C.CString("hello, " + C.GoString(name))
}

// CStrLen returns the length of a NUL-terminated C string (-1 for NULL).
//
//export CStrLen
func CStrLen(s *C.char) C.int {
	if s == nil {
		return -1
	}
	return C.int(len(C.GoString(s)))
}

// Free releases memory returned by this package (Greet, Concat, ColorName).
//
//export Free
func Free(p unsafe.Pointer) { C.free(p) }

// StringLen returns len(s) in bytes.
//
//export StringLen
func StringLen(s string) int { return len(s) }

// Concat returns a+b as a C string; release it with Free.
//
//export Concat
func Concat(a, b string) *C.char { return C.CString(a + b) }

// SumInt64 returns the sum of xs.
//
//export SumInt64
func SumInt64(xs []int64) int64 {
	var total int64
	for _, x := range xs {
		total += x
	}
	return total
}

// BytesLen returns len(b).
//
//export BytesLen
func BytesLen(b []byte) int { return len(b) }

// ByteSum returns the sum of the bytes in b.
//
//export ByteSum
func ByteSum(b []byte) uint64 {
	var total uint64
	for _, c := range b {
		total += uint64(c)
	}
	return total
}

// DivMod returns the truncated quotient and remainder of a/b.
//
//export DivMod
func DivMod(a, b int64) (q, r int64) { return a / b, a % b }

// Stats returns the count, the mean and whether xs was non-empty.
//
//export Stats
func Stats(xs []int64) (n int, mean float64, ok bool) {
	if len(xs) == 0 {
		return 0, 0, false
	}
	return len(xs), float64(SumInt64(xs)) / float64(len(xs)), true
}

// Answer takes no argument and returns 42.
//
//export Answer
func Answer() int { return 42 }

// Magic returns the preamble's KITCHEN_MAGIC define (42).
//
//export Magic
func Magic() C.int { return C.KITCHEN_MAGIC }

// Bump adds one to the package counter and returns nothing.
//
//export Bump
func Bump() { counter++ }

// SetCount sets the package counter.
//
//export SetCount
func SetCount(n int64) { counter = n }

// Count returns the package counter.
//
//export Count
func Count() int64 { return counter }

// MakePoint returns the Point {x, y} by value.
//
//export MakePoint
func MakePoint(x, y C.int32_t) C.Point { return C.Point{x: x, y: y} }

// Manhattan returns |p.x|+|p.y| via a static inline C helper.
//
//export Manhattan
func Manhattan(p C.Point) C.int32_t { return C.kitchen_manhattan(p) }

// MovePoint adds (dx, dy) to *p in place.
//
//export MovePoint
func MovePoint(p *C.Point, dx, dy C.int32_t) {
	p.x += dx
	p.y += dy
}

// NextColor returns the next Color, wrapping BLUE to RED.
//
//export NextColor
func NextColor(c C.Color) C.Color {
	if c == C.COLOR_BLUE {
		return C.COLOR_RED
	}
	return c + 1
}

// ColorName returns "red", "green", "blue" or "unknown"; release it with Free.
//
//export ColorName
func ColorName(c C.Color) *C.char {
	switch c {
	case C.COLOR_RED:
		return C.CString("red")
	case C.COLOR_GREEN:
		return C.CString("green")
	case C.COLOR_BLUE:
		return C.CString("blue")
	}
	return C.CString("unknown")
}

// RectArea returns r.width*r.height (Rect comes from shapes.h).
//
//export RectArea
func RectArea(r C.Rect) float64 { return float64(r.width * r.height) }

// ScaleRect multiplies both sides of *r by k in place.
//
//export ScaleRect
func ScaleRect(r *C.Rect, k float64) {
	r.width *= C.double(k)
	r.height *= C.double(k)
}

// FillBytes writes n copies of v at p.
//
//export FillBytes
func FillBytes(p unsafe.Pointer, n int, v byte) {
	buf := unsafe.Slice((*byte)(p), n)
	for i := range buf {
		buf[i] = v
	}
}

// IsNilMap reports whether m is nil.
//
//export IsNilMap
func IsNilMap(m map[string]int) bool { return m == nil }

// IsNilChan reports whether c is nil.
//
//export IsNilChan
func IsNilChan(c chan int) bool { return c == nil }

// IsNilInterface reports whether v is nil.
//
//export IsNilInterface
func IsNilInterface(v interface{}) bool { return v == nil }

// IsNilError reports whether err is nil.
//
//export IsNilError
func IsNilError(err error) bool { return err == nil }

func main() {}
