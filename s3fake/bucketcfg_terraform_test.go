package s3fake_test

// Issue 12: the Get calls Terraform's AWS provider makes when it reads an
// aws_s3_bucket (on every plan), in its order, each answering as S3 does
// for a bucket created today. One 501 among them fails the plan.

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
)

func TestTerraformReadsANewBucket(t *testing.T) {
	srv := newCfgWorld(t).srv
	c, tap := tappedClient(srv, srv.CreateAccount(fixtures.Other))
	const bucket = "tf-state-example"
	bucketCreate(t, c, bucket)
	b := aws.String(bucket)
	notFound := func(t *testing.T, err error, code, message string) {
		t.Helper()
		want := wantS3Error{status: http.StatusNotFound, code: code, message: message, values: map[string]string{"BucketName": bucket}}
		requireSDKError(t, err, want)
		requireS3Error(t, tap.response(t), want)
	}

	_, err := c.HeadBucket(cfgCtx, &s3.HeadBucketInput{Bucket: b})
	require.NoError(t, err)

	_, err = c.GetBucketPolicy(cfgCtx, &s3.GetBucketPolicyInput{Bucket: b})
	notFound(t, err, "NoSuchBucketPolicy", "The bucket policy does not exist")

	acl, err := c.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: b})
	require.NoError(t, err)
	require.Len(t, acl.Grants, 1, "a new bucket: the owner with FULL_CONTROL")
	assert.Equal(t, types.PermissionFullControl, acl.Grants[0].Permission)
	assert.Equal(t, aws.ToString(acl.Owner.ID), aws.ToString(acl.Grants[0].Grantee.ID))
	assert.Equal(t, types.TypeCanonicalUser, acl.Grants[0].Grantee.Type)

	_, err = c.GetBucketCors(cfgCtx, &s3.GetBucketCorsInput{Bucket: b})
	notFound(t, err, "NoSuchCORSConfiguration", "The CORS configuration does not exist")

	_, err = c.GetBucketWebsite(cfgCtx, &s3.GetBucketWebsiteInput{Bucket: b})
	notFound(t, err, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration")

	versioning, err := c.GetBucketVersioning(cfgCtx, &s3.GetBucketVersioningInput{Bucket: b})
	require.NoError(t, err)
	assert.Empty(t, versioning.Status)
	assert.Empty(t, versioning.MFADelete)

	accelerate, err := c.GetBucketAccelerateConfiguration(cfgCtx, &s3.GetBucketAccelerateConfigurationInput{Bucket: b})
	require.NoError(t, err)
	assert.Empty(t, accelerate.Status)

	payment, err := c.GetBucketRequestPayment(cfgCtx, &s3.GetBucketRequestPaymentInput{Bucket: b})
	require.NoError(t, err)
	assert.Equal(t, types.PayerBucketOwner, payment.Payer)

	logging, err := c.GetBucketLogging(cfgCtx, &s3.GetBucketLoggingInput{Bucket: b})
	require.NoError(t, err)
	assert.Nil(t, logging.LoggingEnabled)

	_, err = c.GetBucketLifecycleConfiguration(cfgCtx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
	notFound(t, err, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist")

	_, err = c.GetBucketReplication(cfgCtx, &s3.GetBucketReplicationInput{Bucket: b})
	notFound(t, err, "ReplicationConfigurationNotFoundError", "The replication configuration was not found")

	enc, err := c.GetBucketEncryption(cfgCtx, &s3.GetBucketEncryptionInput{Bucket: b})
	require.NoError(t, err)
	require.Len(t, enc.ServerSideEncryptionConfiguration.Rules, 1)
	rule := enc.ServerSideEncryptionConfiguration.Rules[0]
	assert.Equal(t, types.ServerSideEncryptionAes256, rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm)
	assert.Equal(t, aws.Bool(false), rule.BucketKeyEnabled)

	_, err = c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: b})
	notFound(t, err, "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket")

	_, err = c.GetBucketTagging(cfgCtx, &s3.GetBucketTaggingInput{Bucket: b})
	notFound(t, err, "NoSuchTagSet", "The TagSet does not exist")
}
