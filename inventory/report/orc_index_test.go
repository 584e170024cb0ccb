package report

import (
	"fmt"
	"math"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkRowIndex seeks, with every row index entry of every primitive field
// of the root struct, to the entry's row group in every stream of the
// column, and checks that the value read there is the one a full decoding
// gives at the group's first non-null row, and that the entry has exactly
// as many positions as the column's streams need. It returns the number of
// entries checked.
func checkRowIndex(t *testing.T, f *ORCFile, cols []ORCColumn) int {
	t.Helper()
	stride := int(f.footer.rowIndexStride)
	root := f.footer.types[0]
	require.Equal(t, ORCStruct, root.kind)
	checked := 0
	firstRow := 0
	for si := range f.footer.stripes {
		s, err := f.openStripe(si)
		require.NoError(t, err)
		rows := int(f.footer.stripes[si].numberOfRows)
		for _, sub := range root.subtypes {
			id := int(sub)
			raw, ok := s.streams[orcStreamKey{uint32(id), streamRowIndex}]
			switch cols[id].Kind {
			case ORCStruct, ORCList, ORCMap, ORCUnion, ORCDecimal:
				ok = false // the seek covers the primitive columns
			}
			if !ok {
				continue
			}
			index, err := f.dec.decompress(raw)
			require.NoError(t, err)
			entries, err := unmarshalRowIndex(index)
			require.NoError(t, err)
			require.Len(t, entries, (rows+stride-1)/stride, "stripe %d column %d: one entry per row group", si, id)
			for g, e := range entries {
				msg := fmt.Sprintf("stripe %d column %d (%s) group %d", si, id, cols[id].Kind, g)
				seekAndCompare(t, f, s, &cols[id], firstRow, g*stride, rows, e.positions, msg)
				checked++
			}
		}
		firstRow += rows
	}
	return checked
}

// seekAndCompare positions every stream of col at pos and compares the
// first value there with the fully decoded one.
func seekAndCompare(t *testing.T, f *ORCFile, s *orcStripe, col *ORCColumn, firstRow, start, rows int, pos []uint64, msg string) {
	used := 0
	take := func() uint64 {
		used++
		if len(pos) == 0 && start == 0 {
			return 0 // a first entry may leave its positions out: all zero
		}
		require.LessOrEqual(t, used, len(pos), "%s: too few positions %v", msg, pos)
		return pos[used-1]
	}
	dec, err := newORCDecompressor(f.ps.compression, f.ps.compressionBlockSize, &orcBudget{bytes: math.MaxInt64, slots: math.MaxInt64})
	require.NoError(t, err)
	open := func(kind orcStreamKind) []byte {
		raw := s.streams[orcStreamKey{uint32(col.ID), kind}]
		if f.ps.compression == orcNone {
			o := take()
			require.LessOrEqual(t, o, uint64(len(raw)), msg)
			return raw[o:]
		}
		c, o := take(), take()
		require.LessOrEqual(t, c, uint64(len(raw)), msg)
		data, err := dec.decompress(raw[c:])
		require.NoError(t, err, msg)
		require.LessOrEqual(t, o, uint64(len(data)), msg)
		return data[o:]
	}
	seekBools := func(kind orcStreamKind) *boolRLE {
		r := &boolRLE{bytes: byteRLE{src: open(kind)}}
		for n := take(); n > 0; n-- {
			_, err := r.bytes.next()
			require.NoError(t, err, msg)
		}
		for n := take(); n > 0; n-- {
			_, err := r.next()
			require.NoError(t, err, msg)
		}
		return r
	}
	seekInts := func(kind orcStreamKind, signed bool) *intRLE {
		enc := s.encodings[col.ID].kind
		r := newIntRLE(open(kind), signed, enc == encDirectV2 || enc == encDictionaryV2)
		require.NoError(t, r.skip(int(take())), msg)
		return r
	}
	// The group's first value: the first present row from start on.
	slot := start
	if _, ok := s.streams[orcStreamKey{uint32(col.ID), streamPresent}]; ok {
		p := seekBools(streamPresent)
		for ; slot < rows; slot++ {
			v, err := p.next()
			require.NoError(t, err, msg)
			require.Equal(t, !col.Null(firstRow+slot), v, "%s: present bit of row %d", msg, slot)
			if v {
				break
			}
		}
	}
	j := firstRow + slot
	switch col.Kind {
	case ORCBoolean:
		r := seekBools(streamData)
		if slot < rows {
			v, err := r.next()
			require.NoError(t, err, msg)
			assert.Equal(t, col.Bools[j], v, msg)
		}
	case ORCByte:
		r := byteRLE{src: open(streamData)}
		for n := take(); n > 0; n-- {
			_, err := r.next()
			require.NoError(t, err, msg)
		}
		if slot < rows {
			v, err := r.next()
			require.NoError(t, err, msg)
			assert.Equal(t, col.Ints[j], int64(int8(v)), msg)
		}
	case ORCShort, ORCInt, ORCLong, ORCDate:
		r := seekInts(streamData, true)
		if slot < rows {
			v, err := r.read(nil, 1)
			require.NoError(t, err, msg)
			assert.Equal(t, col.Ints[j], v[0], msg)
		}
	case ORCFloat, ORCDouble:
		data := open(streamData)
		if slot < rows {
			size := map[ORCKind]int{ORCFloat: 4, ORCDouble: 8}[col.Kind]
			require.GreaterOrEqual(t, len(data), size, msg)
			v := decodeFloat(data, size)
			assert.True(t, v == col.Floats[j] || math.IsNaN(v) && math.IsNaN(col.Floats[j]), msg)
		}
	case ORCString, ORCVarchar, ORCChar, ORCBinary:
		enc := s.encodings[col.ID].kind
		if enc == encDictionary || enc == encDictionaryV2 {
			r := seekInts(streamData, false)
			if slot < rows {
				id, err := r.read(nil, 1)
				require.NoError(t, err, msg)
				entries := dictionaryOf(t, s, col.ID)
				require.Less(t, id[0], int64(len(entries)), msg)
				assert.Equal(t, col.Strings[j], entries[id[0]], msg)
			}
			break
		}
		data := open(streamData)
		lengths := seekInts(streamLength, false)
		if slot < rows {
			l, err := lengths.read(nil, 1)
			require.NoError(t, err, msg)
			require.LessOrEqual(t, l[0], int64(len(data)), msg)
			assert.Equal(t, col.Strings[j], string(data[:l[0]]), msg)
		}
	case ORCTimestamp, ORCTimestampInstant:
		secs := seekInts(streamData, true)
		nanos := seekInts(streamSecondary, false)
		if slot < rows {
			sec, err := secs.read(nil, 1)
			require.NoError(t, err, msg)
			ns, err := nanos.read(nil, 1)
			require.NoError(t, err, msg)
			loc, err := s.location()
			require.NoError(t, err)
			at := sec[0] + orcEpoch(loc)
			n := decodeNanos(uint64(ns[0]))
			if at < 0 && n > 999_999 {
				at--
			}
			assert.True(t, col.Times[j].Equal(time.Unix(at, n)), "%s: %v vs %v", msg, col.Times[j], time.Unix(at, n))
		}
	default:
		t.Fatalf("%s: no seek for %s", msg, col.Kind)
	}
	if len(pos) > 0 || start > 0 {
		assert.Equal(t, len(pos), used, "%s: positions %v not all used", msg, pos)
	}
}

// dictionaryOf decodes a string column's dictionary in a stripe.
func dictionaryOf(t *testing.T, s *orcStripe, id int) []string {
	blob, err := s.data(id, streamDictionaryData)
	require.NoError(t, err)
	lengths, _, err := s.lengths(id, int(s.encodings[id].dictionarySize))
	require.NoError(t, err)
	var out []string
	for _, l := range lengths {
		out = append(out, string(blob[:l]))
		blob = blob[l:]
	}
	return out
}

// The row index of Apache's files, read as the seek helper reads it: this
// proves the helper's reading of positions (stream order, chunk and offset,
// values consumed, bits) before it judges the writer's.
func TestORCRowIndexOfApacheFiles(t *testing.T) {
	for name, minEntries := range map[string]int{
		"TestOrcFile.test1.orc": 9, "TestOrcFile.testDate1900.orc": 16, "TestStringDictionary.testRowIndex.orc": 8,
		"TestOrcFile.testStringAndBinaryStatistics.orc": 2, "demo-12-zlib.orc": 9 * 193,
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("testdata/orc/" + name)
			require.NoError(t, err)
			f, err := OpenORC(data)
			require.NoError(t, err)
			cols, err := f.Columns()
			require.NoError(t, err)
			assert.GreaterOrEqual(t, checkRowIndex(t, f, cols), minEntries)
		})
	}
}
