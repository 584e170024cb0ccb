package s3fake_test

// The lifecycle configuration through aws-sdk-go-v2.

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const noLifecycle = "The lifecycle configuration does not exist"

func putLifecycle(w *cfgWorld, rules ...types.LifecycleRule) error {
	_, err := w.c.PutBucketLifecycleConfiguration(cfgCtx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(cfgBucket),
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: rules}})
	return err
}

func expireRule(id string, days int32) types.LifecycleRule {
	return types.LifecycleRule{ID: aws.String(id), Status: types.ExpirationStatusEnabled,
		Filter: &types.LifecycleRuleFilter{Prefix: aws.String("logs/")}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(days)}}
}

func TestBucketLifecyclePutGetDelete(t *testing.T) {
	w := newCfgWorld(t)
	_, err := w.c.GetBucketLifecycleConfiguration(cfgCtx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchLifecycleConfiguration", noLifecycle)

	midnight := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	rules := []types.LifecycleRule{
		{ID: aws.String("archive"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{And: &types.LifecycleRuleAndOperator{Prefix: aws.String("data/"),
				Tags: tagSet("class", "cold"), ObjectSizeGreaterThan: aws.Int64(1024)}},
			Transitions: []types.Transition{{Days: aws.Int32(30), StorageClass: types.TransitionStorageClassStandardIa},
				{Days: aws.Int32(365), StorageClass: types.TransitionStorageClassGlacier}},
			NoncurrentVersionTransitions: []types.NoncurrentVersionTransition{{NoncurrentDays: aws.Int32(30),
				NewerNoncurrentVersions: aws.Int32(2), StorageClass: types.TransitionStorageClassGlacierIr}},
			NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(90)}},
		{ID: aws.String("tmp"), Status: types.ExpirationStatusDisabled, Filter: &types.LifecycleRuleFilter{Prefix: aws.String("tmp/")},
			Expiration:                     &types.LifecycleExpiration{Date: &midnight},
			AbortIncompleteMultipartUpload: &types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(7)}},
		{ID: aws.String("markers"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{},
			Expiration: &types.LifecycleExpiration{ExpiredObjectDeleteMarker: aws.Bool(true)}},
	}
	require.NoError(t, putLifecycle(w, rules...))
	put := w.tap.response(t)
	assert.Equal(t, http.StatusOK, put.status)
	assert.Equal(t, "all_storage_classes_128K", put.header.Get("x-amz-transition-default-minimum-object-size"))

	out, err := w.c.GetBucketLifecycleConfiguration(cfgCtx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, rules, out.Rules)
	assert.Equal(t, types.TransitionDefaultMinimumObjectSizeAllStorageClasses128k, out.TransitionDefaultMinimumObjectSize)
	w.requireGolden(t, "lifecycle.xml")

	_, err = w.c.DeleteBucketLifecycle(cfgCtx, &s3.DeleteBucketLifecycleInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status)
	_, err = w.c.GetBucketLifecycleConfiguration(cfgCtx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchLifecycleConfiguration", noLifecycle)
}

// S3 names a rule sent without an ID, keeps the minimum object size it
// was put with, and accepts the legacy top-level Prefix.
func TestBucketLifecycleIDsAndMinimumSize(t *testing.T) {
	w := newCfgWorld(t)
	_, err := w.c.PutBucketLifecycleConfiguration(cfgCtx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(cfgBucket),
		TransitionDefaultMinimumObjectSize: types.TransitionDefaultMinimumObjectSizeVariesByStorageClass,
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{
			{Status: types.ExpirationStatusEnabled, Prefix: aws.String("old/"), Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}},
		}}})
	require.NoError(t, err)
	out, err := w.c.GetBucketLifecycleConfiguration(cfgCtx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	require.Len(t, out.Rules, 1)
	assert.Len(t, aws.ToString(out.Rules[0].ID), 48, "S3's generated IDs are the base64 of a UUID")
	assert.Equal(t, "old/", aws.ToString(out.Rules[0].Prefix))
	assert.Equal(t, types.TransitionDefaultMinimumObjectSizeVariesByStorageClass, out.TransitionDefaultMinimumObjectSize)
}

func TestBucketLifecycleRefusals(t *testing.T) {
	w := newCfgWorld(t)
	require.NoError(t, putLifecycle(w, expireRule("keep", 10)))
	noon := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	withTransition := func(days int32, class types.TransitionStorageClass) types.LifecycleRule {
		r := expireRule("t", 400)
		r.Transitions = []types.Transition{{Days: aws.Int32(days), StorageClass: class}}
		return r
	}
	tagged := types.LifecycleRule{ID: aws.String("tags"), Status: types.ExpirationStatusEnabled,
		Filter:                         &types.LifecycleRuleFilter{Tag: &types.Tag{Key: aws.String("k"), Value: aws.String("v")}},
		AbortIncompleteMultipartUpload: &types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(1)}}
	thousand := make([]types.LifecycleRule, 1001)
	for i := range thousand {
		thousand[i] = types.LifecycleRule{Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{},
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(int32(i + 1))}}
	}
	cases := []struct {
		name  string
		rules []types.LifecycleRule
		want  wantS3Error
	}{
		{"zero days", []types.LifecycleRule{expireRule("a", 0)},
			wantInvalid("InvalidArgument", "'Days' for Expiration action must be a positive integer")},
		{"a date at noon", []types.LifecycleRule{{ID: aws.String("a"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{}, Expiration: &types.LifecycleExpiration{Date: &noon}}},
			wantInvalid("InvalidArgument", "'Date' must be at midnight GMT")},
		{"an ID of 256 characters", []types.LifecycleRule{expireRule(strings.Repeat("i", 256), 1)},
			wantInvalid("InvalidArgument", "ID length should not exceed allowed limit of 255")},
		{"an ID used twice", []types.LifecycleRule{expireRule("same", 1), expireRule("same", 2)},
			wantInvalid("InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule")},
		{"a rule without action", []types.LifecycleRule{{ID: aws.String("a"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{}}},
			wantInvalid("InvalidRequest", "At least one action needs to be specified in a rule")},
		{"STANDARD_IA after 10 days", []types.LifecycleRule{withTransition(10, types.TransitionStorageClassStandardIa)},
			wantInvalid("InvalidArgument", "'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'")},
		{"aborting uploads under a tag filter", []types.LifecycleRule{tagged},
			wantInvalid("InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags.")},
		{"both Prefix and Filter", []types.LifecycleRule{{ID: aws.String("a"), Status: types.ExpirationStatusEnabled,
			Prefix: aws.String("a/"), Filter: &types.LifecycleRuleFilter{}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}}},
			wantMalformed()},
		{"neither Prefix nor Filter", []types.LifecycleRule{{ID: aws.String("a"), Status: types.ExpirationStatusEnabled,
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}}}, wantMalformed()},
		{"Days and Date", []types.LifecycleRule{{ID: aws.String("a"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(1), Date: &noon}}},
			wantMalformed()},
		{"a status S3 does not have", []types.LifecycleRule{{ID: aws.String("a"), Status: "On", Filter: &types.LifecycleRuleFilter{},
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}}}, wantMalformed()},
		{"1,001 rules", thousand, wantMalformed()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w.requireRefused(t, putLifecycle(w, c.rules...), c.want)
			out, err := w.c.GetBucketLifecycleConfiguration(cfgCtx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(cfgBucket)})
			require.NoError(t, err)
			assert.Equal(t, []types.LifecycleRule{expireRule("keep", 10)}, out.Rules, "a refused Put changed the rules")
		})
	}
	t.Run("1,000 rules are accepted", func(t *testing.T) {
		require.NoError(t, putLifecycle(w, thousand[:1000]...))
	})
	t.Run("S3 requires Content-MD5 or a checksum", func(t *testing.T) {
		body := xmlDoc("LifecycleConfiguration", `<Rule><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>`)
		requireS3Error(t, w.raw(t, http.MethodPut, "lifecycle", body, map[string]string{"Content-MD5": ""}),
			wantInvalid("InvalidRequest", "Missing required header for this request: Content-MD5 OR x-amz-checksum-*"))
		resp := w.raw(t, http.MethodPut, "lifecycle", body, nil)
		assert.Equal(t, http.StatusOK, resp.status, "body %s", resp.body)
	})
	t.Run("a date that is not ISO 8601", func(t *testing.T) {
		body := xmlDoc("LifecycleConfiguration", `<Rule><Filter/><Status>Enabled</Status><Expiration><Date>1 Jan 2030</Date></Expiration></Rule>`)
		requireS3Error(t, w.raw(t, http.MethodPut, "lifecycle", body, nil), wantMalformed())
	})
}
