package codec

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"
)

func TestJSONNumbersAreNumbers(t *testing.T) {
	var back []interface{}
	value := []json.Number{"1", "-7", "123456789012345678901234567890", "1.5", "1e3", "-0"}
	mustDecode(t, mustEncode(t, value), &back)
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	if back[0] != 1 || back[1] != -7 || back[2].(*big.Int).Cmp(huge) != 0 || back[3] != 1.5 ||
		back[4] != 1000.0 || back[5] != 0 {
		t.Fatalf("%#v", back)
	}
	_, err := Encode(json.Number("one"))
	if err == nil || !strings.Contains(err.Error(), `json.Number "one" is not a number`) {
		t.Fatal(err)
	}
}
