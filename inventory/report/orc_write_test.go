package report

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/inventory"
)

// smallORC writes a file with small stripes, row groups and chunks so that
// a few thousand rows exercise every boundary.
var smallORC = orcOptions{stripeRows: 700, stripeBytes: 1 << 30, stride: 100, blockSize: 512, codec: orcZlib}

func allColumns() []inventory.Column {
	return inventory.Columns(inventory.Configuration{IncludedObjectVersions: inventory.AllVersions, OptionalFields: inventory.DialectAWS.OptionalFields()})
}

// A written file decodes, column by column, to the cells MakeRow gives,
// across stripes, row groups and compression chunks; its footer, stripe
// and row group statistics are those of the values; and every row index
// entry seeks to its group's first value in every stream.
// Without compression (the codec the fuzzing seeds use) too.
func TestORCWriterRoundTrip(t *testing.T) {
	for _, codec := range []orcCompression{orcZlib, orcNone} {
		t.Run(codec.String(), func(t *testing.T) {
			opts := smallORC
			opts.codec = codec
			testORCWriterRoundTrip(t, opts)
		})
	}
}

func testORCWriterRoundTrip(t *testing.T, opts orcOptions) {
	versions := richVersions(2500)
	cols := allColumns()
	data := encodeORC(cols, "src-bucket", versions, opts)
	f, err := OpenORC(data)
	require.NoError(t, err)
	assert.Equal(t, opts.codec.String(), f.Compression())
	assert.Equal(t, uint64(len(versions)), f.NumRows())
	assert.Equal(t, 4, f.NumStripes(), "700 rows a stripe")
	assert.Equal(t, uint32(100), f.footer.rowIndexStride)
	assert.Equal(t, fileSchema(inventory.FormatORC, cols), f.Schema())
	assert.Equal(t, uint64(512), f.ps.compressionBlockSize)
	assert.Equal(t, uint64(orcWriterVersion), f.ps.writerVersion)
	got, err := f.Columns()
	require.NoError(t, err)

	for i, v := range versions {
		row := MakeRow(cols, "src-bucket", v)
		for c, want := range row {
			col := &got[c+1]
			require.Equal(t, want.Null, col.Null(i), "row %d column %s null", i, cols[c].Name)
			if want.Null {
				continue
			}
			switch want.Kind {
			case inventory.KindString:
				require.Equal(t, want.Str, col.Strings[i], "row %d column %s", i, cols[c].Name)
			case inventory.KindBool:
				require.Equal(t, want.Bool, col.Bools[i], "row %d column %s", i, cols[c].Name)
			case inventory.KindInt:
				require.Equal(t, want.Int, col.Ints[i], "row %d column %s", i, cols[c].Name)
			case inventory.KindTime:
				require.True(t, want.Time.Truncate(time.Second).Equal(col.Times[i]), "row %d column %s", i, cols[c].Name)
				require.Equal(t, time.UTC, col.Times[i].Location(), "written in UTC")
			}
		}
	}

	// Statistics: the file's, each stripe's, each row group's.
	for id := 1; id < len(got); id++ {
		assert.Equal(t, statsOf(&got[id], 0, got[id].Len), f.footer.statistics[id], "file statistics of column %d", id)
	}
	assert.Equal(t, uint64(len(versions)), f.footer.statistics[0].numberOfValues)
	require.Len(t, f.metadata.stripeStats, f.NumStripes())
	first := 0
	for si, info := range f.footer.stripes {
		n := int(info.numberOfRows)
		assert.Equal(t, uint64(n), f.metadata.stripeStats[si][0].numberOfValues)
		s, err := f.openStripe(si)
		require.NoError(t, err)
		assert.Equal(t, "UTC", s.footer.writerTimezone)
		for id := 1; id < len(got); id++ {
			assert.Equal(t, statsOf(&got[id], first, first+n), f.metadata.stripeStats[si][id], "stripe %d column %d", si, id)
			raw := s.streams[orcStreamKey{uint32(id), streamRowIndex}]
			index, err := f.dec.decompress(raw)
			require.NoError(t, err)
			entries, err := unmarshalRowIndex(index)
			require.NoError(t, err)
			for g, e := range entries {
				lo := first + g*100
				assert.Equal(t, statsOf(&got[id], lo, min(lo+100, first+n)), *e.stats, "stripe %d column %d group %d", si, id, g)
			}
		}
		first += n
	}
	assert.Equal(t, 25*(len(got)-1), checkRowIndex(t, f, got))
}

// statsOf computes what the writer must record for slots [lo, hi) of a
// report column.
func statsOf(c *ORCColumn, lo, hi int) orcColumnStats {
	kinds := map[ORCKind]inventory.ColumnKind{ORCString: inventory.KindString, ORCBoolean: inventory.KindBool, ORCLong: inventory.KindInt, ORCTimestamp: inventory.KindTime}
	s := newStats(kinds[c.Kind])
	for i := lo; i < hi; i++ {
		if c.Null(i) {
			s.addNull()
			continue
		}
		switch c.Kind {
		case ORCString:
			s.addString(c.Strings[i])
		case ORCBoolean:
			s.addBool(c.Bools[i])
		case ORCLong:
			s.addInt(c.Ints[i])
		case ORCTimestamp:
			s.addTime(c.Times[i].UnixMilli())
		}
	}
	return s
}

// Columns with few distinct values get a dictionary, keys do not; columns
// with nulls in a stripe get a PRESENT stream, others none.
func TestORCWriterEncodings(t *testing.T) {
	versions := richVersions(1000)
	for i := range versions {
		versions[i].Key += strconv.Itoa(i) // every key distinct: no gain from a dictionary
	}
	cols := allColumns()
	f, err := OpenORC(encodeORC(cols, "b", versions, orcOptions{stripeRows: 1000, stripeBytes: 1 << 30, stride: 10000, blockSize: orcBlockSize, codec: orcZlib}))
	require.NoError(t, err)
	s, err := f.openStripe(0)
	require.NoError(t, err)
	byName := map[string]int{}
	for i, c := range cols {
		byName[c.Name] = i + 1
	}
	enc := func(name string) orcEncodingKind { return s.encodings[byName[name]].kind }
	has := func(name string, kind orcStreamKind) bool {
		_, ok := s.streams[orcStreamKey{uint32(byName[name]), kind}]
		return ok
	}
	assert.Equal(t, encDirectV2, enc("Key"))
	assert.Equal(t, encDictionaryV2, enc("Bucket"))
	assert.Equal(t, encDictionaryV2, enc("StorageClass"))
	assert.Equal(t, uint32(4), s.encodings[byName["StorageClass"]].dictionarySize)
	assert.Equal(t, encDirectV2, enc("Size"))
	assert.False(t, has("Key", streamPresent), "keys are never null")
	assert.False(t, has("IsLatest", streamPresent))
	assert.True(t, has("Size", streamPresent), "delete markers have no size")
	assert.True(t, has("ReplicationStatus", streamPresent))
	assert.True(t, has("StorageClass", streamDictionaryData))
	assert.True(t, has("LastModifiedDate", streamSecondary))
	assert.Equal(t, encDirect, s.encodings[0].kind)
}

// Timestamps keep their nanoseconds and their instant, before 1970, before
// the 2015 origin and after it; strings larger than a compression chunk and
// incompressible ones (stored as original chunks) survive.
func TestORCWriterTimestampsAndLargeStrings(t *testing.T) {
	times := []time.Time{
		time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 24, 1, 2, 3, 1000, time.UTC),
		time.Date(2026, 11, 24, 1, 2, 3, 100000, time.UTC),
		time.Date(2014, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 58, 500_000_000, time.UTC),
		time.Date(1900, 5, 5, 12, 34, 56, 100_100_000, time.UTC),
		time.Date(1900, 5, 5, 12, 34, 56, 123, time.UTC),
		time.Date(2262, 4, 11, 0, 0, 0, 7, time.UTC),
	}
	rng := rand.New(rand.NewPCG(3, 4))
	noise := make([]byte, 3*orcBlockSize)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	big := strings.Repeat("inventory ", orcBlockSize/5)
	cols := []inventory.Column{{Name: "Key", ColumnarName: "key", Kind: inventory.KindString}, {Name: "LastModifiedDate", ColumnarName: "last_modified_date", Kind: inventory.KindTime}}
	w := newORCWriter(cols, defaultORCOptions)
	keys, tm := w.cols[0], w.cols[1]
	for i, at := range times {
		keys.begin()
		keys.putString([]string{string(noise), big}[i%2], false)
		tm.begin()
		tm.putTime(at.Unix(), int64(at.Nanosecond()), false)
		w.endRow()
	}
	w.flushStripe()
	f, err := OpenORC(w.finish(cols))
	require.NoError(t, err)
	got, err := f.Columns()
	require.NoError(t, err)
	for i, at := range times {
		assert.True(t, at.Equal(got[2].Times[i]), "%v: got %v", at, got[2].Times[i])
		assert.Equal(t, []string{string(noise), big}[i%2], got[1].Strings[i])
	}
	assert.Equal(t, statsOf(&got[2], 0, len(times)), f.footer.statistics[2])
	assert.Equal(t, 2, checkRowIndex(t, f, got))
}

// Stripes end at the byte bound too: a report of large values gets more
// stripes than its row bound alone would give.
func TestORCWriterStripeBytes(t *testing.T) {
	versions := richVersions(3000)
	opts := orcOptions{stripeRows: 1 << 20, stripeBytes: 64 << 10, stride: 1000, blockSize: 4096, codec: orcZlib}
	f, err := OpenORC(encodeORC(allColumns(), "b", versions, opts))
	require.NoError(t, err)
	assert.Greater(t, f.NumStripes(), 5)
	var rows uint64
	for _, s := range f.footer.stripes {
		rows += s.numberOfRows
		assert.Less(t, s.numberOfRows, uint64(1000), "each stripe stops near 64 KiB of values")
	}
	assert.Equal(t, uint64(3000), rows)
	cols, err := f.Columns()
	require.NoError(t, err)
	checkRowIndex(t, f, cols)
}

// The integer encoder reproduces the specification's examples where its
// choice is the specification's, and every run kind round-trips.
func TestORCRLEv2Encoder(t *testing.T) {
	for _, ex := range rleV2Examples {
		if ex.name == "patched base" {
			continue // the writer does not write patched base
		}
		w := newRLEv2Writer(ex.signed)
		for _, v := range ex.values {
			w.add(v)
		}
		w.flush()
		assert.Equal(t, ex.encoded, w.out, ex.name)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	cases := map[string][]int64{
		"patched base example": rleV2Examples[2].values,
		"long repeat":          repeat(-7, 1300),
		"increasing":           seq(-1000, 5000, 3),
		"decreasing":           seq(5000, -1000, -7),
		"one bit deltas":       {10, 11, 12, 12, 13, 14, 14, 15},
		"extremes":             {-1 << 63, 1<<63 - 1, 0, -1, 1<<63 - 1, -1 << 63},
		"singleton":            {42},
		"pairs":                {1, 1, 2, 2, 3, 3},
	}
	random := make([]int64, 3000)
	for i := range random {
		random[i] = int64(rng.Uint64()) >> rng.IntN(64)
	}
	cases["random widths"] = random
	for name, vals := range cases {
		for _, signed := range []bool{true, false} {
			if !signed && slicesHasNegative(vals) {
				continue
			}
			w := newRLEv2Writer(signed)
			for _, v := range vals {
				w.add(v)
			}
			w.flush()
			got, err := newIntRLE(w.out, signed, true).read(nil, len(vals))
			require.NoError(t, err, name)
			assert.Equal(t, vals, got, "%s signed=%v", name, signed)
		}
	}
	w := newRLEv2Writer(false)
	for i := 0; i < 1000; i++ {
		w.add(5)
	}
	w.flush()
	assert.Len(t, w.out, 2*4, "1000 equal values: two delta runs of 4 bytes")
}

func slicesHasNegative(vals []int64) bool {
	for _, v := range vals {
		if v < 0 {
			return true
		}
	}
	return false
}

// Byte and boolean encoders round-trip and write the specification's
// examples.
func TestORCByteAndBoolEncoders(t *testing.T) {
	w := byteRLEWriter{}
	for i := 0; i < 100; i++ {
		w.add(0)
	}
	w.flush()
	assert.Equal(t, []byte{0x61, 0x00}, w.out)
	w = byteRLEWriter{}
	w.add(0x44)
	w.add(0x45)
	w.flush()
	assert.Equal(t, []byte{0xfe, 0x44, 0x45}, w.out)

	rng := rand.New(rand.NewPCG(7, 8))
	var vals []byte
	for len(vals) < 5000 {
		b, n := byte(rng.IntN(4)), 1+rng.IntN(200)
		for i := 0; i < n; i++ {
			if rng.IntN(3) == 0 {
				vals = append(vals, byte(rng.Uint32()))
			} else {
				vals = append(vals, b)
			}
		}
	}
	w = byteRLEWriter{}
	for _, b := range vals {
		w.add(b)
	}
	w.flush()
	r := byteRLE{src: w.out}
	got, err := r.read(nil, len(vals))
	require.NoError(t, err)
	assert.Equal(t, vals, got)

	bw := boolWriter{}
	bw.add(true)
	for i := 0; i < 7; i++ {
		bw.add(false)
	}
	assert.Equal(t, []byte{0xff, 0x80}, bw.finish(), "one true and seven false")
	var bits []bool
	for i := 0; i < 1001; i++ {
		bits = append(bits, rng.IntN(5) == 0)
	}
	bw = boolWriter{}
	for _, b := range bits {
		bw.add(b)
	}
	br := boolRLE{bytes: byteRLE{src: bw.finish()}}
	gotBits, err := br.read(nil, len(bits))
	require.NoError(t, err)
	assert.Equal(t, bits, gotBits)
}

// Nanoseconds drop their trailing zeros as the specification's examples.
func TestORCNanosEncoding(t *testing.T) {
	assert.Equal(t, int64(0x0a), encodeNanos(1000))
	assert.Equal(t, int64(0x0c), encodeNanos(100000))
	for _, ns := range []int64{0, 1, 10, 100, 1000, 123456789, 999999999, 100000000, 120000000} {
		assert.Equal(t, ns, decodeNanos(uint64(encodeNanos(ns))), "%d", ns)
	}
}

// Compression chunks: the headers of the specification's examples, and
// incompressible blocks stored as original.
func TestORCCompressionFraming(t *testing.T) {
	assert.Equal(t, []byte{0x40, 0x0d, 0x03}, appendChunkHeader(nil, 100000, false))
	assert.Equal(t, []byte{0x0b, 0x00, 0x00}, appendChunkHeader(nil, 5, true))
	c := newORCCompressor()
	c.blockSize = 4
	out, starts := c.compress(nil, []byte("abcdefghij"), nil)
	assert.Equal(t, []uint64{0, 7, 14}, starts, "three original chunks of 4, 4 and 2 bytes")
	assert.Equal(t, byte(0x09), out[0])
	d, err := newORCDecompressor(orcZlib, 4, newORCBudget(100))
	require.NoError(t, err)
	back, err := d.decompress(out)
	require.NoError(t, err)
	assert.Equal(t, "abcdefghij", string(back))

	c = newORCCompressor()
	zeros := make([]byte, 3*orcBlockSize+5)
	out, starts = c.compress(nil, zeros, nil)
	assert.Len(t, starts, 4)
	assert.Less(t, len(out), 10000)
	d, err = newORCDecompressor(orcZlib, orcBlockSize, newORCBudget(len(out)))
	require.NoError(t, err)
	back, err = d.decompress(out)
	require.NoError(t, err)
	assert.Equal(t, zeros, back)
	// A chunk that inflates beyond the block size is refused.
	d, err = newORCDecompressor(orcZlib, 1000, newORCBudget(len(out)))
	require.NoError(t, err)
	_, err = d.decompress(out)
	assert.ErrorContains(t, err, "beyond the block size")
}
