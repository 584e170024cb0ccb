package objstore

import (
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewRequiresClock(t *testing.T) {
	assert.Panics(t, func() { New(Config{}) })
}

func TestStoreImplementsAllBackends(t *testing.T) {
	var backend any = New(Config{Now: time.Now})
	_, isBackend := backend.(gofakes3.Backend)
	_, isVersioned := backend.(gofakes3.VersionedBackend)
	_, isMultipart := backend.(gofakes3.MultipartBackend)
	assert.True(t, isBackend)
	assert.True(t, isVersioned, "gofakes3 must route versions to the store")
	assert.True(t, isMultipart, "gofakes3 must not use its own uploader, which loses the multipart ETag")
}

func TestCreateBucketOwnership(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("plain"))
	require.NoError(t, s.CreateBucketOwned("owned", "acct-2"))

	owner, ok := s.BucketOwner("plain")
	assert.True(t, ok)
	assert.Equal(t, "owner-default", owner)
	owner, ok = s.BucketOwner("owned")
	assert.True(t, ok)
	assert.Equal(t, "acct-2", owner)
	owner, ok = s.BucketOwner("missing")
	assert.False(t, ok)
	assert.Empty(t, owner)

	assert.Equal(t, 2, s.BucketCount())
	exists, err := s.BucketExists("owned")
	require.NoError(t, err)
	assert.True(t, exists)
	exists, err = s.BucketExists("missing")
	require.NoError(t, err)
	assert.False(t, exists)
}

func TestCreateBucketAlreadyExists(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucketOwned("b", "first"))
	requireCode(t, s.CreateBucket("b"), gofakes3.ErrBucketAlreadyExists)
	requireCode(t, s.CreateBucketOwned("b", "second"), gofakes3.ErrBucketAlreadyExists)
	assert.True(t, gofakes3.IsAlreadyExists(s.CreateBucket("b")))

	owner, _ := s.BucketOwner("b")
	assert.Equal(t, "first", owner, "a failed create must not change the owner")
	assert.Equal(t, 1, s.BucketCount())
}

func TestListBucketsSortedWithCreationDates(t *testing.T) {
	s, clk := newTestStore(t)
	first := clk.Now()
	require.NoError(t, s.CreateBucket("zeta"))
	clk.Advance(time.Hour)
	require.NoError(t, s.CreateBucket("alpha"))
	clk.Advance(time.Hour)
	require.NoError(t, s.CreateBucket("Mid"))

	buckets, err := s.ListBuckets()
	require.NoError(t, err)
	require.Len(t, buckets, 3)
	assert.Equal(t, "Mid", buckets[0].Name)
	assert.Equal(t, "alpha", buckets[1].Name)
	assert.Equal(t, "zeta", buckets[2].Name)
	assert.True(t, buckets[2].CreationDate.Equal(first))
	assert.True(t, buckets[1].CreationDate.Equal(first.Add(time.Hour)))
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

	requireCode(t, s.DeleteBucket("missing"), gofakes3.ErrNoSuchBucket)

	require.NoError(t, s.CreateBucket("b"))
	mustPut(t, s, "b", "k", "v", nil)
	requireCode(t, s.DeleteBucket("b"), gofakes3.ErrBucketNotEmpty)
	assert.Empty(t, deleted, "a failed delete must not notify")
	exists, _ := s.BucketExists("b")
	assert.True(t, exists)

	_, err := s.DeleteObject("b", "k")
	require.NoError(t, err)
	require.NoError(t, s.DeleteBucket("b"))
	assert.Equal(t, []string{"b"}, deleted)
	exists, _ = s.BucketExists("b")
	assert.False(t, exists)
	requireCode(t, s.DeleteBucket("b"), gofakes3.ErrNoSuchBucket)
}

func TestForceDeleteBucket(t *testing.T) {
	var deleted []string
	clk := newFakeClock()
	var s *Store
	s = New(Config{Now: clk.Now, OnBucketDeleted: func(name string) {
		_, ok := s.BucketOwner(name) // must not deadlock
		assert.False(t, ok)
		deleted = append(deleted, name)
	}})

	requireCode(t, s.ForceDeleteBucket("missing"), gofakes3.ErrNoSuchBucket)
	require.NoError(t, s.CreateBucket("b"))
	mustPut(t, s, "b", "k1", "v", nil)
	mustPut(t, s, "b", "k2", "v", nil)
	require.NoError(t, s.ForceDeleteBucket("b"))
	assert.Equal(t, []string{"b"}, deleted)
	assert.Equal(t, 0, s.BucketCount())

	// A recreated bucket starts empty.
	require.NoError(t, s.CreateBucket("b"))
	_, err := s.GetObject("b", "k1", nil)
	requireCode(t, err, gofakes3.ErrNoSuchKey)
}

func TestDeleteBucketWithoutCallback(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	require.NoError(t, s.DeleteBucket("b"))
	assert.Equal(t, 0, s.BucketCount())
}
