// Go objects inside values: a Go value that stays in Go (an object of the package, an
// interface value, an opaque value such as a functional option or another package's pointer)
// crosses inside a pickle as its handle. Go writes it as a call of the Python module's
// _object(cls, handle), which gives the live Python object of the handle (or a new one) and
// takes over the hold Go counted for it while encoding; Python writes its objects as the same
// call, and Go looks the handle up. So a []*T, a map[string]*T or a struct field of an object
// type is a list, dict or attribute of the Python objects themselves.

package codec

import (
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
)

// ObjectHelper is the function of the Python module that a handle inside a pickle calls:
// _object(cls, handle).
const ObjectHelper = "_object"

// objectInfo describes one Go type whose values cross as handles.
type objectInfo struct {
	typ    reflect.Type
	module string
	class  string
	qual   string // module.class, for messages
}

type objectRegistry struct {
	byType  map[reflect.Type]*objectInfo
	byClass map[string]*objectInfo // module + "\x00" + class
}

var (
	objectsMu       sync.Mutex
	objectsRegistry atomic.Value // *objectRegistry, replaced whole by RegisterObject
)

// RegisterObject makes values of type t cross inside values as handles of instances of the
// Python class `class` of module `module` (whose function ObjectHelper makes them): t is a
// pointer to a struct type (its struct type is registered with it: a value of it is kept as a
// pointer to a copy), a struct type (its values are kept as they are), an interface type (its dynamic value is kept; its class is the dynamic
// type's when that is registered), or any other type Python holds opaquely (a named function
// type). Safe to call concurrently with Encode and Decode.
func RegisterObject(t reflect.Type, module, class string) {
	if t == nil {
		panic("codec.RegisterObject: nil type")
	}
	register(t, module, class)
}

// RegisterPointerClass makes the instances of Python's class `class` of module `module` (its
// GoRef: a pointer Go made for an out-parameter of type any) cross inside values as the Go
// pointers they hold, of whatever type. Go never writes a value as one.
func RegisterPointerClass(module, class string) {
	register(nil, module, class)
}

func register(t reflect.Type, module, class string) {
	info := &objectInfo{typ: t, module: module, class: class, qual: module + "." + class}
	objectsMu.Lock()
	defer objectsMu.Unlock()
	next := &objectRegistry{byType: map[reflect.Type]*objectInfo{}, byClass: map[string]*objectInfo{}}
	if old, _ := objectsRegistry.Load().(*objectRegistry); old != nil {
		for k, v := range old.byType {
			next.byType[k] = v
		}
		for k, v := range old.byClass {
			next.byClass[k] = v
		}
	}
	if t != nil {
		next.byType[t] = info
		// A pointer's struct values cross as pointers to copies, unless the struct type is
		// registered itself (url.URL and *url.URL: two classes), whichever comes first.
		if t.Kind() == reflect.Ptr && t.Elem().Kind() == reflect.Struct {
			if _, own := next.byType[t.Elem()]; !own {
				next.byType[t.Elem()] = info
			}
		}
	}
	next.byClass[module+"\x00"+class] = info
	objectsRegistry.Store(next)
}

// objectOf is the registration of values of type t, or nil.
func objectOf(t reflect.Type) *objectInfo {
	r, _ := objectsRegistry.Load().(*objectRegistry)
	if r == nil {
		return nil
	}
	return r.byType[t]
}

func objectByClass(module, class string) *objectInfo {
	r, _ := objectsRegistry.Load().(*objectRegistry)
	if r == nil {
		return nil
	}
	return r.byClass[module+"\x00"+class]
}

// handle writes rv, a value of a registered type, as _object(cls, handle), keeping its Go
// value under a handle counted once more for this stream (released again if the stream is
// not finished). Nil is None.
func (e *encoder) handle(rv reflect.Value, info *objectInfo) error {
	switch rv.Kind() {
	case reflect.Interface, reflect.Ptr, reflect.Func, reflect.Map, reflect.Slice, reflect.Chan:
		if rv.IsNil() {
			e.buf = append(e.buf, opNone)
			return nil
		}
	}
	if rv.Kind() == reflect.Interface {
		rv = rv.Elem() // the dynamic value: the class of its type, when that is an object's
		if dynamic := objectOf(rv.Type()); dynamic != nil {
			info = dynamic
		}
	}
	if !rv.CanInterface() {
		return noPython(rv.Type())
	}
	held := rv.Interface()
	if rv.Kind() == reflect.Struct && info.typ.Kind() == reflect.Ptr {
		// An object's value: Python holds a pointer to a copy, as a T result's object does (an
		// opaque struct value of another package is held as the value, as its results are).
		p := reflect.New(rv.Type())
		p.Elem().Set(rv)
		held = p.Interface()
	}
	id := Keep(held)
	e.kept = append(e.kept, id)
	e.heldGlobal(info.module, ObjectHelper)
	e.heldGlobal(info.module, info.class)
	e.uint(id)
	e.buf = append(e.buf, opTuple2, opReduce)
	return nil
}

// heldGlobal writes the global module.name, memoized once per stream.
func (e *encoder) heldGlobal(module, name string) {
	for _, g := range e.heldGlobals {
		if g.module == module && g.name == name {
			e.get(g.memo)
			return
		}
	}
	e.str(module)
	e.str(name)
	e.buf = append(e.buf, opStackGlobal)
	e.heldGlobals = append(e.heldGlobals, globalMemo{module, name, e.memoize()})
}

type globalMemo struct {
	module, name string
	memo         int
}

// letGo releases the holds this stream took (it was not finished, or is written again).
func (e *encoder) letGo() {
	for _, id := range e.kept {
		Release(id, 1)
	}
	e.kept = e.kept[:0]
}

// EncodeHeld is Encode that also returns the handles the stream holds, one hold each (an id
// twice: two holds): Python's _object takes them over when it reads the stream; a caller that
// drops the stream unread must Release each.
func EncodeHeld(v interface{}) ([]byte, []uint64, error) {
	e := encoderPool.Get().(*encoder)
	out, err := e.run(v)
	var held []uint64
	if err == nil && len(e.kept) > 0 {
		held = append(held, e.kept...)
	}
	if err == nil {
		e.kept = e.kept[:0] // the stream's now: release() keeps them
	}
	e.release()
	return out, held, publicError(err)
}

// heldHandle is the handle and class a Python object inside a pickle names: Python writes
// its Go objects as _object(cls, handle).
func heldHandle(n interface{}) (uint64, *pyGlobal, bool) {
	x, ok := n.(*pyObject)
	if !ok || x.cls.name != ObjectHelper || len(x.args) != 2 || x.hasState {
		return 0, nil, false
	}
	cls, ok1 := x.args[0].(*pyGlobal)
	id, ok2 := x.args[1].(int64)
	if !ok1 || !ok2 || id <= 0 {
		return 0, nil, false
	}
	return uint64(id), cls, true
}

// heldValue is the Go value of the Python object n (a handle inside the pickle), for Go
// type t (for messages).
func heldValue(n interface{}, t reflect.Type) (reflect.Value, *pyGlobal, bool, error) {
	id, cls, ok := heldHandle(n)
	if !ok {
		return reflect.Value{}, nil, false, nil
	}
	if objectByClass(cls.module, cls.name) == nil {
		return reflect.Value{}, cls, true, unknownGlobal(cls, t)
	}
	v := Value(id)
	if v == nil {
		return reflect.Value{}, cls, true, newError(kindValue, fmt.Sprintf("the %s is closed (Go %s)", cls.name, t))
	}
	return reflect.ValueOf(v), cls, true, nil
}

// assignHeld sets rv, of a registered type, from node n: the Go value of a Python object of
// a registered class (a struct type gets a copy of the object's value), or Go's zero value
// (nil) from None: a data struct's field that Python left at its default.
func assignHeld(n interface{}, rv reflect.Value, info *objectInfo) error {
	t := rv.Type()
	if n == nil {
		rv.Set(reflect.Zero(t))
		return nil
	}
	v, cls, ok, err := heldValue(n, t)
	if err != nil {
		return err
	}
	if !ok {
		return newError(kindType, fmt.Sprintf("expected %s for Go %s, got %s", info.qual, t, pyTypeName(n)))
	}
	switch {
	case v.Type().AssignableTo(t):
		rv.Set(v)
	case t.Kind() == reflect.Struct && v.Kind() == reflect.Ptr && v.Type().Elem() == t:
		rv.Set(v.Elem())
	default:
		return newError(kindType, fmt.Sprintf("expected %s for Go %s, got %s (Go %s)", info.qual, t, cls, v.Type()))
	}
	return nil
}
