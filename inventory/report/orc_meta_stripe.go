package report

// The messages of a stripe: its footer (streams and column encodings) and
// its row indexes (docs/orc.md §2, §5, §8).

// orcStreamKind is a Stream's Kind.
type orcStreamKind uint64

// The stream kinds.
const (
	streamPresent        orcStreamKind = 0
	streamData           orcStreamKind = 1
	streamLength         orcStreamKind = 2
	streamDictionaryData orcStreamKind = 3
	streamDictionaryCnt  orcStreamKind = 4
	streamSecondary      orcStreamKind = 5
	streamRowIndex       orcStreamKind = 6
	streamBloomFilter    orcStreamKind = 7
	streamBloomUTF8      orcStreamKind = 8
)

// orcStream is one stream's entry in a stripe footer.
type orcStream struct {
	kind   orcStreamKind // 1
	column uint32        // 2
	length uint64        // 3
}

// orcEncodingKind is a ColumnEncoding's Kind.
type orcEncodingKind uint64

// The column encodings.
const (
	encDirect       orcEncodingKind = 0
	encDictionary   orcEncodingKind = 1
	encDirectV2     orcEncodingKind = 2
	encDictionaryV2 orcEncodingKind = 3
)

// orcColumnEncoding is one column's encoding in a stripe.
type orcColumnEncoding struct {
	kind           orcEncodingKind // 1
	dictionarySize uint32          // 2
}

// orcStripeFooter is a stripe's footer: its streams in file order and each
// column's encoding.
type orcStripeFooter struct {
	streams        []orcStream         // 1
	columns        []orcColumnEncoding // 2
	writerTimezone string              // 3
}

func (m *orcStripeFooter) marshal(b []byte) []byte {
	var sub []byte
	for _, s := range m.streams {
		sub = pbAppendUint(sub[:0], 1, uint64(s.kind))
		sub = pbAppendUint(sub, 2, uint64(s.column))
		sub = pbAppendUint(sub, 3, s.length)
		b = pbAppendBytes(b, 1, sub)
	}
	for _, c := range m.columns {
		sub = pbAppendUint(sub[:0], 1, uint64(c.kind))
		if c.kind == encDictionary || c.kind == encDictionaryV2 {
			sub = pbAppendUint(sub, 2, uint64(c.dictionarySize))
		}
		b = pbAppendBytes(b, 2, sub)
	}
	if m.writerTimezone != "" {
		b = pbAppendString(b, 3, m.writerTimezone)
	}
	return b
}

func (m *orcStripeFooter) unmarshal(msg []byte) error {
	return pbWalk(msg, func(f pbField) error {
		switch f.num {
		case 1:
			sub, err := f.bytes()
			if err != nil {
				return err
			}
			var s orcStream
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					var v uint64
					v, err = g.uint()
					s.kind = orcStreamKind(v)
				case 2:
					s.column, err = g.uint32()
				case 3:
					s.length, err = g.uint()
				}
				return err
			})
			m.streams = append(m.streams, s)
			return err
		case 2:
			sub, err := f.bytes()
			if err != nil {
				return err
			}
			var c orcColumnEncoding
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					var v uint64
					v, err = g.uint()
					c.kind = orcEncodingKind(v)
				case 2:
					c.dictionarySize, err = g.uint32()
				}
				return err
			})
			m.columns = append(m.columns, c)
			return err
		case 3:
			b, err := f.bytes()
			m.writerTimezone = string(b)
			return err
		}
		return nil
	})
}

// orcRowIndexEntry is one row group's entry: the position of each of the
// column's streams at the group's first row, and the group's statistics.
type orcRowIndexEntry struct {
	positions []uint64        // 1, packed
	stats     *orcColumnStats // 2
}

// marshalRowIndex encodes a RowIndex (entries in field 1).
func marshalRowIndex(b []byte, entries []orcRowIndexEntry) []byte {
	var entry, stats []byte
	for _, e := range entries {
		entry = pbAppendPacked(entry[:0], 1, e.positions)
		if e.stats != nil {
			stats = e.stats.marshal(stats[:0])
			entry = pbAppendBytes(entry, 2, stats)
		}
		b = pbAppendBytes(b, 1, entry)
	}
	return b
}

// unmarshalRowIndex decodes a RowIndex.
func unmarshalRowIndex(msg []byte) ([]orcRowIndexEntry, error) {
	var out []orcRowIndexEntry
	err := pbWalk(msg, func(f pbField) error {
		if f.num != 1 {
			return nil
		}
		sub, err := f.bytes()
		if err != nil {
			return err
		}
		var e orcRowIndexEntry
		err = pbWalk(sub, func(g pbField) (err error) {
			switch g.num {
			case 1:
				e.positions, err = g.uints(e.positions)
			case 2:
				var b []byte
				if b, err = g.bytes(); err == nil {
					e.stats = &orcColumnStats{}
					err = e.stats.unmarshal(b)
				}
			}
			return err
		})
		out = append(out, e)
		return err
	})
	return out, err
}
