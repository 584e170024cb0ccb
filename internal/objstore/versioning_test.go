package objstore

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// row is a compact view of a version for comparing listings.
type row struct {
	Key, ID string
	Latest  bool
	DM      bool
	Size    int64
}

func rows(t *testing.T, s *Store, bucket string) []row {
	t.Helper()
	vs, err := s.Versions(bucket, "")
	require.NoError(t, err)
	var out []row
	for _, v := range vs {
		out = append(out, row{v.Key, v.VersionID, v.IsLatest, v.IsDeleteMarker, v.Size})
	}
	return out
}

// read returns key's current version, or version id, and fails the test
// on error.
func read(t *testing.T, s *Store, bucket, key, id string) *Object {
	t.Helper()
	o, err := s.ReadObject(bucket, key, id)
	require.NoError(t, err)
	return o
}

// TestVersioningTransitions walks one key through every versioning state
// and checks the version list after each step against S3's rules.
func TestVersioningTransitions(t *testing.T) {
	s, clk := newTestStore(t)
	mkBucket(t, s, "b")
	tick := func() { clk.Advance(time.Second) }

	// Unversioned: a null version, no ids anywhere.
	assert.Empty(t, putVersion(t, s, "b", "k", "n0"))
	assert.Empty(t, putVersion(t, s, "b", "k", "n1"), "overwrite in an unversioned bucket")
	cfg, err := s.BucketVersioning("b")
	require.NoError(t, err)
	assert.Equal(t, Unversioned, cfg.Status)
	assert.False(t, read(t, s, "b", "k", "").Versioned, "no version id leaks from an unversioned bucket (P5)")
	assert.Equal(t, []row{{"k", "", true, false, 2}}, rows(t, s, "b"))

	// Enabled: new ids in front; the null version stays.
	require.NoError(t, s.ChangeVersioning("b", VersioningEnabled, ""))
	tick()
	v1 := putVersion(t, s, "b", "k", "v1")
	tick()
	v2 := putVersion(t, s, "b", "k", "v2!")
	require.Len(t, v1, 32)
	require.NotEqual(t, v1, v2)
	assert.Equal(t, []row{
		{"k", v2, true, false, 3},
		{"k", v1, false, false, 2},
		{"k", "", false, false, 2},
	}, rows(t, s, "b"))
	cur := read(t, s, "b", "k", "")
	assert.True(t, cur.Versioned)
	assert.Equal(t, v2, cur.VersionID)
	assert.Equal(t, "n1", getBody(t, s, "b", "k", "null"))
	assert.Equal(t, "v1", getBody(t, s, "b", "k", v1))

	// Suspended: PUT replaces the null version and reports "null".
	require.NoError(t, s.SetVersioning("b", VersioningSuspended))
	tick()
	assert.Equal(t, "null", putVersion(t, s, "b", "k", "s1"))
	assert.Equal(t, []row{
		{"k", "", true, false, 2},
		{"k", v2, false, false, 3},
		{"k", v1, false, false, 2},
	}, rows(t, s, "b"))
	assert.Equal(t, "s1", getBody(t, s, "b", "k", ""))
	assert.Equal(t, "null", read(t, s, "b", "k", "").VersionID, "a versioned bucket names the null version")

	// Suspended DELETE: a null delete marker replaces the null version.
	res, err := s.RemoveObject("b", "k", "")
	require.NoError(t, err)
	assert.Equal(t, RemoveResult{DeleteMarker: true, VersionID: "null"}, res)
	assert.Equal(t, []row{
		{"k", "", true, true, 0},
		{"k", v2, false, false, 3},
		{"k", v1, false, false, 2},
	}, rows(t, s, "b"))
	cur = read(t, s, "b", "k", "")
	assert.True(t, cur.DeleteMarker, "a current delete marker is returned, for s3fake to answer 404")
	assert.Equal(t, "null", cur.VersionID)
	p, err := s.ListObjectsPage("b", ObjectQuery{MaxKeys: 1000})
	require.NoError(t, err)
	assert.Empty(t, p.Objects, "a deleted key is not listed (no panic, P3)")

	// Enabled DELETE: a new delete marker, even on top of another one.
	require.NoError(t, s.SetVersioning("b", VersioningEnabled))
	tick()
	res, err = s.RemoveObject("b", "k", "")
	require.NoError(t, err)
	require.True(t, res.DeleteMarker)
	dm := res.VersionID
	require.Len(t, dm, 32)
	assert.Equal(t, row{"k", dm, true, true, 0}, rows(t, s, "b")[0])
	marker := read(t, s, "b", "k", dm)
	assert.True(t, marker.DeleteMarker, "a delete marker by id (s3fake answers 405)")
	assert.True(t, marker.LastModified.Equal(clk.Now()))

	// Deleting versions permanently promotes the next one.
	res, err = s.RemoveObject("b", "k", dm)
	require.NoError(t, err)
	assert.Equal(t, RemoveResult{DeleteMarker: true, VersionID: dm}, res)
	res, err = s.RemoveObject("b", "k", "null")
	require.NoError(t, err)
	assert.Equal(t, RemoveResult{DeleteMarker: true, VersionID: "null"}, res)
	assert.Equal(t, "v2!", getBody(t, s, "b", "k", ""))
	res, err = s.RemoveObject("b", "k", v2)
	require.NoError(t, err)
	assert.Equal(t, RemoveResult{VersionID: v2}, res)
	assert.Equal(t, "v1", getBody(t, s, "b", "k", ""), "deleting the current version promotes the next (P3)")
	p, err = s.ListObjectsPage("b", ObjectQuery{MaxKeys: 1000})
	require.NoError(t, err)
	require.Len(t, p.Objects, 1)
	assert.Equal(t, int64(2), p.Objects[0].Size)
	assert.Equal(t, []row{{"k", v1, true, false, 2}}, rows(t, s, "b"))

	// Deleting the last version removes the key.
	_, err = s.RemoveObject("b", "k", v1)
	require.NoError(t, err)
	assert.Empty(t, rows(t, s, "b"))
	require.NoError(t, s.DeleteBucket("b"))
}

func TestDeleteMissingKeyInVersionedBucketAddsMarker(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	res, err := s.RemoveObject("b", "never-existed", "")
	require.NoError(t, err)
	assert.True(t, res.DeleteMarker, "S3 adds a delete marker (P6)")
	assert.Len(t, res.VersionID, 32)
	assert.Equal(t, []row{{"never-existed", res.VersionID, true, true, 0}}, rows(t, s, "b"))
	requireCode(t, s.DeleteBucket("b"), "BucketNotEmpty")
	vi := latest(t, s, "b", "never-existed")
	assert.Equal(t, "acct", vi.OwnerAccount, "delete markers have an owner")
	assert.Empty(t, vi.StorageClass, "and nothing else")
}

func TestVersionLookupErrors(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	v1 := putVersion(t, s, "b", "k", "x")
	require.NoError(t, s.SeedBucket("other", "acct", VersioningEnabled))
	foreign := putVersion(t, s, "other", "k", "y")

	// An id the store never issued (the former transitional alias of
	// "null" included) is InvalidArgument, naming the parameter.
	for _, bad := range []string{"not-an-id", "s3fake-null-version", "Null"} {
		_, err := s.ReadObject("b", "k", bad)
		requireCode(t, err, "InvalidArgument")
		assert.Equal(t, "versionId", err.(*Error).ArgumentName)
		assert.Equal(t, bad, err.(*Error).ArgumentValue)
	}
	_, err := s.ReadObject("b", "k", foreign)
	requireCode(t, err, "NoSuchVersion")
	assert.Equal(t, foreign, err.(*Error).VersionID)
	_, err = s.ReadObject("b", "k", "null")
	requireCode(t, err, "NoSuchVersion")
	_, err = s.ReadObject("b", "missing", v1)
	requireCode(t, err, "NoSuchVersion")
	_, err = s.ReadObject("nob", "k", v1)
	requireCode(t, err, "NoSuchBucket")
	assert.Equal(t, v1, read(t, s, "b", "k", v1).VersionID)

	res, err := s.RemoveObject("b", "k", foreign)
	require.NoError(t, err, "a version that does not exist is not an error")
	assert.Equal(t, RemoveResult{VersionID: foreign}, res)
	_, err = s.RemoveObject("b", "k", "garbage")
	requireCode(t, err, "InvalidArgument")
	_, err = s.RemoveObject("b", "k", "s3fake-null-version")
	requireCode(t, err, "InvalidArgument")
	_, err = s.RemoveObject("nob", "k", v1)
	requireCode(t, err, "NoSuchBucket")
	assert.Equal(t, []row{{"k", v1, true, false, 1}}, rows(t, s, "b"), "nothing was deleted")
}

func TestDeleteKeysAcrossVersions(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	putVersion(t, s, "b", "a", "null-a")
	require.NoError(t, s.SetVersioning("b", VersioningEnabled))
	va := putVersion(t, s, "b", "a", "va")
	putVersion(t, s, "b", "c", "vc")

	out, err := s.DeleteKeys("b", []DeleteEntry{
		{Key: "a", VersionID: "null"},
		{Key: "a", VersionID: va},
		{Key: "c"},
		{Key: "d", VersionID: "bogus"},
	})
	require.NoError(t, err)
	require.Len(t, out, 4)
	assert.Equal(t, DeleteOutcome{Key: "a", VersionID: "null"}, out[0])
	assert.Equal(t, DeleteOutcome{Key: "a", VersionID: va}, out[1])
	assert.True(t, out[2].DeleteMarker)
	assert.Equal(t, "d", out[3].Key)
	requireCode(t, out[3].Err, "InvalidArgument")
	assert.Equal(t, "Invalid version id specified", out[3].Err.(*Error).Message)

	r := rows(t, s, "b")
	require.Len(t, r, 2)
	assert.Equal(t, "c", r[0].Key)
	assert.True(t, r[0].DM)
	assert.Equal(t, out[2].DeleteMarkerVersionID, r[0].ID)
	assert.False(t, r[1].DM)
}

func TestVersioningConfigurationStates(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	require.NoError(t, s.ChangeVersioning("b", VersioningSuspended, ""))
	cfg, err := s.BucketVersioning("b")
	require.NoError(t, err)
	assert.Equal(t, VersioningSuspended, cfg.Status, "a never-versioned bucket may be suspended")
	require.NoError(t, s.ChangeVersioning("b", Unversioned, MFADeleteDisabled))
	cfg, err = s.BucketVersioning("b")
	require.NoError(t, err)
	assert.Equal(t, VersioningSuspended, cfg.Status, "an empty status changes nothing")
	assert.Equal(t, MFADeleteDisabled, cfg.MFADelete)
	_, err = s.BucketVersioning("nob")
	requireCode(t, err, "NoSuchBucket")
	requireCode(t, s.SetVersioning("nob", VersioningEnabled), "NoSuchBucket")
	assert.Error(t, s.SetVersioning("b", Unversioned), "seeding cannot turn versioning off either")

	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "locked", Owner: "a", ObjectLock: true}))
	requireCode(t, s.SetVersioning("locked", VersioningSuspended), "InvalidBucketState")
}

func TestListObjectsSkipsDeletedKeysAndEmptyGroups(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	for _, k := range []string{"a/1", "a/2", "b/1", "c", "d"} {
		putVersion(t, s, "b", k, k)
	}
	for _, k := range []string{"a/1", "a/2", "c"} {
		_, err := s.RemoveObject("b", k, "")
		require.NoError(t, err)
	}
	p, err := s.ListObjectsPage("b", ObjectQuery{Delimiter: "/", MaxKeys: 1000})
	require.NoError(t, err)
	assert.Equal(t, []string{"d"}, listKeysOf(p))
	assert.Equal(t, []string{"b/"}, p.CommonPrefixes, "a prefix whose keys are all deleted is not listed")

	p, err = s.ListObjectsPage("b", ObjectQuery{MaxKeys: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"b/1", "d"}, listKeysOf(p))
	assert.False(t, p.IsTruncated, "deleted keys do not make a page look truncated")
}

func TestDeleteKeysReportsDeleteMarkers(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	putVersion(t, s, "b", "k", "x")
	out, err := s.DeleteKeys("b", []DeleteEntry{{Key: "k"}})
	require.NoError(t, err)
	require.Len(t, out, 1)
	assert.True(t, out[0].DeleteMarker)
	dm := out[0].DeleteMarkerVersionID
	require.Len(t, dm, 32)

	out, err = s.DeleteKeys("b", []DeleteEntry{{Key: "k", VersionID: dm}, {Key: "k", VersionID: "?"}})
	require.NoError(t, err)
	assert.Equal(t, DeleteOutcome{Key: "k", VersionID: dm, DeleteMarker: true, DeleteMarkerVersionID: dm}, out[0],
		"removing a delete marker by id reports it")
	requireCode(t, out[1].Err, "InvalidArgument")
}
