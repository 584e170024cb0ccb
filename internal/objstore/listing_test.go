package objstore

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func listKeysOf(p ObjectPage) []string {
	var keys []string
	for _, o := range p.Objects {
		keys = append(keys, o.Key)
	}
	return keys
}

func TestListObjectsPageSizes(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	for _, k := range []string{"a", "b", "c"} {
		mustPut(t, s, "b", k, k, nil)
	}

	p, err := s.ListObjectsPage("b", ObjectQuery{MaxKeys: 0})
	require.NoError(t, err)
	assert.Equal(t, ObjectPage{}, p, "max-keys=0 lists nothing and is not truncated")

	p, err = s.ListObjectsPage("b", ObjectQuery{MaxKeys: 3})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c"}, listKeysOf(p))
	assert.False(t, p.IsTruncated, "exactly MaxKeys entries: no empty last page")

	p, err = s.ListObjectsPage("b", ObjectQuery{MaxKeys: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, listKeysOf(p))
	assert.True(t, p.IsTruncated)
	assert.Equal(t, "b", p.Last)

	p, err = s.ListObjectsPage("b", ObjectQuery{MaxKeys: 2, After: p.Last})
	require.NoError(t, err)
	assert.Equal(t, []string{"c"}, listKeysOf(p))
	assert.False(t, p.IsTruncated)

	_, err = s.ListObjectsPage("nope", ObjectQuery{MaxKeys: 0})
	requireCode(t, err, "NoSuchBucket")
}

func TestListObjectsPageEntries(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "b", Owner: "111111111111"}))
	_, err := s.SeedObject("b", "dir/x", Body{Data: []byte("hello")},
		Facts{StorageClass: StorageGlacier, ChecksumAlgorithm: ChecksumCRC32}, time.Time{})
	require.NoError(t, err)
	mustPut(t, s, "b", "dir/sub/y", "y", nil)
	mustPut(t, s, "b", "top", "t", nil)

	p, err := s.ListObjectsPage("b", ObjectQuery{Prefix: "dir/", Delimiter: "/", MaxKeys: 10})
	require.NoError(t, err)
	require.Len(t, p.Objects, 1)
	o := p.Objects[0]
	assert.Equal(t, "dir/x", o.Key)
	assert.Equal(t, int64(5), o.Size)
	assert.Equal(t, "5d41402abc4b2a76b9719d911017c592", o.ETag)
	assert.Equal(t, StorageGlacier, o.StorageClass)
	assert.Equal(t, ChecksumCRC32, o.ChecksumAlgorithm)
	assert.Equal(t, ChecksumFullObject, o.ChecksumType)
	assert.NotEmpty(t, o.OwnerID)
	assert.True(t, o.IsLatest)
	assert.Equal(t, []string{"dir/sub/"}, p.CommonPrefixes)
	assert.Equal(t, "dir/x", p.Last, "bytewise: dir/sub/ < dir/x")
}

// A listing seeks to its prefix: listing a few keys at the end of a large
// bucket costs the same as in a small one, not a scan from the first key.
func TestListObjectsPageSeeksToPrefix(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "big")
	for i := range 100_000 {
		_, err := s.SeedObject("big", fmt.Sprintf("a/%06d", i), Body{}, Facts{}, time.Time{})
		require.NoError(t, err)
	}
	for _, k := range []string{"z/1", "z/2"} {
		mustPut(t, s, "big", k, k, nil)
	}
	start := time.Now()
	for range 2000 {
		p, err := s.ListObjectsPage("big", ObjectQuery{Prefix: "z/", MaxKeys: 1000})
		require.NoError(t, err)
		require.Len(t, p.Objects, 2)
	}
	// A scan from the first key would walk 2e8 entries here.
	assert.Less(t, time.Since(start), 2*time.Second, "2000 prefix listings")
}

func TestListVersionsPage(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.SeedBucket("v", "owner", VersioningEnabled))
	mustPut(t, s, "v", "k", "1", nil)
	clk.Advance(time.Second)
	mustPut(t, s, "v", "k", "2", nil)
	_, err := s.SeedDelete("v", "ghost", time.Time{})
	require.NoError(t, err)

	p, err := s.ListVersionsPage("v", VersionQuery{MaxKeys: 0})
	require.NoError(t, err)
	assert.Equal(t, VersionPage{}, p, "max-keys=0 lists nothing and is not truncated")

	p, err = s.ListVersionsPage("v", VersionQuery{MaxKeys: 2_000_000})
	require.NoError(t, err)
	require.Len(t, p.Versions, 3)
	assert.Equal(t, "ghost", p.Versions[0].Key)
	assert.True(t, p.Versions[0].IsDeleteMarker)
	assert.True(t, p.Versions[1].LastModified.After(p.Versions[2].LastModified), "newest first")
	assert.True(t, p.Versions[1].IsLatest)

	p, err = s.ListVersionsPage("v", VersionQuery{MaxKeys: 1})
	require.NoError(t, err)
	assert.True(t, p.IsTruncated)
	assert.Equal(t, "ghost", p.NextKeyMarker)

	_, err = s.ListVersionsPage("nope", VersionQuery{})
	requireCode(t, err, "NoSuchBucket")
}

func TestValidVersionID(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("v", "owner", VersioningEnabled))
	id, err := s.SeedObject("v", "k", Body{}, Facts{}, time.Time{})
	require.NoError(t, err)
	assert.True(t, s.ValidVersionID(id))
	assert.True(t, s.ValidVersionID("null"))
	for _, bad := range []string{"", "bad-vid", "Eyn7lxdGE1WU1SU6QTbW1X6cbSIIRY0R", "s3fake-null-version", "Null"} {
		assert.False(t, s.ValidVersionID(bad), bad)
	}
}
