// Package main is the fixture of the runtime-safety tests: panics of every kind, runtime.Goexit,
// a long call for Ctrl-C, goroutines, and cheap calls for the stress suite.
package main

import "C"

import (
	"errors"
	"runtime"
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

// PanicValue panics with a string.
//
//export PanicValue
func PanicValue(message string) int64 { panic("boom: " + message) }

// PanicError panics with an error value.
//
//export PanicError
func PanicError() *C.char { panic(errors.New("an error value")) }

type badError struct{}

func (badError) Error() string { panic("Error() panics too") }

// PanicBadError panics with an error whose Error method panics.
//
//export PanicBadError
func PanicBadError() { panic(badError{}) }

// NilMapWrite writes to a nil map.
//
//export NilMapWrite
func NilMapWrite(key string) {
	var m map[string]int
	m[key] = 1
}

// IndexOutOfRange reads past the end of a slice.
//
//export IndexOutOfRange
func IndexOutOfRange(i int) (value int, ok bool) {
	values := []int{1, 2, 3}
	return values[i], true
}

// NilPointer dereferences a nil pointer.
//
//export NilPointer
func NilPointer() int64 {
	var p *int64
	return *p
}

// PanicIf panics when fail is true, else returns n: for concurrent panics.
//
//export PanicIf
func PanicIf(fail bool, n int64) int64 {
	if fail {
		panic(n)
	}
	return n
}

// Exit calls runtime.Goexit through a helper of the package.
//
//export Exit
func Exit(n int64) int64 {
	stop()
	return n
}

func stop() { runtime.Goexit() }

// goexit hides runtime.Goexit from the tool's static check, as a call from another package would.
var goexit = runtime.Goexit

// HiddenExit calls runtime.Goexit through a function value: Go aborts the process.
//
//export HiddenExit
func HiddenExit() { goexit() }

// GoroutinePanic panics on a goroutine of its own: nothing can recover that.
//
//export GoroutinePanic
func GoroutinePanic() {
	go func() { panic("on a goroutine") }()
	time.Sleep(time.Minute) // the panic ends the process first
}

// Sleep sleeps for ms milliseconds and returns ms.
//
//export Sleep
func Sleep(ms int64) int64 {
	time.Sleep(time.Duration(ms) * time.Millisecond)
	return ms
}

// Spin runs goroutines for a while and returns how many finished.
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

func main() {}
