package codec

import (
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"
)

// reopenPython undoes PythonExiting, for the next test (no call may be under way).
func reopenPython() {
	pythonExiting.Store(false)
	pythonCalls.Store(0)
	pythonDrained = make(chan struct{})
	drainedOnce = sync.Once{}
}

func TestPythonExitingWaitsForTheCallsUnderWayAndRefusesNewOnes(t *testing.T) {
	defer reopenPython()
	if !EnterPython() {
		t.Fatal("the gate is closed before Python exits")
	}
	exited := make(chan struct{})
	go func() {
		PythonExiting()
		close(exited)
	}()
	for EnterPython() { // until the gate closes: the call under way still holds it open
		LeavePython()
		runtime.Gosched()
	}
	select {
	case <-exited:
		t.Fatal("PythonExiting returned while a call into Python was under way")
	case <-time.After(20 * time.Millisecond):
	}
	LeavePython()
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		t.Fatal("PythonExiting did not return once the call under way returned")
	}
	if EnterPython() {
		t.Fatal("a call entered Python after it exited")
	}
	PythonExiting() // again: returns at once
}

func TestPythonExitingRacesWithManyCalls(t *testing.T) {
	defer reopenPython()
	var inside, entered sync.WaitGroup
	stop := make(chan struct{})
	var mu sync.Mutex
	var after int // calls admitted after PythonExiting returned
	exited := false
	for i := 0; i < 16; i++ {
		inside.Add(1)
		entered.Add(1)
		go func() {
			defer inside.Done()
			first := true
			for {
				if EnterPython() {
					mu.Lock()
					if exited {
						after++
					}
					mu.Unlock()
					LeavePython()
				}
				if first {
					entered.Done()
					first = false
				}
				select {
				case <-stop:
					return
				default:
					runtime.Gosched()
				}
			}
		}()
	}
	entered.Wait()
	PythonExiting()
	mu.Lock()
	exited = true
	mu.Unlock()
	time.Sleep(10 * time.Millisecond)
	close(stop)
	inside.Wait()
	if after != 0 {
		t.Fatalf("%d calls entered Python after it exited", after)
	}
}

// collect runs the collector until released (a channel of what release got) sends, or fails.
func collect(t *testing.T, released chan []uint64) []uint64 {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		runtime.GC()
		select {
		case ids := <-released:
			return ids
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("Go's collector never released the callable")
	return nil
}

func TestACallableIsReleasedWhenGoDropsItsOwner(t *testing.T) {
	released := make(chan []uint64, 100)
	callables := NewCallables(func(ids []uint64) { released <- append([]uint64(nil), ids...) })
	owner := callables.Take(7)
	kept := func() uint64 { return owner.ID } // a Go function value that keeps the owner
	if taken, err := callables.Done(7); taken != owner || err != nil {
		t.Fatalf("Done(7) = %v, %v", taken, err)
	}
	runtime.GC()
	select {
	case ids := <-released:
		t.Fatalf("released %v while a function value keeps it", ids)
	case <-time.After(20 * time.Millisecond):
	}
	if kept() != 7 {
		t.Fatal("wrong callable")
	}
	kept, owner = nil, nil
	if ids := collect(t, released); len(ids) != 1 || ids[0] != 7 {
		t.Fatalf("released %v, want [7]", ids)
	}
}

func TestACallableGoNeverTookIsPythonsToRelease(t *testing.T) {
	callables := NewCallables(func([]uint64) { t.Error("Go released a callable it never took") })
	if taken, err := callables.Done(3); taken != nil || err != nil {
		t.Fatalf("Done(3) = %v, %v: Go never took it", taken, err)
	}
}

func TestReleasesOfManyCallablesReachPythonInBatches(t *testing.T) {
	var mu sync.Mutex
	batches, total := 0, 0
	callables := NewCallables(func(ids []uint64) {
		mu.Lock()
		defer mu.Unlock()
		batches++
		total += len(ids)
	})
	const n = 10000
	for id := uint64(1); id <= n; id++ {
		callables.Take(id)
		callables.Done(id)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		runtime.GC()
		mu.Lock()
		done := total == n
		mu.Unlock()
		if done {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if total != n || batches >= n/10 {
		t.Fatalf("%d of %d callables released, in %d batches", total, n, batches)
	}
}

func TestAFailureGoesToTheCallUnderWayThenToItsCaller(t *testing.T) {
	callables := NewCallables(func([]uint64) {})
	owner := callables.Take(1)
	first, second := errors.New("first"), errors.New("second")
	if owner.Failed(first) || owner.Failed(second) {
		t.Fatal("a failure during the call is the call's to report")
	}
	if err := owner.End(); err != first {
		t.Fatalf("End() = %v, want the first failure", err)
	}
	if taken, err := callables.Done(1); taken != owner || err != nil {
		t.Fatalf("Done(1) = %v, %v: the failure was reported already", taken, err)
	}
	if !owner.Failed(second) {
		t.Fatal("a failure after the call is over must be reported by the caller")
	}
}

func TestDoneReturnsTheFailureACallThatPanickedDidNotReport(t *testing.T) {
	callables := NewCallables(func([]uint64) {})
	owner := callables.Take(2)
	failure := errors.New("late")
	owner.Failed(failure)
	if taken, err := callables.Done(2); taken != owner || err != failure {
		t.Fatalf("Done(2) = %v, %v", taken, err)
	}
}
