package shelf

// Files and interfaces Python implements: Go's io.Reader and io.Writer take Python's binary
// files, Go's readers and writers are Python files, and a package interface takes any Python
// object with its methods.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// CountLines counts the lines r holds (the last one may lack its newline).
func CountLines(r io.Reader) (int, error) {
	scanner := bufio.NewScanner(r)
	lines := 0
	for scanner.Scan() {
		lines++
	}
	return lines, scanner.Err()
}

// CopyTo copies r to w, and returns how many bytes.
func CopyTo(w io.Writer, r io.Reader) (int64, error) { return io.Copy(w, r) }

// CopyClose copies r to w, then closes both.
func CopyClose(w io.WriteCloser, r io.ReadCloser) (int64, error) {
	n, err := io.Copy(w, r)
	return n, errors.Join(err, w.Close(), r.Close())
}

type upperWriter struct{ w io.Writer }

func (u upperWriter) Write(p []byte) (int, error) {
	return u.w.Write([]byte(strings.ToUpper(string(p))))
}

func (u upperWriter) Close() error {
	if closer, ok := u.w.(io.Closer); ok {
		return closer.Close()
	}
	return nil
}

// UpperWriter returns a writer that writes to w in upper case; closing it closes w, if w has Close.
func UpperWriter(w io.Writer) io.WriteCloser { return upperWriter{w} }

// Sink returns a writer that keeps what is written, for Written.
func Sink() io.Writer { return &sink }

var sink strings.Builder

// Written returns what Sink's writer was given, and forgets it.
func Written() string {
	defer sink.Reset()
	return sink.String()
}

type failingReader struct {
	text string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n := copy(p, f.text)
	f.text = f.text[n:]
	if f.text == "" {
		return n, f.err
	}
	return n, nil
}

// Failing returns a reader of text whose last Read returns the error message with the last bytes.
func Failing(text, message string) io.Reader { return &failingReader{text, errors.New(message)} }

var (
	keptLock sync.Mutex
	keptFile io.Reader
)

// KeepFile keeps r for ReadKept.
func KeepFile(r io.Reader) {
	keptLock.Lock()
	defer keptLock.Unlock()
	keptFile = r
}

// ReadKept reads the reader KeepFile kept to its end, on a goroutine, and forgets it.
func ReadKept() (string, error) {
	keptLock.Lock()
	r := keptFile
	keptFile = nil
	keptLock.Unlock()
	done := make(chan struct{})
	var data []byte
	var err error
	go func() {
		defer close(done)
		data, err = io.ReadAll(r)
	}()
	<-done
	return string(data), err
}

// AreaFromGoroutines sums s.Area() called from n goroutines at once.
func AreaFromGoroutines(s Shape, n int) float64 {
	areas := make([]float64, n)
	var wait sync.WaitGroup
	for i := range areas {
		wait.Add(1)
		go func() {
			defer wait.Done()
			areas[i] = s.Area()
		}()
	}
	wait.Wait()
	total := 0.0
	for _, area := range areas {
		total += area
	}
	return total
}

// Store looks numbers up by key.
type Store interface {
	Load(key string) (int, error)
}

// SumKeys sums the numbers of the keys in s.
func SumKeys(s Store, keys ...string) (int, error) {
	sum := 0
	for _, key := range keys {
		n, err := s.Load(key)
		if err != nil {
			return 0, fmt.Errorf("key %s: %w", key, err)
		}
		sum += n
	}
	return sum, nil
}

// Sealed cannot be implemented outside this package (an unexported method).
type Sealed interface {
	Label() string
	sealed()
}

// LabelOf returns s's label.
func LabelOf(s Sealed) string { return s.Label() }

// Walker walks with a function: Python cannot implement it (a function parameter).
type Walker interface {
	Walk(visit func(int))
}

// WalkWith walks w, counting the visits.
func WalkWith(w Walker) int {
	visits := 0
	w.Walk(func(int) { visits++ })
	return visits
}

// Tape is a Go object that is an io.ReadWriter: its class is a binary file too.
type Tape struct {
	mu   sync.Mutex
	data []byte
}

// NewTape returns a tape holding text.
func NewTape(text string) *Tape { return &Tape{data: []byte(text)} }

// Read reads from the start of the tape.
func (t *Tape) Read(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p, t.data)
	t.data = t.data[n:]
	return n, nil
}

// Write appends to the tape.
func (t *Tape) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.data = append(t.data, p...)
	return len(p), nil
}

// SameShape returns s.
func SameShape(s Shape) Shape { return s }

// NamedReader is a named reader: an interface that embeds io.Reader.
type NamedReader interface {
	io.Reader
	Name() string
}

// Slurp reads s to its end: "name: text".
func Slurp(s NamedReader) (string, error) {
	data, err := io.ReadAll(s)
	return s.Name() + ": " + string(data), err
}

// Concat reads the readers one after the other (io.MultiReader).
func Concat(readers ...io.Reader) (string, error) {
	data, err := io.ReadAll(io.MultiReader(readers...))
	return string(data), err
}
