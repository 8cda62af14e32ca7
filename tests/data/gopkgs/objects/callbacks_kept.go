package shelf

import (
	"runtime"
	"sort"
	"sync"
	"time"
)

// CallParallel calls f(0) ... f(n-1) from n goroutines that start at once, and returns the
// sum of the results.
func CallParallel(f func(int) int, n int) int {
	var start, done sync.WaitGroup
	start.Add(1)
	results := make([]int, n)
	for i := range results {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			results[i] = f(i)
		}()
	}
	start.Done()
	done.Wait()
	sum := 0
	for _, result := range results {
		sum += result
	}
	return sum
}

// ResultSize returns the length of what f returns.
func ResultSize(f func() []byte) int { return len(f()) }

var (
	modifiersLock sync.Mutex
	modifiers     = map[string]func(string) string{}
)

// AddModifier registers fn under name, for Modify: a registration API that keeps fn.
func AddModifier(name string, fn func(string) string) {
	modifiersLock.Lock()
	defer modifiersLock.Unlock()
	modifiers[name] = fn
}

// DropModifier forgets the modifier registered under name.
func DropModifier(name string) {
	modifiersLock.Lock()
	defer modifiersLock.Unlock()
	delete(modifiers, name)
}

// Modifiers returns the names of the registered modifiers, sorted.
func Modifiers() []string {
	modifiersLock.Lock()
	defer modifiersLock.Unlock()
	names := make([]string, 0, len(modifiers))
	for name := range modifiers {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func modifier(name string) func(string) string {
	modifiersLock.Lock()
	defer modifiersLock.Unlock()
	return modifiers[name]
}

// Modify applies the modifier registered under name to text (on the calling goroutine).
func Modify(name, text string) string { return modifier(name)(text) }

// ModifyOnGoroutines applies the modifier registered under name to text from n goroutines
// of Go's own at once, and returns how many results were not want.
func ModifyOnGoroutines(name, text, want string, n int) int {
	fn := modifier(name)
	var wrong sync.Map
	var done sync.WaitGroup
	for i := 0; i < n; i++ {
		done.Add(1)
		go func() {
			defer done.Done()
			if got := fn(text); got != want {
				wrong.Store(i, got)
			}
		}()
	}
	done.Wait()
	count := 0
	wrong.Range(func(any, any) bool { count++; return true })
	return count
}

// KeepCalling calls f(1), f(2), ... on a goroutine of its own, forever; it returns once f
// has returned the first time.
func KeepCalling(f func(int) int) {
	first := make(chan struct{})
	go func() {
		for i := 1; ; i++ {
			f(i)
			if i == 1 {
				close(first)
			}
		}
	}()
	<-first
}

// CollectGarbage runs Go's garbage collector twice: what Go dropped is released (its
// cleanups are queued).
func CollectGarbage() {
	runtime.GC()
	runtime.GC()
}

// CallKeptOnGoroutine calls the function Keep kept, with 1, on a goroutine of its own, and
// returns its result, or -1 when it did not return within 5 seconds.
func CallKeptOnGoroutine() int {
	result := make(chan int, 1)
	go func() { result <- kept(1) }()
	select {
	case value := <-result:
		return value
	case <-time.After(5 * time.Second):
		return -1
	}
}

// Both returns f(1) + g(2).
func Both(f, g func(int) int) int { return f(1) + g(2) }
