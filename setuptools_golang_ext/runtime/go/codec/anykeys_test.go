package codec

import (
	"strings"
	"testing"
)

func TestMapsOfAnyKeysConvertEachKey(t *testing.T) {
	m := map[interface{}]interface{}{"b": 1, -3: "neg", uint8(200): "u8", "a": []interface{}{1}, int64(-1 << 62): 0}
	data := mustEncode(t, m)
	var back map[string]interface{}
	if err := Decode(data, &back); err == nil {
		t.Fatal("int keys decoded as str keys")
	}
	root, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	keys := root.(*pyDict).keys
	want := []interface{}{int64(-1 << 62), int64(-3), int64(200), "a", "b"}
	if len(keys) != len(want) {
		t.Fatalf("keys %v, want %v", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Fatalf("keys %v, want %v (sorted: numbers, then strings)", keys, want)
		}
	}
}

func TestMapsOfAnyKeysNeverMergeKeys(t *testing.T) {
	for _, m := range []map[interface{}]int{
		{1: 1, int64(1): 2},
		{uint(7): 1, int8(7): 2},
	} {
		_, err := Encode(m)
		if err == nil || !strings.Contains(err.Error(), "are one Python key") {
			t.Fatalf("%v: %v", m, err)
		}
	}
	for _, m := range []map[interface{}]int{{1.5: 1}, {true: 1}, {nil: 1}} {
		_, err := Encode(m)
		if err == nil || !strings.Contains(err.Error(), "has no Python equivalent (map keys must be strings or integers)") {
			t.Fatalf("%v: %v", m, err)
		}
	}
}

func TestMapsOfAnyKeysDecodeStrAndIntKeys(t *testing.T) {
	var back map[interface{}]int
	mustDecode(t, mustEncode(t, map[interface{}]int{"a": 1, 2: 2}), &back)
	if len(back) != 2 || back["a"] != 1 || back[2] != 2 {
		t.Fatalf("%#v", back)
	}
	err := Decode([]byte("\x80\x04}G?\xf8\x00\x00\x00\x00\x00\x00K\x01s."), &back) // {1.5: 1}
	if err == nil || !strings.Contains(err.Error(), "expected str or int (within int64) keys") {
		t.Fatal(err)
	}
}
