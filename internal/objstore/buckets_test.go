package objstore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func bucketNames(p BucketPage) []string {
	var names []string
	for _, b := range p.Buckets {
		names = append(names, b.Name)
	}
	return names
}

func TestCreateBucketWith(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "eu", Owner: "a", Region: "EU"}))
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "locked", Owner: "a", ObjectLock: true}))
	err := s.CreateBucketWith(BucketSpec{Name: "eu", Owner: "b"})
	requireCode(t, err, "BucketAlreadyExists")

	b, ok := s.Bucket("eu")
	require.True(t, ok)
	assert.Equal(t, BucketInfo{Name: "eu", Owner: "a", Region: "EU", Created: clk.Now()}, b)
	assert.Equal(t, "eu-west-1", RegionOf(b.Region, "us-east-1"))
	assert.Equal(t, "us-east-1", RegionOf("", "us-east-1"))

	b, _ = s.Bucket("locked")
	assert.True(t, b.ObjectLock)
	assert.Equal(t, VersioningEnabled, b.Versioning, "Object Lock turns versioning on")
	_, ok = s.Bucket("nope")
	assert.False(t, ok)
}

func TestChangeVersioning(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	v, err := s.BucketVersioning("b")
	require.NoError(t, err)
	assert.Equal(t, VersioningState{}, v, "never versioned")

	require.NoError(t, s.ChangeVersioning("b", VersioningEnabled, ""))
	require.NoError(t, s.ChangeVersioning("b", Unversioned, MFADeleteDisabled))
	v, _ = s.BucketVersioning("b")
	assert.Equal(t, VersioningState{Status: VersioningEnabled, MFADelete: MFADeleteDisabled}, v,
		"an empty status leaves the state: there is no way back to unversioned")
	require.NoError(t, s.ChangeVersioning("b", VersioningSuspended, ""))
	v, _ = s.BucketVersioning("b")
	assert.Equal(t, VersioningSuspended, v.Status)

	requireCode(t, s.ChangeVersioning("b", "Off", ""), "MalformedXML")
	requireCode(t, s.ChangeVersioning("b", VersioningEnabled, "On"), "MalformedXML")
	requireCode(t, s.ChangeVersioning("nope", VersioningEnabled, ""), "NoSuchBucket")

	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "locked", Owner: "a", ObjectLock: true}))
	requireCode(t, s.ChangeVersioning("locked", VersioningSuspended, ""), "InvalidBucketState")
	v, _ = s.BucketVersioning("locked")
	assert.Equal(t, VersioningState{Status: VersioningEnabled, ObjectLock: true}, v, "unchanged")
	require.NoError(t, s.ChangeVersioning("locked", VersioningEnabled, ""))
}

func TestListBucketPage(t *testing.T) {
	s, _ := newTestStore(t)
	for _, spec := range []BucketSpec{
		{Name: "a-1", Owner: "me"}, {Name: "a-2", Owner: "me", Region: "eu-west-2"},
		{Name: "a-3", Owner: "me", Region: "EU"}, {Name: "b-1", Owner: "me"}, {Name: "a-other", Owner: "you"},
	} {
		require.NoError(t, s.CreateBucketWith(spec))
	}
	mine := BucketQuery{Owner: "me", HomeRegion: "us-east-1"}
	assert.Equal(t, []string{"a-1", "a-2", "a-3", "b-1"}, bucketNames(s.ListBucketPage(mine)))

	q := mine
	q.Prefix = "a-"
	q.Max = 2
	p := s.ListBucketPage(q)
	assert.Equal(t, []string{"a-1", "a-2"}, bucketNames(p))
	assert.True(t, p.IsTruncated)
	q.After = "a-2"
	p = s.ListBucketPage(q)
	assert.Equal(t, []string{"a-3"}, bucketNames(p))
	assert.False(t, p.IsTruncated, "exactly the rest: no empty last page")

	q = mine
	q.Region = "eu-west-1"
	assert.Equal(t, []string{"a-3"}, bucketNames(s.ListBucketPage(q)), "EU is eu-west-1")
	q.Region = "us-east-1"
	assert.Equal(t, []string{"a-1", "b-1"}, bucketNames(s.ListBucketPage(q)), "no region is the home region")
	assert.Len(t, s.ListBucketPage(BucketQuery{}).Buckets, 5)
}
