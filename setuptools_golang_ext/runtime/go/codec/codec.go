// Package codec moves Go values to and from Python as pickle streams.
//
// Encode writes a Go value as a pickle (protocol 4 opcodes) that Python's
// pickle.loads turns into the matching Python value: None, bool, int,
// float, str, bytes, list, dict, array.array for slices of numbers,
// datetime.datetime for time.Time, datetime.timedelta for time.Duration,
// and instances of registered classes for registered struct types.
//
// Decode reads a pickle written by Python's pickle.dumps (protocols 2 to 5)
// into a typed Go target. It never imports or runs anything: the globals a
// pickle names are recognised by name (datetime, zoneinfo, array, the
// registered classes and a few builtins) and any other global is an error.
//
// Both directions report conversion failures as *Error, whose Kind is the
// Python exception the caller should raise.
//
// The package uses only the standard library and the Go 1.17 language, so
// that its files compile inside modules that declare old Go versions.
package codec

import (
	"strconv"
	"strings"
)

// Error is a conversion failure; Kind is the Python exception type the
// caller should raise: "TypeError", "OverflowError" or "ValueError".
// Error() returns Message.
type Error struct{ Kind, Message string }

func (e *Error) Error() string { return e.Message }

// maxDepth bounds the nesting of values in both directions, so that a cyclic
// pointer structure or a cyclic pickle fails instead of overflowing the stack.
const maxDepth = 10000

const (
	kindType     = "TypeError"
	kindOverflow = "OverflowError"
	kindValue    = "ValueError"
)

// maxPathShown is how many segments of each end of a long path messages show.
const maxPathShown = 16

// pathError is an Error still collecting the path of the value that failed;
// segments are appended innermost first.
type pathError struct {
	kind, msg string
	segs      []string
}

func (e *pathError) Error() string { return e.finish().Message }

func (e *pathError) finish() *Error {
	if len(e.segs) == 0 {
		return &Error{Kind: e.kind, Message: e.msg}
	}
	var b strings.Builder
	for i := len(e.segs) - 1; i >= 0; i-- {
		if i == len(e.segs)-maxPathShown && i > maxPathShown {
			// A path through a cycle is as long as the depth limit: show its ends.
			b.WriteString("...")
			i = maxPathShown
		}
		s := e.segs[i]
		if b.Len() > 0 && !strings.HasPrefix(s, "[") {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	b.WriteString(": ")
	b.WriteString(e.msg)
	return &Error{Kind: e.kind, Message: b.String()}
}

func newError(kind, msg string) error { return &pathError{kind: kind, msg: msg} }

// publicError converts an internal error into the *Error callers see.
func publicError(err error) error {
	if err == nil {
		return nil
	}
	if p, ok := err.(*pathError); ok {
		return p.finish()
	}
	return err
}

// atIndex prefixes err's path with [i].
func atIndex(err error, i int) error {
	return atSegment(err, "["+strconv.Itoa(i)+"]")
}

// atKey prefixes err's path with ["key"] (or [5] for an integer key).
func atKey(err error, key string) error { return atSegment(err, "["+key+"]") }

// atField prefixes err's path with .name.
func atField(err error, name string) error { return atSegment(err, name) }

func atSegment(err error, seg string) error {
	if p, ok := err.(*pathError); ok {
		p.segs = append(p.segs, seg)
	}
	return err
}
