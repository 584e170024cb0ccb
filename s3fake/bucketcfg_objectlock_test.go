package s3fake_test

// The Object Lock configuration through aws-sdk-go-v2.

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const noObjectLock = "Object Lock configuration does not exist for this bucket"

func putObjectLock(c *s3.Client, bucket string, rule *types.ObjectLockRule) error {
	_, err := c.PutObjectLockConfiguration(cfgCtx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(bucket),
		ObjectLockConfiguration: &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: rule}})
	return err
}

func retention(mode types.ObjectLockRetentionMode, days, years *int32) *types.ObjectLockRule {
	return &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: mode, Days: days, Years: years}}
}

// A bucket created with Object Lock answers Enabled before any rule, then
// its default retention.
func TestObjectLockConfigurationOnALockedBucket(t *testing.T) {
	w := newCfgWorld(t)
	w.createLocked(t, "locked")

	out, err := w.c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String("locked")})
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockEnabledEnabled, out.ObjectLockConfiguration.ObjectLockEnabled)
	assert.Nil(t, out.ObjectLockConfiguration.Rule)
	w.requireGolden(t, "object-lock-enabled.xml")

	require.NoError(t, putObjectLock(w.c, "locked", retention(types.ObjectLockRetentionModeGovernance, aws.Int32(30), nil)))
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	out, err = w.c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String("locked")})
	require.NoError(t, err)
	assert.Equal(t, retention(types.ObjectLockRetentionModeGovernance, aws.Int32(30), nil), out.ObjectLockConfiguration.Rule)
	w.requireGolden(t, "object-lock-governance.xml")

	require.NoError(t, putObjectLock(w.c, "locked", retention(types.ObjectLockRetentionModeCompliance, nil, aws.Int32(7))))
	out, err = w.c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String("locked")})
	require.NoError(t, err)
	assert.Equal(t, retention(types.ObjectLockRetentionModeCompliance, nil, aws.Int32(7)), out.ObjectLockConfiguration.Rule)

	// A configuration without a rule removes the default retention.
	require.NoError(t, putObjectLock(w.c, "locked", nil))
	out, err = w.c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String("locked")})
	require.NoError(t, err)
	assert.Nil(t, out.ObjectLockConfiguration.Rule)
}

// A bucket without Object Lock has no configuration. S3 refuses to
// enable Object Lock on it while versioning is not Enabled, and (since
// November 2023) enables it once versioning is.
func TestObjectLockConfigurationOnAnExistingBucket(t *testing.T) {
	w := newCfgWorld(t)
	_, err := w.c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "ObjectLockConfigurationNotFoundError", noObjectLock)

	err = putObjectLock(w.c, cfgBucket, retention(types.ObjectLockRetentionModeCompliance, aws.Int32(1), nil))
	w.requireRefused(t, err, wantS3Error{status: http.StatusConflict, code: "InvalidBucketState",
		message: "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration"})
	_, err = w.c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "ObjectLockConfigurationNotFoundError", noObjectLock)

	_, err = w.c.PutBucketVersioning(cfgCtx, &s3.PutBucketVersioningInput{Bucket: aws.String(cfgBucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	require.NoError(t, err)
	require.NoError(t, putObjectLock(w.c, cfgBucket, retention(types.ObjectLockRetentionModeCompliance, aws.Int32(1), nil)))
	out, err := w.c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockEnabledEnabled, out.ObjectLockConfiguration.ObjectLockEnabled)

	// Object Lock is on for good: versioning can no longer be suspended.
	_, err = w.c.PutBucketVersioning(cfgCtx, &s3.PutBucketVersioningInput{Bucket: aws.String(cfgBucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
	requireSDKError(t, err, wantS3Error{status: http.StatusConflict, code: "InvalidBucketState"})
}

func TestObjectLockConfigurationRefusals(t *testing.T) {
	w := newCfgWorld(t)
	w.createLocked(t, "locked")
	cases := []struct {
		name string
		rule *types.ObjectLockRule
		want wantS3Error
	}{
		{"zero days", retention(types.ObjectLockRetentionModeGovernance, aws.Int32(0), nil),
			wantInvalid("InvalidArgument", "Default retention period must be a positive integer value")},
		{"negative years", retention(types.ObjectLockRetentionModeGovernance, nil, aws.Int32(-1)),
			wantInvalid("InvalidArgument", "Default retention period must be a positive integer value")},
		{"days and years", retention(types.ObjectLockRetentionModeGovernance, aws.Int32(1), aws.Int32(1)), wantMalformed()},
		{"neither days nor years", retention(types.ObjectLockRetentionModeGovernance, nil, nil), wantMalformed()},
		{"no mode", retention("", aws.Int32(1), nil), wantMalformed()},
		{"a mode S3 does not have", retention("FOREVER", aws.Int32(1), nil), wantMalformed()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w.requireRefused(t, putObjectLock(w.c, "locked", c.rule), c.want)
			out, err := w.c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String("locked")})
			require.NoError(t, err)
			assert.Nil(t, out.ObjectLockConfiguration.Rule, "a refused Put changed the configuration")
		})
	}
	locked := func(body string, header map[string]string) wireResponse {
		req := newRawRequest(t, w.srv, http.MethodPut, "/locked?object-lock", []byte(body))
		for k, v := range header {
			req.Header.Set(k, v)
		}
		require.NoError(t, w.srv.SignRequest(req, []byte(body), w.owner))
		return sendRaw(t, req)
	}
	t.Run("an empty configuration", func(t *testing.T) {
		// S3 answers MalformedXML to <ObjectLockConfiguration/> (moto's AWS-verified test).
		body := xmlDoc("ObjectLockConfiguration", ``)
		requireS3Error(t, locked(body, map[string]string{"Content-MD5": md5Base64(body)}), wantMalformed())
	})
	t.Run("an empty body", func(t *testing.T) {
		requireS3Error(t, locked("", map[string]string{"Content-MD5": md5Base64("")}), wantMissingBody())
	})
	t.Run("S3 requires Content-MD5 or a checksum", func(t *testing.T) {
		body := xmlDoc("ObjectLockConfiguration", `<ObjectLockEnabled>Enabled</ObjectLockEnabled>`)
		requireS3Error(t, locked(body, nil),
			wantInvalid("InvalidRequest", "Missing required header for this request: Content-MD5 OR x-amz-checksum-*"))
	})
}
