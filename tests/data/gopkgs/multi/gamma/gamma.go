// Package main is the gamma extension: C types from its preamble, goroutines.
package main

/*
#include "point.h"
*/
import "C"

import "sync"

// Mirror swaps the point's coordinates.
//
//export Mirror
func Mirror(p C.point) C.point { return C.point{x: p.y, y: p.x} }

// Parallel runs n goroutines and returns how many ran.
//
//export Parallel
func Parallel(n int) int {
	var wait sync.WaitGroup
	var lock sync.Mutex
	ran := 0
	for i := 0; i < n; i++ {
		wait.Add(1)
		go func() {
			defer wait.Done()
			lock.Lock()
			ran++
			lock.Unlock()
		}()
	}
	wait.Wait()
	return ran
}

func main() {}
