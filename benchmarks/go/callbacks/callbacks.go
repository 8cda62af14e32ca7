// Package callbackbench is what benchmarks/callbackcost.py times: Python callables that Go
// calls on the calling thread and on its own goroutines, and calls that pass one.
package callbackbench

// Add adds: a call that passes no callable, for scale.
func Add(x, y int64) int64 { return x + y }

// Apply maps each number through f, on the calling goroutine.
func Apply(numbers []int64, f func(int64) int64) int64 {
	var sum int64
	for _, n := range numbers {
		sum += f(n)
	}
	return sum
}

// Ignore takes f and never calls it.
func Ignore(f func(int64) int64) int64 { return 0 }

// Later calls f on a goroutine of its own and returns its result.
func Later(f func(int64) int64) int64 {
	result := make(chan int64)
	go func() { result <- f(1) }()
	return <-result
}
