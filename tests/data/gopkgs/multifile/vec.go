// vec.go: the first file with its own preamble; mf_triple is declared here
// and defined in helper.c.
package main

/*
typedef struct {
    double x;
    double y;
} Vec2;

int mf_triple(int x);
*/
import "C"

import "math"

// VecLen returns the Euclidean length of v.
//
//export VecLen
func VecLen(v C.Vec2) float64 { return math.Hypot(float64(v.x), float64(v.y)) }

// Triple returns 3*x, computed by the C function in helper.c.
//
//export Triple
func Triple(x C.int) C.int { return C.mf_triple(x) }

func main() {}
