package report

import (
	"slices"
	"strings"

	"github.com/s3fake/s3fake/inventory"
)

// One report column being written into the current stripe (docs/orc.md §5
// and §8): values go through their encoders into
// streams as rows arrive, the streams compress a chunk at a time, and at
// each row group's first row every encoder is flushed and its stream's
// position recorded, so that the row index needs no run offsets.

// The encodings of a string column within a stripe: undecided until its
// first row group is seen (the values are held), then a dictionary when
// they repeat enough, else direct.
const (
	strUndecided = iota
	strDictionary
	strDirect
)

// dictionaryRatio is the largest share of distinct values (in a stripe's
// first row group) for which a string column is dictionary-encoded: the
// Java writer's default.
const dictionaryRatio = 0.8

// drainAt is the size at which an encoder's output moves to its stream.
const drainAt = 4 << 10

// orcMark is a stream's position at a row group's first row, before
// compression: the uncompressed offset and the counts that follow it in
// the row index (values of the current run consumed, and for booleans the
// bits of the current byte consumed).
type orcMark struct {
	sink   *orcSink
	offset int
	extra  []uint64
}

// orcColWriter writes one column of the report.
type orcColWriter struct {
	col    inventory.Column
	get    orcGetter
	stride int

	present      boolWriter
	presentSink  *orcSink
	presentMarks []orcMark // per row group
	anyNull      bool

	data, length, secondary, dictData *orcSink
	ints, second, lengths             *rleV2Writer // DATA (numbers, seconds, ids), SECONDARY, LENGTH
	bools                             *boolWriter

	mode       int      // strings: strUndecided, strDictionary or strDirect
	firstGroup []string // strUndecided: the values held
	dict       map[string]uint32
	entries    []string // the dictionary in insertion order
	ids        []uint32 // per value, insertion-order ids
	groupIDs   []int    // per row group, the index in ids of its first value

	marks  [][]orcMark      // per row group, the value streams' marks in the specification's order
	groups []orcColumnStats // per row group
	cur    orcColumnStats   // the current row group's
	stats  orcColumnStats   // the stripe's
	rows   int
}

func newORCColWriter(c inventory.Column, comp *orcCompressor, stride int) *orcColWriter {
	w := &orcColWriter{col: c, get: orcGetters[c.Name], stride: stride,
		presentSink: newORCSink(comp, streamPresent), data: newORCSink(comp, streamData)}
	switch c.Kind {
	case inventory.KindString:
		w.length = newORCSink(comp, streamLength)
		w.dictData = newORCSink(comp, streamDictionaryData)
		w.lengths = newRLEv2Writer(false)
		w.ints = newRLEv2Writer(false)
	case inventory.KindBool:
		w.bools = &boolWriter{}
	case inventory.KindInt:
		w.ints = newRLEv2Writer(true)
	case inventory.KindTime:
		w.ints = newRLEv2Writer(true)
		w.second = newRLEv2Writer(false)
		w.secondary = newORCSink(comp, streamSecondary)
	}
	w.reset()
	return w
}

// reset prepares the writer for a new stripe, keeping its buffers.
func (w *orcColWriter) reset() {
	for _, s := range []*orcSink{w.presentSink, w.data, w.length, w.secondary, w.dictData} {
		if s != nil {
			s.reset()
		}
	}
	for _, e := range []*rleV2Writer{w.ints, w.second, w.lengths} {
		if e != nil {
			e.out, e.pending = e.out[:0], e.pending[:0]
		}
	}
	w.present = boolWriter{bytes: byteRLEWriter{out: w.present.bytes.out[:0], pending: w.present.bytes.pending[:0]}}
	if w.bools != nil {
		*w.bools = boolWriter{bytes: byteRLEWriter{out: w.bools.bytes.out[:0], pending: w.bools.bytes.pending[:0]}}
	}
	w.presentMarks, w.anyNull = w.presentMarks[:0], false
	w.mode, w.firstGroup, w.dict, w.entries, w.ids, w.groupIDs = strUndecided, w.firstGroup[:0], nil, nil, w.ids[:0], w.groupIDs[:0]
	w.marks, w.groups, w.stats, w.rows = nil, nil, newStats(w.col.Kind), 0
}

// drain moves an encoder's output to its stream.
func drain(out *[]byte, s *orcSink) {
	s.write(*out)
	*out = (*out)[:0]
}

// add writes v's cell and returns its size in value bytes.
func (w *orcColWriter) add(bucket string, v *inventory.ObjectVersion) int {
	g := &w.get
	w.begin()
	switch w.col.Kind {
	case inventory.KindString:
		s := g.str(bucket, v)
		w.putString(s, g.null(v, s == ""))
		return len(s)
	case inventory.KindBool:
		w.putBool(g.bool(v), g.null(v, false))
		return 1
	case inventory.KindInt:
		w.putInt(g.int(v), g.null(v, false))
	case inventory.KindTime:
		t := g.time(v)
		// Second precision, as the CSV (".000") and Parquet reports.
		w.putTime(t.Unix(), 0, g.null(v, t.IsZero()))
	}
	return 8
}

// begin starts a row: a new row group every stride rows.
func (w *orcColWriter) begin() {
	if w.rows%w.stride == 0 {
		w.startGroup()
	}
	w.rows++
}

// startGroup closes the current row group and records every stream's
// position for the next one.
func (w *orcColWriter) startGroup() {
	if w.rows > 0 {
		w.closeGroup()
		if w.mode == strUndecided && w.col.Kind == inventory.KindString {
			w.decide()
		}
	}
	w.present.flush()
	drain(&w.present.bytes.out, w.presentSink)
	w.presentMarks = append(w.presentMarks, orcMark{w.presentSink, w.presentSink.offset(), []uint64{0, uint64(w.present.bits)}})
	var marks []orcMark
	switch w.col.Kind {
	case inventory.KindBool:
		w.bools.flush()
		drain(&w.bools.bytes.out, w.data)
		marks = []orcMark{{w.data, w.data.offset(), []uint64{0, uint64(w.bools.bits)}}}
	case inventory.KindInt:
		marks = []orcMark{w.mark(w.ints, w.data)}
	case inventory.KindTime:
		marks = []orcMark{w.mark(w.ints, w.data), w.mark(w.second, w.secondary)}
	case inventory.KindString:
		switch w.mode {
		case strDirect:
			marks = []orcMark{{w.data, w.data.offset(), nil}, w.mark(w.lengths, w.length)}
		case strDictionary:
			w.groupIDs = append(w.groupIDs, len(w.ids)) // marked once the ids are final
		}
	}
	w.marks = append(w.marks, marks)
	w.cur = newStats(w.col.Kind)
}

// mark flushes an integer encoder into its stream and returns the stream's
// position.
func (w *orcColWriter) mark(e *rleV2Writer, s *orcSink) orcMark {
	e.flush()
	drain(&e.out, s)
	return orcMark{s, s.offset(), []uint64{0}}
}

func (w *orcColWriter) closeGroup() {
	w.groups = append(w.groups, w.cur)
	w.stats.merge(&w.cur)
}

// null records a null cell (or a present one when null is false) and
// reports null.
func (w *orcColWriter) null(null bool) bool {
	w.present.add(!null)
	if len(w.present.bytes.out) >= drainAt {
		drain(&w.present.bytes.out, w.presentSink)
	}
	if null {
		w.anyNull = true
		w.cur.addNull()
	}
	return null
}

func (w *orcColWriter) putString(s string, null bool) {
	if w.null(null) {
		return
	}
	w.cur.addString(s)
	switch w.mode {
	case strUndecided:
		w.firstGroup = append(w.firstGroup, s)
	case strDictionary:
		w.ids = append(w.ids, w.dictID(s))
	case strDirect:
		w.putDirect(s)
	}
}

func (w *orcColWriter) putDirect(s string) {
	w.data.writeString(s)
	w.lengths.add(int64(len(s)))
	if len(w.lengths.out) >= drainAt {
		drain(&w.lengths.out, w.length)
	}
}

func (w *orcColWriter) dictID(s string) uint32 {
	id, ok := w.dict[s]
	if !ok {
		id = uint32(len(w.entries))
		w.dict[s] = id
		w.entries = append(w.entries, s)
	}
	return id
}

// decide picks the string encoding of the stripe from the values held
// (its first row group) and writes them.
func (w *orcColWriter) decide() {
	distinct := map[string]struct{}{}
	for _, s := range w.firstGroup {
		distinct[s] = struct{}{}
	}
	if len(w.firstGroup) > 0 && float64(len(distinct)) <= dictionaryRatio*float64(len(w.firstGroup)) {
		w.mode, w.dict = strDictionary, make(map[string]uint32, len(distinct))
		w.groupIDs = append(w.groupIDs[:0], 0)
		for _, s := range w.firstGroup {
			w.ids = append(w.ids, w.dictID(s))
		}
	} else {
		w.mode = strDirect
		w.marks[0] = []orcMark{{w.data, 0, nil}, {w.length, 0, []uint64{0}}}
		for _, s := range w.firstGroup {
			w.putDirect(s)
		}
	}
	w.firstGroup = w.firstGroup[:0]
}

func (w *orcColWriter) putBool(v, null bool) {
	if w.null(null) {
		return
	}
	w.bools.add(v)
	if len(w.bools.bytes.out) >= drainAt {
		drain(&w.bools.bytes.out, w.data)
	}
	w.cur.addBool(v)
}

func (w *orcColWriter) putInt(v int64, null bool) {
	if w.null(null) {
		return
	}
	w.ints.add(v)
	if len(w.ints.out) >= drainAt {
		drain(&w.ints.out, w.data)
	}
	w.cur.addInt(v)
}

// putTime writes a time given as seconds since the UNIX epoch and
// nanoseconds (0 to 999,999,999): seconds from 2015-01-01 UTC in DATA,
// the nanoseconds without their trailing zeros in SECONDARY.
func (w *orcColWriter) putTime(sec, ns int64, null bool) {
	if w.null(null) {
		return
	}
	w.ints.add(orcSeconds(sec, ns) - orcEpochUTC)
	w.second.add(encodeNanos(ns))
	if len(w.ints.out) >= drainAt {
		drain(&w.ints.out, w.data)
	}
	if len(w.second.out) >= drainAt {
		drain(&w.second.out, w.secondary)
	}
	w.cur.addTime(sec*1000 + ns/1e6)
}

// orcSeconds is the seconds a timestamp stores: rounded toward zero, as
// the reference writer computes them from milliseconds, so that readers'
// correction of negative times (docs/orc.md §6) gives the time back.
func orcSeconds(sec, ns int64) int64 {
	if sec < 0 && ns > 999_999 {
		return sec + 1
	}
	return sec
}

// orcColStripe is a column's part of a finished stripe.
type orcColStripe struct {
	encoding orcColumnEncoding
	streams  []*orcSink
	index    []orcRowIndexEntry
	stats    orcColumnStats
}

// finish ends the stripe: the encoders flushed, the dictionary sorted and
// written, every stream compressed, the row index built.
func (w *orcColWriter) finish() orcColStripe {
	w.closeGroup()
	if w.mode == strUndecided && w.col.Kind == inventory.KindString {
		w.decide()
	}
	cs := orcColStripe{encoding: orcColumnEncoding{kind: encDirectV2}, stats: w.stats.clone()}
	w.presentSink.write(w.present.finish())
	w.present.bytes.out = w.present.bytes.out[:0]
	if w.anyNull {
		cs.streams = append(cs.streams, w.presentSink)
	}
	cs.streams = append(cs.streams, w.data)
	switch w.col.Kind {
	case inventory.KindBool:
		w.data.write(w.bools.finish())
		w.bools.bytes.out = w.bools.bytes.out[:0]
	case inventory.KindInt:
		w.mark(w.ints, w.data)
	case inventory.KindTime:
		w.mark(w.ints, w.data)
		w.mark(w.second, w.secondary)
		cs.streams = append(cs.streams, w.secondary)
	case inventory.KindString:
		if w.mode == strDictionary {
			w.writeDictionary()
			cs.encoding = orcColumnEncoding{kind: encDictionaryV2, dictionarySize: uint32(len(w.entries))}
			cs.streams = append(cs.streams, w.length, w.dictData)
		} else {
			w.mark(w.lengths, w.length)
			cs.streams = append(cs.streams, w.length)
		}
	}
	for _, s := range cs.streams {
		s.finish()
	}
	for g := range w.groups {
		var pos []uint64
		if w.anyNull {
			m := w.presentMarks[g]
			pos = append(append(pos, m.sink.position(m.offset)...), m.extra...)
		}
		for _, m := range w.marks[g] {
			pos = append(append(pos, m.sink.position(m.offset)...), m.extra...)
		}
		cs.index = append(cs.index, orcRowIndexEntry{positions: pos, stats: &w.groups[g]})
	}
	return cs
}

// writeDictionary sorts the dictionary (bytewise, as the specification
// asks), writes each value's id in sorted order into DATA with a mark at
// every row group, and the dictionary into LENGTH and DICTIONARY_DATA.
func (w *orcColWriter) writeDictionary() {
	order := make([]uint32, len(w.entries))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return strings.Compare(w.entries[x], w.entries[y]) })
	remap := make([]uint32, len(w.entries))
	for pos, old := range order {
		remap[old] = uint32(pos)
	}
	for g, first := range w.groupIDs {
		end := len(w.ids)
		if g+1 < len(w.groupIDs) {
			end = w.groupIDs[g+1]
		}
		w.marks[g] = []orcMark{w.mark(w.ints, w.data)}
		for _, id := range w.ids[first:end] {
			w.ints.add(int64(remap[id]))
			if len(w.ints.out) >= drainAt {
				drain(&w.ints.out, w.data)
			}
		}
	}
	w.mark(w.ints, w.data)
	for _, old := range order {
		e := w.entries[old]
		w.dictData.writeString(e)
		w.lengths.add(int64(len(e)))
	}
	w.mark(w.lengths, w.length)
}
