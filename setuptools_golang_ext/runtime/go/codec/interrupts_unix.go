//go:build unix

// The wakeup pipe of interrupts.go: Python's signal handler writes to it, a goroutine reads it.

package codec

import (
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
)

var wakeup struct {
	once        sync.Once
	read, write int         // the pipe's descriptors (write: -1 without a pipe)
	files       [2]*os.File // kept: a File the collector finds unreachable closes its descriptor
}

// watching is whether the goroutine reading the pipe runs.
var watching atomic.Bool

// WakeupFD returns the descriptor Python gives signal.set_wakeup_fd for a call on its main
// thread (non-blocking, as Python requires), starting the goroutine that reads the other end;
// -1 if no pipe could be made.
func WakeupFD() int {
	wakeup.once.Do(startWakeup)
	return wakeup.write
}

func startWakeup() {
	wakeup.write = -1
	read, write, err := os.Pipe()
	if err != nil {
		return
	}
	readFD, writeFD := descriptor(read, false), descriptor(write, true)
	conn, err := read.SyscallConn()
	if err != nil || readFD < 0 || writeFD < 0 {
		read.Close()
		write.Close()
		return
	}
	wakeup.files = [2]*os.File{read, write}
	wakeup.read, wakeup.write = readFD, writeFD
	watching.Store(true)
	go func() {
		// Read's function runs each time the pipe has bytes (Go's poller waits meanwhile); it
		// never says it is done, so the goroutine waits for the next signal forever.
		_ = conn.Read(func(uintptr) bool {
			interrupts.Lock()
			readWakeupsLocked()
			interrupts.Unlock()
			return false
		})
	}()
}

// descriptor returns file's descriptor (-1 on failure) without File.Fd, which would make it
// blocking; nonblocking: made non-blocking (Python refuses a blocking wakeup fd).
func descriptor(file *os.File, nonblocking bool) int {
	conn, err := file.SyscallConn()
	if err != nil {
		return -1
	}
	fd := -1
	if conn.Control(func(raw uintptr) { fd = int(raw) }) != nil {
		return -1
	}
	if nonblocking && syscall.SetNonblock(fd, true) != nil {
		return -1
	}
	return fd
}

// readWakeupsLocked reads what the pipe holds, now: each SIGINT cancels the calls armed for it
// (interrupts is locked, so a call armed meanwhile never takes an earlier signal for its own).
func readWakeupsLocked() {
	if wakeup.write < 0 {
		return
	}
	var signals [64]byte
	for {
		n, err := syscall.Read(wakeup.read, signals[:])
		if n <= 0 || err != nil {
			return
		}
		for _, signal := range signals[:n] {
			if signal == sigint {
				interruptLocked()
			}
		}
	}
}

// Goroutines is how many goroutines run, the pipe's reader (the runtime's own) left out.
func Goroutines() int {
	if watching.Load() {
		return runtime.NumGoroutine() - 1
	}
	return runtime.NumGoroutine()
}
