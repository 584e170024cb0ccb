package s3fake_test

// Ownership controls and the public access block through aws-sdk-go-v2:
// defaults a new bucket has, and that a Delete removes.

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func putOwnership(w *cfgWorld, rules ...types.OwnershipControlsRule) error {
	_, err := w.c.PutBucketOwnershipControls(cfgCtx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(cfgBucket),
		OwnershipControls: &types.OwnershipControls{Rules: rules}})
	return err
}

func getOwnership(t *testing.T, w *cfgWorld) types.ObjectOwnership {
	t.Helper()
	out, err := w.c.GetBucketOwnershipControls(cfgCtx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	require.Len(t, out.OwnershipControls.Rules, 1)
	return out.OwnershipControls.Rules[0].ObjectOwnership
}

func TestBucketOwnershipControls(t *testing.T) {
	w := newCfgWorld(t)
	assert.Equal(t, types.ObjectOwnershipBucketOwnerEnforced, getOwnership(t, w), "a bucket created today")
	w.requireGolden(t, "ownership-default.xml")

	for _, o := range []types.ObjectOwnership{types.ObjectOwnershipObjectWriter, types.ObjectOwnershipBucketOwnerPreferred} {
		require.NoError(t, putOwnership(w, types.OwnershipControlsRule{ObjectOwnership: o}))
		assert.Equal(t, http.StatusOK, w.tap.response(t).status)
		assert.Equal(t, o, getOwnership(t, w))
	}

	_, err := w.c.DeleteBucketOwnershipControls(cfgCtx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status)
	_, err = w.c.GetBucketOwnershipControls(cfgCtx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found")

	require.NoError(t, putOwnership(w, types.OwnershipControlsRule{ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced}))
	assert.Equal(t, types.ObjectOwnershipBucketOwnerEnforced, getOwnership(t, w))
}

func TestBucketOwnershipControlsRefusals(t *testing.T) {
	w := newCfgWorld(t)
	cases := map[string][]types.OwnershipControlsRule{
		"a setting S3 does not have": {{ObjectOwnership: "Everyone"}},
		"two rules":                  {{ObjectOwnership: types.ObjectOwnershipObjectWriter}, {ObjectOwnership: types.ObjectOwnershipObjectWriter}},
	}
	for name, rules := range cases {
		t.Run(name, func(t *testing.T) {
			w.requireRefused(t, putOwnership(w, rules...), wantMalformed())
			assert.Equal(t, types.ObjectOwnershipBucketOwnerEnforced, getOwnership(t, w))
		})
	}
	for name, body := range map[string]string{
		"no rule":               xmlDoc("OwnershipControls", ``),
		"a rule without a mode": xmlDoc("OwnershipControls", `<Rule></Rule>`),
		"an empty body":         ``,
	} {
		t.Run(name, func(t *testing.T) {
			want := wantMalformed()
			if body == "" {
				want = wantMissingBody()
			}
			requireS3Error(t, w.raw(t, http.MethodPut, "ownershipControls", body, nil), want)
		})
	}
}

func getPublicAccessBlock(t *testing.T, w *cfgWorld) types.PublicAccessBlockConfiguration {
	t.Helper()
	out, err := w.c.GetPublicAccessBlock(cfgCtx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	return *out.PublicAccessBlockConfiguration
}

func TestPublicAccessBlock(t *testing.T) {
	w := newCfgWorld(t)
	all := types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true),
		BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true)}
	assert.Equal(t, all, getPublicAccessBlock(t, w), "a bucket created today")
	w.requireGolden(t, "public-access-block-default.xml")

	_, err := w.c.PutPublicAccessBlock(cfgCtx, &s3.PutPublicAccessBlockInput{Bucket: aws.String(cfgBucket),
		PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{BlockPublicPolicy: aws.Bool(true), IgnorePublicAcls: aws.Bool(false)}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	assert.Equal(t, types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(false), IgnorePublicAcls: aws.Bool(false),
		BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(false)}, getPublicAccessBlock(t, w),
		"a setting the document does not name is off")

	_, err = w.c.DeletePublicAccessBlock(cfgCtx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status)
	_, err = w.c.GetPublicAccessBlock(cfgCtx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
}

func TestPublicAccessBlockRefusals(t *testing.T) {
	w := newCfgWorld(t)
	_, err := w.c.PutPublicAccessBlock(cfgCtx, &s3.PutPublicAccessBlockInput{Bucket: aws.String(cfgBucket),
		PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{}})
	w.requireRefused(t, err, wantInvalid("InvalidRequest", "Must specify at least one configuration."))
	for name, body := range map[string]string{
		"a setting that is not a boolean": xmlDoc("PublicAccessBlockConfiguration", `<BlockPublicAcls>yes</BlockPublicAcls>`),
		"an unknown setting":              xmlDoc("PublicAccessBlockConfiguration", `<BlockEverything>true</BlockEverything>`),
		"a setting named twice":           xmlDoc("PublicAccessBlockConfiguration", `<BlockPublicAcls>true</BlockPublicAcls><BlockPublicAcls>false</BlockPublicAcls>`),
	} {
		t.Run(name, func(t *testing.T) {
			requireS3Error(t, w.raw(t, http.MethodPut, "publicAccessBlock", body, nil), wantMalformed())
		})
	}
	all := aws.Bool(true)
	assert.Equal(t, all, getPublicAccessBlock(t, w).BlockPublicAcls, "refusals changed nothing")
}
