package objstore

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// names flattens a listing into "k:<key>" and "p:<prefix>" entries in the
// order the store returned them (contents and prefixes separately sorted).
func names(l *gofakes3.ObjectList) (keys, prefixes []string) {
	for _, c := range l.Contents {
		keys = append(keys, c.Key)
	}
	for _, p := range l.CommonPrefixes {
		prefixes = append(prefixes, p.Prefix)
	}
	return keys, prefixes
}

func storeWithKeys(t *testing.T, keys ...string) *Store {
	t.Helper()
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	for _, k := range keys {
		mustPut(t, s, "b", k, "body-of-"+k, nil)
	}
	return s
}

func TestListBucketContentFields(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	mustPut(t, s, "b", "k", "12345", nil)
	at := clk.Now()

	l, err := s.ListBucket("b", nil, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	require.Len(t, l.Contents, 1)
	c := l.Contents[0]
	assert.Equal(t, "k", c.Key)
	assert.Equal(t, int64(5), c.Size)
	assert.Equal(t, `"827ccb0eea8a706c4c34a16891f84e7b"`, c.ETag) // md5("12345")
	assert.Equal(t, gofakes3.StorageStandard, c.StorageClass)
	assert.True(t, c.LastModified.Equal(at))
	assert.False(t, l.IsTruncated)
	assert.Empty(t, l.NextMarker)
}

func TestListBucketBytewiseOrder(t *testing.T) {
	// Inserted out of order; bytewise order puts upper case before lower
	// case and multi-byte UTF-8 after ASCII.
	s := storeWithKeys(t, "é", "b", "B", "a/b", "a", "~", "Z", "a-b")
	l, err := s.ListBucket("b", nil, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	keys, prefixes := names(l)
	assert.Equal(t, []string{"B", "Z", "a", "a-b", "a/b", "b", "~", "é"}, keys)
	assert.Empty(t, prefixes)
}

func TestListBucketPrefixAndDelimiter(t *testing.T) {
	s := storeWithKeys(t,
		"photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg",
		"photos/index.html", "photosX", "docs/readme", "top.txt")

	cases := []struct {
		name         string
		prefix       *gofakes3.Prefix
		wantKeys     []string
		wantPrefixes []string
	}{
		{"nil prefix", nil, []string{"docs/readme", "photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/index.html", "photosX", "top.txt"}, nil},
		{"empty prefix", &gofakes3.Prefix{}, []string{"docs/readme", "photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/index.html", "photosX", "top.txt"}, nil},
		{"plain prefix", &gofakes3.Prefix{HasPrefix: true, Prefix: "photos/"}, []string{"photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/index.html"}, nil},
		{"partial prefix", &gofakes3.Prefix{HasPrefix: true, Prefix: "photos"}, []string{"photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/index.html", "photosX"}, nil},
		{"root delimiter", &gofakes3.Prefix{HasDelimiter: true, Delimiter: "/"}, []string{"photosX", "top.txt"}, []string{"docs/", "photos/"}},
		{"folder", ptr(gofakes3.NewFolderPrefix("photos/")), []string{"photos/index.html"}, []string{"photos/2023/", "photos/2024/"}},
		{"no match", &gofakes3.Prefix{HasPrefix: true, Prefix: "nothing"}, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, err := s.ListBucket("b", tc.prefix, gofakes3.ListBucketPage{})
			require.NoError(t, err)
			keys, prefixes := names(l)
			assert.Equal(t, tc.wantKeys, keys)
			assert.Equal(t, tc.wantPrefixes, prefixes)
			assert.False(t, l.IsTruncated)
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestListBucketPagingExact(t *testing.T) {
	s := storeWithKeys(t, "a", "b", "c", "d")

	l, err := s.ListBucket("b", nil, gofakes3.ListBucketPage{MaxKeys: 2})
	require.NoError(t, err)
	keys, _ := names(l)
	assert.Equal(t, []string{"a", "b"}, keys)
	assert.True(t, l.IsTruncated)
	assert.Equal(t, "b", l.NextMarker)

	l, err = s.ListBucket("b", nil, gofakes3.ListBucketPage{Marker: "b", HasMarker: true, MaxKeys: 2})
	require.NoError(t, err)
	keys, _ = names(l)
	assert.Equal(t, []string{"c", "d"}, keys)
	assert.False(t, l.IsTruncated, "no further item exists")
	assert.Empty(t, l.NextMarker)

	// A marker that is not itself a key starts after it.
	l, err = s.ListBucket("b", nil, gofakes3.ListBucketPage{Marker: "bb", HasMarker: true})
	require.NoError(t, err)
	keys, _ = names(l)
	assert.Equal(t, []string{"c", "d"}, keys)

	// Truncation only counts items that match the prefix.
	s2 := storeWithKeys(t, "x/1", "x/2", "y")
	l, err = s2.ListBucket("b", &gofakes3.Prefix{HasPrefix: true, Prefix: "x/"}, gofakes3.ListBucketPage{MaxKeys: 2})
	require.NoError(t, err)
	keys, _ = names(l)
	assert.Equal(t, []string{"x/1", "x/2"}, keys)
	assert.False(t, l.IsTruncated)
}

func TestListBucketPagingCommonPrefixes(t *testing.T) {
	s := storeWithKeys(t, "a/1", "a/2", "a/3", "b", "c/1", "c/2", "d")
	prefix := &gofakes3.Prefix{HasDelimiter: true, Delimiter: "/"}

	var pages [][]string
	page := gofakes3.ListBucketPage{MaxKeys: 1}
	for i := 0; ; i++ {
		require.Less(t, i, 10, "paging does not terminate")
		l, err := s.ListBucket("b", prefix, page)
		require.NoError(t, err)
		keys, prefixes := names(l)
		pages = append(pages, append(prefixes, keys...))
		if !l.IsTruncated {
			assert.Empty(t, l.NextMarker)
			break
		}
		require.NotEmpty(t, l.NextMarker)
		page = gofakes3.ListBucketPage{Marker: l.NextMarker, HasMarker: true, MaxKeys: 1}
	}
	assert.Equal(t, [][]string{{"a/"}, {"b"}, {"c/"}, {"d"}}, pages)
}

// TestListBucketPagingMatchesUnpaged checks, on random keys and for every page
// size, that walking the pages yields exactly the unpaged listing.
func TestListBucketPagingMatchesUnpaged(t *testing.T) {
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

	prefixes := []*gofakes3.Prefix{
		nil,
		{HasPrefix: true, Prefix: "a"},
		{HasDelimiter: true, Delimiter: "/"},
		ptr(gofakes3.NewFolderPrefix("a/")),
		ptr(gofakes3.NewFolderPrefix("b")),
	}
	for _, prefix := range prefixes {
		wantKeys, wantPrefixes := referenceList(keys, prefix)
		require.NotEmpty(t, append(wantKeys, wantPrefixes...), "prefix %v matches nothing", prefix)
		full, err := s.ListBucket("b", prefix, gofakes3.ListBucketPage{})
		require.NoError(t, err)
		fullKeys, fullPrefixes := names(full)
		assert.Equal(t, wantKeys, fullKeys, "unpaged contents for %v", prefix)
		assert.Equal(t, wantPrefixes, fullPrefixes, "unpaged prefixes for %v", prefix)
		assert.False(t, full.IsTruncated)

		for maxKeys := int64(1); maxKeys <= 8; maxKeys++ {
			t.Run(fmt.Sprintf("%v/max%d", prefix, maxKeys), func(t *testing.T) {
				var gotKeys, gotPrefixes []string
				page := gofakes3.ListBucketPage{MaxKeys: maxKeys}
				for i := 0; ; i++ {
					require.Less(t, i, 100)
					l, err := s.ListBucket("b", prefix, page)
					require.NoError(t, err)
					k, p := names(l)
					require.LessOrEqual(t, int64(len(k)+len(p)), maxKeys)
					gotKeys = append(gotKeys, k...)
					gotPrefixes = append(gotPrefixes, p...)
					if !l.IsTruncated {
						break
					}
					require.Equal(t, maxKeys, int64(len(k)+len(p)), "a truncated page must be full")
					page = gofakes3.ListBucketPage{Marker: l.NextMarker, HasMarker: true, MaxKeys: maxKeys}
				}
				assert.Equal(t, wantKeys, gotKeys)
				assert.Equal(t, wantPrefixes, gotPrefixes)
			})
		}
	}
}

func TestListBucketAfterDeletes(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	for i := range 10 {
		mustPut(t, s, "b", fmt.Sprintf("k%02d", i), "x", nil)
		clk.Advance(time.Second)
	}
	_, err := s.DeleteMulti("b", "k00", "k05", "k09")
	require.NoError(t, err)
	l, err := s.ListBucket("b", nil, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	keys, _ := names(l)
	assert.Equal(t, []string{"k01", "k02", "k03", "k04", "k06", "k07", "k08"}, keys)
}

// referenceList is a brute-force S3 listing: sort everything, keep keys with
// the prefix, roll up at the first delimiter after the prefix.
func referenceList(all []string, p *gofakes3.Prefix) (keys, prefixes []string) {
	sorted := slices.Clone(all)
	slices.Sort(sorted)
	var pre, delim string
	if p != nil {
		pre, delim = p.Prefix, p.Delimiter
	}
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

func TestListBucketFolderKeysRollUpLikeS3(t *testing.T) {
	s := storeWithKeys(t, "photos/", "photos/a", "photos/b/", "photos/b/c", "/x/y", "top")
	root := &gofakes3.Prefix{HasDelimiter: true, Delimiter: "/"}

	l, err := s.ListBucket("b", root, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	keys, prefixes := names(l)
	assert.Equal(t, []string{"top"}, keys, "the folder key photos/ is rolled up, not listed")
	assert.Equal(t, []string{"/", "photos/"}, prefixes)

	l, err = s.ListBucket("b", ptr(gofakes3.NewFolderPrefix("photos/")), gofakes3.ListBucketPage{})
	require.NoError(t, err)
	keys, prefixes = names(l)
	assert.Equal(t, []string{"photos/", "photos/a"}, keys, "a key equal to the prefix is content")
	assert.Equal(t, []string{"photos/b/"}, prefixes)
}

func TestListBucketMultiCharDelimiter(t *testing.T) {
	s := storeWithKeys(t, "a--b--c", "a--d", "a-e", "f")
	l, err := s.ListBucket("b", &gofakes3.Prefix{HasDelimiter: true, Delimiter: "--"}, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	keys, prefixes := names(l)
	assert.Equal(t, []string{"a-e", "f"}, keys)
	assert.Equal(t, []string{"a--"}, prefixes)
}

func TestListBucketMarkerEqualToCommonPrefix(t *testing.T) {
	s := storeWithKeys(t, "a/1", "a/2", "b/1", "c")
	root := &gofakes3.Prefix{HasDelimiter: true, Delimiter: "/"}
	l, err := s.ListBucket("b", root, gofakes3.ListBucketPage{Marker: "a/", HasMarker: true})
	require.NoError(t, err)
	keys, prefixes := names(l)
	assert.Equal(t, []string{"c"}, keys)
	assert.Equal(t, []string{"b/"}, prefixes, "the marker's own common prefix is not repeated")
}
