package objstore

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// entryName names a listing entry: "p:<prefix>" or "v:<key>@<id>".
func entryName(vi VersionInfo) string {
	id := vi.VersionID
	if id == "" {
		id = "null"
	}
	return "v:" + vi.Key + "@" + id
}

// referenceVersions is a brute-force ListObjectVersions without paging:
// every version from the snapshot, rolled up S3's way.
func referenceVersions(all []VersionInfo, prefix, delim string) []string {
	var out []string
	seen := map[string]bool{}
	for _, vi := range all {
		if !strings.HasPrefix(vi.Key, prefix) {
			continue
		}
		if delim != "" {
			if i := strings.Index(vi.Key[len(prefix):], delim); i >= 0 {
				cp := vi.Key[:len(prefix)+i+len(delim)]
				if !seen[cp] {
					seen[cp] = true
					out = append(out, "p:"+cp)
				}
				continue
			}
		}
		out = append(out, entryName(vi))
	}
	return out
}

// pageEntries lists a page's entries in S3 order (versions and prefixes
// interleaved by key).
func pageEntries(p VersionPage) []string {
	var out []string
	vi, pi := 0, 0
	for vi < len(p.Versions) || pi < len(p.CommonPrefixes) {
		if pi == len(p.CommonPrefixes) || vi < len(p.Versions) && p.Versions[vi].Key < p.CommonPrefixes[pi] {
			out = append(out, entryName(p.Versions[vi]))
			vi++
		} else {
			out = append(out, "p:"+p.CommonPrefixes[pi])
			pi++
		}
	}
	return out
}

// randomVersionedBucket fills a bucket with keys that have null versions,
// versions and delete markers, made under every versioning state.
func randomVersionedBucket(t *testing.T, rng *rand.Rand) *Store {
	t.Helper()
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	parts := []string{"a", "b", "a/", "b/", "c", "é"}
	var keys []string
	for range 25 {
		k := ""
		for range 1 + rng.Intn(4) {
			k += parts[rng.Intn(len(parts))]
		}
		keys = append(keys, k)
	}
	for _, state := range []Versioning{Unversioned, VersioningEnabled, VersioningSuspended, VersioningEnabled} {
		if state != Unversioned {
			require.NoError(t, s.SetVersioning("b", state))
		}
		for range 40 {
			k := keys[rng.Intn(len(keys))]
			if rng.Intn(4) == 0 {
				_, err := s.RemoveObject("b", k, "")
				require.NoError(t, err)
			} else {
				putVersion(t, s, "b", k, k)
			}
		}
	}
	return s
}

// TestListVersionsPagingMatchesUnpaged walks every page size over random
// version histories and requires the pages to add up to the unpaged
// listing, each version exactly once (docs/gofakes3.md P4).
func TestListVersionsPagingMatchesUnpaged(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	s := randomVersionedBucket(t, rng)
	all, err := s.Versions("b", "")
	require.NoError(t, err)
	require.Greater(t, len(all), 50)

	for _, q := range []struct{ prefix, delim string }{
		{"", ""}, {"a", ""}, {"", "/"}, {"a/", "/"}, {"b", "/"}, {"zz", ""},
	} {
		want := referenceVersions(all, q.prefix, q.delim)
		full, err := s.ListVersions("b", q.prefix, q.delim, "", "", 1000)
		require.NoError(t, err)
		assert.Equal(t, want, pageEntries(full), "unpaged %+v", q)
		assert.False(t, full.IsTruncated)

		for maxKeys := 1; maxKeys <= 7; maxKeys++ {
			t.Run(fmt.Sprintf("%q/%q/max%d", q.prefix, q.delim, maxKeys), func(t *testing.T) {
				var got []string
				km, vm := "", ""
				for i := 0; ; i++ {
					require.Less(t, i, 1000, "paging does not terminate")
					p, err := s.ListVersions("b", q.prefix, q.delim, km, vm, maxKeys)
					require.NoError(t, err)
					entries := pageEntries(p)
					require.LessOrEqual(t, len(entries), maxKeys)
					got = append(got, entries...)
					if !p.IsTruncated {
						break
					}
					require.Len(t, entries, maxKeys, "a truncated page is full")
					require.NotEmpty(t, p.NextKeyMarker)
					km, vm = p.NextKeyMarker, p.NextVersionIDMarker
				}
				assert.Equal(t, want, got)
			})
		}
	}
}

func TestListVersionsOrderAndLatest(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	putVersion(t, s, "b", "k", "null")
	require.NoError(t, s.SetVersioning("b", VersioningEnabled))
	v1 := putVersion(t, s, "b", "k", "v1")
	dm, err := s.RemoveObject("b", "k", "")
	require.NoError(t, err)
	putVersion(t, s, "b", "a", "a")

	p, err := s.ListVersions("b", "", "", "", "", 0)
	require.NoError(t, err)
	require.Len(t, p.Versions, 4)
	assert.Equal(t, []string{"a", "k", "k", "k"}, []string{p.Versions[0].Key, p.Versions[1].Key, p.Versions[2].Key, p.Versions[3].Key})
	assert.Equal(t, []string{dm.VersionID, v1, ""}, []string{p.Versions[1].VersionID, p.Versions[2].VersionID, p.Versions[3].VersionID}, "newest first")
	assert.Equal(t, []bool{true, true, false, false}, []bool{p.Versions[0].IsLatest, p.Versions[1].IsLatest, p.Versions[2].IsLatest, p.Versions[3].IsLatest})
	assert.True(t, p.Versions[1].IsDeleteMarker)

	// A null version-id-marker continues after the null version.
	p, err = s.ListVersions("b", "", "", "k", "null", 0)
	require.NoError(t, err)
	assert.Empty(t, p.Versions)
	p, err = s.ListVersions("b", "", "", "k", v1, 0)
	require.NoError(t, err)
	require.Len(t, p.Versions, 1)
	assert.Empty(t, p.Versions[0].VersionID)
	assert.False(t, p.Versions[0].IsLatest)

	// A key marker alone skips the whole key.
	p, err = s.ListVersions("b", "", "", "a", "", 0)
	require.NoError(t, err)
	assert.Len(t, p.Versions, 3)

	_, err = s.ListVersions("b", "", "", "k", "bogus", 0)
	requireCode(t, err, "InvalidArgument")
	assert.Equal(t, "version-id-marker", err.(*Error).ArgumentName)
	_, err = s.ListVersions("nob", "", "", "", "", 0)
	requireCode(t, err, "NoSuchBucket")
}

// TestListVersionsMarkerDeletedBetweenPages: the version a page ended on
// is deleted before the next page is asked for. The next page must start
// right after where the last one ended, neither repeating nor skipping.
func TestListVersionsMarkerDeletedBetweenPages(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	var ids []string
	for i := range 5 {
		ids = append(ids, putVersion(t, s, "b", "k", fmt.Sprint(i)))
	}
	p, err := s.ListVersions("b", "", "", "", "", 2)
	require.NoError(t, err)
	require.True(t, p.IsTruncated)
	assert.Equal(t, ids[3], p.NextVersionIDMarker)
	require.NoError(t, s.DeleteVersion("b", "k", ids[3]))

	p, err = s.ListVersions("b", "", "", p.NextKeyMarker, p.NextVersionIDMarker, 2)
	require.NoError(t, err)
	require.Len(t, p.Versions, 2)
	assert.Equal(t, ids[2], p.Versions[0].VersionID)
	assert.Equal(t, ids[1], p.Versions[1].VersionID)
}

// A page of ListVersionsPage carries what ListObjectVersions answers:
// the entries with their facts and the markers of the next page, "null"
// for a null version (whose VersionInfo.VersionID is "", as inventory
// reports print it).
func TestListVersionsPageEntriesAndMarkers(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	putVersion(t, s, "b", "k", "null")
	require.NoError(t, s.SetVersioning("b", VersioningEnabled))
	v1 := putVersion(t, s, "b", "k", "v1")
	_, err := s.RemoveObject("b", "k", "")
	require.NoError(t, err)

	p, err := s.ListVersionsPage("b", VersionQuery{MaxKeys: 2})
	require.NoError(t, err)
	assert.True(t, p.IsTruncated)
	assert.Equal(t, "k", p.NextKeyMarker)
	assert.Equal(t, v1, p.NextVersionIDMarker)
	require.Len(t, p.Versions, 2)
	dm := p.Versions[0]
	assert.True(t, dm.IsDeleteMarker)
	assert.True(t, dm.IsLatest)
	assert.NotEmpty(t, dm.OwnerID)
	ver := p.Versions[1]
	assert.Equal(t, v1, ver.VersionID)
	assert.Equal(t, latestETag("v1"), ver.ETag)
	assert.Equal(t, StorageStandard, ver.StorageClass)
	assert.False(t, ver.IsLatest)

	putVersion(t, s, "b", "z", "z")
	p, err = s.ListVersionsPage("b", VersionQuery{KeyMarker: "k", VersionIDMarker: v1, MaxKeys: 1})
	require.NoError(t, err)
	assert.True(t, p.IsTruncated)
	require.Len(t, p.Versions, 1)
	assert.Empty(t, p.Versions[0].VersionID, "the null version")
	assert.Equal(t, "k", p.NextKeyMarker)
	assert.Equal(t, NullVersionID, p.NextVersionIDMarker, "a null version's marker is \"null\"")

	p, err = s.ListVersionsPage("b", VersionQuery{KeyMarker: "k", VersionIDMarker: NullVersionID, MaxKeys: 2})
	require.NoError(t, err)
	require.Len(t, p.Versions, 1, "a null marker continues after the null version")
	assert.Equal(t, "z", p.Versions[0].Key)
	assert.False(t, p.IsTruncated)
}
