// Maps whose key type is an interface (map[any]V): each key converts by its dynamic type, as
// a typed map's keys do by theirs (strings and integers), and two Go keys that would be one
// Python key are an error, never one entry silently replacing the other.

package codec

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
)

// anyKey is one key of a map[any]V as Python sees it: a str, or an int as its sign and its
// two's complement bits (so that sorting by (neg desc, bits) sorts by value).
type anyKey struct {
	isStr bool
	str   string
	neg   bool
	bits  uint64
	goKey reflect.Value
	value reflect.Value
}

func (k anyKey) less(o anyKey) bool {
	if k.isStr != o.isStr {
		return !k.isStr // the numbers first
	}
	if k.isStr {
		return k.str < o.str
	}
	if k.neg != o.neg {
		return k.neg
	}
	return k.bits < o.bits
}

func (k anyKey) String() string {
	if k.isStr {
		return strconv.Quote(k.str)
	}
	if k.neg {
		return strconv.FormatInt(int64(k.bits), 10)
	}
	return strconv.FormatUint(k.bits, 10)
}

// pythonKey is the Python key of the map key goKey (an interface value).
func pythonKey(goKey, value reflect.Value) (anyKey, error) {
	dynamic := goKey.Elem()
	key := anyKey{goKey: goKey, value: value}
	if !dynamic.IsValid() {
		return key, newError(kindType, "map key nil has no Python equivalent (map keys must be strings or integers)")
	}
	switch keyClass(dynamic.Kind()) {
	case reflect.String:
		key.isStr, key.str = true, dynamic.String()
	case reflect.Int:
		key.neg, key.bits = dynamic.Int() < 0, uint64(dynamic.Int())
	case reflect.Uint:
		key.bits = dynamic.Uint()
	default:
		return key, newError(kindType, fmt.Sprintf("map key of Go type %s has no Python equivalent (map keys must be strings or integers)", dynamic.Type()))
	}
	return key, nil
}

// anyKeyMap writes rv, a non-empty map[any]V, as a dict with its keys sorted.
func (e *encoder) anyKeyMap(rv reflect.Value) error {
	keys := make([]anyKey, 0, rv.Len())
	it := rv.MapRange()
	for it.Next() {
		key, err := pythonKey(it.Key(), it.Value())
		if err != nil {
			return err
		}
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].less(keys[j]) })
	for i := 1; i < len(keys); i++ {
		if !keys[i-1].less(keys[i]) {
			return newError(kindValue, fmt.Sprintf("map keys %v (Go %s) and %v (Go %s) are one Python key",
				keys[i-1], keys[i-1].goKey.Elem().Type(), keys[i], keys[i].goKey.Elem().Type()))
		}
	}
	e.buf = append(e.buf, opMark)
	for _, key := range keys {
		if key.isStr {
			e.key(key.str)
		} else if key.neg {
			e.int(int64(key.bits))
		} else {
			e.uint(key.bits)
		}
		if err := e.value(key.value); err != nil {
			return atKey(err, key.String())
		}
	}
	e.buf = append(e.buf, opSetItems)
	return nil
}
