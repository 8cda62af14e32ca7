// Columns: a map of numbers, bools and strings as one record that Python turns into a dict at
// C speed (dict(zip(keys, values)) over lists its C code makes), instead of a pickle it reads
// entry by entry. The entries are in the order Encode writes them: by key (a string's bytes,
// an integer's value), so the dict is the same, in the same order.

package codec

import (
	"sort"
	"strings"
	"unsafe"
)

// ColumnsHeader is the size of a record's header: 8 bytes of zeros (a pickle starts with
// 0x80), the number of entries and the size of the key column in bytes, each an int64 in the
// machine's order. The key column follows, then the value column at the next multiple of 8.
const ColumnsHeader = 24

// MapColumns returns the record of the map whose entries are keys[i]: values[i], in any order.
// keys is a []string, []int64 or []uint64; values a []string, []int64, []uint64, []float64 or
// []bool. A column of strings is their UTF-8 bytes joined by NUL (Python decodes it as one str,
// bytes that are not UTF-8 as surrogateescape does, as str() does, and splits it); a column of
// numbers or bools is their memory. ok is false when a string holds NUL, which the record
// cannot carry: Encode the map instead. MapColumns may reorder keys and values.
func MapColumns(keys, values interface{}) (record []byte, ok bool) {
	if holdsNUL(keys) || holdsNUL(values) {
		return nil, false
	}
	order := keyOrder(keys)
	n := len(order)
	keySize := columnSize(keys, n)
	valuesAt := ColumnsHeader + (keySize+7)&^7
	record = make([]byte, valuesAt, valuesAt+columnSize(values, n))
	header := (*[3]int64)(unsafe.Pointer(&record[0]))
	header[1], header[2] = int64(n), int64(keySize)
	// The keys go into the record's own memory (its capacity holds them), then the values
	// after the padding.
	appendColumn(record[ColumnsHeader:ColumnsHeader], keys, order)
	return appendColumn(record, values, order), true
}

// holdsNUL is whether column is of strings one of which holds NUL.
func holdsNUL(column interface{}) bool {
	texts, _ := column.([]string)
	for _, text := range texts {
		if strings.IndexByte(text, 0) >= 0 {
			return true
		}
	}
	return false
}

// rank is an entry's key as a number that sorts as the key does (for a string, only the 8
// bytes after the prefix every key shares: equal ranks are sorted again by the whole key).
type rank struct {
	key   uint64
	index int
}

// keyOrder is the order of the entries by key.
func keyOrder(keys interface{}) []rank {
	switch k := keys.(type) {
	case []string:
		return stringOrder(k)
	case []int64:
		order := make([]rank, len(k))
		for i, key := range k {
			order[i] = rank{uint64(key) ^ 1<<63, i} // negative numbers first
		}
		sortRanks(order)
		return order
	case []uint64:
		order := make([]rank, len(k))
		for i, key := range k {
			order[i] = rank{key, i}
		}
		sortRanks(order)
		return order
	}
	panic("codec.MapColumns: keys of an unexpected type")
}

// stringOrder sorts strings by their bytes: by rank first (a radix sort of the 8 bytes after
// the shared prefix, zero-padded), then each run of equal ranks by the whole strings.
func stringOrder(keys []string) []rank {
	shared := sharedPrefix(keys)
	order := make([]rank, len(keys))
	for i, key := range keys {
		order[i] = rank{prefix(key[shared:]), i}
	}
	sortRanks(order)
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && order[end].key == order[start].key {
			end++
		}
		if end-start > 1 {
			sort.Sort(byString{order[start:end], keys})
		}
		start = end
	}
	return order
}

// sharedPrefix is the length of the prefix every key shares.
func sharedPrefix(keys []string) int {
	if len(keys) == 0 {
		return 0
	}
	first, n := keys[0], len(keys[0])
	for _, key := range keys[1:] {
		if len(key) < n {
			n = len(key)
		}
		i := 0
		for i < n && key[i] == first[i] {
			i++
		}
		n = i
	}
	return n
}

type byString struct {
	order []rank
	keys  []string
}

func (s byString) Len() int           { return len(s.order) }
func (s byString) Less(i, j int) bool { return s.keys[s.order[i].index] < s.keys[s.order[j].index] }
func (s byString) Swap(i, j int)      { s.order[i], s.order[j] = s.order[j], s.order[i] }

// sortRanks sorts by rank: a radix sort, a byte at a time from the lowest, skipping the bytes
// every rank has alike (a small integer's high bytes); stable, so equal ranks keep their order.
func sortRanks(order []rank) {
	if len(order) < 2 {
		return
	}
	var counts [8][256]int
	for _, r := range order {
		for b := uint(0); b < 8; b++ {
			counts[b][byte(r.key>>(8*b))]++
		}
	}
	from, to := order, make([]rank, len(order))
	for b := uint(0); b < 8; b++ {
		count := &counts[b]
		if count[byte(from[0].key>>(8*b))] == len(from) {
			continue
		}
		total := 0
		for i, c := range count {
			count[i], total = total, total+c
		}
		for _, r := range from {
			digit := byte(r.key >> (8 * b))
			to[count[digit]] = r
			count[digit]++
		}
		from, to = to, from
	}
	if &from[0] != &order[0] {
		copy(order, from)
	}
}

// columnSize is the size in bytes of a column of n items.
func columnSize(column interface{}, n int) int {
	switch c := column.(type) {
	case []string:
		size := 0
		for _, text := range c {
			size += len(text)
		}
		if n > 0 {
			size += n - 1 // the NULs between them
		}
		return size
	case []bool:
		return n
	case []int64, []uint64, []float64:
		return 8 * n
	}
	panic("codec.MapColumns: a column of an unexpected type")
}

// appendColumn appends the items of column in the order order gives them.
func appendColumn(out []byte, column interface{}, order []rank) []byte {
	switch c := column.(type) {
	case []string:
		for i, r := range order {
			if i > 0 {
				out = append(out, 0)
			}
			out = append(out, c[r.index]...)
		}
		return out
	case []bool:
		for _, r := range order {
			out = append(out, *(*byte)(unsafe.Pointer(&c[r.index])))
		}
		return out
	case []int64:
		return appendWords(out, unsafe.Pointer(&c), order)
	case []uint64:
		return appendWords(out, unsafe.Pointer(&c), order)
	case []float64:
		return appendWords(out, unsafe.Pointer(&c), order)
	}
	panic("codec.MapColumns: a column of an unexpected type")
}

// appendWords appends the 8-byte items of the slice at slice (a []int64, []uint64 or
// []float64: the same layout) in order, as their memory.
func appendWords(out []byte, slice unsafe.Pointer, order []rank) []byte {
	words := *(*[]uint64)(slice)
	sorted := make([]uint64, len(order))
	for i, r := range order {
		sorted[i] = words[r.index]
	}
	if len(sorted) == 0 {
		return out
	}
	return append(out, unsafe.Slice((*byte)(unsafe.Pointer(&sorted[0])), 8*len(sorted))...)
}
