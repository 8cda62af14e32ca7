// Command regex is the Go half of example_pkg: Go's regexp package (RE2
// syntax, linear-time matching) exported to Python through cgo and cffi.
//
// It is built with -buildmode=c-shared or -buildmode=c-archive; main is never
// run. setuptools-golang-ext generates a typed Python wrapper for each export,
// and the exports are written so that the wrappers can do all the converting:
//
//   - Values that live on in Go (a compiled regexp, a result Python has not
//     copied yet) are referred to by a runtime/cgo.Handle, passed as a
//     uintptr. Release frees one.
//   - Strings and slices received from Python alias Python memory that is
//     valid only during the call: anything kept is copied first.
//   - Nothing returned points into the Go heap. Text results are *C.char (the
//     wrapper turns them into str and frees them); results that may hold NUL
//     bytes or whose size is known in advance are written into a buffer the
//     caller provides (QuoteMeta); results of unknown size stay in Go under a
//     handle until the caller copies them into a buffer of the right size
//     (FindAll then TakeOffsets, Replace then TakeBytes).
//   - Failures are reported by a last result `err *C.char`: NULL on success,
//     else the message, which the wrapper raises as GoError.
//   - No export panics on bad input: the wrappers would raise GoPanic (and raw
//     lib calls would abort the process), but bad input deserves a GoError
//     that says what was wrong.
package main

import "C"

import (
	"fmt"
	"regexp"
	"runtime/cgo"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
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

// live counts the handles made by newHandle and not yet released.
var live atomic.Int64

// Compile compiles pattern (RE2 syntax, leftmost-first like Perl and Python)
// and returns a handle to it and its number of capture groups. If pattern is
// invalid, err is Go's message (the Python wrapper raises it as GoError). The
// handle must be given back to Release.
//
//export Compile
func Compile(pattern string) (handle uintptr, groups int, err *C.char) {
	// The regexp keeps its source, and pattern aliases Python memory.
	re, e := regexp.Compile(strings.Clone(pattern))
	if e != nil {
		return 0, 0, C.CString(e.Error())
	}
	return newHandle(&compiled{re: re}), re.NumSubexp(), nil
}

// Release frees what a handle refers to: a regexp from Compile, or a result
// from FindAll or Replace that was not taken. Releasing an invalid or already
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

// LiveHandles returns how many handles Compile, FindAll and Replace made that
// are not released or taken yet. It exists for tests and leak checks.
//
//export LiveHandles
func LiveHandles() int {
	return int(live.Load())
}

// GroupNames returns the names of the capture groups 1..n, joined by commas,
// with an empty name for an unnamed group (Go's group names are made of
// letters, digits and underscores only).
//
//export GroupNames
func GroupNames(handle uintptr) (names *C.char, err *C.char) {
	c, ok := lookup[*compiled](handle)
	if !ok {
		return nil, errInvalidHandle()
	}
	return C.CString(strings.Join(c.re.SubexpNames()[1:], ",")), nil
}

// Find runs the regexp behind handle on src[pos:] and reports whether it
// matched. anchor is 0 to search, 1 to match at pos only, 2 to match all of
// src[pos:]. On a match, locs receives the start and end offsets of the whole
// match and of each group, counted from the start of src, -1 for a group that
// did not take part: locs must hold 2*(groups+1) values. If runes is true, src
// must be valid UTF-8, and pos and the offsets count code points instead of
// bytes.
//
// The text before pos is invisible to the match: `^` and `\b` see pos as the
// start of the text.
//
//export Find
func Find(handle uintptr, src []byte, pos int, anchor int, runes bool, locs []int64) (matched bool, err *C.char) {
	c, ok := lookup[*compiled](handle)
	switch {
	case !ok:
		return false, errInvalidHandle()
	case anchor < anchorNone || anchor > anchorBoth:
		return false, C.CString(fmt.Sprintf("invalid anchor %d", anchor))
	case len(locs) < 2*(c.re.NumSubexp()+1):
		return false, C.CString(fmt.Sprintf("locs holds %d values, %d needed", len(locs), 2*(c.re.NumSubexp()+1)))
	}
	if runes {
		pos = byteOffset(src, pos)
	}
	pos = min(max(pos, 0), len(src))
	m := c.variant(anchor).FindSubmatchIndex(src[pos:])
	if m == nil {
		return false, nil
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
	return true, nil
}

// FindAll finds the successive non-overlapping matches of the regexp behind
// handle in src, at most limit of them if limit > 0, in Go's order (an empty
// match right after a previous match is skipped). Their number is not known
// in advance, so Go keeps their offsets: offsets is a handle to records of
// 2*(groups+1) values laid out as for Find, one per match, to copy with
// TakeOffsets (0 when there is no match); matches is their number. runes is as
// for Find.
//
//export FindAll
func FindAll(handle uintptr, src []byte, limit int, runes bool) (offsets uintptr, matches int, err *C.char) {
	c, ok := lookup[*compiled](handle)
	if !ok {
		return 0, 0, errInvalidHandle()
	}
	if limit <= 0 {
		limit = -1
	}
	found := c.re.FindAllSubmatchIndex(src, limit)
	if len(found) == 0 {
		return 0, 0, nil
	}
	width := 2 * (c.re.NumSubexp() + 1)
	out := make([]int64, 0, len(found)*width)
	var rc runeCounter
	for _, m := range found {
		if runes {
			rc.toRunes(src, m)
		}
		for _, off := range m {
			out = append(out, int64(off))
		}
	}
	return newHandle(out), len(found), nil
}

// TakeOffsets copies the offsets behind a handle from FindAll into dst, which
// must hold all of them, and releases the handle.
//
//export TakeOffsets
func TakeOffsets(offsets uintptr, dst []int64) (err *C.char) {
	return take(offsets, dst)
}

// Replace replaces the first limit matches (all of them if limit <= 0) of the
// regexp behind handle in src by repl, where $1, ${1}, $name and ${name} stand
// for the text of a group and $$ for a dollar sign (Go's Regexp.Expand). The
// new text may hold NUL bytes and its size is not known in advance, so Go
// keeps it: out is a handle to its n bytes, to copy with TakeBytes (0 when n
// is 0); replaced is the number of replacements.
//
//export Replace
func Replace(handle uintptr, src []byte, repl []byte, limit int) (out uintptr, n int, replaced int, err *C.char) {
	c, ok := lookup[*compiled](handle)
	if !ok {
		return 0, 0, 0, errInvalidHandle()
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
	if len(buf) == 0 {
		return 0, 0, len(matches), nil
	}
	return newHandle(buf), len(buf), len(matches), nil
}

// TakeBytes copies the bytes behind a handle from Replace into dst, which
// must hold all of them, and releases the handle.
//
//export TakeBytes
func TakeBytes(out uintptr, dst []byte) (err *C.char) {
	return take(out, dst)
}

// QuoteMeta writes s with every regular expression metacharacter escaped (a
// text that matches s literally) to dst and returns its length n. The result
// may hold NUL bytes; it is never longer than 2*len(s) bytes. If dst is too
// short, nothing is written and n is the size needed.
//
//export QuoteMeta
func QuoteMeta(s string, dst []byte) (n int) {
	q := regexp.QuoteMeta(s)
	if len(q) <= len(dst) {
		copy(dst, q)
	}
	return len(q)
}

// newHandle returns a handle to v, counted by LiveHandles until released.
func newHandle(v any) uintptr {
	live.Add(1)
	return uintptr(cgo.NewHandle(v))
}

// lookup returns the value of type T behind h; ok is false if h is not a
// live handle to a T.
func lookup[T any](h uintptr) (v T, ok bool) {
	defer func() {
		if recover() != nil { // cgo.Handle.Value panics on an invalid handle
			ok = false
		}
	}()
	v, ok = cgo.Handle(h).Value().(T)
	return v, ok
}

// take copies the slice behind h into dst and releases h, even when dst is
// too short: a result is taken once.
func take[T any](h uintptr, dst []T) *C.char {
	src, ok := lookup[[]T](h)
	if !ok {
		return errInvalidHandle()
	}
	Release(h)
	if len(dst) < len(src) {
		return C.CString(fmt.Sprintf("buffer holds %d values, %d needed", len(dst), len(src)))
	}
	copy(dst, src)
	return nil
}

// errInvalidHandle is the error of an export given a handle that is not live
// or refers to a value of the wrong kind.
func errInvalidHandle() *C.char {
	return C.CString("invalid handle")
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
