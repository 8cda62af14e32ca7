// Field locks: the generated field getters and setters of Go objects hold one while they copy
// a field, so that Python threads reading and writing a field at once never see a torn value
// (a string's or slice's pointer from one write and its length from another). Methods do not
// take them: Go code's own accesses to its fields are its own to synchronise, as in Go.

package codec

import (
	"sync"
	"unsafe"
)

// The locks are striped by the object's address (Go's heap does not move objects): a fixed
// table, nothing to allocate or release per object. Two objects may share a stripe; a
// getter or setter holds one stripe at a time, only while it copies, so sharing costs a
// little waiting and never a deadlock.
const fieldStripes = 256

type paddedLock struct {
	sync.RWMutex
	_ [64 - unsafe.Sizeof(sync.RWMutex{})%64]byte // one cache line each: no false sharing
}

var fieldLocks [fieldStripes]paddedLock

// FieldLock returns the lock of the fields of the object at address object.
func FieldLock(object unsafe.Pointer) *sync.RWMutex {
	address := uint64(uintptr(object))
	stripe := (address * 0x9E3779B97F4A7C15) >> (64 - 8) // Fibonacci hashing: 8 bits, 256 stripes
	return &fieldLocks[stripe].RWMutex
}
