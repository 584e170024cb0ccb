package s3fake_test

// Object tagging (?tagging on an object) through aws-sdk-go-v2.

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
)

// putObj writes body under key of bucket and returns its version id.
func putObj(t *testing.T, c *s3.Client, bucket, key, body string, opt ...func(*s3.PutObjectInput)) string {
	t.Helper()
	in := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)}
	for _, f := range opt {
		f(in)
	}
	out, err := c.PutObject(cfgCtx, in)
	require.NoError(t, err)
	return aws.ToString(out.VersionId)
}

func enableVersioning(t *testing.T, c *s3.Client, bucket string) {
	t.Helper()
	_, err := c.PutBucketVersioning(cfgCtx, &s3.PutBucketVersioningInput{Bucket: aws.String(bucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	require.NoError(t, err)
}

func putObjTags(c *s3.Client, key, versionID string, tags []types.Tag) (*s3.PutObjectTaggingOutput, error) {
	in := &s3.PutObjectTaggingInput{Bucket: aws.String(cfgBucket), Key: aws.String(key), Tagging: &types.Tagging{TagSet: tags}}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	return c.PutObjectTagging(cfgCtx, in)
}

func getObjTags(c *s3.Client, key, versionID string) (*s3.GetObjectTaggingOutput, error) {
	in := &s3.GetObjectTaggingInput{Bucket: aws.String(cfgBucket), Key: aws.String(key)}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	return c.GetObjectTagging(cfgCtx, in)
}

func TestObjectTaggingPutGetDelete(t *testing.T) {
	w := newCfgWorld(t)
	putObj(t, w.c, cfgBucket, "k", "data")

	// None yet: 200 with an empty TagSet, no version id in a bucket that
	// never had versioning.
	out, err := getObjTags(w.c, "k", "")
	require.NoError(t, err)
	assert.Empty(t, out.TagSet)
	assert.Nil(t, out.VersionId)
	assert.Contains(t, string(w.lastBody(t)), "<TagSet></TagSet>")

	_, err = putObjTags(w.c, "k", "", tagSet("team", "data", "env", "a b+c=d"))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	out, err = getObjTags(w.c, "k", "")
	require.NoError(t, err)
	assert.Equal(t, tagSet("team", "data", "env", "a b+c=d"), out.TagSet)

	got, err := w.c.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: aws.String(cfgBucket), Key: aws.String("k")})
	require.NoError(t, err)
	got.Body.Close()
	assert.Equal(t, int32(2), aws.ToInt32(got.TagCount), "x-amz-tagging-count follows the tags")

	_, err = w.c.DeleteObjectTagging(cfgCtx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(cfgBucket), Key: aws.String("k")})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status)
	out, err = getObjTags(w.c, "k", "")
	require.NoError(t, err)
	assert.Empty(t, out.TagSet)
}

// Tags belong to a version: tagging one by id names it in
// x-amz-version-id, leaves the others alone and makes no new version.
func TestObjectTaggingOfAVersion(t *testing.T) {
	w := newCfgWorld(t)
	enableVersioning(t, w.c, cfgBucket)
	v1 := putObj(t, w.c, cfgBucket, "k", "one")
	v2 := putObj(t, w.c, cfgBucket, "k", "two", func(in *s3.PutObjectInput) { in.Tagging = aws.String("cur=1") })

	put, err := putObjTags(w.c, "k", v1, tagSet("old", "yes"))
	require.NoError(t, err)
	assert.Equal(t, v1, aws.ToString(put.VersionId))

	out, err := getObjTags(w.c, "k", v1)
	require.NoError(t, err)
	assert.Equal(t, v1, aws.ToString(out.VersionId))
	assert.Equal(t, tagSet("old", "yes"), out.TagSet)
	out, err = getObjTags(w.c, "k", "")
	require.NoError(t, err)
	assert.Equal(t, v2, aws.ToString(out.VersionId))
	assert.Equal(t, tagSet("cur", "1"), out.TagSet)

	del, err := w.c.DeleteObjectTagging(cfgCtx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(cfgBucket), Key: aws.String("k"), VersionId: aws.String(v2)})
	require.NoError(t, err)
	assert.Equal(t, v2, aws.ToString(del.VersionId))

	vs, err := w.c.ListObjectVersions(cfgCtx, &s3.ListObjectVersionsInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	require.Len(t, vs.Versions, 2, "tagging makes no version")
	assert.Equal(t, v2, aws.ToString(vs.Versions[0].VersionId))
	assert.Equal(t, "two", getString(t, &fid{srv: w.srv, c: w.c}, cfgBucket, "k", ""))
}

func TestObjectTaggingRefusals(t *testing.T) {
	w := newCfgWorld(t)
	enableVersioning(t, w.c, cfgBucket)
	putObj(t, w.c, cfgBucket, "k", "one", func(in *s3.PutObjectInput) { in.Tagging = aws.String("keep=me") })

	_, err := getObjTags(w.c, "missing", "")
	w.requireRefused(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey", message: "The specified key does not exist."})
	gone := putObj(t, w.c, cfgBucket, "k", "gone")
	_, err = w.c.DeleteObject(cfgCtx, &s3.DeleteObjectInput{Bucket: aws.String(cfgBucket), Key: aws.String("k"), VersionId: aws.String(gone)})
	require.NoError(t, err)
	_, err = putObjTags(w.c, "k", gone, tagSet("a", "b"))
	w.requireRefused(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchVersion"})

	var eleven []string
	for i := 0; i < 11; i++ {
		eleven = append(eleven, fmt.Sprintf("k%d", i), "v")
	}
	cases := []struct {
		name string
		tags []types.Tag
		msg  string
	}{
		{"11 tags", tagSet(eleven...), "Object tags cannot be greater than 10"},
		{"key of 129", tagSet(strings.Repeat("k", 129), "v"), "The TagKey you have provided is too long, max 128"},
		{"value of 257", tagSet("k", strings.Repeat("v", 257)), "The TagValue you have provided is too long, max 256"},
		{"duplicate key", tagSet("a", "1", "a", "2"), "Cannot provide multiple Tags with the same key"},
		{"aws: prefix", tagSet("aws:x", "1"), "Your TagKey cannot be prefixed with aws:"},
	}
	for _, c := range cases {
		_, err := putObjTags(w.c, "k", "", c.tags)
		w.requireRefused(t, err, wantInvalid("InvalidTag", c.msg))
	}
	resp := objTagRaw(t, w, "k", "<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>")
	requireS3Error(t, resp, wantMalformed())
	resp = objTagRaw(t, w, "k", "<Tagging><TagSet/><Extra/></Tagging>")
	requireS3Error(t, resp, wantMalformed())

	out, err := getObjTags(w.c, "k", "")
	require.NoError(t, err)
	assert.Equal(t, tagSet("keep", "me"), out.TagSet, "a refused Put changes nothing")

	// A delete marker: 404 when current, 405 when named by id.
	del, err := w.c.DeleteObject(cfgCtx, &s3.DeleteObjectInput{Bucket: aws.String(cfgBucket), Key: aws.String("k")})
	require.NoError(t, err)
	_, err = getObjTags(w.c, "k", "")
	w.requireRefused(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey"})
	_, err = putObjTags(w.c, "k", aws.ToString(del.VersionId), tagSet("a", "b"))
	w.requireRefused(t, err, wantS3Error{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed"})
	assert.Equal(t, "true", w.tap.response(t).header.Get("x-amz-delete-marker"))
}

// objTagRaw sends PutObjectTagging with body, signed as the owner.
func objTagRaw(t *testing.T, w *cfgWorld, key, body string) wireResponse {
	t.Helper()
	req := newRawRequest(t, w.srv, http.MethodPut, "/"+cfgBucket+"/"+key+"?tagging", []byte(body))
	req.Header.Set("Content-MD5", contentMD5(body))
	require.NoError(t, w.srv.SignRequest(req, []byte(body), w.owner))
	return sendRaw(t, req)
}

// A caller granted everything but the tagging action is refused, and the
// tags stay as they were.
func TestObjectTaggingAccess(t *testing.T) {
	calls := []struct {
		action string
		call   func(c *s3.Client) error
	}{
		{"s3:GetObjectTagging", func(c *s3.Client) error { _, err := getObjTags(c, "k", ""); return err }},
		{"s3:PutObjectTagging", func(c *s3.Client) error { _, err := putObjTags(c, "k", "", tagSet("x", "y")); return err }},
		{"s3:DeleteObjectTagging", func(c *s3.Client) error {
			_, err := c.DeleteObjectTagging(cfgCtx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(cfgBucket), Key: aws.String("k")})
			return err
		}},
	}
	all := []string{"s3:GetObject", "s3:PutObject", "s3:GetObjectTagging", "s3:PutObjectTagging", "s3:DeleteObjectTagging"}
	for _, c := range calls {
		t.Run(c.action, func(t *testing.T) {
			w := newCfgWorld(t)
			putObj(t, w.c, cfgBucket, "k", "x", func(in *s3.PutObjectInput) { in.Tagging = aws.String("a=1") })
			other, tap := tappedClient(w.srv, w.srv.CreateAccount(fixtures.Other))
			var others []string
			for _, a := range all {
				if a != c.action {
					others = append(others, a)
				}
			}
			require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other, others...)))
			err := c.call(other)
			requireSDKError(t, err, wantAccessDenied())
			requireS3Error(t, tap.response(t), wantAccessDenied())
			out, err := getObjTags(w.c, "k", "")
			require.NoError(t, err)
			assert.Equal(t, tagSet("a", "1"), out.TagSet)

			require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other, c.action)))
			require.NoError(t, c.call(other))
		})
	}
}
