// Package words is a non-main package of the bindings fixture that declares an export of its
// own: cgo leaves it out of the library's header, the tool must still bind it.
package words

/*
#include <stdlib.h>
*/
import "C"

import "strings"

// Count returns the number of words in s.
//
//export Count
func Count(s string) int { return len(strings.Fields(s)) }

// Shout returns s in upper case with an exclamation mark.
//
//export Shout
func Shout(s string) *C.char { return C.CString(strings.ToUpper(s) + "!") }
