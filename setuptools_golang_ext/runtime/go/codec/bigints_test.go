package codec

import (
	"math/big"
	"testing"
)

func TestBigIntsRoundTrip(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(1), 2100) // past LONG1's 255 bytes
	values := []*big.Int{big.NewInt(0), big.NewInt(-1), big.NewInt(127), big.NewInt(-128), huge,
		new(big.Int).Neg(huge), new(big.Int).Lsh(big.NewInt(1), 64), new(big.Int).Lsh(big.NewInt(-1), 64),
		new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 64), big.NewInt(1)), nil}
	var back []*big.Int
	mustDecode(t, mustEncode(t, values), &back)
	if len(back) != len(values) {
		t.Fatalf("%d values came back of %d", len(back), len(values))
	}
	for i, want := range values {
		if (want == nil) != (back[i] == nil) || (want != nil && want.Cmp(back[i]) != 0) {
			t.Errorf("%d: %v came back as %v", i, want, back[i])
		}
	}
	var asAny interface{}
	mustDecode(t, mustEncode(t, []interface{}{huge, big.NewInt(5)}), &asAny)
	items := asAny.([]interface{})
	if items[0].(*big.Int).Cmp(huge) != 0 || items[1] != 5 {
		t.Errorf("inside an interface{}: %v", items)
	}
}
