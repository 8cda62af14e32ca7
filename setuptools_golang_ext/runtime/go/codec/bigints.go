// math/big integers inside values: a *big.Int (or big.Int) is a Python int of any size, and a
// Python int is one where Go wants it; inside an interface{}, a Python int past int64 is a
// *big.Int (the ints that fit are Go ints).

package codec

import (
	"math/big"
	"reflect"
)

var (
	bigIntType    = reflect.TypeOf(big.Int{})
	bigIntPtrType = reflect.TypeOf((*big.Int)(nil))
	stringType    = reflect.TypeOf("")
)

// bigIntValue writes rv, a big.Int or a *big.Int, as a Python int (None for nil).
func (e *encoder) bigIntValue(rv reflect.Value) {
	if rv.Type() == bigIntType {
		x := rv.Interface().(big.Int)
		e.bigInt(&x)
	} else if rv.IsNil() {
		e.buf = append(e.buf, opNone)
	} else {
		e.bigInt(rv.Interface().(*big.Int))
	}
}

// bigInt writes x as a Python int: pickle's LONG1 or LONG4, little-endian two's complement.
func (e *encoder) bigInt(x *big.Int) {
	if x.IsInt64() {
		e.int(x.Int64())
		return
	}
	n := x.BitLen()/8 + 1 // a byte more than the magnitude needs: room for the sign bit
	v := new(big.Int).Set(x)
	if x.Sign() < 0 {
		v.Add(v, new(big.Int).Lsh(big.NewInt(1), uint(8*n)))
	}
	b := v.FillBytes(make([]byte, n))
	if n < 256 {
		e.buf = append(e.buf, opLong1, byte(n))
	} else {
		e.buf = append(e.buf, opLong4, byte(n), byte(n>>8), byte(n>>16), byte(n>>24))
	}
	for i := n - 1; i >= 0; i-- {
		e.buf = append(e.buf, b[i])
	}
}

// assignBigInt sets rv, a big.Int or *big.Int, from the Python int n.
func assignBigInt(n interface{}, rv reflect.Value) error {
	var x *big.Int
	switch v := n.(type) {
	case int64:
		x = big.NewInt(v)
	case *big.Int:
		x = new(big.Int).Set(v)
	case nil:
		if rv.Type() == bigIntPtrType {
			rv.Set(reflect.Zero(bigIntPtrType))
			return nil
		}
		return mismatch("int", rv.Type(), n)
	default:
		return mismatch("int", rv.Type(), n)
	}
	if rv.Type() == bigIntPtrType {
		rv.Set(reflect.ValueOf(x))
	} else {
		rv.Set(reflect.ValueOf(x).Elem())
	}
	return nil
}
