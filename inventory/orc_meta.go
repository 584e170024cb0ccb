package inventory

// ORC's metadata messages (docs/orc.md "Metadata messages"), with their
// field numbers, and their protobuf encoding and decoding. Only the fields
// the writer sets or the reader needs are kept; unknown fields are skipped
// on decoding, as protobuf readers must.

// orcCompression is the PostScript's CompressionKind.
type orcCompression uint64

// The compression kinds.
const (
	orcNone orcCompression = iota
	orcZlib
	orcSnappy
	orcLZO
	orcLZ4
	orcZstd
)

func (c orcCompression) String() string {
	names := []string{"NONE", "ZLIB", "SNAPPY", "LZO", "LZ4", "ZSTD"}
	if int(c) < len(names) {
		return names[c]
	}
	return "UNKNOWN"
}

// orcPostScript is the uncompressed message at the end of the file.
type orcPostScript struct {
	footerLength         uint64         // 1
	compression          orcCompression // 2
	compressionBlockSize uint64         // 3
	version              []uint32       // 4, packed: [0, 12]
	metadataLength       uint64         // 5
	writerVersion        uint64         // 6 (not in the specification's text; see docs/orc.md)
	magic                string         // 8000: "ORC"
}

func (m *orcPostScript) marshal(b []byte) []byte {
	b = pbAppendUint(b, 1, m.footerLength)
	b = pbAppendUint(b, 2, uint64(m.compression))
	b = pbAppendUint(b, 3, m.compressionBlockSize)
	b = pbAppendPacked(b, 4, m.version)
	b = pbAppendUint(b, 5, m.metadataLength)
	if m.writerVersion != 0 {
		b = pbAppendUint(b, 6, m.writerVersion)
	}
	return pbAppendString(b, 8000, m.magic)
}

func (m *orcPostScript) unmarshal(msg []byte) error {
	return pbWalk(msg, func(f pbField) (err error) {
		switch f.num {
		case 1:
			m.footerLength, err = f.uint()
		case 2:
			var v uint64
			v, err = f.uint()
			m.compression = orcCompression(v)
		case 3:
			m.compressionBlockSize, err = f.uint()
		case 4:
			var vs []uint64
			vs, err = f.uints(nil)
			for _, v := range vs {
				m.version = append(m.version, uint32(v))
			}
		case 5:
			m.metadataLength, err = f.uint()
		case 6:
			m.writerVersion, err = f.uint()
		case 8000:
			var b []byte
			b, err = f.bytes()
			m.magic = string(b)
		}
		return err
	})
}

// orcTypeNode is one node of the schema tree, flattened in pre-order.
type orcTypeNode struct {
	kind          ORCKind  // 1
	subtypes      []uint32 // 2, packed
	fieldNames    []string // 3
	maximumLength uint32   // 4
	precision     uint32   // 5
	scale         uint32   // 6
}

func (m *orcTypeNode) marshal(b []byte) []byte {
	b = pbAppendUint(b, 1, uint64(m.kind))
	b = pbAppendPacked(b, 2, m.subtypes)
	for _, n := range m.fieldNames {
		b = pbAppendString(b, 3, n)
	}
	if m.maximumLength != 0 {
		b = pbAppendUint(b, 4, uint64(m.maximumLength))
	}
	if m.kind == ORCDecimal {
		b = pbAppendUint(b, 5, uint64(m.precision))
		b = pbAppendUint(b, 6, uint64(m.scale))
	}
	return b
}

func (m *orcTypeNode) unmarshal(msg []byte) error {
	return pbWalk(msg, func(f pbField) (err error) {
		switch f.num {
		case 1:
			var v uint32
			v, err = f.uint32()
			m.kind = ORCKind(v)
		case 2:
			var vs []uint64
			vs, err = f.uints(nil)
			for _, v := range vs {
				m.subtypes = append(m.subtypes, uint32(min(v, 1<<32-1)))
			}
		case 3:
			var b []byte
			b, err = f.bytes()
			m.fieldNames = append(m.fieldNames, string(b))
		case 4:
			m.maximumLength, err = f.uint32()
		case 5:
			m.precision, err = f.uint32()
		case 6:
			m.scale, err = f.uint32()
		}
		return err
	})
}

// orcStripeInfo locates one stripe in the file.
type orcStripeInfo struct {
	offset       uint64 // 1
	indexLength  uint64 // 2
	dataLength   uint64 // 3
	footerLength uint64 // 4
	numberOfRows uint64 // 5
}

func (m *orcStripeInfo) marshal(b []byte) []byte {
	b = pbAppendUint(b, 1, m.offset)
	b = pbAppendUint(b, 2, m.indexLength)
	b = pbAppendUint(b, 3, m.dataLength)
	b = pbAppendUint(b, 4, m.footerLength)
	return pbAppendUint(b, 5, m.numberOfRows)
}

func (m *orcStripeInfo) unmarshal(msg []byte) error {
	return pbWalk(msg, func(f pbField) (err error) {
		switch f.num {
		case 1:
			m.offset, err = f.uint()
		case 2:
			m.indexLength, err = f.uint()
		case 3:
			m.dataLength, err = f.uint()
		case 4:
			m.footerLength, err = f.uint()
		case 5:
			m.numberOfRows, err = f.uint()
		}
		return err
	})
}

// orcColumnStats is ColumnStatistics: a count and at most one typed part.
type orcColumnStats struct {
	numberOfValues uint64             // 1
	ints           *orcIntStats       // 2
	doubles        *orcDoubleStats    // 3
	strings        *orcStringStats    // 4
	bucket         []uint64           // 5: BucketStatistics.count (packed)
	hasBucket      bool               // bucket was present
	decimal        *orcDecimalStats   // 6
	date           *orcDateStats      // 7
	binary         *int64             // 8: BinaryStatistics.sum
	timestamp      *orcTimestampStats // 9
	hasNull        bool               // 10
}

// orcIntStats is IntegerStatistics; minimum and maximum exist only when
// the column has values, the sum only when it did not overflow.
type orcIntStats struct {
	hasMinMax bool
	min, max  int64 // 1, 2 (sint64)
	hasSum    bool
	sum       int64 // 3 (sint64)
}

// orcDoubleStats is DoubleStatistics.
type orcDoubleStats struct {
	hasMinMax     bool
	min, max, sum float64 // 1, 2, 3
}

// orcStringStats is StringStatistics: minimum and maximum in UTF-8 byte
// order, and the total length in bytes.
type orcStringStats struct {
	hasMinMax bool
	min, max  string // 1, 2
	sum       int64  // 3 (sint64)
}

// orcDecimalStats is DecimalStatistics, as decimal strings.
type orcDecimalStats struct {
	min, max, sum string // 1, 2, 3
}

// orcDateStats is DateStatistics: days since 1970-01-01.
type orcDateStats struct {
	hasMinMax bool
	min, max  int64 // 1, 2 (sint32)
}

// orcTimestampStats is TimestampStatistics, milliseconds since the UNIX
// epoch: min/max in the writer's time zone, minUtc/maxUtc in UTC.
type orcTimestampStats struct {
	hasMinMax              bool
	min, max               int64 // 1, 2 (sint64)
	minUtc, maxUtc         int64 // 3, 4 (sint64)
	hasUtc, hasLocalMinMax bool
}

func (m *orcColumnStats) marshal(b []byte) []byte {
	b = pbAppendUint(b, 1, m.numberOfValues)
	var sub []byte
	switch {
	case m.ints != nil:
		if m.ints.hasMinMax {
			sub = pbAppendSint(sub, 1, m.ints.min)
			sub = pbAppendSint(sub, 2, m.ints.max)
		}
		if m.ints.hasSum {
			sub = pbAppendSint(sub, 3, m.ints.sum)
		}
		b = pbAppendBytes(b, 2, sub)
	case m.doubles != nil:
		if m.doubles.hasMinMax {
			sub = pbAppendDouble(sub, 1, m.doubles.min)
			sub = pbAppendDouble(sub, 2, m.doubles.max)
		}
		sub = pbAppendDouble(sub, 3, m.doubles.sum)
		b = pbAppendBytes(b, 3, sub)
	case m.strings != nil:
		if m.strings.hasMinMax {
			sub = pbAppendString(sub, 1, m.strings.min)
			sub = pbAppendString(sub, 2, m.strings.max)
		}
		sub = pbAppendSint(sub, 3, m.strings.sum)
		b = pbAppendBytes(b, 4, sub)
	case m.hasBucket:
		b = pbAppendBytes(b, 5, pbAppendPacked(nil, 1, m.bucket))
	case m.decimal != nil:
		sub = pbAppendString(sub, 1, m.decimal.min)
		sub = pbAppendString(sub, 2, m.decimal.max)
		sub = pbAppendString(sub, 3, m.decimal.sum)
		b = pbAppendBytes(b, 6, sub)
	case m.date != nil:
		if m.date.hasMinMax {
			sub = pbAppendSint(sub, 1, m.date.min)
			sub = pbAppendSint(sub, 2, m.date.max)
		}
		b = pbAppendBytes(b, 7, sub)
	case m.binary != nil:
		b = pbAppendBytes(b, 8, pbAppendSint(nil, 1, *m.binary))
	case m.timestamp != nil:
		if m.timestamp.hasMinMax {
			sub = pbAppendSint(sub, 1, m.timestamp.min)
			sub = pbAppendSint(sub, 2, m.timestamp.max)
			sub = pbAppendSint(sub, 3, m.timestamp.minUtc)
			sub = pbAppendSint(sub, 4, m.timestamp.maxUtc)
		}
		b = pbAppendBytes(b, 9, sub)
	}
	return pbAppendUint(b, 10, boolUint(m.hasNull))
}

func boolUint(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}

func (m *orcColumnStats) unmarshal(msg []byte) error {
	return pbWalk(msg, func(f pbField) (err error) {
		var sub []byte
		if f.num >= 2 && f.num <= 9 {
			if sub, err = f.bytes(); err != nil {
				return err
			}
		}
		switch f.num {
		case 1:
			m.numberOfValues, err = f.uint()
		case 2:
			m.ints = &orcIntStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					m.ints.min, err = g.sint()
					m.ints.hasMinMax = true
				case 2:
					m.ints.max, err = g.sint()
				case 3:
					m.ints.sum, err = g.sint()
					m.ints.hasSum = true
				}
				return err
			})
		case 3:
			m.doubles = &orcDoubleStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					m.doubles.min, err = g.double()
					m.doubles.hasMinMax = true
				case 2:
					m.doubles.max, err = g.double()
				case 3:
					m.doubles.sum, err = g.double()
				}
				return err
			})
		case 4:
			m.strings = &orcStringStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				var b []byte
				switch g.num {
				case 1:
					b, err = g.bytes()
					m.strings.min, m.strings.hasMinMax = string(b), true
				case 2:
					b, err = g.bytes()
					m.strings.max = string(b)
				case 3:
					m.strings.sum, err = g.sint()
				}
				return err
			})
		case 5:
			m.hasBucket = true
			err = pbWalk(sub, func(g pbField) (err error) {
				if g.num == 1 {
					m.bucket, err = g.uints(m.bucket)
				}
				return err
			})
		case 6:
			m.decimal = &orcDecimalStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				var b []byte
				if g.num >= 1 && g.num <= 3 {
					b, err = g.bytes()
				}
				switch g.num {
				case 1:
					m.decimal.min = string(b)
				case 2:
					m.decimal.max = string(b)
				case 3:
					m.decimal.sum = string(b)
				}
				return err
			})
		case 7:
			m.date = &orcDateStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					m.date.min, err = g.sint()
					m.date.hasMinMax = true
				case 2:
					m.date.max, err = g.sint()
				}
				return err
			})
		case 8:
			var sum int64
			m.binary = &sum
			err = pbWalk(sub, func(g pbField) (err error) {
				if g.num == 1 {
					sum, err = g.sint()
				}
				return err
			})
		case 9:
			m.timestamp = &orcTimestampStats{}
			t := m.timestamp
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					t.min, err = g.sint()
					t.hasLocalMinMax, t.hasMinMax = true, true
				case 2:
					t.max, err = g.sint()
				case 3:
					t.minUtc, err = g.sint()
					t.hasUtc, t.hasMinMax = true, true
				case 4:
					t.maxUtc, err = g.sint()
				}
				return err
			})
		case 10:
			var v uint64
			v, err = f.uint()
			m.hasNull = v != 0
		}
		return err
	})
}

// orcFooter is the file's Footer.
type orcFooter struct {
	headerLength   uint64           // 1
	contentLength  uint64           // 2
	stripes        []orcStripeInfo  // 3
	types          []orcTypeNode    // 4
	numberOfRows   uint64           // 6
	statistics     []orcColumnStats // 7
	rowIndexStride uint32           // 8
}

func (m *orcFooter) marshal(b []byte) []byte {
	b = pbAppendUint(b, 1, m.headerLength)
	b = pbAppendUint(b, 2, m.contentLength)
	var scratch []byte
	for i := range m.stripes {
		scratch = m.stripes[i].marshal(scratch[:0])
		b = pbAppendBytes(b, 3, scratch)
	}
	for i := range m.types {
		scratch = m.types[i].marshal(scratch[:0])
		b = pbAppendBytes(b, 4, scratch)
	}
	b = pbAppendUint(b, 6, m.numberOfRows)
	for i := range m.statistics {
		scratch = m.statistics[i].marshal(scratch[:0])
		b = pbAppendBytes(b, 7, scratch)
	}
	return pbAppendUint(b, 8, uint64(m.rowIndexStride))
}

func (m *orcFooter) unmarshal(msg []byte) error {
	return pbWalk(msg, func(f pbField) (err error) {
		var sub []byte
		switch f.num {
		case 3, 4, 7:
			if sub, err = f.bytes(); err != nil {
				return err
			}
		}
		switch f.num {
		case 1:
			m.headerLength, err = f.uint()
		case 2:
			m.contentLength, err = f.uint()
		case 3:
			var s orcStripeInfo
			err = s.unmarshal(sub)
			m.stripes = append(m.stripes, s)
		case 4:
			var t orcTypeNode
			err = t.unmarshal(sub)
			m.types = append(m.types, t)
		case 6:
			m.numberOfRows, err = f.uint()
		case 7:
			var s orcColumnStats
			err = s.unmarshal(sub)
			m.statistics = append(m.statistics, s)
		case 8:
			m.rowIndexStride, err = f.uint32()
		}
		return err
	})
}

// orcMetadata is the Metadata section: column statistics per stripe.
type orcMetadata struct {
	stripeStats [][]orcColumnStats // 1: StripeStatistics, each with colStats = 1
}

func (m *orcMetadata) marshal(b []byte) []byte {
	var stripe, col []byte
	for _, ss := range m.stripeStats {
		stripe = stripe[:0]
		for i := range ss {
			col = ss[i].marshal(col[:0])
			stripe = pbAppendBytes(stripe, 1, col)
		}
		b = pbAppendBytes(b, 1, stripe)
	}
	return b
}

func (m *orcMetadata) unmarshal(msg []byte) error {
	return pbWalk(msg, func(f pbField) error {
		if f.num != 1 {
			return nil
		}
		sub, err := f.bytes()
		if err != nil {
			return err
		}
		var ss []orcColumnStats
		err = pbWalk(sub, func(g pbField) error {
			if g.num != 1 {
				return nil
			}
			b, err := g.bytes()
			if err != nil {
				return err
			}
			var s orcColumnStats
			err = s.unmarshal(b)
			ss = append(ss, s)
			return err
		})
		m.stripeStats = append(m.stripeStats, ss)
		return err
	})
}

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
