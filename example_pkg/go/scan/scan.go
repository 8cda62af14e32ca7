// Package scan reports the matches of a regular expression as plain Go values.
//
// It is the other style of example_pkg's Go code: an ordinary package with no cgo at all (no
// import "C", no //export, no C types). setuptools-golang-ext binds its exported functions and
// types as the module example_pkg._scan, converting the slices, maps and structs they return to
// Python lists, dicts and classes in one crossing per call; ../regex.go is the cgo style.
package scan

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Found is one match of a pattern in a text.
type Found struct {
	Start  int               // where the match starts: a character offset, as Python counts
	End    int               // where the match ends (exclusive)
	Text   string            // the matched text
	Groups []string          // the submatches, in order; "" where a group did not take part
	Named  map[string]string // the named groups that took part, by name
}

// All returns the matches of pattern (RE2 syntax) in text, at most limit of them (all when
// limit is negative).
func All(pattern, text string, limit int) ([]Found, error) {
	re, err := compile(pattern)
	if err != nil {
		return nil, err
	}
	names := re.SubexpNames()
	var found []Found
	offsets := characterOffsets(text)
	for _, loc := range re.FindAllStringSubmatchIndex(text, limit) {
		match := Found{Start: offsets(loc[0]), End: offsets(loc[1]), Text: text[loc[0]:loc[1]],
			Groups: []string{}, Named: map[string]string{}}
		for group := 1; group < len(names); group++ {
			start, end := loc[2*group], loc[2*group+1]
			value := ""
			if start >= 0 {
				value = text[start:end]
				if names[group] != "" {
					match.Named[names[group]] = value
				}
			}
			match.Groups = append(match.Groups, value)
		}
		found = append(found, match)
	}
	return found, nil
}

// Counts returns how often each distinct match of pattern occurs in text.
func Counts(pattern, text string) (map[string]int, error) {
	re, err := compile(pattern)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, match := range re.FindAllString(text, -1) {
		counts[match]++
	}
	return counts, nil
}

// Pattern is a compiled regular expression. It stays in Go: Python holds the object itself, so
// the pattern is compiled once, however often it is used.
type Pattern struct {
	re       *regexp.Regexp
	Searches int // how many searches the pattern made
}

// NewPattern compiles pattern (RE2 syntax).
func NewPattern(pattern string) (*Pattern, error) {
	re, err := compile(pattern)
	if err != nil {
		return nil, err
	}
	return &Pattern{re: re}, nil
}

// String is the pattern's source.
func (p *Pattern) String() string { return p.re.String() }

// Count counts the matches in text, line by line; it gives up when ctx is done (a timeout,
// Ctrl-C in Python), returning what it counted so far and ctx's error.
func (p *Pattern) Count(ctx context.Context, text string) (int, error) {
	p.Searches++
	count := 0
	for _, line := range strings.Split(text, "\n") {
		if err := ctx.Err(); err != nil {
			return count, err
		}
		count += len(p.re.FindAllStringIndex(line, -1))
	}
	return count, nil
}

// Lines sends each line of text that matches, as it finds them, until ctx is done.
func (p *Pattern) Lines(ctx context.Context, text string) <-chan string {
	p.Searches++
	out := make(chan string, 64)
	go func() {
		defer close(out)
		for _, line := range strings.Split(text, "\n") {
			if !p.re.MatchString(line) {
				continue
			}
			select {
			case out <- line:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func compile(pattern string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("bad pattern %q: %w", pattern, err)
	}
	return re, nil
}

// characterOffsets returns a function that turns byte offsets of text, in increasing order,
// into character offsets.
func characterOffsets(text string) func(int) int {
	byteAt, charAt := 0, 0
	return func(offset int) int {
		if offset < byteAt {
			byteAt, charAt = 0, 0
		}
		charAt += utf8.RuneCountInString(text[byteAt:offset])
		byteAt = offset
		return charAt
	}
}
