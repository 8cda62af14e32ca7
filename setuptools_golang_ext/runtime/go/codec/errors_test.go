package codec

import (
	"bytes"
	"errors"
	"io/fs"
	"testing"
)

func TestErrorsInsideValuesAreTheRegisteredClass(t *testing.T) {
	defer errorClass.Store([2]string{})
	value := []interface{}{errors.New("boom"), &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}}
	if _, err := Encode(value); err == nil {
		t.Fatal("an error was encoded with no class registered")
	}
	RegisterErrorClass("pkg.mod", "GoError")
	data := mustEncode(t, value)
	rest := data
	for _, want := range []string{"pkg.mod", "GoError", "boom", "*errors.errorString", "open x: file does not exist", "*fs.PathError"} {
		i := bytes.Index(rest, []byte(want))
		if i < 0 {
			t.Fatalf("%q missing (or out of order) in %q", want, data)
		}
		rest = rest[i+len(want):]
	}
	var nilError *fs.PathError
	if data := mustEncode(t, []interface{}{nilError}); !bytes.Contains(data, []byte{opNone}) {
		t.Fatalf("a nil error pointer is not None: %q", data)
	}
}

type codeError int

func (c codeError) Error() string { return "code " + string(rune('0'+int(c))) }

// An error whose type is not a struct (type Code int with Error()) inside an error is an error,
// not the number it is (found by a hostile test: []error gave Python 8).
func TestAnErrorOfANonStructTypeIsAnError(t *testing.T) {
	defer errorClass.Store([2]string{})
	RegisterErrorClass("pkg.mod", "GoError")
	data := mustEncode(t, []error{codeError(8), nil})
	if !bytes.Contains(data, []byte("GoError")) || !bytes.Contains(data, []byte("code 8")) {
		t.Fatalf("not an error: %q", data)
	}
	if data := mustEncode(t, codeError(5)); bytes.Contains(data, []byte("GoError")) {
		t.Fatalf("a value of the type itself (not an error's) became one: %q", data)
	}
}
