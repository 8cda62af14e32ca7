// Encode: Go values to a pickle stream for Python's pickle.loads.

package codec

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"
)

var (
	timeType     = reflect.TypeOf(time.Time{})
	durationType = reflect.TypeOf(time.Duration(0))
)

// Globals an encoder memoizes (once per stream).
const (
	gDatetime = iota
	gTimezone
	gTimedelta
	gClock
	gArray
	gCount
)

var globalNames = [gCount][2]string{
	gDatetime:  {"datetime", "datetime"},
	gTimezone:  {"datetime", "timezone"},
	gTimedelta: {"datetime", "timedelta"},
	gClock:     {"datetime", "time"},
	gArray:     {"array", "array"},
}

// intCode and uintCode are the array typecodes of Go int and uint.
var intCode, uintCode byte = 'q', 'Q'

func init() {
	if strconv.IntSize == 32 {
		intCode, uintCode = 'i', 'I'
	}
}

type strPair struct {
	k string
	v interface{}
}

type keyMemo struct {
	k    string
	memo int
}

const smallKeys = 8

type zoneMemo struct {
	offset int
	memo   int
}

type classMemo struct {
	info *classInfo
	memo int
}

type encoder struct {
	buf     []byte
	depth   int
	memo    int         // number of memo entries written
	globals [gCount]int // memo index + 1 of each global, 0 until written
	zones   []zoneMemo
	classes []classMemo
	pairs   []strPair       // scratch stack: the entries of the maps being written
	keys    []sortKey       // scratch stack: their order
	keyList []keyMemo       // the first dict keys written, with their memo index
	keyMap  map[string]int  // all of them, once there are smallKeys
	rvs     []reflect.Value // scratch stack: key, value, key, value... of reflected maps
	// The containers written so far (pointed-to structs, non-empty slices and
	// maps), to find shared references. At first they are only counted: when
	// one comes again, the stream is written again with every container
	// memoized (memoAll), and a repeated one becomes a memo GET (so a DAG is
	// written once per node and a cycle ends).
	seen    map[refKey]int // the container's memo index (memoAll), else 0
	memoAll bool
	// Go objects inside the value (objects.go): the handles kept for the stream (one hold
	// each), and the globals their _object(cls, handle) calls name.
	kept        []uint64
	heldGlobals []globalMemo
}

// refKey names a container: its address, its length (slices) and its type.
type refKey struct {
	p unsafe.Pointer
	n int
	t reflect.Type
}

// errShared stops the first pass over a value that holds a container twice.
var errShared = &Error{Kind: kindValue, Message: "shared reference"}

var (
	listType = reflect.TypeOf([]interface{}(nil))
	dictType = reflect.TypeOf(map[string]interface{}(nil))
)

var encoderPool = sync.Pool{New: func() interface{} { return new(encoder) }}

// Encode returns the pickle (protocol 4 opcodes, starting with PROTO 4,
// ending with STOP) of v.
//
// A Go object inside v (a value of a type RegisterObject registered) is kept under a handle,
// counted once for the stream, which Python's _object takes over when it reads it: use
// EncodeHeld where the stream may be dropped unread.
func Encode(v interface{}) ([]byte, error) {
	e := encoderPool.Get().(*encoder)
	out, err := e.run(v)
	if err == nil {
		e.kept = e.kept[:0] // the stream's holds now: release() keeps them
	}
	e.release()
	return out, publicError(err)
}

// run writes the stream of v, twice when v holds a container twice (memoizing them all).
func (e *encoder) run(v interface{}) ([]byte, error) {
	e.buf = append(e.buf[:0], opProto, 4)
	err := e.encode(v)
	if err == errShared {
		e.reset()
		e.memoAll = true
		e.buf = append(e.buf[:0], opProto, 4)
		err = e.encode(v)
	}
	if err != nil {
		return nil, err
	}
	e.buf = append(e.buf, opStop)
	out := make([]byte, len(e.buf))
	copy(out, e.buf)
	return out, nil
}

// release forgets everything about the last stream (and drops the references
// it held to the caller's values) and returns e to the pool.
func (e *encoder) release() {
	e.reset()
	if cap(e.buf) > 64<<20 {
		e.buf = nil
	}
	if cap(e.pairs) > 1<<16 {
		e.pairs, e.keys = nil, nil
	}
	if cap(e.rvs) > 1<<16 {
		e.rvs = nil
	}
	encoderPool.Put(e)
}

// reset forgets the stream written so far (and lets go of the Go objects it kept).
func (e *encoder) reset() {
	e.depth, e.memo, e.memoAll = 0, 0, false
	e.letGo()
	e.heldGlobals = e.heldGlobals[:0]
	if len(e.seen) > 1<<16 {
		e.seen = nil
	} else {
		for k := range e.seen {
			delete(e.seen, k)
		}
	}
	e.globals = [gCount]int{}
	if len(e.keyList) == smallKeys {
		if len(e.keyMap) > 1024 {
			e.keyMap = nil
		} else {
			for k := range e.keyMap {
				delete(e.keyMap, k)
			}
		}
	}
	for i := range e.keyList {
		e.keyList[i] = keyMemo{}
	}
	e.keyList = e.keyList[:0]
	e.zones = e.zones[:0]
	e.classes = e.classes[:0]
	pairs := e.pairs[:cap(e.pairs)]
	for i := range pairs {
		pairs[i] = strPair{}
	}
	e.pairs = e.pairs[:0]
	e.keys = e.keys[:0]
	rvs := e.rvs[:cap(e.rvs)]
	for i := range rvs {
		rvs[i] = reflect.Value{}
	}
	e.rvs = e.rvs[:0]
}

// again writes a memo GET when the container k was written before in this
// stream (true), else records it (after the caller wrote its empty container,
// so that memoAll can memoize it before its items: a cycle ends at a GET).
// In the first pass, a container seen twice stops the pass (errShared).
func (e *encoder) again(k refKey) (bool, error) {
	if idx, ok := e.seen[k]; ok {
		if !e.memoAll {
			return false, errShared
		}
		e.get(idx)
		return true, nil
	}
	return false, nil
}

// canShare reports whether values of type t can hold containers that another
// part of a value can hold too (pointers, interfaces, maps, slices of them): the
// containers whose items can is what the encoder tracks. A slice of strings or
// numbers that is shared is written once per reference, which only repeats
// leaves; tracking every container would cost the common case a map insert.
func canShare(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Interface, reflect.Ptr, reflect.Map:
		return true
	case reflect.Struct, reflect.Slice, reflect.Array:
	default:
		return false
	}
	if v, ok := shareCache.Load(t); ok {
		return v.(bool)
	}
	v := canShareUncached(t, 0)
	shareCache.Store(t, v)
	return v
}

var shareCache sync.Map // reflect.Type -> bool

func canShareUncached(t reflect.Type, depth int) bool {
	if depth > 32 {
		return true // a deep or recursive struct type: assume it can
	}
	switch t.Kind() {
	case reflect.Interface, reflect.Ptr, reflect.Map:
		return true
	case reflect.Slice, reflect.Array:
		return canShareUncached(t.Elem(), depth+1)
	case reflect.Struct:
		if t == timeType {
			return false
		}
		for i := 0; i < t.NumField(); i++ {
			if canShareUncached(t.Field(i).Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// written records container k, just written (empty) on the stack.
func (e *encoder) written(k refKey) {
	if e.seen == nil {
		e.seen = make(map[refKey]int)
	}
	idx := 0
	if e.memoAll {
		idx = e.memoize()
	}
	e.seen[k] = idx
}

func noPython(t reflect.Type) error {
	return newError(kindType, fmt.Sprintf("Go type %s has no Python equivalent", t))
}

// encode writes v, with fast paths for the dynamic types of decoded JSON-like trees.
func (e *encoder) encode(v interface{}) error {
	switch x := v.(type) {
	case nil:
		e.buf = append(e.buf, opNone)
	case string:
		e.str(x)
	case int:
		e.int(int64(x))
	case int64:
		e.int(x)
	case float64:
		e.float(x)
	case bool:
		e.bool(x)
	case map[string]interface{}:
		return e.strMap(x)
	case []interface{}:
		return e.list(x)
	case time.Time:
		return e.time(x)
	case []byte:
		e.bytes(x)
	case int32:
		e.int(int64(x))
	case uint8:
		e.int(int64(x))
	case uint32:
		e.int(int64(x))
	case uint64:
		e.uint(x)
	case float32:
		e.float(float64(x))
	case time.Duration:
		e.duration(x)
	case []string:
		return e.strings(x)
	case []int64:
		if len(x) > 0 {
			e.array('q', unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), len(x)*8))
		} else {
			e.array('q', nil)
		}
	case []float64:
		if len(x) > 0 {
			e.array('d', unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), len(x)*8))
		} else {
			e.array('d', nil)
		}
	default:
		return e.value(reflect.ValueOf(v))
	}
	return nil
}

func (e *encoder) enter() error {
	e.depth++
	if e.depth > maxDepth {
		return newError(kindValue, fmt.Sprintf("value nested deeper than %d levels", maxDepth))
	}
	return nil
}

func (e *encoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, opNewTrue)
	} else {
		e.buf = append(e.buf, opNewFalse)
	}
}

func (e *encoder) int(i int64) {
	switch {
	case i >= 0 && i < 1<<8:
		e.buf = append(e.buf, opBinInt1, byte(i))
	case i >= 0 && i < 1<<16:
		e.buf = append(e.buf, opBinInt2, byte(i), byte(i>>8))
	case i >= math.MinInt32 && i <= math.MaxInt32:
		e.buf = append(e.buf, opBinInt, byte(i), byte(i>>8), byte(i>>16), byte(i>>24))
	default:
		// LONG1: little-endian two's complement; 8 bytes hold any int64.
		e.buf = append(e.buf, opLong1, 8, byte(i), byte(i>>8), byte(i>>16), byte(i>>24),
			byte(i>>32), byte(i>>40), byte(i>>48), byte(i>>56))
	}
}

func (e *encoder) uint(u uint64) {
	if u <= math.MaxInt64 {
		e.int(int64(u))
		return
	}
	// A ninth, zero byte keeps the two's complement value positive.
	e.buf = append(e.buf, opLong1, 9, byte(u), byte(u>>8), byte(u>>16), byte(u>>24),
		byte(u>>32), byte(u>>40), byte(u>>48), byte(u>>56), 0)
}

func (e *encoder) float(f float64) {
	b := math.Float64bits(f)
	e.buf = append(e.buf, opBinFloat, byte(b>>56), byte(b>>48), byte(b>>40), byte(b>>32),
		byte(b>>24), byte(b>>16), byte(b>>8), byte(b))
}

// str writes a str. Bytes that are not valid UTF-8 (which pickle.loads would
// reject) become the code points U+DC80..U+DCFF, as Python's surrogateescape
// error handler makes them: nothing is lost, distinct strings stay distinct,
// and s.encode("utf-8", "surrogateescape") gives Go's bytes back.
func (e *encoder) str(s string) {
	if !utf8.ValidString(s) {
		s = escapeInvalidUTF8(s)
	}
	n := uint64(len(s))
	switch {
	case n < 1<<8:
		e.buf = append(e.buf, opShortBinUnicode, byte(n))
	case n <= math.MaxUint32:
		e.buf = append(e.buf, opBinUnicode, byte(n), byte(n>>8), byte(n>>16), byte(n>>24))
	default:
		e.buf = append(e.buf, opBinUnicode8, byte(n), byte(n>>8), byte(n>>16), byte(n>>24),
			byte(n>>32), byte(n>>40), byte(n>>48), byte(n>>56))
	}
	e.buf = append(e.buf, s...)
}

// escapeInvalidUTF8 replaces each byte of s that is not part of a valid UTF-8
// sequence with the UTF-8 form of U+DC00+byte (a lone surrogate, which pickle
// streams carry as Python's "surrogatepass" does).
func escapeInvalidUTF8(s string) string {
	out := make([]byte, 0, len(s)+16)
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			out = append(out, s[i])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || size > 1 {
			out = append(out, s[i:i+size]...)
			i += size
			continue
		}
		out = appendEscape(out, s[i])
		i++
	}
	return string(out)
}

// appendEscape appends the UTF-8 form of U+DC00+b (b >= 0x80): ED B2 80..ED B3 BF.
func appendEscape(out []byte, b byte) []byte {
	cp := 0xDC00 + int(b)
	return append(out, 0xE0|byte(cp>>12), 0x80|byte(cp>>6&0x3F), 0x80|byte(cp&0x3F))
}

// key writes a dict key (or slot name), memoized: Python then creates and
// hashes each distinct key string once per stream instead of once per dict.
// The first few keys are looked up in a slice, the rest in a map.
func (e *encoder) key(k string) {
	if len(e.keyList) < smallKeys {
		for _, m := range e.keyList {
			if m.k == k {
				e.get(m.memo)
				return
			}
		}
	} else if idx, ok := e.keyMap[k]; ok {
		e.get(idx)
		return
	}
	e.str(k)
	if len(k) > 64 || len(e.keyMap) >= 4096 {
		return
	}
	idx := e.memoize()
	if len(e.keyList) < smallKeys {
		e.keyList = append(e.keyList, keyMemo{k, idx})
		if len(e.keyList) == smallKeys {
			if e.keyMap == nil {
				e.keyMap = make(map[string]int)
			}
			for _, m := range e.keyList {
				e.keyMap[m.k] = m.memo
			}
		}
		return
	}
	e.keyMap[k] = idx
}

func (e *encoder) bytes(b []byte) {
	n := uint64(len(b))
	switch {
	case n < 1<<8:
		e.buf = append(e.buf, opShortBinBytes, byte(n))
	case n <= math.MaxUint32:
		e.buf = append(e.buf, opBinBytes, byte(n), byte(n>>8), byte(n>>16), byte(n>>24))
	default:
		e.buf = append(e.buf, opBinBytes8, byte(n), byte(n>>8), byte(n>>16), byte(n>>24),
			byte(n>>32), byte(n>>40), byte(n>>48), byte(n>>56))
	}
	e.buf = append(e.buf, b...)
}

func (e *encoder) get(idx int) {
	if idx < 1<<8 {
		e.buf = append(e.buf, opBinGet, byte(idx))
	} else {
		e.buf = append(e.buf, opLongBinGet, byte(idx), byte(idx>>8), byte(idx>>16), byte(idx>>24))
	}
}

// memoize stores the top of the stack and returns its memo index.
func (e *encoder) memoize() int {
	e.buf = append(e.buf, opMemoize)
	e.memo++
	return e.memo - 1
}

func (e *encoder) global(g int) {
	if idx := e.globals[g]; idx != 0 {
		e.get(idx - 1)
		return
	}
	e.str(globalNames[g][0])
	e.str(globalNames[g][1])
	e.buf = append(e.buf, opStackGlobal)
	e.globals[g] = e.memoize() + 1
}

func (e *encoder) list(items []interface{}) error {
	if len(items) == 0 {
		e.buf = append(e.buf, opEmptyList)
		return nil
	}
	k := refKey{unsafe.Pointer(&items[0]), len(items), listType}
	if done, err := e.again(k); done || err != nil {
		return err
	}
	if err := e.enter(); err != nil {
		return err
	}
	e.buf = append(e.buf, opEmptyList)
	e.written(k)
	{
		e.buf = append(e.buf, opMark)
		for i, item := range items {
			if err := e.encode(item); err != nil {
				return atIndex(err, i)
			}
		}
		e.buf = append(e.buf, opAppends)
	}
	e.depth--
	return nil
}

func (e *encoder) strings(items []string) error {
	e.buf = append(e.buf, opEmptyList)
	if len(items) > 0 {
		e.buf = append(e.buf, opMark)
		for _, s := range items {
			e.str(s)
		}
		e.buf = append(e.buf, opAppends)
	}
	return nil
}

func (e *encoder) strMap(m map[string]interface{}) error {
	if len(m) == 0 {
		e.buf = append(e.buf, opEmptyDict)
		return nil
	}
	k := refKey{*(*unsafe.Pointer)(unsafe.Pointer(&m)), 0, dictType}
	if done, err := e.again(k); done || err != nil {
		return err
	}
	if err := e.enter(); err != nil {
		return err
	}
	e.buf = append(e.buf, opEmptyDict)
	e.written(k)
	{
		base, kbase := len(e.pairs), len(e.keys)
		for k, v := range m {
			e.keys = append(e.keys, sortKey{prefix(k), int32(len(e.pairs) - base)})
			e.pairs = append(e.pairs, strPair{k, v})
		}
		pairs := e.pairs[base:]
		sortKeys(e.keys[kbase:], pairs)
		e.buf = append(e.buf, opMark)
		end := len(e.keys)
		for i := kbase; i < end; i++ {
			// By index: nested maps may move e.pairs and e.keys.
			p := e.pairs[base+int(e.keys[i].idx)]
			e.key(p.k)
			if err := e.encode(p.v); err != nil {
				return atKey(err, strconv.Quote(p.k))
			}
		}
		e.buf = append(e.buf, opSetItems)
		// The entries stay referenced until release clears them all at once.
		e.pairs = e.pairs[:base]
		e.keys = e.keys[:kbase]
	}
	e.depth--
	return nil
}

// sortKey orders the entries of a map[string]interface{} without moving them:
// the first 8 bytes of the key (big-endian, zero-padded) decide most
// comparisons, and the entry's index breaks ties with the whole key.
type sortKey struct {
	pre uint64
	idx int32
}

func prefix(s string) uint64 {
	var p uint64
	n := len(s)
	if n > 8 {
		n = 8
	}
	for i := 0; i < n; i++ {
		p |= uint64(s[i]) << (56 - 8*uint(i))
	}
	return p
}

func keyLess(a, b sortKey, pairs []strPair) bool {
	if a.pre != b.pre {
		return a.pre < b.pre
	}
	return pairs[a.idx].k < pairs[b.idx].k
}

// sortKeys sorts keys by key string: quicksort down to insertion sort.
func sortKeys(keys []sortKey, pairs []strPair) {
	for len(keys) > 12 {
		// Median of three to the front, then partition.
		mid, last := len(keys)/2, len(keys)-1
		if keyLess(keys[mid], keys[0], pairs) {
			keys[mid], keys[0] = keys[0], keys[mid]
		}
		if keyLess(keys[last], keys[0], pairs) {
			keys[last], keys[0] = keys[0], keys[last]
		}
		if keyLess(keys[last], keys[mid], pairs) {
			keys[last], keys[mid] = keys[mid], keys[last]
		}
		keys[0], keys[mid] = keys[mid], keys[0]
		pivot := keys[0]
		i, j := 1, last
		for {
			for i <= j && keyLess(keys[i], pivot, pairs) {
				i++
			}
			for i <= j && keyLess(pivot, keys[j], pairs) {
				j--
			}
			if i >= j {
				break
			}
			keys[i], keys[j] = keys[j], keys[i]
			i++
			j--
		}
		keys[0], keys[j] = keys[j], keys[0]
		// Recurse into the smaller side, loop on the larger.
		if j < len(keys)-j {
			sortKeys(keys[:j], pairs)
			keys = keys[j+1:]
		} else {
			sortKeys(keys[j+1:], pairs)
			keys = keys[:j]
		}
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keyLess(keys[j], keys[j-1], pairs); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}

// time writes an aware datetime.datetime in t's own zone offset, built the way
// Python pickles one: datetime(10-byte state, timezone). A time of day (a time on
// 0000-01-01, what time.Parse gives for a layout without a date) is a datetime.time.
func (e *encoder) time(t time.Time) error {
	parts, err := TimeParts(t)
	if err != nil {
		return err
	}
	if parts[0] == 0 {
		return e.clock(parts)
	}
	year, month, day, hour, minute, second, us, offset := parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], int(parts[7])
	e.global(gDatetime)
	e.buf = append(e.buf, opShortBinBytes, 10, byte(year>>8), byte(year), byte(month), byte(day),
		byte(hour), byte(minute), byte(second), byte(us>>16), byte(us>>8), byte(us))
	e.zone(offset)
	e.buf = append(e.buf, opTuple2, opReduce)
	return nil
}

// clock writes a time of day (the TimeParts of a time on 0000-01-01) as an aware
// datetime.time in its zone offset, built the way Python pickles one: time(6-byte
// state, timezone).
func (e *encoder) clock(parts [8]int32) error {
	hour, minute, second, us, offset := parts[3], parts[4], parts[5], parts[6], int(parts[7])
	e.global(gClock)
	e.buf = append(e.buf, opShortBinBytes, 6, byte(hour), byte(minute), byte(second),
		byte(us>>16), byte(us>>8), byte(us))
	e.zone(offset)
	e.buf = append(e.buf, opTuple2, opReduce)
	return nil
}

// TimeParts are the fields of the aware datetime.datetime t is in Python, in t's own zone
// offset: year, month, day, hour, minute, second, microsecond and the offset in seconds; or
// why Python cannot hold t. A time of day (a time on 0000-01-01, what time.Parse gives for a
// layout without a date) has year 0: it is a datetime.time.
func TimeParts(t time.Time) ([8]int32, error) {
	_, offset := t.Zone()
	year, month, day := t.Date()
	hour, minute, second := t.Clock()
	clock := year == 0 && month == time.January && day == 1
	if !clock && (year < 1 || year > 9999) {
		return [8]int32{}, newError(kindValue, fmt.Sprintf("year %d of Go time.Time %s is out of range for Python datetime (1 to 9999)", year, t))
	}
	if offset <= -86400 || offset >= 86400 {
		return [8]int32{}, newError(kindValue, fmt.Sprintf("zone offset %ds of Go time.Time %s is out of range for Python datetime.timezone", offset, t))
	}
	us := t.Nanosecond() / 1000
	return [8]int32{int32(year), int32(month), int32(day), int32(hour), int32(minute), int32(second), int32(us), int32(offset)}, nil
}

// zone writes datetime.timezone(datetime.timedelta(seconds=offset)), once per offset and stream.
func (e *encoder) zone(offset int) {
	for _, z := range e.zones {
		if z.offset == offset {
			e.get(z.memo)
			return
		}
	}
	e.global(gTimezone)
	e.global(gTimedelta)
	days, seconds := 0, offset
	if offset < 0 {
		days, seconds = -1, offset+86400
	}
	e.int(int64(days))
	e.int(int64(seconds))
	e.int(0)
	e.buf = append(e.buf, opTuple3, opReduce, opTuple1, opReduce)
	e.zones = append(e.zones, zoneMemo{offset, e.memoize()})
}

// duration writes datetime.timedelta(days, seconds, microseconds), normalised
// as Python does (0 <= seconds < 86400, 0 <= microseconds < 10**6); the
// nanoseconds are truncated toward zero.
func (e *encoder) duration(d time.Duration) {
	us := int64(d / time.Microsecond)
	const usPerDay = 86400 * 1000000
	days := us / usPerDay
	rest := us % usPerDay
	if rest < 0 {
		days--
		rest += usPerDay
	}
	e.global(gTimedelta)
	e.int(days)
	e.int(rest / 1000000)
	e.int(rest % 1000000)
	e.buf = append(e.buf, opTuple3, opReduce)
}

// array writes array.array(typecode, raw), raw being native-order items.
func (e *encoder) array(typecode byte, raw []byte) {
	e.global(gArray)
	e.buf = append(e.buf, opShortBinUnicode, 1, typecode)
	e.bytes(raw)
	e.buf = append(e.buf, opTuple2, opReduce)
}

// arrayCode is the array.array typecode of a slice or array element kind, or 0.
func arrayCode(elem reflect.Type) byte {
	if elem == durationType {
		return 0
	}
	switch elem.Kind() {
	case reflect.Int8:
		return 'b'
	case reflect.Int16:
		return 'h'
	case reflect.Int32:
		return 'i'
	case reflect.Int64:
		return 'q'
	case reflect.Int:
		return intCode
	case reflect.Uint16:
		return 'H'
	case reflect.Uint32:
		return 'I'
	case reflect.Uint64:
		return 'Q'
	case reflect.Uint:
		return uintCode
	case reflect.Float32:
		return 'f'
	case reflect.Float64:
		return 'd'
	}
	return 0
}

// rawBytes is the memory of a slice or array of plain numbers (one view, no copy).
func rawBytes(rv reflect.Value) []byte {
	n := rv.Len() * int(rv.Type().Elem().Size())
	if n == 0 {
		return nil
	}
	if rv.Kind() == reflect.Slice {
		return unsafe.Slice((*byte)(unsafe.Pointer(rv.Pointer())), n)
	}
	if !rv.CanAddr() {
		c := reflect.New(rv.Type()).Elem()
		c.Set(rv)
		rv = c
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(rv.UnsafeAddr())), n)
}

// value writes anything the fast paths of encode do not cover.
func (e *encoder) value(rv reflect.Value) error {
	if !rv.IsValid() {
		e.buf = append(e.buf, opNone)
		return nil
	}
	t := rv.Type()
	switch t {
	case timeType:
		if rv.CanAddr() {
			return e.time(*(*time.Time)(unsafe.Pointer(rv.UnsafeAddr())))
		}
		return e.time(rv.Interface().(time.Time))
	case durationType:
		e.duration(time.Duration(rv.Int()))
		return nil
	case bigIntType, bigIntPtrType:
		e.bigIntValue(rv)
		return nil
	}
	switch rv.Kind() {
	case reflect.Bool:
		e.bool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.int(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.uint(rv.Uint())
	case reflect.Float32, reflect.Float64:
		e.float(rv.Float())
	case reflect.String:
		if t != stringType && isJSONNumber(t) {
			e.jsonNumber(rv.String())
			return nil
		}
		e.str(rv.String())
	case reflect.Interface:
		if rv.IsNil() {
			e.buf = append(e.buf, opNone)
			return nil
		}
		// An interface of a Go object, or an opaque one (a named one may have no methods:
		// gojq's type ModuleLoader any): its handle. Plain any: what it holds.
		if t.NumMethod() > 0 || t.Name() != "" {
			if info := objectOf(t); info != nil {
				return e.handle(rv, info)
			}
		}
		if elem := rv.Elem(); isValueError(elem) && e.asError(elem) {
			return nil // type Code int with Error(): an error, not the number it is
		}
		return e.encode(rv.Interface())
	case reflect.Ptr:
		if rv.IsNil() {
			e.buf = append(e.buf, opNone)
			return nil
		}
		if info := objectOf(t); info != nil {
			return e.handle(rv, info)
		}
		elem := rv.Elem()
		if elem.Kind() == reflect.Struct && elem.Type() != timeType {
			if info := classOfType(elem.Type()); info != nil {
				return e.pointedObject(rv, elem, info)
			}
			if e.asError(rv) {
				return nil
			}
		}
		// A pointer and what it points to are one level, unless that is a
		// pointer or interface again (type P *P could recurse forever).
		if k := elem.Kind(); k == reflect.Ptr || k == reflect.Interface {
			if err := e.enter(); err != nil {
				return err
			}
			defer func() { e.depth-- }()
		}
		return e.value(elem)
	case reflect.Slice, reflect.Array:
		return e.sequence(rv)
	case reflect.Map:
		return e.mapValue(rv)
	case reflect.Struct:
		info := classOfType(t)
		if info == nil {
			if held := objectOf(t); held != nil { // a Go object's value: a copy, by handle
				return e.handle(rv, held)
			}
		}
		if info == nil && e.asError(rv) {
			return nil
		}
		if info == nil {
			return newError(kindType, fmt.Sprintf("Go type %s has no Python equivalent (a struct type that is not registered)", t))
		}
		return e.object(rv, info)
	default:
		if info := objectOf(t); info != nil { // an opaque value (a functional option)
			return e.handle(rv, info)
		}
		if e.asError(rv) {
			return nil
		}
		return noPython(t)
	}
	return nil
}

func (e *encoder) sequence(rv reflect.Value) error {
	elem := rv.Type().Elem()
	if elem.Kind() == reflect.Uint8 {
		e.bytes(rawBytes(rv))
		return nil
	}
	if code := arrayCode(elem); code != 0 {
		e.array(code, rawBytes(rv))
		return nil
	}
	n := rv.Len()
	if n == 0 {
		e.buf = append(e.buf, opEmptyList)
		return nil
	}
	var k refKey
	shareable := rv.Kind() == reflect.Slice && canShare(elem)
	if shareable {
		k = refKey{unsafe.Pointer(rv.Pointer()), n, rv.Type()}
		if done, err := e.again(k); done || err != nil {
			return err
		}
	}
	if err := e.enter(); err != nil {
		return err
	}
	e.buf = append(e.buf, opEmptyList)
	if shareable {
		e.written(k)
	}
	{
		e.buf = append(e.buf, opMark)
		for i := 0; i < n; i++ {
			if err := e.value(rv.Index(i)); err != nil {
				return atIndex(err, i)
			}
		}
		e.buf = append(e.buf, opAppends)
	}
	e.depth--
	return nil
}

// mapSorter sorts the key, value pairs of a reflected map by key.
type mapSorter struct {
	kv   []reflect.Value
	kind reflect.Kind // reflect.String, reflect.Int or reflect.Uint
}

func (s mapSorter) Len() int { return len(s.kv) / 2 }
func (s mapSorter) Less(i, j int) bool {
	a, b := s.kv[2*i], s.kv[2*j]
	switch s.kind {
	case reflect.String:
		return a.String() < b.String()
	case reflect.Int:
		return a.Int() < b.Int()
	}
	return a.Uint() < b.Uint()
}
func (s mapSorter) Swap(i, j int) {
	s.kv[2*i], s.kv[2*j] = s.kv[2*j], s.kv[2*i]
	s.kv[2*i+1], s.kv[2*j+1] = s.kv[2*j+1], s.kv[2*i+1]
}

func keyClass(k reflect.Kind) reflect.Kind {
	switch k {
	case reflect.String:
		return reflect.String
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return reflect.Int
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return reflect.Uint
	}
	return reflect.Invalid
}

func (e *encoder) mapValue(rv reflect.Value) error {
	t := rv.Type()
	kind := keyClass(t.Key().Kind())
	if t.Key().Kind() == reflect.Interface {
		kind = reflect.Interface
	}
	if kind == reflect.Invalid {
		return newError(kindType, fmt.Sprintf("Go type %s has no Python equivalent (map keys must be strings or integers)", t))
	}
	if rv.Len() == 0 {
		e.buf = append(e.buf, opEmptyDict)
		return nil
	}
	k := refKey{unsafe.Pointer(rv.Pointer()), 0, t}
	shareable := canShare(t.Elem())
	if shareable {
		if done, err := e.again(k); done || err != nil {
			return err
		}
	}
	if err := e.enter(); err != nil {
		return err
	}
	e.buf = append(e.buf, opEmptyDict)
	if shareable {
		e.written(k)
	}
	if kind == reflect.Interface {
		if err := e.anyKeyMap(rv); err != nil {
			return err
		}
	} else {
		base := len(e.rvs)
		it := rv.MapRange()
		for it.Next() {
			e.rvs = append(e.rvs, it.Key(), it.Value())
		}
		end := len(e.rvs)
		sort.Sort(mapSorter{e.rvs[base:end], kind})
		e.buf = append(e.buf, opMark)
		for i := base; i < end; i += 2 {
			k, v := e.rvs[i], e.rvs[i+1]
			var key string
			switch kind {
			case reflect.String:
				key = k.String()
				e.key(key)
			case reflect.Int:
				e.int(k.Int())
			default:
				e.uint(k.Uint())
			}
			if err := e.value(v); err != nil {
				if kind == reflect.String {
					return atKey(err, strconv.Quote(key))
				} else if kind == reflect.Int {
					return atKey(err, strconv.FormatInt(k.Int(), 10))
				}
				return atKey(err, strconv.FormatUint(k.Uint(), 10))
			}
		}
		e.buf = append(e.buf, opSetItems)
		for i := base; i < end; i++ {
			e.rvs[i] = reflect.Value{}
		}
		e.rvs = e.rvs[:base]
	}
	e.depth--
	return nil
}

// object writes an instance of a registered class without calling __init__:
// cls.__new__(cls), then BUILD with the slot state (None, {name: value}).
func (e *encoder) object(rv reflect.Value, info *classInfo) error {
	if !info.isError {
		return e.objectAt(rv, info, refKey{}, nil)
	}
	ptr := reflect.New(rv.Type()) // a copy, for an Error() of the pointer
	ptr.Elem().Set(rv)
	return e.objectAt(rv, info, refKey{}, errorOf(rv, ptr, rv.Type().String()))
}

// pointedObject writes the struct ptr points to, once per stream: the same
// pointer again is the same Python object.
func (e *encoder) pointedObject(ptr, elem reflect.Value, info *classInfo) error {
	k := refKey{unsafe.Pointer(ptr.Pointer()), 0, ptr.Type()}
	if done, err := e.again(k); done || err != nil {
		return err
	}
	if !info.isError {
		return e.objectAt(elem, info, k, nil)
	}
	return e.objectAt(elem, info, k, errorOf(elem, ptr, ptr.Type().String()))
}

// objectAt writes an object; k, when set, names it for later references.
func (e *encoder) objectAt(rv reflect.Value, info *classInfo, k refKey, asError *errorArgs) error {
	if err := e.enter(); err != nil {
		return err
	}
	found := false
	for _, c := range e.classes {
		if c.info == info {
			e.get(c.memo)
			found = true
			break
		}
	}
	if !found {
		e.str(info.module)
		e.str(info.class)
		e.buf = append(e.buf, opStackGlobal)
		e.classes = append(e.classes, classMemo{info, e.memoize()})
	}
	if asError != nil { // cls(message, go_type): the exception's own arguments
		e.errorArgs(asError)
	} else {
		e.buf = append(e.buf, opEmptyTuple, opNewObj)
	}
	if k.t != nil {
		e.written(k)
	}
	e.buf = append(e.buf, opNone, opEmptyDict)
	if len(info.index) > 0 {
		e.buf = append(e.buf, opMark)
		for i, idx := range info.index {
			e.key(info.names[i])
			if err := e.value(rv.Field(idx)); err != nil {
				return atField(err, info.names[i])
			}
		}
		e.buf = append(e.buf, opSetItems)
	}
	e.buf = append(e.buf, opTuple2, opBuild)
	e.depth--
	return nil
}
