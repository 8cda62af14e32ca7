// Handles: Go values that stay in Go while Python holds them by number (objects, iterators,
// contexts). Go's pointer rules forbid C (and so Python) from keeping Go pointers; a handle is
// a number that names the value in a table Go's collector sees.

package codec

import (
	"context"
	"reflect"
	"sync"
)

// Stopper is a value that has work to stop when Python lets go of its last handle (an
// iterator's producer, a context's cancel function).
type Stopper interface{ Stop() }

type handle struct {
	value      interface{}
	count      int64 // how many times the handle was given to Python and not yet released
	comparable bool  // value is a key of byValue
	claimed    bool  // Python's close() of the object began: Claim said so once
}

var handles = struct {
	sync.RWMutex
	byID    map[uint64]*handle
	byValue map[interface{}]uint64
	last    uint64
}{byID: map[uint64]*handle{}, byValue: map[interface{}]uint64{}}

// Keep returns the handle of value, the same one while Python holds it when value is a pointer
// or a channel, and counts one more holder. Any other value (a struct value of another
// package, an interface's dynamic value) gets a handle of its own: it is a copy with no
// identity, and as a map key it could panic (a struct holding a slice in an interface field).
// Handles are never reused; 0 is no value.
func Keep(value interface{}) uint64 {
	kind := reflect.TypeOf(value).Kind()
	comparable := kind == reflect.Pointer || kind == reflect.Chan || kind == reflect.UnsafePointer
	handles.Lock()
	defer handles.Unlock()
	if comparable {
		if id, ok := handles.byValue[value]; ok {
			handles.byID[id].count++
			return id
		}
	}
	handles.last++
	id := handles.last
	handles.byID[id] = &handle{value: value, count: 1, comparable: comparable}
	if comparable {
		handles.byValue[value] = id
	}
	return id
}

// Value returns the value of handle id, or nil if it was released (or never given out).
func Value(id uint64) interface{} {
	handles.RLock()
	entry, ok := handles.byID[id]
	handles.RUnlock()
	if !ok {
		return nil
	}
	return entry.value
}

// Release counts n holders of handle id fewer; at none the handle is gone (and a Stopper
// stopped). Releasing an unknown handle does nothing: Python may release a closed one again.
func Release(id uint64, n int64) {
	handles.Lock()
	entry, ok := handles.byID[id]
	gone := ok && entry.count <= n
	if ok {
		entry.count -= n
	}
	if gone {
		delete(handles.byID, id)
		if entry.comparable {
			delete(handles.byValue, entry.value)
		}
	}
	handles.Unlock()
	if !gone {
		return
	}
	if stopper, ok := entry.value.(Stopper); ok {
		stopper.Stop()
	}
}

// Claim says whether this is the first claim of handle id: Python's close() claims the object
// it closes, so that Go's Close runs once however many threads call close() at once (the
// others are told the object is closed). A released or unknown handle is never claimed.
func Claim(id uint64) bool {
	handles.Lock()
	defer handles.Unlock()
	entry, ok := handles.byID[id]
	if !ok || entry.claimed {
		return false
	}
	entry.claimed = true
	return true
}

// Handles is how many handles Python holds.
func Handles() int {
	handles.RLock()
	defer handles.RUnlock()
	return len(handles.byID)
}

// Call is the context of one call from Python: canceled when Python is interrupted (Ctrl-C)
// or lets go of it, with a deadline when the call has a timeout.
type Call struct {
	Context context.Context
	cancel  context.CancelFunc
}

// NewCall returns the handle of a new call context, with a deadline timeout seconds from now
// (see newContext): the context of a call whose result (an iterator) keeps it.
func NewCall(timeout float64) uint64 {
	ctx, cancel := newContext(timeout)
	return Keep(&Call{Context: ctx, cancel: cancel})
}

// Stop cancels the call's context.
func (c *Call) Stop() { c.cancel() }

// ContextOf returns the context of call handle id (a canceled one if it is gone).
func ContextOf(id uint64) context.Context {
	if call, ok := Value(id).(*Call); ok {
		return call.Context
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// Cancel cancels the context of call handle id, if it is still held.
func Cancel(id uint64) {
	if call, ok := Value(id).(*Call); ok {
		call.cancel()
	}
}
