package inventory

import (
	"time"
)

// orcOptions are the writer's sizes; tests shrink them to get several
// stripes and row groups out of a few rows.
type orcOptions struct {
	// stripeRows and stripeBytes bound a stripe: it is written once it
	// holds stripeRows rows or stripeBytes bytes of values (strings'
	// lengths, 8 per number or time, 1 per boolean), whichever comes first.
	stripeRows, stripeBytes int
	// stride is the number of rows per row group of the row index.
	stride int
	// blockSize is the compression chunk size.
	blockSize int
}

// defaultORCOptions: stripes of at most 64 MiB of values or 1Mi rows, the
// specification's row groups of 10,000 rows, 256 KiB compression chunks.
var defaultORCOptions = orcOptions{stripeRows: 1 << 20, stripeBytes: 64 << 20, stride: 10_000, blockSize: orcBlockSize}

// orcWriterVersion is the PostScript's writerVersion (see docs/orc.md):
// 6 tells readers the statistics are trustworthy, timestamps' in UTC.
const orcWriterVersion = 6

// orcWriterTimezone is the time zone written in every stripe footer: the
// seconds of timestamps count from 2015-01-01 00:00:00 in it.
const orcWriterTimezone = "UTC"

// EncodeORC writes versions as one ORC data file as S3 writes inventory
// reports: format version 0.12, ZLIB compression, a struct of the columns'
// snake_case names with S3's types (string, boolean, bigint, timestamp),
// keys not URL-encoded, nulls for empty values, timestamps in UTC to the
// second (as the CSV and Parquet reports), column statistics, a row index
// every 10,000 rows and stripes of at most 64 MiB of values.
func EncodeORC(cols []Column, bucket string, versions []ObjectVersion) ([]byte, error) {
	return encodeORC(cols, bucket, versions, defaultORCOptions), nil
}

// orcWriter accumulates one file.
type orcWriter struct {
	opts        orcOptions
	comp        *orcCompressor
	bufs        []*orcColBuf
	out         []byte // the file so far
	data        []byte // scratch: the current stripe's data area
	rows        int    // rows in the current stripe
	rawBytes    int    // value bytes in the current stripe
	totalRows   uint64
	stripes     []orcStripeInfo
	stripeStats [][]orcColumnStats
	fileStats   []orcColumnStats
}

func encodeORC(cols []Column, bucket string, versions []ObjectVersion, opts orcOptions) []byte {
	w := &orcWriter{opts: opts, comp: newORCCompressor(), out: []byte("ORC")}
	w.comp.blockSize = opts.blockSize
	w.fileStats = append(w.fileStats, orcColumnStats{})
	for _, c := range cols {
		w.bufs = append(w.bufs, &orcColBuf{col: c, get: orcGetters[c.Name]})
		w.fileStats = append(w.fileStats, newStats(c.Kind))
	}
	for i := range versions {
		w.addRow(bucket, &versions[i])
	}
	w.flushStripe()
	return w.finish(cols)
}

func (w *orcWriter) addRow(bucket string, v *ObjectVersion) {
	for _, b := range w.bufs {
		w.rawBytes += b.add(bucket, v)
	}
	w.rows++
	if w.rows >= w.opts.stripeRows || w.rawBytes >= w.opts.stripeBytes {
		w.flushStripe()
	}
}

// orcTypes is the schema: a root struct of the columns, their ORC types
// those of S3's inventory schema.
func orcTypes(cols []Column) []orcTypeNode {
	root := orcTypeNode{kind: ORCStruct}
	types := []orcTypeNode{{}}
	for i, c := range cols {
		root.subtypes = append(root.subtypes, uint32(i+1))
		root.fieldNames = append(root.fieldNames, c.ColumnarName)
		types = append(types, orcTypeNode{kind: orcKindOf(c.Kind)})
	}
	types[0] = root
	return types
}

func orcKindOf(k ColumnKind) ORCKind {
	switch k {
	case KindBool:
		return ORCBoolean
	case KindInt:
		return ORCLong
	case KindTime:
		return ORCTimestamp
	}
	return ORCString
}

// finish writes the tail: Metadata (stripe statistics), Footer and the
// uncompressed PostScript with its length in the last byte.
func (w *orcWriter) finish(cols []Column) []byte {
	contentLength := uint64(len(w.out))
	meta := orcMetadata{stripeStats: w.stripeStats}
	metaStart := len(w.out)
	w.out, _ = w.comp.compress(w.out, meta.marshal(nil), nil)
	footer := orcFooter{
		headerLength: 3, contentLength: contentLength, stripes: w.stripes, types: orcTypes(cols),
		numberOfRows: w.totalRows, statistics: w.fileStats, rowIndexStride: uint32(w.opts.stride),
	}
	footerStart := len(w.out)
	w.out, _ = w.comp.compress(w.out, footer.marshal(nil), nil)
	ps := orcPostScript{
		footerLength: uint64(len(w.out) - footerStart), compression: orcZlib,
		compressionBlockSize: uint64(w.opts.blockSize), version: []uint32{0, 12},
		metadataLength: uint64(footerStart - metaStart), writerVersion: orcWriterVersion, magic: "ORC",
	}
	psBytes := ps.marshal(nil)
	w.out = append(w.out, psBytes...)
	return append(w.out, byte(len(psBytes)))
}

// orcColBuf holds one column's cells for the current stripe.
type orcColBuf struct {
	col     Column
	get     orcGetter
	nulls   []bool // per row
	anyNull bool
	strs    []string // KindString, "" at nulls
	ints    []int64  // KindInt values; KindTime seconds since the UNIX epoch
	nanos   []int32  // KindTime
	bools   []bool   // KindBool
}

// add appends v's cell and returns its size in value bytes.
func (b *orcColBuf) add(bucket string, v *ObjectVersion) int {
	g := &b.get
	var null bool
	size := 8
	switch b.col.Kind {
	case KindString:
		s := g.str(bucket, v)
		if null = g.null(v, s == ""); null {
			s = ""
		}
		b.strs = append(b.strs, s)
		size = len(s)
	case KindBool:
		val := g.bool(v)
		null = g.null(v, false)
		b.bools = append(b.bools, val && !null)
		size = 1
	case KindInt:
		val := g.int(v)
		if null = g.null(v, false); null {
			val = 0
		}
		b.ints = append(b.ints, val)
	case KindTime:
		t := g.time(v)
		var sec int64
		if null = g.null(v, t.IsZero()); !null {
			// Second precision, as the CSV (".000") and Parquet reports.
			sec = t.Unix()
		}
		b.ints = append(b.ints, sec)
		b.nanos = append(b.nanos, 0)
	}
	b.nulls = append(b.nulls, null)
	b.anyNull = b.anyNull || null
	return size
}

func (b *orcColBuf) reset() {
	b.nulls, b.strs, b.ints, b.nanos, b.bools = b.nulls[:0], b.strs[:0], b.ints[:0], b.nanos[:0], b.bools[:0]
	b.anyNull = false
}

// orcEpochUTC is 2015-01-01 00:00:00 UTC, the origin of timestamp seconds
// in the writer's time zone.
var orcEpochUTC = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
