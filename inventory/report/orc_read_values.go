package report

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// The values of each type, decoded from a stripe's streams (docs/orc.md
// §5 and §6).

// scatter appends vals to dst, one per present slot and the zero value at
// null slots (present nil: every slot has a value).
func scatter[T any](dst, vals []T, present []bool) []T {
	if present == nil {
		return append(dst, vals...)
	}
	var zero T
	j := 0
	for _, p := range present {
		if p {
			dst = append(dst, vals[j])
			j++
		} else {
			dst = append(dst, zero)
		}
	}
	return dst
}

// values decodes the k values of col's kind, then its children.
func (s *orcStripe) values(col *ORCColumn, present []bool, k uint64) error {
	id := col.ID
	n := int(k)
	switch col.Kind {
	case ORCBoolean:
		raw, err := s.data(id, streamData)
		if err != nil {
			return err
		}
		r := boolRLE{bytes: byteRLE{src: raw}}
		vals, err := r.read(nil, n)
		if err != nil {
			return err
		}
		col.Bools = scatter(col.Bools, vals, present)
	case ORCByte:
		raw, err := s.data(id, streamData)
		if err != nil {
			return err
		}
		r := byteRLE{src: raw}
		bs, err := r.read(nil, n)
		if err != nil {
			return err
		}
		vals := make([]int64, len(bs))
		for i, b := range bs {
			vals[i] = int64(int8(b))
		}
		col.Ints = scatter(col.Ints, vals, present)
	case ORCShort, ORCInt, ORCLong, ORCDate:
		r, err := s.ints(id, streamData, true)
		if err != nil {
			return err
		}
		vals, err := r.read(nil, n)
		if err != nil {
			return err
		}
		col.Ints = scatter(col.Ints, vals, present)
	case ORCFloat, ORCDouble:
		return s.floats(col, present, n)
	case ORCString, ORCVarchar, ORCChar, ORCBinary:
		return s.strings(col, present, n)
	case ORCTimestamp, ORCTimestampInstant:
		return s.timestamps(col, present, n)
	case ORCDecimal:
		return s.decimals(col, present, n)
	case ORCStruct:
		for _, c := range col.Children {
			if err := s.column(c, k); err != nil {
				return err
			}
		}
	case ORCList, ORCMap:
		lengths, total, err := s.lengths(id, n)
		if err != nil {
			return err
		}
		col.Ints = scatter(col.Ints, lengths, present)
		for _, c := range col.Children {
			if err := s.column(c, total); err != nil {
				return err
			}
		}
	case ORCUnion:
		raw, err := s.data(id, streamData)
		if err != nil {
			return err
		}
		r := byteRLE{src: raw}
		tags, err := r.read(nil, n)
		if err != nil {
			return err
		}
		counts := make([]uint64, len(col.Children))
		for _, t := range tags {
			if int(t) >= len(counts) {
				return fmt.Errorf("union tag %d of %d variants", t, len(counts))
			}
			counts[t]++
		}
		col.Tags = scatter(col.Tags, tags, present)
		for i, c := range col.Children {
			if err := s.column(c, counts[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// lengths reads n unsigned lengths from the LENGTH stream and their sum,
// refusing one that cannot be a count.
func (s *orcStripe) lengths(id int, n int) ([]int64, uint64, error) {
	r, err := s.ints(id, streamLength, false)
	if err != nil {
		return nil, 0, err
	}
	vals, err := r.read(nil, n)
	if err != nil {
		return nil, 0, err
	}
	var total uint64
	for _, v := range vals {
		if v < 0 || uint64(v) > uint64(s.f.budget.slots) {
			return nil, 0, errORCBudget
		}
		total += uint64(v)
	}
	return vals, total, nil
}

// floats reads IEEE 754 little-endian values: 4 bytes for float, 8 for
// double.
func (s *orcStripe) floats(col *ORCColumn, present []bool, n int) error {
	raw, err := s.data(col.ID, streamData)
	if err != nil {
		return err
	}
	size := 8
	if col.Kind == ORCFloat {
		size = 4
	}
	if len(raw)/size < n {
		return errORCShortStream
	}
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = decodeFloat(raw[i*size:(i+1)*size], size)
	}
	col.Floats = scatter(col.Floats, vals, present)
	return nil
}

// strings reads direct (bytes and lengths) or dictionary (ids into a
// dictionary of bytes and lengths) string values.
func (s *orcStripe) strings(col *ORCColumn, present []bool, n int) error {
	id := col.ID
	enc := s.encodings[id]
	dict := enc.kind == encDictionary || enc.kind == encDictionaryV2
	if dict && col.Kind == ORCBinary {
		return errors.New("binary columns have no dictionary encoding")
	}
	blobKind, count := streamData, n
	if dict {
		blobKind, count = streamDictionaryData, int(enc.dictionarySize)
		if err := s.f.budget.takeSlots(uint64(count)); err != nil {
			return err
		}
	}
	blob, err := s.data(id, blobKind)
	if err != nil {
		return err
	}
	all := string(blob) // one copy; values are substrings of it
	lengths, _, err := s.lengths(id, count)
	if err != nil {
		return err
	}
	entries := make([]string, len(lengths))
	at := 0
	for i, l := range lengths {
		if l > int64(len(all)-at) {
			return errORCShortStream
		}
		entries[i] = all[at : at+int(l)]
		at += int(l)
	}
	if !dict {
		col.Strings = scatter(col.Strings, entries, present)
		return nil
	}
	r, err := s.ints(id, streamData, false)
	if err != nil {
		return err
	}
	ids, err := r.read(nil, n)
	if err != nil {
		return err
	}
	vals := make([]string, n)
	for i, ref := range ids {
		if ref < 0 || ref >= int64(len(entries)) {
			return fmt.Errorf("dictionary id %d of %d entries", ref, len(entries))
		}
		vals[i] = entries[ref]
	}
	col.Strings = scatter(col.Strings, vals, present)
	return nil
}

// orcEpoch is the timestamp encoding's origin: 2015-01-01 00:00:00 in the
// writer's time zone.
func orcEpoch(loc *time.Location) int64 {
	return time.Date(2015, 1, 1, 0, 0, 0, 0, loc).Unix()
}

// timestamps reads seconds since orcEpoch (DATA, signed) and encoded nanos
// (SECONDARY, unsigned: the low 3 bits say how many decimal zeros, minus
// one, were dropped from the right).
func (s *orcStripe) timestamps(col *ORCColumn, present []bool, n int) error {
	loc := time.UTC
	if col.Kind == ORCTimestamp {
		var err error
		if loc, err = s.location(); err != nil {
			return err
		}
	}
	secsR, err := s.ints(col.ID, streamData, true)
	if err != nil {
		return err
	}
	nanosR, err := s.ints(col.ID, streamSecondary, false)
	if err != nil {
		return err
	}
	secs, err := secsR.read(nil, n)
	if err != nil {
		return err
	}
	nanos, err := nanosR.read(nil, n)
	if err != nil {
		return err
	}
	epoch := orcEpoch(loc)
	vals := make([]time.Time, n)
	for i := range vals {
		ns := decodeNanos(uint64(nanos[i]))
		if ns > 999_999_999 {
			return fmt.Errorf("timestamp nanoseconds %d", ns)
		}
		sec := secs[i] + epoch
		// Writers store the seconds of negative times rounded toward
		// zero when the nanoseconds hold milliseconds (docs/orc.md §6).
		if sec < 0 && ns > 999_999 {
			sec--
		}
		vals[i] = time.Unix(sec, ns).In(loc)
	}
	col.Times = scatter(col.Times, vals, present)
	return nil
}

// decodeNanos undoes encodeNanos.
func decodeNanos(v uint64) int64 {
	zeros := v & 7
	ns := int64(v >> 3)
	if zeros != 0 {
		for i := uint64(0); i <= zeros; i++ {
			ns *= 10
		}
	}
	return ns
}

// decimals reads unbounded zigzag base-128 varints (DATA) and their scales
// (SECONDARY, signed integers).
func (s *orcStripe) decimals(col *ORCColumn, present []bool, n int) error {
	raw, err := s.data(col.ID, streamData)
	if err != nil {
		return err
	}
	scalesR, err := s.ints(col.ID, streamSecondary, true)
	if err != nil {
		return err
	}
	scales, err := scalesR.read(nil, n)
	if err != nil {
		return err
	}
	vals := make([]string, n)
	for i := range vals {
		var digits string
		if digits, raw, err = readBigVarint(raw); err != nil {
			return err
		}
		if scales[i] < 0 || scales[i] > 38 {
			return fmt.Errorf("decimal scale %d", scales[i])
		}
		vals[i] = placeDecimalPoint(digits, int(scales[i]))
	}
	col.Decimals = scatter(col.Decimals, vals, present)
	return nil
}

// decodeFloat decodes a little-endian IEEE 754 float (size 4) or double.
func decodeFloat(b []byte, size int) float64 {
	var u uint64
	for i := size - 1; i >= 0; i-- {
		u = u<<8 | uint64(b[i])
	}
	if size == 4 {
		return float64(math.Float32frombits(uint32(u)))
	}
	return math.Float64frombits(u)
}
