package codec

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"
)

func TestInterruptCancelsTheArmedCallAndDisarmSaysSo(t *testing.T) {
	token := Arm(false, 0)
	ctx, release := CallContext(-1, token)
	defer release()
	Interrupt(token)
	if ctx.Err() != context.Canceled {
		t.Fatalf("context not canceled: %v", ctx.Err())
	}
	if !Disarm(token) || Disarm(token) {
		t.Fatal("Disarm did not say the call was interrupted, once")
	}
}

func TestACallInterruptedBeforeItsShimRanGetsACanceledContext(t *testing.T) {
	token := Arm(false, 0)
	Interrupt(token)
	ctx, release := CallContext(-1, token)
	defer release()
	if ctx.Err() != context.Canceled {
		t.Fatal("a call its Ctrl-C left queued runs uncanceled")
	}
	Disarm(token)
	gone, release2 := CallContext(-1, token) // disarmed: the call is over for Python
	defer release2()
	if gone.Err() != context.Canceled {
		t.Fatal("a disarmed token's call runs uncanceled")
	}
}

func TestInterruptCancelsAnArmedCallHandle(t *testing.T) {
	call := NewCall(-1)
	defer Release(call, 1)
	token := Arm(false, call)
	Interrupt(token)
	if ContextOf(call).Err() != context.Canceled {
		t.Fatal("the Call was not canceled")
	}
	Disarm(token)
}

func TestCallContextTakesItsTimeout(t *testing.T) {
	ctx, release := CallContext(0, 0)
	defer release()
	if ctx.Err() != context.DeadlineExceeded {
		t.Fatalf("a timeout of 0 is a deadline already past: %v", ctx.Err())
	}
	none, release2 := CallContext(1e300, 0)
	defer release2()
	if _, ok := none.Deadline(); ok {
		t.Fatal("a timeout beyond time.Duration has a deadline")
	}
}

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
