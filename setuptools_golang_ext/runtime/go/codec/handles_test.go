package codec

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"
)

type stopped struct{ stops int }

func (s *stopped) Stop() { s.stops++ }

func TestKeepGivesOneHandlePerValueAndCountsHolders(t *testing.T) {
	before := Handles()
	value := &stopped{}
	id := Keep(value)
	if again := Keep(value); again != id {
		t.Fatalf("the same pointer got handles %d and %d", id, again)
	}
	if Value(id) != value || Handles() != before+1 {
		t.Fatalf("Value(%d) = %v, %d handles", id, Value(id), Handles())
	}
	Release(id, 1)
	if Value(id) != value || value.stops != 0 {
		t.Fatal("released while held once more")
	}
	Release(id, 1)
	if Value(id) != nil || value.stops != 1 || Handles() != before {
		t.Fatalf("not released: %v, %d stops", Value(id), value.stops)
	}
	Release(id, 1) // again: nothing
	if value.stops != 1 {
		t.Fatal("stopped twice")
	}
	if other := Keep(value); other == id {
		t.Fatal("a released handle was reused")
	}
}

// Values that cannot be map keys get handles without identity: a slice, and struct types
// comparable by their type whose interface field holds a slice or a func (as a map key they
// panic, "hash of unhashable type": Keep panicked, and the shim returned None).
func TestValuesThatCannotBeMapKeysGetHandlesWithoutIdentity(t *testing.T) {
	type boxed struct{ held interface{} }
	for _, value := range []interface{}{[]int{1}, boxed{held: []int{1}}, boxed{held: func() {}}} {
		first, second := Keep(value), Keep(value)
		if first == second || fmt.Sprint(Value(first)) != fmt.Sprint(value) {
			t.Fatalf("%T: handles %d, %d", value, first, second)
		}
		Release(first, 1)
		Release(second, 1)
	}
}

func TestCallContextsAreCanceledAndTimeOut(t *testing.T) {
	id := NewCall(-1)
	ctx := ContextOf(id)
	Cancel(id)
	if ctx.Err() != context.Canceled {
		t.Fatalf("after Cancel: %v", ctx.Err())
	}
	Release(id, 1)
	if ContextOf(id).Err() == nil {
		t.Fatal("a released call's context is not canceled")
	}
	timed := NewCall(0)
	if ContextOf(timed).Err() != context.DeadlineExceeded {
		t.Fatal("timeout 0 is not a deadline already past")
	}
	Release(timed, 1)
}

func TestIteratorBatchesGrowAndEnd(t *testing.T) {
	it := NewIterator()
	it.Run(func() {
		batch := make([]int, 0, it.Size)
		for i := 0; i < 1000; i++ {
			batch = append(batch, i)
			if len(batch) == it.Size {
				it.Send(batch)
				batch = batch[:0]
			}
		}
		it.Send(batch)
	})
	var sizes []int
	for {
		batch, more, err := it.Next()
		if err != nil || !more {
			break
		}
		var values []int
		if err := Decode(batch, &values); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(values))
	}
	want := []int{64, 128, 256, 512, 40}
	if len(sizes) != len(want) {
		t.Fatalf("batch sizes %v, want %v", sizes, want)
	}
	for i := range want {
		if sizes[i] != want[i] {
			t.Fatalf("batch sizes %v, want %v", sizes, want)
		}
	}
}

func TestStoppingAnIteratorStopsItsProducer(t *testing.T) {
	it := NewIterator()
	done := make(chan bool)
	it.Run(func() {
		for it.Send([]int{1}) {
		}
		done <- true
	})
	if _, more, _ := it.Next(); !more {
		t.Fatal("no first batch")
	}
	it.Stop()
	it.Stop() // again: nothing
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the producer did not stop")
	}
}

func TestAProducersPanicIsRaisedAfterItsValues(t *testing.T) {
	it := NewIterator()
	it.Run(func() {
		it.Send([]int{1})
		panic("boom")
	})
	if _, more, _ := it.Next(); !more {
		t.Fatal("the values before the panic are lost")
	}
	defer func() {
		if recovered := recover(); recovered != "boom" {
			t.Fatalf("recovered %v", recovered)
		}
	}()
	it.Next()
	t.Fatal("Next did not panic")
}

func TestPythonFilesReadWriteAndCloseThroughTheirCall(t *testing.T) {
	var calls []string
	data := []byte("abc")
	call := func(args []interface{}, target interface{}) error {
		calls = append(calls, args[0].(string))
		switch args[0] {
		case "read":
			n := min(args[1].(int), len(data))
			*target.(*[]byte), data = data[:n], data[n:]
		}
		return nil
	}
	file := PythonFile(call, "rwc").(io.ReadWriteCloser)
	read, err := io.ReadAll(file)
	if string(read) != "abc" || err != nil {
		t.Fatalf("read %q, %v", read, err)
	}
	if n, err := file.Write([]byte("xy")); n != 2 || err != nil {
		t.Fatalf("wrote %d, %v", n, err)
	}
	if err := file.Close(); err != nil || calls[len(calls)-1] != "close" {
		t.Fatalf("close: %v, %v", err, calls)
	}
	if _, ok := PythonFile(call, "r").(io.Closer); ok {
		t.Fatal("a reader has Close")
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { return 0, nil }

func TestReadHandleRetriesEmptyReadsThenGivesUp(t *testing.T) {
	id := Keep(&zeroReader{})
	defer Release(id, 1)
	if _, _, ok, err := ReadHandle(id, make([]byte, 4)); !ok || err != io.ErrNoProgress {
		t.Fatalf("ok %v, err %v", ok, err)
	}
}
