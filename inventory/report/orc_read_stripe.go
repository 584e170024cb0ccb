package report

import (
	"fmt"
	"time"
)

// A stripe being read: its footer, where its streams are, and the
// decoding of each column's slots from them (docs/orc.md §5).

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
	if _, ok := s.streams[orcStreamKey{uint32(id), streamPresent}]; !ok {
		return nil, n, nil
	}
	raw, err := s.data(id, streamPresent)
	if err != nil {
		return nil, 0, err
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
