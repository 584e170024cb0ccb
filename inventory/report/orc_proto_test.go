package report

import (
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The varint and zigzag tables of the specification.
func TestORCVarintAndZigzag(t *testing.T) {
	varints := map[uint64][]byte{
		0: {0x00}, 1: {0x01}, 127: {0x7f}, 128: {0x80, 0x01}, 129: {0x81, 0x01},
		16383: {0xff, 0x7f}, 16384: {0x80, 0x80, 0x01}, 16385: {0x81, 0x80, 0x01},
	}
	for v, want := range varints {
		assert.Equal(t, want, pbAppendVarint(nil, v), "%d", v)
		got, n := pbReadVarint(want)
		assert.Equal(t, v, got)
		assert.Equal(t, len(want), n)
	}
	for _, v := range []uint64{0, math.MaxUint64, 1 << 63, math.MaxUint32} {
		got, n := pbReadVarint(pbAppendVarint(nil, v))
		assert.Equal(t, v, got)
		assert.NotZero(t, n)
	}
	_, n := pbReadVarint([]byte{0x80, 0x80})
	assert.Zero(t, n, "a varint cut short")
	_, n = pbReadVarint([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02})
	assert.Zero(t, n, "a varint beyond 64 bits")

	zz := map[int64]uint64{0: 0, -1: 1, 1: 2, -2: 3, 2: 4, math.MaxInt64: math.MaxUint64 - 1, math.MinInt64: math.MaxUint64}
	for s, u := range zz {
		assert.Equal(t, u, zigzag(s), "%d", s)
		assert.Equal(t, s, unzigzag(u), "%d", u)
	}
}

// The PostScript of a reference file decodes to what the reference writer
// wrote and encodes back to the same bytes (same fields, same order).
func TestORCPostScriptRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/orc/TestOrcFile.test1.orc")
	require.NoError(t, err)
	raw := data[len(data)-1-int(data[len(data)-1]) : len(data)-1]
	var ps orcPostScript
	require.NoError(t, ps.unmarshal(raw))
	assert.Equal(t, orcZlib, ps.compression)
	assert.Equal(t, uint64(10000), ps.compressionBlockSize)
	assert.Equal(t, []uint32{0, 12}, ps.version)
	assert.Equal(t, "ORC", ps.magic)
	assert.Equal(t, raw, ps.marshal(nil))
}

// Every message the writer emits decodes back to itself.
func TestORCMessagesRoundTrip(t *testing.T) {
	sum := int64(77)
	stats := []orcColumnStats{
		{numberOfValues: 3, hasNull: true, ints: &orcIntStats{hasMinMax: true, min: -5, max: 1 << 40, hasSum: true, sum: 12}},
		{numberOfValues: 2, doubles: &orcDoubleStats{hasMinMax: true, min: -1.5, max: 2.25, sum: 0.75}},
		{numberOfValues: 2, strings: &orcStringStats{hasMinMax: true, min: "a", max: "é", sum: 3}},
		{numberOfValues: 4, hasBucket: true, bucket: []uint64{3}},
		{numberOfValues: 1, date: &orcDateStats{hasMinMax: true, min: -25000, max: 19000}},
		{numberOfValues: 1, binary: &sum},
		{numberOfValues: 1, timestamp: &orcTimestampStats{hasMinMax: true, min: -1, max: 2, minUtc: -1, maxUtc: 2, hasUtc: true, hasLocalMinMax: true}},
		{numberOfValues: 0, ints: &orcIntStats{}},
	}
	footer := orcFooter{
		headerLength: 3, contentLength: 1000, numberOfRows: 9, rowIndexStride: 10000, statistics: stats,
		stripes: []orcStripeInfo{{offset: 3, indexLength: 10, dataLength: 900, footerLength: 87, numberOfRows: 9}},
		types: []orcTypeNode{
			{kind: ORCStruct, subtypes: []uint32{1, 2}, fieldNames: []string{"a", "b"}},
			{kind: ORCString}, {kind: ORCDecimal, precision: 38, scale: 10},
		},
	}
	var gotFooter orcFooter
	require.NoError(t, gotFooter.unmarshal(footer.marshal(nil)))
	assert.Equal(t, footer, gotFooter)

	meta := orcMetadata{stripeStats: [][]orcColumnStats{stats, stats[:2]}}
	var gotMeta orcMetadata
	require.NoError(t, gotMeta.unmarshal(meta.marshal(nil)))
	assert.Equal(t, meta, gotMeta)

	sf := orcStripeFooter{
		streams:        []orcStream{{kind: streamRowIndex, column: 1, length: 20}, {kind: streamData, column: 1, length: 300}},
		columns:        []orcColumnEncoding{{kind: encDirect}, {kind: encDictionaryV2, dictionarySize: 12}},
		writerTimezone: "UTC",
	}
	var gotSF orcStripeFooter
	require.NoError(t, gotSF.unmarshal(sf.marshal(nil)))
	assert.Equal(t, sf, gotSF)

	index := []orcRowIndexEntry{{positions: []uint64{0, 0, 0}, stats: &stats[0]}, {positions: []uint64{300, 12, 4}, stats: &stats[2]}}
	gotIndex, err := unmarshalRowIndex(marshalRowIndex(nil, index))
	require.NoError(t, err)
	assert.Equal(t, index, gotIndex)

	ps := orcPostScript{footerLength: 5, compression: orcZlib, compressionBlockSize: orcBlockSize,
		version: []uint32{0, 12}, metadataLength: 7, writerVersion: 6, magic: "ORC"}
	var gotPS orcPostScript
	require.NoError(t, gotPS.unmarshal(ps.marshal(nil)))
	assert.Equal(t, ps, gotPS)
}

// Truncated and malformed messages fail instead of panicking.
func TestORCProtoMalformed(t *testing.T) {
	var ps orcPostScript
	assert.Error(t, ps.unmarshal([]byte{0x08}), "a varint field without its value")
	assert.Error(t, ps.unmarshal([]byte{0x0a, 0x05, 0x01}), "a length beyond the message")
	assert.Error(t, ps.unmarshal([]byte{0x0b}), "a group (wire type 3)")
	assert.Error(t, ps.unmarshal([]byte{0x00, 0x01}), "field number 0")
	var f orcFooter
	assert.Error(t, f.unmarshal([]byte{0x18, 0x01}), "a message field sent as a varint")
	// Unknown fields of every wire type are skipped.
	msg := pbAppendUint(nil, 99, 5)
	msg = pbAppendDouble(msg, 98, 1.5)
	msg = pbAppendString(msg, 97, "x")
	msg = append(pbAppendTag(msg, 96, pbFixed32), 1, 2, 3, 4)
	msg = pbAppendUint(msg, 1, 42)
	require.NoError(t, ps.unmarshal(msg))
	assert.Equal(t, uint64(42), ps.footerLength)
}
