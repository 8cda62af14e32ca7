package codec

import (
	"context"
	"testing"
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
