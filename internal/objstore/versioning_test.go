package objstore

import (
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
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

func putVersion(t *testing.T, s *Store, bucket, key, body string) gofakes3.VersionID {
	t.Helper()
	res, err := s.PutObject(bucket, key, nil, strings.NewReader(body), int64(len(body)), nil)
	require.NoError(t, err)
	return res.VersionID
}

func getBody(t *testing.T, s *Store, bucket, key string, id gofakes3.VersionID) string {
	t.Helper()
	var obj *gofakes3.Object
	var err error
	if id == "" {
		obj, err = s.GetObject(bucket, key, nil)
	} else {
		obj, err = s.GetObjectVersion(bucket, key, id, nil)
	}
	require.NoError(t, err)
	require.False(t, obj.IsDeleteMarker)
	return readBody(t, obj)
}

// TestVersioningTransitions walks one key through every versioning state
// and checks the version list after each step against S3's rules.
func TestVersioningTransitions(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	tick := func() { clk.Advance(time.Second) }

	// Unversioned: a null version, no ids anywhere.
	assert.Empty(t, putVersion(t, s, "b", "k", "n0"))
	assert.Empty(t, putVersion(t, s, "b", "k", "n1"), "overwrite in an unversioned bucket")
	cfg, err := s.VersioningConfiguration("b")
	require.NoError(t, err)
	assert.Equal(t, gofakes3.VersioningNone, cfg.Status)
	head, err := s.HeadObject("b", "k")
	require.NoError(t, err)
	assert.Empty(t, head.VersionID, "no version id leaks from an unversioned bucket (P5)")
	assert.Equal(t, []row{{"k", "", true, false, 2}}, rows(t, s, "b"))

	// Enabled: new ids in front; the null version stays.
	require.NoError(t, s.SetVersioningConfiguration("b", gofakes3.VersioningConfiguration{Status: gofakes3.VersioningEnabled}))
	tick()
	v1 := putVersion(t, s, "b", "k", "v1")
	tick()
	v2 := putVersion(t, s, "b", "k", "v2!")
	require.Len(t, v1, 32)
	require.NotEqual(t, v1, v2)
	assert.Equal(t, []row{
		{"k", string(v2), true, false, 3},
		{"k", string(v1), false, false, 2},
		{"k", "", false, false, 2},
	}, rows(t, s, "b"))
	head, err = s.HeadObject("b", "k")
	require.NoError(t, err)
	assert.Equal(t, v2, head.VersionID)
	assert.Equal(t, "n1", getBody(t, s, "b", "k", "null"))
	assert.Equal(t, "v1", getBody(t, s, "b", "k", v1))

	// Suspended: PUT replaces the null version and reports "null".
	require.NoError(t, s.SetVersioning("b", VersioningSuspended))
	tick()
	assert.Equal(t, gofakes3.VersionID("null"), putVersion(t, s, "b", "k", "s1"))
	assert.Equal(t, []row{
		{"k", "", true, false, 2},
		{"k", string(v2), false, false, 3},
		{"k", string(v1), false, false, 2},
	}, rows(t, s, "b"))
	assert.Equal(t, "s1", getBody(t, s, "b", "k", ""))
	obj, err := s.GetObject("b", "k", nil)
	require.NoError(t, err)
	assert.Equal(t, gofakes3.VersionID("null"), obj.VersionID, "a versioned bucket names the null version")

	// Suspended DELETE: a null delete marker replaces the null version.
	res, err := s.DeleteObject("b", "k")
	require.NoError(t, err)
	assert.Equal(t, gofakes3.ObjectDeleteResult{IsDeleteMarker: true, VersionID: "null"}, res)
	assert.Equal(t, []row{
		{"k", "", true, true, 0},
		{"k", string(v2), false, false, 3},
		{"k", string(v1), false, false, 2},
	}, rows(t, s, "b"))
	obj, err = s.GetObject("b", "k", nil)
	require.NoError(t, err, "a current delete marker is returned for gofakes3 to answer 404")
	assert.True(t, obj.IsDeleteMarker)
	list, err := s.ListBucket("b", nil, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	assert.Empty(t, list.Contents, "a deleted key is not listed (no panic, P3)")

	// Enabled DELETE: a new delete marker, even on top of another one.
	require.NoError(t, s.SetVersioning("b", VersioningEnabled))
	tick()
	res, err = s.DeleteObject("b", "k")
	require.NoError(t, err)
	require.True(t, res.IsDeleteMarker)
	dm := res.VersionID
	require.Len(t, dm, 32)
	assert.Equal(t, row{"k", string(dm), true, true, 0}, rows(t, s, "b")[0])
	obj, err = s.GetObjectVersion("b", "k", dm, nil)
	require.NoError(t, err)
	assert.True(t, obj.IsDeleteMarker, "GET of a delete marker by id (Wrap answers 405)")

	// Deleting versions permanently promotes the next one.
	res, err = s.DeleteObjectVersion("b", "k", dm)
	require.NoError(t, err)
	assert.Equal(t, gofakes3.ObjectDeleteResult{IsDeleteMarker: true, VersionID: dm}, res)
	res, err = s.DeleteObjectVersion("b", "k", NullVersionAlias)
	require.NoError(t, err)
	assert.Equal(t, gofakes3.ObjectDeleteResult{IsDeleteMarker: true, VersionID: "null"}, res)
	assert.Equal(t, "v2!", getBody(t, s, "b", "k", ""))
	res, err = s.DeleteObjectVersion("b", "k", v2)
	require.NoError(t, err)
	assert.Equal(t, gofakes3.ObjectDeleteResult{VersionID: v2}, res)
	assert.Equal(t, "v1", getBody(t, s, "b", "k", ""), "deleting the current version promotes the next (P3)")
	list, err = s.ListBucket("b", nil, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	require.Len(t, list.Contents, 1)
	assert.Equal(t, int64(2), list.Contents[0].Size)
	assert.Equal(t, []row{{"k", string(v1), true, false, 2}}, rows(t, s, "b"))

	// Deleting the last version removes the key.
	_, err = s.DeleteObjectVersion("b", "k", v1)
	require.NoError(t, err)
	assert.Empty(t, rows(t, s, "b"))
	require.NoError(t, s.DeleteBucket("b"))
}

func TestDeleteMissingKeyInVersionedBucketAddsMarker(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	res, err := s.DeleteObject("b", "never-existed")
	require.NoError(t, err)
	assert.True(t, res.IsDeleteMarker, "S3 adds a delete marker (P6)")
	assert.Len(t, res.VersionID, 32)
	assert.Equal(t, []row{{"never-existed", string(res.VersionID), true, true, 0}}, rows(t, s, "b"))
	requireCode(t, s.DeleteBucket("b"), gofakes3.ErrBucketNotEmpty)
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

	_, err := s.GetObjectVersion("b", "k", "not-an-id", nil)
	requireCode(t, err, gofakes3.ErrInvalidArgument)
	_, err = s.GetObjectVersion("b", "k", foreign, nil)
	requireCode(t, err, gofakes3.ErrNoSuchVersion)
	_, err = s.HeadObjectVersion("b", "k", "null")
	requireCode(t, err, gofakes3.ErrNoSuchVersion)
	_, err = s.GetObjectVersion("b", "missing", v1, nil)
	requireCode(t, err, gofakes3.ErrNoSuchVersion)
	_, err = s.GetObjectVersion("nob", "k", v1, nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)

	head, err := s.HeadObjectVersion("b", "k", v1)
	require.NoError(t, err)
	assert.Equal(t, v1, head.VersionID)
	assert.Empty(t, readBody(t, head))

	res, err := s.DeleteObjectVersion("b", "k", foreign)
	require.NoError(t, err, "a version that does not exist is not an error")
	assert.Equal(t, gofakes3.ObjectDeleteResult{}, res)
	_, err = s.DeleteObjectVersion("b", "k", "garbage")
	requireCode(t, err, gofakes3.ErrInvalidArgument)
	_, err = s.DeleteObjectVersion("nob", "k", v1)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
}

func TestDeleteMultiVersions(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	putVersion(t, s, "b", "a", "null-a")
	require.NoError(t, s.SetVersioning("b", VersioningEnabled))
	va := putVersion(t, s, "b", "a", "va")
	putVersion(t, s, "b", "c", "vc")

	out, err := s.DeleteMultiVersions("b",
		gofakes3.ObjectID{Key: "a", VersionID: "null"},
		gofakes3.ObjectID{Key: "a", VersionID: string(va)},
		gofakes3.ObjectID{Key: "c"},
		gofakes3.ObjectID{Key: "d", VersionID: "bogus"},
	)
	require.NoError(t, err)
	assert.Equal(t, []gofakes3.ObjectID{{Key: "a", VersionID: "null"}, {Key: "a", VersionID: string(va)}, {Key: "c"}}, out.Deleted)
	require.Len(t, out.Error, 1)
	assert.Equal(t, "d", out.Error[0].Key)
	assert.Equal(t, gofakes3.ErrInvalidArgument, out.Error[0].Code)
	assert.Equal(t, "Invalid version id specified", out.Error[0].Message)

	r := rows(t, s, "b")
	require.Len(t, r, 2)
	assert.Equal(t, "c", r[0].Key)
	assert.True(t, r[0].DM)
	assert.False(t, r[1].DM)
}

func TestVersioningConfiguration(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	require.NoError(t, s.SetVersioningConfiguration("b", gofakes3.VersioningConfiguration{Status: gofakes3.VersioningSuspended}))
	cfg, err := s.VersioningConfiguration("b")
	require.NoError(t, err)
	assert.Equal(t, gofakes3.VersioningSuspended, cfg.Status)
	require.NoError(t, s.SetVersioningConfiguration("b", gofakes3.VersioningConfiguration{MFADelete: gofakes3.MFADeleteDisabled}))
	cfg, err = s.VersioningConfiguration("b")
	require.NoError(t, err)
	assert.Equal(t, gofakes3.VersioningSuspended, cfg.Status, "an empty status changes nothing")
	assert.Equal(t, gofakes3.MFADeleteDisabled, cfg.MFADelete)
	_, err = s.VersioningConfiguration("nob")
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	requireCode(t, s.SetVersioningConfiguration("nob", cfg), gofakes3.ErrNoSuchBucket)
	assert.Error(t, s.SetVersioning("b", Unversioned))
}

func TestListBucketSkipsDeletedKeysAndEmptyGroups(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	for _, k := range []string{"a/1", "a/2", "b/1", "c", "d"} {
		putVersion(t, s, "b", k, k)
	}
	for _, k := range []string{"a/1", "a/2", "c"} {
		_, err := s.DeleteObject("b", k)
		require.NoError(t, err)
	}
	root := &gofakes3.Prefix{HasDelimiter: true, Delimiter: "/"}
	l, err := s.ListBucket("b", root, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	keys, prefixes := names(l)
	assert.Equal(t, []string{"d"}, keys)
	assert.Equal(t, []string{"b/"}, prefixes, "a prefix whose keys are all deleted is not listed")

	l, err = s.ListBucket("b", nil, gofakes3.ListBucketPage{MaxKeys: 2})
	require.NoError(t, err)
	keys, _ = names(l)
	assert.Equal(t, []string{"b/1", "d"}, keys)
	assert.False(t, l.IsTruncated, "deleted keys do not make a page look truncated")
}

func TestDeleteObjectsReportsDeleteMarkers(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	putVersion(t, s, "b", "k", "x")
	out, err := s.DeleteObjects("b", gofakes3.ObjectID{Key: "k"})
	require.NoError(t, err)
	require.Len(t, out, 1)
	assert.True(t, out[0].DeleteMarker)
	dm := out[0].DeleteMarkerVersionID
	require.Len(t, dm, 32)

	out, err = s.DeleteObjects("b", gofakes3.ObjectID{Key: "k", VersionID: dm}, gofakes3.ObjectID{Key: "k", VersionID: "?"})
	require.NoError(t, err)
	assert.Equal(t, DeleteOutcome{Key: "k", VersionID: dm, DeleteMarker: true, DeleteMarkerVersionID: dm}, out[0],
		"removing a delete marker by id reports it")
	assert.Error(t, out[1].Err)
	_, err = s.DeleteObjects("nob", gofakes3.ObjectID{Key: "k"})
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
}
