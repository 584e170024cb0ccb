package inventory

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
)

// ORCFile is an ORC file opened for reading: its tail (PostScript, Footer,
// Metadata) parsed and checked, its stripes not yet decoded. Open one with
// OpenORC; Columns decodes every column.
type ORCFile struct {
	data     []byte
	ps       orcPostScript
	footer   orcFooter
	metadata orcMetadata
	budget   *orcBudget
	dec      *orcDecompressor
	// names[id] is the field name of type id in its parent struct.
	names []string
}

// OpenORC parses the tail of an ORC file (format version 0.x, as the
// specification ORCv1 describes) held in data. It supports the NONE and
// ZLIB codecs; other codecs fail with an error naming them. data must not
// change while the file is in use.
func OpenORC(data []byte) (*ORCFile, error) {
	f := &ORCFile{data: data, budget: newORCBudget(len(data))}
	if len(data) < 4 || string(data[:3]) != "ORC" {
		return nil, errors.New("orc: not an ORC file (no \"ORC\" header)")
	}
	psLen := int(data[len(data)-1])
	psStart := len(data) - 1 - psLen
	if psStart < 3 {
		return nil, errors.New("orc: postscript length beyond the file")
	}
	if err := f.ps.unmarshal(data[psStart : len(data)-1]); err != nil {
		return nil, fmt.Errorf("orc: postscript: %w", err)
	}
	if f.ps.magic != "ORC" {
		return nil, fmt.Errorf("orc: postscript magic %q, want \"ORC\"", f.ps.magic)
	}
	if len(f.ps.version) > 0 && f.ps.version[0] != 0 {
		return nil, fmt.Errorf("orc: file version %v, only 0.x is supported", f.ps.version)
	}
	tail := uint64(psStart - 3)
	if f.ps.footerLength > tail || f.ps.metadataLength > tail-f.ps.footerLength {
		return nil, errors.New("orc: footer and metadata lengths beyond the file")
	}
	var err error
	if f.dec, err = newORCDecompressor(f.ps.compression, f.ps.compressionBlockSize, f.budget); err != nil {
		return nil, err
	}
	footerStart := uint64(psStart) - f.ps.footerLength
	footer, err := f.dec.decompress(data[footerStart:psStart])
	if err != nil {
		return nil, fmt.Errorf("orc: footer: %w", err)
	}
	if err := f.footer.unmarshal(footer); err != nil {
		return nil, fmt.Errorf("orc: footer: %w", err)
	}
	metaStart := footerStart - f.ps.metadataLength
	meta, err := f.dec.decompress(data[metaStart:footerStart])
	if err != nil {
		return nil, fmt.Errorf("orc: metadata: %w", err)
	}
	if err := f.metadata.unmarshal(meta); err != nil {
		return nil, fmt.Errorf("orc: metadata: %w", err)
	}
	if err := f.checkTypes(); err != nil {
		return nil, err
	}
	var rows uint64
	for i, s := range f.footer.stripes {
		end := s.offset + s.indexLength
		if end < s.offset || end+s.dataLength < end || end+s.dataLength+s.footerLength < end+s.dataLength ||
			s.offset < 3 || end+s.dataLength+s.footerLength > metaStart {
			return nil, fmt.Errorf("orc: stripe %d lies outside the file's body", i)
		}
		if rows += s.numberOfRows; rows < s.numberOfRows {
			return nil, errors.New("orc: stripe row counts overflow")
		}
	}
	if rows != f.footer.numberOfRows {
		return nil, fmt.Errorf("orc: stripes hold %d rows, footer says %d", rows, f.footer.numberOfRows)
	}
	return f, nil
}

// checkTypes checks that the types form one tree in pre-order (every
// subtype after its parent, each referenced once) with the arity its kind
// needs, and records struct field names.
func (f *ORCFile) checkTypes() error {
	types := f.footer.types
	if len(types) == 0 {
		return errors.New("orc: footer has no types")
	}
	f.names = make([]string, len(types))
	seen := make([]bool, len(types))
	for id, t := range types {
		if t.kind > ORCTimestampInstant {
			return fmt.Errorf("orc: type %d: unknown kind %d", id, t.kind)
		}
		want := -1 // any number of subtypes
		switch t.kind {
		case ORCList:
			want = 1
		case ORCMap:
			want = 2
		case ORCStruct:
			if len(t.fieldNames) != len(t.subtypes) {
				return fmt.Errorf("orc: type %d: %d field names for %d fields", id, len(t.fieldNames), len(t.subtypes))
			}
		case ORCUnion:
			if len(t.subtypes) == 0 || len(t.subtypes) > 256 {
				return fmt.Errorf("orc: type %d: union of %d types", id, len(t.subtypes))
			}
		default:
			want = 0
		}
		if want >= 0 && len(t.subtypes) != want {
			return fmt.Errorf("orc: type %d (%s): %d subtypes, want %d", id, t.kind, len(t.subtypes), want)
		}
		for i, sub := range t.subtypes {
			if int(sub) <= id || int(sub) >= len(types) || seen[sub] {
				return fmt.Errorf("orc: type %d: bad subtype %d", id, sub)
			}
			seen[sub] = true
			if t.kind == ORCStruct {
				f.names[sub] = t.fieldNames[i]
			}
		}
	}
	for id := 1; id < len(types); id++ {
		if !seen[id] {
			return fmt.Errorf("orc: type %d is no type's subtype", id)
		}
	}
	return nil
}

// NumRows is the number of rows the footer declares.
func (f *ORCFile) NumRows() uint64 { return f.footer.numberOfRows }

// NumStripes is the number of stripes.
func (f *ORCFile) NumStripes() int { return len(f.footer.stripes) }

// Schema is the file's type in Hive's syntax, e.g.
// "struct<bucket:string,key:string,size:bigint>".
func (f *ORCFile) Schema() string { return orcTypeString(f.footer.types, 0) }

// Compression is the codec's name: "NONE", "ZLIB", ...
func (f *ORCFile) Compression() string { return f.ps.compression.String() }

// Version is the file format version, e.g. "0.12".
func (f *ORCFile) Version() string {
	var parts []byte
	for i, v := range f.ps.version {
		if i > 0 {
			parts = append(parts, '.')
		}
		parts = strconv.AppendUint(parts, uint64(v), 10)
	}
	return string(parts)
}

// ORCColumn is one column (one type of the schema tree) decoded from every
// stripe. A column has Len slots: the root has one per row, a struct's
// fields one per non-null slot of the struct, a list's element (and a
// map's key and value) one per element of its non-null lists. The value
// slice of the column's kind has Len entries, zero at null slots.
type ORCColumn struct {
	// ID is the column's type id (0 is the root).
	ID int
	// Kind is the type's kind.
	Kind ORCKind
	// Name is the field name in the parent struct ("" otherwise).
	Name string
	// Children are the ids of the subtypes.
	Children []int
	// Len is the number of slots.
	Len int
	// Nulls marks the null slots; nil when no slot is null.
	Nulls []bool
	// Bools holds boolean values.
	Bools []bool
	// Ints holds tinyint, smallint, int and bigint values, dates (days since
	// 1970-01-01), and the lengths of lists and maps.
	Ints []int64
	// Floats holds float and double values.
	Floats []float64
	// Strings holds string, varchar, char and binary values.
	Strings []string
	// Times holds timestamps, in the writer's time zone for timestamp
	// columns (so that their wall clock is the one written) and in UTC for
	// timestamp-with-local-time-zone columns.
	Times []time.Time
	// Decimals holds decimal values as decimal strings, e.g. "-12.50".
	Decimals []string
	// Tags holds the variant of each union value.
	Tags []uint8
}

// Null reports whether slot i is null.
func (c *ORCColumn) Null(i int) bool { return c.Nulls != nil && c.Nulls[i] }

// Columns decodes every stripe and returns every column, indexed by type
// id.
func (f *ORCFile) Columns() ([]ORCColumn, error) {
	cols := make([]ORCColumn, len(f.footer.types))
	for id, t := range f.footer.types {
		cols[id] = ORCColumn{ID: id, Kind: t.kind, Name: f.names[id]}
		for _, sub := range t.subtypes {
			cols[id].Children = append(cols[id].Children, int(sub))
		}
	}
	for i := range f.footer.stripes {
		s, err := f.openStripe(i)
		if err != nil {
			return nil, fmt.Errorf("orc: stripe %d: %w", i, err)
		}
		s.cols = cols
		if err := s.column(0, f.footer.stripes[i].numberOfRows); err != nil {
			return nil, fmt.Errorf("orc: stripe %d: %w", i, err)
		}
	}
	return cols, nil
}

// orcStreamKey names a stream within a stripe.
type orcStreamKey struct {
	column uint32
	kind   orcStreamKind
}

// orcStripe is one stripe being decoded.
type orcStripe struct {
	f         *ORCFile
	footer    orcStripeFooter
	streams   map[orcStreamKey][]byte // stored (still compressed) bytes
	encodings []orcColumnEncoding
	loc       *time.Location // the writer's time zone
	cols      []ORCColumn
}

// openStripe reads stripe i's footer and locates its streams: they follow
// each other from the stripe's start, in the footer's order.
func (f *ORCFile) openStripe(i int) (*orcStripe, error) {
	info := f.footer.stripes[i]
	bodyEnd := info.offset + info.indexLength + info.dataLength
	raw, err := f.dec.decompress(f.data[bodyEnd : bodyEnd+info.footerLength])
	if err != nil {
		return nil, fmt.Errorf("footer: %w", err)
	}
	s := &orcStripe{f: f, streams: map[orcStreamKey][]byte{}}
	if err := s.footer.unmarshal(raw); err != nil {
		return nil, fmt.Errorf("footer: %w", err)
	}
	if len(s.footer.columns) < len(f.footer.types) {
		return nil, fmt.Errorf("%d column encodings for %d columns", len(s.footer.columns), len(f.footer.types))
	}
	s.encodings = s.footer.columns
	at := info.offset
	for _, st := range s.footer.streams {
		if st.length > bodyEnd-at {
			return nil, fmt.Errorf("stream %d of column %d runs past the stripe", st.kind, st.column)
		}
		s.streams[orcStreamKey{st.column, st.kind}] = f.data[at : at+st.length]
		at += st.length
	}
	return s, nil
}

// data returns a stream's decompressed bytes; a missing stream is empty.
func (s *orcStripe) data(col int, kind orcStreamKind) ([]byte, error) {
	raw, ok := s.streams[orcStreamKey{uint32(col), kind}]
	if !ok {
		return nil, nil
	}
	return s.f.dec.decompress(raw)
}

// ints returns an integer RLE decoder over a stream, of the version the
// column's encoding names.
func (s *orcStripe) ints(col int, kind orcStreamKind, signed bool) (*intRLE, error) {
	var v2 bool
	switch s.encodings[col].kind {
	case encDirect, encDictionary:
	case encDirectV2, encDictionaryV2:
		v2 = true
	default:
		return nil, fmt.Errorf("column %d: unknown encoding %d", col, s.encodings[col].kind)
	}
	b, err := s.data(col, kind)
	if err != nil {
		return nil, err
	}
	return newIntRLE(b, signed, v2), nil
}

// location is the time zone the stripe's timestamps were written in: the
// stripe footer's, or UTC when it names none.
func (s *orcStripe) location() (*time.Location, error) {
	if s.loc != nil {
		return s.loc, nil
	}
	s.loc = time.UTC
	if tz := s.footer.writerTimezone; tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("writer time zone %q: %w", tz, err)
		}
		s.loc = loc
	}
	return s.loc, nil
}

// column decodes n slots of column id from this stripe, then its children.
func (s *orcStripe) column(id int, n uint64) error {
	if err := s.f.budget.takeSlots(n); err != nil {
		return err
	}
	col := &s.cols[id]
	present, k, err := s.present(id, n)
	if err != nil {
		return fmt.Errorf("column %d present: %w", id, err)
	}
	if present != nil && col.Nulls == nil {
		col.Nulls = make([]bool, col.Len, col.Len+len(present))
	}
	if col.Nulls != nil {
		if present == nil {
			col.Nulls = append(col.Nulls, make([]bool, n)...)
		}
		for _, p := range present {
			col.Nulls = append(col.Nulls, !p)
		}
	}
	col.Len += int(n)
	if err := s.values(col, present, k); err != nil {
		return fmt.Errorf("column %d (%s): %w", id, col.Kind, err)
	}
	return nil
}

// present reads the PRESENT stream's n bits; nil (and k = n) when the
// stripe has none, meaning every slot has a value. k is the number of
// values.
func (s *orcStripe) present(id int, n uint64) ([]bool, uint64, error) {
	raw, err := s.data(id, streamPresent)
	if err != nil || raw == nil {
		return nil, n, err
	}
	r := boolRLE{bytes: byteRLE{src: raw}}
	bits, err := r.read(make([]bool, 0, min(n, 1<<16)), int(n))
	if err != nil {
		return nil, 0, err
	}
	var k uint64
	for _, b := range bits {
		if b {
			k++
		}
	}
	return bits, k, nil
}

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
		// zero when the nanoseconds hold milliseconds (docs/orc.md).
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
