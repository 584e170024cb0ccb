package report

import (
	"errors"
	"math/big"
	"strings"
)

// orcMaxDecimalBytes bounds a decimal's varint: 38 digits need 127 bits
// and a sign, 19 bytes of 7 bits; more is not a decimal ORC writes.
const orcMaxDecimalBytes = 19

var errORCBadDecimal = errors.New("orc: decimal varint longer than 38 digits")

// readBigVarint reads one unbounded zigzag base-128 varint from the start
// of b and returns it in decimal and the rest of b.
func readBigVarint(b []byte) (string, []byte, error) {
	var u big.Int
	for i := 0; ; i++ {
		if i == len(b) {
			return "", nil, errORCShortStream
		}
		if i == orcMaxDecimalBytes {
			return "", nil, errORCBadDecimal
		}
		var part big.Int
		part.SetUint64(uint64(b[i] & 0x7f))
		u.Or(&u, part.Lsh(&part, uint(7*i)))
		if b[i] < 0x80 {
			b = b[i+1:]
			break
		}
	}
	// zigzag: the low bit is the sign; -1 - (u >> 1) when it is set.
	neg := u.Bit(0) == 1
	u.Rsh(&u, 1)
	if neg {
		u.Neg(&u).Sub(&u, big.NewInt(1))
	}
	return u.String(), b, nil
}

// placeDecimalPoint writes an unscaled decimal integer with scale digits
// after the point: "-1250", 2 gives "-12.50".
func placeDecimalPoint(digits string, scale int) string {
	if scale == 0 {
		return digits
	}
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	out := digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	if neg {
		out = "-" + out
	}
	return out
}
