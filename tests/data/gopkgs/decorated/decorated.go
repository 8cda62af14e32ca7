// Package main has a preamble full of constructs that cffi's cdef rejects
// (attributes, a union, static inline bodies, _Static_assert, __restrict,
// __extension__, conditional blocks, string and function-like macros) and
// complex-number exports that cffi's ABI mode cannot call.
package main

/*
#include <stdint.h>
#include <string.h>

#define DECO_NAME "decorated"
#define DECO_VERSION 3
#define DECO_SQUARE(x) ((x) * (x))

#if defined(__GNUC__) || defined(__clang__)
#define DECO_INLINE static inline __attribute__((always_inline))
#else
#define DECO_INLINE static inline
#endif

typedef struct __attribute__((packed)) {
    uint8_t tag;
    uint32_t value;
} PackedPair;

typedef struct {
    int64_t a;
    int32_t b __attribute__((aligned(8)));
} AlignedPair;

typedef union {
    int64_t i;
    double d;
    uint8_t bytes[8];
} Number;

_Static_assert(sizeof(PackedPair) == 5, "PackedPair must be packed");

__extension__ typedef long long deco_llong;

DECO_INLINE int deco_square(int x) { return DECO_SQUARE(x); }

static inline __attribute__((unused)) uint32_t deco_packed_value(const PackedPair *p) {
    return p->value;
}

static inline void deco_copy(char *__restrict dst, const char *__restrict src, size_t n) {
    memcpy(dst, src, n);
}

#ifdef __linux__
static inline int deco_platform(void) { return 1; }
#elif defined(_WIN32)
static inline int deco_platform(void) { return 2; }
#else
static inline int deco_platform(void) { return 0; }
#endif
*/
import "C"

import "unsafe"

// Square returns x*x through an always_inline helper.
//
//export Square
func Square(x C.int) C.int { return C.deco_square(x) }

// Platform returns 1 on Linux, 2 on Windows, 0 elsewhere.
//
//export Platform
func Platform() C.int { return C.deco_platform() }

// Version returns the DECO_VERSION define (3).
//
//export Version
func Version() int { return C.DECO_VERSION }

// NameLen returns len(DECO_NAME) (9).
//
//export NameLen
func NameLen() int { return len(C.DECO_NAME) }

// PackedValue returns p->value of a packed struct.
//
//export PackedValue
func PackedValue(p *C.PackedPair) C.uint32_t { return C.deco_packed_value(p) }

// AlignedSum returns p.a + p.b.
//
//export AlignedSum
func AlignedSum(p C.AlignedPair) int64 { return int64(p.a) + int64(p.b) }

// NumberBits returns the union's int64 view.
//
//export NumberBits
func NumberBits(n *C.Number) int64 { return *(*int64)(unsafe.Pointer(n)) }

// CopyN copies n bytes from src to dst through a __restrict helper.
//
//export CopyN
func CopyN(dst, src *C.char, n C.size_t) { C.deco_copy(dst, src, n) }

// DoubleLL returns 2*x for the __extension__ typedef.
//
//export DoubleLL
func DoubleLL(x C.deco_llong) C.deco_llong { return 2 * x }

// Conjugate returns the complex conjugate of z (not callable in ABI mode).
//
//export Conjugate
func Conjugate(z complex128) complex128 { return complex(real(z), -imag(z)) }

// RealPart64 returns real(z) of a complex64 (not callable in ABI mode).
//
//export RealPart64
func RealPart64(z complex64) float32 { return real(z) }

// Plain is an ordinary export next to the complex ones: returns a-b.
//
//export Plain
func Plain(a, b int32) int32 { return a - b }

func main() {}
