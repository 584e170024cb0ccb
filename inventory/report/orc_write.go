package report

import (
	"time"

	"github.com/s3fake/s3fake/inventory"
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
	// codec is ZLIB, or NONE for tests.
	codec orcCompression
}

// defaultORCOptions: stripes of at most 64 MiB of values or 1Mi rows, the
// specification's row groups of 10,000 rows, 256 KiB compression chunks.
var defaultORCOptions = orcOptions{stripeRows: 1 << 20, stripeBytes: 64 << 20, stride: 10_000, blockSize: orcBlockSize,
	codec: orcZlib}

// orcWriterVersion is the PostScript's writerVersion (docs/orc.md §2):
// 6 tells readers the statistics are trustworthy, timestamps' in UTC.
const orcWriterVersion = 6

// orcWriterTimezone is the time zone written in every stripe footer: the
// seconds of timestamps count from 2015-01-01 00:00:00 in it.
const orcWriterTimezone = "UTC"

// writeORC writes versions as one ORC data file as S3 writes inventory
// reports: format version 0.12, ZLIB compression, a struct of the columns'
// snake_case names with S3's types (string, boolean, bigint, timestamp),
// keys not URL-encoded, nulls for empty values, timestamps in UTC to the
// second (as the CSV and Parquet reports), column statistics, a row index
// every 10,000 rows and stripes of at most 64 MiB of values.
func writeORC(cols []inventory.Column, bucket string, versions []inventory.ObjectVersion) ([]byte, error) {
	return encodeORC(cols, bucket, versions, defaultORCOptions), nil
}

// orcWriter accumulates one file.
type orcWriter struct {
	opts        orcOptions
	comp        *orcCompressor
	cols        []*orcColWriter
	out         []byte // the file so far
	rows        int    // rows in the current stripe
	rawBytes    int    // value bytes in the current stripe
	totalRows   uint64
	stripes     []orcStripeInfo
	stripeStats [][]orcColumnStats
	fileStats   []orcColumnStats
}

func newORCWriter(cols []inventory.Column, opts orcOptions) *orcWriter {
	w := &orcWriter{opts: opts, comp: newORCCompressor(), out: []byte("ORC")}
	w.comp.blockSize, w.comp.codec = opts.blockSize, opts.codec
	w.fileStats = append(w.fileStats, orcColumnStats{})
	for _, c := range cols {
		w.cols = append(w.cols, newORCColWriter(c, w.comp, opts.stride))
		w.fileStats = append(w.fileStats, newStats(c.Kind))
	}
	return w
}

func encodeORC(cols []inventory.Column, bucket string, versions []inventory.ObjectVersion, opts orcOptions) []byte {
	w := newORCWriter(cols, opts)
	for i := range versions {
		for _, c := range w.cols {
			w.rawBytes += c.add(bucket, &versions[i])
		}
		w.endRow()
	}
	w.flushStripe()
	return w.finish(cols)
}

// endRow counts a row whose cells every column has, and ends the stripe at
// its bounds.
func (w *orcWriter) endRow() {
	w.rows++
	if w.rows >= w.opts.stripeRows || w.rawBytes >= w.opts.stripeBytes {
		w.flushStripe()
	}
}

// flushStripe writes the current stripe: the row indexes, the data
// streams, the stripe footer (each compressed on its own).
func (w *orcWriter) flushStripe() {
	n := w.rows
	if n == 0 {
		return
	}
	stride := w.opts.stride
	footer := orcStripeFooter{writerTimezone: orcWriterTimezone, columns: []orcColumnEncoding{{kind: encDirect}}}
	var rootIndex []orcRowIndexEntry
	for start := 0; start < n; start += stride {
		rootIndex = append(rootIndex, orcRowIndexEntry{stats: &orcColumnStats{numberOfValues: uint64(min(stride, n-start))}})
	}
	indexes := [][]byte{marshalRowIndex(nil, rootIndex)}
	stripeStats := []orcColumnStats{{numberOfValues: uint64(n)}}
	parts := make([]orcColStripe, len(w.cols))
	for i, c := range w.cols {
		parts[i] = c.finish()
		footer.columns = append(footer.columns, parts[i].encoding)
		indexes = append(indexes, marshalRowIndex(nil, parts[i].index))
		stripeStats = append(stripeStats, parts[i].stats)
		w.fileStats[i+1].merge(&parts[i].stats)
	}
	w.fileStats[0].numberOfValues += uint64(n)
	info := orcStripeInfo{offset: uint64(len(w.out)), numberOfRows: uint64(n)}
	for id, idx := range indexes {
		begin := len(w.out)
		w.out, _ = w.comp.compress(w.out, idx, nil)
		footer.streams = append(footer.streams, orcStream{kind: streamRowIndex, column: uint32(id), length: uint64(len(w.out) - begin)})
	}
	info.indexLength = uint64(len(w.out)) - info.offset
	for i, p := range parts {
		for _, s := range p.streams {
			w.out = append(w.out, s.out...)
			footer.streams = append(footer.streams, orcStream{kind: s.kind, column: uint32(i + 1), length: uint64(len(s.out))})
		}
	}
	info.dataLength = uint64(len(w.out)) - info.offset - info.indexLength
	begin := len(w.out)
	w.out, _ = w.comp.compress(w.out, footer.marshal(nil), nil)
	info.footerLength = uint64(len(w.out) - begin)
	w.stripes = append(w.stripes, info)
	w.stripeStats = append(w.stripeStats, stripeStats)
	w.totalRows += uint64(n)
	w.rows, w.rawBytes = 0, 0
	for _, c := range w.cols {
		c.reset()
	}
}

// orcTypes is the schema: a root struct of the columns, their ORC types
// those of S3's inventory schema.
func orcTypes(cols []inventory.Column) []orcTypeNode {
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

func orcKindOf(k inventory.ColumnKind) ORCKind {
	switch k {
	case inventory.KindBool:
		return ORCBoolean
	case inventory.KindInt:
		return ORCLong
	case inventory.KindTime:
		return ORCTimestamp
	}
	return ORCString
}

// finish writes the tail: Metadata (stripe statistics), Footer and the
// uncompressed PostScript with its length in the last byte.
func (w *orcWriter) finish(cols []inventory.Column) []byte {
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
		footerLength: uint64(len(w.out) - footerStart), compression: w.opts.codec,
		compressionBlockSize: uint64(w.opts.blockSize), version: []uint32{0, 12},
		metadataLength: uint64(footerStart - metaStart), writerVersion: orcWriterVersion, magic: "ORC",
	}
	psBytes := ps.marshal(nil)
	w.out = append(w.out, psBytes...)
	return append(w.out, byte(len(psBytes)))
}

// orcEpochUTC is 2015-01-01 00:00:00 UTC, the origin of timestamp seconds
// in the writer's time zone.
var orcEpochUTC = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
