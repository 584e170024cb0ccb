package s3fake_test

// Default encryption through aws-sdk-go-v2: every bucket has one.

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func getEncryption(t *testing.T, w *cfgWorld) types.ServerSideEncryptionRule {
	t.Helper()
	out, err := w.c.GetBucketEncryption(cfgCtx, &s3.GetBucketEncryptionInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	require.Len(t, out.ServerSideEncryptionConfiguration.Rules, 1)
	return out.ServerSideEncryptionConfiguration.Rules[0]
}

func putEncryption(w *cfgWorld, rules ...types.ServerSideEncryptionRule) error {
	_, err := w.c.PutBucketEncryption(cfgCtx, &s3.PutBucketEncryptionInput{Bucket: aws.String(cfgBucket),
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: rules}})
	return err
}

// A bucket created today: SSE-S3 without a bucket key, SSE-C writes
// blocked (since April 2026).
func TestBucketEncryptionDefault(t *testing.T) {
	w := newCfgWorld(t)
	r := getEncryption(t, w)
	assert.Equal(t, types.ServerSideEncryptionAes256, r.ApplyServerSideEncryptionByDefault.SSEAlgorithm)
	assert.Nil(t, r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID)
	assert.Equal(t, aws.Bool(false), r.BucketKeyEnabled)
	require.NotNil(t, r.BlockedEncryptionTypes)
	assert.Equal(t, []types.EncryptionType{types.EncryptionTypeSseC}, r.BlockedEncryptionTypes.EncryptionType)
	w.requireGolden(t, "encryption-default.xml")
}

func TestBucketEncryptionPutGetDelete(t *testing.T) {
	w := newCfgWorld(t)
	const key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	require.NoError(t, putEncryption(w, types.ServerSideEncryptionRule{
		ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{
			SSEAlgorithm: types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String(key)},
		BucketKeyEnabled: aws.Bool(true),
	}))
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	r := getEncryption(t, w)
	assert.Equal(t, types.ServerSideEncryptionAwsKms, r.ApplyServerSideEncryptionByDefault.SSEAlgorithm)
	assert.Equal(t, key, aws.ToString(r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID))
	assert.Equal(t, aws.Bool(true), r.BucketKeyEnabled)
	assert.Equal(t, []types.EncryptionType{types.EncryptionTypeSseC}, r.BlockedEncryptionTypes.EncryptionType,
		"a rule that does not name BlockedEncryptionTypes keeps them")
	w.requireGolden(t, "encryption-kms.xml")

	// Unblocking SSE-C is a Put naming NONE.
	require.NoError(t, putEncryption(w, types.ServerSideEncryptionRule{
		ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKmsDsse},
		BlockedEncryptionTypes:             &types.BlockedEncryptionTypes{EncryptionType: []types.EncryptionType{types.EncryptionTypeNone}},
	}))
	r = getEncryption(t, w)
	assert.Equal(t, types.ServerSideEncryptionAwsKmsDsse, r.ApplyServerSideEncryptionByDefault.SSEAlgorithm)
	assert.Equal(t, aws.Bool(false), r.BucketKeyEnabled)
	assert.Equal(t, []types.EncryptionType{types.EncryptionTypeNone}, r.BlockedEncryptionTypes.EncryptionType)

	// DeleteBucketEncryption resets to SSE-S3 (S3 since 2023): there is
	// never a "none yet" answer for a general purpose bucket.
	_, err := w.c.DeleteBucketEncryption(cfgCtx, &s3.DeleteBucketEncryptionInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status)
	r = getEncryption(t, w)
	assert.Equal(t, types.ServerSideEncryptionAes256, r.ApplyServerSideEncryptionByDefault.SSEAlgorithm)
	assert.Nil(t, r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID)
	assert.Equal(t, aws.Bool(false), r.BucketKeyEnabled)
	assert.Equal(t, []types.EncryptionType{types.EncryptionTypeNone}, r.BlockedEncryptionTypes.EncryptionType,
		"the reset keeps the blocked types")
}

func TestBucketEncryptionRefusals(t *testing.T) {
	w := newCfgWorld(t)
	aes := func(key *string) types.ServerSideEncryptionRule {
		return types.ServerSideEncryptionRule{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{
			SSEAlgorithm: types.ServerSideEncryptionAes256, KMSMasterKeyID: key}}
	}
	cases := []struct {
		name  string
		rules []types.ServerSideEncryptionRule
		want  wantS3Error
	}{
		{"a KMS key with AES256", []types.ServerSideEncryptionRule{aes(aws.String("key"))},
			wantInvalid("InvalidArgument", "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse")},
		{"an algorithm S3 does not have", []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{
			SSEAlgorithm: "aws:fancy"}}}, wantMalformed()},
		{"two rules", []types.ServerSideEncryptionRule{aes(nil), aes(nil)}, wantMalformed()},
		{"a blocked type S3 does not have", []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: aes(nil).ApplyServerSideEncryptionByDefault,
			BlockedEncryptionTypes: &types.BlockedEncryptionTypes{EncryptionType: []types.EncryptionType{"SSE-KMS"}}}}, wantMalformed()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w.requireRefused(t, putEncryption(w, c.rules...), c.want)
			assert.Equal(t, types.ServerSideEncryptionAes256, getEncryption(t, w).ApplyServerSideEncryptionByDefault.SSEAlgorithm)
		})
	}
	t.Run("an empty body", func(t *testing.T) {
		requireS3Error(t, w.raw(t, http.MethodPut, "encryption", "", nil), wantMissingBody())
	})
	t.Run("BucketKeyEnabled that is not a boolean", func(t *testing.T) {
		requireS3Error(t, w.raw(t, http.MethodPut, "encryption", xmlDoc("ServerSideEncryptionConfiguration",
			`<Rule><BucketKeyEnabled>yes</BucketKeyEnabled></Rule>`), nil), wantMalformed())
	})
}
