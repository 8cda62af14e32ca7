package shelf

import (
	"context"
	"iter"
	"sync/atomic"
	"time"
)

// Box holds values that Python threads read and write as fields at the same time.
type Box struct {
	Items []int
	Label string
	hits  atomic.Int64
}

// Hit counts a call, safely from any number of goroutines, and returns the count.
func (b *Box) Hit() int { return int(b.hits.Add(1)) }

// Conn is a resource whose Close must run once: a second Close panics, as closing a closed
// channel does.
type Conn struct {
	done chan struct{}
}

// NewConn returns an open connection.
func NewConn() *Conn { return &Conn{done: make(chan struct{})} }

// Ping says whether the connection is open.
func (c *Conn) Ping() bool {
	select {
	case <-c.done:
		return false
	default:
		return true
	}
}

var connsClosed atomic.Int64

// Close closes the connection.
func (c *Conn) Close() error {
	close(c.done)
	connsClosed.Add(1)
	return nil
}

// ConnsClosed is how many connections Close closed.
func ConnsClosed() int { return int(connsClosed.Load()) }

// Forever yields 0, 1, 2... for as long as its caller wants more.
func Forever() iter.Seq[int] {
	return func(yield func(int) bool) {
		running.Add(1)
		defer running.Add(-1)
		for i := 0; ; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// Stream sends 0, 1, 2... until ctx is done.
func Stream(ctx context.Context) <-chan int {
	out := make(chan int)
	running.Add(1)
	go func() {
		defer running.Add(-1)
		defer close(out)
		for i := 0; ; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Tick sends 0, 1, 2... every millisecond until ctx is done.
func Tick(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		ticker := time.NewTicker(time.Millisecond)
		defer ticker.Stop()
		for i := 0; ; i++ {
			select {
			case <-ticker.C:
			case <-ctx.Done():
				return
			}
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
