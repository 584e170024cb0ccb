package report

import (
	"math/big"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzReadORC: the reader never panics, on any input; what it returns is
// consistent (every column's values as many as its slots); its allocation
// is bounded by the reader's budget (1 MiB plus 1024 bytes per byte read).
func FuzzReadORC(f *testing.F) {
	for _, name := range []string{"TestOrcFile.emptyFile.orc", "TestOrcFile.test1.orc",
		"TestOrcFile.testStringAndBinaryStatistics.orc", "TestOrcFile.testTimestamp.orc"} {
		data, err := os.ReadFile("testdata/orc/" + name)
		require.NoError(f, err)
		f.Add(data)
	}
	small := orcOptions{stripeRows: 10, stripeBytes: 1 << 20, stride: 4, blockSize: 64, codec: orcNone}
	cols := allColumns()
	f.Add(encodeORC(cols, "b", richVersions(25), small))
	small.codec = orcZlib
	f.Add(encodeORC(cols[:6], "b", richVersions(25), small))
	f.Add(hostileRows())
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ReadORC(data)
		file, err := OpenORC(data)
		if err != nil {
			return
		}
		_ = file.Schema()
		cols, err := file.Columns()
		if err != nil {
			return
		}
		for _, c := range cols {
			if c.Nulls != nil && len(c.Nulls) != c.Len {
				t.Fatalf("column %d: %d null flags for %d slots", c.ID, len(c.Nulls), c.Len)
			}
			n := len(c.Bools) + len(c.Ints) + len(c.Floats) + len(c.Strings) + len(c.Times) + len(c.Decimals) + len(c.Tags)
			if c.Kind != ORCStruct && n != c.Len {
				t.Fatalf("column %d (%s): %d values for %d slots", c.ID, c.Kind, n, c.Len)
			}
		}
	})
}

// handmadeORC assembles an uncompressed file of one stripe from its parts.
func handmadeORC(types []orcTypeNode, rows uint64, streams []orcStream, body []byte, encodings []orcColumnEncoding) []byte {
	out := []byte("ORC")
	out = append(out, body...)
	sf := orcStripeFooter{streams: streams, columns: encodings}
	sfBytes := sf.marshal(nil)
	out = append(out, sfBytes...)
	footer := orcFooter{headerLength: 3, contentLength: uint64(len(out)), types: types, numberOfRows: rows,
		stripes: []orcStripeInfo{{offset: 3, dataLength: uint64(len(body)), footerLength: uint64(len(sfBytes)), numberOfRows: rows}}}
	fb := footer.marshal(nil)
	out = append(out, fb...)
	ps := orcPostScript{footerLength: uint64(len(fb)), compression: orcNone, version: []uint32{0, 12}, magic: "ORC"}
	pb := ps.marshal(nil)
	return append(append(out, pb...), byte(len(pb)))
}

// hostileRows is a 60-byte file that claims 2^40 rows of a bigint column.
func hostileRows() []byte {
	run := []byte{0xc1, 0xff, 0x02, 0x00} // delta: 512 values of 1, fixed delta 0
	return handmadeORC([]orcTypeNode{{kind: ORCLong}}, 1<<40,
		[]orcStream{{kind: streamData, column: 0, length: uint64(len(run))}}, run, []orcColumnEncoding{{kind: encDirectV2}})
}

// Hostile and damaged files fail with an error: no panic, no allocation
// beyond the budget.
func TestORCReaderRefusesHostileFiles(t *testing.T) {
	// The handmade file is well formed: with a believable row count it reads.
	run := []byte{0xc1, 0xff, 0x02, 0x00}
	good := handmadeORC([]orcTypeNode{{kind: ORCLong}}, 512,
		[]orcStream{{kind: streamData, column: 0, length: 4}}, run, []orcColumnEncoding{{kind: encDirectV2}})
	f, err := OpenORC(good)
	require.NoError(t, err)
	cols, err := f.Columns()
	require.NoError(t, err)
	assert.Equal(t, repeat(1, 512), cols[0].Ints)

	f, err = OpenORC(hostileRows())
	require.NoError(t, err, "the tail itself is fine")
	_, err = f.Columns()
	assert.ErrorIs(t, err, errORCBudget, "2^40 rows from 60 bytes")

	// Lists whose lengths claim more elements than the budget.
	lengths := []byte{0x18, 0x7f, 0xff, 0xff, 0xff} // short repeat: 3 values of 4 bytes, 2^31-1 each
	lists := handmadeORC([]orcTypeNode{{kind: ORCList, subtypes: []uint32{1}}, {kind: ORCLong}}, 3,
		[]orcStream{{kind: streamLength, column: 0, length: 5}}, lengths, []orcColumnEncoding{{kind: encDirectV2}, {kind: encDirectV2}})
	f, err = OpenORC(lists)
	require.NoError(t, err)
	_, err = f.Columns()
	assert.ErrorIs(t, err, errORCBudget)

	// A type that is its own subtype, and a struct whose names are missing.
	for name, types := range map[string][]orcTypeNode{
		"cycle":        {{kind: ORCList, subtypes: []uint32{0}}},
		"twice":        {{kind: ORCMap, subtypes: []uint32{1, 1}}, {kind: ORCLong}},
		"names":        {{kind: ORCStruct, subtypes: []uint32{1}}, {kind: ORCLong}},
		"orphan":       {{kind: ORCLong}, {kind: ORCLong}},
		"unknown kind": {{kind: 99}},
	} {
		_, err := OpenORC(handmadeORC(types, 0, nil, nil, nil))
		assert.Error(t, err, name)
	}

	// Every truncation of a real report fails cleanly or reads a prefix
	// of it; never a panic.
	small := orcOptions{stripeRows: 4, stripeBytes: 1 << 20, stride: 2, blockSize: 256, codec: orcZlib}
	data := encodeORC(allColumns(), "b", richVersions(8), small)
	for n := 0; n < len(data); n++ {
		_, err := ReadORC(data[:n])
		assert.Error(t, err, "%d bytes", n)
	}
	// Single-byte corruptions (a sample of the body, all of the tail)
	// either fail or read; FuzzReadORC covers the rest.
	for i := 0; i < len(data); i += 1 + 10*boolInt(i < len(data)-512) {
		bad := append([]byte(nil), data...)
		bad[i] ^= 0x5a
		_, _ = ReadORC(bad)
	}
	// The footer's compression chunk claiming more bytes than the file has.
	var ps orcPostScript
	psLen := int(data[len(data)-1])
	require.NoError(t, ps.unmarshal(data[len(data)-1-psLen:len(data)-1]))
	footer := len(data) - 1 - psLen - int(ps.footerLength)
	zl := append([]byte(nil), data...)
	zl[footer], zl[footer+1], zl[footer+2] = 0xff, 0xff, 0x7f
	_, err = ReadORC(zl)
	assert.ErrorContains(t, err, "compression chunk")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Types no reference file has: decimals (beyond 64 bits too) and unions,
// in a file built by hand; an empty PRESENT stream is not "no nulls".
func TestORCReaderDecimalsAndUnions(t *testing.T) {
	scales := newRLEv2Writer(true)
	var digits []byte
	huge, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	for _, d := range []struct {
		unscaled *big.Int
		scale    int64
	}{{big.NewInt(1250), 2}, {big.NewInt(-3), 0}, {big.NewInt(1), 3}, {huge, 10}} {
		// zigzag: 2v for v >= 0, -2v-1 below.
		z := new(big.Int).Lsh(d.unscaled, 1)
		if d.unscaled.Sign() < 0 {
			z.Neg(z).Sub(z, big.NewInt(1))
		}
		for z.BitLen() > 7 {
			digits = append(digits, byte(z.Uint64()&0x7f|0x80))
			z.Rsh(z, 7)
		}
		digits = append(digits, byte(z.Uint64()))
		scales.add(d.scale)
	}
	scales.flush()
	body := append(append([]byte(nil), digits...), scales.out...)
	f, err := OpenORC(handmadeORC([]orcTypeNode{{kind: ORCDecimal, precision: 38, scale: 10}}, 4,
		[]orcStream{{kind: streamData, length: uint64(len(digits))}, {kind: streamSecondary, length: uint64(len(scales.out))}},
		body, []orcColumnEncoding{{kind: encDirectV2}}))
	require.NoError(t, err)
	assert.Equal(t, "decimal(38,10)", f.Schema())
	cols, err := f.Columns()
	require.NoError(t, err)
	assert.Equal(t, []string{"12.50", "-3", "0.001", "-12345678901234567890.1234567890"}, cols[0].Decimals)

	// uniontype<bigint,string>: tags 0, 1, 0 and a null.
	present := []byte{0xff, 0xe0}          // one literal byte, 1110 0000: the fourth value is null
	tags := []byte{0xfd, 0x00, 0x01, 0x00} // three literal tags
	ints := newRLEv2Writer(true)
	ints.add(7)
	ints.add(-7)
	ints.flush()
	longs := ints.out
	lengths := newRLEv2Writer(false)
	lengths.add(2)
	lengths.flush()
	body = append(append(append(append([]byte(nil), present...), tags...), longs...), "hi"...)
	body = append(body, lengths.out...)
	union := handmadeORC(
		[]orcTypeNode{{kind: ORCUnion, subtypes: []uint32{1, 2}}, {kind: ORCLong}, {kind: ORCString}}, 4,
		[]orcStream{{kind: streamPresent, column: 0, length: 2}, {kind: streamData, column: 0, length: 4},
			{kind: streamData, column: 1, length: uint64(len(longs))}, {kind: streamData, column: 2, length: 2},
			{kind: streamLength, column: 2, length: uint64(len(lengths.out))}},
		body, []orcColumnEncoding{{kind: encDirect}, {kind: encDirectV2}, {kind: encDirectV2}})
	f, err = OpenORC(union)
	require.NoError(t, err)
	assert.Equal(t, "uniontype<bigint,string>", f.Schema())
	cols, err = f.Columns()
	require.NoError(t, err)
	assert.Equal(t, []bool{false, false, false, true}, cols[0].Nulls)
	assert.Equal(t, []uint8{0, 1, 0, 0}, cols[0].Tags)
	assert.Equal(t, []int64{7, -7}, cols[1].Ints)
	assert.Equal(t, []string{"hi"}, cols[2].Strings)

	// The same file with an empty PRESENT stream: four values are missing,
	// not "every value present".
	empty := handmadeORC([]orcTypeNode{{kind: ORCLong}}, 4,
		[]orcStream{{kind: streamPresent, column: 0, length: 0}, {kind: streamData, column: 0, length: uint64(len(longs))}},
		longs, []orcColumnEncoding{{kind: encDirectV2}})
	f, err = OpenORC(empty)
	require.NoError(t, err)
	_, err = f.Columns()
	assert.ErrorIs(t, err, errORCShortStream)
}
