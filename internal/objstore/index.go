package objstore

import (
	"slices"
	"sort"
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
type chunk struct {
	gen   uint64
	items []entry
}

const (
	// chunkMax bounds a chunk: a larger one makes inserts move more bytes,
	// a smaller one makes the directory longer. 512 entries are 12 KiB, a
	// Go size class, so a full chunk wastes nothing.
	chunkMax = 512
	// chunkMergeBelow is the size under which a chunk that lost entries is
	// merged into its successor, so deletes cannot leave a long tail of
	// nearly empty chunks.
	chunkMergeBelow = chunkMax / 8
)

// newKeyIndex returns an empty index.
func newKeyIndex() keyIndex { return keyIndex{dirOwned: true} }

// len returns the number of keys.
func (x *keyIndex) len() int { return x.n }

// view returns a read-only view of the current contents. It is valid only
// while the caller holds the lock that guards x; use freeze for a view that
// outlives the lock.
func (x *keyIndex) view() indexView { return indexView{chunks: x.chunks, firsts: x.firsts, n: x.n} }

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
	c.items = slices.Insert(c.items, ei, e)
	if ei == 0 {
		x.firsts[ci] = strings.Clone(e.key)
	}
}

// insertChunk puts c into the directory at position ci. The directory
// must be mutable.
func (x *keyIndex) insertChunk(ci int, c *chunk) {
	x.chunks = slices.Insert(x.chunks, ci, c)
	x.firsts = slices.Insert(x.firsts, ci, strings.Clone(c.items[0].key))
}

// deleteChunk removes chunk ci from the directory, which must be mutable.
func (x *keyIndex) deleteChunk(ci int) {
	x.chunks = slices.Delete(x.chunks, ci, ci+1)
	x.firsts = slices.Delete(x.firsts, ci, ci+1)
}

// newChunk returns a chunk of the current generation holding e.
func (x *keyIndex) newChunk(e entry) *chunk {
	return &chunk{gen: x.gen, items: append(make([]entry, 0, chunkMax), e)}
}

// removeAt deletes entry ei of chunk ci.
func (x *keyIndex) removeAt(ci, ei int) {
	x.n--
	x.mutableDir()
	c := x.mutableChunk(ci)
	c.items = slices.Delete(c.items, ei, ei+1)
	switch {
	case len(c.items) == 0:
		x.deleteChunk(ci)
		return
	case len(c.items) < chunkMergeBelow && ci+1 < len(x.chunks) &&
		len(c.items)+len(x.chunks[ci+1].items) <= chunkMax/2:
		c.items = append(c.items, x.chunks[ci+1].items...)
		x.deleteChunk(ci + 1)
	}
	if ei == 0 {
		x.firsts[ci] = strings.Clone(c.items[0].key)
	}
}

// mutableChunk returns chunk ci, copying it first if a frozen view may
// share it.
func (x *keyIndex) mutableChunk(ci int) *chunk {
	c := x.chunks[ci]
	if c.gen == x.gen {
		return c
	}
	nc := &chunk{gen: x.gen, items: make([]entry, len(c.items), chunkMax)}
	copy(nc.items, c.items)
	x.mutableDir()
	x.chunks[ci] = nc
	return nc
}

// mutableDir makes the directory private to the index.
func (x *keyIndex) mutableDir() {
	if !x.dirOwned {
		x.chunks = slices.Clone(x.chunks)
		x.firsts = slices.Clone(x.firsts)
		x.dirOwned = true
	}
}

// indexView is a read-only look at a keyIndex, live or frozen.
type indexView struct {
	chunks []*chunk
	firsts []string
	n      int
}

// locate finds key: its chunk and position when found, otherwise where it
// would be inserted. Keys between two chunks go to the end of the first.
func (v indexView) locate(key string) (ci, ei int, found bool) {
	ci = sort.Search(len(v.firsts), func(i int) bool { return v.firsts[i] > key }) - 1
	if ci < 0 {
		return 0, 0, false
	}
	ei, found = slices.BinarySearchFunc(v.chunks[ci].items, key, func(e entry, k string) int {
		return strings.Compare(e.key, k)
	})
	return ci, ei, found
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
