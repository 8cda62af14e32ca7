// Callables: Python callables that Go function values call. Python keeps each callable by a
// number; the Go function value made for it owns it (a *Callable), and when Go drops that
// value its cleanup tells Python to let go of the callable. Every call into Python passes a
// gate that closes for good when Python exits, so that no goroutine enters an interpreter
// that is being torn down.

package codec

import (
	"sync"
	"sync/atomic"
)

// The gate of every call into Python: how many calls are under way, and whether Python is
// exiting (from then on no call enters it). Atomics, not a lock: every call of a Python
// callable passes here twice. A call admitted increments pythonCalls, then checks
// pythonExiting; PythonExiting sets pythonExiting, then checks pythonCalls: one of the two
// sees the other (sequentially consistent atomics), so a call either backs out or is waited for.
var (
	pythonCalls   atomic.Int64
	pythonExiting atomic.Bool
	pythonDrained = make(chan struct{}) // closed once Python exits and no call is under way
	drainedOnce   sync.Once
)

// EnterPython admits a call into Python, and returns false once Python is exiting. Every
// call admitted must be followed by LeavePython.
func EnterPython() bool {
	if pythonExiting.Load() {
		return false
	}
	pythonCalls.Add(1)
	if pythonExiting.Load() { // it closed meanwhile: back out
		LeavePython()
		return false
	}
	return true
}

// LeavePython ends a call EnterPython admitted.
func LeavePython() {
	if pythonCalls.Add(-1) == 0 && pythonExiting.Load() {
		drainedOnce.Do(func() { close(pythonDrained) })
	}
}

// PythonExiting closes the gate: no call enters Python any more. It returns once the calls
// under way have returned (they need the interpreter, which the caller must let them take:
// the GIL is released around every call into Go). Calling it again waits the same way.
func PythonExiting() {
	pythonExiting.Store(true)
	if pythonCalls.Load() == 0 {
		drainedOnce.Do(func() { close(pythonDrained) })
	}
	<-pythonDrained
}

// Callables is the Go side of one Python module's callables: which ones Go function values
// own, and the numbers of those Go dropped, on their way to Python.
type Callables struct {
	mu       sync.Mutex
	taken    map[uint64]*Callable // taken by the call under way that passed them
	dropped  []uint64             // released by Go, not yet handed to Python
	handing  bool                 // a goroutine is handing dropped numbers to Python
	toPython func(ids []uint64)   // lets Python release the callables ids (through the gate)
}

// NewCallables returns the callables of a Python module; release hands Python the numbers of
// callables that no Go value owns any more (it is called on a goroutine of its own, at most
// one at a time).
func NewCallables(release func(ids []uint64)) *Callables {
	return &Callables{taken: map[uint64]*Callable{}, toPython: release}
}

// Callable is a Python callable that a Go function value calls: the function value keeps it
// (and so the Python callable) alive.
type Callable struct {
	ID   uint64
	mu   sync.Mutex
	over bool  // the call that passed it has returned
	err  error // the first of its results that did not fit, for that call to report
}

// Take makes the owner of callable id, which Python passed to the call under way. Once the
// owner is unreachable (Go dropped every function value that calls it), Python is told to
// release the callable.
func (cs *Callables) Take(id uint64) *Callable {
	owner := &Callable{ID: id}
	cs.mu.Lock()
	cs.taken[id] = owner
	cs.mu.Unlock()
	releaseWhenUnreachable(owner, cs.drop)
	return owner
}

// Done ends the call that passed callable id, and returns its owner if Go took it (then Go
// releases the callable when it drops it; nil: the call never reached Go, Python may release
// it), with the failure the call did not report (End), if any.
func (cs *Callables) Done(id uint64) (*Callable, error) {
	cs.mu.Lock()
	owner := cs.taken[id]
	delete(cs.taken, id)
	cs.mu.Unlock()
	if owner == nil {
		return nil, nil
	}
	return owner, owner.End()
}

// drop queues the number of a callable no Go value owns any more, and makes sure a goroutine
// hands the queue to Python (cleanups must not block: they share goroutines).
func (cs *Callables) drop(id uint64) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.dropped = append(cs.dropped, id)
	if !cs.handing {
		cs.handing = true
		go cs.hand()
	}
}

func (cs *Callables) hand() {
	for {
		cs.mu.Lock()
		ids := cs.dropped
		cs.dropped = nil
		if len(ids) == 0 {
			cs.handing = false
			cs.mu.Unlock()
			return
		}
		cs.mu.Unlock()
		cs.toPython(ids)
	}
}

// Failed records why a result of the callable did not fit its Go type. While the call that
// passed the callable runs, the first failure is kept for that call to report, and Failed
// returns false; after it, the caller must report err itself (Failed returns true).
func (c *Callable) Failed(err error) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.over {
		return true
	}
	if c.err == nil {
		c.err = err
	}
	return false
}

// End marks the call that passed the callable as returned, and returns the first failure
// Failed kept, if any and not returned before.
func (c *Callable) End() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.over = true
	err := c.err
	c.err = nil
	return err
}
