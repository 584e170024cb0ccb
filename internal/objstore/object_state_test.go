package objstore

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

// Tagging a version keeps its id and place; a snapshot taken before keeps
// the old tags; an older version can be tagged by id.
func TestSetObjectTagsMakesNoVersion(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", testOwner, VersioningEnabled))
	v1 := putVersion(t, s, "b", "k", "one")
	res, err := write(s, "b", "k", "two", map[string]string{"x-amz-tagging": "a=1"})
	require.NoError(t, err)
	sn, err := s.Snapshot("b", "")
	require.NoError(t, err)

	o, err := s.SetObjectTags("b", "k", "", []Tag{{"x", "y"}})
	require.NoError(t, err)
	assert.Equal(t, res.VersionID, o.VersionID)
	_, err = s.SetObjectTags("b", "k", v1, []Tag{{"old", "v"}})
	require.NoError(t, err)

	cur, err := s.ReadObject("b", "k", "")
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"x", "y"}}, cur.Tags)
	assert.Equal(t, "two", content(t, cur))
	old, err := s.ReadObject("b", "k", v1)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"old", "v"}}, old.Tags)
	assert.Equal(t, "one", content(t, old))

	now, err := s.Snapshot("b", "")
	require.NoError(t, err)
	require.Len(t, now.Versions(), 2, "tagging made no version")
	before := sn.Versions()
	require.Len(t, before, 2)
	assert.Equal(t, res.VersionID, before[0].VersionID)
	frozen, err := s.ReadObject("b", "k", res.VersionID)
	require.NoError(t, err)
	assert.Equal(t, frozen.ETag, `"`+before[0].ETag+`"`)

	_, err = s.SetObjectTags("b", "k", "", []Tag{{"a", "1"}, {"a", "2"}})
	requireCode(t, err, "InvalidTag")
	_, err = s.SetObjectTags("b", "missing", "", nil)
	requireCode(t, err, "NoSuchKey")
}

func lockedStore(t *testing.T) (*Store, *fakeClock) {
	t.Helper()
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "l", Owner: testOwner, ObjectLock: true}))
	mkBucket(t, s, "plain")
	return s, clk
}

func TestObjectRetentionRules(t *testing.T) {
	s, clk := lockedStore(t)
	id := putVersion(t, s, "l", "k", "x")
	in := func(d time.Duration) time.Time { return clk.Now().Add(d).UTC().Truncate(time.Second) }

	_, err := s.SetObjectRetention("plain", "k", "", Retention{Mode: LockGovernance, RetainUntil: in(time.Hour)}, false)
	requireCode(t, err, "InvalidRequest")
	_, err = s.SetObjectRetention("l", "k", id, Retention{Mode: LockGovernance, RetainUntil: in(-time.Hour)}, false)
	requireCode(t, err, "InvalidArgument")

	o, err := s.SetObjectRetention("l", "k", id, Retention{Mode: LockGovernance, RetainUntil: in(time.Hour)}, false)
	require.NoError(t, err)
	assert.Equal(t, LockGovernance, o.Facts.LockMode)
	// GOVERNANCE: extending needs no bypass, shortening does.
	_, err = s.SetObjectRetention("l", "k", id, Retention{Mode: LockGovernance, RetainUntil: in(2 * time.Hour)}, false)
	require.NoError(t, err)
	_, err = s.SetObjectRetention("l", "k", id, Retention{Mode: LockGovernance, RetainUntil: in(time.Minute)}, false)
	requireCode(t, err, "AccessDenied")
	_, err = s.RemoveObject("l", "k", id)
	requireCode(t, err, "AccessDenied")
	_, err = s.SetObjectRetention("l", "k", id, Retention{Mode: LockGovernance, RetainUntil: in(time.Minute)}, true)
	require.NoError(t, err)

	// COMPLIANCE: only longer, never bypassed.
	_, err = s.SetObjectRetention("l", "k", id, Retention{Mode: LockCompliance, RetainUntil: in(time.Hour)}, false)
	require.NoError(t, err)
	_, err = s.SetObjectRetention("l", "k", id, Retention{Mode: LockGovernance, RetainUntil: in(3 * time.Hour)}, true)
	requireCode(t, err, "AccessDenied")
	_, err = s.SetObjectRetention("l", "k", id, Retention{}, true)
	requireCode(t, err, "AccessDenied")
	_, err = s.RemoveObjectBypass("l", "k", id, true)
	requireCode(t, err, "AccessDenied")
	out, err := s.DeleteKeys("l", []DeleteEntry{{Key: "k", VersionID: id, BypassGovernance: true}})
	require.NoError(t, err)
	requireCode(t, out[0].Err, "AccessDenied")

	// Once the date has passed the version can go.
	clk.Advance(2 * time.Hour)
	_, err = s.RemoveObject("l", "k", id)
	require.NoError(t, err)
}

func TestLegalHoldBlocksDeletion(t *testing.T) {
	s, _ := lockedStore(t)
	id := putVersion(t, s, "l", "k", "x")
	_, err := s.SetObjectLegalHold("l", "k", id, "MAYBE")
	requireCode(t, err, "MalformedXML")
	_, err = s.SetObjectLegalHold("plain", "k", "", LegalHoldOn)
	requireCode(t, err, "InvalidRequest")
	sn, err := s.Snapshot("l", "")
	require.NoError(t, err)
	_, err = s.SetObjectLegalHold("l", "k", id, LegalHoldOn)
	require.NoError(t, err)
	assert.Empty(t, sn.Versions()[0].LegalHold, "a snapshot keeps what it saw")
	assert.Equal(t, LegalHoldOn, latest(t, s, "l", "k").LegalHold)
	_, err = s.RemoveObjectBypass("l", "k", id, true)
	requireCode(t, err, "AccessDenied")
	// A plain delete only adds a delete marker, as in S3.
	_, err = s.RemoveObject("l", "k", "")
	require.NoError(t, err)
	_, err = s.SetObjectLegalHold("l", "k", id, LegalHoldOff)
	require.NoError(t, err)
	_, err = s.RemoveObject("l", "k", id)
	require.NoError(t, err)
}

func TestDefaultRetentionAppliesToNewVersions(t *testing.T) {
	s, clk := lockedStore(t)
	days := int32(3)
	require.NoError(t, s.PutBucketObjectLock("l", bucketcfg.ObjectLock{Rule: &bucketcfg.ObjectLockRule{Mode: bucketcfg.ModeCompliance, Days: &days}}))
	mustPut(t, s, "l", "k", "x", nil)
	v := latest(t, s, "l", "k")
	assert.Equal(t, LockCompliance, v.LockMode)
	assert.True(t, v.LockRetainUntil.Equal(clk.Now().Add(72*time.Hour).Truncate(time.Second)), "%v", v.LockRetainUntil)

	// A retention in the request wins.
	until := clk.Now().Add(time.Hour).UTC().Truncate(time.Second)
	mustPut(t, s, "l", "k", "y", map[string]string{"x-amz-object-lock-mode": "GOVERNANCE",
		"x-amz-object-lock-retain-until-date": until.Format(time.RFC3339)})
	v = latest(t, s, "l", "k")
	assert.Equal(t, LockGovernance, v.LockMode)
	assert.True(t, v.LockRetainUntil.Equal(until))
}
