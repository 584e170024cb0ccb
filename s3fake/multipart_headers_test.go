package s3fake_test

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// TestMultipartSSEHeaders: CreateMultipartUpload, UploadPart and
// CompleteMultipartUpload answer with the upload's encryption, as S3
// does: SSE-KMS with its key and bucket key, SSE-S3 by default.
func TestMultipartSSEHeaders(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	c := srv.Client()
	const keyID = "arn:aws:kms:us-east-1:000000000000:key/k1"
	created, err := c.CreateMultipartUpload(mpCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("kms"),
		ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String(keyID), BucketKeyEnabled: aws.Bool(true)})
	require.NoError(t, err)
	assert.Equal(t, types.ServerSideEncryptionAwsKms, created.ServerSideEncryption)
	assert.Equal(t, keyID, aws.ToString(created.SSEKMSKeyId))
	assert.True(t, aws.ToBool(created.BucketKeyEnabled))
	u := &mpUpload{c: c, bucket: "bkt", key: "kms", id: aws.ToString(created.UploadId)}
	part := u.part(t, 1, []byte("secret"))
	assert.Equal(t, types.ServerSideEncryptionAwsKms, part.ServerSideEncryption)
	assert.Equal(t, keyID, aws.ToString(part.SSEKMSKeyId))
	assert.True(t, aws.ToBool(part.BucketKeyEnabled))
	done, err := u.complete()
	require.NoError(t, err)
	assert.Equal(t, types.ServerSideEncryptionAwsKms, done.ServerSideEncryption)
	assert.Equal(t, keyID, aws.ToString(done.SSEKMSKeyId))
	assert.True(t, aws.ToBool(done.BucketKeyEnabled))
	head, err := c.HeadObject(mpCtx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("kms")})
	require.NoError(t, err)
	assert.Equal(t, keyID, aws.ToString(head.SSEKMSKeyId), "the object keeps the upload's encryption")

	plain := mpCreate(t, c, "bkt", "plain")
	p := plain.part(t, 1, []byte("x"))
	assert.Equal(t, types.ServerSideEncryptionAes256, p.ServerSideEncryption, "SSE-S3 is S3's default")
	done, err = plain.complete()
	require.NoError(t, err)
	assert.Equal(t, types.ServerSideEncryptionAes256, done.ServerSideEncryption)
	assert.Nil(t, done.VersionId, "no x-amz-version-id in a bucket that never had versioning")

	_, err = c.CreateMultipartUpload(mpCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("bad"),
		SSEKMSKeyId: aws.String(keyID)})
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument"})
}

// TestMultipartChecksumAnswers: CreateMultipartUpload answers the
// algorithm and type it took (the type defaulted when not sent);
// ListParts and ListMultipartUploads report them; UploadPart answers the
// part's checksum; CompleteMultipartUploadResult carries the object's
// checksum and type.
func TestMultipartChecksumAnswers(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithTLS())
	srv.CreateBucket("bkt")
	c := srv.Client(fidSDKDefaults)
	created, err := c.CreateMultipartUpload(mpCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
	require.NoError(t, err)
	assert.Equal(t, types.ChecksumAlgorithmCrc32, created.ChecksumAlgorithm)
	assert.Equal(t, types.ChecksumTypeComposite, created.ChecksumType, "S3's default type for a multipart CRC32")
	u := &mpUpload{c: c, bucket: "bkt", key: "k", id: aws.ToString(created.UploadId)}
	body := []byte("hello, parts")
	part := u.part(t, 1, body, func(in *s3.UploadPartInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmCrc32 })
	assert.Equal(t, fullSum(types.ChecksumAlgorithmCrc32, body), aws.ToString(part.ChecksumCRC32))

	parts, err := c.ListParts(mpCtx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: created.UploadId})
	require.NoError(t, err)
	assert.Equal(t, types.ChecksumAlgorithmCrc32, parts.ChecksumAlgorithm)
	assert.Equal(t, types.ChecksumTypeComposite, parts.ChecksumType)
	require.Len(t, parts.Parts, 1)
	assert.Equal(t, fullSum(types.ChecksumAlgorithmCrc32, body), aws.ToString(parts.Parts[0].ChecksumCRC32))
	uploads, err := c.ListMultipartUploads(mpCtx, &s3.ListMultipartUploadsInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	require.Len(t, uploads.Uploads, 1)
	assert.Equal(t, types.ChecksumAlgorithmCrc32, uploads.Uploads[0].ChecksumAlgorithm)

	// A COMPOSITE upload needs every part's checksum in Complete.
	_, err = u.complete()
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidRequest"})
	wrong := u.parts[0]
	wrong.ChecksumCRC32 = aws.String("AAAAAA==")
	_, err = u.complete(wrong)
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidPart"})
	right := u.parts[0]
	right.ChecksumCRC32 = part.ChecksumCRC32
	done, err := u.complete(right)
	require.NoError(t, err)
	assert.Equal(t, compositeSum(types.ChecksumAlgorithmCrc32, [][]byte{body}), aws.ToString(done.ChecksumCRC32))
	assert.Equal(t, types.ChecksumTypeComposite, done.ChecksumType)

	// Without an algorithm the object gets S3's full-object CRC64NVME.
	plain := mpCreate(t, c, "bkt", "plain")
	plain.part(t, 1, body)
	done, err = plain.complete()
	require.NoError(t, err)
	assert.NotEmpty(t, aws.ToString(done.ChecksumCRC64NVME))
	assert.Equal(t, types.ChecksumTypeFullObject, done.ChecksumType)
}

// TestMultipartPartChecksumChecks: a part's checksum header or trailer
// must match the part (BadDigest) and be of the upload's algorithm
// (InvalidRequest); Content-MD5 is checked too. Nothing refused is stored.
func TestMultipartPartChecksumChecks(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	c := srv.Client()
	u := mpCreate(t, c, "bkt", "k")
	path := "/bkt/k?partNumber=1&uploadId=" + u.id
	for _, tc := range []struct {
		name   string
		header map[string]string
		code   string
	}{
		{"wrong crc32", map[string]string{"X-Amz-Checksum-Crc32": "AAAAAA=="}, "BadDigest"},
		{"two checksums", map[string]string{"X-Amz-Checksum-Crc32": "NhCmhg==", "X-Amz-Checksum-Sha1": "qvTGHdzF6KLavt4PO0gs2a6pQ00="}, "InvalidRequest"},
		{"not base64", map[string]string{"X-Amz-Checksum-Crc32": "!!"}, "InvalidRequest"},
		{"wrong content-md5", map[string]string{"Content-Md5": base64.StdEncoding.EncodeToString(make([]byte, 16))}, "BadDigest"},
		{"bad content-md5", map[string]string{"Content-Md5": "xx"}, "InvalidDigest"},
	} {
		status, _, body := goldenDo(t, srv, http.MethodPut, path, []byte("hello"), tc.header)
		assert.Equal(t, http.StatusBadRequest, status, tc.name)
		assert.Equal(t, tc.code, errorElements(t, body)["Code"], tc.name)
	}
	// An aws-chunked part whose trailer checksum is wrong is refused too.
	resp := mpSendChunked(t, srv, path, "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n")
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.Equal(t, "BadDigest", errorElements(t, resp.body)["Code"])
	parts, err := c.ListParts(mpCtx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id)})
	require.NoError(t, err)
	assert.Empty(t, parts.Parts, "no refused part was stored")

	sum := md5.Sum([]byte("hello"))
	resp = mpSendChunked(t, srv, path, "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n")
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Equal(t, "NhCmhg==", resp.header.Get("X-Amz-Checksum-Crc32"), "the trailer's checksum is answered")
	status, h, _ := goldenDo(t, srv, http.MethodPut, path, []byte("hello"), map[string]string{
		"X-Amz-Checksum-Crc32": "NhCmhg==", "Content-Md5": base64.StdEncoding.EncodeToString(sum[:]),
	})
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "NhCmhg==", h.Get("X-Amz-Checksum-Crc32"), "the verified checksum is answered")
	assert.Equal(t, md5ETag([]byte("hello")), h.Get("ETag"))

	// An upload with an algorithm takes parts of that algorithm only.
	sha := mpCreate(t, c, "bkt", "sha", func(in *s3.CreateMultipartUploadInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256 })
	status, _, body := goldenDo(t, srv, http.MethodPut, "/bkt/sha?partNumber=1&uploadId="+sha.id, []byte("hello"),
		map[string]string{"X-Amz-Checksum-Crc32": "NhCmhg=="})
	assert.Equal(t, http.StatusBadRequest, status)
	el := errorElements(t, body)
	assert.Equal(t, "InvalidRequest", el["Code"])
	assert.Equal(t, "Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: crc32", el["Message"])
	out := sha.part(t, 1, []byte("hello"), func(in *s3.UploadPartInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256 })
	assert.Equal(t, fullSum(types.ChecksumAlgorithmSha256, []byte("hello")), aws.ToString(out.ChecksumSHA256))
}

// TestMultipartCompleteFullObjectChecksum: a FULL_OBJECT upload's
// Complete may carry the whole object's checksum; a wrong one is
// BadDigest and writes nothing.
func TestMultipartCompleteFullObjectChecksum(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	c := srv.Client()
	u := mpCreate(t, c, "bkt", "k", func(in *s3.CreateMultipartUploadInput) {
		in.ChecksumAlgorithm, in.ChecksumType = types.ChecksumAlgorithmCrc32, types.ChecksumTypeFullObject
	})
	u.part(t, 1, []byte("hello"))
	_, err := c.CompleteMultipartUpload(mpCtx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		UploadId: aws.String(u.id), ChecksumCRC32: aws.String("AAAAAA=="), ChecksumType: types.ChecksumTypeFullObject,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: u.parts}})
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "BadDigest"})
	assert.Empty(t, srv.ObjectVersions("bkt", "k"))
	done, err := c.CompleteMultipartUpload(mpCtx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		UploadId: aws.String(u.id), ChecksumCRC32: aws.String("NhCmhg=="), ChecksumType: types.ChecksumTypeFullObject,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: u.parts}})
	require.NoError(t, err)
	assert.Equal(t, "NhCmhg==", aws.ToString(done.ChecksumCRC32))
	assert.Equal(t, types.ChecksumTypeFullObject, done.ChecksumType)
}

// TestMultipartCreateRefusals: CreateMultipartUpload refuses what S3
// refuses, and creates nothing.
func TestMultipartCreateRefusals(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	c := srv.Client()
	for name, edit := range map[string]func(*s3.CreateMultipartUploadInput){
		"storage class": func(in *s3.CreateMultipartUploadInput) { in.StorageClass = "FROZEN" },
		"type without algorithm": func(in *s3.CreateMultipartUploadInput) {
			in.ChecksumType = types.ChecksumTypeFullObject
		},
		"full-object SHA256": func(in *s3.CreateMultipartUploadInput) {
			in.ChecksumAlgorithm, in.ChecksumType = types.ChecksumAlgorithmSha256, types.ChecksumTypeFullObject
		},
		"key too long": func(in *s3.CreateMultipartUploadInput) { in.Key = aws.String(strings.Repeat("k", 1025)) },
	} {
		in := &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k")}
		edit(in)
		_, err := c.CreateMultipartUpload(mpCtx, in)
		assert.Equal(t, http.StatusBadRequest, fidStatus(err), name)
	}
	uploads, err := c.ListMultipartUploads(mpCtx, &s3.ListMultipartUploadsInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	assert.Empty(t, uploads.Uploads)
	_, err = c.CreateMultipartUpload(mpCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("nosuch"), Key: aws.String("k")})
	requireSDKError(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchBucket"})
}

// mpSendChunked PUTs an unsigned aws-chunked body with a crc32 trailer to
// target, signed as the default account.
func mpSendChunked(t *testing.T, srv *s3fake.Server, target, chunked string) wireResponse {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, srv.URL()+target, strings.NewReader(chunked))
	require.NoError(t, err)
	const hash = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	req.Header.Set("Content-Encoding", "aws-chunked")
	req.Header.Set("X-Amz-Decoded-Content-Length", "5")
	req.Header.Set("X-Amz-Trailer", "x-amz-checksum-crc32")
	req.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: s3fake.DefaultAccessKeyID, SecretAccessKey: s3fake.DefaultSecretAccessKey}
	require.NoError(t, hostileSigner().SignHTTP(context.Background(), creds, req, hash, "s3", srv.Region(), time.Now()))
	return sendRaw(t, req)
}
