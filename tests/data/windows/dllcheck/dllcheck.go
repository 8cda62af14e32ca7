// Package main is the fixture of the Windows platform test (tests/test_platform_windows.py): built
// as a win_amd64 c-shared DLL and loaded under Wine by ../load_dll.c, which calls every export
// through its guard. Scalars, strings, a slice, goroutines, panics of three kinds, two results.
// (The safety fixture cannot be linked for Windows: its export Sleep collides with kernel32's.)
package main

import "C"

import (
	"errors"
	"strings"
	"sync/atomic"
	"time"
)

var calls atomic.Int64

// Add returns a + b.
//
//export Add
func Add(a, b int64) int64 {
	calls.Add(1)
	return a + b
}

// Calls returns how many times Add ran.
//
//export Calls
func Calls() int64 { return calls.Load() }

// Echo returns s upper-cased, as a new C string.
//
//export Echo
func Echo(s string) *C.char { return C.CString(strings.ToUpper(s)) }

// Sum adds up the bytes of data (read during the call only).
//
//export Sum
func Sum(data []byte) int64 {
	var total int64
	for _, b := range data {
		total += int64(b)
	}
	return total
}

// Spin runs n goroutines that each sleep a millisecond, and returns how many finished.
//
//export Spin
func Spin(n int64) int64 {
	var done atomic.Int64
	finished := make(chan struct{})
	for i := int64(0); i < n; i++ {
		go func() {
			time.Sleep(time.Millisecond)
			if done.Add(1) == n {
				close(finished)
			}
		}()
	}
	if n > 0 {
		<-finished
	}
	return done.Load()
}

// Nap sleeps for ms milliseconds and returns ms.
//
//export Nap
func Nap(ms int64) int64 {
	time.Sleep(time.Duration(ms) * time.Millisecond)
	return ms
}

// PanicValue panics with a string.
//
//export PanicValue
func PanicValue(message string) int64 { panic("boom: " + message) }

// PanicError panics with an error value.
//
//export PanicError
func PanicError() *C.char { panic(errors.New("an error value")) }

// NilPointer dereferences a nil pointer: an access violation on Windows.
//
//export NilPointer
func NilPointer() int64 {
	var p *int64
	return *p
}

// IndexOutOfRange reads past the end of a slice.
//
//export IndexOutOfRange
func IndexOutOfRange(i int) (value int, ok bool) {
	values := []int{1, 2, 3}
	return values[i], true
}

// PanicIf panics with n when fail is true, else returns n.
//
//export PanicIf
func PanicIf(fail bool, n int64) int64 {
	if fail {
		panic(n)
	}
	return n
}

func main() {}
