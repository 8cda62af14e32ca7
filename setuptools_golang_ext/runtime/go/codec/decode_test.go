package codec

import (
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Pickles written by CPython 3.11's pickle.dumps(value, protocol); the
// comment of each is the value.
var pythonPickles = map[string]string{
	// datetime(2020,1,2,3,4,5,6,tzinfo=timezone(timedelta(hours=-5),'EST')), protocol 2
	"dt_p2": "8002636461746574696d650a6461746574696d650a7100635f636f646563730a656e636f64650a7101580b00000007c3a40102030405000006710258060000006c6174696e317103867104527105636461746574696d650a74696d657a6f6e650a7106636461746574696d650a74696d6564656c74610a71074affffffff4a300b01004b008771085271095803000000455354710a86710b52710c86710d52710e2e",
	// datetime(2021,11,7,1,30,fold=1,tzinfo=ZoneInfo('America/New_York')), protocol 4
	"dt_fold_p4": "80049582000000000000008c086461746574696d65948c086461746574696d65949394430a07e58b07011e00000000948c086275696c74696e73948c07676574617474729493948c087a6f6e65696e666f948c085a6f6e65496e666f9493948c095f756e7069636b6c6594869452948c10416d65726963612f4e65775f596f726b944b0186945294869452942e",
	// datetime(1999,12,31,23,59,59,999999), protocol 3
	"naive_p3": "8003636461746574696d650a6461746574696d650a7100430a07cf0c1f173b3b0f423f71018571025271032e",
	// timedelta(-1,5,7), protocol 2
	"td_p2": "8002636461746574696d650a74696d6564656c74610a71004affffffff4b054b078771015271022e",
	// {1, 2}, protocol 2
	"set_p2": "8002635f5f6275696c74696e5f5f0a7365740a71005d7101284b014b02658571025271032e",
	// [b'ab', b'', bytearray(b'x')], protocol 2
	"bytes_p2": "80025d710028635f636f646563730a656e636f64650a710158020000006162710258060000006c6174696e317103867104527105635f5f6275696c74696e5f5f0a62797465730a710629527107635f5f6275696c74696e5f5f0a6279746561727261790a710868015801000000787109680386710a52710b85710c52710d652e",
	// array('h', [1, -2, 3]), protocol 5
	"array_p5": "80059548000000000000008c056172726179948c145f61727261795f7265636f6e7374727563746f72949394288c056172726179948c0561727261799493948c0168944b0443060100feff030094749452942e",
	// array('d', [1.5]), protocol 2
	"array_p2": "80026361727261790a61727261790a710058010000006471015d7102473ff8000000000000618671035271042e",
	// array('Q', [2**64-1]), protocol 4
	"array_Q_p4": "8004954a000000000000008c056172726179948c145f61727261795f7265636f6e7374727563746f72949394288c056172726179948c0561727261799493948c0151944b0a4308ffffffffffffffff94749452942e",
	// [2**70, -2**70, 2**63, -2**63-1], protocol 5
	"big_p5": "80059531000000000000005d94288a090000000000000000408a090000000000000000c08a090000000000000080008a09ffffffffffffff7fff652e",
}

func pythonPickle(t *testing.T, name string) []byte {
	t.Helper()
	b, err := hex.DecodeString(pythonPickles[name])
	if err != nil || len(b) == 0 {
		t.Fatalf("bad test pickle %s", name)
	}
	return b
}

func mustDecode(t *testing.T, data []byte, target interface{}) {
	t.Helper()
	if err := Decode(data, target); err != nil {
		t.Fatalf("Decode into %T: %v", target, err)
	}
}

func TestDecodePythonPickles(t *testing.T) {
	var tm time.Time
	mustDecode(t, pythonPickle(t, "dt_p2"), &tm)
	name, off := tm.Zone()
	if !tm.Equal(time.Date(2020, 1, 2, 8, 4, 5, 6000, time.UTC)) || name != "EST" || off != -5*3600 {
		t.Errorf("dt_p2: %v", tm)
	}

	mustDecode(t, pythonPickle(t, "dt_fold_p4"), &tm)
	if _, off := tm.Zone(); tm.Location().String() != "America/New_York" || off != -5*3600 ||
		!tm.Equal(time.Date(2021, 11, 7, 6, 30, 0, 0, time.UTC)) {
		t.Errorf("dt_fold_p4 (the second 1:30, EST): %v", tm)
	}
	fold0, err := hex.DecodeString(strings.Replace(pythonPickles["dt_fold_p4"], "07e58b07011e", "07e50b07011e", 1))
	if err != nil {
		t.Fatal(err)
	}
	mustDecode(t, fold0, &tm)
	if !tm.Equal(time.Date(2021, 11, 7, 5, 30, 0, 0, time.UTC)) {
		t.Errorf("dt_fold_p4 with fold 0 (the first 1:30, EDT): %v", tm)
	}

	mustDecode(t, pythonPickle(t, "naive_p3"), &tm)
	if tm.Location() != time.Local || !tm.Equal(time.Date(1999, 12, 31, 23, 59, 59, 999999000, time.Local)) {
		t.Errorf("naive_p3: %v", tm)
	}

	var d time.Duration
	mustDecode(t, pythonPickle(t, "td_p2"), &d)
	if d != -24*time.Hour+5*time.Second+7*time.Microsecond {
		t.Errorf("td_p2: %v", d)
	}

	var ints []int
	mustDecode(t, pythonPickle(t, "set_p2"), &ints)
	if !reflect.DeepEqual(ints, []int{1, 2}) {
		t.Errorf("set_p2: %v", ints)
	}

	var bs [][]byte
	mustDecode(t, pythonPickle(t, "bytes_p2"), &bs)
	if !reflect.DeepEqual(bs, [][]byte{[]byte("ab"), {}, []byte("x")}) {
		t.Errorf("bytes_p2: %q", bs)
	}

	var i16 []int16
	mustDecode(t, pythonPickle(t, "array_p5"), &i16)
	var f32 [3]float32
	mustDecode(t, pythonPickle(t, "array_p5"), &f32)
	if !reflect.DeepEqual(i16, []int16{1, -2, 3}) || f32 != [3]float32{1, -2, 3} {
		t.Errorf("array_p5: %v %v", i16, f32)
	}
	var any interface{}
	mustDecode(t, pythonPickle(t, "array_p5"), &any)
	if !reflect.DeepEqual(any, []interface{}{int(1), int(-2), int(3)}) {
		t.Errorf("array_p5 as interface{}: %#v", any)
	}
	err = Decode(pythonPickle(t, "array_p5"), &[]uint8{})
	wantError(t, err, "OverflowError", "[1]: -2 is out of range for Go uint8")

	var fs []float64
	mustDecode(t, pythonPickle(t, "array_p2"), &fs)
	if !reflect.DeepEqual(fs, []float64{1.5}) {
		t.Errorf("array_p2: %v", fs)
	}

	var us []uint64
	mustDecode(t, pythonPickle(t, "array_Q_p4"), &us)
	if !reflect.DeepEqual(us, []uint64{math.MaxUint64}) {
		t.Errorf("array_Q_p4: %v", us)
	}
	mustDecode(t, pythonPickle(t, "array_Q_p4"), &any) // past int64 inside any: a *big.Int
	if got := any.([]interface{})[0].(*big.Int); got.String() != "18446744073709551615" {
		t.Errorf("array_Q_p4 as interface{}: %v", got)
	}

	var bigs []*big.Int
	mustDecode(t, pythonPickle(t, "big_p5"), &bigs)
	if fmt.Sprint(bigs) != "[1180591620717411303424 -1180591620717411303424 9223372036854775808 -9223372036854775809]" {
		t.Errorf("big_p5 as []*big.Int: %v", bigs)
	}
	var f64s []float64
	mustDecode(t, pythonPickle(t, "big_p5"), &f64s)
	if f64s[0] != math.Ldexp(1, 70) || f64s[1] != -math.Ldexp(1, 70) || f64s[2] != math.Ldexp(1, 63) {
		t.Errorf("big_p5: %v", f64s)
	}
	var i64s []int64
	err = Decode(pythonPickle(t, "big_p5"), &i64s)
	wantError(t, err, "OverflowError", "[0]: 1180591620717411303424 is out of range for Go int64")
	var u64s [4]uint64
	err = Decode(pythonPickle(t, "big_p5"), &u64s)
	wantError(t, err, "OverflowError", "[0]: 1180591620717411303424 is out of range for Go uint64")
}

// intCase is one Go integer type, its bounds and a pointer factory.
type intCase struct {
	name     string
	min, max *big.Int
	target   func() interface{}
}

func bounds(bits int, signed bool) (*big.Int, *big.Int) {
	one := big.NewInt(1)
	if signed {
		max := new(big.Int).Sub(new(big.Int).Lsh(one, uint(bits-1)), one)
		return new(big.Int).Neg(new(big.Int).Add(max, one)), max
	}
	return big.NewInt(0), new(big.Int).Sub(new(big.Int).Lsh(one, uint(bits)), one)
}

// pickleInt is a Python-style pickle of any integer (LONG1, as pickle.dumps writes big ones).
func pickleInt(n *big.Int) []byte {
	if n.IsInt64() {
		b, _ := Encode(n.Int64())
		return b
	}
	if n.IsUint64() {
		b, _ := Encode(n.Uint64())
		return b
	}
	// Two's complement, little-endian, with room for the sign.
	size := n.BitLen()/8 + 1
	mod := new(big.Int).Lsh(big.NewInt(1), uint(8*size))
	v := new(big.Int).Set(n)
	if v.Sign() < 0 {
		v.Add(v, mod)
	}
	be := v.FillBytes(make([]byte, size))
	le := make([]byte, size)
	for i := range be {
		le[size-1-i] = be[i]
	}
	return append(append([]byte{0x80, 4, opLong1, byte(size)}, le...), '.')
}

func TestIntBoundaries(t *testing.T) {
	intBits := 32 << (^uint(0) >> 63)
	cases := []intCase{
		{name: "int8", target: func() interface{} { return new(int8) }},
		{name: "int16", target: func() interface{} { return new(int16) }},
		{name: "int32", target: func() interface{} { return new(int32) }},
		{name: "int64", target: func() interface{} { return new(int64) }},
		{name: "int", target: func() interface{} { return new(int) }},
		{name: "uint8", target: func() interface{} { return new(uint8) }},
		{name: "uint16", target: func() interface{} { return new(uint16) }},
		{name: "uint32", target: func() interface{} { return new(uint32) }},
		{name: "uint64", target: func() interface{} { return new(uint64) }},
		{name: "uint", target: func() interface{} { return new(uint) }},
	}
	for _, c := range cases {
		bits := intBits
		if n := strings.TrimLeft(c.name, "uint"); n != "" {
			fmt.Sscan(n, &bits)
		}
		c.min, c.max = bounds(bits, !strings.HasPrefix(c.name, "u"))
		for _, n := range []*big.Int{c.min, c.max, big.NewInt(0)} {
			target := c.target()
			mustDecode(t, pickleInt(n), target)
			got := fmt.Sprint(reflect.ValueOf(target).Elem().Interface())
			if got != n.String() {
				t.Errorf("%s: %s decoded as %s", c.name, n, got)
			}
			// And back: Encode writes the same number.
			again, err := Encode(reflect.ValueOf(target).Elem().Interface())
			if err != nil {
				t.Fatal(err)
			}
			var back interface{}
			if err := Decode(again, &back); n.IsInt64() && (err != nil || fmt.Sprint(back) != n.String()) {
				t.Errorf("%s: %s encoded back as %v (%v)", c.name, n, back, err)
			}
		}
		one := big.NewInt(1)
		for _, n := range []*big.Int{new(big.Int).Sub(c.min, one), new(big.Int).Add(c.max, one)} {
			err := Decode(pickleInt(n), c.target())
			wantError(t, err, "OverflowError", fmt.Sprintf("%s is out of range for Go %s", n, c.name))
		}
	}
	var b int16
	mustDecode(t, mustEncode(t, true), &b)
	if b != 1 {
		t.Errorf("True as int16: %d", b)
	}
	err := Decode(mustEncode(t, 1.0), &b)
	wantError(t, err, "TypeError", "expected int for Go int16, got float")
	err = Decode(mustEncode(t, "1"), &b)
	wantError(t, err, "TypeError", "expected int for Go int16, got str")
	err = Decode(mustEncode(t, 1), new(uintptr))
	wantError(t, err, "TypeError", "Go type uintptr has no Python equivalent")
}

func TestFloats(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1.5, math.Inf(1), math.Inf(-1), math.MaxFloat64, math.SmallestNonzeroFloat64} {
		var back float64
		mustDecode(t, mustEncode(t, f), &back)
		if back != f || math.Signbit(back) != math.Signbit(f) {
			t.Errorf("%v came back as %v", f, back)
		}
	}
	var nan float64
	mustDecode(t, mustEncode(t, math.NaN()), &nan)
	if !math.IsNaN(nan) {
		t.Errorf("NaN came back as %v", nan)
	}
	var f32 float32
	mustDecode(t, mustEncode(t, float32(0.1)), &f32)
	if f32 != 0.1 {
		t.Errorf("float32 0.1 came back as %v", f32)
	}
	mustDecode(t, mustEncode(t, math.Inf(-1)), &f32)
	if !math.IsInf(float64(f32), -1) {
		t.Errorf("-inf as float32: %v", f32)
	}
	mustDecode(t, mustEncode(t, 7), &f32)
	if f32 != 7 {
		t.Errorf("int 7 as float32: %v", f32)
	}
	err := Decode(mustEncode(t, 1e300), &f32)
	wantError(t, err, "OverflowError", "1e+300 is out of range for Go float32")
	err = Decode(pickleInt(new(big.Int).Lsh(big.NewInt(1), 1024)), &nan)
	if err == nil || err.(*Error).Kind != "OverflowError" {
		t.Errorf("2**1024 as float64: %v", err)
	}
	err = Decode(mustEncode(t, "1.0"), &nan)
	wantError(t, err, "TypeError", "expected float for Go float64, got str")
}

func TestDecodeScalars(t *testing.T) {
	var s string
	mustDecode(t, mustEncode(t, "héllo ☃ \U0001F600"), &s)
	if s != "héllo ☃ \U0001F600" {
		t.Errorf("%q", s)
	}
	err := Decode(mustEncode(t, 5), &s)
	wantError(t, err, "TypeError", "expected str for Go string, got int")
	err = Decode(mustEncode(t, []byte("x")), &s)
	wantError(t, err, "TypeError", "expected str for Go string, got bytes")

	var b bool
	mustDecode(t, mustEncode(t, true), &b)
	err = Decode(mustEncode(t, 1), &b)
	wantError(t, err, "TypeError", "expected bool for Go bool, got int")
	err = Decode(mustEncode(t, nil), &b)
	wantError(t, err, "TypeError", "expected bool for Go bool, got NoneType")

	var p *int
	mustDecode(t, mustEncode(t, nil), &p)
	if p != nil {
		t.Error("None into *int is not nil")
	}
	mustDecode(t, mustEncode(t, 3), &p)
	if p == nil || *p != 3 {
		t.Error("3 into *int")
	}
	var pp **string
	mustDecode(t, mustEncode(t, "x"), &pp)
	if **pp != "x" {
		t.Error("**string")
	}

	type name string
	var n name
	mustDecode(t, mustEncode(t, "typed"), &n)
	if n != "typed" {
		t.Error(n)
	}

	var by []byte
	mustDecode(t, mustEncode(t, []byte{}), &by)
	if by == nil || len(by) != 0 {
		t.Errorf("b'' → %#v", by)
	}
	mustDecode(t, mustEncode(t, []interface{}{1, 2}), &by)
	if string(by) != "\x01\x02" {
		t.Errorf("[1, 2] → %q", by)
	}
	err = Decode(mustEncode(t, "x"), &by)
	wantError(t, err, "TypeError", "expected bytes for Go []uint8, got str")
	var b4 [4]byte
	mustDecode(t, mustEncode(t, []byte("abcd")), &b4)
	if string(b4[:]) != "abcd" {
		t.Error(b4)
	}
	err = Decode(mustEncode(t, []byte("abc")), &b4)
	wantError(t, err, "ValueError", "expected 4 bytes for Go [4]uint8, got 3")

	// Decoded bytes never alias the input.
	data := mustEncode(t, []byte("abc"))
	mustDecode(t, data, &by)
	for i := range data {
		data[i] = 0
	}
	if string(by) != "abc" {
		t.Errorf("aliases the input: %q", by)
	}

	err = Decode(mustEncode(t, 1), s)
	wantError(t, err, "TypeError", "codec.Decode needs a non-nil pointer, got string")
	err = Decode(mustEncode(t, 1), (*int)(nil))
	wantError(t, err, "TypeError", "codec.Decode needs a non-nil pointer, got *int")
	var fn func()
	err = Decode(mustEncode(t, 1), &fn)
	wantError(t, err, "TypeError", "Go type func() has no Python equivalent")
	var e error
	err = Decode(mustEncode(t, 1), &e)
	wantError(t, err, "TypeError", "Go type error has no Python equivalent")
}

func TestDecodeContainers(t *testing.T) {
	var a3 [3]int
	mustDecode(t, mustEncode(t, []interface{}{1, 2, 3}), &a3)
	if a3 != [3]int{1, 2, 3} {
		t.Error(a3)
	}
	err := Decode(mustEncode(t, []interface{}{1, 2}), &a3)
	wantError(t, err, "ValueError", "expected 3 items for Go [3]int, got 2")
	err = Decode(mustEncode(t, []int64{1, 2}), &a3)
	wantError(t, err, "ValueError", "expected 3 items for Go [3]int, got 2")
	err = Decode(mustEncode(t, map[string]int{}), &a3)
	wantError(t, err, "TypeError", "expected list for Go [3]int, got dict")

	var m map[string][]int
	mustDecode(t, mustEncode(t, map[string]interface{}{"a": []interface{}{1}, "b": []int{}}), &m)
	if !reflect.DeepEqual(m, map[string][]int{"a": {1}, "b": {}}) {
		t.Error(m)
	}
	err = Decode(mustEncode(t, map[string]interface{}{"a": []interface{}{1, "x"}}), &m)
	wantError(t, err, "TypeError", `["a"][1]: expected int for Go int, got str`)
	err = Decode(mustEncode(t, map[int]interface{}{5: []interface{}{}}), &m)
	wantError(t, err, "TypeError", "key 5: expected str for Go string, got int")

	var mi map[int8]string
	mustDecode(t, mustEncode(t, map[int]string{-3: "x", 100: "y"}), &mi)
	if !reflect.DeepEqual(mi, map[int8]string{-3: "x", 100: "y"}) {
		t.Error(mi)
	}
	err = Decode(mustEncode(t, map[int]string{300: "x"}), &mi)
	wantError(t, err, "OverflowError", "key 300: 300 is out of range for Go int8")
	err = Decode(mustEncode(t, map[int]int{3: 1}), &mi)
	wantError(t, err, "TypeError", "[3]: expected str for Go string, got int")
	var bad map[float64]int
	err = Decode(mustEncode(t, map[string]int{}), &bad)
	wantError(t, err, "TypeError", "Go type map[float64]int has no Python equivalent (map keys must be strings or integers)")

	var any interface{}
	err = Decode(mustEncode(t, []interface{}{map[int]int{1: 2}}), &any)
	wantError(t, err, "TypeError", "[0]: key 1: expected str keys for Go map[string]interface {} (in Go interface {}), got int")

	var nested [][]map[string]*int
	mustDecode(t, mustEncode(t, []interface{}{[]interface{}{map[string]interface{}{"n": nil, "v": 4}}}), &nested)
	if nested[0][0]["n"] != nil || *nested[0][0]["v"] != 4 {
		t.Error(nested)
	}
}

type point struct {
	X, Y  int
	Label string
}

type stats struct {
	Words int
	Seen  map[string]int
	Top   []point
	When  time.Time
	Took  time.Duration
	Ref   *point
	hide  int
}

func init() {
	Register(reflect.TypeOf(point{}), "geo", "Point", []string{"x", "y", "label"})
	Register(reflect.TypeOf(stats{}), "textstats", "Stats", []string{"Words", "Seen", "Top", "When", "Took", "Ref"})
}

func TestStructs(t *testing.T) {
	s := stats{
		Words: 3, Seen: map[string]int{"a": 1}, Top: []point{{1, 2, "p"}, {3, 4, "q"}},
		When: time.Date(2020, 5, 6, 7, 8, 9, 0, time.UTC), Took: time.Second, Ref: &point{Label: "r"}, hide: 9,
	}
	b := mustEncode(t, s)
	var back stats
	mustDecode(t, b, &back)
	s.hide = 0
	if !reflect.DeepEqual(back.Top, s.Top) || !back.When.Equal(s.When) || *back.Ref != *s.Ref || back.Took != s.Took ||
		back.Words != 3 || back.Seen["a"] != 1 || back.hide != 0 {
		t.Errorf("round trip: %+v", back)
	}
	root, _ := parse(b)
	obj := root.(*pyObject)
	if obj.cls.String() != "textstats.Stats" || !obj.hasState {
		t.Errorf("tree %#v", obj)
	}
	var any interface{}
	mustDecode(t, b, &any)
	if got, ok := any.(stats); !ok || got.Top[1].Label != "q" {
		t.Errorf("as interface{}: %#v", any)
	}

	// From a dict of Python field names; missing fields are zero.
	var p point
	p.Label = "old"
	mustDecode(t, mustEncode(t, map[string]interface{}{"x": 5}), &p)
	if p != (point{X: 5}) {
		t.Error(p)
	}
	err := Decode(mustEncode(t, map[string]interface{}{"Wordz": 1}), &back)
	wantError(t, err, "TypeError", `unknown field "Wordz" for Go struct codec.stats`)
	err = Decode(mustEncode(t, map[string]interface{}{"Seen": map[string]interface{}{"a": "x"}}), &back)
	wantError(t, err, "TypeError", `Seen["a"]: expected int for Go int, got str`)
	err = Decode(mustEncode(t, map[string]interface{}{"Top": []interface{}{p, p, map[string]interface{}{"y": 1.5}}}), &back)
	wantError(t, err, "TypeError", `Top[2].y: expected int for Go int, got float`)
	err = Decode(mustEncode(t, []interface{}{map[string]interface{}{"Top": []interface{}{3}}}), &[]stats{})
	wantError(t, err, "TypeError", `[0].Top[0]: expected geo.Point or dict for Go codec.point, got int`)
	err = Decode(mustEncode(t, map[string]interface{}{"Ref": s}), &back)
	wantError(t, err, "TypeError", `Ref: expected geo.Point or dict for Go codec.point, got textstats.Stats`)
	err = Decode(mustEncode(t, map[int]interface{}{1: 2}), &p)
	wantError(t, err, "TypeError", `expected str field names for Go struct codec.point, got int`)

	// The form Python's __reduce__ gives: REDUCE(cls, (field values...)).
	reduced := pickle("\x8c\x03geo\x8c\x05Point\x93(K\x01K\x02\x8c\x01ptR")
	mustDecode(t, reduced, &p)
	if p != (point{1, 2, "p"}) {
		t.Error(p)
	}
	mustDecode(t, reduced, &any)
	if any != (point{1, 2, "p"}) {
		t.Error(any)
	}
	err = Decode(pickle("\x8c\x03geo\x8c\x05Point\x93(K\x01K\x02tR"), &p)
	wantError(t, err, "ValueError", "expected 3 field values for Go struct codec.point, got 2")
	err = Decode(pickle("\x8c\x03geo\x8c\x05Point\x93(K\x01K\x02\x8c\x01qtR"), &[]point{})
	wantError(t, err, "TypeError", "expected list for Go []codec.point, got geo.Point")
	err = Decode(pickle("\x8c\x03geo\x8c\x05Point\x93(K\x01\x88\x89tR"), &p)
	wantError(t, err, "TypeError", "label: expected str for Go string, got bool")

	// An unregistered struct target.
	type other struct{ A int }
	err = Decode(mustEncode(t, map[string]interface{}{}), &other{})
	wantError(t, err, "TypeError", "Go type codec.other has no Python equivalent (a struct type that is not registered)")
}

func TestUnknownGlobals(t *testing.T) {
	obj := pickle("\x8c\x03mod\x8c\x03Cls\x93)R")
	var any interface{}
	err := Decode(obj, &any)
	wantError(t, err, "TypeError", "unsupported Python global mod.Cls for Go interface {}")
	err = Decode(obj, new(int))
	wantError(t, err, "TypeError", "unsupported Python global mod.Cls for Go int")
	err = Decode(pickle("](\x8c\x02os\x8c\x06system\x93e"), &[]interface{}{})
	wantError(t, err, "TypeError", "[0]: unsupported Python global os.system for Go interface {}")
	err = Decode(pickle("\x8c\x08builtins\x8c\x07complex\x93K\x01K\x02\x86R"), &any)
	wantError(t, err, "TypeError", "unsupported Python global builtins.complex for Go interface {}")
	err = Decode(pickle("\x8c\x08datetime\x8c\x04date\x93C\x04\x07\xe4\x01\x02\x85R"), &time.Time{})
	wantError(t, err, "TypeError", "unsupported Python global datetime.date for Go time.Time")
}

func TestDecodeTime(t *testing.T) {
	// The constructor form: datetime(y, m, d, H, M, S, us, tz).
	tz := "\x8c\x08datetime\x8c\x08timezone\x93\x8c\x08datetime\x8c\x09timedelta\x93K\x00J\xc0\xc7\xff\xffK\x00\x87R\x85R"
	var tm time.Time
	mustDecode(t, pickle("\x8c\x08datetime\x8c\x08datetime\x93(M\xd0\x07K\x02K\x03K\x04K\x05K\x06J\x3f\x42\x0f\x00"+tz+"tR"), &tm)
	if _, off := tm.Zone(); off != -4*3600 || !tm.Equal(time.Date(2000, 2, 3, 8, 5, 6, 999999000, time.UTC)) {
		t.Errorf("got %v", tm)
	}
	err := Decode(pickle("\x8c\x08datetime\x8c\x08datetime\x93(M\xd0\x07K\x0dK\x03tR"), &tm)
	wantError(t, err, "ValueError", "invalid datetime.datetime [2000 13 3 0 0 0 0]")
	err = Decode(pickle("\x8c\x08builtins\x8c\x07getattr\x93\x8c\x08zoneinfo\x8c\x08ZoneInfo\x93\x85R"), &tm)
	wantError(t, err, "ValueError", "unsupported arguments for builtins.getattr: (zoneinfo.ZoneInfo)")
	unknownZone := "\x8c\x08builtins\x8c\x07getattr\x93\x8c\x08zoneinfo\x8c\x08ZoneInfo\x93\x8c\x09_unpickle\x86R\x8c\x0bNo/SuchZoneK\x01\x86R"
	err = Decode(pickle("\x8c\x08datetime\x8c\x08datetime\x93C\x0a\x07\xe4\x01\x02\x00\x00\x00\x00\x00\x00"+unknownZone+"\x86R"), &tm)
	if err == nil || err.(*Error).Kind != "ValueError" || !strings.HasPrefix(err.Error(), `unknown time zone "No/SuchZone"`) {
		t.Errorf("unknown zone: %v", err)
	}
	var d time.Duration
	err = Decode(mustEncode(t, 5), &d)
	wantError(t, err, "TypeError", "expected datetime.timedelta for Go time.Duration, got int")
	huge := "\x8c\x08datetime\x8c\x09timedelta\x93J\x40\x0d\x03\x00K\x00K\x00\x87R" // 200000 days
	err = Decode(pickle(huge), &d)
	wantError(t, err, "OverflowError", "datetime.timedelta(days=200000, seconds=0, microseconds=0) is out of range for Go time.Duration")
	var anyD interface{}
	err = Decode(pickle("]("+huge+"e"), &anyD)
	wantError(t, err, "OverflowError", "[0]: datetime.timedelta(days=200000, seconds=0, microseconds=0) is out of range for Go time.Duration")
	err = Decode(mustEncode(t, "2020-01-01"), &tm)
	wantError(t, err, "TypeError", "expected datetime.datetime for Go time.Time, got str")
}

func TestParseErrors(t *testing.T) {
	cases := map[string]string{
		"":                        "pickle data was truncated",
		"\x80\x04":                "pickle data was truncated",
		"\x80\x04X\x05\x00\x00":   "pickle data was truncated",
		"\x80\x04\x8c\x05ab":      "pickle data was truncated",
		"\x80\x06N.":              "unsupported pickle protocol: 6",
		"\x80\x04P0\n.":           "unsupported pickle opcode PERSID ('P') at offset 2",
		"\x80\x04\x97.":           "unsupported pickle opcode NEXT_BUFFER (0x97) at offset 2",
		"\x80\x04\xff.":           "invalid pickle opcode 0xff at offset 2",
		"\x80\x04.":               "unpickling stack underflow",
		"\x80\x04e.":              "could not find MARK",
		"\x80\x04(K\x01a.":        "unpickling stack underflow",
		"\x80\x04h\x03.":          "memo value not found at index 3",
		"\x80\x04K\x01K\x02R.":    "REDUCE arguments must be a tuple, got int",
		"\x80\x04K\x01)R.":        "REDUCE of a Python int (not a global)",
		"\x80\x04K\x01(K\x02e.":   "cannot APPENDS to a Python int",
		"\x80\x04}(K\x01u.":       "odd number of items for SETITEMS",
		"\x80\x04K\x01K\x01\x93.": "STACK_GLOBAL requires str",
		"\x80\x04]N\x86b.":        "unpickling stack underflow",
		"\x80\x04]Nb.":            "cannot BUILD (set the state of) a Python list",
	}
	for data, want := range cases {
		var v interface{}
		err := Decode([]byte(data), &v)
		wantError(t, err, "ValueError", want)
	}
}

func TestTextOpcodes(t *testing.T) {
	// Protocol 0 (no PROTO opcode): text ints, longs and floats, PUT and GET.
	var v []interface{}
	mustDecode(t, []byte("(lp0\nI1\np1\naI-7\naF1.5\naI01\naI00\naL5L\naNag1\na."), &v)
	if len(v) != 8 || v[0] != int(1) || v[1] != int(-7) || v[2] != 1.5 || v[3] != true || v[4] != false ||
		v[5] != int(5) || v[6] != nil || v[7] != int(1) {
		t.Errorf("%#v", v)
	}
	var u uint64
	mustDecode(t, []byte("L12345678901234567890L\n."), &u)
	if u != 12345678901234567890 {
		t.Error(u)
	}
}

func TestCyclicPickle(t *testing.T) {
	// l = []; l.append(l); pickle.dumps(l, 4): Go code walks an interface{} without end, so a
	// container inside itself is refused where Go would hold it as interface{}.
	data := []byte("\x80\x04\x95\x06\x00\x00\x00\x00\x00\x00\x00]\x94h\x00a.")
	var v interface{}
	err := Decode(data, &v)
	wantError(t, err, "ValueError", "[0]: a list that contains itself cannot cross into Go interface {} (Go code walking it would never end)")
	var typed [][]interface{}
	if err := Decode(data, &typed); err == nil {
		t.Fatal("a cycle through an interface{} element was decoded")
	}
}

// A pickle of a DAG with 2^40 paths (a = [a, a], 40 times) decodes in linear
// time and memory, each shared list becoming one Go slice.
func TestSharedReferencesStayShared(t *testing.T) {
	// The stream pickle.dumps writes: each level memoizes its list and GETs it twice.
	data := []byte{opProto, 4, opEmptyList, opMemoize}
	for i := 1; i <= 40; i++ {
		data = append(data, opEmptyList, opMemoize, opMark, opBinGet, byte(i-1), opBinGet, byte(i-1), opAppends, opPop)
		data = append(data, opBinGet, byte(i))
	}
	data = append(data, opStop)
	var v interface{}
	mustDecode(t, data, &v)
	for depth := 0; depth < 40; depth++ {
		pair := v.([]interface{})
		a, b := pair[0].([]interface{}), pair[1].([]interface{})
		if len(a) > 0 && &a[0] != &b[0] {
			t.Fatalf("level %d: two slices", depth)
		}
		v = a
	}
	var typed []interface{}
	mustDecode(t, data, &typed)

	type tree struct{ L, R *tree }
	Register(reflect.TypeOf(tree{}), "mod", "Tree", []string{"L", "R"})
	// Tree objects: t0 = Tree(); t_i = Tree(L=t_{i-1}, R=t_{i-1}).
	obj := []byte{opProto, 4, 0x8c, 3, 'm', 'o', 'd', 0x8c, 4, 'T', 'r', 'e', 'e', opStackGlobal, opMemoize}
	obj = append(obj, opEmptyTuple, opNewObj, opMemoize, opPop)
	for i := 1; i <= 40; i++ {
		obj = append(obj, opBinGet, 0, opEmptyTuple, opNewObj, opMemoize,
			opNone, opEmptyDict, opMark, 0x8c, 1, 'L', opBinGet, byte(i), 0x8c, 1, 'R', opBinGet, byte(i),
			opSetItems, opTuple2, opBuild, opPop)
	}
	obj = append(obj, opBinGet, 41, opStop)
	var root *tree
	mustDecode(t, obj, &root)
	for n := root; n.L != nil; n = n.L {
		if n.L != n.R {
			t.Fatal("a shared pointer became two")
		}
	}
}

// Every truncation and many random corruptions of valid pickles fail cleanly.
func TestCorruptPickles(t *testing.T) {
	var inputs [][]byte
	for name := range pythonPickles {
		inputs = append(inputs, pythonPickle(t, name))
	}
	inputs = append(inputs, mustEncode(t, stats{Top: []point{{}}, Seen: map[string]int{"a": 1}, When: time.Now()}))
	inputs = append(inputs, mustEncode(t, map[string]interface{}{"a": []interface{}{1.5, "x", []byte("y"), nil, []int16{1}}}))
	rng := rand.New(rand.NewSource(1))
	for _, in := range inputs {
		for i := 0; i < len(in); i++ {
			var v interface{}
			if err := Decode(in[:i], &v); err == nil {
				t.Fatalf("prefix %q decoded", in[:i])
			}
		}
		for i := 0; i < 300; i++ {
			b := append([]byte(nil), in...)
			for j := rng.Intn(3); j >= 0; j-- {
				b[rng.Intn(len(b))] = byte(rng.Intn(256))
			}
			var v interface{}
			_ = Decode(b, &v)
			var s stats
			_ = Decode(b, &s)
		}
	}
}

func TestLessCommonOpcodes(t *testing.T) {
	long4 := append([]byte("\x80\x02\x8b\x09\x00\x00\x00"), 0, 0, 0, 0, 0, 0, 0, 0x80, 0) // LONG4 2**63
	var u uint64
	mustDecode(t, append(long4, '.'), &u)
	if u != 1<<63 {
		t.Errorf("LONG4: %d", u)
	}
	cases := []struct {
		data string
		want interface{}
	}{
		// BINUNICODE8, BINBYTES8, BYTEARRAY8
		{"\x80\x05\x8d\x02\x00\x00\x00\x00\x00\x00\x00hi.", "hi"},
		{"\x80\x05\x8e\x01\x00\x00\x00\x00\x00\x00\x00x.", []byte("x")},
		{"\x80\x05\x96\x01\x00\x00\x00\x00\x00\x00\x00y.", []byte("y")},
		// POP, POP_MARK, DUP, LIST, TUPLE, DICT, FROZENSET, EMPTY_SET + ADDITEMS
		{"\x80\x04K\x01K\x020.", int(1)},
		{"\x80\x04K\x01(K\x02K\x031.", int(1)},
		{"\x80\x04(0K\x07.", int(7)},
		{"\x80\x04K\x012\x86.", []interface{}{int(1), int(1)}},
		{"\x80\x04(K\x01K\x02l.", []interface{}{int(1), int(2)}},
		{"\x80\x04(K\x01K\x02K\x03K\x04t.", []interface{}{int(1), int(2), int(3), int(4)}},
		{"\x80\x04(\x8c\x01aK\x01\x8c\x01bK\x02d.", map[string]interface{}{"a": int(1), "b": int(2)}},
		{"\x80\x04(K\x05\x91.", []interface{}{int(5)}},
		{"\x80\x04\x8f(K\x05K\x06\x90.", []interface{}{int(5), int(6)}},
		// SETITEM, APPEND, BINPUT/LONG_BINPUT/LONG_BINGET, GLOBAL of the Python 2 names
		{"\x80\x02}\x8c\x01kK\x01s.", map[string]interface{}{"k": int(1)}},
		{"\x80\x02]K\x09a.", []interface{}{int(9)}},
		{"\x80\x02(K\x01r\x00\x01\x00\x00j\x00\x01\x00\x00l.", []interface{}{int(1), int(1)}},
		{"\x80\x02c__builtin__\nset\n]K\x01a\x85R.", []interface{}{int(1)}},
		{"\x80\x02c__builtin__\nfrozenset\n)R.", []interface{}{}},
		{"\x80\x02c__builtin__\nbytearray\n\x8c\x02\xc3\xbf\x8c\x06latin1\x86R.", []byte{0xff}},
		// FRAME, and NEWOBJ_EX of a registered class with BUILD state as a plain dict
		{"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00N.", nil},
		{"\x80\x04\x8c\x03geo\x8c\x05Point\x93)}\x92}(\x8c\x01xK\x04ub.", point{X: 4}},
		// The text opcodes of protocol 0
		{"F-2.5\n.", -2.5},
		{"I-3\n.", int(-3)},
	}
	for _, c := range cases {
		var v interface{}
		if err := Decode([]byte(c.data), &v); err != nil {
			t.Errorf("%q: %v", c.data, err)
			continue
		}
		if !reflect.DeepEqual(v, c.want) {
			t.Errorf("%q: got %#v, want %#v", c.data, v, c.want)
		}
	}
	// array._array_reconstructor with big-endian machine formats.
	be := "\x80\x04\x8c\x05array\x8c\x14_array_reconstructor\x93(\x8c\x05array\x8c\x05array\x93\x8c\x01hK\x05C\x04\x00\x01\xff\xfetR."
	var i16 []int16
	mustDecode(t, []byte(be), &i16)
	if !reflect.DeepEqual(i16, []int16{1, -2}) {
		t.Errorf("SIGNED_INT16_BE: %v", i16)
	}
	beD := "\x80\x04\x8c\x05array\x8c\x14_array_reconstructor\x93(\x8c\x05array\x8c\x05array\x93\x8c\x01dK\x11C\x08\x3f\xf8\x00\x00\x00\x00\x00\x00tR."
	var fs []float64
	mustDecode(t, []byte(beD), &fs)
	if !reflect.DeepEqual(fs, []float64{1.5}) {
		t.Errorf("IEEE_754_DOUBLE_BE: %v", fs)
	}
	utf16 := "\x80\x04\x8c\x05array\x8c\x14_array_reconstructor\x93(\x8c\x05array\x8c\x05array\x93\x8c\x01uK\x12C\x02a\x00tR."
	err := Decode([]byte(utf16), &fs)
	wantError(t, err, "ValueError", `array.array of typecode "u" (machine format 18) is not supported`)
}

func TestConcurrentUse(t *testing.T) {
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func(g int) {
			for i := 0; i < 200; i++ {
				v := map[string]interface{}{"g": g, "i": i, "t": time.Unix(int64(i), 0).In(time.FixedZone("", g*3600)),
					"p": point{g, i, strings.Repeat("x", i)}}
				b, err := Encode(v)
				if err != nil {
					done <- err
					return
				}
				var back map[string]interface{}
				if err := Decode(b, &back); err != nil {
					done <- err
					return
				}
				if back["i"] != i || back["p"].(point).Y != i {
					done <- fmt.Errorf("goroutine %d, call %d: %v", g, i, back)
					return
				}
				if i == 100 {
					Register(reflect.TypeOf(struct{ A int }{}), "m", fmt.Sprint("C", g), []string{"a"})
				}
			}
			done <- nil
		}(g)
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

type withLeftOut struct {
	A    int
	Skip func()
	C    string
}

// A field registered with an empty name is left out both ways: not encoded, and zero when
// decoded (an `exclude = ["T.Field"]` of the bindings).
func TestRegisterLeavesOutUnnamedFields(t *testing.T) {
	Register(reflect.TypeOf(withLeftOut{}), "geo", "LeftOut", []string{"A", "", "C"})
	data := mustEncode(t, withLeftOut{A: 1, Skip: func() {}, C: "c"})
	if strings.Contains(string(data), "Skip") {
		t.Errorf("the left-out field was encoded: %q", data)
	}
	var back withLeftOut
	mustDecode(t, data, &back)
	if back.A != 1 || back.C != "c" || back.Skip != nil {
		t.Errorf("got %+v", back)
	}
}
