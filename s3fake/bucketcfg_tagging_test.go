package s3fake_test

// Bucket tagging through aws-sdk-go-v2 and raw signed HTTP.

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

func tagSet(kv ...string) []types.Tag {
	var out []types.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

func putBucketTags(w *cfgWorld, tags []types.Tag) error {
	_, err := w.c.PutBucketTagging(cfgCtx, &s3.PutBucketTaggingInput{Bucket: aws.String(cfgBucket),
		Tagging: &types.Tagging{TagSet: tags}})
	return err
}

func TestBucketTaggingPutGetDelete(t *testing.T) {
	w := newCfgWorld(t)
	_, err := w.c.GetBucketTagging(cfgCtx, &s3.GetBucketTaggingInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchTagSet", "The TagSet does not exist")

	require.NoError(t, putBucketTags(w, tagSet("team", "data", "cost-centre", "42 / a+b=c@d:e_f.g")))
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status, "PutBucketTagging answers 204")

	out, err := w.c.GetBucketTagging(cfgCtx, &s3.GetBucketTaggingInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, tagSet("team", "data", "cost-centre", "42 / a+b=c@d:e_f.g"), out.TagSet)
	w.requireGolden(t, "tagging.xml")

	// A Put replaces the whole set.
	require.NoError(t, putBucketTags(w, tagSet("only", "one")))
	out, err = w.c.GetBucketTagging(cfgCtx, &s3.GetBucketTaggingInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, tagSet("only", "one"), out.TagSet)

	_, err = w.c.DeleteBucketTagging(cfgCtx, &s3.DeleteBucketTaggingInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status)
	_, err = w.c.GetBucketTagging(cfgCtx, &s3.GetBucketTaggingInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchTagSet", "The TagSet does not exist")
}

// S3's tag rules, each refused with InvalidTag and S3's message; a
// refused Put leaves the tags as they were.
func TestBucketTaggingRefusesBadTags(t *testing.T) {
	var fifty []string
	for i := 0; i < 51; i++ {
		fifty = append(fifty, fmt.Sprintf("k%02d", i), "v")
	}
	cases := []struct {
		name string
		tags []types.Tag
		msg  string
	}{
		{"duplicate key", tagSet("a", "1", "a", "2"), "Cannot provide multiple Tags with the same key"},
		{"aws: prefix", tagSet("aws:cloudformation:stack-name", "x"), "Your TagKey cannot be prefixed with aws:"},
		{"key of 129 characters", tagSet(strings.Repeat("k", 129), "v"), "The TagKey you have provided is invalid"},
		{"empty key", tagSet("", "v"), "The TagKey you have provided is invalid"},
		{"value of 257 characters", tagSet("k", strings.Repeat("v", 257)), "The TagValue you have provided is invalid"},
		{"key with a forbidden character", tagSet("a*b", "v"), "The TagKey you have provided is invalid"},
		{"51 tags", tagSet(fifty...), "Bucket tag count cannot be greater than 50"},
	}
	w := newCfgWorld(t)
	require.NoError(t, putBucketTags(w, tagSet("keep", "me")))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := putBucketTags(w, c.tags)
			w.requireRefused(t, err, wantInvalid("InvalidTag", c.msg))
			out, err := w.c.GetBucketTagging(cfgCtx, &s3.GetBucketTaggingInput{Bucket: aws.String(cfgBucket)})
			require.NoError(t, err)
			assert.Equal(t, tagSet("keep", "me"), out.TagSet, "a refused Put changed the tags")
		})
	}
	t.Run("50 tags of the longest key and value are accepted", func(t *testing.T) {
		var tags []types.Tag
		for i := 0; i < 50; i++ {
			tags = append(tags, types.Tag{Key: aws.String(fmt.Sprintf("%03d", i) + strings.Repeat("é", 125)),
				Value: aws.String(strings.Repeat("ü", 256))})
		}
		require.NoError(t, putBucketTags(w, tags))
	})
}

// The document itself: S3's schema, the integrity header S3 requires of
// PutBucketTagging, and an empty body.
func TestBucketTaggingDocumentErrors(t *testing.T) {
	w := newCfgWorld(t)
	good := xmlDoc("Tagging", `<TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet>`)
	cases := []struct {
		name   string
		body   string
		header map[string]string
		want   wantS3Error
	}{
		{"a tag without Value", xmlDoc("Tagging", `<TagSet><Tag><Key>a</Key></Tag></TagSet>`), nil, wantMalformed()},
		{"no TagSet", xmlDoc("Tagging", ``), nil, wantMalformed()},
		{"an unknown element", xmlDoc("Tagging", `<TagSet/><Extra/>`), nil, wantMalformed()},
		{"not XML", `{"TagSet": []}`, nil, wantMalformed()},
		{"another root", xmlDoc("TagSet", ``), nil, wantMalformed()},
		{"no Content-MD5 nor checksum", good, map[string]string{"Content-MD5": ""},
			wantInvalid("InvalidRequest", "Missing required header for this request: Content-MD5 OR x-amz-checksum-*")},
		{"a wrong Content-MD5", good, map[string]string{"Content-MD5": "1B2M2Y8AsgTpgAmY7PhCfg=="},
			wantS3Error{status: http.StatusBadRequest, code: "BadDigest"}},
		{"an empty body", "", nil, wantMissingBody()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireS3Error(t, w.raw(t, http.MethodPut, "tagging", c.body, c.header), c.want)
			_, err := w.c.GetBucketTagging(cfgCtx, &s3.GetBucketTaggingInput{Bucket: aws.String(cfgBucket)})
			w.requireNotFound(t, err, "NoSuchTagSet", "The TagSet does not exist")
		})
	}
	t.Run("a raw document with Content-MD5 is accepted", func(t *testing.T) {
		resp := w.raw(t, http.MethodPut, "tagging", good, nil)
		require.Equal(t, http.StatusNoContent, resp.status, "body %s", resp.body)
	})
}

// Configurations go with their bucket: a bucket created again under the
// same name starts with the defaults.
func TestBucketConfigurationsGoWithTheBucket(t *testing.T) {
	w := newCfgWorld(t)
	require.NoError(t, putBucketTags(w, tagSet("a", "b")))
	_, err := w.c.PutBucketOwnershipControls(cfgCtx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(cfgBucket),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}})
	require.NoError(t, err)
	_, err = w.c.DeleteBucket(cfgCtx, &s3.DeleteBucketInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	require.NoError(t, w.srv.CreateBucket(cfgBucket, s3fake.OwnedBy(fixtures.Owner)))

	_, err = w.c.GetBucketTagging(cfgCtx, &s3.GetBucketTaggingInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchTagSet", "The TagSet does not exist")
	own, err := w.c.GetBucketOwnershipControls(cfgCtx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, types.ObjectOwnershipBucketOwnerEnforced, own.OwnershipControls.Rules[0].ObjectOwnership)
}
