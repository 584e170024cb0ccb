package objstore

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// viewKeys lists a view's keys in cursor order.
func viewKeys(v indexView) []string {
	var keys []string
	for c := v.seek(""); c.valid(); c.next() {
		keys = append(keys, c.entry().key)
	}
	return keys
}

// checkIndex verifies the index's invariants against the reference set.
func checkIndex(t *testing.T, x *keyIndex, want map[string]*version) {
	t.Helper()
	var ref []string
	for k := range want {
		ref = append(ref, k)
	}
	slices.Sort(ref)
	require.Equal(t, len(ref), x.len())
	got := viewKeys(x.view())
	require.Equal(t, ref, got)
	require.Len(t, x.firsts, len(x.chunks))
	for i, c := range x.chunks {
		require.NotEmpty(t, c.items, "no empty chunks")
		require.LessOrEqual(t, len(c.items), chunkMax)
		require.Equal(t, c.items[0].key, x.firsts[i], "firsts[%d]", i)
	}
	for k, v := range want {
		require.Same(t, v, x.get(k), k)
	}
}

// TestKeyIndexRandomOps applies random inserts, replacements and deletes,
// in random, ascending and descending key order, and compares with a map.
func TestKeyIndexRandomOps(t *testing.T) {
	for _, order := range []string{"random", "ascending", "descending"} {
		t.Run(order, func(t *testing.T) {
			rng := rand.New(rand.NewSource(7))
			x := newKeyIndex()
			want := map[string]*version{}
			const n = 5000
			for i := range n {
				var k int
				switch order {
				case "random":
					k = rng.Intn(n)
				case "ascending":
					k = i
				case "descending":
					k = n - i
				}
				key := fmt.Sprintf("key-%06d", k)
				v := &version{seq: uint64(i)}
				x.set(key, v)
				want[key] = v
				if rng.Intn(4) == 0 { // delete a random existing key
					d := fmt.Sprintf("key-%06d", rng.Intn(n))
					x.set(d, nil)
					delete(want, d)
				}
			}
			checkIndex(t, &x, want)
			if order != "random" {
				// Sorted seeding fills chunks instead of halving them.
				assert.LessOrEqual(t, len(x.chunks), x.len()/(chunkMax/2)+2)
			}
			for k := range want {
				x.set(k, nil)
			}
			checkIndex(t, &x, map[string]*version{})
			assert.Empty(t, x.chunks)
		})
	}
}

func TestKeyIndexSortedSeedingPacksChunks(t *testing.T) {
	x := newKeyIndex()
	for i := range 10 * chunkMax {
		x.set(fmt.Sprintf("%08d", i), &version{})
	}
	assert.Len(t, x.chunks, 10, "ascending keys fill every chunk")
	y := newKeyIndex()
	for i := 10 * chunkMax; i > 0; i-- {
		y.set(fmt.Sprintf("%08d", i), &version{})
	}
	assert.Len(t, y.chunks, 10, "descending keys fill every chunk")
}

// TestKeyIndexFreeze checks that a frozen view never sees later changes,
// however the live index is changed, and that the live index is intact.
func TestKeyIndexFreeze(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	x := newKeyIndex()
	live := map[string]*version{}
	type frozen struct {
		view indexView
		keys []string
		vals map[string]*version
	}
	var snaps []frozen
	for round := range 30 {
		for range 200 {
			key := fmt.Sprintf("k%04d", rng.Intn(3000))
			if rng.Intn(3) == 0 {
				x.set(key, nil)
				delete(live, key)
			} else {
				v := &version{seq: uint64(round)}
				x.set(key, v)
				live[key] = v
			}
		}
		vals := map[string]*version{}
		for k, v := range live {
			vals[k] = v
		}
		view := x.freeze()
		snaps = append(snaps, frozen{view: view, keys: viewKeys(view), vals: vals})
	}
	checkIndex(t, &x, live)
	for i, sn := range snaps {
		assert.Equal(t, sn.keys, viewKeys(sn.view), "snapshot %d changed", i)
		for c := sn.view.seek(""); c.valid(); c.next() {
			e := c.entry()
			require.Same(t, sn.vals[e.key], e.head, "snapshot %d key %s", i, e.key)
		}
	}
}

func TestIndexSeek(t *testing.T) {
	x := newKeyIndex()
	for i := range 3 * chunkMax {
		x.set(fmt.Sprintf("%05d", 2*i), &version{}) // even numbers only
	}
	v := x.view()
	c := v.seek("00003")
	require.True(t, c.valid())
	assert.Equal(t, "00004", c.entry().key)
	c = v.seek("00004")
	assert.Equal(t, "00004", c.entry().key)
	c = v.seek("")
	assert.Equal(t, "00000", c.entry().key)
	c = v.seek("99999")
	assert.False(t, c.valid())
	// Seeking just past a chunk's last key lands on the next chunk.
	last := x.chunks[0].items[len(x.chunks[0].items)-1].key
	c = v.seek(last + "x")
	require.True(t, c.valid())
	assert.Equal(t, x.chunks[1].items[0].key, c.entry().key)
}

func TestPrefixEnd(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"a/", "a0", true},
		{"ab", "ac", true},
		{"a\xff", "b", true},
		{"\xff\xff", "", false},
		{"", "", false},
	} {
		got, ok := prefixEnd(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}
