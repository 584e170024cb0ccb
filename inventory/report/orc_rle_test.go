package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rleExample is one encoding example of the specification.
type rleExample struct {
	name    string
	values  []int64
	encoded []byte
	signed  bool
}

func seq(from, to, step int64) []int64 {
	var out []int64
	for v := from; step > 0 && v <= to || step < 0 && v >= to; v += step {
		out = append(out, v)
	}
	return out
}

func repeat(v int64, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

var rleV1Examples = []rleExample{
	{"run of 100 sevens", repeat(7, 100), []byte{0x61, 0x00, 0x07}, false},
	{"run from 100 down to 1", seq(100, 1, -1), []byte{0x61, 0xff, 0x64}, false},
	{"literals", []int64{2, 3, 6, 7, 11}, []byte{0xfb, 0x02, 0x03, 0x06, 0x07, 0x0b}, false},
}

var rleV2Examples = []rleExample{
	{"short repeat", repeat(10000, 5), []byte{0x0a, 0x27, 0x10}, false},
	{"direct", []int64{23713, 43806, 57005, 48879},
		[]byte{0x5e, 0x03, 0x5c, 0xa1, 0xab, 0x1e, 0xde, 0xad, 0xbe, 0xef}, false},
	{"patched base", []int64{2030, 2000, 2020, 1000000, 2040, 2050, 2060, 2070, 2080, 2090, 2100, 2110, 2120,
		2130, 2140, 2150, 2160, 2170, 2180, 2190},
		[]byte{0x8e, 0x13, 0x2b, 0x21, 0x07, 0xd0, 0x1e, 0x00, 0x14, 0x70, 0x28, 0x32, 0x3c, 0x46, 0x50, 0x5a, 0x64,
			0x6e, 0x78, 0x82, 0x8c, 0x96, 0xa0, 0xaa, 0xb4, 0xbe, 0xfc, 0xe8}, false},
	{"delta", []int64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29}, []byte{0xc6, 0x09, 0x02, 0x02, 0x22, 0x42, 0x42, 0x46}, false},
}

// The specification's integer RLE examples decode to their values.
func TestORCIntRLEDecodesSpecExamples(t *testing.T) {
	for i, ex := range append(rleV1Examples, rleV2Examples...) {
		r := newIntRLE(ex.encoded, ex.signed, i >= len(rleV1Examples))
		got, err := r.read(nil, len(ex.values))
		require.NoError(t, err, ex.name)
		assert.Equal(t, ex.values, got, ex.name)
		assert.Equal(t, len(ex.encoded), r.pos, "%s: the whole run is consumed", ex.name)
		_, err = r.read(nil, 1)
		assert.ErrorIs(t, err, errORCShortStream, ex.name)
	}
}

// Signed streams zigzag their values: a short repeat of -3 and a delta
// run downwards, and patched base with a negative base.
func TestORCIntRLEv2Signed(t *testing.T) {
	r := newIntRLE([]byte{0x02, 0x05}, true, true) // short repeat, 1 byte, 5 values of zigzag 5 = -3
	got, err := r.read(nil, 5)
	require.NoError(t, err)
	assert.Equal(t, repeat(-3, 5), got)

	// Delta, fixed delta -2 from -1: base zigzag(-1)=1, delta zigzag(-2)=3.
	r = newIntRLE([]byte{0xc0, 0x03, 0x01, 0x03}, true, true)
	got, err = r.read(nil, 4)
	require.NoError(t, err)
	assert.Equal(t, []int64{-1, -3, -5, -7}, got)

	// Patched base with base -10 (1 byte, sign bit set), width 8, no
	// patches: values 0, 5 and 20 give -10, -5, 10.
	r = newIntRLE([]byte{0x8e, 0x02, 0x00, 0x00, 0x8a, 0x00, 0x05, 0x14}, true, true)
	got, err = r.read(nil, 3)
	require.NoError(t, err)
	assert.Equal(t, []int64{-10, -5, 10}, got)
}

// The byte and boolean RLE examples of the specification.
func TestORCByteAndBoolRLE(t *testing.T) {
	r := byteRLE{src: []byte{0x61, 0x00}}
	got, err := r.read(nil, 100)
	require.NoError(t, err)
	assert.Equal(t, make([]byte, 100), got)

	r = byteRLE{src: []byte{0xfe, 0x44, 0x45}}
	got, err = r.read(nil, 2)
	require.NoError(t, err)
	assert.Equal(t, []byte{0x44, 0x45}, got)
	_, err = r.next()
	assert.ErrorIs(t, err, errORCShortStream)

	b := boolRLE{bytes: byteRLE{src: []byte{0xff, 0x80}}}
	bits, err := b.read(nil, 8)
	require.NoError(t, err)
	assert.Equal(t, []bool{true, false, false, false, false, false, false, false}, bits)

	r = byteRLE{src: []byte{0xfd, 0x01}} // 3 literals announced, 1 present
	_, err = r.next()
	assert.ErrorIs(t, err, errORCShortStream)
}

// Bit widths of RLE v2: the 5-bit codes and the patch entry rounding.
func TestORCBitWidths(t *testing.T) {
	assert.Equal(t, 1, decodeBitWidth(0))
	assert.Equal(t, 24, decodeBitWidth(23))
	assert.Equal(t, []int{26, 28, 30, 32, 40, 48, 56, 64},
		[]int{decodeBitWidth(24), decodeBitWidth(25), decodeBitWidth(26), decodeBitWidth(27),
			decodeBitWidth(28), decodeBitWidth(29), decodeBitWidth(30), decodeBitWidth(31)})
	for in, want := range map[int]int{1: 1, 24: 24, 25: 26, 26: 26, 27: 28, 29: 30, 31: 32, 32: 32, 33: 40, 41: 48, 49: 56, 57: 64, 64: 64} {
		assert.Equal(t, want, closestFixedBits(in), "%d", in)
	}
}

// Nanoseconds drop their trailing decimal zeros: 1000 is 0x0a, 100000 is
// 0x0c (the specification's examples).
func TestORCNanos(t *testing.T) {
	assert.Equal(t, int64(1000), decodeNanos(0x0a))
	assert.Equal(t, int64(100000), decodeNanos(0x0c))
	assert.Equal(t, int64(0), decodeNanos(0))
	assert.Equal(t, int64(123), decodeNanos(123<<3))
}
