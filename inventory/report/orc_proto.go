package report

import (
	"errors"
	"fmt"
	"math"
)

// The protobuf wire format, by hand: ORC's file tail, stripe footers and
// row indexes are protobuf messages (docs/orc.md §2), and these few helpers
// encode and decode them without a protobuf dependency. Only the wire types
// ORC's messages use are written (varint, 64-bit, length-delimited); the
// decoder also skips 32-bit fields and rejects groups.

// Protobuf wire types.
const (
	pbVarint  = 0
	pbFixed64 = 1
	pbBytes   = 2
	pbFixed32 = 5
)

// errPBTruncated is a message that ends inside a field.
var errPBTruncated = errors.New("protobuf: truncated message")

// pbAppendVarint appends v as a base-128 varint: 7 bits a byte, low bits
// first, the high bit set on every byte but the last.
func pbAppendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// zigzag maps signed to unsigned so that small magnitudes stay small:
// 0, -1, 1, -2 become 0, 1, 2, 3.
func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

// unzigzag reverses zigzag.
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

// pbAppendTag appends a field's key: its number and wire type.
func pbAppendTag(b []byte, field int, wire int) []byte {
	return pbAppendVarint(b, uint64(field)<<3|uint64(wire))
}

// pbAppendUint appends an unsigned varint field (uint32, uint64, enum, bool).
func pbAppendUint(b []byte, field int, v uint64) []byte {
	return pbAppendVarint(pbAppendTag(b, field, pbVarint), v)
}

// pbAppendSint appends a zigzag varint field (sint32, sint64).
func pbAppendSint(b []byte, field int, v int64) []byte {
	return pbAppendUint(b, field, zigzag(v))
}

// pbAppendDouble appends a double field (64-bit little endian).
func pbAppendDouble(b []byte, field int, v float64) []byte {
	b = pbAppendTag(b, field, pbFixed64)
	u := math.Float64bits(v)
	for i := 0; i < 8; i++ {
		b = append(b, byte(u>>(8*i)))
	}
	return b
}

// pbAppendBytes appends a length-delimited field (string, bytes, message).
func pbAppendBytes(b []byte, field int, v []byte) []byte {
	b = pbAppendVarint(pbAppendTag(b, field, pbBytes), uint64(len(v)))
	return append(b, v...)
}

// pbAppendString appends a string field.
func pbAppendString(b []byte, field int, v string) []byte {
	b = pbAppendVarint(pbAppendTag(b, field, pbBytes), uint64(len(v)))
	return append(b, v...)
}

// pbAppendPacked appends a packed repeated varint field; nothing when vs is
// empty (an empty packed field and an absent one mean the same).
func pbAppendPacked[T uint32 | uint64](b []byte, field int, vs []T) []byte {
	if len(vs) == 0 {
		return b
	}
	var body []byte
	for _, v := range vs {
		body = pbAppendVarint(body, uint64(v))
	}
	return pbAppendBytes(b, field, body)
}

// pbReadVarint decodes a varint at the start of b and returns it and its
// length; n is 0 when b ends inside it or it exceeds 64 bits.
func pbReadVarint(b []byte) (v uint64, n int) {
	for shift := uint(0); n < len(b); shift += 7 {
		c := b[n]
		n++
		if shift == 63 && c > 1 {
			return 0, 0
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, n
		}
		if shift == 63 {
			return 0, 0
		}
	}
	return 0, 0
}

// pbField is one decoded field: its number, wire type and value (the
// varint or fixed value in u, the bytes of a length-delimited field in b).
type pbField struct {
	num  int
	wire int
	u    uint64
	b    []byte
}

// pbWalk calls f for every field of msg in order, skipping nothing: f
// ignores the fields it does not know. It stops at the first error.
func pbWalk(msg []byte, f func(pbField) error) error {
	for len(msg) > 0 {
		key, n := pbReadVarint(msg)
		if n == 0 {
			return errPBTruncated
		}
		msg = msg[n:]
		fld := pbField{num: int(key >> 3), wire: int(key & 7)}
		if key>>3 == 0 || key>>3 > math.MaxInt32 {
			return fmt.Errorf("protobuf: bad field number %d", key>>3)
		}
		switch fld.wire {
		case pbVarint:
			fld.u, n = pbReadVarint(msg)
			if n == 0 {
				return errPBTruncated
			}
			msg = msg[n:]
		case pbFixed64, pbFixed32:
			size := 8
			if fld.wire == pbFixed32 {
				size = 4
			}
			if len(msg) < size {
				return errPBTruncated
			}
			for i := size - 1; i >= 0; i-- {
				fld.u = fld.u<<8 | uint64(msg[i])
			}
			msg = msg[size:]
		case pbBytes:
			l, n := pbReadVarint(msg)
			if n == 0 || l > uint64(len(msg)-n) {
				return errPBTruncated
			}
			fld.b = msg[n : n+int(l)]
			msg = msg[n+int(l):]
		default:
			return fmt.Errorf("protobuf: unsupported wire type %d", fld.wire)
		}
		if err := f(fld); err != nil {
			return err
		}
	}
	return nil
}

// uints appends a repeated varint field's values, packed or not (a writer
// may use either encoding for a repeated scalar).
func (f pbField) uints(dst []uint64) ([]uint64, error) {
	switch f.wire {
	case pbVarint:
		return append(dst, f.u), nil
	case pbBytes:
		for b := f.b; len(b) > 0; {
			v, n := pbReadVarint(b)
			if n == 0 {
				return nil, errPBTruncated
			}
			dst = append(dst, v)
			b = b[n:]
		}
		return dst, nil
	}
	return nil, fmt.Errorf("protobuf: field %d: wire type %d for a varint", f.num, f.wire)
}

// uint returns a varint field's value, checking the wire type.
func (f pbField) uint() (uint64, error) {
	if f.wire != pbVarint {
		return 0, fmt.Errorf("protobuf: field %d: wire type %d for a varint", f.num, f.wire)
	}
	return f.u, nil
}

// uint32 returns a uint32 field's value, refusing larger values.
func (f pbField) uint32() (uint32, error) {
	v, err := f.uint()
	if err == nil && v > math.MaxUint32 {
		err = fmt.Errorf("protobuf: field %d: %d overflows uint32", f.num, v)
	}
	return uint32(v), err
}

// sint returns a zigzag (sint32/sint64) field's value.
func (f pbField) sint() (int64, error) {
	v, err := f.uint()
	return unzigzag(v), err
}

// double returns a double field's value.
func (f pbField) double() (float64, error) {
	if f.wire != pbFixed64 {
		return 0, fmt.Errorf("protobuf: field %d: wire type %d for a double", f.num, f.wire)
	}
	return math.Float64frombits(f.u), nil
}

// bytes returns a length-delimited field's bytes.
func (f pbField) bytes() ([]byte, error) {
	if f.wire != pbBytes {
		return nil, fmt.Errorf("protobuf: field %d: wire type %d for bytes", f.num, f.wire)
	}
	return f.b, nil
}
