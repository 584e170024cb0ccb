package inventory

import (
	"slices"
)

// One stripe of the writer: each column's streams, its row index and its
// statistics (docs/orc.md "Stripes" and "Row index").

// orcOutStream is one stream of a column, uncompressed.
type orcOutStream struct {
	kind orcStreamKind
	raw  []byte
}

// orcMark is a stream's position at a row group's first row, before
// compression: the byte offset in the uncompressed stream and the counts
// that follow it (values of the current run consumed, and for booleans the
// bits of the current byte consumed).
type orcMark struct {
	stream int // index in the column's streams
	offset int
	extra  []uint64
}

// orcColStripe is one column encoded for a stripe.
type orcColStripe struct {
	encoding orcColumnEncoding
	streams  []orcOutStream
	marks    [][]orcMark        // per row group, in the specification's stream order
	groups   []orcColumnStats   // per row group
	stats    orcColumnStats     // the stripe's
	index    []orcRowIndexEntry // filled once the streams are compressed
}

// dictionaryRatio is the largest share of distinct values (in a stripe's
// first row group) for which a string column is dictionary-encoded: the
// Java writer's default.
const dictionaryRatio = 0.8

// encode writes the column's n rows as streams, in row groups of stride
// rows, flushing every encoder at each group's start so that positions
// need no run offsets.
func (b *orcColBuf) encode(n, stride int) orcColStripe {
	cs := orcColStripe{encoding: orcColumnEncoding{kind: encDirectV2}, stats: newStats(b.col.Kind)}
	var present *boolWriter
	if b.anyNull {
		present = &boolWriter{}
	}
	// The value streams of the kind; marks are taken in this order, after
	// PRESENT's.
	var (
		ints, second *rleV2Writer // DATA (numbers, seconds, dictionary ids), SECONDARY (nanos)
		lengths      *rleV2Writer // LENGTH of direct strings
		bytes        []byte       // DATA of direct strings
		bools        *boolWriter  // DATA of booleans
		dict         []uint32     // per row: the dictionary id, KindString with a dictionary
		dictEntries  []string     // the sorted dictionary
	)
	switch b.col.Kind {
	case KindString:
		if ids, entries, ok := b.dictionary(stride); ok {
			dict, dictEntries = ids, entries
			cs.encoding = orcColumnEncoding{kind: encDictionaryV2, dictionarySize: uint32(len(entries))}
			ints = newRLEv2Writer(false)
		} else {
			lengths = newRLEv2Writer(false)
		}
	case KindBool:
		bools = &boolWriter{}
	case KindInt:
		ints = newRLEv2Writer(true)
	case KindTime:
		ints, second = newRLEv2Writer(true), newRLEv2Writer(false)
	}
	for start := 0; start < n; start += stride {
		var marks []orcMark
		if present != nil {
			present.flush()
			marks = append(marks, orcMark{0, len(present.bytes.out), []uint64{0, uint64(present.bits)}})
		}
		s := len(marks) // the value streams follow PRESENT
		switch {
		case bools != nil:
			bools.flush()
			marks = append(marks, orcMark{s, len(bools.bytes.out), []uint64{0, uint64(bools.bits)}})
		case lengths != nil:
			marks = append(marks, orcMark{s, len(bytes), nil})
			lengths.flush()
			marks = append(marks, orcMark{s + 1, len(lengths.out), []uint64{0}})
		default:
			ints.flush()
			marks = append(marks, orcMark{s, len(ints.out), []uint64{0}})
			if second != nil {
				second.flush()
				marks = append(marks, orcMark{s + 1, len(second.out), []uint64{0}})
			}
		}
		cs.marks = append(cs.marks, marks)
		g := newStats(b.col.Kind)
		for r := start; r < min(n, start+stride); r++ {
			if b.nulls[r] {
				present.add(false)
				g.addNull()
				continue
			}
			if present != nil {
				present.add(true)
			}
			switch b.col.Kind {
			case KindString:
				v := b.strs[r]
				if dict != nil {
					ints.add(int64(dict[r]))
				} else {
					bytes = append(bytes, v...)
					lengths.add(int64(len(v)))
				}
				g.addString(v)
			case KindBool:
				bools.add(b.bools[r])
				g.addBool(b.bools[r])
			case KindInt:
				ints.add(b.ints[r])
				g.addInt(b.ints[r])
			case KindTime:
				sec, ns := b.ints[r], int64(b.nanos[r])
				ints.add(orcSeconds(sec, ns) - orcEpochUTC)
				second.add(encodeNanos(ns))
				g.addTime(sec*1000 + ns/1e6)
			}
		}
		cs.groups = append(cs.groups, g)
		cs.stats.merge(&g)
	}
	if present != nil {
		cs.streams = append(cs.streams, orcOutStream{streamPresent, present.finish()})
	}
	switch {
	case bools != nil:
		cs.streams = append(cs.streams, orcOutStream{streamData, bools.finish()})
	case lengths != nil:
		lengths.flush()
		cs.streams = append(cs.streams, orcOutStream{streamData, bytes}, orcOutStream{streamLength, lengths.out})
	default:
		ints.flush()
		cs.streams = append(cs.streams, orcOutStream{streamData, ints.out})
		if second != nil {
			second.flush()
			cs.streams = append(cs.streams, orcOutStream{streamSecondary, second.out})
		}
		if dict != nil {
			cs.streams = append(cs.streams, dictionaryStreams(dictEntries)...)
		}
	}
	return cs
}

// orcSeconds is the seconds a timestamp stores: rounded toward zero, as
// the reference writer computes them from milliseconds, so that readers'
// correction of negative times (docs/orc.md) gives the time back.
func orcSeconds(sec, ns int64) int64 {
	if sec < 0 && ns > 999_999 {
		return sec + 1
	}
	return sec
}

// dictionary decides on a dictionary for the stripe and builds it: the
// column's distinct values sorted (bytewise) and each row's id into them.
// ok is false when the first row group's values are too distinct to gain
// from one.
func (b *orcColBuf) dictionary(stride int) (ids []uint32, entries []string, ok bool) {
	seen := map[string]struct{}{}
	count := 0
	for r := 0; r < len(b.strs) && count < stride; r++ {
		if !b.nulls[r] {
			seen[b.strs[r]] = struct{}{}
			count++
		}
	}
	if count == 0 || float64(len(seen)) > dictionaryRatio*float64(count) {
		return nil, nil, false
	}
	index := make(map[string]uint32, len(seen))
	ids = make([]uint32, len(b.strs))
	for r, s := range b.strs {
		if b.nulls[r] {
			continue
		}
		id, found := index[s]
		if !found {
			id = uint32(len(entries))
			index[s] = id
			entries = append(entries, s)
		}
		ids[r] = id
	}
	order := make([]uint32, len(entries))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int {
		switch a, b := entries[x], entries[y]; {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	remap := make([]uint32, len(entries))
	sorted := make([]string, len(entries))
	for pos, old := range order {
		remap[old] = uint32(pos)
		sorted[pos] = entries[old]
	}
	for r := range ids {
		ids[r] = remap[ids[r]]
	}
	return ids, sorted, true
}

// dictionaryStreams are a dictionary's LENGTH and DICTIONARY_DATA.
func dictionaryStreams(entries []string) []orcOutStream {
	lengths := newRLEv2Writer(false)
	var data []byte
	for _, e := range entries {
		data = append(data, e...)
		lengths.add(int64(len(e)))
	}
	lengths.flush()
	return []orcOutStream{{streamLength, lengths.out}, {streamDictionaryData, data}}
}

// flushStripe writes the buffered rows as one stripe: the row indexes, the
// data streams, the stripe footer. Each stream is compressed on its own,
// and the index positions are translated to (chunk start, offset in the
// chunk) once the data streams' chunks are known.
func (w *orcWriter) flushStripe() {
	n := w.rows
	if n == 0 {
		return
	}
	stride := w.opts.stride
	footer := orcStripeFooter{writerTimezone: orcWriterTimezone}
	footer.columns = append(footer.columns, orcColumnEncoding{kind: encDirect})
	var dataStreams []orcStream
	data := w.data[:0]
	stripeStats := []orcColumnStats{{numberOfValues: uint64(n)}}
	indexes := make([][]byte, 1+len(w.bufs))
	var rootIndex []orcRowIndexEntry
	for start := 0; start < n; start += stride {
		rootIndex = append(rootIndex, orcRowIndexEntry{stats: &orcColumnStats{numberOfValues: uint64(min(stride, n-start))}})
	}
	indexes[0] = marshalRowIndex(nil, rootIndex)
	for i, b := range w.bufs {
		cs := b.encode(n, stride)
		footer.columns = append(footer.columns, cs.encoding)
		// Chunk starts of every stream, relative to the stream's start.
		starts := make([][]uint64, len(cs.streams))
		lengths := make([]int, len(cs.streams))
		for s, st := range cs.streams {
			begin := len(data)
			data, starts[s] = w.comp.compress(data, st.raw, nil)
			lengths[s] = len(data) - begin
			dataStreams = append(dataStreams, orcStream{kind: st.kind, column: uint32(i + 1), length: uint64(lengths[s])})
		}
		entries := make([]orcRowIndexEntry, len(cs.marks))
		for g, marks := range cs.marks {
			var pos []uint64
			for _, m := range marks {
				pos = append(pos, w.chunkPosition(starts[m.stream], lengths[m.stream], m.offset)...)
				pos = append(pos, m.extra...)
			}
			entries[g] = orcRowIndexEntry{positions: pos, stats: &cs.groups[g]}
		}
		indexes[i+1] = marshalRowIndex(nil, entries)
		stripeStats = append(stripeStats, cs.stats.clone())
		w.fileStats[i+1].merge(&cs.stats)
	}
	w.fileStats[0].numberOfValues += uint64(n)
	info := orcStripeInfo{offset: uint64(len(w.out)), numberOfRows: uint64(n)}
	for id, idx := range indexes {
		begin := len(w.out)
		w.out, _ = w.comp.compress(w.out, idx, nil)
		footer.streams = append(footer.streams, orcStream{kind: streamRowIndex, column: uint32(id), length: uint64(len(w.out) - begin)})
	}
	info.indexLength = uint64(len(w.out)) - info.offset
	w.out = append(w.out, data...)
	info.dataLength = uint64(len(data))
	footer.streams = append(footer.streams, dataStreams...)
	begin := len(w.out)
	w.out, _ = w.comp.compress(w.out, footer.marshal(nil), nil)
	info.footerLength = uint64(len(w.out) - begin)
	w.stripes = append(w.stripes, info)
	w.stripeStats = append(w.stripeStats, stripeStats)
	w.totalRows += uint64(n)
	w.data = data
	w.rows, w.rawBytes = 0, 0
	for _, b := range w.bufs {
		b.reset()
	}
}

// chunkPosition is the compressed position of an uncompressed offset: the
// start of the chunk holding it and the offset within the chunk's
// uncompressed bytes. An offset at the stream's end (no value follows in
// this stripe) points past the last chunk.
func (w *orcWriter) chunkPosition(starts []uint64, length, offset int) []uint64 {
	k := offset / w.opts.blockSize
	if k >= len(starts) {
		return []uint64{uint64(length), 0}
	}
	return []uint64{starts[k], uint64(offset - k*w.opts.blockSize)}
}
