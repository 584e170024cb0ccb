package objstore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// DeleteKeys reports what S3's DeleteObjects reports for each entry, in
// order, across the versioning states.
func TestDeleteKeysOutcomes(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	mustPut(t, s, "b", "plain", "x", nil)
	out, err := s.DeleteKeys("b", []DeleteEntry{{Key: "plain"}, {Key: "never"}})
	require.NoError(t, err)
	assert.Equal(t, []DeleteOutcome{{Key: "plain"}, {Key: "never"}}, out, "unversioned: no markers, a missing key is deleted too")

	require.NoError(t, s.SetVersioning("b", VersioningEnabled))
	v1 := string(putVersion(t, s, "b", "k", "one"))
	putVersion(t, s, "b", "k", "two")
	out, err = s.DeleteKeys("b", []DeleteEntry{{Key: "k"}, {Key: "k", VersionID: v1}, {Key: "k", VersionID: "bogus"}})
	require.NoError(t, err)
	require.Len(t, out, 3)
	assert.True(t, out[0].DeleteMarker, "a plain delete adds a marker")
	dm := out[0].DeleteMarkerVersionID
	assert.Len(t, dm, 32)
	assert.Equal(t, DeleteOutcome{Key: "k", VersionID: v1}, out[1], "a version is removed")
	requireCode(t, out[2].Err, "InvalidArgument")
	assert.Equal(t, "Invalid version id specified", out[2].Err.(*Error).Message)

	// Not an id of ours: the transitional alias of "null" that gofakes3
	// needed is gone.
	out, err = s.DeleteKeys("b", []DeleteEntry{{Key: "k", VersionID: "s3fake-null-version"}})
	require.NoError(t, err)
	requireCode(t, out[0].Err, "InvalidArgument")

	out, err = s.DeleteKeys("b", []DeleteEntry{{Key: "k", VersionID: dm}})
	require.NoError(t, err)
	assert.Equal(t, []DeleteOutcome{{Key: "k", VersionID: dm, DeleteMarker: true, DeleteMarkerVersionID: dm}}, out,
		"removing a marker by id names it")

	require.NoError(t, s.SetVersioning("b", VersioningSuspended))
	out, err = s.DeleteKeys("b", []DeleteEntry{{Key: "k"}})
	require.NoError(t, err)
	assert.Equal(t, []DeleteOutcome{{Key: "k", DeleteMarker: true, DeleteMarkerVersionID: "null"}}, out)

	_, err = s.DeleteKeys("nob", []DeleteEntry{{Key: "k"}})
	requireCode(t, err, "NoSuchBucket")
}

// An entry with an ETag deletes only a version with that ETag.
func TestDeleteKeysETag(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	v1 := string(putVersion(t, s, "b", "k", "one"))
	putVersion(t, s, "b", "k", "two")

	out, err := s.DeleteKeys("b", []DeleteEntry{
		{Key: "k", ETag: `"` + latestETag("one") + `"`},         // the current version is "two"
		{Key: "k", VersionID: v1, ETag: latestETag("one")},      // the named version matches
		{Key: "gone", ETag: "*"},                                // nothing to match
		{Key: "k", ETag: `"` + latestETag("two") + `"`},         // matches: a marker is added
		{Key: "k", ETag: latestETag("two")},                     // the current version is now a marker
		{Key: "k", VersionID: "null", ETag: latestETag("two")},  // no null version
		{Key: "k", VersionID: "bogus", ETag: latestETag("two")}, // not an id of ours
	})
	require.NoError(t, err)
	require.Len(t, out, 7)
	requireCode(t, out[0].Err, "PreconditionFailed")
	assert.NoError(t, out[1].Err)
	requireCode(t, out[2].Err, "NoSuchKey")
	assert.NoError(t, out[3].Err)
	assert.True(t, out[3].DeleteMarker)
	requireCode(t, out[4].Err, "NoSuchKey")
	requireCode(t, out[5].Err, "NoSuchKey")
	requireCode(t, out[6].Err, "InvalidArgument")

	r := rows(t, s, "b")
	require.Len(t, r, 2, "version two and the marker remain")
	assert.True(t, r[0].DM)
}
