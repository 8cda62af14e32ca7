// encoding/json's Number (what decoders with UseNumber give, and jq-like libraries pass on) is
// a number written as text: it crosses as the number Python's json module would read, an int
// (of any size) or a float, not as the text.

package codec

import (
	"math"
	"math/big"
	"reflect"
	"strconv"
)

// isJSONNumber reports whether t is encoding/json.Number, without importing encoding/json
// into every library.
func isJSONNumber(t reflect.Type) bool {
	return t.Name() == "Number" && t.PkgPath() == "encoding/json" && t.Kind() == reflect.String
}

// jsonNumber writes the number the text s spells, as json.loads reads it: an int (of any
// size) without a fraction or exponent, else a float (±inf past float64, as json.loads).
// Text that spells no JSON number ("", Go's zero value) stays text.
func (e *encoder) jsonNumber(s string) {
	integer, ok := jsonNumberSyntax(s)
	switch {
	case !ok:
		e.str(s)
	case integer:
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			e.int(i)
		} else {
			b, _ := new(big.Int).SetString(s, 10)
			e.bigInt(b)
		}
	default:
		f, _ := strconv.ParseFloat(s, 64) // ErrRange: ±inf, as Python's float() gives
		e.float(f)
	}
}

// jsonNumberSyntax reports whether s is a number in JSON's grammar (RFC 8259), and whether it
// is an integer (no fraction, no exponent). Written out: no regexp package in every library.
func jsonNumberSyntax(s string) (integer, ok bool) {
	i := 0
	digits := func() int {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - start
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	if n := digits(); n == 0 || (n > 1 && s[start] == '0') {
		return false, false
	}
	integer = true
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false, false
		}
		integer = false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false, false
		}
		integer = false
	}
	return integer, i == len(s)
}

// jsonNumberText is the json.Number of a Python int or float n.
func jsonNumberText(n interface{}) (string, bool) {
	switch x := n.(type) {
	case int64:
		return strconv.FormatInt(x, 10), true
	case *big.Int:
		return x.String(), true
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return "", false // JSON has no such number
		}
		return strconv.FormatFloat(x, 'g', -1, 64), true
	}
	return "", false
}
