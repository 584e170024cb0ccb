package report

// ORC's metadata messages (docs/orc.md §2), with their
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
	writerVersion        uint64         // 6 (docs/orc.md §2)
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
