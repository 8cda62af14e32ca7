package codec

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestClaimIsWonOnceAmongRacingClaimers(t *testing.T) {
	for round := 0; round < 100; round++ {
		id := Keep(&stopped{})
		var wins atomic.Int64
		var group sync.WaitGroup
		for i := 0; i < 8; i++ {
			group.Add(1)
			go func() {
				defer group.Done()
				if Claim(id) {
					wins.Add(1)
				}
			}()
		}
		group.Wait()
		if wins.Load() != 1 {
			t.Fatalf("round %d: %d claims won", round, wins.Load())
		}
		if Value(id) == nil {
			t.Fatal("a claimed handle no longer names its value")
		}
		Release(id, 1)
		if Claim(id) {
			t.Fatal("a released handle was claimed")
		}
	}
}

func TestAnIteratorCutByItsDeadlineEndsWithTheDeadlineError(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	it := NewIterator()
	it.Context = ctx
	it.Run(func() { <-ctx.Done() }) // a producer that stops when the deadline passes
	if _, more, err := it.Next(); more || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Next() = more %v, error %v", more, err)
	}
	finished := NewIterator()
	finished.Context = context.Background()
	finished.Run(func() {})
	if _, more, err := finished.Next(); more || err != nil {
		t.Fatalf("a finished iterator: more %v, error %v", more, err)
	}
}
