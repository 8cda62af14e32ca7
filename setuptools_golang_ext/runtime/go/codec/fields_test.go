package codec

import (
	"sync"
	"testing"
	"unsafe"
)

func TestAnObjectsFieldLockIsTheSameEveryTime(t *testing.T) {
	object := &stopped{}
	if FieldLock(unsafe.Pointer(object)) != FieldLock(unsafe.Pointer(object)) {
		t.Fatal("two locks for one object")
	}
	used := map[*sync.RWMutex]bool{}
	objects := make([]*[64]byte, 1000) // kept: distinct addresses
	for i := range objects {
		objects[i] = new([64]byte)
		used[FieldLock(unsafe.Pointer(objects[i]))] = true
	}
	if len(used) < fieldStripes/2 {
		t.Fatalf("1000 objects use %d of %d stripes", len(used), fieldStripes)
	}
}

type fields struct {
	Items []int
	Label string
}

var sink []int

// The cost of a field getter's copy of a slice field without the lock, with it, and with it
// while other goroutines read and write fields of the same object (RESULTS.md).
func BenchmarkFieldCopy(b *testing.B) {
	object := &fields{Items: []int{1, 2, 3}}
	for i := 0; i < b.N; i++ {
		sink = object.Items
	}
}

func BenchmarkFieldCopyLocked(b *testing.B) {
	object := &fields{Items: []int{1, 2, 3}}
	for i := 0; i < b.N; i++ {
		lock := FieldLock(unsafe.Pointer(object))
		lock.RLock()
		sink = object.Items
		lock.RUnlock()
	}
}

func BenchmarkFieldSetLocked(b *testing.B) {
	object := &fields{}
	items := []int{1, 2, 3}
	for i := 0; i < b.N; i++ {
		lock := FieldLock(unsafe.Pointer(object))
		lock.Lock()
		object.Items = items
		lock.Unlock()
	}
}

func BenchmarkFieldCopyLockedParallel(b *testing.B) {
	object := &fields{Items: []int{1, 2, 3}}
	b.RunParallel(func(pb *testing.PB) {
		var local []int
		for n := 0; pb.Next(); n++ {
			lock := FieldLock(unsafe.Pointer(object))
			if n%4 == 0 { // a quarter of the accesses write
				lock.Lock()
				object.Items = local
				lock.Unlock()
				continue
			}
			lock.RLock()
			local = object.Items
			lock.RUnlock()
		}
	})
}
