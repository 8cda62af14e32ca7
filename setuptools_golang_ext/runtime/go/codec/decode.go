// Decode: a pickle from Python's pickle.dumps into a typed Go target.

package codec

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"time"
)

// Decode reads a pickle stream written by Python's pickle.dumps (protocols
// 2-5) into *target (target is a non-nil pointer), converting to the
// target's Go type.
func Decode(data []byte, target interface{}) error {
	rv := reflect.ValueOf(target)
	if rv.Kind() != reflect.Ptr || rv.IsNil() {
		return &Error{Kind: kindType, Message: fmt.Sprintf("codec.Decode needs a non-nil pointer, got %T", target)}
	}
	p := &parser{data: data, stack: make([]interface{}, 0, 16)}
	root, err := p.run()
	if err != nil {
		return publicError(err)
	}
	dc := decoder{shared: p.shared}
	return publicError(dc.assign(root, rv.Elem(), 0))
}

// decoder converts the tree of one pickle. A container the pickle references
// more than once (its memo's GET, or DUP) is converted once per Go type and
// the result reused, so that shared references stay shared in Go and a DAG
// costs its number of nodes, not its number of paths.
type decoder struct {
	shared   map[interface{}]bool
	values   map[memoKey]reflect.Value
	naturals map[interface{}]interface{}
	open     map[interface{}]bool // shared containers being made for interface{} targets
}

type memoKey struct {
	node interface{}
	typ  reflect.Type
}

// isShared reports whether node n is a container referenced more than once.
func (dc *decoder) isShared(n interface{}) bool {
	if len(dc.shared) == 0 {
		return false
	}
	switch n.(type) {
	case *pySeq, *pyDict, *pyObject, *pyArray:
		return dc.shared[n]
	}
	return false
}

// remember records v, the conversion of the shared node n to v's type, as
// soon as it exists: a reference type (pointer, slice, map) is recorded before
// it is filled, so that a cycle through it ends.
func (dc *decoder) remember(n interface{}, v reflect.Value) {
	if !dc.isShared(n) {
		return
	}
	if dc.values == nil {
		dc.values = make(map[memoKey]reflect.Value)
	}
	c := reflect.New(v.Type()).Elem() // a copy: v may be a slot that is reused
	c.Set(v)
	dc.values[memoKey{n, v.Type()}] = c
}

// rememberNatural is remember for the values of interface{} targets.
func (dc *decoder) rememberNatural(n interface{}, v interface{}) {
	if !dc.isShared(n) {
		return
	}
	if dc.naturals == nil {
		dc.naturals = make(map[interface{}]interface{})
	}
	dc.naturals[n] = v
}

func errTooDeep() error {
	return newError(kindValue, fmt.Sprintf("value nested deeper than %d levels", maxDepth))
}

func overflow(value string, t reflect.Type) error {
	return newError(kindOverflow, fmt.Sprintf("%s is out of range for Go %s", value, t))
}

// mismatch reports a Python value of the wrong type for t.
func mismatch(want string, t reflect.Type, n interface{}) error {
	if _, cls, ok := heldHandle(n); ok { // a Go object of Python's where Go wants a value
		return newError(kindType, fmt.Sprintf("expected %s for Go %s, got %s (a Go object)", want, t, cls))
	}
	switch x := n.(type) {
	case *pyObject:
		if classByName(x.cls.module, x.cls.name) == nil {
			return unknownGlobal(x.cls, t)
		}
	case *pyGlobal:
		return unknownGlobal(x, t)
	}
	return newError(kindType, fmt.Sprintf("expected %s for Go %s, got %s", want, t, pyTypeName(n)))
}

func unknownGlobal(g *pyGlobal, t reflect.Type) error {
	return newError(kindType, fmt.Sprintf("unsupported Python global %s for Go %s", g, t))
}

// assign converts node n into rv (settable), replacing all of rv.
func (dc *decoder) assign(n interface{}, rv reflect.Value, depth int) error {
	if depth > maxDepth {
		return errTooDeep()
	}
	n = userData(n)
	if !dc.isShared(n) {
		return dc.assignNode(n, rv, depth)
	}
	if v, ok := dc.values[memoKey{n, rv.Type()}]; ok {
		rv.Set(v)
		return nil
	}
	if err := dc.assignNode(n, rv, depth); err != nil {
		return err
	}
	if _, ok := dc.values[memoKey{n, rv.Type()}]; !ok {
		dc.remember(n, rv)
	}
	return nil
}

// assignNode is assign without the lookup of shared nodes.
func (dc *decoder) assignNode(n interface{}, rv reflect.Value, depth int) error {
	t := rv.Type()
	switch t {
	case bigIntType, bigIntPtrType:
		return assignBigInt(n, rv)
	case timeType:
		tm, ok := n.(time.Time)
		if !ok {
			return mismatch("datetime.datetime", t, n)
		}
		rv.Set(reflect.ValueOf(tm))
		return nil
	case durationType:
		td, ok := n.(*pyTimedelta)
		if !ok {
			return mismatch("datetime.timedelta", t, n)
		}
		d, err := td.duration()
		if err != nil {
			return err
		}
		rv.SetInt(int64(d))
		return nil
	}
	switch rv.Kind() {
	case reflect.Ptr, reflect.Interface, reflect.Struct, reflect.Func:
		if info := objectOf(t); info != nil { // a Go object (or opaque value) by its handle
			return assignHeld(n, rv, info)
		}
	}
	switch rv.Kind() {
	case reflect.Bool:
		b, ok := n.(bool)
		if !ok {
			return mismatch("bool", t, n)
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := toInt(n, t)
		if err != nil {
			return err
		}
		rv.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := toUint(n, t)
		if err != nil {
			return err
		}
		rv.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := toFloat(n, t)
		if err != nil {
			return err
		}
		rv.SetFloat(f)
	case reflect.String:
		s, ok := n.(string)
		if !ok && isJSONNumber(t) {
			s, ok = jsonNumberText(n)
		}
		if !ok {
			return mismatch("str", t, n)
		}
		rv.SetString(s)
	case reflect.Interface:
		if t.NumMethod() != 0 {
			return noPython(t)
		}
		v, err := dc.natural(n, t, depth)
		if err != nil {
			return err
		}
		if v == nil {
			rv.Set(reflect.Zero(t))
		} else {
			rv.Set(reflect.ValueOf(v))
		}
	case reflect.Ptr:
		if n == nil {
			rv.Set(reflect.Zero(t))
			return nil
		}
		p := reflect.New(t.Elem())
		dc.remember(n, p)
		// A pointer and what it points to are one level, unless that is a
		// pointer or interface again (type P *P could recurse forever).
		inner := depth
		if k := t.Elem().Kind(); k == reflect.Ptr || k == reflect.Interface {
			inner++
		}
		if err := dc.assign(n, p.Elem(), inner); err != nil {
			return err
		}
		rv.Set(p)
	case reflect.Slice:
		return dc.assignSlice(n, rv, depth)
	case reflect.Array:
		return dc.assignArray(n, rv, depth)
	case reflect.Map:
		return dc.assignMap(n, rv, depth)
	case reflect.Struct:
		info := classOfType(t)
		if info == nil {
			return newError(kindType, fmt.Sprintf("Go type %s has no Python equivalent (a struct type that is not registered)", t))
		}
		return dc.assignStruct(n, rv, info, depth)
	default:
		return noPython(t)
	}
	return nil
}

func toInt(n interface{}, t reflect.Type) (int64, error) {
	switch x := n.(type) {
	case int64:
		if bits := t.Bits(); bits < 64 {
			limit := int64(1) << uint(bits-1)
			if x < -limit || x >= limit {
				return 0, overflow(strconv.FormatInt(x, 10), t)
			}
		}
		return x, nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case *big.Int:
		return 0, overflow(x.String(), t)
	}
	return 0, mismatch("int", t, n)
}

func toUint(n interface{}, t reflect.Type) (uint64, error) {
	switch x := n.(type) {
	case int64:
		if x < 0 || (t.Bits() < 64 && uint64(x)>>uint(t.Bits()) != 0) {
			return 0, overflow(strconv.FormatInt(x, 10), t)
		}
		return uint64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case *big.Int:
		if x.IsUint64() && t.Bits() == 64 {
			return x.Uint64(), nil
		}
		return 0, overflow(x.String(), t)
	}
	return 0, mismatch("int", t, n)
}

func toFloat(n interface{}, t reflect.Type) (float64, error) {
	var f float64
	switch x := n.(type) {
	case float64:
		f = x
	case int64:
		f = float64(x)
	case bool:
		if x {
			f = 1
		}
	case *big.Int:
		f, _ = new(big.Float).SetInt(x).Float64()
		if math.IsInf(f, 0) {
			return 0, overflow(x.String(), t)
		}
	default:
		return 0, mismatch("float", t, n)
	}
	if t.Kind() == reflect.Float32 && math.IsInf(float64(float32(f)), 0) && !math.IsInf(f, 0) {
		return 0, overflow(pyRepr(n), t)
	}
	return f, nil
}

// seqItems are the items of a list, tuple, set or frozenset.
func seqItems(n interface{}) ([]interface{}, bool) {
	if s, ok := n.(*pySeq); ok {
		return s.items, true
	}
	return nil, false
}

// numberFormat is the machine format of a Go element type that array.array
// items can be copied into as they are, or -1.
func numberFormat(elem reflect.Type) int {
	if elem.Kind() == reflect.Uint8 {
		return mfUint8
	}
	if code := arrayCode(elem); code != 0 {
		return nativeFormat(string(code))
	}
	return -1
}

func isNumber(elem reflect.Type) bool {
	if elem == durationType {
		return false
	}
	switch elem.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// fillFromArray converts the items of an array.array into dst (a slice or an
// addressable array of the same length), copying the memory when the formats match.
func (dc *decoder) fillFromArray(a *pyArray, dst reflect.Value, depth int) error {
	if numberFormat(dst.Type().Elem()) == a.format {
		copy(rawBytes(dst), a.data)
		return nil
	}
	for i := 0; i < dst.Len(); i++ {
		if err := dc.assign(a.item(i), dst.Index(i), depth+1); err != nil {
			return atIndex(err, i)
		}
	}
	return nil
}

func (dc *decoder) assignSlice(n interface{}, rv reflect.Value, depth int) error {
	t := rv.Type()
	elem := t.Elem()
	if b, ok := n.([]byte); ok && elem.Kind() == reflect.Uint8 {
		out := reflect.MakeSlice(t, len(b), len(b))
		copy(rawBytes(out), b)
		rv.Set(out)
		return nil
	}
	if a, ok := n.(*pyArray); ok && isNumber(elem) {
		out := reflect.MakeSlice(t, a.len(), a.len())
		if err := dc.fillFromArray(a, out, depth); err != nil {
			return err
		}
		rv.Set(out)
		return nil
	}
	items, ok := seqItems(n)
	if !ok {
		if elem.Kind() == reflect.Uint8 {
			return mismatch("bytes", t, n)
		}
		return mismatch("list", t, n)
	}
	out := reflect.MakeSlice(t, len(items), len(items))
	dc.remember(n, out)
	for i, item := range items {
		if err := dc.assign(item, out.Index(i), depth+1); err != nil {
			return atIndex(err, i)
		}
	}
	rv.Set(out)
	return nil
}

func (dc *decoder) assignArray(n interface{}, rv reflect.Value, depth int) error {
	t := rv.Type()
	elem := t.Elem()
	if b, ok := n.([]byte); ok && elem.Kind() == reflect.Uint8 {
		if len(b) != t.Len() {
			return newError(kindValue, fmt.Sprintf("expected %d bytes for Go %s, got %d", t.Len(), t, len(b)))
		}
		copy(rawBytes(rv), b)
		return nil
	}
	if a, ok := n.(*pyArray); ok && isNumber(elem) {
		if a.len() != t.Len() {
			return newError(kindValue, fmt.Sprintf("expected %d items for Go %s, got %d", t.Len(), t, a.len()))
		}
		return dc.fillFromArray(a, rv, depth)
	}
	items, ok := seqItems(n)
	if !ok {
		return mismatch("list", t, n)
	}
	if len(items) != t.Len() {
		return newError(kindValue, fmt.Sprintf("expected %d items for Go %s, got %d", t.Len(), t, len(items)))
	}
	for i, item := range items {
		if err := dc.assign(item, rv.Index(i), depth+1); err != nil {
			return atIndex(err, i)
		}
	}
	return nil
}

// keySegment is the path segment of a dict key: ["a"] or [5].
func keySegment(k interface{}) string {
	if s, ok := k.(string); ok {
		return strconv.Quote(s)
	}
	return pyRepr(k)
}

// atDictKey marks err as being about a dict key (not its value).
func atDictKey(err error, k interface{}) error {
	if p, ok := err.(*pathError); ok {
		p.msg = "key " + pyRepr(k) + ": " + p.msg
	}
	return err
}

func (dc *decoder) assignMap(n interface{}, rv reflect.Value, depth int) error {
	t := rv.Type()
	d, ok := n.(*pyDict)
	if !ok {
		return mismatch("dict", t, n)
	}
	anyKeys := t.Key().Kind() == reflect.Interface
	if keyClass(t.Key().Kind()) == reflect.Invalid && !anyKeys {
		return newError(kindType, fmt.Sprintf("Go type %s has no Python equivalent (map keys must be strings or integers)", t))
	}
	m := reflect.MakeMapWithSize(t, len(d.keys))
	dc.remember(n, m)
	key := reflect.New(t.Key()).Elem()
	val := reflect.New(t.Elem()).Elem()
	for i, k := range d.keys {
		if _, isStr := k.(string); anyKeys && !isStr && !isInt64(k) {
			// A tuple or a float would be a Go key Go cannot hash, or one Python never had.
			return newError(kindType, fmt.Sprintf("key %s: expected str or int (within int64) keys for Go %s, got %s", pyRepr(k), t, pyTypeName(k)))
		}
		if err := dc.assign(k, key, depth+1); err != nil {
			return atDictKey(err, k)
		}
		if err := dc.assign(d.vals[i], val, depth+1); err != nil {
			return atKey(err, keySegment(k))
		}
		m.SetMapIndex(key, val)
	}
	rv.Set(m)
	return nil
}

func (dc *decoder) assignStruct(n interface{}, rv reflect.Value, info *classInfo, depth int) error {
	t := rv.Type()
	want := info.qual + " or dict"
	switch x := n.(type) {
	case *pyDict:
		rv.Set(reflect.Zero(t))
		return dc.assignFields(x, rv, info, depth)
	case *pyObject:
		if x.cls.module != info.module || x.cls.name != info.class {
			return mismatch(want, t, n)
		}
		rv.Set(reflect.Zero(t))
		if len(x.args) > 0 && !info.isError { // an exception's are its message and Go type
			if len(x.args) != len(info.names) {
				return newError(kindValue, fmt.Sprintf("expected %d field values for Go struct %s, got %d", len(info.names), t, len(x.args)))
			}
			for i, a := range x.args {
				if err := dc.assign(a, rv.Field(info.index[i]), depth+1); err != nil {
					return atField(err, info.names[i])
				}
			}
		}
		if !x.hasState {
			return nil
		}
		states := []interface{}{x.state}
		if s, ok := x.state.(*pySeq); ok && s.kind == seqTuple && len(s.items) == 2 {
			states = s.items // (dict state, slot state)
		}
		for _, st := range states {
			switch d := st.(type) {
			case nil:
			case *pyDict:
				if err := dc.assignFields(d, rv, info, depth); err != nil {
					return err
				}
			default:
				return newError(kindValue, fmt.Sprintf("unsupported state %s of %s for Go struct %s", pyTypeName(st), info.qual, t))
			}
		}
		return nil
	}
	return mismatch(want, t, n)
}

func (dc *decoder) assignFields(d *pyDict, rv reflect.Value, info *classInfo, depth int) error {
	t := rv.Type()
	for i, k := range d.keys {
		name, ok := k.(string)
		if !ok {
			return newError(kindType, fmt.Sprintf("expected str field names for Go struct %s, got %s", t, pyTypeName(k)))
		}
		pos, ok := info.byName[name]
		if !ok && info.isError && name == "go_type" { // the exception's own attribute
			continue
		}
		if !ok {
			return newError(kindType, fmt.Sprintf("unknown field %q for Go struct %s", name, t))
		}
		if err := dc.assign(d.vals[i], rv.Field(info.index[pos]), depth+1); err != nil {
			return atField(err, name)
		}
	}
	return nil
}

var int64Type = reflect.TypeOf(int64(0))

// isInt64 reports whether the node n is a Python int within int64: a key of a map[any]V (a
// *big.Int key would be a pointer, equal to no other).
func isInt64(n interface{}) bool {
	_, ok := n.(int64)
	return ok
}

// naturalInt is the Go value a Python int becomes inside an interface{}: an int, the type Go
// code expects of an integer (a library's type switch has `case int:`), or, on a 32-bit
// platform, an int64 where int cannot hold it.
func naturalInt(x int64) interface{} {
	if int64(int(x)) == x {
		return int(x)
	}
	return x
}

// natural converts a node to the Go value an interface{} target gets.
func (dc *decoder) natural(n interface{}, t reflect.Type, depth int) (interface{}, error) {
	if depth > maxDepth {
		return nil, errTooDeep()
	}
	n = userData(n)
	if !dc.isShared(n) {
		return dc.naturalNode(n, t, depth)
	}
	// A container inside itself would be a cyclic []interface{} or map: Go code walks those
	// (fmt, encoding/json, reflect.DeepEqual) without end, to a fatal stack overflow. Shared
	// ones that are no cycle stay shared.
	if dc.open[n] {
		return nil, newError(kindValue, fmt.Sprintf("a %s that contains itself cannot cross into Go %s (Go code walking it would never end)", pyTypeName(n), t))
	}
	if v, ok := dc.naturals[n]; ok {
		return v, nil
	}
	if dc.open == nil {
		dc.open = make(map[interface{}]bool)
	}
	dc.open[n] = true
	v, err := dc.naturalNode(n, t, depth)
	delete(dc.open, n)
	if err == nil {
		dc.rememberNatural(n, v)
	}
	return v, err
}

// naturalNode is natural without the lookup of shared nodes.
func (dc *decoder) naturalNode(n interface{}, t reflect.Type, depth int) (interface{}, error) {
	switch x := n.(type) {
	case nil, bool, float64, string, time.Time:
		return x, nil
	case int64:
		return naturalInt(x), nil
	case *big.Int:
		return new(big.Int).Set(x), nil
	case []byte:
		return append(make([]byte, 0, len(x)), x...), nil
	case *pySeq:
		out := make([]interface{}, len(x.items))
		dc.rememberNatural(n, out)
		for i, item := range x.items {
			v, err := dc.natural(item, t, depth+1)
			if err != nil {
				return nil, atIndex(err, i)
			}
			out[i] = v
		}
		return out, nil
	case *pyDict:
		out := make(map[string]interface{}, len(x.keys))
		dc.rememberNatural(n, out)
		for i, k := range x.keys {
			s, ok := k.(string)
			if !ok {
				return nil, newError(kindType, fmt.Sprintf("key %s: expected str keys for Go map[string]interface {} (in Go %s), got %s", pyRepr(k), t, pyTypeName(k)))
			}
			v, err := dc.natural(x.vals[i], t, depth+1)
			if err != nil {
				return nil, atKey(err, strconv.Quote(s))
			}
			out[s] = v
		}
		return out, nil
	case *pyTimedelta:
		d, err := x.duration()
		if err != nil {
			return nil, err
		}
		return d, nil
	case *pyTimezone:
		return x.loc, nil
	case *pyArray:
		out := make([]interface{}, x.len())
		for i := range out {
			switch v := x.item(i).(type) {
			case int64:
				out[i] = naturalInt(v)
			default:
				out[i] = v
			}
		}
		return out, nil
	case *pyObject:
		if v, _, ok, err := heldValue(n, t); ok { // a Go object: the Go value it holds
			if err != nil {
				return nil, err
			}
			return v.Interface(), nil
		}
		info := classByName(x.cls.module, x.cls.name)
		if info == nil {
			return nil, unknownGlobal(x.cls, t)
		}
		v := reflect.New(info.typ).Elem()
		if err := dc.assignStruct(x, v, info, depth); err != nil {
			return nil, err
		}
		return v.Interface(), nil
	case *pyGlobal:
		return nil, unknownGlobal(x, t)
	}
	return nil, newError(kindType, fmt.Sprintf("unsupported Python %s for Go %s", pyTypeName(n), t))
}
