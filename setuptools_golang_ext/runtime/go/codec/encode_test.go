package codec

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// pickle returns the expected Encode output for the opcodes ops.
func pickle(ops string) []byte { return []byte("\x80\x04" + ops + ".") }

func mustEncode(t *testing.T, v interface{}) []byte {
	t.Helper()
	b, err := Encode(v)
	if err != nil {
		t.Fatalf("Encode(%#v): %v", v, err)
	}
	return b
}

func wantError(t *testing.T, err error, kind, message string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %v (%T), want *Error %s %q", err, err, kind, message)
	}
	if e.Kind != kind || e.Message != message || e.Error() != message {
		t.Fatalf("got %s %q, want %s %q", e.Kind, e.Message, kind, message)
	}
}

func TestEncodeScalarOpcodes(t *testing.T) {
	type myInt int16
	cases := []struct {
		v    interface{}
		want string
	}{
		{nil, "N"},
		{true, "\x88"},
		{false, "\x89"},
		{0, "K\x00"},
		{255, "K\xff"},
		{256, "M\x00\x01"},
		{65535, "M\xff\xff"},
		{65536, "J\x00\x00\x01\x00"},
		{-1, "J\xff\xff\xff\xff"},
		{int32(math.MaxInt32), "J\xff\xff\xff\x7f"},
		{int64(math.MinInt32), "J\x00\x00\x00\x80"},
		{int64(math.MaxInt32) + 1, "\x8a\x08\x00\x00\x00\x80\x00\x00\x00\x00"},
		{int64(math.MinInt64), "\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x80"},
		{uint64(math.MaxUint64), "\x8a\x09\xff\xff\xff\xff\xff\xff\xff\xff\x00"},
		{uint64(math.MaxInt64), "\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x7f"},
		{myInt(-2), "J\xfe\xff\xff\xff"},
		{uint8(7), "K\x07"},
		{1.5, "G\x3f\xf8\x00\x00\x00\x00\x00\x00"},
		{float32(0.1), "G\x3f\xb9\x99\x99\xa0\x00\x00\x00"}, // float32 0.1 exactly
		{"", "\x8c\x00"},
		{"hé", "\x8c\x03h\xc3\xa9"},
		{[]byte{}, "C\x00"},
		{[]byte(nil), "C\x00"},
		{[3]byte{1, 2, 3}, "C\x03\x01\x02\x03"},
		{[]interface{}{}, "]"},
		{[]interface{}{1}, "](K\x01e"},
		{map[string]interface{}{}, "}"},
		{map[string]int(nil), "}"},
		{[]string(nil), "]"},
		{(*int)(nil), "N"},
		{new(int), "K\x00"},
	}
	for _, c := range cases {
		if got := mustEncode(t, c.v); !bytes.Equal(got, pickle(c.want)) {
			t.Errorf("Encode(%#v) = %q, want %q", c.v, got, pickle(c.want))
		}
	}
}

func TestEncodeLongStrings(t *testing.T) {
	for _, n := range []int{255, 256, 65536} {
		s := strings.Repeat("x", n)
		got := mustEncode(t, s)
		var header string
		switch {
		case n < 256:
			header = "\x8c" + string(rune(n))[:1]
			header = "\x8c" + string([]byte{byte(n)})
		default:
			header = "X" + string([]byte{byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)})
		}
		if !bytes.Equal(got, pickle(header+s)) {
			t.Errorf("string of %d bytes: wrong header %q", n, got[:8])
		}
		b := mustEncode(t, []byte(s))
		if n >= 256 && b[2] != 'B' {
			t.Errorf("bytes of %d: opcode %q", n, b[2])
		}
		var back string
		if err := Decode(got, &back); err != nil || back != s {
			t.Errorf("round trip of %d bytes: %v", n, err)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	// Each byte outside a valid sequence becomes U+DC80..U+DCFF (Python's
	// surrogateescape), and comes back as that byte: nothing is lost.
	cases := []string{"a\xffb", "\xe2\x82A", "\xed\xa0\x80", "\xf0\x9f\x98\x80\xc0", "\xc0\xaf", "ok\u00e9\u4e16"}
	for _, in := range cases {
		b := mustEncode(t, in)
		var got string
		if err := Decode(b, &got); err != nil {
			t.Fatal(err)
		}
		if got != in {
			t.Errorf("%q became %q", in, got)
		}
	}
	if b := mustEncode(t, "a\xffb"); !bytes.Contains(b, []byte("a\xed\xb3\xbfb")) {
		t.Errorf("%q", b)
	}
	m := map[string]int{"\xff": 1, "\xfe": 2, "\xc0": 3}
	var back map[string]int
	mustDecode(t, mustEncode(t, m), &back)
	if !reflect.DeepEqual(back, m) {
		t.Errorf("%q", back)
	}
	// A lone surrogate other than U+DC80..U+DCFF has no Go string.
	var s string
	err := Decode([]byte("\x80\x04\x8c\x05a\xed\xa0\x80b."), &s)
	if err == nil || err.(*Error).Kind != "ValueError" || !strings.Contains(err.Error(), "lone surrogate U+D800") {
		t.Fatalf("got %v", err)
	}
	mustDecode(t, []byte("\x80\x04\x8c\x05a\xed\xb3\xbfb."), &s)
	if s != "a\xffb" {
		t.Fatalf("%q", s)
	}
	// U+DCC3 U+DCA9 escape the bytes of "é": not surrogateescape's form, refused.
	err = Decode([]byte("\x80\x04\x8c\x06\xed\xb3\x83\xed\xb2\xa9."), &s)
	if err == nil || !strings.Contains(err.Error(), "escapes of bytes that form valid UTF-8") {
		t.Fatalf("got %v", err)
	}
}

func TestEncodeIsDeterministicAndSorted(t *testing.T) {
	m := map[string]interface{}{}
	for _, k := range []string{"b", "a", "é", "Z", "aa", "", "b2", "c", "d", "e", "f", "g", "h", "i", "j"} {
		m[k] = k
	}
	first := mustEncode(t, m)
	for i := 0; i < 20; i++ {
		if !bytes.Equal(mustEncode(t, m), first) {
			t.Fatal("two encodings of one map differ")
		}
	}
	root, err := parse(first)
	if err != nil {
		t.Fatal(err)
	}
	keys := root.(*pyDict).keys
	for i := 1; i < len(keys); i++ {
		if keys[i-1].(string) >= keys[i].(string) {
			t.Fatalf("keys not sorted: %v", keys)
		}
	}
	ints := map[int8]string{5: "", -3: "", 0: "", -128: "", 127: ""}
	root, _ = parse(mustEncode(t, ints))
	want := []interface{}{int64(-128), int64(-3), int64(0), int64(5), int64(127)}
	if !reflect.DeepEqual(root.(*pyDict).keys, want) {
		t.Errorf("int keys %v, want %v", root.(*pyDict).keys, want)
	}
	uints := map[uint64]bool{math.MaxUint64: true, 0: false, 1 << 63: true}
	root, _ = parse(mustEncode(t, uints))
	if k := root.(*pyDict).keys; k[0] != int64(0) || pyRepr(k[2]) != "18446744073709551615" {
		t.Errorf("uint keys %v", k)
	}
}

func TestEncodeNumberArrays(t *testing.T) {
	intCodeWant := "q"
	if unsafe.Sizeof(int(0)) == 4 {
		intCodeWant = "i"
	}
	type level int16
	cases := []struct {
		v    interface{}
		code string
	}{
		{[]int8{-1, 2}, "b"}, {[]int16{-1, 2}, "h"}, {[]int32{-1, 2}, "i"}, {[]int64{-1, 2}, "q"},
		{[]int{-1, 2}, intCodeWant}, {[]uint16{1, 2}, "H"}, {[]uint32{1, 2}, "I"}, {[]uint64{1, 2}, "Q"},
		{[]uint{1, 2}, strings.ToUpper(intCodeWant)}, {[]float32{1, 2}, "f"}, {[]float64{1, 2}, "d"},
		{[2]float64{1, 2}, "d"}, {[]level{-1, 2}, "h"}, {[]int64(nil), "q"},
	}
	for _, c := range cases {
		got := mustEncode(t, c.v)
		rv := reflect.ValueOf(c.v)
		size := int(rv.Type().Elem().Size())
		var raw []byte
		for i := 0; i < rv.Len(); i++ {
			x := reflect.New(rv.Type().Elem())
			x.Elem().Set(rv.Index(i))
			raw = append(raw, unsafe.Slice((*byte)(unsafe.Pointer(x.Pointer())), size)...)
		}
		want := pickle("\x8c\x05array\x8c\x05array\x93\x94\x8c\x01" + c.code + "C" + string([]byte{byte(len(raw))}) + string(raw) + "\x86R")
		if !bytes.Equal(got, want) {
			t.Errorf("Encode(%#v) = %q, want %q", c.v, got, want)
		}
		back := reflect.New(rv.Type())
		if err := Decode(got, back.Interface()); err != nil {
			t.Fatal(err)
		}
		if rv.Len() > 0 && !reflect.DeepEqual(back.Elem().Interface(), c.v) {
			t.Errorf("round trip of %#v gave %#v", c.v, back.Elem().Interface())
		}
	}
	// Slices of durations and bytes are not arrays.
	got := mustEncode(t, []time.Duration{time.Second})
	if bytes.Contains(got, []byte("array")) {
		t.Errorf("[]time.Duration encoded as an array: %q", got)
	}
	// An array that is not addressable (inside an interface) is copied.
	var x interface{} = [3]int32{7, 8, 9}
	var back []int32
	if err := Decode(mustEncode(t, x), &back); err != nil || !reflect.DeepEqual(back, []int32{7, 8, 9}) {
		t.Errorf("got %v %v", back, err)
	}
}

func TestEncodeNoPythonEquivalent(t *testing.T) {
	type unregistered struct{ A int }
	var fn func()
	cases := []struct {
		v    interface{}
		want string
	}{
		{make(chan int), "Go type chan int has no Python equivalent"},
		{fn, "Go type func() has no Python equivalent"},
		{complex(1, 2), "Go type complex128 has no Python equivalent"},
		{unsafe.Pointer(nil), "Go type unsafe.Pointer has no Python equivalent"},
		{uintptr(1), "Go type uintptr has no Python equivalent"},
		{unregistered{}, "Go type codec.unregistered has no Python equivalent (a struct type that is not registered)"},
		{map[bool]int{}, "Go type map[bool]int has no Python equivalent (map keys must be strings or integers)"},
		{[]interface{}{1, "x", make(chan int)}, "[2]: Go type chan int has no Python equivalent"},
		{map[string]interface{}{"a": map[string][]interface{}{"b c": {0, complex64(1)}}},
			`["a"]["b c"][1]: Go type complex64 has no Python equivalent`},
		{map[int]interface{}{-4: fn}, "[-4]: Go type func() has no Python equivalent"},
	}
	for _, c := range cases {
		_, err := Encode(c.v)
		wantError(t, err, "TypeError", c.want)
	}
}

func TestEncodeTime(t *testing.T) {
	zone := time.FixedZone("X", 5*3600+30*60)
	tm := time.Date(2024, 2, 29, 13, 14, 15, 123456789, zone)
	got := mustEncode(t, tm)
	want := pickle("\x8c\x08datetime\x8c\x08datetime\x93\x94" +
		"C\x0a\x07\xe8\x02\x1d\x0d\x0e\x0f\x01\xe2\x40" +
		"\x8c\x08datetime\x8c\x08timezone\x93\x94\x8c\x08datetime\x8c\x09timedelta\x93\x94" +
		"K\x00M\x58\x4dK\x00\x87R\x85R\x94\x86R")
	if !bytes.Equal(got, want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	var back time.Time
	if err := Decode(got, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(tm.Truncate(time.Microsecond)) {
		t.Errorf("round trip %v, want %v", back, tm)
	}
	if _, off := back.Zone(); off != 5*3600+30*60 {
		t.Errorf("offset %d", off)
	}

	// Globals and zones are written once per stream.
	west := time.FixedZone("W", -7*3600)
	many := []interface{}{tm, tm.In(west), tm, tm.In(west), tm.UTC(), time.Duration(0)}
	got = mustEncode(t, many)
	for word, n := range map[string]int{"\x08datetime\x8c\x08datetime": 1, "timezone": 1, "timedelta": 1} {
		if c := bytes.Count(got, []byte(word)); c != n {
			t.Errorf("%q written %d times", word, c)
		}
	}
	var backs []interface{}
	if err := Decode(got, &backs); err != nil {
		t.Fatal(err)
	}
	for i, v := range many[:5] {
		if !backs[i].(time.Time).Equal(v.(time.Time).Truncate(time.Microsecond)) {
			t.Errorf("[%d] %v != %v", i, backs[i], v)
		}
	}
	_, off := backs[1].(time.Time).Zone()
	if off != -7*3600 {
		t.Errorf("offset %d", off)
	}

	// The zero time is 0001-01-01 UTC, which Python has; the year before is out of range.
	if err := Decode(mustEncode(t, time.Time{}), &back); err != nil || !back.IsZero() {
		t.Errorf("zero time: %v %v", back, err)
	}
	_, err := Encode(time.Time{}.Add(-time.Nanosecond))
	wantError(t, err, "ValueError", "year 0 of Go time.Time 0000-12-31 23:59:59.999999999 +0000 UTC is out of range for Python datetime (1 to 9999)")
	_, err = Encode(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	wantError(t, err, "ValueError", "year 10000 of Go time.Time 10000-01-01 00:00:00 +0000 UTC is out of range for Python datetime (1 to 9999)")
	_, err = Encode(time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", 86400)))
	if err == nil || err.(*Error).Kind != "ValueError" {
		t.Errorf("offset of a day: %v", err)
	}
}

func TestEncodeDuration(t *testing.T) {
	cases := []struct {
		d                     time.Duration
		days, seconds, micros int64
	}{
		{0, 0, 0, 0},
		{time.Nanosecond, 0, 0, 0},
		{-time.Nanosecond, 0, 0, 0},
		{-999, 0, 0, 0},
		{-time.Microsecond, -1, 86399, 999999},
		{-1001, -1, 86399, 999999},
		{-90 * time.Second, -1, 86310, 0},
		{25*time.Hour + 1500*time.Microsecond, 1, 3600, 1500},
		{-48 * time.Hour, -2, 0, 0},
		{math.MaxInt64, 106751, 85636, 854775},
		{math.MinInt64, -106752, 763, 145225},
	}
	for _, c := range cases {
		root, err := parse(mustEncode(t, c.d))
		if err != nil {
			t.Fatal(err)
		}
		td := root.(*pyTimedelta)
		if *td != (pyTimedelta{c.days, c.seconds, c.micros}) {
			t.Errorf("%v: got %v, want (%d, %d, %d)", c.d, td, c.days, c.seconds, c.micros)
		}
		var back time.Duration
		if err := Decode(mustEncode(t, c.d), &back); err != nil {
			t.Fatal(err)
		}
		if want := c.d / time.Microsecond * time.Microsecond; back != want {
			t.Errorf("%v: round trip %v", c.d, back)
		}
	}
}

func TestEncodeDepth(t *testing.T) {
	var v interface{} = "leaf"
	for i := 0; i < maxDepth; i++ {
		v = []interface{}{v}
	}
	b := mustEncode(t, v)
	var back interface{}
	if err := Decode(b, &back); err != nil {
		t.Fatalf("decode %d levels: %v", maxDepth, err)
	}
	_, err := Encode([]interface{}{v})
	if err == nil || err.(*Error).Kind != "ValueError" || !strings.Contains(err.Error(), "nested deeper than 10000") {
		t.Fatalf("got %v", err)
	}
	m := map[string]interface{}{}
	inner := m
	for i := 0; i < maxDepth+5; i++ {
		next := map[string]interface{}{}
		inner["k"] = next
		inner = next
	}
	if _, err := Encode(m); err == nil {
		t.Fatal("deep maps: no error")
	}
}

type node struct {
	Name string
	Next *node
}

func TestEncodeCycle(t *testing.T) {
	Register(reflect.TypeOf(node{}), "mod", "Node", []string{"name", "next"})
	a := &node{Name: "a"}
	a.Next = &node{Name: "b", Next: a}
	b := mustEncode(t, a)
	var back *node
	mustDecode(t, b, &back)
	if back.Name != "a" || back.Next.Name != "b" || back.Next.Next != back {
		t.Fatalf("%+v", back)
	}
	// The encoder is pooled: it works again after a stream with memos.
	b = mustEncode(t, &node{Name: "x", Next: &node{Name: "y"}})
	var again node
	if err := Decode(b, &again); err != nil || again.Next.Name != "y" || again.Next.Next != nil {
		t.Fatalf("%v %+v", err, again)
	}
}

// A DAG of 41 nodes with 2^40 paths is written once per node; a linked list of
// 9,000 nodes is 9,000 levels (a pointer and its struct are one).
func TestEncodeSharedReferences(t *testing.T) {
	Register(reflect.TypeOf(node{}), "mod", "Node", []string{"name", "next"})
	type pair struct{ L, R *pair }
	Register(reflect.TypeOf(pair{}), "mod", "Pair", []string{"L", "R"})
	p := &pair{}
	var list interface{} = []interface{}{}
	m := map[string]interface{}{}
	for i := 0; i < 40; i++ {
		p = &pair{p, p}
		list = []interface{}{list, list}
		m = map[string]interface{}{"a": m, "b": m}
	}
	for _, v := range []interface{}{p, list, m} {
		b := mustEncode(t, v)
		if len(b) > 4000 {
			t.Fatalf("%T: %d bytes", v, len(b))
		}
	}
	var back *pair
	mustDecode(t, mustEncode(t, p), &back)
	if back.L != back.R || back.L.L != back.L.R {
		t.Fatal("not shared after a round trip")
	}
	var head *node
	for i := 0; i < 9000; i++ {
		head = &node{Name: "n", Next: head}
	}
	var decoded *node
	mustDecode(t, mustEncode(t, head), &decoded)
	count := 0
	for n := decoded; n != nil; n = n.Next {
		count++
	}
	if count != 9000 {
		t.Fatal(count)
	}
}

func TestEncodeInterfaceTree(t *testing.T) {
	tm := time.Date(2001, 2, 3, 4, 5, 6, 7000, time.UTC)
	v := map[string]interface{}{
		"s": "x", "i": 3, "i64": int64(-1 << 40), "f": 2.5, "b": false, "n": nil, "t": tm,
		"l": []interface{}{1, "two", []interface{}{}, map[string]interface{}{"z": true}},
		"d": time.Minute, "by": []byte{0, 1}, "u8": uint8(200), "f32": float32(0.5),
		"i32": int32(-7), "u32": uint32(1 << 31), "u64": uint64(1 << 63), "ss": []string{"p", "q"},
		"ai": []int64{1, 2}, "af": []float64{0.25},
	}
	var back interface{}
	u64 := v["u64"]
	delete(v, "u64")
	if err := Decode(mustEncode(t, v), &back); err != nil {
		t.Fatal(err)
	}
	m := back.(map[string]interface{})
	want := map[string]interface{}{
		"s": "x", "i": 3, "i64": -1 << 40, "f": 2.5, "b": false, "n": nil, "t": tm,
		"l": []interface{}{1, "two", []interface{}{}, map[string]interface{}{"z": true}},
		"d": time.Minute, "by": []byte{0, 1}, "u8": 200, "f32": 0.5, "i32": -7,
		"u32": 1 << 31, "ss": []interface{}{"p", "q"},
		"ai": []interface{}{1, 2}, "af": []interface{}{0.25},
	}
	gotT, wantT := m["t"].(time.Time), want["t"].(time.Time)
	if !gotT.Equal(wantT) {
		t.Errorf("t = %v", gotT)
	}
	m["t"] = wantT
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got  %#v\nwant %#v", m, want)
	}
	var u uint64
	if err := Decode(mustEncode(t, uint64(1<<63)), &u); err != nil || u != 1<<63 {
		t.Errorf("uint64 %v %v", u, err)
	}
	v["u64"] = u64 // beyond int64: a *big.Int inside an interface{}
	mustDecode(t, mustEncode(t, v), &back)
	if got := back.(map[string]interface{})["u64"].(*big.Int); got.String() != "9223372036854775808" {
		t.Errorf("u64: %v", got)
	}
}

func TestEncodeManyKeys(t *testing.T) {
	// Random keys sharing long prefixes and holding NUL bytes: the sort's
	// 8-byte prefixes must agree with string order; the key memo (a slice,
	// then a map, then full) must give back the right key everywhere.
	rng := rand.New(rand.NewSource(2))
	alphabet := []string{"\x00", "a", "b", "A", "B", "é", "世"}
	m := map[string]interface{}{}
	for len(m) < 6000 {
		var b strings.Builder
		for i := rng.Intn(14); i > 0; i-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		k := "common-prefix-" + b.String()
		if rng.Intn(4) == 0 {
			k = b.String()
		}
		m[k] = map[string]interface{}{k: len(k), "x": k}
	}
	data := mustEncode(t, m)
	root, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	keys := root.(*pyDict).keys
	for i := 1; i < len(keys); i++ {
		if keys[i-1].(string) >= keys[i].(string) {
			t.Fatalf("keys %q and %q out of order", keys[i-1], keys[i])
		}
	}
	var back map[string]map[string]interface{}
	mustDecode(t, data, &back)
	if len(back) != len(m) {
		t.Fatalf("%d keys came back of %d", len(back), len(m))
	}
	for k, v := range back {
		if v[k] != len(k) || v["x"] != k {
			t.Fatalf("%q: %v", k, v)
		}
	}
}

// A time of day (a time on 0000-01-01) is a datetime.time in its offset, and comes back as
// the same instant on 0000-01-01; other years before 1 are still refused.
func TestTimeOfDayIsADatetimeTime(t *testing.T) {
	clock := time.Date(0, time.January, 1, 15, 4, 5, 250000000, time.FixedZone("x", -7200))
	data := mustEncode(t, clock)
	if !bytes.Contains(data, []byte("\x8c\x04time")) { // the global datetime.time
		t.Fatalf("no datetime.time in %q", data)
	}
	var back time.Time
	mustDecode(t, data, &back)
	if !back.Equal(clock) {
		t.Errorf("got %v, want %v", back, clock)
	}
	if _, offset := back.Zone(); offset != -7200 {
		t.Errorf("offset %d", offset)
	}
	if _, err := Encode(time.Date(0, time.February, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("year 0 on another day was encoded")
	}
}
