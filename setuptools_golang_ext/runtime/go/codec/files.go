// Files: Go's io.Reader, io.Writer and io.Closer on both sides of the crossing. A Python
// binary file passed where Go wants one becomes a Go value whose Read, Write and Close call
// the file's methods through its callable (PythonFile); a Go reader or writer that Python
// holds by handle is read, written and closed by ReadHandle, ReadAllHandle, WriteHandle and
// CloseHandle. Neither side keeps the other's memory: every byte crosses as a copy.

package codec

import (
	"errors"
	"fmt"
	"io"
)

// PythonCall calls a Python callable with args and decodes its result into target (a pointer; nil:
// no result); a non-nil error says why Go got no result.
type PythonCall func(args []interface{}, target interface{}) error

// MaxRead is the most one Read of a Go reader by Python reads (a Python read(n) of more
// returns at most this, as a raw file may return fewer bytes than asked): Go's buffer for it
// is Go's own, and a read of 2**40 must not be an allocation Go cannot survive.
const MaxRead = 4 << 20

// pythonFile is a Python binary file Go calls: "read" with a size (its read(size) or
// readinto), "write" with bytes (all of them: Python loops), "close".
type pythonFile struct{ call PythonCall }

func (f pythonFile) read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var data []byte
	if err := f.call([]interface{}{"read", len(p)}, &data); err != nil {
		return 0, err
	}
	if len(data) > len(p) { // Python's side refuses this first; Go never writes past p
		return 0, fmt.Errorf("the Python file's read(%d) returned %d bytes", len(p), len(data))
	}
	if len(data) == 0 {
		return 0, io.EOF
	}
	return copy(p, data), nil
}

func (f pythonFile) write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if err := f.call([]interface{}{"write", p}, nil); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (f pythonFile) close() error { return f.call([]interface{}{"close"}, nil) }

// One Go type per method set, so that Go code asking what the value is (r.(io.Closer), as
// io.NopCloser's users do) finds only the methods the parameter's type promised.
type (
	pythonReader     struct{ file pythonFile }
	pythonWriter     struct{ file pythonFile }
	pythonCloser     struct{ file pythonFile }
	pythonReadWriter struct {
		pythonReader
		pythonWriter
	}
	pythonReadCloser struct {
		pythonReader
		pythonCloser
	}
	pythonWriteCloser struct {
		pythonWriter
		pythonCloser
	}
	pythonReadWriteCloser struct {
		pythonReader
		pythonWriter
		pythonCloser
	}
)

func (r pythonReader) Read(p []byte) (int, error)  { return r.file.read(p) }
func (w pythonWriter) Write(p []byte) (int, error) { return w.file.write(p) }
func (c pythonCloser) Close() error                { return c.file.close() }

// PythonFile is the Go value of a Python file whose methods call reaches: methods says which
// Go methods it has ("r" Read, "w" Write, "c" Close, in that order: "rwc" is an
// io.ReadWriteCloser).
func PythonFile(call PythonCall, methods string) interface{} {
	f := pythonFile{call}
	r, w, c := pythonReader{f}, pythonWriter{f}, pythonCloser{f}
	switch methods {
	case "r":
		return r
	case "w":
		return w
	case "c":
		return c
	case "rw":
		return pythonReadWriter{r, w}
	case "rc":
		return pythonReadCloser{r, c}
	case "wc":
		return pythonWriteCloser{w, c}
	case "rwc":
		return pythonReadWriteCloser{r, w, c}
	}
	panic("codec.PythonFile: no file of methods " + methods)
}

// PythonRead, PythonWrite and PythonClose are a Python file's Read, Write and Close, for a
// method of that shape of an interface a Python object implements (an interface that embeds
// io.Reader): Go's buffer is filled, which a call with a copy of it could not do.
func PythonRead(call PythonCall, p []byte) (int, error)  { return pythonFile{call}.read(p) }
func PythonWrite(call PythonCall, p []byte) (int, error) { return pythonFile{call}.write(p) }
func PythonClose(call PythonCall) error                  { return pythonFile{call}.close() }

// ErrNotFile: the value of a handle lacks the method Python called (its class promised it).
var ErrNotFile = errors.New("the Go value has no such method")

// ReadHandle reads once from the io.Reader of handle id into dst (Python's memory, which Go
// must not keep: the reader reads into a buffer of Go's own, copied into dst). end: the
// reader said io.EOF (n bytes may have come with it). ok false: the handle is gone.
func ReadHandle(id uint64, dst []byte) (n int, end, ok bool, err error) {
	value := Value(id)
	if value == nil {
		return 0, false, false, nil
	}
	reader, isReader := value.(io.Reader)
	if !isReader {
		return 0, false, true, ErrNotFile
	}
	if len(dst) > MaxRead {
		dst = dst[:MaxRead]
	}
	buffer := make([]byte, len(dst))
	for tries := 0; n == 0 && err == nil; tries++ { // Python's 0 is the end: Go's 0 is not
		if tries == 100 {
			return 0, false, true, io.ErrNoProgress
		}
		n, err = reader.Read(buffer)
	}
	if n < 0 || n > len(buffer) { // a broken reader: never copy past what it was given
		return 0, false, true, fmt.Errorf("%T.Read returned %d of %d bytes", reader, n, len(buffer))
	}
	copy(dst, buffer[:n])
	if errors.Is(err, io.EOF) {
		return n, true, true, nil
	}
	return n, false, true, err
}

// ReadAllHandle reads the io.Reader of handle id to its end (io.ReadAll).
func ReadAllHandle(id uint64) (data []byte, ok bool, err error) {
	value := Value(id)
	if value == nil {
		return nil, false, nil
	}
	reader, isReader := value.(io.Reader)
	if !isReader {
		return nil, true, ErrNotFile
	}
	data, err = io.ReadAll(reader)
	return data, true, err
}

// WriteHandle writes a copy of data (Python's memory, which a writer must not keep) to the
// io.Writer of handle id.
func WriteHandle(id uint64, data []byte) (n int, ok bool, err error) {
	value := Value(id)
	if value == nil {
		return 0, false, nil
	}
	writer, isWriter := value.(io.Writer)
	if !isWriter {
		return 0, true, ErrNotFile
	}
	n, err = writer.Write(append([]byte(nil), data...))
	return n, true, err
}

// CloseHandle calls Close of the io.Closer of handle id.
func CloseHandle(id uint64) (ok bool, err error) {
	value := Value(id)
	if value == nil {
		return false, nil
	}
	closer, isCloser := value.(io.Closer)
	if !isCloser {
		return true, ErrNotFile
	}
	return true, closer.Close()
}
