// Package main exports functions whose signatures use system types declared
// by libc headers in the preamble (time_t, size_t, FILE, struct timespec,
// pid_t, off_t, the stdint.h types and ssize_t).
package main

/*
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
*/
import "C"

// AddSeconds returns t+d.
//
//export AddSeconds
func AddSeconds(t, d C.time_t) C.time_t { return t + d }

// DoubleSize returns 2*n.
//
//export DoubleSize
func DoubleSize(n C.size_t) C.size_t { return 2 * n }

// FileNo returns fileno(f), or -1 when f is NULL.
//
//export FileNo
func FileNo(f *C.FILE) C.int {
	if f == nil {
		return -1
	}
	return C.fileno(f)
}

// TimespecSeconds returns ts->tv_sec, or -1 when ts is NULL.
//
//export TimespecSeconds
func TimespecSeconds(ts *C.struct_timespec) C.time_t {
	if ts == nil {
		return -1
	}
	return ts.tv_sec
}

// CurrentPid returns getpid().
//
//export CurrentPid
func CurrentPid() C.pid_t { return C.getpid() }

// NextPid returns p+1.
//
//export NextPid
func NextPid(p C.pid_t) C.pid_t { return p + 1 }

// AddOffset returns o+d.
//
//export AddOffset
func AddOffset(o, d C.off_t) C.off_t { return o + d }

// NegInt64 returns -x.
//
//export NegInt64
func NegInt64(x C.int64_t) C.int64_t { return -x }

// LowByte returns the low 8 bits of x.
//
//export LowByte
func LowByte(x C.int64_t) C.uint8_t { return C.uint8_t(x & 0xff) }

// NegSize returns -n as a ssize_t.
//
//export NegSize
func NegSize(n C.size_t) C.ssize_t { return -C.ssize_t(n) }

func main() {}
