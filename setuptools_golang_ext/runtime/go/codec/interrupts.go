// Interrupts: Ctrl-C for the calls with a context that Python's main thread makes. Such a call
// runs Go on the main thread itself (handing it to another thread costs two thread switches,
// ~9 µs, where the call costs ~0.3), so Python cannot run its SIGINT handler until Go returns.
// Instead, for the call, Python's C-level handler writes each signal's number to a pipe of
// ours (signal.set_wakeup_fd), and a goroutine reading it cancels the contexts of the calls
// armed for it; Python raises KeyboardInterrupt once Go has returned. A call that runs on a
// worker thread (another owner of the wakeup fd, a SIGINT handler of the user's) is canceled
// by Interrupt instead. Python arms a call (Arm), the call's shim attaches the context it makes
// (CallContext), Python disarms it when the call is over (Disarm).

package codec

import (
	"context"
	"math"
	"sync"
	"time"
)

// sigint is SIGINT's number, the byte Python writes for it, on every system with a wakeup pipe.
const sigint = 2

// armed is a call Python armed: what a Ctrl-C cancels.
type armed struct {
	watched  bool               // a SIGINT read from the pipe cancels it
	call     uint64             // the handle of the Call to cancel (an iterator's), or 0
	cancel   context.CancelFunc // the context its shim made, once attached
	canceled bool
}

// stop cancels the call (interrupts is locked).
func (a *armed) stop() {
	a.canceled = true
	if a.cancel != nil {
		a.cancel()
	}
	if a.call != 0 {
		Cancel(a.call)
	}
}

var interrupts = struct {
	sync.Mutex
	armed map[uint64]*armed
	last  uint64
}{armed: map[uint64]*armed{}}

// Arm returns the token of a call about to start, which cancels call (a Call handle; 0: the
// context its shim attaches) when Interrupt is given the token, or, watched, when a SIGINT
// arrives from now on. The SIGINTs the pipe holds arrived earlier: they cancel the calls armed
// before (a call made inside another's callback), not this one (Python raises them before Go
// runs this call).
func Arm(watched bool, call uint64) uint64 {
	interrupts.Lock()
	defer interrupts.Unlock()
	if watched {
		readWakeupsLocked()
	}
	interrupts.last++
	interrupts.armed[interrupts.last] = &armed{watched: watched, call: call}
	return interrupts.last
}

// Disarm forgets token (its call is over) and says whether the call was interrupted.
func Disarm(token uint64) bool {
	interrupts.Lock()
	defer interrupts.Unlock()
	entry, ok := interrupts.armed[token]
	delete(interrupts.armed, token)
	return ok && entry.canceled
}

// Interrupt cancels the call of token: Python's main thread got an exception (Ctrl-C) while
// the call ran on a worker thread. A shim that attaches to it later gets a canceled context.
func Interrupt(token uint64) {
	interrupts.Lock()
	defer interrupts.Unlock()
	if entry, ok := interrupts.armed[token]; ok {
		entry.stop()
	}
}

// Armed is how many calls are armed: for tests of leaks.
func Armed() int {
	interrupts.Lock()
	defer interrupts.Unlock()
	return len(interrupts.armed)
}

// interruptLocked cancels every call a SIGINT from the pipe cancels (interrupts is locked).
func interruptLocked() {
	for _, entry := range interrupts.armed {
		if entry.watched && !entry.canceled {
			entry.stop()
		}
	}
}

// CallContext returns the context of a call from Python with a deadline timeout seconds from
// now (see NewCall), canceled through token (see Arm; 0: never). The caller must call release
// when the call returns.
func CallContext(timeout float64, token uint64) (ctx context.Context, release context.CancelFunc) {
	ctx, release = newContext(timeout)
	if token == 0 {
		return ctx, release
	}
	interrupts.Lock()
	defer interrupts.Unlock()
	entry, ok := interrupts.armed[token]
	if !ok || entry.canceled { // interrupted already (a worker's call the Ctrl-C left queued)
		release()
	} else {
		entry.cancel = release
	}
	return ctx, release
}

// newContext returns a context with a deadline timeout seconds from now (0: already past) unless
// timeout is negative, NaN, or beyond what a time.Duration holds (~292 years: no deadline,
// rather than an overflow to one already past).
func newContext(timeout float64) (context.Context, context.CancelFunc) {
	if timeout >= 0 && timeout < float64(math.MaxInt64)/float64(time.Second) {
		return context.WithTimeout(context.Background(), time.Duration(timeout*float64(time.Second)))
	}
	return context.WithCancel(context.Background())
}
