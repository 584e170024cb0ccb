package report

import "math/bits"

// ORC's run length encoders (docs/orc.md §4), the
// writer's side of orc_rle.go. Each buffers a block of values and encodes
// it on flush; the stripe writer flushes at every row group boundary so
// that a row index position is a byte offset with no values of a run
// consumed (a boolean stream adds the bits used of its current byte).

// rleV2Block is the most values one RLE v2 run holds (9-bit length).
const rleV2Block = 512

// rleV2Writer encodes integers with RLE v2, choosing per run among short
// repeat (3 to 10 equal values), delta (monotonic runs, a fixed delta with
// no delta bits, long repeats as a fixed delta of 0) and direct. It never
// writes patched base, which only shrinks runs with a few outliers.
type rleV2Writer struct {
	out     []byte
	signed  bool
	pending []int64
	scratch []uint64
}

func newRLEv2Writer(signed bool) *rleV2Writer {
	return &rleV2Writer{signed: signed, pending: make([]int64, 0, rleV2Block)}
}

// add queues one value (unsigned streams take non-negative values).
func (w *rleV2Writer) add(v int64) {
	w.pending = append(w.pending, v)
	if len(w.pending) == rleV2Block {
		w.flush()
	}
}

// flush encodes every queued value.
func (w *rleV2Writer) flush() {
	vals := w.pending
	for i := 0; i < len(vals); {
		j := i + 1
		for j < len(vals) && vals[j] == vals[i] {
			j++
		}
		if j-i >= 3 {
			w.repeat(vals[i], j-i)
			i = j
			continue
		}
		// Literals until a run of three equal values starts.
		k := i
		for k < len(vals) && !(k+2 < len(vals) && vals[k] == vals[k+1] && vals[k] == vals[k+2]) {
			k++
		}
		w.literals(vals[i:k])
		i = k
	}
	w.pending = w.pending[:0]
}

// u is a value as the stream stores it: zigzag-encoded when signed.
func (w *rleV2Writer) u(v int64) uint64 {
	if w.signed {
		return zigzag(v)
	}
	return uint64(v)
}

// repeat writes n >= 3 copies of v: a short repeat up to 10, else a delta
// run with a fixed delta of 0.
func (w *rleV2Writer) repeat(v int64, n int) {
	if n <= 10 {
		u := w.u(v)
		width := max(1, (bits.Len64(u)+7)/8)
		w.out = append(w.out, byte((width-1)<<3|(n-3)))
		for i := width - 1; i >= 0; i-- {
			w.out = append(w.out, byte(u>>(8*i)))
		}
		return
	}
	w.out = append(w.out, rleDelta<<6|byte((n-1)>>8), byte(n-1))
	w.out = pbAppendVarint(w.out, w.u(v))
	w.out = append(w.out, 0) // zigzag(0): the fixed delta
}

// literals writes vals (1 to 512 values with no run of three) as delta
// when they are monotonic and that is smaller, else as direct.
func (w *rleV2Writer) literals(vals []int64) {
	if len(vals) >= 2 && w.delta(vals) {
		return
	}
	w.scratch = w.scratch[:0]
	var all uint64
	for _, v := range vals {
		u := w.u(v)
		all |= u
		w.scratch = append(w.scratch, u)
	}
	width := fixedWidth(bits.Len64(all))
	n := len(vals) - 1
	w.out = append(w.out, rleDirect<<6|encodeBitWidth(width)<<1|byte(n>>8), byte(n))
	w.out = appendBitPacked(w.out, w.scratch, width)
}

// delta writes vals as a delta run and reports true when they are
// monotonic (first delta non-zero) and a delta run is no larger than
// direct; otherwise it writes nothing.
func (w *rleV2Writer) delta(vals []int64) bool {
	first := vals[1] - vals[0]
	if first == 0 || (first > 0) != (vals[1] > vals[0]) {
		return false // no direction, or the difference overflows
	}
	fixed := true
	var all, direct uint64
	w.scratch = w.scratch[:0]
	for i := 1; i < len(vals); i++ {
		d := vals[i] - vals[i-1]
		if d != 0 && (d > 0) != (first > 0) || (d > 0) != (vals[i] > vals[i-1]) {
			return false // not monotonic, or overflow
		}
		fixed = fixed && d == first
		if i >= 2 {
			m := uint64(d)
			if d < 0 {
				m = uint64(-d)
			}
			all |= m
			w.scratch = append(w.scratch, m)
		}
	}
	for _, v := range vals {
		direct |= w.u(v)
	}
	width := 0
	if !fixed {
		width = max(2, fixedWidth(bits.Len64(all))) // 1 bit would read as code 0: a fixed delta
	}
	deltaSize := 2 + varintLen(w.u(vals[0])) + varintLen(zigzag(first)) + ((len(vals)-2)*width+7)/8
	directSize := 2 + (len(vals)*fixedWidth(bits.Len64(direct))+7)/8
	if !fixed && deltaSize > directSize {
		return false
	}
	n := len(vals) - 1
	code := byte(0)
	if width > 0 {
		code = encodeBitWidth(width)
	}
	w.out = append(w.out, rleDelta<<6|code<<1|byte(n>>8), byte(n))
	w.out = pbAppendVarint(w.out, w.u(vals[0]))
	w.out = pbAppendVarint(w.out, zigzag(first))
	if width > 0 {
		w.out = appendBitPacked(w.out, w.scratch, width)
	}
	return true
}

func varintLen(u uint64) int { return max(1, (bits.Len64(u)+6)/7) }

// fixedWidth rounds a bit count up to a width the specification does not
// mark deprecated: 1, 2, 4, 8, 16, 24, 32, 40, 48, 56 or 64.
func fixedWidth(n int) int {
	switch {
	case n <= 1:
		return 1
	case n <= 2:
		return 2
	case n <= 4:
		return 4
	case n <= 8:
		return 8
	case n <= 16:
		return 16
	case n <= 24:
		return 24
	}
	return (n + 7) / 8 * 8
}

// encodeBitWidth is the 5-bit code of a fixedWidth width.
func encodeBitWidth(width int) byte {
	switch {
	case width <= 24:
		return byte(width - 1)
	case width <= 32:
		return 27
	}
	return byte(28 + (width-40)/8)
}

// appendBitPacked appends vals in width bits each, big endian from the
// most significant bit, padded to a byte.
func appendBitPacked(out []byte, vals []uint64, width int) []byte {
	var acc uint64 // pending bits, right-aligned
	have := 0
	for _, v := range vals {
		left := width
		for left > 0 {
			take := min(left, 8-have)
			acc = acc<<take | v>>(left-take)&(1<<take-1)
			have += take
			left -= take
			if have == 8 {
				out = append(out, byte(acc))
				acc, have = 0, 0
			}
		}
	}
	if have > 0 {
		out = append(out, byte(acc<<(8-have)))
	}
	return out
}

// byteRLEWriter encodes bytes with byte RLE: runs of 3 to 130 equal bytes
// and groups of up to 128 literals.
type byteRLEWriter struct {
	out     []byte
	pending []byte
}

func (w *byteRLEWriter) add(b byte) {
	w.pending = append(w.pending, b)
	if len(w.pending) == 1024 {
		w.flush()
	}
}

func (w *byteRLEWriter) flush() {
	vals := w.pending
	for i := 0; i < len(vals); {
		j := i + 1
		for j < len(vals) && j-i < 130 && vals[j] == vals[i] {
			j++
		}
		if j-i >= 3 {
			w.out = append(w.out, byte(j-i-3), vals[i])
			i = j
			continue
		}
		k := i
		for k < len(vals) && k-i < 128 && !(k+2 < len(vals) && vals[k] == vals[k+1] && vals[k] == vals[k+2]) {
			k++
		}
		w.out = append(w.out, byte(-(k - i)))
		w.out = append(w.out, vals[i:k]...)
		i = k
	}
	w.pending = w.pending[:0]
}

// boolWriter encodes booleans as bits, most significant first, in bytes
// that go through byte RLE.
type boolWriter struct {
	bytes byteRLEWriter
	cur   byte
	bits  int // bits used in cur
}

func (w *boolWriter) add(v bool) {
	w.cur <<= 1
	if v {
		w.cur |= 1
	}
	if w.bits++; w.bits == 8 {
		w.bytes.add(w.cur)
		w.cur, w.bits = 0, 0
	}
}

// flush encodes the complete bytes; a partial byte stays for the next
// value.
func (w *boolWriter) flush() { w.bytes.flush() }

// finish pads the last byte with zeros and encodes everything.
func (w *boolWriter) finish() []byte {
	if w.bits > 0 {
		w.bytes.add(w.cur << (8 - w.bits))
		w.cur, w.bits = 0, 0
	}
	w.bytes.flush()
	return w.bytes.out
}

// encodeNanos drops trailing decimal zeros from a nanosecond count, when
// there are more than two, and records how many (minus one) in the low 3
// bits: 1000 becomes 0x0a.
func encodeNanos(ns int64) int64 {
	if ns == 0 {
		return 0
	}
	zeros := 0
	for ns%10 == 0 && zeros < 8 {
		ns /= 10
		zeros++
	}
	if zeros < 3 {
		for ; zeros > 0; zeros-- {
			ns *= 10
		}
		return ns << 3
	}
	return ns<<3 | int64(zeros-1)
}
