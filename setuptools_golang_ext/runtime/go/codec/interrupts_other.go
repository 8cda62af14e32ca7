//go:build !unix

// Without a wakeup pipe (Windows: Python's set_wakeup_fd takes a socket there), calls on
// Python's main thread run on a worker thread and Interrupt cancels them.

package codec

import "runtime"

// WakeupFD returns -1: no pipe.
func WakeupFD() int { return -1 }

func readWakeupsLocked() {}

// Goroutines is how many goroutines run.
func Goroutines() int { return runtime.NumGoroutine() }
