// encoding/json's Number (what decoders with UseNumber give, and jq-like libraries pass on) is
// a number written as text: it crosses as the number Python's json module would read, an int
// (of any size) or a float, not as the text.

package codec

import (
	"math/big"
	"reflect"
	"strconv"
)

// isJSONNumber reports whether t is encoding/json.Number, without importing encoding/json
// into every library.
func isJSONNumber(t reflect.Type) bool {
	return t.Name() == "Number" && t.PkgPath() == "encoding/json" && t.Kind() == reflect.String
}

// jsonNumber writes the number the text s holds; text that is no number is a value error.
func (e *encoder) jsonNumber(s string) error {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		e.int(i)
		return nil
	}
	if b, ok := new(big.Int).SetString(s, 10); ok {
		e.bigInt(b)
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return newError(kindValue, "json.Number "+strconv.Quote(s)+" is not a number")
	}
	e.float(f)
	return nil
}
