package codec

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// readColumns reads a record back: its keys and values in its order.
func readColumns(t *testing.T, record []byte, keyKind, valueKind string) (keys, values []interface{}) {
	t.Helper()
	header := (*[3]int64)(unsafe.Pointer(&record[0]))
	if header[0] != 0 {
		t.Fatalf("the record starts with %x, not 8 zero bytes", record[:8])
	}
	n, keySize := int(header[1]), int(header[2])
	valuesAt := ColumnsHeader + (keySize+7)&^7
	keys = readColumn(t, record[ColumnsHeader:ColumnsHeader+keySize], keyKind, n)
	values = readColumn(t, record[valuesAt:], valueKind, n)
	return keys, values
}

func readColumn(t *testing.T, column []byte, kind string, n int) []interface{} {
	t.Helper()
	items := make([]interface{}, 0, n)
	if kind == "string" {
		if n == 0 {
			return items
		}
		for _, text := range bytes.Split(column, []byte{0}) {
			items = append(items, string(text))
		}
	} else {
		width := 8
		if kind == "bool" {
			width = 1
		}
		for at := 0; at < len(column); at += width {
			word := column[at : at+width]
			switch kind {
			case "bool":
				items = append(items, word[0] == 1)
			case "int64":
				items = append(items, *(*int64)(unsafe.Pointer(&word[0])))
			case "uint64":
				items = append(items, *(*uint64)(unsafe.Pointer(&word[0])))
			case "float64":
				items = append(items, *(*float64)(unsafe.Pointer(&word[0])))
			}
		}
	}
	if len(items) != n {
		t.Fatalf("a %s column of %d items, want %d", kind, len(items), n)
	}
	return items
}

// sameAsEncode checks that MapColumns of m's entries gives Encode's dict: the same keys and
// values in the same order.
func sameAsEncode(t *testing.T, m interface{}, keyKind, valueKind string) {
	t.Helper()
	rv := reflect.ValueOf(m)
	keys := reflect.MakeSlice(reflect.SliceOf(columnType(keyKind)), 0, rv.Len())
	values := reflect.MakeSlice(reflect.SliceOf(columnType(valueKind)), 0, rv.Len())
	for it := rv.MapRange(); it.Next(); {
		keys = reflect.Append(keys, it.Key().Convert(columnType(keyKind)))
		values = reflect.Append(values, it.Value().Convert(columnType(valueKind)))
	}
	record, ok := MapColumns(keys.Interface(), values.Interface())
	if !ok {
		t.Fatalf("MapColumns refused %#v", m)
	}
	gotKeys, gotValues := readColumns(t, record, keyKind, valueKind)
	root, err := parse(mustEncode(t, m))
	if err != nil {
		t.Fatal(err)
	}
	want := &pyDict{}
	if dict, isDict := root.(*pyDict); isDict {
		want = dict
	}
	got, wanted := shown(gotKeys, gotValues), shown(want.keys, want.vals)
	if got != wanted {
		t.Fatalf("MapColumns of %#v:\n%s\nEncode:\n%s", m, got, wanted)
	}
}

// shown is the entries of a dict in their order, every item by type class and value.
func shown(keys, values []interface{}) string {
	var out strings.Builder
	for i := range keys {
		fmt.Fprintf(&out, "%s: %s\n", shownItem(keys[i]), shownItem(values[i]))
	}
	return out.String()
}

func shownItem(item interface{}) string {
	switch x := item.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64) + " (float)"
	}
	return fmt.Sprint(item) // bools; ints of any size (pickled ones past int64 are *big.Int)
}

func columnType(kind string) reflect.Type {
	return map[string]reflect.Type{
		"string": reflect.TypeOf(""), "int64": reflect.TypeOf(int64(0)),
		"uint64": reflect.TypeOf(uint64(0)), "float64": reflect.TypeOf(0.0),
		"bool": reflect.TypeOf(false),
	}[kind]
}

func TestMapColumnsAsEncode(t *testing.T) {
	type name string
	type level int8
	sameAsEncode(t, map[string]int{}, "string", "int64")
	sameAsEncode(t, map[string]int(nil), "string", "int64")
	sameAsEncode(t, map[string]int{"": 1}, "string", "int64")
	sameAsEncode(t, map[string]string{"": ""}, "string", "string")
	sameAsEncode(t, map[string]int{
		"b": 1, "a": -2, "é": 3, "Z": math.MaxInt64, "aa": math.MinInt64, "": 0, "a\xff": 5,
		"\xed\xa0\x80": 6, "\xe2\x82": 7, "€": 8, "abcdefgh": 9, "abcdefghi": 10, "abcdefgh\x01": 11,
	}, "string", "int64")
	sameAsEncode(t, map[name]float32{"x": 1.5, "y": float32(math.Inf(-1)), "z": -0.0}, "string", "float64")
	sameAsEncode(t, map[int8]string{5: "five", -3: "\xff", 0: "", -128: "min", 127: "max"}, "int64", "string")
	sameAsEncode(t, map[level]bool{1: true, -1: false, 0: true}, "int64", "bool")
	sameAsEncode(t, map[uint64]uint64{math.MaxUint64: math.MaxUint64, 0: 0, 1 << 63: 1}, "uint64", "uint64")
	sameAsEncode(t, map[int]float64{math.MinInt64: math.NaN(), -1: 1, 1 << 40: 2}, "int64", "float64")
	// Keys sharing a long prefix, equal in the 8 bytes after it, and one that is the prefix.
	shared := map[string]int{"common-prefix": -1}
	for i := 0; i < 3000; i++ {
		shared["common-prefix-"+strconv.Itoa(i%7)+"-"+strconv.Itoa(i)] = i
	}
	sameAsEncode(t, shared, "string", "int64")
	// Runs of keys equal in their first 8 bytes (no shared prefix), sorted by the rest.
	ties := map[string]int{}
	for i := 0; i < 3000; i++ {
		ties[string(rune('a'+i%3))+"-same--"+strconv.Itoa(i*7919%3001)] = i
	}
	sameAsEncode(t, ties, "string", "int64")
}

func TestMapColumnsRandom(t *testing.T) {
	random := rand.New(rand.NewSource(22))
	alphabet := []string{"a", "b", "\x00a"[1:], "é", "\xff", "\xe2\x82", "zz", "€", "0"}
	for round := 0; round < 200; round++ {
		strs := map[string]int64{}
		ints := map[int64]string{}
		for i := random.Intn(300); i > 0; i-- {
			var key []byte
			for j := random.Intn(14); j > 0; j-- {
				key = append(key, alphabet[random.Intn(len(alphabet))]...)
			}
			number := random.Int63() >> uint(random.Intn(63))
			if random.Intn(2) == 0 {
				number = -number
			}
			strs[string(key)] = number
			ints[number] = string(key)
		}
		sameAsEncode(t, strs, "string", "int64")
		sameAsEncode(t, ints, "int64", "string")
	}
}

func TestMapColumnsRefusesNUL(t *testing.T) {
	if _, ok := MapColumns([]string{"a\x00b"}, []int64{1}); ok {
		t.Error("a key holding NUL was taken")
	}
	if _, ok := MapColumns([]int64{1}, []string{"\x00"}); ok {
		t.Error("a value holding NUL was taken")
	}
}

func TestMapColumnsRecordLayout(t *testing.T) {
	record, _ := MapColumns([]string{"bb", "a"}, []int64{2, 1})
	want := []byte{0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0,
		'a', 0, 'b', 'b', 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0}
	if littleEndian := *(*byte)(unsafe.Pointer(&[]uint16{1}[0])) == 1; littleEndian && !bytes.Equal(record, want) {
		t.Errorf("record %v, want %v", record, want)
	}
}

func BenchmarkMapColumns(b *testing.B) {
	m := make(map[string]int, 100000)
	for i := 0; i < 100000; i++ {
		m["key-"+strconv.Itoa(i)] = i
	}
	b.Run("columns", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			keys := make([]string, 0, len(m))
			values := make([]int64, 0, len(m))
			for k, v := range m {
				keys = append(keys, k)
				values = append(values, int64(v))
			}
			if _, ok := MapColumns(keys, values); !ok {
				b.Fatal("refused")
			}
		}
	})
	b.Run("encode", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := Encode(m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
