// Command regex is the Go half of example_pkg: Go's regexp package (RE2
// syntax, linear-time matching) exported to Python through cgo and cffi.
//
// It is built with -buildmode=c-shared or -buildmode=c-archive; main is never
// run. The rules every export here follows:
//
//   - A compiled regexp stays in Go and Python refers to it by a
//     runtime/cgo.Handle, passed as a uintptr. Release frees it.
//   - Strings and slices received from Python alias Python memory that is
//     valid only during the call: anything kept is copied first.
//   - Nothing returned points into the Go heap: results are C memory
//     (C.CString, C.malloc) that the caller frees with Free.
//   - No export panics on bad input (a panic would abort the Python process):
//     invalid handles and short buffers are reported as -1 or NULL.
package main

/*
#include <stdint.h>
#include <stdlib.h>
*/
import "C"

import (
	"regexp"
	"runtime/cgo"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// Anchoring modes for Find.
const (
	anchorNone  = 0 // search anywhere (re.search)
	anchorStart = 1 // match at the start (re.match)
	anchorBoth  = 2 // match the whole text (re.fullmatch)
)

// compiled is the value behind a handle: the regexp as written, plus the
// anchored variants that Find needs, compiled on first use.
type compiled struct {
	re       *regexp.Regexp
	once     sync.Once
	anchored [3]*regexp.Regexp // indexed by anchoring mode
}

// variant returns the regexp to run for an anchoring mode.
func (c *compiled) variant(anchor int) *regexp.Regexp {
	c.once.Do(func() {
		// The source compiled once already, so wrapping it cannot fail, and a
		// non-capturing group keeps group numbers and scopes inline flags.
		c.anchored[anchorNone] = c.re
		c.anchored[anchorStart] = regexp.MustCompile(`\A(?:` + c.re.String() + `)`)
		c.anchored[anchorBoth] = regexp.MustCompile(`\A(?:` + c.re.String() + `)\z`)
	})
	return c.anchored[anchor]
}

// live counts the handles created by Compile and not yet released.
var live atomic.Int64

// lookup returns the regexp behind h, or nil if h is not a live handle.
func lookup(h uintptr) (c *compiled) {
	defer func() {
		if recover() != nil { // cgo.Handle.Value panics on an invalid handle
			c = nil
		}
	}()
	c, _ = cgo.Handle(h).Value().(*compiled)
	return c
}

// Compile compiles pattern (RE2 syntax, leftmost-first like Perl and Python)
// and returns a handle to it and its number of capture groups. On failure the
// handle is 0 and err is Go's message as a C string, which the caller frees
// with Free; on success err is NULL. The handle must be given back to Release.
//
//export Compile
func Compile(pattern string) (handle uintptr, groups int, err *C.char) {
	// The regexp keeps its source, and pattern aliases Python memory.
	re, e := regexp.Compile(strings.Clone(pattern))
	if e != nil {
		return 0, 0, C.CString(e.Error())
	}
	live.Add(1)
	return uintptr(cgo.NewHandle(&compiled{re: re})), re.NumSubexp(), nil
}

// Release frees the regexp behind handle. Releasing an invalid or already
// released handle does nothing.
//
//export Release
func Release(handle uintptr) {
	defer func() {
		_ = recover() // cgo.Handle.Delete panics on an invalid handle
	}()
	cgo.Handle(handle).Delete()
	live.Add(-1)
}

// LiveHandles returns how many handles Compile made that are not released
// yet. It exists for tests and leak checks.
//
//export LiveHandles
func LiveHandles() int {
	return int(live.Load())
}

// GroupNames returns the names of the capture groups 1..n, joined by commas,
// with an empty name for an unnamed group (Go's group names are made of
// letters, digits and underscores only). The caller frees the result with
// Free. It returns NULL for an invalid handle.
//
//export GroupNames
func GroupNames(handle uintptr) *C.char {
	c := lookup(handle)
	if c == nil {
		return nil
	}
	return C.CString(strings.Join(c.re.SubexpNames()[1:], ","))
}

// Find runs the regexp behind handle on src[pos:] and reports whether it
// matched: 1 if it did, 0 if not, -1 for an invalid handle or a locs shorter
// than 2*(groups+1). anchor is 0 to search, 1 to match at pos only, 2 to match
// all of src[pos:]. On a match, locs receives the start and end offsets of the
// whole match and of each group, counted from the start of src, -1 for a group
// that did not take part. If runes is true, src must be valid UTF-8, and pos
// and the offsets count code points instead of bytes.
//
// The text before pos is invisible to the match: `^` and `\b` see pos as the
// start of the text.
//
//export Find
func Find(handle uintptr, src []byte, pos int, anchor int, runes bool, locs []int64) int {
	c := lookup(handle)
	if c == nil || anchor < anchorNone || anchor > anchorBoth || len(locs) < 2*(c.re.NumSubexp()+1) {
		return -1
	}
	if runes {
		pos = byteOffset(src, pos)
	}
	pos = min(max(pos, 0), len(src))
	m := c.variant(anchor).FindSubmatchIndex(src[pos:])
	if m == nil {
		return 0
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += pos
		}
	}
	if runes {
		var rc runeCounter
		rc.toRunes(src, m)
	}
	for i, off := range m {
		locs[i] = int64(off)
	}
	return 1
}

// FindAll returns the successive non-overlapping matches of the regexp behind
// handle in src, at most limit of them if limit > 0, in Go's order (an empty
// match right after a previous match is skipped). locs points to count
// records of 2*(groups+1) int64 values laid out as for Find; the caller frees
// it with Free. locs is NULL when count is 0, and count is -1 for an invalid
// handle. runes is as for Find.
//
//export FindAll
func FindAll(handle uintptr, src []byte, limit int, runes bool) (locs *C.int64_t, count int) {
	c := lookup(handle)
	if c == nil {
		return nil, -1
	}
	if limit <= 0 {
		limit = -1
	}
	matches := c.re.FindAllSubmatchIndex(src, limit)
	if len(matches) == 0 {
		return nil, 0
	}
	width := 2 * (c.re.NumSubexp() + 1)
	n := len(matches) * width
	p := (*C.int64_t)(C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(C.int64_t(0)))))
	out := unsafe.Slice(p, n)
	var rc runeCounter
	for i, m := range matches {
		if runes {
			rc.toRunes(src, m)
		}
		for j, off := range m {
			out[i*width+j] = C.int64_t(off)
		}
	}
	return p, len(matches)
}

// Replace returns a copy of src in which the first limit matches (all of them
// if limit <= 0) of the regexp behind handle are replaced by repl, where $1,
// ${1}, $name and ${name} stand for the text of a group and $$ for a dollar
// sign (Go's Regexp.Expand). out is C memory of n bytes, NUL bytes included,
// that the caller frees with Free; count is the number of replacements. n is
// -1 for an invalid handle.
//
//export Replace
func Replace(handle uintptr, src []byte, repl []byte, limit int) (out unsafe.Pointer, n int, count int) {
	c := lookup(handle)
	if c == nil {
		return nil, -1, 0
	}
	if limit <= 0 {
		limit = -1
	}
	matches := c.re.FindAllSubmatchIndex(src, limit)
	buf := make([]byte, 0, len(src))
	last := 0
	for _, m := range matches {
		buf = append(buf, src[last:m[0]]...)
		buf = c.re.Expand(buf, repl, src, m)
		last = m[1]
	}
	buf = append(buf, src[last:]...)
	return C.CBytes(buf), len(buf), len(matches)
}

// QuoteMeta returns s with every regular expression metacharacter escaped, so
// that the result matches s literally. out is C memory of n bytes that the
// caller frees with Free.
//
//export QuoteMeta
func QuoteMeta(s string) (out unsafe.Pointer, n int) {
	q := regexp.QuoteMeta(s)
	return C.CBytes([]byte(q)), len(q)
}

// Free frees memory returned by Compile, GroupNames, FindAll, Replace or
// QuoteMeta. Free(NULL) does nothing.
//
//export Free
func Free(p unsafe.Pointer) {
	C.free(p)
}

// runeCounter converts byte offsets into a UTF-8 text to code point offsets,
// walking forward from the previous conversion when it can.
type runeCounter struct {
	byteOff, runeOff int
}

// toRunes converts the offsets of one match (start, end, then each group's)
// in place. Successive calls must pass matches in increasing order.
func (rc *runeCounter) toRunes(src []byte, m []int) {
	start := m[0]
	if start < rc.byteOff {
		rc.byteOff, rc.runeOff = 0, 0
	}
	rc.runeOff += utf8.RuneCount(src[rc.byteOff:start])
	rc.byteOff = start
	for i, off := range m {
		if off >= 0 { // groups lie inside the match: Go has no lookaround
			m[i] = rc.runeOff + utf8.RuneCount(src[start:off])
		}
	}
}

// byteOffset returns the byte offset of the code point numbered n in src, or
// len(src) if src has fewer code points.
func byteOffset(src []byte, n int) int {
	off := 0
	for ; n > 0 && off < len(src); n-- {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}

func main() {}
