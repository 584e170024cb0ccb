package objstore

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// checkAbbr verifies the abbreviations of every chunk: each key starts
// with the chunk's prefix and abbr holds its next eight bytes.
func checkAbbr(t *testing.T, v indexView) {
	t.Helper()
	for ci, c := range v.chunks {
		require.Len(t, c.abbr, len(c.items), "chunk %d", ci)
		require.Equal(t, headOf(v.firsts[ci]), v.heads[ci], "head of chunk %d", ci)
		prefix := c.items[0].key[:c.off]
		for i, e := range c.items {
			require.True(t, strings.HasPrefix(e.key, prefix), "chunk %d key %q prefix %q", ci, e.key, prefix)
			require.Equal(t, headAt(e.key, c.off), c.abbr[i], "chunk %d key %q", ci, e.key)
		}
	}
}

// awkwardKey returns keys that stress abbreviation: long shared prefixes,
// keys that are prefixes of others, zero and 0xff bytes, differences past
// the eighth byte after the shared prefix.
func awkwardKey(rng *rand.Rand) string {
	switch rng.Intn(6) {
	case 0:
		return fmt.Sprintf("data/%04d/object-%08d.bin", rng.Intn(20), rng.Intn(3000))
	case 1:
		return strings.Repeat("a", rng.Intn(24))
	case 2:
		return "p/" + strings.Repeat("\x00", rng.Intn(12)) + string(rune('a'+rng.Intn(3)))
	case 3:
		return "q/" + strings.Repeat("\xff", rng.Intn(12))
	case 4:
		return fmt.Sprintf("same-prefix-of-sixteen/%012d-%d", rng.Intn(50), rng.Intn(50))
	}
	return fmt.Sprintf("%x", rng.Int63n(1<<20))
}

// TestKeyIndexAbbreviations runs random inserts, replacements, deletes and
// freezes over awkward keys and checks the abbreviations, every lookup
// and the frozen views against a map.
func TestKeyIndexAbbreviations(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	x := newKeyIndex()
	want := map[string]*version{}
	type frozen struct {
		v    indexView
		keys map[string]*version
	}
	var views []frozen
	for i := range 40000 {
		key := awkwardKey(rng)
		switch rng.Intn(5) {
		case 0:
			x.set(key, nil)
			delete(want, key)
		default:
			v := &version{seq: uint64(i)}
			x.set(key, v)
			want[key] = v
		}
		if i%4000 == 0 {
			snap := map[string]*version{}
			for k, v := range want {
				snap[k] = v
			}
			views = append(views, frozen{x.freeze(), snap})
		}
		if i%997 == 0 {
			checkAbbr(t, x.view())
			for range 200 {
				probe := awkwardKey(rng)
				require.Same(t, want[probe], x.get(probe), "get %q", probe)
			}
		}
	}
	checkIndex(t, &x, want)
	checkAbbr(t, x.view())
	for _, f := range views {
		checkAbbr(t, f.v)
		require.Equal(t, len(f.keys), f.v.n)
		n := 0
		for c := f.v.seek(""); c.valid(); c.next() {
			e := c.entry()
			require.Same(t, f.keys[e.key], e.head, "frozen %q", e.key)
			n++
		}
		require.Equal(t, len(f.keys), n)
	}
}
