// Iterators: a Go producer (an iter.Seq's loop, a channel's reader) on its own goroutine,
// handing Python its values in batches, one crossing per batch. A goroutine feeding a channel
// is the known-safe shape under cgo (iter.Pull is not: golang/go#67499).

package codec

import (
	"context"
	"errors"
	"reflect"
	"sync"
)

// The number of values a producer gathers before Python takes them starts small (a loop that
// stops early wastes little) and doubles with each batch (a long one crosses rarely).
const (
	firstBatch = 64
	maxBatch   = 65536
)

// Iterator is the Go side of one Python iterator.
type Iterator struct {
	Size    int             // how many values the producer gathers into its next batch
	Raw     bool            // batches are slices of numbers, handed over as their memory
	Context context.Context // the context of the call that made it, if it took one
	batches chan heldBatch  // encoded batches; closed when the producer is done
	done    chan struct{}   // closed when Python stops iterating
	stop    sync.Once
	panic   interface{} // what the producer panicked with, read after batches closes
	failure error       // a value that could not be encoded
	cut     error       // Context's DeadlineExceeded, when the producer ended after it
}

// NewIterator returns an iterator whose producer is still to be started with Run.
func NewIterator() *Iterator {
	// One batch may wait: the producer fills the next while Python iterates this one.
	return &Iterator{Size: firstBatch, batches: make(chan heldBatch, 1), done: make(chan struct{})}
}

// heldBatch is an encoded batch and the handles of the Go objects inside it, which Python
// takes over when it reads the batch, and which are released if it never does.
type heldBatch struct {
	data []byte
	held []uint64
}

// drop releases the holds of the batches waiting that Python will not read (it stopped).
func (it *Iterator) drop() {
	for {
		select {
		case batch, ok := <-it.batches:
			if !ok {
				return
			}
			release(batch.held)
		default:
			return
		}
	}
}

func release(held []uint64) {
	for _, id := range held {
		Release(id, 1)
	}
}

// Run runs produce on a new goroutine; a panic in it ends the iteration with that panic.
func (it *Iterator) Run(produce func()) {
	go func() {
		defer close(it.batches)
		defer func() {
			if value := recover(); value != nil {
				it.panic = value
			}
			if it.Context != nil && errors.Is(it.Context.Err(), context.DeadlineExceeded) {
				it.cut = it.Context.Err() // the values stop short: not the end of the data
			}
		}()
		produce()
	}()
}

// Send hands batch (a slice, or a pair of slices for iter.Seq2) to Python; false: Python
// stopped iterating, and the producer must stop. The producer may reuse batch afterwards.
func (it *Iterator) Send(batch interface{}) bool {
	encoded, held, err := it.encode(batch)
	if err != nil {
		it.failure = err
		return false
	}
	if it.Size < maxBatch {
		it.Size *= 2
	}
	select {
	case it.batches <- heldBatch{encoded, held}:
		if len(held) > 0 { // Python may have stopped as it was sent: then nobody reads it
			select {
			case <-it.done:
				it.drop()
			default:
			}
		}
		return true
	case <-it.done:
		release(held)
		return false
	}
}

// Done is closed once Python stops iterating: a producer waiting on anything else waits on it
// too (the shims' channel producers, go/shim/drain.go.tmpl).
func (it *Iterator) Done() <-chan struct{} { return it.done }

// encode returns a batch as a pickle, with the handles of the Go objects inside it, or, Raw,
// as a copy of its items' memory (Python reads it into an array.array with one copy, no
// unpickling).
func (it *Iterator) encode(batch interface{}) ([]byte, []uint64, error) {
	if it.Raw {
		return append([]byte(nil), rawBytes(reflect.ValueOf(batch))...), nil, nil
	}
	return EncodeHeld(batch)
}

// Next waits for the next batch; ok is false at the end. A panic of the producer is raised
// again here, on the caller's goroutine; a value that could not be encoded is err, and so is
// Context's DeadlineExceeded when the producer ended after the deadline (it stopped short).
func (it *Iterator) Next() (batch []byte, ok bool, err error) {
	held, ok := <-it.batches
	if ok { // the holds of its Go objects are Python's now
		return held.data, true, nil
	}
	if it.panic != nil {
		panic(it.panic)
	}
	if it.failure == nil {
		return nil, false, it.cut
	}
	return nil, false, it.failure
}

// Stop tells the producer to stop: its yield returns false. The Go objects of a batch that
// waits unread are released (and those of one sent as Python stopped, by Send).
func (it *Iterator) Stop() {
	it.stop.Do(func() { close(it.done) })
	it.drop()
}
