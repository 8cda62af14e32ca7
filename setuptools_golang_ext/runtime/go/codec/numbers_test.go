package codec

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"testing"
)

func TestJSONNumbersAreNumbers(t *testing.T) {
	var back []interface{}
	value := []json.Number{"1", "-7", "123456789012345678901234567890", "1.5", "1e3", "-0", "1e400"}
	mustDecode(t, mustEncode(t, value), &back)
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	if back[0] != 1 || back[1] != -7 || back[2].(*big.Int).Cmp(huge) != 0 || back[3] != 1.5 ||
		back[4] != 1000.0 || back[5] != 0 || !math.IsInf(back[6].(float64), 1) {
		t.Fatalf("%#v", back)
	}
	// What spells no JSON number stays text: Go's zero value, NaN, hex, a plus, leading zeros.
	text := []json.Number{"", "NaN", "0x10", "+1", "01", ".5", "1.", "1e", " 1", "1_0"}
	mustDecode(t, mustEncode(t, text), &back)
	for i, s := range text {
		if back[i] != string(s) {
			t.Errorf("%q came back as %#v", s, back[i])
		}
	}
	var numbers []json.Number
	mustDecode(t, mustEncode(t, []interface{}{1, 2.5, "x", huge}), &numbers)
	if fmt.Sprint(numbers) != "[1 2.5 x 123456789012345678901234567890]" {
		t.Fatalf("%v", numbers)
	}
}
