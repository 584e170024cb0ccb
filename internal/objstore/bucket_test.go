package objstore

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewRequiresClock(t *testing.T) {
	assert.Panics(t, func() { New(Config{}) })
}

func TestCreateBucketOwnership(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "plain")
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "owned", Owner: "acct-2"}))

	owner, ok := s.BucketOwner("plain")
	assert.True(t, ok)
	assert.Equal(t, testOwner, owner)
	owner, ok = s.BucketOwner("owned")
	assert.True(t, ok)
	assert.Equal(t, "acct-2", owner)
	owner, ok = s.BucketOwner("missing")
	assert.False(t, ok)
	assert.Empty(t, owner)

	assert.Equal(t, 2, s.BucketCount())
	_, ok = s.Bucket("owned")
	assert.True(t, ok)
	_, ok = s.Bucket("missing")
	assert.False(t, ok)
}

func TestCreateBucketAlreadyExists(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "b", Owner: "first"}))
	err := s.CreateBucketWith(BucketSpec{Name: "b", Owner: "second"})
	requireCode(t, err, "BucketAlreadyExists")
	assert.Equal(t, "b", err.(*Error).BucketName)
	requireCode(t, s.SeedBucket("b", "second", VersioningEnabled), "BucketAlreadyExists")

	b, _ := s.Bucket("b")
	assert.Equal(t, "first", b.Owner, "a failed create must not change the owner")
	assert.Equal(t, Unversioned, b.Versioning, "nor the versioning")
	assert.Equal(t, 1, s.BucketCount())
}

func TestListBucketsSortedWithCreationDates(t *testing.T) {
	s, clk := newTestStore(t)
	first := clk.Now()
	mkBucket(t, s, "zeta")
	clk.Advance(time.Hour)
	mkBucket(t, s, "alpha")
	clk.Advance(time.Hour)
	mkBucket(t, s, "Mid")

	buckets := s.ListBucketPage(BucketQuery{}).Buckets
	require.Len(t, buckets, 3)
	assert.Equal(t, "Mid", buckets[0].Name, "bytewise order")
	assert.Equal(t, "alpha", buckets[1].Name)
	assert.Equal(t, "zeta", buckets[2].Name)
	assert.True(t, buckets[2].Created.Equal(first))
	assert.True(t, buckets[1].Created.Equal(first.Add(time.Hour)))
}

func TestDeleteBucket(t *testing.T) {
	var deleted []string
	clk := newFakeClock()
	var s *Store
	s = New(Config{Now: clk.Now, OnBucketDeleted: func(name string) {
		// Calling back into the store proves the lock is not held.
		assert.Equal(t, 0, s.BucketCount())
		deleted = append(deleted, name)
	}})

	err := s.DeleteBucket("missing")
	requireCode(t, err, "NoSuchBucket")
	assert.Equal(t, "missing", err.(*Error).BucketName)

	mkBucket(t, s, "b")
	mustPut(t, s, "b", "k", "v", nil)
	requireCode(t, s.DeleteBucket("b"), "BucketNotEmpty")
	assert.Empty(t, deleted, "a failed delete must not notify")
	_, ok := s.Bucket("b")
	assert.True(t, ok)

	_, err = s.RemoveObject("b", "k", "")
	require.NoError(t, err)
	require.NoError(t, s.DeleteBucket("b"))
	assert.Equal(t, []string{"b"}, deleted)
	_, ok = s.Bucket("b")
	assert.False(t, ok)
	requireCode(t, s.DeleteBucket("b"), "NoSuchBucket")
}

// A bucket's unfinished uploads do not keep it from being deleted, and go
// with it: a bucket created again under the name starts empty.
func TestDeletedBucketTakesItsUploads(t *testing.T) {
	var deleted []string
	clk := newFakeClock()
	var s *Store
	s = New(Config{Now: clk.Now, OnBucketDeleted: func(name string) {
		_, ok := s.BucketOwner(name) // must not deadlock
		assert.False(t, ok)
		deleted = append(deleted, name)
	}})
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	u, err := s.CreateUpload("b", "k", nil)
	require.NoError(t, err)
	mpPut(t, s, "b", "k", u.ID, 1, "part")
	require.NoError(t, s.DeleteBucket("b"))
	assert.Equal(t, []string{"b"}, deleted)
	assert.Equal(t, 0, s.BucketCount())

	mkBucket(t, s, "b")
	page, err := s.ListUploads("b", UploadsQuery{MaxUploads: 1000})
	require.NoError(t, err)
	assert.Empty(t, page.Uploads)
	_, err = s.PutPart("b", "k", u.ID, PartUpload{PartNumber: "2", Body: []byte("x")})
	requireCode(t, err, "NoSuchUpload")
	b, _ := s.Bucket("b")
	assert.Equal(t, Unversioned, b.Versioning, "the old bucket's versioning is gone too")
}

func TestDeleteBucketWithoutCallback(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	require.NoError(t, s.DeleteBucket("b"))
	assert.Equal(t, 0, s.BucketCount())
}
