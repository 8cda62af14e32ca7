// Registered struct types: the Python class each one stands for.

package codec

import (
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
)

// classInfo describes one registered struct type.
type classInfo struct {
	typ    reflect.Type
	module string
	class  string
	qual   string         // module.class, for messages
	names  []string       // Python attribute names, in field order
	index  []int          // the struct field index of each name
	byName map[string]int // Python name → position in names
	// isError: T or *T implements error; instances are made with Error()'s message (and the Go
	// type) as the Python exception's arguments, then given their fields.
	isError bool
}

type registry struct {
	byType  map[reflect.Type]*classInfo
	byClass map[string]*classInfo // module + "\x00" + class
}

var (
	registerMu sync.Mutex
	registered atomic.Value // *registry, replaced whole by Register
)

// Register makes values of struct type t (a struct type, not pointer) encode
// as instances of the Python class `class` of module `module`, and lets
// Decode build t from such instances or from dicts. fields are the Python
// attribute names of t's exported fields in declaration order (same count); an
// empty name leaves its field out: it is not encoded, and decodes as its zero value.
//
// Register panics if t is not a struct type or the counts differ. It is safe
// to call concurrently with Encode and Decode; registering a type again
// replaces its earlier registration.
func Register(t reflect.Type, module, class string, fields []string) {
	if t == nil || t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("codec.Register: %v is not a struct type", t))
	}
	var index []int
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).PkgPath == "" {
			index = append(index, i)
		}
	}
	if len(index) != len(fields) {
		panic(fmt.Sprintf("codec.Register: %v has %d exported fields, got %d names", t, len(index), len(fields)))
	}
	info := &classInfo{
		typ:     t,
		module:  module,
		class:   class,
		qual:    module + "." + class,
		byName:  make(map[string]int, len(fields)),
		isError: t.Implements(errorInterface) || reflect.PtrTo(t).Implements(errorInterface),
	}
	for i, name := range fields {
		if name != "" { // "": a field the bindings leave out (Python's class lacks it)
			info.names = append(info.names, name)
			info.index = append(info.index, index[i])
		}
	}
	for i, name := range info.names {
		if _, dup := info.byName[name]; dup {
			panic(fmt.Sprintf("codec.Register: %v: Python name %q given twice", t, name))
		}
		info.byName[name] = i
	}

	registerMu.Lock()
	defer registerMu.Unlock()
	next := &registry{byType: map[reflect.Type]*classInfo{}, byClass: map[string]*classInfo{}}
	if old, _ := registered.Load().(*registry); old != nil {
		for k, v := range old.byType {
			if k != t {
				next.byType[k] = v
				next.byClass[v.module+"\x00"+v.class] = v
			}
		}
	}
	next.byType[t] = info
	next.byClass[module+"\x00"+class] = info
	registered.Store(next)
}

func classOfType(t reflect.Type) *classInfo {
	r, _ := registered.Load().(*registry)
	if r == nil {
		return nil
	}
	return r.byType[t]
}

func classByName(module, class string) *classInfo {
	r, _ := registered.Load().(*registry)
	if r == nil {
		return nil
	}
	return r.byClass[module+"\x00"+class]
}
