package report

import (
	"errors"
	"fmt"
)

// ORC's run length decoders (docs/orc.md §4): byte
// RLE, boolean RLE (bits over byte RLE), and integer RLE versions 1 and 2.
// Each reads from one decompressed stream and appends the values asked for,
// failing cleanly when the stream ends early or holds an impossible run.

var errORCShortStream = errors.New("orc: stream ends before its values")

// byteRLE decodes byte run length encoding: a control byte 0..127 is a run
// of control+3 copies of the next byte, -128..-1 (as a signed byte) is that
// many literal bytes.
type byteRLE struct {
	src     []byte
	pos     int
	left    int  // values left in the current group
	literal bool // the group is literal bytes at src[pos:]
	value   byte // the repeated byte of a run
}

// next returns the next byte.
func (r *byteRLE) next() (byte, error) {
	if r.left == 0 {
		if r.pos >= len(r.src) {
			return 0, errORCShortStream
		}
		h := r.src[r.pos]
		r.pos++
		if h < 0x80 {
			if r.pos >= len(r.src) {
				return 0, errORCShortStream
			}
			r.left, r.literal, r.value = int(h)+3, false, r.src[r.pos]
			r.pos++
		} else {
			r.left, r.literal = 256-int(h), true
			if r.pos+r.left > len(r.src) {
				return 0, errORCShortStream
			}
		}
	}
	r.left--
	if r.literal {
		r.pos++
		return r.src[r.pos-1], nil
	}
	return r.value, nil
}

// read appends n bytes to dst.
func (r *byteRLE) read(dst []byte, n int) ([]byte, error) {
	for ; n > 0; n-- {
		b, err := r.next()
		if err != nil {
			return dst, err
		}
		dst = append(dst, b)
	}
	return dst, nil
}

// boolRLE decodes boolean RLE: bits, most significant first, in bytes
// that are themselves byte-RLE encoded.
type boolRLE struct {
	bytes byteRLE
	cur   byte
	bits  int // bits of cur not yet returned
}

// next returns the next bit.
func (r *boolRLE) next() (bool, error) {
	if r.bits == 0 {
		b, err := r.bytes.next()
		if err != nil {
			return false, err
		}
		r.cur, r.bits = b, 8
	}
	r.bits--
	return r.cur>>r.bits&1 == 1, nil
}

// read appends n booleans to dst.
func (r *boolRLE) read(dst []bool, n int) ([]bool, error) {
	for ; n > 0; n-- {
		v, err := r.next()
		if err != nil {
			return dst, err
		}
		dst = append(dst, v)
	}
	return dst, nil
}

// intRLE decodes integer RLE, version 1 or 2, signed (zigzag) or not.
// Unsigned values come back as int64 bit patterns.
type intRLE struct {
	src    []byte
	pos    int
	signed bool
	v2     bool
	buf    []int64 // the current run, decoded
	i      int     // next value in buf
}

func newIntRLE(src []byte, signed, v2 bool) *intRLE {
	return &intRLE{src: src, signed: signed, v2: v2, buf: make([]int64, 0, 512)}
}

// read appends n values to dst.
func (r *intRLE) read(dst []int64, n int) ([]int64, error) {
	for n > 0 {
		if r.i == len(r.buf) {
			if err := r.fill(); err != nil {
				return dst, err
			}
		}
		k := min(n, len(r.buf)-r.i)
		dst = append(dst, r.buf[r.i:r.i+k]...)
		r.i += k
		n -= k
	}
	return dst, nil
}

// skip drops n values.
func (r *intRLE) skip(n int) error {
	for n > 0 {
		if r.i == len(r.buf) {
			if err := r.fill(); err != nil {
				return err
			}
		}
		k := min(n, len(r.buf)-r.i)
		r.i += k
		n -= k
	}
	return nil
}

// fill decodes the next run into buf.
func (r *intRLE) fill() error {
	r.buf, r.i = r.buf[:0], 0
	if r.pos >= len(r.src) {
		return errORCShortStream
	}
	var err error
	if r.v2 {
		err = r.fillV2()
	} else {
		err = r.fillV1()
	}
	if err == nil && len(r.buf) == 0 {
		err = errors.New("orc: empty integer run")
	}
	return err
}

func (r *intRLE) byte() (byte, error) {
	if r.pos >= len(r.src) {
		return 0, errORCShortStream
	}
	r.pos++
	return r.src[r.pos-1], nil
}

func (r *intRLE) uvarint() (uint64, error) {
	v, n := pbReadVarint(r.src[r.pos:])
	if n == 0 {
		return 0, errORCShortStream
	}
	r.pos += n
	return v, nil
}

// varint reads a varint, zigzag-decoded when signed is true.
func (r *intRLE) varint(signed bool) (int64, error) {
	u, err := r.uvarint()
	if signed {
		return unzigzag(u), err
	}
	return int64(u), err
}

// fillV1: a control byte 0..127 is a run of control+3 values from a varint
// base with a signed byte delta; -128..-1 is that many literal varints.
func (r *intRLE) fillV1() error {
	h, _ := r.byte()
	if h < 0x80 {
		d, err := r.byte()
		if err != nil {
			return err
		}
		base, err := r.varint(r.signed)
		if err != nil {
			return err
		}
		delta := int64(int8(d))
		for i := 0; i < int(h)+3; i++ {
			r.buf = append(r.buf, base+int64(i)*delta)
		}
		return nil
	}
	for i := 0; i < 256-int(h); i++ {
		v, err := r.varint(r.signed)
		if err != nil {
			return err
		}
		r.buf = append(r.buf, v)
	}
	return nil
}

// The four RLE v2 sub-encodings, in the top two bits of the first byte.
const (
	rleShortRepeat = 0
	rleDirect      = 1
	rlePatchedBase = 2
	rleDelta       = 3
)

func (r *intRLE) fillV2() error {
	h, _ := r.byte()
	switch h >> 6 {
	case rleShortRepeat:
		return r.shortRepeat(h)
	case rleDirect:
		return r.direct(h)
	case rlePatchedBase:
		return r.patchedBase(h)
	}
	return r.delta(h)
}

// shortRepeat: 3 bits of width-1 in bytes, 3 bits of count-3, then the
// value big endian.
func (r *intRLE) shortRepeat(h byte) error {
	width := int(h>>3&7) + 1
	count := int(h&7) + 3
	if r.pos+width > len(r.src) {
		return errORCShortStream
	}
	var u uint64
	for _, c := range r.src[r.pos : r.pos+width] {
		u = u<<8 | uint64(c)
	}
	r.pos += width
	v := int64(u)
	if r.signed {
		v = unzigzag(u)
	}
	for i := 0; i < count; i++ {
		r.buf = append(r.buf, v)
	}
	return nil
}

// runLength reads the 9-bit length (stored minus one) that follows the
// 5-bit width in the first two bytes.
func (r *intRLE) runLength(h byte) (int, error) {
	lo, err := r.byte()
	return int(h&1)<<8 | int(lo) + 1, err
}

// direct: width and length, then length values of width bits, big endian.
func (r *intRLE) direct(h byte) error {
	width := decodeBitWidth(int(h >> 1 & 0x1f))
	n, err := r.runLength(h)
	if err != nil {
		return err
	}
	start := len(r.buf)
	if r.buf, err = r.readBits(r.buf, n, width); err != nil {
		return err
	}
	if r.signed {
		for i := start; i < len(r.buf); i++ {
			r.buf[i] = unzigzag(uint64(r.buf[i]))
		}
	}
	return nil
}

// patchedBase: a base value, values of width W added to it, and a patch
// list that sets the high bits of the few values wider than W.
func (r *intRLE) patchedBase(h byte) error {
	width := decodeBitWidth(int(h >> 1 & 0x1f))
	n, err := r.runLength(h)
	if err != nil {
		return err
	}
	b2, err := r.byte()
	if err != nil {
		return err
	}
	b3, err := r.byte()
	if err != nil {
		return err
	}
	baseWidth := int(b2>>5) + 1
	patchWidth := decodeBitWidth(int(b2 & 0x1f))
	gapWidth := int(b3>>5) + 1
	patches := int(b3 & 0x1f)
	if patchWidth+gapWidth > 64 {
		return fmt.Errorf("orc: patched base: patch and gap widths %d+%d exceed 64 bits", patchWidth, gapWidth)
	}
	if width+patchWidth > 64 {
		return fmt.Errorf("orc: patched base: value and patch widths %d+%d exceed 64 bits", width, patchWidth)
	}
	if r.pos+baseWidth > len(r.src) {
		return errORCShortStream
	}
	var base uint64
	for _, c := range r.src[r.pos : r.pos+baseWidth] {
		base = base<<8 | uint64(c)
	}
	r.pos += baseWidth
	// The base's most significant bit is its sign; the rest its magnitude.
	signBit := uint64(1) << (8*baseWidth - 1)
	b := int64(base &^ signBit)
	if base&signBit != 0 {
		b = -b
	}
	start := len(r.buf)
	if r.buf, err = r.readBits(r.buf, n, width); err != nil {
		return err
	}
	vals := r.buf[start:]
	entries, err := r.readBits(nil, patches, closestFixedBits(patchWidth+gapWidth))
	if err != nil {
		return err
	}
	idx := 0
	for _, e := range entries {
		idx += int(uint64(e) >> patchWidth)
		if idx >= n {
			return errors.New("orc: patched base: patch beyond the run")
		}
		patch := uint64(e) & (1<<patchWidth - 1)
		vals[idx] = int64(uint64(vals[idx]) | patch<<width)
	}
	for i := range vals {
		vals[i] += b
	}
	return nil
}

// delta: width of the deltas (0 for a fixed delta), length, a varint base,
// a signed varint first delta, then length-2 delta magnitudes whose sign is
// the first delta's.
func (r *intRLE) delta(h byte) error {
	fbo := int(h >> 1 & 0x1f)
	width := 0
	if fbo != 0 {
		width = decodeBitWidth(fbo)
	}
	n, err := r.runLength(h)
	if err != nil {
		return err
	}
	base, err := r.varint(r.signed)
	if err != nil {
		return err
	}
	d, err := r.varint(true)
	if err != nil {
		return err
	}
	r.buf = append(r.buf, base)
	if n == 1 {
		return nil
	}
	prev := base + d
	r.buf = append(r.buf, prev)
	if width == 0 {
		for i := 2; i < n; i++ {
			prev += d
			r.buf = append(r.buf, prev)
		}
		return nil
	}
	start := len(r.buf)
	if r.buf, err = r.readBits(r.buf, n-2, width); err != nil {
		return err
	}
	for i := start; i < len(r.buf); i++ {
		if d < 0 {
			prev -= r.buf[i]
		} else {
			prev += r.buf[i]
		}
		r.buf[i] = prev
	}
	return nil
}

// readBits appends n values of width bits each, packed big endian from the
// most significant bit, then skips to the next byte.
func (r *intRLE) readBits(dst []int64, n, width int) ([]int64, error) {
	need := (n*width + 7) / 8
	if need > len(r.src)-r.pos {
		return dst, errORCShortStream
	}
	src := r.src[r.pos : r.pos+need]
	r.pos += need
	var acc uint64 // bits not yet used, right-aligned
	have := 0
	for i := 0; i < n; i++ {
		var v uint64
		left := width
		for left > 0 {
			if have == 0 {
				acc, have = uint64(src[0]), 8
				src = src[1:]
			}
			take := min(left, have)
			v = v<<take | acc>>(have-take)&(1<<take-1)
			have -= take
			left -= take
		}
		dst = append(dst, int64(v))
	}
	return dst, nil
}

// decodeBitWidth maps the 5-bit width code of RLE v2 to bits: 0..23 mean
// 1..24, then 26, 28, 30, 32, 40, 48, 56, 64.
func decodeBitWidth(code int) int {
	if code < 24 {
		return code + 1
	}
	return [...]int{26, 28, 30, 32, 40, 48, 56, 64}[code-24]
}

// closestFixedBits rounds a patch entry's width up to one RLE v2 can
// store: 1..24 as they are, then 26, 28, 30, 32, 40, 48, 56, 64.
func closestFixedBits(n int) int {
	switch {
	case n <= 24:
		return max(n, 1)
	case n <= 32:
		return n + n%2
	}
	return (n + 7) / 8 * 8
}
