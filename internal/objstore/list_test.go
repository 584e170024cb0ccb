package objstore

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unpaged is a page size larger than any listing here.
const unpaged = 1000

// names returns a page's keys and common prefixes, each in the order the
// store returned them.
func names(p ObjectPage) (keys, prefixes []string) {
	return listKeysOf(p), p.CommonPrefixes
}

// list lists bucket "b" of s with q, failing the test on error.
func list(t *testing.T, s *Store, q ObjectQuery) ObjectPage {
	t.Helper()
	p, err := s.ListObjectsPage("b", q)
	require.NoError(t, err)
	return p
}

func storeWithKeys(t *testing.T, keys ...string) *Store {
	t.Helper()
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	for _, k := range keys {
		mustPut(t, s, "b", k, "body-of-"+k, nil)
	}
	return s
}

func TestListObjectsContentFields(t *testing.T) {
	s, clk := newTestStore(t)
	mkBucket(t, s, "b")
	mustPut(t, s, "b", "k", "12345", nil)
	at := clk.Now()

	p := list(t, s, ObjectQuery{MaxKeys: unpaged})
	require.Len(t, p.Objects, 1)
	c := p.Objects[0]
	assert.Equal(t, "k", c.Key)
	assert.Equal(t, int64(5), c.Size)
	assert.Equal(t, "827ccb0eea8a706c4c34a16891f84e7b", c.ETag) // md5("12345")
	assert.Equal(t, StorageStandard, c.StorageClass)
	assert.True(t, c.LastModified.Equal(at))
	assert.Equal(t, testOwner, c.OwnerAccount)
	assert.False(t, p.IsTruncated)
	assert.Equal(t, "k", p.Last)
}

func TestListObjectsBytewiseOrder(t *testing.T) {
	// Inserted out of order; bytewise order puts upper case before lower
	// case and multi-byte UTF-8 after ASCII.
	s := storeWithKeys(t, "é", "b", "B", "a/b", "a", "~", "Z", "a-b")
	keys, prefixes := names(list(t, s, ObjectQuery{MaxKeys: unpaged}))
	assert.Equal(t, []string{"B", "Z", "a", "a-b", "a/b", "b", "~", "é"}, keys)
	assert.Empty(t, prefixes)
}

func TestListObjectsPrefixAndDelimiter(t *testing.T) {
	s := storeWithKeys(t,
		"photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg",
		"photos/index.html", "photosX", "docs/readme", "top.txt")

	cases := []struct {
		name              string
		prefix, delimiter string
		wantKeys          []string
		wantPrefixes      []string
	}{
		{"everything", "", "", []string{"docs/readme", "photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/index.html", "photosX", "top.txt"}, nil},
		{"plain prefix", "photos/", "", []string{"photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/index.html"}, nil},
		{"partial prefix", "photos", "", []string{"photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/index.html", "photosX"}, nil},
		{"root delimiter", "", "/", []string{"photosX", "top.txt"}, []string{"docs/", "photos/"}},
		{"folder", "photos/", "/", []string{"photos/index.html"}, []string{"photos/2023/", "photos/2024/"}},
		{"no match", "nothing", "", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := list(t, s, ObjectQuery{Prefix: tc.prefix, Delimiter: tc.delimiter, MaxKeys: unpaged})
			keys, prefixes := names(p)
			assert.Equal(t, tc.wantKeys, keys)
			assert.Equal(t, tc.wantPrefixes, prefixes)
			assert.False(t, p.IsTruncated)
		})
	}
}

func TestListObjectsPagingExact(t *testing.T) {
	s := storeWithKeys(t, "a", "b", "c", "d")

	p := list(t, s, ObjectQuery{MaxKeys: 2})
	keys, _ := names(p)
	assert.Equal(t, []string{"a", "b"}, keys)
	assert.True(t, p.IsTruncated)
	assert.Equal(t, "b", p.Last)

	p = list(t, s, ObjectQuery{After: "b", MaxKeys: 2})
	keys, _ = names(p)
	assert.Equal(t, []string{"c", "d"}, keys)
	assert.False(t, p.IsTruncated, "no further item exists")

	// A marker that is not itself a key starts after it.
	keys, _ = names(list(t, s, ObjectQuery{After: "bb", MaxKeys: unpaged}))
	assert.Equal(t, []string{"c", "d"}, keys)

	// Truncation only counts items that match the prefix.
	s2 := storeWithKeys(t, "x/1", "x/2", "y")
	p = list(t, s2, ObjectQuery{Prefix: "x/", MaxKeys: 2})
	keys, _ = names(p)
	assert.Equal(t, []string{"x/1", "x/2"}, keys)
	assert.False(t, p.IsTruncated)
}

func TestListObjectsPagingCommonPrefixes(t *testing.T) {
	s := storeWithKeys(t, "a/1", "a/2", "a/3", "b", "c/1", "c/2", "d")

	var pages [][]string
	q := ObjectQuery{Delimiter: "/", MaxKeys: 1}
	for i := 0; ; i++ {
		require.Less(t, i, 10, "paging does not terminate")
		p := list(t, s, q)
		keys, prefixes := names(p)
		pages = append(pages, append(slices.Clone(prefixes), keys...))
		if !p.IsTruncated {
			break
		}
		require.NotEmpty(t, p.Last)
		q.After = p.Last
	}
	assert.Equal(t, [][]string{{"a/"}, {"b"}, {"c/"}, {"d"}}, pages)
}

// TestListObjectsPagingMatchesUnpaged checks, on random keys and for every
// page size, that walking the pages yields exactly the unpaged listing.
func TestListObjectsPagingMatchesUnpaged(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	parts := []string{"a", "b", "a/", "b/", "/", "c", "é", "Z"}
	seen := map[string]bool{}
	var keys []string
	for len(keys) < 60 {
		n := 1 + rng.Intn(5)
		k := ""
		for range n {
			k += parts[rng.Intn(len(parts))]
		}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	s := storeWithKeys(t, keys...)

	queries := []ObjectQuery{
		{},
		{Prefix: "a"},
		{Delimiter: "/"},
		{Prefix: "a/", Delimiter: "/"},
		{Prefix: "b", Delimiter: "/"},
	}
	for _, q := range queries {
		wantKeys, wantPrefixes := referenceList(keys, q.Prefix, q.Delimiter)
		require.NotEmpty(t, append(wantKeys, wantPrefixes...), "%+v matches nothing", q)
		full := q
		full.MaxKeys = unpaged
		fp := list(t, s, full)
		fullKeys, fullPrefixes := names(fp)
		assert.Equal(t, wantKeys, fullKeys, "unpaged contents for %+v", q)
		assert.Equal(t, wantPrefixes, fullPrefixes, "unpaged prefixes for %+v", q)
		assert.False(t, fp.IsTruncated)

		for maxKeys := 1; maxKeys <= 8; maxKeys++ {
			t.Run(fmt.Sprintf("%q/%q/max%d", q.Prefix, q.Delimiter, maxKeys), func(t *testing.T) {
				var gotKeys, gotPrefixes []string
				page := q
				page.MaxKeys = maxKeys
				for i := 0; ; i++ {
					require.Less(t, i, 100)
					p := list(t, s, page)
					k, cp := names(p)
					require.LessOrEqual(t, len(k)+len(cp), maxKeys)
					gotKeys = append(gotKeys, k...)
					gotPrefixes = append(gotPrefixes, cp...)
					if !p.IsTruncated {
						break
					}
					require.Equal(t, maxKeys, len(k)+len(cp), "a truncated page must be full")
					page.After = p.Last
				}
				assert.Equal(t, wantKeys, gotKeys)
				assert.Equal(t, wantPrefixes, gotPrefixes)
			})
		}
	}
}

func TestListObjectsAfterDeletes(t *testing.T) {
	s, clk := newTestStore(t)
	mkBucket(t, s, "b")
	for i := range 10 {
		mustPut(t, s, "b", fmt.Sprintf("k%02d", i), "x", nil)
		clk.Advance(time.Second)
	}
	_, err := s.DeleteKeys("b", []DeleteEntry{{Key: "k00"}, {Key: "k05"}, {Key: "k09"}})
	require.NoError(t, err)
	keys, _ := names(list(t, s, ObjectQuery{MaxKeys: unpaged}))
	assert.Equal(t, []string{"k01", "k02", "k03", "k04", "k06", "k07", "k08"}, keys)
}

// referenceList is a brute-force S3 listing: sort everything, keep keys with
// the prefix, roll up at the first delimiter after the prefix.
func referenceList(all []string, pre, delim string) (keys, prefixes []string) {
	sorted := slices.Clone(all)
	slices.Sort(sorted)
	for _, k := range sorted {
		if !strings.HasPrefix(k, pre) {
			continue
		}
		if delim != "" {
			if i := strings.Index(k[len(pre):], delim); i >= 0 {
				cp := k[:len(pre)+i+len(delim)]
				if !slices.Contains(prefixes, cp) {
					prefixes = append(prefixes, cp)
				}
				continue
			}
		}
		keys = append(keys, k)
	}
	return keys, prefixes
}

func TestListObjectsFolderKeysRollUpLikeS3(t *testing.T) {
	s := storeWithKeys(t, "photos/", "photos/a", "photos/b/", "photos/b/c", "/x/y", "top")

	keys, prefixes := names(list(t, s, ObjectQuery{Delimiter: "/", MaxKeys: unpaged}))
	assert.Equal(t, []string{"top"}, keys, "the folder key photos/ is rolled up, not listed")
	assert.Equal(t, []string{"/", "photos/"}, prefixes)

	keys, prefixes = names(list(t, s, ObjectQuery{Prefix: "photos/", Delimiter: "/", MaxKeys: unpaged}))
	assert.Equal(t, []string{"photos/", "photos/a"}, keys, "a key equal to the prefix is content")
	assert.Equal(t, []string{"photos/b/"}, prefixes)
}

func TestListObjectsMultiCharDelimiter(t *testing.T) {
	s := storeWithKeys(t, "a--b--c", "a--d", "a-e", "f")
	keys, prefixes := names(list(t, s, ObjectQuery{Delimiter: "--", MaxKeys: unpaged}))
	assert.Equal(t, []string{"a-e", "f"}, keys)
	assert.Equal(t, []string{"a--"}, prefixes)
}

func TestListObjectsMarkerEqualToCommonPrefix(t *testing.T) {
	s := storeWithKeys(t, "a/1", "a/2", "b/1", "c")
	keys, prefixes := names(list(t, s, ObjectQuery{Delimiter: "/", After: "a/", MaxKeys: unpaged}))
	assert.Equal(t, []string{"c"}, keys)
	assert.Equal(t, []string{"b/"}, prefixes, "the marker's own common prefix is not repeated")
}
