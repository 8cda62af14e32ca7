package codec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"
)

// benchTree is a map[string]interface{} with 100,000 leaves: 1,000 records of
// 100 leaves each (strings, ints, floats, bools, times, nested maps and lists).
func benchTree() map[string]interface{} {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600))
	records := make([]interface{}, 1000)
	for i := range records {
		tags := make([]interface{}, 15)
		for j := range tags {
			tags[j] = "tag-" + strconv.Itoa((i*7+j)%50)
		}
		meta := make(map[string]interface{}, 30)
		for j := 0; j < 30; j++ {
			key := "field_" + strconv.Itoa(j)
			switch j % 5 {
			case 0:
				meta[key] = i * j
			case 1:
				meta[key] = float64(i) / float64(j+1)
			case 2:
				meta[key] = "value " + strconv.Itoa(i+j) + " of the record"
			case 3:
				meta[key] = j%2 == 0
			default:
				meta[key] = base.Add(time.Duration(i*j) * time.Minute)
			}
		}
		values := make([]interface{}, 50)
		for j := range values {
			if j%2 == 0 {
				values[j] = int64(i*1000 + j)
			} else {
				values[j] = float64(j) * 0.5
			}
		}
		records[i] = map[string]interface{}{
			"id": i, "name": "record " + strconv.Itoa(i), "score": float64(i) * 1.25,
			"active": i%3 == 0, "created": base.Add(time.Duration(i) * time.Hour),
			"tags": tags, "meta": meta, "values": values,
		}
	}
	return map[string]interface{}{"records": records}
}

func countLeaves(v interface{}) int {
	switch x := v.(type) {
	case map[string]interface{}:
		n := 0
		for _, item := range x {
			n += countLeaves(item)
		}
		return n
	case []interface{}:
		n := 0
		for _, item := range x {
			n += countLeaves(item)
		}
		return n
	}
	return 1
}

func TestBenchTreeShape(t *testing.T) {
	if n := countLeaves(benchTree()); n != 100000 {
		t.Fatalf("the benchmark tree has %d leaves", n)
	}
}

// TestDumpBenchTree writes the benchmark tree as tree.pickle and tree.json
// into $CODEC_BENCH_DUMP, for timing pickle.loads against json.loads.
func TestDumpBenchTree(t *testing.T) {
	dir := os.Getenv("CODEC_BENCH_DUMP")
	if dir == "" {
		t.Skip("CODEC_BENCH_DUMP is not set")
	}
	tree := benchTree()
	p, err := Encode(tree)
	if err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(tree)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tree.pickle"), p, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tree.json"), j, 0o644); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkEncodeTree(b *testing.B) {
	tree := benchTree()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := Encode(tree)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(out)))
	}
}

func BenchmarkEncodeTreeJSONMarshal(b *testing.B) {
	tree := benchTree()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := json.Marshal(tree)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(out)))
	}
}

type benchRecord struct {
	ID     int
	Name   string
	Score  float64
	Active bool
	When   time.Time
	Tags   []string
	Values []float64
}

func init() {
	Register(reflect.TypeOf(benchRecord{}), "bench", "Record", []string{"id", "name", "score", "active", "when", "tags", "values"})
}

func benchRecords() []benchRecord {
	out := make([]benchRecord, 10000)
	for i := range out {
		out[i] = benchRecord{
			ID: i, Name: "record " + strconv.Itoa(i), Score: float64(i) / 3, Active: i%2 == 0,
			When: time.Date(2024, 1, 1, 0, 0, i, 0, time.UTC), Tags: []string{"a", "b"}, Values: []float64{1, 2, 3},
		}
	}
	return out
}

func BenchmarkEncodeStructs(b *testing.B) {
	records := benchRecords()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Encode(records); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeStructsJSONMarshal(b *testing.B) {
	records := benchRecords()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := json.Marshal(records); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeTree(b *testing.B) {
	data, err := Encode(benchTree())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var v interface{}
		if err := Decode(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeTreeJSONUnmarshal(b *testing.B) {
	data, err := json.Marshal(benchTree())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var v interface{}
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSmallCall(b *testing.B) {
	v := map[string]interface{}{"a": 1, "b": "two", "c": []interface{}{1.5, true}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Encode(v); err != nil {
			b.Fatal(err)
		}
	}
}
