package objstore

import (
	"slices"
	"strings"
)

// keyIndex is a bucket's keys in bytewise order (Go string order, which is
// S3's UTF-8 binary order), each with the head of its version list.
//
// It is a two-level sorted list: a directory of chunks, each a sorted slice
// of at most chunkMax entries. An insert costs two binary searches and a
// memmove of at most one chunk, whatever order keys arrive in, so seeding a
// million keys in random order stays linear-ish, where one sorted slice
// would move half the keys on every insert.
//
// Snapshots are copy-on-write. freeze hands out a read-only view that shares
// every chunk and the directory with the index, and bumps the index's
// generation; from then on the index copies a chunk (and the directory,
// once) before its first change. Taking a snapshot is O(1) under the lock,
// and reading it needs no lock at all.
type keyIndex struct {
	chunks []*chunk
	// firsts holds a copy of each chunk's first key, so that finding a
	// chunk reads one slice and a few thousand small strings allocated
	// close together, instead of chasing two pointers into a cold chunk per
	// probe: at a million keys that cuts the cost of a random insert by a
	// third.
	firsts []string
	// heads abbreviates firsts: their first sixteen bytes, searched before
	// any string is compared.
	heads []keyHead
	// gen is the generation the index owns: a chunk stamped with gen, and
	// the directory (chunks and firsts) while dirOwned, are private to the index and may change
	// in place. Anything older may be shared with a frozen view.
	gen      uint64
	dirOwned bool
	n        int
}

// entry is one key and the newest of its versions.
type entry struct {
	key  string
	head *version // never nil in an index
}

// chunk is a run of consecutive entries.
//
// A search inside a chunk compares abbreviated keys first: the keys of a
// chunk are neighbours and share a long prefix (off bytes), and abbr[i]
// holds the sixteen bytes of items[i].key that follow it, in one small
// array, so that most probes compare two numbers instead of two strings
// that agree on their first off bytes.
type chunk struct {
	gen   uint64
	items []entry
	abbr  []keyHead // headAt(items[i].key, off), parallel to items
	off   int       // length of the prefix every key of the chunk shares
}

const (
	// chunkMax bounds a chunk: a larger one makes inserts move more bytes,
	// a smaller one makes the directory longer (its search reads heads,
	// so that costs little). 128 entries are 3 KiB and their heads 2 KiB,
	// both Go size classes, so a full chunk wastes nothing. At a million
	// keys in random order, 128 beat 512 by a fifth (BenchmarkSeed).
	chunkMax = 128
	// chunkMergeBelow is the size under which a chunk that lost entries is
	// merged into its successor, so deletes cannot leave a long tail of
	// nearly empty chunks.
	chunkMergeBelow = chunkMax / 8
)

// abbreviate returns the eight bytes of key at off (zero-padded past its
// end) as a big-endian number.
func abbreviate(key string, off int) uint64 {
	if off+8 <= len(key) {
		b := key[off : off+8]
		return uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 |
			uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
	}
	var a uint64
	for i := off; i < off+8; i++ {
		a <<= 8
		if i < len(key) {
			a |= uint64(key[i])
		}
	}
	return a
}

// commonPrefixLen returns the length of the longest common prefix of a
// and b.
func commonPrefixLen(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// reindex recomputes the shared prefix and every abbreviation: that of a
// sorted run is the common prefix of its first and last keys.
func (c *chunk) reindex() {
	c.abbr = c.abbr[:0]
	if len(c.items) == 0 {
		c.off = 0
		return
	}
	c.off = commonPrefixLen(c.items[0].key, c.items[len(c.items)-1].key)
	if cap(c.abbr) < len(c.items) {
		c.abbr = make([]keyHead, 0, max(chunkMax, len(c.items)))
	}
	for _, e := range c.items {
		c.abbr = append(c.abbr, headAt(e.key, c.off))
	}
}

// search finds key in c: its position when found, otherwise where it
// would be inserted. key must not be smaller than the chunk's first key
// (locate routes it so); first is a copy of that key, which the directory
// search has just read, where the chunk's prefix would be a cold read.
func (c *chunk) search(key, first string) (int, bool) {
	n := len(c.items)
	if !strings.HasPrefix(key, first[:c.off]) {
		// Not smaller than the first key and not sharing the prefix of
		// every key: past the last one.
		return n, false
	}
	a := headAt(key, c.off)
	// [lo, hi) are the entries with the same abbreviation.
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.abbr[m].less(a) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	hi = n
	for l := lo; l < hi; {
		m := int(uint(l+hi) >> 1)
		if a.less(c.abbr[m]) {
			hi = m
		} else {
			l = m + 1
		}
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch cmp := strings.Compare(c.items[m].key, key); {
		case cmp == 0:
			return m, true
		case cmp < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return lo, false
}

// keyHead is sixteen bytes of a key from some offset, zero-padded, as two
// big-endian numbers. For two keys that share the bytes before that
// offset, a smaller head means a smaller key; equal heads need the keys
// compared.
type keyHead struct{ hi, lo uint64 }

// headOf is the head of key at its start.
func headOf(key string) keyHead { return headAt(key, 0) }

// headAt is the head of key at off.
func headAt(key string, off int) keyHead {
	return keyHead{abbreviate(key, off), abbreviate(key, off+8)}
}

func (a keyHead) less(b keyHead) bool { return a.hi < b.hi || a.hi == b.hi && a.lo < b.lo }

// setFirst records key as the first key of chunk ci.
func (x *keyIndex) setFirst(ci int, key string) {
	x.firsts[ci] = strings.Clone(key)
	x.heads[ci] = headOf(key)
}

// newKeyIndex returns an empty index.
func newKeyIndex() keyIndex { return keyIndex{dirOwned: true} }

// len returns the number of keys.
func (x *keyIndex) len() int { return x.n }

// view returns a read-only view of the current contents. It is valid only
// while the caller holds the lock that guards x; use freeze for a view that
// outlives the lock.
func (x *keyIndex) view() indexView {
	return indexView{chunks: x.chunks, firsts: x.firsts, heads: x.heads, n: x.n}
}

// freeze returns a view that later changes to x never touch.
func (x *keyIndex) freeze() indexView {
	v := x.view()
	x.gen++
	x.dirOwned = false
	return v
}

// get returns the head version of key, or nil.
func (x *keyIndex) get(key string) *version {
	ci, ei, found := x.view().locate(key)
	if !found {
		return nil
	}
	return x.chunks[ci].items[ei].head
}

// set makes head the version list of key, inserting the key if needed. A
// nil head deletes the key.
func (x *keyIndex) set(key string, head *version) {
	x.update(key, func(*version) *version { return head })
}

// update replaces the version list of key by fn(current list), current
// being nil for a new key, with a single search. A nil result deletes the
// key.
func (x *keyIndex) update(key string, fn func(head *version) *version) {
	ci, ei, found := x.view().locate(key)
	var old *version
	if found {
		old = x.chunks[ci].items[ei].head
	}
	head := fn(old)
	switch {
	case head == nil && found:
		x.removeAt(ci, ei)
	case head == nil:
	case found:
		x.mutableChunk(ci).items[ei].head = head
	default:
		x.insertAt(ci, ei, entry{key: key, head: head})
	}
}

// insertAt inserts e at position ei of chunk ci (any ci when the index is
// empty).
func (x *keyIndex) insertAt(ci, ei int, e entry) {
	x.n++
	x.mutableDir()
	if len(x.chunks) == 0 {
		x.insertChunk(0, x.newChunk(e))
		return
	}
	c := x.mutableChunk(ci)
	if len(c.items) < chunkMax {
		x.insertInto(ci, c, ei, e)
		return
	}
	// The chunk is full. Keys seeded in ascending (descending) order always
	// land past the very end (before the very start) of the index: give
	// them a chunk of their own, so the full one stays full instead of
	// leaving two half-empty chunks behind.
	switch {
	case ci == len(x.chunks)-1 && ei == len(c.items):
		x.insertChunk(ci+1, x.newChunk(e))
		return
	case ci == 0 && ei == 0:
		x.insertChunk(0, x.newChunk(e))
		return
	}
	const half = chunkMax / 2
	right := &chunk{gen: x.gen, items: make([]entry, len(c.items)-half, chunkMax)}
	copy(right.items, c.items[half:])
	clear(c.items[half:]) // the left half must not keep the moved entries alive
	c.items = c.items[:half]
	c.reindex()
	right.reindex()
	x.insertChunk(ci+1, right)
	if ei <= half {
		x.insertInto(ci, c, ei, e)
	} else {
		x.insertInto(ci+1, right, ei-half, e)
	}
}

// insertInto inserts e at position ei of c, which is chunk ci and has
// room, keeping firsts up to date.
func (x *keyIndex) insertInto(ci int, c *chunk, ei int, e entry) {
	// x.firsts[ci] is a copy of the chunk's first key (before e), and
	// starts with the prefix every key of the chunk shares.
	shares := len(c.items) > 0 && strings.HasPrefix(e.key, x.firsts[ci][:c.off])
	c.items = slices.Insert(c.items, ei, e)
	if shares {
		// Every key still shares the prefix.
		c.abbr = slices.Insert(c.abbr, ei, headAt(e.key, c.off))
	} else {
		c.reindex()
	}
	if ei == 0 {
		x.setFirst(ci, e.key)
	}
}

// insertChunk puts c into the directory at position ci. The directory
// must be mutable.
func (x *keyIndex) insertChunk(ci int, c *chunk) {
	x.chunks = slices.Insert(x.chunks, ci, c)
	x.firsts = slices.Insert(x.firsts, ci, strings.Clone(c.items[0].key))
	x.heads = slices.Insert(x.heads, ci, headOf(c.items[0].key))
}

// deleteChunk removes chunk ci from the directory, which must be mutable.
func (x *keyIndex) deleteChunk(ci int) {
	x.chunks = slices.Delete(x.chunks, ci, ci+1)
	x.firsts = slices.Delete(x.firsts, ci, ci+1)
	x.heads = slices.Delete(x.heads, ci, ci+1)
}

// newChunk returns a chunk of the current generation holding e.
func (x *keyIndex) newChunk(e entry) *chunk {
	c := &chunk{gen: x.gen, items: append(make([]entry, 0, chunkMax), e)}
	c.reindex()
	return c
}

// removeAt deletes entry ei of chunk ci.
func (x *keyIndex) removeAt(ci, ei int) {
	x.n--
	x.mutableDir()
	c := x.mutableChunk(ci)
	c.items = slices.Delete(c.items, ei, ei+1)
	// The remaining keys still share the prefix (perhaps a longer one).
	c.abbr = slices.Delete(c.abbr, ei, ei+1)
	switch {
	case len(c.items) == 0:
		x.deleteChunk(ci)
		return
	case len(c.items) < chunkMergeBelow && ci+1 < len(x.chunks) &&
		len(c.items)+len(x.chunks[ci+1].items) <= chunkMax/2:
		c.items = append(c.items, x.chunks[ci+1].items...)
		c.reindex()
		x.deleteChunk(ci + 1)
	}
	if ei == 0 {
		x.setFirst(ci, c.items[0].key)
	}
}

// mutableChunk returns chunk ci, copying it first if a frozen view may
// share it.
func (x *keyIndex) mutableChunk(ci int) *chunk {
	c := x.chunks[ci]
	if c.gen == x.gen {
		return c
	}
	nc := &chunk{gen: x.gen, items: make([]entry, len(c.items), chunkMax),
		abbr: make([]keyHead, len(c.abbr), chunkMax), off: c.off}
	copy(nc.items, c.items)
	copy(nc.abbr, c.abbr)
	x.mutableDir()
	x.chunks[ci] = nc
	return nc
}

// mutableDir makes the directory private to the index.
func (x *keyIndex) mutableDir() {
	if !x.dirOwned {
		x.chunks = slices.Clone(x.chunks)
		x.firsts = slices.Clone(x.firsts)
		x.heads = slices.Clone(x.heads)
		x.dirOwned = true
	}
}

// indexView is a read-only look at a keyIndex, live or frozen.
type indexView struct {
	chunks []*chunk
	firsts []string
	heads  []keyHead
	n      int
}

// locate finds key: its chunk and position when found, otherwise where it
// would be inserted. Keys between two chunks go to the end of the first.
func (v indexView) locate(key string) (ci, ei int, found bool) {
	ci = v.firstAbove(key) - 1
	if ci < 0 {
		return 0, 0, false
	}
	ei, found = v.chunks[ci].search(key, v.firsts[ci])
	return ci, ei, found
}

// firstAbove returns the index of the first chunk whose first key is
// greater than key (len(v.firsts) for none), comparing heads first and
// strings only among equal heads.
func (v indexView) firstAbove(key string) int {
	h := headOf(key)
	lo, hi := 0, len(v.heads)
	for lo < hi { // the first head >= h
		m := int(uint(lo+hi) >> 1)
		if v.heads[m].less(h) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	hi = len(v.heads)
	for l := lo; l < hi; { // the first head > h
		m := int(uint(l+hi) >> 1)
		if h.less(v.heads[m]) {
			hi = m
		} else {
			l = m + 1
		}
	}
	for lo < hi { // among equal heads, the first key > key
		m := int(uint(lo+hi) >> 1)
		if v.firsts[m] > key {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// seek returns a cursor at the first key >= key.
func (v indexView) seek(key string) cursor {
	ci, ei, _ := v.locate(key)
	c := cursor{v: v, ci: ci, ei: ei}
	c.normalize()
	return c
}

// cursor walks an indexView in key order.
type cursor struct {
	v      indexView
	ci, ei int
}

// valid reports whether the cursor is at an entry.
func (c *cursor) valid() bool { return c.ci < len(c.v.chunks) }

// entry returns the entry under the cursor; the cursor must be valid.
func (c *cursor) entry() entry { return c.v.chunks[c.ci].items[c.ei] }

// next moves to the following entry.
func (c *cursor) next() {
	c.ei++
	c.normalize()
}

// normalize moves past the end of a chunk to the start of the next one.
func (c *cursor) normalize() {
	if c.ci < len(c.v.chunks) && c.ei >= len(c.v.chunks[c.ci].items) {
		c.ci++
		c.ei = 0
	}
}

// prefixEnd returns the smallest string greater than every string that
// starts with prefix, and false when there is none (prefix is empty or all
// 0xff bytes). Seeking to it skips a whole group of keys in one step.
func prefixEnd(prefix string) (string, bool) {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1]), true
		}
	}
	return "", false
}
