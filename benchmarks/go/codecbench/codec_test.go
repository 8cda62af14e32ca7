package codecbench

import (
	"encoding/json"
	"testing"

	plain "benchplain"
	codec "setuptools_golang_ext/codec"
)

func encode(b *testing.B, value interface{}, toC bool) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		out, err := codec.Encode(value)
		if err != nil {
			b.Fatal(err)
		}
		if toC {
			Free(CBytes(out))
		}
		b.SetBytes(int64(len(out)))
	}
}

func BenchmarkEncodeHello(b *testing.B)     { encode(b, plain.Hello(), false) }
func BenchmarkEncodeHelloToC(b *testing.B)  { encode(b, plain.Hello(), true) }
func BenchmarkEncodeFloats(b *testing.B)    { encode(b, plain.Floats(), false) }
func BenchmarkEncodeFloatsToC(b *testing.B) { encode(b, plain.Floats(), true) }
func BenchmarkEncodeTree(b *testing.B)      { encode(b, plain.Tree(), false) }
func BenchmarkEncodeTreeToC(b *testing.B)   { encode(b, plain.Tree(), true) }
func BenchmarkCStringHello(b *testing.B)    { cstring(b, plain.Hello()) }
func BenchmarkGoToCNoop(b *testing.B)       { noop(b) }
func BenchmarkJSONMarshalTree(b *testing.B) { marshal(b, plain.Tree()) }
func BenchmarkCopyFloatsToC(b *testing.B)   { copyFloats(b) }
func BenchmarkMarshalTreeFunction(b *testing.B) {
	for i := 0; i < b.N; i++ {
		plain.MarshalTree()
	}
}

func cstring(b *testing.B, s string) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Free(CBytes([]byte(s)))
	}
}

func noop(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Noop()
	}
}

func marshal(b *testing.B, value interface{}) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		out, err := json.Marshal(value)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(out)))
	}
}

// copyFloats is the least a []float64 result must do: one copy of its bytes into C memory.
func copyFloats(b *testing.B) {
	floats := plain.Floats()
	raw := make([]byte, len(floats)*8)
	for i := range floats {
		raw[i*8] = byte(i) // any bytes: only the copy is timed
	}
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Free(CBytes(raw))
	}
}
