// The pickle reader: a pickle stream to a tree of Python values (nodes).

package codec

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Nodes of the tree. Python None, bool, int, float, str and bytes are nil,
// bool, int64 (or *big.Int beyond the int64 range), float64, string and
// []byte; an aware or naive datetime.datetime is a time.Time. Containers are
// pointers, because the memo may reference one before it is filled.

type seqKind uint8

const (
	seqList seqKind = iota
	seqTuple
	seqSet
	seqFrozenSet
)

var seqNames = [...]string{"list", "tuple", "set", "frozenset"}

type pySeq struct {
	kind  seqKind
	items []interface{}
}

type pyDict struct {
	keys, vals []interface{}
}

// pyGlobal is a class or function a pickle names (never imported).
type pyGlobal struct {
	module, name string
}

func (g *pyGlobal) String() string { return g.module + "." + g.name }

// pyObject is what calling a global the codec has no meaning for produced:
// cls(*args) (REDUCE) or cls.__new__(cls, *args) (NEWOBJ), then BUILD's state.
type pyObject struct {
	cls      *pyGlobal
	args     []interface{}
	state    interface{}
	hasState bool
}

type pyTimedelta struct {
	days, seconds, micros int64
}

type pyTimezone struct {
	loc *time.Location
	zi  bool // a zoneinfo.ZoneInfo, not a datetime.timezone
}

// pyArray is an array.array: items in one of the machine formats of
// array._array_reconstructor.
type pyArray struct {
	format int
	data   []byte
}

// Machine format codes of CPython's arraymodule.c.
const (
	mfUint8 = iota
	mfInt8
	mfUint16LE
	mfUint16BE
	mfInt16LE
	mfInt16BE
	mfUint32LE
	mfUint32BE
	mfInt32LE
	mfInt32BE
	mfUint64LE
	mfUint64BE
	mfInt64LE
	mfInt64BE
	mfFloat32LE
	mfFloat32BE
	mfFloat64LE
	mfFloat64BE
	mfCount
)

type machineFormat struct {
	size             int
	signed, float    bool
	bigEndian        bool
	typecode, native byte // the typecode this code maps from; native: 1 if host order
}

var machineFormats [mfCount]machineFormat

var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// cLongSize is the size of C long, the items of array typecodes 'l' and 'L'.
var cLongSize = func() int {
	if runtime.GOOS == "windows" || strconv.IntSize == 32 {
		return 4
	}
	return 8
}()

func init() {
	for code := 0; code < mfCount; code++ {
		f := machineFormat{}
		switch {
		case code <= mfInt8:
			f.size, f.signed = 1, code == mfInt8
		case code <= mfInt16BE:
			f.size, f.signed = 2, code >= mfInt16LE
		case code <= mfInt32BE:
			f.size, f.signed = 4, code >= mfInt32LE
		case code <= mfInt64BE:
			f.size, f.signed = 8, code >= mfInt64LE
		case code <= mfFloat32BE:
			f.size, f.float, f.signed = 4, true, true
		default:
			f.size, f.float, f.signed = 8, true, true
		}
		if f.size > 1 {
			f.bigEndian = (code-mfUint16LE)%2 == 1
		}
		machineFormats[code] = f
	}
}

// nativeFormat is the machine format of an array typecode on this machine, or -1.
func nativeFormat(typecode string) int {
	le := 0
	if !littleEndian {
		le = 1
	}
	sized := func(size int, signed bool) int {
		base := mfUint16LE
		switch size {
		case 4:
			base = mfUint32LE
		case 8:
			base = mfUint64LE
		}
		if signed {
			base += 2
		}
		return base + le
	}
	switch typecode {
	case "b":
		return mfInt8
	case "B":
		return mfUint8
	case "h":
		return sized(2, true)
	case "H":
		return sized(2, false)
	case "i":
		return sized(4, true)
	case "I":
		return sized(4, false)
	case "l":
		return sized(cLongSize, true)
	case "L":
		return sized(cLongSize, false)
	case "q":
		return sized(8, true)
	case "Q":
		return sized(8, false)
	case "f":
		return mfFloat32LE + le
	case "d":
		return mfFloat64LE + le
	}
	return -1
}

func (a *pyArray) len() int { return len(a.data) / machineFormats[a.format].size }

// item returns item i as a node: int64, *big.Int (uint64 beyond int64) or float64.
func (a *pyArray) item(i int) interface{} {
	f := machineFormats[a.format]
	b := a.data[i*f.size : (i+1)*f.size]
	var u uint64
	switch f.size {
	case 1:
		u = uint64(b[0])
	case 2:
		if f.bigEndian {
			u = uint64(binary.BigEndian.Uint16(b))
		} else {
			u = uint64(binary.LittleEndian.Uint16(b))
		}
	case 4:
		if f.bigEndian {
			u = uint64(binary.BigEndian.Uint32(b))
		} else {
			u = uint64(binary.LittleEndian.Uint32(b))
		}
	default:
		if f.bigEndian {
			u = binary.BigEndian.Uint64(b)
		} else {
			u = binary.LittleEndian.Uint64(b)
		}
	}
	switch {
	case f.float && f.size == 4:
		return float64(math.Float32frombits(uint32(u)))
	case f.float:
		return math.Float64frombits(u)
	case f.signed:
		shift := uint(64 - 8*f.size)
		return int64(u<<shift) >> shift
	case u > math.MaxInt64:
		return new(big.Int).SetUint64(u)
	}
	return int64(u)
}

type memoEntry struct {
	v   interface{}
	set bool
}

type parser struct {
	data    []byte
	pos     int
	stack   []interface{}
	marks   []int
	memo    []memoEntry
	sparse  map[uint64]interface{} // memo indices far beyond the others
	memoLen int
	shared  map[interface{}]bool // containers pushed more than once (GET, DUP)
}

// pushAgain pushes a value that is already in the tree: a container becomes shared.
func (p *parser) pushAgain(v interface{}) {
	switch v.(type) {
	case *pySeq, *pyDict, *pyObject, *pyArray:
		if p.shared == nil {
			p.shared = make(map[interface{}]bool)
		}
		p.shared[v] = true
	}
	p.push(v)
}

func errTruncated() error { return newError(kindValue, "pickle data was truncated") }

// parse reads one pickle from data and returns its value.
func parse(data []byte) (interface{}, error) {
	p := &parser{data: data, stack: make([]interface{}, 0, 16)}
	return p.run()
}

func (p *parser) take(n uint64) ([]byte, error) {
	if n > uint64(len(p.data)-p.pos) {
		return nil, errTruncated()
	}
	b := p.data[p.pos : p.pos+int(n)]
	p.pos += int(n)
	return b, nil
}

func (p *parser) byte1() (byte, error) {
	if p.pos >= len(p.data) {
		return 0, errTruncated()
	}
	p.pos++
	return p.data[p.pos-1], nil
}

func (p *parser) uint32le() (uint64, error) {
	b, err := p.take(4)
	if err != nil {
		return 0, err
	}
	return uint64(binary.LittleEndian.Uint32(b)), nil
}

func (p *parser) uint64le() (uint64, error) {
	b, err := p.take(8)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b), nil
}

func (p *parser) line() (string, error) {
	i := bytes.IndexByte(p.data[p.pos:], '\n')
	if i < 0 {
		return "", errTruncated()
	}
	s := string(p.data[p.pos : p.pos+i])
	p.pos += i + 1
	return strings.TrimSuffix(s, "\r"), nil
}

func (p *parser) push(v interface{}) { p.stack = append(p.stack, v) }

// fence is the lowest stack position the current opcode may pop.
func (p *parser) fence() int {
	if len(p.marks) > 0 {
		return p.marks[len(p.marks)-1]
	}
	return 0
}

func (p *parser) pop() (interface{}, error) {
	if len(p.stack) <= p.fence() {
		return nil, newError(kindValue, "unpickling stack underflow")
	}
	v := p.stack[len(p.stack)-1]
	p.stack[len(p.stack)-1] = nil
	p.stack = p.stack[:len(p.stack)-1]
	return v, nil
}

func (p *parser) top() (interface{}, error) {
	if len(p.stack) <= p.fence() {
		return nil, newError(kindValue, "unpickling stack underflow")
	}
	return p.stack[len(p.stack)-1], nil
}

// popMark pops the items above the last MARK; the slice aliases the stack
// and is only valid until the next push.
func (p *parser) popMark() ([]interface{}, error) {
	if len(p.marks) == 0 {
		return nil, newError(kindValue, "could not find MARK")
	}
	m := p.marks[len(p.marks)-1]
	p.marks = p.marks[:len(p.marks)-1]
	items := p.stack[m:]
	p.stack = p.stack[:m]
	return items, nil
}

func copyItems(items []interface{}) []interface{} {
	out := make([]interface{}, len(items))
	copy(out, items)
	return out
}

func (p *parser) memoPut(idx uint64, v interface{}) {
	if idx < uint64(len(p.memo)) {
		if !p.memo[idx].set {
			p.memoLen++
		}
		p.memo[idx] = memoEntry{v, true}
		return
	}
	if idx < uint64(len(p.memo))+1<<16 {
		for uint64(len(p.memo)) < idx {
			p.memo = append(p.memo, memoEntry{})
		}
		p.memo = append(p.memo, memoEntry{v, true})
		p.memoLen++
		return
	}
	if p.sparse == nil {
		p.sparse = map[uint64]interface{}{}
	}
	if _, ok := p.sparse[idx]; !ok {
		p.memoLen++
	}
	p.sparse[idx] = v
}

func (p *parser) memoGet(idx uint64) error {
	if idx < uint64(len(p.memo)) && p.memo[idx].set {
		p.pushAgain(p.memo[idx].v)
		return nil
	}
	if v, ok := p.sparse[idx]; ok {
		p.pushAgain(v)
		return nil
	}
	return newError(kindValue, fmt.Sprintf("memo value not found at index %d", idx))
}

func (p *parser) memoTop(idx uint64) error {
	v, err := p.top()
	if err != nil {
		return err
	}
	p.memoPut(idx, v)
	return nil
}

// decodeLong reads a little-endian two's complement integer.
func decodeLong(b []byte) interface{} {
	if len(b) == 0 {
		return int64(0)
	}
	if len(b) <= 8 {
		var u uint64
		for i := len(b) - 1; i >= 0; i-- {
			u = u<<8 | uint64(b[i])
		}
		shift := uint(64 - 8*len(b))
		return int64(u<<shift) >> shift
	}
	be := make([]byte, len(b))
	for i := range b {
		be[len(b)-1-i] = b[i]
	}
	n := new(big.Int).SetBytes(be)
	if b[len(b)-1]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return normInt(n)
}

// normInt returns n as int64 when it fits, so that *big.Int means "beyond int64".
func normInt(n *big.Int) interface{} {
	if n.IsInt64() {
		return n.Int64()
	}
	return n
}

func parseTextInt(s string) (interface{}, error) {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, nil
	}
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, newError(kindValue, fmt.Sprintf("invalid literal for int() in pickle: %q", s))
	}
	return normInt(n), nil
}

func (p *parser) run() (interface{}, error) {
	for {
		if p.pos >= len(p.data) {
			return nil, errTruncated()
		}
		at := p.pos
		op := p.data[p.pos]
		p.pos++
		var err error
		switch op {
		case opProto:
			var v byte
			if v, err = p.byte1(); err == nil && v > 5 {
				err = newError(kindValue, fmt.Sprintf("unsupported pickle protocol: %d", v))
			}
		case opFrame:
			_, err = p.uint64le()
		case opStop:
			v, err := p.pop()
			if err != nil {
				return nil, err
			}
			return v, nil
		case opMark:
			p.marks = append(p.marks, len(p.stack))
		case opPop:
			if len(p.marks) > 0 && p.marks[len(p.marks)-1] == len(p.stack) {
				p.marks = p.marks[:len(p.marks)-1]
			} else {
				_, err = p.pop()
			}
		case opPopMark:
			_, err = p.popMark()
		case opDup:
			var v interface{}
			if v, err = p.top(); err == nil {
				p.pushAgain(v)
			}
		case opNone:
			p.push(nil)
		case opNewTrue:
			p.push(true)
		case opNewFalse:
			p.push(false)
		case opBinInt:
			var u uint64
			if u, err = p.uint32le(); err == nil {
				p.push(int64(int32(uint32(u))))
			}
		case opBinInt1:
			var b byte
			if b, err = p.byte1(); err == nil {
				p.push(int64(b))
			}
		case opBinInt2:
			var b []byte
			if b, err = p.take(2); err == nil {
				p.push(int64(binary.LittleEndian.Uint16(b)))
			}
		case opLong1:
			var n byte
			var b []byte
			if n, err = p.byte1(); err == nil {
				if b, err = p.take(uint64(n)); err == nil {
					p.push(decodeLong(b))
				}
			}
		case opLong4:
			var n uint64
			var b []byte
			if n, err = p.uint32le(); err == nil {
				if int32(uint32(n)) < 0 {
					err = newError(kindValue, "LONG pickle has negative byte count")
				} else if b, err = p.take(n); err == nil {
					p.push(decodeLong(b))
				}
			}
		case opInt:
			var s string
			if s, err = p.line(); err == nil {
				switch s {
				case "00":
					p.push(false)
				case "01":
					p.push(true)
				default:
					var v interface{}
					if v, err = parseTextInt(s); err == nil {
						p.push(v)
					}
				}
			}
		case opLong:
			var s string
			if s, err = p.line(); err == nil {
				var v interface{}
				if v, err = parseTextInt(strings.TrimSuffix(s, "L")); err == nil {
					p.push(v)
				}
			}
		case opFloat:
			var s string
			if s, err = p.line(); err == nil {
				var f float64
				if f, err = strconv.ParseFloat(s, 64); err != nil {
					err = newError(kindValue, fmt.Sprintf("invalid float in pickle: %q", s))
				} else {
					p.push(f)
				}
			}
		case opBinFloat:
			var b []byte
			if b, err = p.take(8); err == nil {
				p.push(math.Float64frombits(binary.BigEndian.Uint64(b)))
			}
		case opShortBinUnicode, opBinUnicode, opBinUnicode8:
			var b []byte
			if b, err = p.sized(op); err == nil {
				var text string
				if text, err = unescapeSurrogates(b, at); err == nil {
					p.push(text)
				}
			}
		case opShortBinBytes, opBinBytes, opBinBytes8, opByteArray8:
			var b []byte
			if b, err = p.sized(op); err == nil {
				p.push(b)
			}
		case opEmptyList:
			p.push(&pySeq{kind: seqList})
		case opList:
			var items []interface{}
			if items, err = p.popMark(); err == nil {
				p.push(&pySeq{kind: seqList, items: copyItems(items)})
			}
		case opAppend:
			var v, target interface{}
			if v, err = p.pop(); err == nil {
				if target, err = p.top(); err == nil {
					err = addItems(target, seqList, []interface{}{v}, "APPEND")
				}
			}
		case opAppends:
			var items []interface{}
			var target interface{}
			if items, err = p.popMark(); err == nil {
				if target, err = p.top(); err == nil {
					err = addItems(target, seqList, items, "APPENDS")
				}
			}
		case opEmptyTuple:
			p.push(&pySeq{kind: seqTuple})
		case opTuple:
			var items []interface{}
			if items, err = p.popMark(); err == nil {
				p.push(&pySeq{kind: seqTuple, items: copyItems(items)})
			}
		case opTuple1, opTuple2, opTuple3:
			n := int(op-opTuple1) + 1
			if len(p.stack)-p.fence() < n {
				err = newError(kindValue, "unpickling stack underflow")
			} else {
				items := copyItems(p.stack[len(p.stack)-n:])
				p.stack = p.stack[:len(p.stack)-n]
				p.push(&pySeq{kind: seqTuple, items: items})
			}
		case opEmptyDict:
			p.push(&pyDict{})
		case opDict:
			var items []interface{}
			if items, err = p.popMark(); err == nil {
				d := &pyDict{}
				if err = setItems(d, items); err == nil {
					p.push(d)
				}
			}
		case opSetItem:
			var k, v, target interface{}
			if v, err = p.pop(); err == nil {
				if k, err = p.pop(); err == nil {
					if target, err = p.top(); err == nil {
						err = setItems(target, []interface{}{k, v})
					}
				}
			}
		case opSetItems:
			var items []interface{}
			var target interface{}
			if items, err = p.popMark(); err == nil {
				if target, err = p.top(); err == nil {
					err = setItems(target, items)
				}
			}
		case opEmptySet:
			p.push(&pySeq{kind: seqSet})
		case opAddItems:
			var items []interface{}
			var target interface{}
			if items, err = p.popMark(); err == nil {
				if target, err = p.top(); err == nil {
					err = addItems(target, seqSet, items, "ADDITEMS")
				}
			}
		case opFrozenSet:
			var items []interface{}
			if items, err = p.popMark(); err == nil {
				p.push(&pySeq{kind: seqFrozenSet, items: copyItems(items)})
			}
		case opGlobal:
			var module, name string
			if module, err = p.line(); err == nil {
				if name, err = p.line(); err == nil {
					p.push(newGlobal(module, name))
				}
			}
		case opStackGlobal:
			var m, n interface{}
			if n, err = p.pop(); err == nil {
				if m, err = p.pop(); err == nil {
					module, ok1 := m.(string)
					name, ok2 := n.(string)
					if !ok1 || !ok2 {
						err = newError(kindValue, "STACK_GLOBAL requires str")
					} else {
						p.push(newGlobal(module, name))
					}
				}
			}
		case opReduce, opNewObj, opNewObjEx:
			err = p.call(op)
		case opBuild:
			var state, inst interface{}
			if state, err = p.pop(); err == nil {
				if inst, err = p.top(); err == nil {
					if o, ok := inst.(*pyObject); ok {
						o.state, o.hasState = state, true
					} else {
						err = newError(kindValue, fmt.Sprintf("cannot BUILD (set the state of) a Python %s", pyTypeName(inst)))
					}
				}
			}
		case opMemoize:
			err = p.memoTop(uint64(p.memoLen))
		case opPut, opGet:
			var s string
			if s, err = p.line(); err == nil {
				var idx uint64
				if idx, err = strconv.ParseUint(s, 10, 64); err != nil {
					err = newError(kindValue, fmt.Sprintf("invalid memo index in pickle: %q", s))
				} else if op == opPut {
					err = p.memoTop(idx)
				} else {
					err = p.memoGet(idx)
				}
			}
		case opBinPut, opBinGet:
			var b byte
			if b, err = p.byte1(); err == nil {
				if op == opBinPut {
					err = p.memoTop(uint64(b))
				} else {
					err = p.memoGet(uint64(b))
				}
			}
		case opLongBinPut, opLongBinGet:
			var idx uint64
			if idx, err = p.uint32le(); err == nil {
				if op == opLongBinPut {
					err = p.memoTop(idx)
				} else {
					err = p.memoGet(idx)
				}
			}
		default:
			if _, known := opcodeNames[op]; known {
				return nil, newError(kindValue, fmt.Sprintf("unsupported pickle opcode %s at offset %d", opcodeName(op), at))
			}
			return nil, newError(kindValue, fmt.Sprintf("invalid pickle opcode %s at offset %d", opcodeName(op), at))
		}
		if err != nil {
			return nil, err
		}
	}
}

// sized reads the payload of a length-prefixed str or bytes opcode.
func (p *parser) sized(op byte) ([]byte, error) {
	var n uint64
	var err error
	switch op {
	case opShortBinUnicode, opShortBinBytes:
		var b byte
		b, err = p.byte1()
		n = uint64(b)
	case opBinUnicode, opBinBytes:
		n, err = p.uint32le()
	default:
		n, err = p.uint64le()
	}
	if err != nil {
		return nil, err
	}
	return p.take(n)
}

func addItems(target interface{}, kind seqKind, items []interface{}, op string) error {
	s, ok := target.(*pySeq)
	if !ok || s.kind != kind {
		return newError(kindValue, fmt.Sprintf("cannot %s to a Python %s", op, pyTypeName(target)))
	}
	s.items = append(s.items, items...)
	return nil
}

func setItems(target interface{}, items []interface{}) error {
	d, ok := target.(*pyDict)
	if !ok {
		return newError(kindValue, fmt.Sprintf("cannot set items of a Python %s", pyTypeName(target)))
	}
	if len(items)%2 != 0 {
		return newError(kindValue, "odd number of items for SETITEMS")
	}
	for i := 0; i < len(items); i += 2 {
		d.keys = append(d.keys, items[i])
		d.vals = append(d.vals, items[i+1])
	}
	return nil
}

// newGlobal names a global, undoing the renames of protocol 2's fix_imports.
func newGlobal(module, name string) *pyGlobal {
	switch module {
	case "__builtin__":
		module = "builtins"
	case "copy_reg":
		module = "copyreg"
	case "UserDict", "UserList":
		module = "collections"
	}
	return &pyGlobal{module, name}
}

// call runs REDUCE, NEWOBJ or NEWOBJ_EX.
func (p *parser) call(op byte) error {
	if op == opNewObjEx {
		if _, err := p.pop(); err != nil { // kwargs
			return err
		}
	}
	a, err := p.pop()
	if err != nil {
		return err
	}
	f, err := p.pop()
	if err != nil {
		return err
	}
	args, ok := a.(*pySeq)
	if !ok || args.kind != seqTuple {
		return newError(kindValue, fmt.Sprintf("%s arguments must be a tuple, got %s", opcodeNames[op], pyTypeName(a)))
	}
	g, ok := f.(*pyGlobal)
	if !ok {
		return newError(kindValue, fmt.Sprintf("%s of a Python %s (not a global)", opcodeNames[op], pyTypeName(f)))
	}
	var v interface{}
	if op == opReduce {
		v, err = reduce(g, args.items)
	} else {
		v = &pyObject{cls: g, args: args.items}
	}
	if err != nil {
		return err
	}
	p.push(v)
	return nil
}

func argError(g *pyGlobal, args []interface{}) error {
	types := make([]string, len(args))
	for i, a := range args {
		types[i] = pyTypeName(a)
	}
	return newError(kindValue, fmt.Sprintf("unsupported arguments for %s: (%s)", g, strings.Join(types, ", ")))
}

// reduce evaluates g(*args) for the globals the codec understands; any other
// call becomes a pyObject, an error unless it is a registered class.
func reduce(g *pyGlobal, args []interface{}) (interface{}, error) {
	switch g.String() {
	case "datetime.datetime":
		return makeDatetime(g, args)
	case "datetime.time":
		return makeClock(g, args)
	case "datetime.timedelta":
		var td pyTimedelta
		parts := []*int64{&td.days, &td.seconds, &td.micros}
		if len(args) > 3 {
			return nil, argError(g, args)
		}
		for i, a := range args {
			switch x := a.(type) {
			case int64:
				*parts[i] = x
			case *big.Int:
				return nil, newError(kindOverflow, fmt.Sprintf("datetime.timedelta argument %s is out of range", x))
			default:
				return nil, argError(g, args)
			}
		}
		return &td, nil
	case "datetime.timezone":
		return makeTimezone(g, args)
	case "zoneinfo.ZoneInfo._unpickle", "zoneinfo._zoneinfo.ZoneInfo._unpickle":
		if len(args) < 1 {
			return nil, argError(g, args)
		}
		key, ok := args[0].(string)
		if !ok {
			return nil, argError(g, args)
		}
		loc, err := time.LoadLocation(key)
		if err != nil {
			return nil, newError(kindValue, fmt.Sprintf("unknown time zone %q for Go time.LoadLocation: %v", key, err))
		}
		return &pyTimezone{loc: loc, zi: true}, nil
	case "builtins.getattr":
		if len(args) == 2 {
			if obj, ok := args[0].(*pyGlobal); ok {
				if name, ok := args[1].(string); ok {
					return &pyGlobal{obj.module, obj.name + "." + name}, nil
				}
			}
		}
		return nil, argError(g, args)
	case "_codecs.encode":
		if len(args) == 2 {
			if s, ok := args[0].(string); ok {
				if enc, ok := args[1].(string); ok {
					return encodeStr(s, enc)
				}
			}
		}
		return nil, argError(g, args)
	case "builtins.bytes", "builtins.bytearray":
		switch len(args) {
		case 0:
			return []byte{}, nil
		case 1:
			if b, ok := args[0].([]byte); ok {
				return b, nil
			}
		case 2:
			if s, ok := args[0].(string); ok {
				if enc, ok := args[1].(string); ok {
					return encodeStr(s, enc)
				}
			}
		}
		return nil, argError(g, args)
	case "builtins.set", "builtins.frozenset":
		kind := seqSet
		if g.name == "frozenset" {
			kind = seqFrozenSet
		}
		switch len(args) {
		case 0:
			return &pySeq{kind: kind}, nil
		case 1:
			if s, ok := args[0].(*pySeq); ok {
				return &pySeq{kind: kind, items: copyItems(s.items)}, nil
			}
		}
		return nil, argError(g, args)
	case "collections.OrderedDict", "collections.defaultdict", "builtins.dict":
		// Their items follow (SETITEMS); defaultdict's factory does not cross.
		if g.name == "defaultdict" || len(args) == 0 {
			return &pyDict{}, nil
		}
		return nil, argError(g, args)
	case "collections.Counter":
		switch len(args) {
		case 0:
			return &pyDict{}, nil
		case 1:
			if d, ok := args[0].(*pyDict); ok {
				return &pyDict{keys: copyItems(d.keys), vals: copyItems(d.vals)}, nil
			}
		}
		return nil, argError(g, args)
	case "collections.deque", "builtins.list":
		// Their items follow (APPENDS); deque's maxlen does not cross.
		if len(args) == 0 || (g.name == "deque" && isEmptySeq(args[0])) {
			return &pySeq{kind: seqList}, nil
		}
		return nil, argError(g, args)
	case "builtins.range", "builtins.xrange": // xrange: protocol 2's fix_imports
		return makeRange(g, args)
	case "array.array":
		if len(args) < 1 || len(args) > 2 {
			return nil, argError(g, args)
		}
		code, ok := args[0].(string)
		format := nativeFormat(code)
		if !ok || format < 0 {
			return nil, newError(kindValue, fmt.Sprintf("array.array typecode %s is not supported", pyRepr(args[0])))
		}
		if len(args) == 1 {
			return &pyArray{format: format}, nil
		}
		switch x := args[1].(type) {
		case *pySeq:
			return &pySeq{kind: seqList, items: copyItems(x.items)}, nil
		case []byte:
			return newArray(format, x)
		}
		return nil, argError(g, args)
	case "array._array_reconstructor":
		if len(args) == 4 {
			mf, ok1 := args[2].(int64)
			data, ok2 := args[3].([]byte)
			if ok1 && ok2 {
				if mf < 0 || mf >= mfCount {
					return nil, newError(kindValue, fmt.Sprintf("array.array of typecode %s (machine format %d) is not supported", pyRepr(args[1]), mf))
				}
				return newArray(int(mf), data)
			}
		}
		return nil, argError(g, args)
	case "copyreg._reconstructor":
		if len(args) >= 1 {
			if cls, ok := args[0].(*pyGlobal); ok {
				return &pyObject{cls: cls}, nil
			}
		}
		return nil, argError(g, args)
	}
	return &pyObject{cls: g, args: args}, nil
}

func newArray(format int, data []byte) (interface{}, error) {
	if len(data)%machineFormats[format].size != 0 {
		return nil, newError(kindValue, "array.array data is not a whole number of items")
	}
	return &pyArray{format: format, data: data}, nil
}

func encodeStr(s, encoding string) (interface{}, error) {
	switch strings.ToLower(strings.Replace(encoding, "_", "-", -1)) {
	case "latin1", "latin-1", "iso-8859-1", "iso8859-1":
		out := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xFF {
				return nil, newError(kindValue, fmt.Sprintf("character %U cannot be encoded as latin-1", r))
			}
			out = append(out, byte(r))
		}
		return out, nil
	case "utf-8", "utf8":
		return []byte(s), nil
	}
	return nil, newError(kindValue, fmt.Sprintf("unsupported encoding %q in pickle", encoding))
}

// stateBytes is a datetime pickle state: bytes, or (from Python 2) a latin-1 str.
func stateBytes(v interface{}) ([]byte, bool) {
	switch x := v.(type) {
	case []byte:
		return x, true
	case string:
		b, err := encodeStr(x, "latin1")
		if err != nil {
			return nil, false
		}
		return b.([]byte), true
	}
	return nil, false
}

// makeClock is a datetime.time, from its pickle state: Go's time of day, a time.Time on
// 0000-01-01 (as time.Parse gives for a layout without a date), in its timezone's offset
// (naive: UTC, as a time of day has no date to find a local offset for).
func makeClock(g *pyGlobal, args []interface{}) (interface{}, error) {
	state, ok := stateBytes(firstArg(args))
	if !ok || len(args) > 2 || len(state) != 6 {
		return nil, argError(g, args)
	}
	hour, minute, second := int(state[0]&0x7F), int(state[1]), int(state[2]) // bit 7: fold
	us := int(state[3])<<16 | int(state[4])<<8 | int(state[5])
	if hour > 23 || minute > 59 || second > 59 || us > 999999 {
		return nil, newError(kindValue, fmt.Sprintf("invalid datetime.time %v", state))
	}
	loc := time.UTC
	if len(args) == 2 {
		switch z := args[1].(type) {
		case nil:
		case *pyTimezone:
			if z.zi {
				return nil, newError(kindValue, "a datetime.time with a zoneinfo.ZoneInfo has no offset for Go time.Time: use a datetime.timezone")
			}
			loc = z.loc
		default:
			return nil, newError(kindValue, fmt.Sprintf("unsupported tzinfo %s for Go time.Time", pyTypeName(args[1])))
		}
	}
	return time.Date(0, time.January, 1, hour, minute, second, us*1000, loc), nil
}

func makeDatetime(g *pyGlobal, args []interface{}) (interface{}, error) {
	var f [7]int64 // year, month, day, hour, minute, second, microsecond
	var tz interface{}
	fold := false
	if state, ok := stateBytes(firstArg(args)); ok && len(args) <= 2 {
		if len(state) != 10 {
			return nil, newError(kindValue, "bad datetime.datetime pickle state")
		}
		f[0] = int64(state[0])<<8 | int64(state[1])
		f[1] = int64(state[2] & 0x7F) // bit 7: fold (Python 3.6+)
		fold = state[2]&0x80 != 0
		for i := 2; i < 6; i++ {
			f[i] = int64(state[i+1])
		}
		f[6] = int64(state[7])<<16 | int64(state[8])<<8 | int64(state[9])
		if len(args) == 2 {
			tz = args[1]
		}
	} else {
		if len(args) < 3 || len(args) > 8 {
			return nil, argError(g, args)
		}
		for i, a := range args {
			if i == 7 {
				tz = a
				break
			}
			n, ok := a.(int64)
			if !ok {
				return nil, argError(g, args)
			}
			f[i] = n
		}
	}
	if f[0] < 1 || f[0] > 9999 || f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > int64(daysIn(time.Month(f[1]), int(f[0]))) ||
		f[3] < 0 || f[3] > 23 || f[4] < 0 || f[4] > 59 || f[5] < 0 || f[5] > 59 || f[6] < 0 || f[6] > 999999 {
		return nil, newError(kindValue, fmt.Sprintf("invalid datetime.datetime %v", f))
	}
	loc, fixed := time.Local, false
	switch z := tz.(type) {
	case nil:
	case *pyTimezone:
		loc, fixed = z.loc, !z.zi
	default:
		return nil, newError(kindValue, fmt.Sprintf("unsupported tzinfo %s for Go time.Time", pyTypeName(tz)))
	}
	t := time.Date(int(f[0]), time.Month(f[1]), int(f[2]), int(f[3]), int(f[4]), int(f[5]), int(f[6])*1000, loc)
	if !fixed {
		t = resolveFold(t, f, loc, fold)
	}
	return t, nil
}

// resolveFold picks, for a wall clock that happens twice in loc (the hour a
// change of offset repeats), the first instant (fold 0) or the second (fold 1),
// as Python does; time.Date leaves that choice unspecified.
func resolveFold(t time.Time, f [7]int64, loc *time.Location, fold bool) time.Time {
	wall := time.Date(int(f[0]), time.Month(f[1]), int(f[2]), int(f[3]), int(f[4]), int(f[5]), int(f[6])*1000, time.UTC)
	best, found := t, false
	for _, near := range [...]time.Time{t.Add(-6 * time.Hour), t, t.Add(6 * time.Hour)} {
		_, off := near.Zone()
		u := wall.Add(-time.Duration(off) * time.Second).In(loc)
		if _, o := u.Zone(); o != off {
			continue // this offset is not in effect at that wall clock
		}
		if !found || (fold && u.After(best)) || (!fold && u.Before(best)) {
			best, found = u, true
		}
	}
	return best
}

func firstArg(args []interface{}) interface{} {
	if len(args) == 0 {
		return nil
	}
	return args[0]
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func makeTimezone(g *pyGlobal, args []interface{}) (interface{}, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, argError(g, args)
	}
	td, ok := args[0].(*pyTimedelta)
	if !ok {
		return nil, argError(g, args)
	}
	name := ""
	if len(args) == 2 {
		if name, ok = args[1].(string); !ok {
			return nil, argError(g, args)
		}
	}
	us, err := td.micros64()
	if err != nil {
		return nil, err
	}
	if us%1000000 != 0 {
		return nil, newError(kindValue, "datetime.timezone offsets with microseconds have no Go equivalent")
	}
	offset := us / 1000000
	if offset <= -86400 || offset >= 86400 {
		return nil, newError(kindValue, "datetime.timezone offset must be strictly between -24 and 24 hours")
	}
	return &pyTimezone{loc: time.FixedZone(name, int(offset))}, nil
}

// micros64 is the timedelta in microseconds (OverflowError beyond int64).
func (td *pyTimedelta) micros64() (int64, error) {
	total := new(big.Int).Mul(big.NewInt(td.days), big.NewInt(86400000000))
	total.Add(total, new(big.Int).Mul(big.NewInt(td.seconds), big.NewInt(1000000)))
	total.Add(total, big.NewInt(td.micros))
	if !total.IsInt64() {
		return 0, newError(kindOverflow, fmt.Sprintf("%s is out of range for Go time.Duration", td))
	}
	return total.Int64(), nil
}

// duration converts to time.Duration (OverflowError beyond about ±292 years).
func (td *pyTimedelta) duration() (time.Duration, error) {
	us, err := td.micros64()
	if err != nil {
		return 0, err
	}
	const limit = math.MaxInt64 / int64(time.Microsecond)
	if us > limit || us < -limit {
		return 0, newError(kindOverflow, fmt.Sprintf("%s is out of range for Go time.Duration", td))
	}
	return time.Duration(us) * time.Microsecond, nil
}

func (td *pyTimedelta) String() string {
	return fmt.Sprintf("datetime.timedelta(days=%d, seconds=%d, microseconds=%d)", td.days, td.seconds, td.micros)
}

// pyTypeName is the Python type of a node, for messages.
func pyTypeName(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case int64, *big.Int:
		return "int"
	case float64:
		return "float"
	case string:
		return "str"
	case []byte:
		return "bytes"
	case *pySeq:
		return seqNames[x.kind]
	case *pyDict:
		return "dict"
	case time.Time:
		return "datetime.datetime"
	case *pyTimedelta:
		return "datetime.timedelta"
	case *pyTimezone:
		if x.zi {
			return "zoneinfo.ZoneInfo"
		}
		return "datetime.timezone"
	case *pyArray:
		return "array.array"
	case *pyGlobal:
		return x.String()
	case *pyObject:
		return x.cls.String()
	}
	return fmt.Sprintf("%T", v)
}

// pyRepr is a short Python repr of a scalar node, for messages.
func pyRepr(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		return strconv.FormatInt(x, 10)
	case *big.Int:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		if len(x) > 40 {
			x = x[:40] + "..."
		}
		return strconv.Quote(x)
	}
	return pyTypeName(v)
}

// unescapeSurrogates is the Go string of a pickled str's bytes (UTF-8, with
// the lone surrogates Python's "surrogatepass" writes). U+DC80..U+DCFF stand
// for the bytes 0x80..0xFF (Python's surrogateescape: how str holds bytes that
// are not UTF-8, and how the encoder writes them), and become those bytes;
// any other surrogate has no Go string and is an error, as str.encode() raises
// for a str argument.
func unescapeSurrogates(b []byte, at int) (string, error) {
	if utf8.Valid(b) {
		return string(b), nil
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size > 1 {
			out = append(out, b[i:i+size]...)
			i += size
			continue
		}
		if i+2 < len(b) && b[i] == 0xED && b[i+1] >= 0xA0 && b[i+1] <= 0xBF && b[i+2] >= 0x80 && b[i+2] <= 0xBF {
			cp := 0xD000 | int(b[i+1]&0x3F)<<6 | int(b[i+2]&0x3F)
			if cp < 0xDC80 || cp > 0xDCFF {
				return "", newError(kindValue, fmt.Sprintf("str holds the lone surrogate U+%04X, which has no UTF-8 form for a Go string (only U+DC80..U+DCFF, Python's surrogateescape of the bytes 0x80..0xFF, cross)", cp))
			}
			out = append(out, byte(cp-0xDC00))
			i += 3
			continue
		}
		return "", newError(kindValue, fmt.Sprintf("invalid UTF-8 in the str at offset %d of the pickle", at))
	}
	if escapeInvalidUTF8(string(out)) != string(b) {
		// U+DCC3 U+DCA9 would be the bytes of "é": surrogateescape never makes that, and
		// the way back would give "é", another str.
		return "", newError(kindValue, "str holds U+DC80..U+DCFF escapes of bytes that form valid UTF-8, which surrogateescape never makes (they would come back as other characters)")
	}
	return string(out), nil
}

func isEmptySeq(n interface{}) bool {
	s, ok := n.(*pySeq)
	return ok && len(s.items) == 0
}

// maxRangeItems bounds the list a range becomes: beyond it Go could run out of
// memory, which ends the process (pass an array.array, raw memory, instead).
const maxRangeItems = 1 << 24

// makeRange is the list of the ints of range(start, stop, step).
func makeRange(g *pyGlobal, args []interface{}) (interface{}, error) {
	if len(args) != 3 {
		return nil, argError(g, args)
	}
	var bounds [3]int64
	for i, a := range args {
		n, ok := a.(int64)
		if !ok || n < -1<<62 || n > 1<<62 {
			return nil, newError(kindValue, fmt.Sprintf("range(%s, %s, %s) is too long to cross (pass an array.array)", pyRepr(args[0]), pyRepr(args[1]), pyRepr(args[2])))
		}
		bounds[i] = n
	}
	start, stop, step := bounds[0], bounds[1], bounds[2]
	if step == 0 {
		return nil, argError(g, args)
	}
	var count int64
	if step > 0 && stop > start {
		count = (stop - start + step - 1) / step
	} else if step < 0 && stop < start {
		count = (start - stop - step - 1) / -step
	}
	if count > maxRangeItems {
		return nil, newError(kindValue, fmt.Sprintf("range of %d items is too long to cross as a list (at most %d; pass an array.array)", count, maxRangeItems))
	}
	items := make([]interface{}, count)
	for i := range items {
		items[i] = start + int64(i)*step
	}
	return &pySeq{kind: seqList, items: items}, nil
}

// userData is the data of a collections.UserDict or UserList (what they
// pickle as: an object whose state is {"data": ...}), else n itself.
func userData(n interface{}) interface{} {
	o, ok := n.(*pyObject)
	if !ok || o.cls.module != "collections" || (o.cls.name != "UserDict" && o.cls.name != "IterableUserDict" && o.cls.name != "UserList") {
		return n
	}
	if d, ok := o.state.(*pyDict); ok && len(d.keys) == 1 && d.keys[0] == "data" {
		return d.vals[0]
	}
	return n
}
