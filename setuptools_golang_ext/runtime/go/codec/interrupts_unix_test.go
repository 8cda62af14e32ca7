//go:build unix

package codec

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// sendSignalByte writes what Python's signal handler writes to the wakeup fd for signal.
func sendSignalByte(t *testing.T, signal byte) {
	fd := WakeupFD()
	if fd < 0 {
		t.Skip("no wakeup pipe on this system")
	}
	if _, err := syscall.Write(fd, []byte{signal}); err != nil {
		t.Fatal(err)
	}
}

func waitCanceled(ctx context.Context) bool {
	select {
	case <-ctx.Done():
		return true
	case <-time.After(10 * time.Second):
		return false
	}
}

func TestASigintFromThePipeCancelsTheWatchedCallsOnly(t *testing.T) {
	watched, unwatched := Arm(true, 0), Arm(false, 0)
	ctx, release := CallContext(-1, watched)
	defer release()
	other, release2 := CallContext(-1, unwatched)
	defer release2()
	sendSignalByte(t, 10) // SIGUSR1: not Ctrl-C
	sendSignalByte(t, sigint)
	if !waitCanceled(ctx) {
		t.Fatal("the watched call was not canceled")
	}
	if other.Err() != nil || Disarm(unwatched) {
		t.Fatal("an unwatched call was canceled by the pipe")
	}
	if !Disarm(watched) {
		t.Fatal("Disarm did not say the call was interrupted")
	}
}

func TestASigintBeforeTheArmIsNotTheCallsOwn(t *testing.T) {
	sendSignalByte(t, sigint) // Python raises it before Go runs the call armed next
	token := Arm(true, 0)
	ctx, release := CallContext(-1, token)
	defer release()
	time.Sleep(20 * time.Millisecond) // the reader had time to take it
	if ctx.Err() != nil || Disarm(token) {
		t.Fatal("a signal that arrived before the call was armed canceled it")
	}
}

func TestTheReaderIsNotCountedAmongTheGoroutines(t *testing.T) {
	WakeupFD()
	if Goroutines() != runtime.NumGoroutine()-1 {
		t.Skip("no reader on this system")
	}
	if Armed() != 0 {
		t.Fatalf("%d calls left armed", Armed())
	}
}
