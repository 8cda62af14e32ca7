// Go errors inside values: an error whose type has no Python equivalent of its own crosses as
// an instance of the Python error class the bindings registered (their GoError: the message
// and the Go type), as a returned error would raise.

package codec

import (
	"reflect"
	"sync"
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

// ErrorMatcher says which exception class of a Python module an error raises when a Go
// function returns it (a sentinel it wraps: errors.Is; an error type: errors.As, with the
// matched struct value), or "": the same class an error inside a value is an instance of.
type ErrorMatcher func(err error) (class string, value interface{})

type moduleMatcher struct {
	module string
	match  ErrorMatcher
}

var (
	matchersMu    sync.Mutex
	errorMatchers atomic.Value // []moduleMatcher, replaced whole
)

// RegisterErrorMatcher adds the classes of a module's errors: each bound package's shims
// register theirs (a package's sentinels and error types match its own errors only).
func RegisterErrorMatcher(module string, match ErrorMatcher) {
	matchersMu.Lock()
	defer matchersMu.Unlock()
	old, _ := errorMatchers.Load().([]moduleMatcher)
	errorMatchers.Store(append(append([]moduleMatcher(nil), old...), moduleMatcher{module, match}))
}

// isValueError says whether rv, held by an interface, is an error of a type that is neither a
// struct nor a pointer (those are written as their classes or as errors already).
func isValueError(rv reflect.Value) bool {
	switch rv.Kind() {
	case reflect.Ptr, reflect.Struct, reflect.Interface:
		return false
	}
	return rv.Type().Implements(errorInterface)
}

// asError writes rv, a value of a type with no Python equivalent, as an error, if it is one
// and a class is registered: false means nothing was written. Its class is the one it raises
// as a returned error, else the registered GoError.
func (e *encoder) asError(rv reflect.Value) bool {
	class, _ := errorClass.Load().([2]string)
	args := errorOf(rv, reflect.Value{}, rv.Type().String())
	if class[0] == "" || args == nil {
		return false
	}
	err, _ := rv.Interface().(error)
	if err == nil && rv.CanAddr() {
		err, _ = rv.Addr().Interface().(error)
	}
	if matched, done := e.matchedError(err, args); done {
		return matched
	}
	e.str(class[0])
	e.str(class[1])
	e.buf = append(e.buf, opStackGlobal)
	e.errorArgs(args)
	return true
}

// matchedError writes err as the class a module's matcher gives it (done), with the message
// and Go type of args; an error type's instance gets the matched value's fields too.
func (e *encoder) matchedError(err error, args *errorArgs) (written, done bool) {
	matchers, _ := errorMatchers.Load().([]moduleMatcher)
	for _, m := range matchers {
		if err == nil {
			break
		}
		class, value := m.match(err)
		if class == "" {
			continue
		}
		if value != nil {
			if info := classOfType(reflect.TypeOf(value)); info != nil {
				return e.objectAt(reflect.ValueOf(value), info, refKey{}, args) == nil, true
			}
		}
		e.str(m.module)
		e.str(class)
		e.buf = append(e.buf, opStackGlobal)
		e.errorArgs(args)
		return true, true
	}
	return false, false
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
