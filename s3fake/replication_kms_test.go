package s3fake_test

import (
	"bytes"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// S3 replicates SSE-KMS objects only under a rule whose
// SourceSelectionCriteria enable SseKmsEncryptedObjects: without it an
// SSE-KMS object gets no replication status and no replica, while an
// SSE-S3 object under the same rule is replicated.
func TestReplicationSSEKMSNeedsSourceSelection(t *testing.T) {
	w := newReplicationWorld(t)
	b := aws.String(cfgBucket)
	put := func(key string, sse types.ServerSideEncryption) {
		t.Helper()
		_, err := w.c.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: b, Key: aws.String(key), Body: bytes.NewReader([]byte("x")), ServerSideEncryption: sse})
		require.NoError(t, err)
	}
	status := func(bucket, key string) (types.ReplicationStatus, error) {
		h, err := w.c.HeadObject(cfgCtx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			return "", err
		}
		return h.ReplicationStatus, nil
	}

	require.NoError(t, putReplication(w, v2Rule("all", 1, "", replDest)))
	put("plain", types.ServerSideEncryptionAes256)
	put("kms", types.ServerSideEncryptionAwsKms)
	put("dsse", types.ServerSideEncryptionAwsKmsDsse)
	st, err := status(cfgBucket, "plain")
	require.NoError(t, err)
	assert.Equal(t, types.ReplicationStatusCompleted, st)
	for _, key := range []string{"kms", "dsse"} {
		st, err = status(cfgBucket, key)
		require.NoError(t, err)
		assert.Empty(t, st, "%s: not replicated without SseKmsEncryptedObjects", key)
		_, err = status(replDest, key)
		assert.Error(t, err, "%s: no replica", key)
	}

	rule := v2Rule("kms", 1, "", replDest)
	rule.SourceSelectionCriteria = &types.SourceSelectionCriteria{
		SseKmsEncryptedObjects: &types.SseKmsEncryptedObjects{Status: types.SseKmsEncryptedObjectsStatusEnabled}}
	rule.Destination.EncryptionConfiguration = &types.EncryptionConfiguration{ReplicaKmsKeyID: aws.String("arn:aws:kms:us-east-1:111111111111:key/replica")}
	require.NoError(t, putReplication(w, rule))
	put("kms2", types.ServerSideEncryptionAwsKms)
	st, err = status(cfgBucket, "kms2")
	require.NoError(t, err)
	assert.Equal(t, types.ReplicationStatusCompleted, st)
	st, err = status(replDest, "kms2")
	require.NoError(t, err)
	assert.Equal(t, types.ReplicationStatusReplica, st)
}
