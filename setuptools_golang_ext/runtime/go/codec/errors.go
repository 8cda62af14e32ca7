// Go errors inside values: an error whose type has no Python equivalent of its own crosses as
// an instance of the Python error class the bindings registered (their GoError: the message
// and the Go type), as a returned error would raise.

package codec

import (
	"reflect"
	"sync/atomic"
)

var errorClass atomic.Value // [2]string: the Python module and class of errors inside values

var errorInterface = reflect.TypeOf((*error)(nil)).Elem()

// RegisterErrorClass makes errors inside values encode as instances of the Python class
// `class` of module `module`, built from two arguments: the message (Error()) and the Go type.
// Without a registration, such an error is a type error, as any value without a Python
// equivalent is.
func RegisterErrorClass(module, class string) {
	errorClass.Store([2]string{module, class})
}

// asError writes rv, a value of a type with no Python equivalent, as an error, if it is one
// and a class is registered: false means nothing was written.
func (e *encoder) asError(rv reflect.Value) bool {
	class, _ := errorClass.Load().([2]string)
	args := errorOf(rv, reflect.Value{}, rv.Type().String())
	if class[0] == "" || args == nil {
		return false
	}
	e.str(class[0])
	e.str(class[1])
	e.buf = append(e.buf, opStackGlobal)
	e.errorArgs(args)
	return true
}

// errorArgs calls the exception class on the stack with the error's message and Go type.
func (e *encoder) errorArgs(args *errorArgs) {
	e.str(args.message)
	e.str(args.goType)
	e.buf = append(e.buf, opTuple2, opReduce)
}

// errorArgs are the arguments of a Python exception made of a Go error value.
type errorArgs struct {
	message, goType string
}

// errorOf gives the arguments of the error a registered error type's value is: value (a
// struct) or ptr (a pointer to it) implements error; nil when neither does.
func errorOf(value, ptr reflect.Value, goType string) *errorArgs {
	for _, v := range []reflect.Value{value, ptr} {
		if v.IsValid() && v.CanInterface() && v.Type().Implements(errorInterface) {
			if err, _ := v.Interface().(error); err != nil {
				return &errorArgs{err.Error(), goType}
			}
		}
	}
	return nil
}
