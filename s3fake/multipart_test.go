package s3fake_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// Multipart uploads through the whole server with aws-sdk-go-v2. Raw
// signed HTTP (goldenDo) sends what the SDK cannot.

var mpCtx = context.Background()

// wantNoSuchUpload is the SDK's view of NoSuchUpload.
var wantNoSuchUpload = wantS3Error{status: http.StatusNotFound, code: "NoSuchUpload"}

// mpUpload is one multipart upload of bucket/key under way.
type mpUpload struct {
	c           *s3.Client
	bucket, key string
	id          string
	parts       []types.CompletedPart
}

func mpCreate(t *testing.T, c *s3.Client, bucket, key string, edit ...func(*s3.CreateMultipartUploadInput)) *mpUpload {
	t.Helper()
	in := &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	for _, e := range edit {
		e(in)
	}
	out, err := c.CreateMultipartUpload(mpCtx, in)
	require.NoError(t, err)
	return &mpUpload{c: c, bucket: bucket, key: key, id: aws.ToString(out.UploadId)}
}

// part uploads part n and remembers it for complete.
func (u *mpUpload) part(t *testing.T, n int32, body []byte, edit ...func(*s3.UploadPartInput)) *s3.UploadPartOutput {
	t.Helper()
	in := &s3.UploadPartInput{Bucket: aws.String(u.bucket), Key: aws.String(u.key), UploadId: aws.String(u.id),
		PartNumber: aws.Int32(n), Body: bytes.NewReader(body)}
	for _, e := range edit {
		e(in)
	}
	out, err := u.c.UploadPart(mpCtx, in)
	require.NoError(t, err)
	u.parts = append(u.parts, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(n)})
	return out
}

func (u *mpUpload) complete(parts ...types.CompletedPart) (*s3.CompleteMultipartUploadOutput, error) {
	if parts == nil {
		parts = u.parts
	}
	return u.c.CompleteMultipartUpload(mpCtx, &s3.CompleteMultipartUploadInput{
		Bucket: aws.String(u.bucket), Key: aws.String(u.key), UploadId: aws.String(u.id),
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts},
	})
}

// TestMultipartETag uploads in parts (5 MiB and a tail) into a versioned
// bucket and requires S3's "<md5 of part md5s>-N" ETag from Complete,
// HEAD, GET, ListObjectsV2 and ListObjectVersions alike, the facts of
// CreateMultipartUpload on the object, and the listings of the upload
// while it is under way, over HTTP and over TLS (where the SDK sends the
// parts aws-chunked).
func TestMultipartETag(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "mpu", types.BucketVersioningStatusEnabled)
		u := mpCreate(t, fx.c, "mpu", "big", func(in *s3.CreateMultipartUploadInput) {
			in.StorageClass = types.StorageClassStandardIa
			in.Metadata = map[string]string{"origin": "mp"}
		})
		parts := [][]byte{fidData(5 << 20), []byte("tail")}
		_, err := fx.c.UploadPart(mpCtx, &s3.UploadPartInput{Bucket: aws.String("mpu"), Key: aws.String("big"),
			UploadId: aws.String(u.id), PartNumber: aws.Int32(2), Body: strings.NewReader("replaced")})
		require.NoError(t, err)
		for i, p := range parts {
			c, opt := fx.capture()
			out, err := fx.c.UploadPart(mpCtx, &s3.UploadPartInput{Bucket: aws.String("mpu"), Key: aws.String("big"),
				UploadId: aws.String(u.id), PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(p)}, opt)
			require.NoError(t, err)
			fx.requireChunked(t, c)
			assert.Equal(t, md5ETag(p), aws.ToString(out.ETag), "part %d", i+1)
			u.parts = append(u.parts, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(int32(i + 1))})
		}
		want := multipartETag(parts)

		listed, err := fx.c.ListParts(mpCtx, &s3.ListPartsInput{Bucket: aws.String("mpu"), Key: aws.String("big"), UploadId: aws.String(u.id)})
		require.NoError(t, err)
		require.Len(t, listed.Parts, 2)
		assert.Equal(t, int64(4), aws.ToInt64(listed.Parts[1].Size))
		assert.Equal(t, types.StorageClassStandardIa, listed.StorageClass)
		uploads, err := fx.c.ListMultipartUploads(mpCtx, &s3.ListMultipartUploadsInput{Bucket: aws.String("mpu")})
		require.NoError(t, err)
		require.Len(t, uploads.Uploads, 1)
		assert.Equal(t, u.id, aws.ToString(uploads.Uploads[0].UploadId))
		assert.Equal(t, "big", aws.ToString(uploads.Uploads[0].Key))

		done, err := u.complete()
		require.NoError(t, err)
		assert.Equal(t, want, aws.ToString(done.ETag))
		require.Len(t, aws.ToString(done.VersionId), 32, "x-amz-version-id in a versioned bucket")
		assert.Equal(t, "mpu", aws.ToString(done.Bucket))
		assert.Equal(t, "big", aws.ToString(done.Key))
		assert.True(t, strings.HasSuffix(aws.ToString(done.Location), "/mpu/big"), aws.ToString(done.Location))

		head := fx.head(t, "mpu", "big", "")
		assert.Equal(t, want, aws.ToString(head.ETag), "HEAD")
		assert.Equal(t, "mp", head.Metadata["origin"])
		assert.Equal(t, types.StorageClassStandardIa, head.StorageClass)
		assert.Equal(t, int64(5<<20+4), aws.ToInt64(head.ContentLength))
		get, body := fx.get(t, "mpu", "big", "")
		assert.Equal(t, want, aws.ToString(get.ETag), "GET")
		assert.True(t, bytes.Equal(append(bytes.Clone(parts[0]), parts[1]...), body), "GET returns the parts in order")
		get, _ = fx.get(t, "mpu", "big", aws.ToString(done.VersionId))
		assert.Equal(t, want, aws.ToString(get.ETag), "GET by version")
		objs := fx.listKeys(t, "mpu")
		require.Len(t, objs, 1)
		assert.Equal(t, want, aws.ToString(objs[0].ETag), "ListObjectsV2")
		assert.Equal(t, types.ObjectStorageClassStandardIa, objs[0].StorageClass)
		rows, _ := fx.listVersions(t, "mpu", 1000)
		require.Len(t, rows, 1)
		assert.Equal(t, strings.Trim(want, `"`), rows[0].ETag, "ListObjectVersions")

		vs := fx.srv.ObjectVersions("mpu", "")
		require.Len(t, vs, 1)
		assert.True(t, vs[0].IsMultipartUploaded)
		assert.Equal(t, strings.Trim(want, `"`), vs[0].ETag)

		uploads, err = fx.c.ListMultipartUploads(mpCtx, &s3.ListMultipartUploadsInput{Bucket: aws.String("mpu")})
		require.NoError(t, err)
		assert.Empty(t, uploads.Uploads, "the completed upload is gone")
	})
}

// TestMultipartErrors: Complete checks the part sizes (EntityTooSmall,
// 400), the order (InvalidPartOrder) and the parts named (InvalidPart);
// none of them ends the upload. Abort ends it; a second abort is
// NoSuchUpload.
func TestMultipartErrors(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	c := srv.Client()
	u := mpCreate(t, c, "bkt", "k")
	p1 := u.part(t, 1, []byte("too small")).ETag
	p2 := u.part(t, 2, []byte("last")).ETag
	one := types.CompletedPart{ETag: p1, PartNumber: aws.Int32(1)}
	two := types.CompletedPart{ETag: p2, PartNumber: aws.Int32(2)}

	_, err := u.complete(one, two)
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "EntityTooSmall"})
	_, err = u.complete(two, one)
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidPartOrder"})
	_, err = u.complete(types.CompletedPart{ETag: p1, PartNumber: aws.Int32(3)})
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidPart"})
	_, err = u.complete(types.CompletedPart{ETag: p1, PartNumber: aws.Int32(2)})
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidPart"}) // the ETag of another part
	status, _, body := goldenDo(t, srv, http.MethodPost, "/bkt/k?uploadId="+u.id, []byte("<CompleteMultipartUpload/>"), nil)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "MalformedXML", errorElements(t, body)["Code"], "no parts")

	// The last part alone may be small: the upload is still there.
	done, err := u.complete(types.CompletedPart{ETag: p2, PartNumber: aws.Int32(2)})
	require.NoError(t, err)
	assert.Equal(t, multipartETag([][]byte{[]byte("last")}), aws.ToString(done.ETag))

	u = mpCreate(t, c, "bkt", "k")
	_, err = c.AbortMultipartUpload(mpCtx, &s3.AbortMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id)})
	require.NoError(t, err)
	_, err = c.AbortMultipartUpload(mpCtx, &s3.AbortMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id)})
	var nsu *types.NoSuchUpload
	require.ErrorAs(t, err, &nsu)
	_, err = u.complete(two)
	requireSDKError(t, err, wantNoSuchUpload) // an aborted upload cannot be completed
}

// TestMultipartNoSuchUploadNamesTheUpload: NoSuchUpload carries
// <UploadId>, for every call on an upload, and an upload of another key
// is not found either.
func TestMultipartNoSuchUploadNamesTheUpload(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	u := mpCreate(t, srv.Client(), "bkt", "k")
	for _, tc := range []struct{ method, target string }{
		{http.MethodPut, "/bkt/k?partNumber=1&uploadId=nope"},
		{http.MethodGet, "/bkt/k?uploadId=nope"},
		{http.MethodDelete, "/bkt/k?uploadId=nope"},
		{http.MethodPost, "/bkt/k?uploadId=nope"},
		{http.MethodPut, "/bkt/other?partNumber=1&uploadId=" + u.id},
	} {
		var body []byte
		if tc.method == http.MethodPost {
			body = []byte("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>")
		}
		status, h, resp := goldenDo(t, srv, tc.method, tc.target, body, nil)
		require.Equal(t, http.StatusNotFound, status, "%s %s: %s", tc.method, tc.target, resp)
		el := requireS3Error(t, wireResponse{status: status, header: h, body: resp}, wantS3Error{
			status: http.StatusNotFound, code: "NoSuchUpload",
			message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
		})
		id := "nope"
		if strings.Contains(tc.target, "other") {
			id = u.id
		}
		assert.Equal(t, id, el["UploadId"], "%s %s", tc.method, tc.target)
	}
}

// TestMultipartRepeatedComplete: S3 answers a CompleteMultipartUpload of
// an upload it already completed with the same completion (a client that
// lost the first answer retries); the object is written once.
func TestMultipartRepeatedComplete(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt", s3fake.Versioned())
	c := srv.Client()
	u := mpCreate(t, c, "bkt", "k")
	u.part(t, 1, []byte("only part"))
	first, err := u.complete()
	require.NoError(t, err)
	again, err := u.complete()
	require.NoError(t, err, "S3 answers the completion again, not NoSuchUpload")
	assert.Equal(t, aws.ToString(first.ETag), aws.ToString(again.ETag))
	assert.Equal(t, aws.ToString(first.Location), aws.ToString(again.Location))
	assert.Equal(t, aws.ToString(first.Key), aws.ToString(again.Key))
	assert.Equal(t, aws.ToString(first.Bucket), aws.ToString(again.Bucket))
	assert.Equal(t, aws.ToString(first.VersionId), aws.ToString(again.VersionId))
	assert.Len(t, srv.ObjectVersions("bkt", "k"), 1, "one version, not two")

	// A completed upload takes no more parts, and is no longer listed.
	_, err = c.UploadPart(mpCtx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		UploadId: aws.String(u.id), PartNumber: aws.Int32(2), Body: strings.NewReader("x")})
	requireSDKError(t, err, wantNoSuchUpload)
	_, err = c.ListParts(mpCtx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id)})
	requireSDKError(t, err, wantNoSuchUpload)
}

// TestMultipartPartNumberRange: a part number outside 1..10000, or not a
// number, is 400 InvalidArgument naming partNumber and the value sent (it
// was InvalidPart), and stores nothing.
func TestMultipartPartNumberRange(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	u := mpCreate(t, srv.Client(), "bkt", "k")
	for _, n := range []string{"10001", "0", "-1", "abc", ""} {
		status, h, body := goldenDo(t, srv, http.MethodPut, "/bkt/k?partNumber="+n+"&uploadId="+u.id, []byte("data"), nil)
		el := requireS3Error(t, wireResponse{status: status, header: h, body: body}, wantS3Error{
			status: http.StatusBadRequest, code: "InvalidArgument",
			message: "Part number must be an integer between 1 and 10000, inclusive",
			values:  map[string]string{"ArgumentName": "partNumber"},
		})
		assert.Equal(t, n, el["ArgumentValue"])
	}
	_, err := u.c.UploadPart(mpCtx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		UploadId: aws.String(u.id), PartNumber: aws.Int32(10001), Body: strings.NewReader("x")})
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument"})
	u.part(t, 10000, []byte("the last part number"))
	parts, err := u.c.ListParts(mpCtx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id)})
	require.NoError(t, err)
	require.Len(t, parts.Parts, 1, "the refused parts were not stored")
	assert.Equal(t, int32(10000), aws.ToInt32(parts.Parts[0].PartNumber))
}

// TestMultipartIfNoneMatchWithMultipartETag: a GET with the object's
// multipart ETag in If-None-Match is 304 Not Modified with that ETag.
func TestMultipartIfNoneMatchWithMultipartETag(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	u := mpCreate(t, srv.Client(), "bkt", "k")
	u.part(t, 1, []byte("x"))
	done, err := u.complete()
	require.NoError(t, err)
	etag := aws.ToString(done.ETag)
	require.True(t, strings.HasSuffix(etag, `-1"`), etag)
	status, h, _ := goldenDo(t, srv, http.MethodGet, "/bkt/k", nil, map[string]string{"If-None-Match": etag})
	assert.Equal(t, http.StatusNotModified, status)
	assert.Equal(t, etag, h.Get("ETag"))
	status, h, _ = goldenDo(t, srv, http.MethodHead, "/bkt/k", nil, nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, etag, h.Get("ETag"), "HEAD reports the multipart ETag")
}

// TestMultipartConditionalComplete: CompleteMultipartUpload takes
// If-None-Match: * and If-Match as PutObject does; a failed condition
// leaves the upload to be completed later, and a repeated completion
// answers the first one even with If-None-Match.
func TestMultipartConditionalComplete(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	srv.PutObject("bkt", "k", []byte("exists"))
	c := srv.Client()
	u := mpCreate(t, c, "bkt", "k")
	u.part(t, 1, []byte("new"))
	in := func(edit func(*s3.CompleteMultipartUploadInput)) *s3.CompleteMultipartUploadInput {
		i := &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id),
			MultipartUpload: &types.CompletedMultipartUpload{Parts: u.parts}}
		edit(i)
		return i
	}
	_, err := c.CompleteMultipartUpload(mpCtx, in(func(i *s3.CompleteMultipartUploadInput) { i.IfNoneMatch = aws.String("*") }))
	requireSDKError(t, err, wantS3Error{status: http.StatusPreconditionFailed, code: "PreconditionFailed"})
	_, err = c.CompleteMultipartUpload(mpCtx, in(func(i *s3.CompleteMultipartUploadInput) { i.IfMatch = aws.String(`"0123"`) }))
	requireSDKError(t, err, wantS3Error{status: http.StatusPreconditionFailed, code: "PreconditionFailed"})
	head, err := c.HeadObject(mpCtx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	require.NoError(t, err)
	done, err := c.CompleteMultipartUpload(mpCtx, in(func(i *s3.CompleteMultipartUploadInput) { i.IfMatch = head.ETag }))
	require.NoError(t, err)
	again, err := c.CompleteMultipartUpload(mpCtx, in(func(i *s3.CompleteMultipartUploadInput) { i.IfNoneMatch = aws.String("*") }))
	require.NoError(t, err)
	assert.Equal(t, aws.ToString(done.ETag), aws.ToString(again.ETag))
}
