package objstore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

// Getters hand out copies and setters keep copies: nobody can change a
// bucket's configuration behind the store's lock.
func TestBucketConfigsAreCopied(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	tags := bucketcfg.Tagging{Tags: []bucketcfg.Tag{{Key: "a", Value: "1"}}}
	require.NoError(t, s.PutBucketTagging("b", tags))
	tags.Tags[0].Value = "changed by the caller"
	got, ok, err := s.BucketTagging("b")
	require.NoError(t, err)
	require.True(t, ok)
	got.Tags[0].Value = "changed by the reader"
	again, _, _ := s.BucketTagging("b")
	assert.Equal(t, "1", again.Tags[0].Value)

	days := int32(5)
	l := bucketcfg.Lifecycle{Rules: []bucketcfg.LifecycleRule{{ID: "r", Status: bucketcfg.StatusEnabled,
		Filter: &bucketcfg.LifecycleFilter{}, Expiration: &bucketcfg.Expiration{Days: &days}}}}
	require.NoError(t, s.PutBucketLifecycle("b", l))
	days = 99
	gotL, _, _ := s.BucketLifecycle("b")
	*gotL.Rules[0].Expiration.Days = 77
	againL, _, _ := s.BucketLifecycle("b")
	assert.Equal(t, int32(5), *againL.Rules[0].Expiration.Days)
}

// A new bucket has S3's defaults; Delete of the deletable ones leaves
// none, a Put brings them back.
func TestBucketConfigDefaults(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	enc, err := s.BucketEncryption("b")
	require.NoError(t, err)
	assert.Equal(t, bucketcfg.DefaultEncryption(), enc)
	own, ok, err := s.BucketOwnershipControls("b")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, bucketcfg.OwnershipBucketOwnerEnforced, own.ObjectOwnership)
	pab, ok, _ := s.BucketPublicAccessBlock("b")
	assert.True(t, ok)
	assert.Equal(t, bucketcfg.DefaultPublicAccessBlock(), pab)
	pay, _ := s.BucketRequestPayment("b")
	assert.Equal(t, bucketcfg.PayerBucketOwner, pay.Payer)

	require.NoError(t, s.DeleteBucketOwnershipControls("b"))
	require.NoError(t, s.DeleteBucketPublicAccessBlock("b"))
	_, ok, _ = s.BucketOwnershipControls("b")
	assert.False(t, ok)
	_, ok, _ = s.BucketPublicAccessBlock("b")
	assert.False(t, ok)
	require.NoError(t, s.PutBucketPublicAccessBlock("b", bucketcfg.PublicAccessBlock{BlockPublicAcls: true}))
	pab, ok, _ = s.BucketPublicAccessBlock("b")
	assert.True(t, ok)
	assert.Equal(t, bucketcfg.PublicAccessBlock{BlockPublicAcls: true}, pab)

	// The reset of DeleteBucketEncryption keeps the blocked types.
	require.NoError(t, s.PutBucketEncryption("b", bucketcfg.Encryption{Algorithm: bucketcfg.AlgorithmKMS, KMSKeyID: "k",
		BucketKeyEnabled: true, BlockedTypes: []string{bucketcfg.BlockNone}}))
	require.NoError(t, s.ResetBucketEncryption("b"))
	enc, _ = s.BucketEncryption("b")
	assert.Equal(t, bucketcfg.Encryption{Algorithm: bucketcfg.AlgorithmAES256, BlockedTypes: []string{bucketcfg.BlockNone}}, enc)
}

// Replication and Object Lock depend on the bucket's versioning, checked
// under the store's lock.
func TestBucketConfigVersioningChecks(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	r := bucketcfg.Replication{Role: "role", Rules: []bucketcfg.ReplicationRule{{ID: "r", Status: bucketcfg.StatusEnabled}}}
	err := s.PutBucketReplication("b", r)
	assert.True(t, IsCode(err, "InvalidRequest"), "%v", err)
	err = s.PutBucketObjectLock("b", bucketcfg.ObjectLock{})
	assert.True(t, IsCode(err, "InvalidBucketState"), "%v", err)
	_, enabled, _ := s.BucketObjectLock("b")
	assert.False(t, enabled)

	require.NoError(t, s.ChangeVersioning("b", VersioningEnabled, ""))
	require.NoError(t, s.PutBucketReplication("b", r))
	require.NoError(t, s.PutBucketObjectLock("b", bucketcfg.ObjectLock{}))
	_, enabled, _ = s.BucketObjectLock("b")
	assert.True(t, enabled)
	v, err := s.BucketVersioning("b")
	require.NoError(t, err)
	assert.True(t, v.ObjectLock, "Object Lock is now the bucket's")
	assert.True(t, IsCode(s.ChangeVersioning("b", VersioningSuspended, ""), "InvalidBucketState"))
}

// The configurations go with the bucket; on a bucket that does not exist
// every call is NoSuchBucket.
func TestBucketConfigsGoWithTheBucket(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	require.NoError(t, s.PutBucketTagging("b", bucketcfg.Tagging{Tags: []bucketcfg.Tag{{Key: "a"}}}))
	require.NoError(t, s.PutBucketAccelerate("b", bucketcfg.Accelerate{Status: bucketcfg.StatusEnabled}))
	require.NoError(t, s.DeleteBucket("b"))
	_, _, err := s.BucketTagging("b")
	assert.True(t, IsCode(err, "NoSuchBucket"))
	assert.True(t, IsCode(s.PutBucketCORS("b", bucketcfg.CORS{}), "NoSuchBucket"))
	_, err = s.BucketEncryption("b")
	assert.True(t, IsCode(err, "NoSuchBucket"))

	mkBucket(t, s, "b")
	_, ok, err := s.BucketTagging("b")
	require.NoError(t, err)
	assert.False(t, ok)
	a, _ := s.BucketAccelerate("b")
	assert.Empty(t, a.Status)
}
