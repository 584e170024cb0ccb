package s3fake_test

// GetObjectAttributes through aws-sdk-go-v2.

import (
	"bytes"
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

var allAttributes = []types.ObjectAttributes{types.ObjectAttributesEtag, types.ObjectAttributesChecksum,
	types.ObjectAttributesObjectParts, types.ObjectAttributesStorageClass, types.ObjectAttributesObjectSize}

func getAttrs(c *s3.Client, key string, attrs []types.ObjectAttributes, opt ...func(*s3.GetObjectAttributesInput)) (*s3.GetObjectAttributesOutput, error) {
	in := &s3.GetObjectAttributesInput{Bucket: aws.String(cfgBucket), Key: aws.String(key), ObjectAttributes: attrs}
	for _, f := range opt {
		f(in)
	}
	return c.GetObjectAttributes(cfgCtx, in)
}

func TestGetObjectAttributes(t *testing.T) {
	w := newCfgWorld(t)
	enableVersioning(t, w.c, cfgBucket)
	id := putObj(t, w.c, cfgBucket, "k", "hello", func(in *s3.PutObjectInput) {
		in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256
		in.StorageClass = types.StorageClassStandardIa
	})
	out, err := getAttrs(w.c, "k", allAttributes)
	require.NoError(t, err)
	assert.Equal(t, "5d41402abc4b2a76b9719d911017c592", aws.ToString(out.ETag))
	assert.Equal(t, int64(5), aws.ToInt64(out.ObjectSize))
	assert.Equal(t, types.StorageClassStandardIa, out.StorageClass)
	require.NotNil(t, out.Checksum)
	assert.Equal(t, "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=", aws.ToString(out.Checksum.ChecksumSHA256))
	assert.Equal(t, types.ChecksumTypeFullObject, out.Checksum.ChecksumType)
	assert.Nil(t, out.ObjectParts, "a single PUT has no parts")
	assert.Equal(t, id, aws.ToString(out.VersionId))
	assert.NotNil(t, out.LastModified)

	// Only what is asked for.
	out, err = getAttrs(w.c, "k", []types.ObjectAttributes{types.ObjectAttributesObjectSize}, func(in *s3.GetObjectAttributesInput) { in.VersionId = aws.String(id) })
	require.NoError(t, err)
	assert.Nil(t, out.ETag)
	assert.Nil(t, out.Checksum)
	assert.Empty(t, out.StorageClass)
	assert.Equal(t, int64(5), aws.ToInt64(out.ObjectSize))
}

func TestGetObjectAttributesParts(t *testing.T) {
	w := newCfgWorld(t)
	up, err := w.c.CreateMultipartUpload(cfgCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String(cfgBucket), Key: aws.String("mp")})
	require.NoError(t, err)
	var done []types.CompletedPart
	for i, body := range [][]byte{bytes.Repeat([]byte("a"), 5<<20), []byte("tail")} {
		p, err := w.c.UploadPart(cfgCtx, &s3.UploadPartInput{Bucket: aws.String(cfgBucket), Key: aws.String("mp"), UploadId: up.UploadId,
			PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(body)})
		require.NoError(t, err)
		done = append(done, types.CompletedPart{ETag: p.ETag, PartNumber: aws.Int32(int32(i + 1))})
	}
	_, err = w.c.CompleteMultipartUpload(cfgCtx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(cfgBucket), Key: aws.String("mp"),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	require.NoError(t, err)

	out, err := getAttrs(w.c, "mp", []types.ObjectAttributes{types.ObjectAttributesObjectParts, types.ObjectAttributesEtag})
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(aws.ToString(out.ETag), "-2"))
	require.NotNil(t, out.ObjectParts)
	assert.Equal(t, int32(2), aws.ToInt32(out.ObjectParts.TotalPartsCount))
	require.Len(t, out.ObjectParts.Parts, 2)
	assert.Equal(t, int64(5<<20), aws.ToInt64(out.ObjectParts.Parts[0].Size))
	assert.Equal(t, int64(4), aws.ToInt64(out.ObjectParts.Parts[1].Size))
	assert.False(t, aws.ToBool(out.ObjectParts.IsTruncated))

	out, err = getAttrs(w.c, "mp", []types.ObjectAttributes{types.ObjectAttributesObjectParts}, func(in *s3.GetObjectAttributesInput) { in.MaxParts = aws.Int32(1) })
	require.NoError(t, err)
	require.Len(t, out.ObjectParts.Parts, 1)
	assert.True(t, aws.ToBool(out.ObjectParts.IsTruncated))
	assert.Equal(t, "1", aws.ToString(out.ObjectParts.NextPartNumberMarker))
	out, err = getAttrs(w.c, "mp", []types.ObjectAttributes{types.ObjectAttributesObjectParts}, func(in *s3.GetObjectAttributesInput) {
		in.PartNumberMarker = aws.String("1")
	})
	require.NoError(t, err)
	require.Len(t, out.ObjectParts.Parts, 1)
	assert.Equal(t, int32(2), aws.ToInt32(out.ObjectParts.Parts[0].PartNumber))
}

func TestGetObjectAttributesRefusals(t *testing.T) {
	w := newCfgWorld(t)
	enableVersioning(t, w.c, cfgBucket)
	putObj(t, w.c, cfgBucket, "k", "hello")

	_, err := getAttrs(w.c, "missing", allAttributes)
	w.requireRefused(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey"})
	_, err = getAttrs(w.c, "k", []types.ObjectAttributes{"ETags"})
	w.requireRefused(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument", message: "Invalid attribute name specified.",
		values: map[string]string{"ArgumentName": "x-amz-object-attributes", "ArgumentValue": "ETags"}})

	req := newRawRequest(t, w.srv, http.MethodGet, "/"+cfgBucket+"/k?attributes", nil)
	require.NoError(t, w.srv.SignRequest(req, nil, w.owner))
	requireS3Error(t, sendRaw(t, req), wantInvalid("InvalidRequest",
		"The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty"))

	del, err := w.c.DeleteObject(cfgCtx, &s3.DeleteObjectInput{Bucket: aws.String(cfgBucket), Key: aws.String("k")})
	require.NoError(t, err)
	_, err = getAttrs(w.c, "k", allAttributes)
	w.requireRefused(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey"})
	_, err = getAttrs(w.c, "k", allAttributes, func(in *s3.GetObjectAttributesInput) { in.VersionId = del.VersionId })
	w.requireRefused(t, err, wantS3Error{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed"})
}

func TestGetObjectAttributesAccess(t *testing.T) {
	w := newCfgWorld(t)
	putObj(t, w.c, cfgBucket, "k", "hello")
	other, tap := tappedClient(w.srv, w.srv.CreateAccount(fixtures.Other))
	require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other, "s3:GetObject", "s3:ListBucket")))
	_, err := getAttrs(other, "k", allAttributes)
	requireSDKError(t, err, wantAccessDenied())
	requireS3Error(t, tap.response(t), wantAccessDenied())

	require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other, "s3:GetObjectAttributes")))
	out, err := getAttrs(other, "k", allAttributes)
	require.NoError(t, err)
	assert.Equal(t, int64(5), aws.ToInt64(out.ObjectSize))
}
