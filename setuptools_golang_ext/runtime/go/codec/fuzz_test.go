package codec

import (
	"encoding/hex"
	"reflect"
	"testing"
	"time"
)

type fuzzRecord struct {
	Name  string
	Items []int64
	Next  *fuzzRecord
	Tags  map[string]interface{}
	When  time.Time
	Span  time.Duration
	Ratio float32
}

func init() {
	Register(reflect.TypeOf(fuzzRecord{}), "fuzz", "Record", []string{"Name", "Items", "Next", "Tags", "When", "Span", "Ratio"})
}

// FuzzDecode feeds hostile pickles to Decode: it never panics, never runs
// away (a DAG or cycle costs its nodes), and every failure is an *Error of
// one of the three kinds. CI runs it briefly (tests/test_codec.py); run it
// longer with go test -run='^$' -fuzz=FuzzDecode -fuzztime=10m.
func FuzzDecode(f *testing.F) {
	for _, h := range pythonPickles {
		data, err := hex.DecodeString(h)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	tree := map[string]interface{}{"a": []interface{}{int64(1), "x\xff", 2.5, nil, true}}
	shared := &fuzzRecord{Name: "n", Items: []int64{1, 2}}
	for _, v := range []interface{}{
		tree,
		&fuzzRecord{Name: "r", Next: shared, Tags: tree, When: time.Unix(1, 0), Span: time.Second, Ratio: 0.5},
		[]interface{}{tree, tree},
		[]*fuzzRecord{shared, shared},
	} {
		data, err := Encode(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		targets := []interface{}{
			new(interface{}), new(fuzzRecord), new(*fuzzRecord), new([]int32),
			new(map[string]float32), new([3]uint8), new([]byte), new(string), new(time.Time),
		}
		for _, target := range targets {
			err := Decode(data, target)
			if err == nil {
				continue
			}
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("%T: not an *Error: %#v", target, err)
			}
			switch e.Kind {
			case "TypeError", "ValueError", "OverflowError":
			default:
				t.Fatalf("%T: kind %q", target, e.Kind)
			}
		}
	})
}
