package s3fake_test

// The replication configuration through aws-sdk-go-v2.

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

const (
	replRole     = "arn:aws:iam::111111111111:role/replication"
	replDest     = "cfg-dest"
	noReplConfig = "The replication configuration was not found"
)

func putReplication(w *cfgWorld, rules ...types.ReplicationRule) error {
	_, err := w.c.PutBucketReplication(cfgCtx, &s3.PutBucketReplicationInput{Bucket: aws.String(cfgBucket),
		ReplicationConfiguration: &types.ReplicationConfiguration{Role: aws.String(replRole), Rules: rules}})
	return err
}

// v2Rule replicates prefix to the destination bucket, without delete markers.
func v2Rule(id string, priority int32, prefix, dest string) types.ReplicationRule {
	return types.ReplicationRule{ID: aws.String(id), Priority: aws.Int32(priority), Status: types.ReplicationRuleStatusEnabled,
		Filter:                  &types.ReplicationRuleFilter{Prefix: aws.String(prefix)},
		DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled},
		Destination:             &types.Destination{Bucket: aws.String("arn:aws:s3:::" + dest)}}
}

func newReplicationWorld(t *testing.T) *cfgWorld {
	t.Helper()
	w := newCfgWorld(t, s3fake.Versioned())
	require.NoError(t, w.srv.CreateBucket(replDest, s3fake.OwnedBy(fixtures.Owner), s3fake.Versioned()))
	return w
}

func TestBucketReplicationPutGetDelete(t *testing.T) {
	w := newReplicationWorld(t)
	_, err := w.c.GetBucketReplication(cfgCtx, &s3.GetBucketReplicationInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "ReplicationConfigurationNotFoundError", noReplConfig)

	full := v2Rule("everything", 2, "", "elsewhere-in-another-account")
	full.Filter = &types.ReplicationRuleFilter{And: &types.ReplicationRuleAndOperator{Prefix: aws.String("docs/"), Tags: tagSet("replicate", "yes")}}
	full.SourceSelectionCriteria = &types.SourceSelectionCriteria{
		SseKmsEncryptedObjects: &types.SseKmsEncryptedObjects{Status: types.SseKmsEncryptedObjectsStatusEnabled},
		ReplicaModifications:   &types.ReplicaModifications{Status: types.ReplicaModificationsStatusEnabled}}
	full.ExistingObjectReplication = &types.ExistingObjectReplication{Status: types.ExistingObjectReplicationStatusDisabled}
	full.Destination = &types.Destination{Bucket: aws.String("arn:aws:s3:::elsewhere-in-another-account"), Account: aws.String("333333333333"),
		StorageClass:             types.StorageClassStandardIa,
		AccessControlTranslation: &types.AccessControlTranslation{Owner: types.OwnerOverrideDestination},
		EncryptionConfiguration:  &types.EncryptionConfiguration{ReplicaKmsKeyID: aws.String("arn:aws:kms:us-east-1:333333333333:key/k")},
		ReplicationTime: &types.ReplicationTime{Status: types.ReplicationTimeStatusEnabled,
			Time: &types.ReplicationTimeValue{Minutes: aws.Int32(15)}},
		Metrics: &types.Metrics{Status: types.MetricsStatusEnabled, EventThreshold: &types.ReplicationTimeValue{Minutes: aws.Int32(15)}}}
	rules := []types.ReplicationRule{v2Rule("logs", 1, "logs/", replDest), full}
	require.NoError(t, putReplication(w, rules...))
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)

	out, err := w.c.GetBucketReplication(cfgCtx, &s3.GetBucketReplicationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, replRole, aws.ToString(out.ReplicationConfiguration.Role))
	assert.Equal(t, rules, out.ReplicationConfiguration.Rules)
	w.requireGolden(t, "replication.xml")

	_, err = w.c.DeleteBucketReplication(cfgCtx, &s3.DeleteBucketReplicationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status)
	_, err = w.c.GetBucketReplication(cfgCtx, &s3.GetBucketReplicationInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "ReplicationConfigurationNotFoundError", noReplConfig)
}

// The V1 schema (a Prefix, no Filter) and S3's generated rule IDs.
func TestBucketReplicationV1Rule(t *testing.T) {
	w := newReplicationWorld(t)
	require.NoError(t, putReplication(w, types.ReplicationRule{Prefix: aws.String("a/"), Status: types.ReplicationRuleStatusEnabled,
		Destination: &types.Destination{Bucket: aws.String("arn:aws:s3:::" + replDest)}}))
	out, err := w.c.GetBucketReplication(cfgCtx, &s3.GetBucketReplicationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	require.Len(t, out.ReplicationConfiguration.Rules, 1)
	assert.Equal(t, "a/", aws.ToString(out.ReplicationConfiguration.Rules[0].Prefix))
	assert.NotEmpty(t, aws.ToString(out.ReplicationConfiguration.Rules[0].ID), "S3 names a rule without an ID")
}

// Issue 12: replication needs versioning Enabled on the bucket.
func TestBucketReplicationNeedsVersioning(t *testing.T) {
	w := newCfgWorld(t)
	require.NoError(t, w.srv.CreateBucket(replDest, s3fake.OwnedBy(fixtures.Owner), s3fake.Versioned()))
	err := putReplication(w, v2Rule("r", 1, "", replDest))
	w.requireRefused(t, err, wantInvalid("InvalidRequest", "Versioning must be 'Enabled' on the bucket to apply a replication configuration"))
	_, err = w.c.GetBucketReplication(cfgCtx, &s3.GetBucketReplicationInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "ReplicationConfigurationNotFoundError", noReplConfig)
}

func TestBucketReplicationRefusals(t *testing.T) {
	w := newReplicationWorld(t)
	require.NoError(t, w.srv.CreateBucket("unversioned-dest", s3fake.OwnedBy(fixtures.Owner)))
	noDMR := v2Rule("r", 1, "", replDest)
	noDMR.DeleteMarkerReplication = nil
	v1WithDMR := types.ReplicationRule{Prefix: aws.String(""), Status: types.ReplicationRuleStatusEnabled,
		DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled},
		Destination:             &types.Destination{Bucket: aws.String("arn:aws:s3:::" + replDest)}}
	taggedDMR := v2Rule("r", 1, "", replDest)
	taggedDMR.Filter = &types.ReplicationRuleFilter{Tag: &types.Tag{Key: aws.String("k"), Value: aws.String("v")}}
	taggedDMR.DeleteMarkerReplication.Status = types.DeleteMarkerReplicationStatusEnabled
	notARN := v2Rule("r", 1, "", replDest)
	notARN.Destination.Bucket = aws.String(replDest)
	const schemaNote = " for this version of Cross Region Replication configuration schema. Please refer to S3 Developer Guide for more information."
	cases := []struct {
		name  string
		rules []types.ReplicationRule
		want  wantS3Error
	}{
		{"a V2 rule without DeleteMarkerReplication", []types.ReplicationRule{noDMR},
			wantInvalid("InvalidRequest", "DeleteMarkerReplication must be specified"+schemaNote)},
		{"a V1 rule with DeleteMarkerReplication", []types.ReplicationRule{v1WithDMR},
			wantInvalid("InvalidRequest", "DeleteMarkerReplication cannot be used"+schemaNote)},
		{"delete markers under a tag filter", []types.ReplicationRule{taggedDMR},
			wantInvalid("InvalidRequest", "Delete marker replication is not supported if any Tag filter is specified. Please refer to S3 Developer Guide for more information.")},
		{"a destination that is not a bucket ARN", []types.ReplicationRule{notARN}, wantInvalid("InvalidArgument", "Invalid bucket ARN")},
		{"an unversioned destination", []types.ReplicationRule{v2Rule("r", 1, "", "unversioned-dest")},
			wantInvalid("InvalidRequest", "Destination bucket must have versioning enabled.")},
		{"the bucket itself", []types.ReplicationRule{v2Rule("r", 1, "", cfgBucket)},
			wantInvalid("InvalidRequest", "Destination bucket cannot be the same as the source bucket.")},
		{"a priority used twice", []types.ReplicationRule{v2Rule("a", 1, "a/", replDest), v2Rule("b", 1, "b/", replDest)},
			wantInvalid("InvalidRequest", "Found duplicate priority 1")},
		{"an ID used twice", []types.ReplicationRule{v2Rule("a", 1, "a/", replDest), v2Rule("a", 2, "b/", replDest)},
			wantInvalid("InvalidArgument", "Rule Id must be unique")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w.requireRefused(t, putReplication(w, c.rules...), c.want)
			_, err := w.c.GetBucketReplication(cfgCtx, &s3.GetBucketReplicationInput{Bucket: aws.String(cfgBucket)})
			w.requireNotFound(t, err, "ReplicationConfigurationNotFoundError", noReplConfig)
		})
	}
	t.Run("a configuration without Role", func(t *testing.T) {
		body := xmlDoc("ReplicationConfiguration", `<Rule><Status>Enabled</Status><Prefix></Prefix><Destination><Bucket>arn:aws:s3:::`+replDest+`</Bucket></Destination></Rule>`)
		requireS3Error(t, w.raw(t, http.MethodPut, "replication", body, nil), wantMalformed())
	})
	t.Run("S3 requires Content-MD5 or a checksum", func(t *testing.T) {
		body := xmlDoc("ReplicationConfiguration", `<Role>`+replRole+`</Role><Rule><Status>Enabled</Status><Prefix></Prefix><Destination><Bucket>arn:aws:s3:::`+replDest+`</Bucket></Destination></Rule>`)
		requireS3Error(t, w.raw(t, http.MethodPut, "replication", body, map[string]string{"Content-MD5": ""}),
			wantInvalid("InvalidRequest", "Missing required header for this request: Content-MD5 OR x-amz-checksum-*"))
	})
}
