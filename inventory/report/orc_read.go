package report

import (
	"errors"
	"fmt"
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
