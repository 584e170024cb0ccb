package objstore

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentAccess exercises every kind of operation in parallel; run it
// with -race.
func TestConcurrentAccess(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")

	const workers, rounds = 8, 50
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				key := fmt.Sprintf("w%d/k%d", w, i%5)
				body := strings.Repeat("x", i)
				_, err := write(s, "b", key, body, map[string]string{"X-Amz-Meta-I": fmt.Sprint(i)})
				assert.NoError(t, err)
				obj, err := s.ReadObject("b", key, "")
				if assert.NoError(t, err) {
					obj.Header["X-Amz-Meta-I"] = "mutated"
					_, err = io.Copy(io.Discard, obj.Content(0, obj.Size))
					assert.NoError(t, err)
				}
				_, err = s.ListObjectsPage("b", ObjectQuery{Prefix: fmt.Sprintf("w%d/", w), Delimiter: "/", MaxKeys: 2})
				assert.NoError(t, err)
				_, err = copyObj(s, "b", key, "", "b", key+"-copy", nil)
				assert.NoError(t, err)
				if i%7 == 0 {
					_, err = s.DeleteKeys("b", []DeleteEntry{{Key: key}, {Key: key + "-copy"}})
					assert.NoError(t, err)
				}
				_ = s.ListBucketPage(BucketQuery{})
				_ = s.BucketCount()
			}
		}()
	}
	wg.Wait()

	p, err := s.ListObjectsPage("b", ObjectQuery{MaxKeys: 1000})
	require.NoError(t, err)
	assert.Equal(t, keysIn(t, s, "b"), listKeysOf(p), "the listing and the index agree")
}

// TestConcurrentWritesAndSnapshots has 32 goroutines write, delete and
// list one versioned bucket while some of them take snapshots, and checks
// that every snapshot is internally consistent: keys ascending, each key's
// versions newest first with exactly one IsLatest, and, because it is
// atomic, no gaps in the keys each writer creates in order. Run it with
// -race.
func TestConcurrentWritesAndSnapshots(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	const workers, rounds = 32, 60
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen := 0 // sequence keys of this writer seen in its last snapshot
			for i := range rounds {
				seqKey := fmt.Sprintf("w%02d/seq%05d", w, i)
				hot := fmt.Sprintf("w%02d/hot%d", w, i%3)
				_, err := write(s, "b", seqKey, "s", nil)
				assert.NoError(t, err)
				_, err = write(s, "b", hot, "h", map[string]string{"X-Amz-Meta-I": fmt.Sprint(i)})
				assert.NoError(t, err)
				switch i % 5 {
				case 1:
					_, err = s.RemoveObject("b", hot, "")
					assert.NoError(t, err)
				case 3:
					p, err := s.ListVersions("b", hot, "", "", "", 5)
					if assert.NoError(t, err) && len(p.Versions) > 1 {
						_, err = s.RemoveObject("b", hot, p.Versions[len(p.Versions)-1].VersionID)
						assert.NoError(t, err)
					}
				}
				_, err = s.ListObjectsPage("b", ObjectQuery{Prefix: fmt.Sprintf("w%02d/", w), MaxKeys: 7})
				assert.NoError(t, err)
				_, err = s.ListVersions("b", "", "/", "", "", 3)
				assert.NoError(t, err)
				if w%4 == 0 && i%10 == 0 {
					seen = checkSnapshot(t, s, w, seen)
				}
			}
		}()
	}
	wg.Wait()
	checkSnapshot(t, s, 0, rounds)
}

// checkSnapshot takes a snapshot and checks its consistency; it returns
// how many sequence keys writer w has in it, which must be at least
// atLeast (snapshots never go back in time). It reports with t.Errorf
// rather than testify, whose per-call stack walks would dominate the test.
func checkSnapshot(t *testing.T, s *Store, w, atLeast int) int {
	sn, err := s.Snapshot("b", "")
	if err != nil {
		t.Error(err)
		return atLeast
	}
	seqKeys := map[int]int{} // writer -> count of its sequence keys
	var prevKey string
	var prevSeq uint64
	first := true
	for vi := range sn.All() {
		seq, ok := s.versionIDs.decode(vi.VersionID)
		if !ok {
			t.Errorf("undecodable version id %q", vi.VersionID)
		}
		if !first && vi.Key == prevKey {
			if seq >= prevSeq || vi.IsLatest {
				t.Errorf("%s: versions not newest first with one IsLatest", vi.Key)
			}
			prevSeq = seq
			continue
		}
		if !first && vi.Key <= prevKey || !vi.IsLatest {
			t.Errorf("%q after %q: keys not ascending or first version not latest", vi.Key, prevKey)
		}
		prevKey, prevSeq, first = vi.Key, seq, false
		if ww, n, ok := parseSeqKey(vi.Key); ok {
			if seqKeys[ww] != n {
				t.Errorf("writer %d: key %d follows %d keys: a snapshot is not atomic", ww, n, seqKeys[ww])
			}
			seqKeys[ww] = n + 1
		}
	}
	if seqKeys[w] < atLeast {
		t.Errorf("writer %d: %d keys, fewer than the %d seen before", w, seqKeys[w], atLeast)
	}
	return seqKeys[w]
}

// parseSeqKey reads "wWW/seqNNNNN".
func parseSeqKey(key string) (writer, n int, ok bool) {
	w, rest, found := strings.Cut(key, "/seq")
	if !found || len(w) != 3 || w[0] != 'w' {
		return 0, 0, false
	}
	writer, err1 := strconv.Atoi(w[1:])
	n, err2 := strconv.Atoi(rest)
	return writer, n, err1 == nil && err2 == nil
}
