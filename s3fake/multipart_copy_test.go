package s3fake_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// copyPart sends UploadPartCopy of part n from source.
func (u *mpUpload) copyPart(n int32, source string, edit ...func(*s3.UploadPartCopyInput)) (*s3.UploadPartCopyOutput, error) {
	in := &s3.UploadPartCopyInput{Bucket: aws.String(u.bucket), Key: aws.String(u.key), UploadId: aws.String(u.id),
		PartNumber: aws.Int32(n), CopySource: aws.String(source)}
	for _, e := range edit {
		e(in)
	}
	out, err := u.c.UploadPartCopy(mpCtx, in)
	if err == nil {
		u.parts = append(u.parts, types.CompletedPart{ETag: out.CopyPartResult.ETag, PartNumber: aws.Int32(n)})
	}
	return out, err
}

// TestMultipartUploadPartCopy: parts copied from an object, whole or a
// range, from its current version or an older one, assemble into the
// object (UploadPartCopy used to be refused with 501).
func TestMultipartUploadPartCopy(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("src", s3fake.Versioned())
	srv.CreateBucket("dst")
	c := srv.Client()
	old, err := c.PutObject(mpCtx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("obj"), Body: strings.NewReader("0123456789")})
	require.NoError(t, err)
	big := fidData(5 << 20) // every part but the last is at least 5 MiB
	cur, err := c.PutObject(mpCtx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("obj"), Body: bytes.NewReader(big)})
	require.NoError(t, err)

	u := mpCreate(t, c, "dst", "k", func(in *s3.CreateMultipartUploadInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256 })
	whole, err := u.copyPart(1, "src/obj")
	require.NoError(t, err)
	assert.Equal(t, md5ETag(big), aws.ToString(whole.CopyPartResult.ETag))
	assert.Equal(t, aws.ToString(cur.VersionId), aws.ToString(whole.CopySourceVersionId))
	assert.Equal(t, srv.Now().UTC().Truncate(time.Second), aws.ToTime(whole.CopyPartResult.LastModified))
	assert.Equal(t, fullSum(types.ChecksumAlgorithmSha256, big), aws.ToString(whole.CopyPartResult.ChecksumSHA256),
		"the part's checksum with the upload's algorithm")
	assert.Equal(t, types.ServerSideEncryptionAes256, whole.ServerSideEncryption)
	ranged, err := u.copyPart(2, "/src/obj?versionId="+aws.ToString(old.VersionId), func(in *s3.UploadPartCopyInput) {
		in.CopySourceRange = aws.String("bytes=2-4")
	})
	require.NoError(t, err)
	assert.Equal(t, md5ETag([]byte("234")), aws.ToString(ranged.CopyPartResult.ETag))
	assert.Equal(t, aws.ToString(old.VersionId), aws.ToString(ranged.CopySourceVersionId))

	parts, err := c.ListParts(mpCtx, &s3.ListPartsInput{Bucket: aws.String("dst"), Key: aws.String("k"), UploadId: aws.String(u.id)})
	require.NoError(t, err)
	require.Len(t, parts.Parts, 2)
	assert.Equal(t, int64(3), aws.ToInt64(parts.Parts[1].Size))

	// The upload is COMPOSITE SHA256: Complete names each part's checksum.
	u.parts[0].ChecksumSHA256 = whole.CopyPartResult.ChecksumSHA256
	u.parts[1].ChecksumSHA256 = ranged.CopyPartResult.ChecksumSHA256
	_, err = u.complete()
	require.NoError(t, err)
	out, err := c.GetObject(mpCtx, &s3.GetObjectInput{Bucket: aws.String("dst"), Key: aws.String("k")})
	require.NoError(t, err)
	defer out.Body.Close()
	body, err := io.ReadAll(out.Body)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(append(bytes.Clone(big), "234"...), body), "the copied parts, in order")
}

// TestMultipartUploadPartCopyRanges: x-amz-copy-source-range must be
// "bytes=first-last" within the source; S3's errors otherwise (the cases
// of a 10-byte source that AWS was seen to answer).
func TestMultipartUploadPartCopyRanges(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	srv.PutObject("bkt", "src", []byte("0123456789"))
	u := mpCreate(t, srv.Client(), "bkt", "k")
	target := "/bkt/k?partNumber=1&uploadId=" + u.id
	copyWith := func(rng string) wireResponse {
		status, h, body := goldenDo(t, srv, http.MethodPut, target, nil, map[string]string{
			"X-Amz-Copy-Source": "bkt/src", "X-Amz-Copy-Source-Range": rng})
		return wireResponse{status: status, header: h, body: body}
	}
	const form = "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"
	for _, rng := range []string{"0-8", "bytes=1-0", "bytes=-1-", "bytes=0--1", "bytes=0-1,3-4,7-9", "bytes=-", "bytes=-0", "bytes=1-", "bytes=-2", "bytes=-15"} {
		requireS3Error(t, copyWith(rng), wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument", message: form,
			values: map[string]string{"ArgumentName": "x-amz-copy-source-range", "ArgumentValue": rng}})
	}
	requireS3Error(t, copyWith("bytes=0-100"), wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument",
		message: "Range specified is not valid for source object of size: 10",
		values:  map[string]string{"ArgumentName": "x-amz-copy-source-range", "ArgumentValue": "bytes=0-100"}})
	requireS3Error(t, copyWith("bytes=100-200"), wantS3Error{status: http.StatusBadRequest, code: "InvalidRequest",
		message: "The specified copy range is invalid for the source object size"})
	for _, rng := range []string{"bytes=0-8", "bytes=1-1", "bytes=9-9"} {
		assert.Equal(t, http.StatusOK, copyWith(rng).status, rng)
	}
}

// TestMultipartUploadPartCopySourceErrors: the copy source's conditions
// and existence are checked; nothing refused is stored.
func TestMultipartUploadPartCopySourceErrors(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt", s3fake.Versioned())
	c := srv.Client()
	put, err := c.PutObject(mpCtx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("src"), Body: strings.NewReader("data")})
	require.NoError(t, err)
	etag := aws.ToString(put.ETag)
	modified := srv.Now()
	u := mpCreate(t, c, "bkt", "k")

	for name, tc := range map[string]struct {
		edit func(*s3.UploadPartCopyInput)
		ok   bool
	}{
		"if-match":                  {func(in *s3.UploadPartCopyInput) { in.CopySourceIfMatch = aws.String(etag) }, true},
		"if-match fails":            {func(in *s3.UploadPartCopyInput) { in.CopySourceIfMatch = aws.String(`"nope"`) }, false},
		"if-none-match":             {func(in *s3.UploadPartCopyInput) { in.CopySourceIfNoneMatch = aws.String(`"nope"`) }, true},
		"if-none-match fails":       {func(in *s3.UploadPartCopyInput) { in.CopySourceIfNoneMatch = aws.String(etag) }, false},
		"if-modified-since fails":   {func(in *s3.UploadPartCopyInput) { in.CopySourceIfModifiedSince = aws.Time(modified.Add(time.Hour)) }, false},
		"if-unmodified-since fails": {func(in *s3.UploadPartCopyInput) { in.CopySourceIfUnmodifiedSince = aws.Time(modified.Add(-time.Hour)) }, false},
		"if-match wins over date": {func(in *s3.UploadPartCopyInput) {
			in.CopySourceIfMatch = aws.String(etag)
			in.CopySourceIfUnmodifiedSince = aws.Time(modified.Add(-time.Hour))
		}, true},
		"if-modified-since (before)": {func(in *s3.UploadPartCopyInput) { in.CopySourceIfModifiedSince = aws.Time(modified.Add(-time.Hour)) }, true},
	} {
		_, err := u.copyPart(1, "bkt/src", tc.edit)
		if tc.ok {
			assert.NoError(t, err, name)
			continue
		}
		requireSDKError(t, err, wantS3Error{status: http.StatusPreconditionFailed, code: "PreconditionFailed"})
	}

	_, err = u.copyPart(2, "bkt/missing")
	requireSDKError(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey"})
	_, err = u.copyPart(2, "bkt/src?versionId=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	assert.Equal(t, http.StatusBadRequest, fidStatus(err), "a version id never issued")
	del, err := c.DeleteObject(mpCtx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("src")})
	require.NoError(t, err)
	_, err = u.copyPart(2, "bkt/src")
	requireSDKError(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey"})
	_, err = u.copyPart(2, "bkt/src?versionId="+aws.ToString(del.VersionId))
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidRequest"})
	_, err = u.copyPart(2, "bkt/src?versionId="+aws.ToString(put.VersionId))
	require.NoError(t, err, "an older version may be copied")
	_, err = u.copyPart(10001, "bkt/src?versionId="+aws.ToString(put.VersionId))
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument"})
	_, err = c.UploadPartCopy(mpCtx, &s3.UploadPartCopyInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String("nope"),
		PartNumber: aws.Int32(1), CopySource: aws.String("bkt/src?versionId=" + aws.ToString(put.VersionId))})
	requireSDKError(t, err, wantNoSuchUpload)

	parts, err := c.ListParts(mpCtx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id)})
	require.NoError(t, err)
	require.Len(t, parts.Parts, 2)
}

// TestMultipartUploadPartCopyAuthorizesTheSource: a caller who may write
// the destination but not read the source is refused.
func TestMultipartUploadPartCopyAuthorizesTheSource(t *testing.T) {
	srv := s3fake.Start(t)
	other := srv.CreateAccount(fixtures.Other)
	srv.CreateBucket("secret")
	srv.PutObject("secret", "src", []byte("classified"))
	srv.CreateBucket("mine", s3fake.OwnedBy(other.ID))
	c := srv.ClientFor(other)
	u := mpCreate(t, c, "mine", "k")
	_, err := u.copyPart(1, "secret/src")
	requireSDKError(t, err, wantS3Error{status: http.StatusForbidden, code: "AccessDenied"})
}
