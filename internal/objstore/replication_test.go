package objstore

// Replication (replication.go): the status a new version gets from the
// source bucket's rules, and the REPLICA written into the destination.

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

func ptr[T any](v T) *T { return &v }

// mkVersioned creates a bucket owned by testOwner with versioning Enabled.
func mkVersioned(t *testing.T, s *Store, name string) {
	t.Helper()
	mkBucket(t, s, name)
	require.NoError(t, s.SetVersioning(name, VersioningEnabled))
}

// replRule is an enabled V2 rule with priority p replicating prefix to dst.
func replRule(id string, p int32, prefix, dst string) bucketcfg.ReplicationRule {
	return bucketcfg.ReplicationRule{ID: id, Priority: ptr(p), Status: bucketcfg.StatusEnabled,
		Filter:                  &bucketcfg.ReplicationFilter{Prefix: ptr(prefix)},
		DeleteMarkerReplication: bucketcfg.StatusDisabled,
		Destination:             bucketcfg.ReplicationDestination{Bucket: "arn:aws:s3:::" + dst}}
}

func putReplication(t *testing.T, s *Store, bucket string, rules ...bucketcfg.ReplicationRule) {
	t.Helper()
	require.NoError(t, s.PutBucketReplication(bucket, bucketcfg.Replication{Role: "arn:aws:iam::1:role/r", Rules: rules}))
}

// versionOf is the version id of key in bucket, with its facts.
func versionOf(t *testing.T, s *Store, bucket, key, id string) (VersionInfo, bool) {
	t.Helper()
	vs, err := s.Versions(bucket, key)
	require.NoError(t, err)
	for _, v := range vs {
		if v.Key == key && v.VersionID == id {
			return v, true
		}
	}
	return VersionInfo{}, false
}

func replicationStatus(t *testing.T, s *Store, bucket, key string) string {
	t.Helper()
	return latest(t, s, bucket, key).ReplicationStatus
}

func TestReplicationCompletedWritesReplicaWithSameVersion(t *testing.T) {
	s, _ := newTestStore(t)
	mkVersioned(t, s, "src")
	mkVersioned(t, s, "dst")
	putReplication(t, s, "src", replRule("r", 1, "docs/", "dst"))

	res, err := write(s, "src", "docs/a", "hello", map[string]string{"x-amz-tagging": "k=v", "x-amz-meta-colour": "red"})
	require.NoError(t, err)
	src := latest(t, s, "src", "docs/a")
	assert.Equal(t, ReplicationCompleted, src.ReplicationStatus)

	rep, ok := versionOf(t, s, "dst", "docs/a", res.VersionID)
	require.True(t, ok, "the replica keeps the source's version id")
	assert.Equal(t, ReplicationReplica, rep.ReplicationStatus)
	assert.True(t, rep.IsLatest)
	assert.Equal(t, src.ETag, rep.ETag)
	assert.Equal(t, src.Size, rep.Size)
	assert.Equal(t, src.LastModified, rep.LastModified)
	assert.Equal(t, src.StorageClass, rep.StorageClass)
	assert.Equal(t, src.OwnerAccount, rep.OwnerAccount)
	assert.Equal(t, "hello", getBody(t, s, "dst", "docs/a", res.VersionID))
	o, err := s.ReadObject("dst", "docs/a", res.VersionID)
	require.NoError(t, err)
	assert.Equal(t, "red", o.Header["X-Amz-Meta-Colour"], "metadata is replicated")
	assert.Equal(t, []Tag{{Key: "k", Value: "v"}}, o.Tags, "tags are replicated")

	// An overwrite is replicated as a new version; the older replica stays.
	res2, err := write(s, "src", "docs/a", "again", nil)
	require.NoError(t, err)
	vs, err := s.Versions("dst", "docs/a")
	require.NoError(t, err)
	require.Len(t, vs, 2)
	assert.Equal(t, res2.VersionID, vs[0].VersionID)
	assert.Equal(t, res.VersionID, vs[1].VersionID)
	assert.False(t, vs[1].IsLatest)
}

func TestReplicationPendingWithoutDestination(t *testing.T) {
	s, _ := newTestStore(t)
	mkVersioned(t, s, "src")
	putReplication(t, s, "src", replRule("r", 1, "", "elsewhere"))
	mustPut(t, s, "src", "k", "x", nil)
	assert.Equal(t, ReplicationPending, replicationStatus(t, s, "src", "k"),
		"a destination outside this store never completes")

	// Creating the destination later does not complete the old version.
	mkVersioned(t, s, "elsewhere")
	assert.Equal(t, ReplicationPending, replicationStatus(t, s, "src", "k"))
	mustPut(t, s, "src", "k2", "x", nil)
	assert.Equal(t, ReplicationCompleted, replicationStatus(t, s, "src", "k2"))
}

func TestReplicationFailedToUnversionedDestination(t *testing.T) {
	s, _ := newTestStore(t)
	mkVersioned(t, s, "src")
	mkBucket(t, s, "plain")
	mkVersioned(t, s, "suspended")
	require.NoError(t, s.SetVersioning("suspended", VersioningSuspended))
	putReplication(t, s, "src", replRule("a", 2, "a/", "plain"), replRule("b", 1, "b/", "suspended"))

	mustPut(t, s, "src", "a/x", "x", nil)
	mustPut(t, s, "src", "b/x", "x", nil)
	assert.Equal(t, ReplicationFailed, replicationStatus(t, s, "src", "a/x"))
	assert.Equal(t, ReplicationFailed, replicationStatus(t, s, "src", "b/x"))
	assert.Empty(t, keysIn(t, s, "plain"), "nothing written to a failed destination")
	assert.Empty(t, keysIn(t, s, "suspended"))
}

func TestReplicationFilters(t *testing.T) {
	s, _ := newTestStore(t)
	mkVersioned(t, s, "src")
	mkVersioned(t, s, "dst")
	tagged := replRule("tag", 1, "", "dst")
	tagged.Filter = &bucketcfg.ReplicationFilter{Tag: &bucketcfg.Tag{Key: "replicate", Value: "yes"}}
	and := replRule("and", 2, "", "dst")
	and.Filter = &bucketcfg.ReplicationFilter{And: &bucketcfg.ReplicationAnd{Prefix: ptr("both/"),
		Tags: []bucketcfg.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}}}
	prefixed := replRule("prefix", 3, "logs/", "dst")
	putReplication(t, s, "src", tagged, and, prefixed)

	for key, c := range map[string]struct {
		tags string
		want string
	}{
		"logs/x":        {"", ReplicationCompleted},
		"logsx":         {"", ""},
		"other":         {"", ""},
		"t/yes":         {"replicate=yes", ReplicationCompleted},
		"t/no":          {"replicate=no", ""},
		"both/all":      {"a=1&b=2", ReplicationCompleted},
		"both/one":      {"a=1", ""},
		"elsewhere/all": {"a=1&b=2", ""},
	} {
		var h map[string]string
		if c.tags != "" {
			h = map[string]string{"x-amz-tagging": c.tags}
		}
		mustPut(t, s, "src", key, "x", h)
		assert.Equal(t, c.want, replicationStatus(t, s, "src", key), key)
		_, replicated := versionOf(t, s, "dst", key, latest(t, s, "src", key).VersionID)
		assert.Equal(t, c.want != "", replicated, key)
	}
}

func TestReplicationV1PrefixAndEmptyFilter(t *testing.T) {
	s, _ := newTestStore(t)
	mkVersioned(t, s, "src")
	mkVersioned(t, s, "dst")
	v1 := bucketcfg.ReplicationRule{ID: "v1", Prefix: ptr("old/"), Status: bucketcfg.StatusEnabled,
		Destination: bucketcfg.ReplicationDestination{Bucket: "arn:aws:s3:::dst"}}
	putReplication(t, s, "src", v1)
	mustPut(t, s, "src", "old/a", "x", nil)
	mustPut(t, s, "src", "new/a", "x", nil)
	assert.Equal(t, ReplicationCompleted, replicationStatus(t, s, "src", "old/a"))
	assert.Empty(t, replicationStatus(t, s, "src", "new/a"))

	all := replRule("all", 1, "", "dst")
	all.Filter = &bucketcfg.ReplicationFilter{}
	putReplication(t, s, "src", all)
	mustPut(t, s, "src", "new/b", "x", nil)
	assert.Equal(t, ReplicationCompleted, replicationStatus(t, s, "src", "new/b"), "an empty filter selects every object")
}

// Of several matching rules the highest priority decides the destination;
// disabled rules take no part.
func TestReplicationRulePriorityAndStatus(t *testing.T) {
	s, _ := newTestStore(t)
	mkVersioned(t, s, "src")
	for _, b := range []string{"low", "high", "off"} {
		mkVersioned(t, s, b)
	}
	off := replRule("off", 9, "", "off")
	off.Status = bucketcfg.StatusDisabled
	putReplication(t, s, "src", replRule("low", 1, "", "low"), replRule("high", 5, "docs/", "high"), off)

	mustPut(t, s, "src", "docs/a", "x", nil)
	mustPut(t, s, "src", "misc/a", "x", nil)
	assert.Equal(t, []string{"docs/a"}, keysIn(t, s, "high"))
	assert.Equal(t, []string{"misc/a"}, keysIn(t, s, "low"), "the higher rule does not match misc/")
	assert.Empty(t, keysIn(t, s, "off"), "a disabled rule replicates nothing")

	putReplication(t, s, "src", off)
	mustPut(t, s, "src", "docs/b", "x", nil)
	assert.Empty(t, replicationStatus(t, s, "src", "docs/b"), "only disabled rules: no status")
}

// Versions written before the configuration keep no status, as S3
// replicates only new objects without Batch Replication.
func TestReplicationOnlyNewVersions(t *testing.T) {
	s, _ := newTestStore(t)
	mkVersioned(t, s, "src")
	mkVersioned(t, s, "dst")
	mustPut(t, s, "src", "k", "before", nil)
	putReplication(t, s, "src", replRule("r", 1, "", "dst"))
	assert.Empty(t, replicationStatus(t, s, "src", "k"))
	assert.Empty(t, keysIn(t, s, "dst"))
}

func TestReplicationDestinationStorageClassAndOwner(t *testing.T) {
	s, _ := newTestStore(t)
	mkVersioned(t, s, "src")
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "dst", Owner: "owner-other"}))
	require.NoError(t, s.SetVersioning("dst", VersioningEnabled))
	r := replRule("r", 1, "", "dst")
	r.Destination.StorageClass = StorageGlacier
	r.Destination.AccessControlOwner = "Destination"
	putReplication(t, s, "src", r)

	res, err := write(s, "src", "k", "x", map[string]string{"x-amz-storage-class": "STANDARD_IA"})
	require.NoError(t, err)
	rep, ok := versionOf(t, s, "dst", "k", res.VersionID)
	require.True(t, ok)
	assert.Equal(t, StorageGlacier, rep.StorageClass, "the rule's destination class")
	assert.Equal(t, "owner-other", rep.OwnerAccount, "Owner=Destination gives the replica to the destination's owner")
	assert.Equal(t, "STANDARD_IA", latest(t, s, "src", "k").StorageClass)
	assert.Equal(t, testOwner, latest(t, s, "src", "k").OwnerAccount)
}
