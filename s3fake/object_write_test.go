package s3fake_test

// PutObject as S3 answers it (issue 10): facts from headers, checksums,
// Content-MD5, conditional writes, tags, the encryption headers of the
// answer, and bodies sent aws-chunked.

import (
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// TestPutObjectFactsFromHeaders (ported from objstore's
// TestWireFactsFromHeaders): storage class, SSE-KMS with its key and
// bucket key, object lock and the checksum algorithm are the version's
// facts, read back by HEAD; the answer carries the SSE-KMS headers
// (issue 10: they were missing).
func TestPutObjectFactsFromHeaders(t *testing.T) {
	fx := newObjFix(t)
	// Lock headers need a bucket with Object Lock (S3 refuses them
	// elsewhere); Object Lock turns versioning on.
	_, err := fx.c.CreateBucket(fidCtx, &s3.CreateBucketInput{Bucket: aws.String("facts"), ObjectLockEnabledForBucket: aws.Bool(true)})
	require.NoError(t, err)
	until := fx.srv.Now().Add(24 * time.Hour)
	const key = "arn:aws:kms:us-east-1:000000000000:key/k1"
	put := fx.put(t, "facts", "k", []byte("data"), func(in *s3.PutObjectInput) {
		in.StorageClass = types.StorageClassIntelligentTiering
		in.ServerSideEncryption = types.ServerSideEncryptionAwsKms
		in.SSEKMSKeyId = aws.String(key)
		in.BucketKeyEnabled = aws.Bool(true)
		in.ObjectLockMode = types.ObjectLockModeCompliance
		in.ObjectLockRetainUntilDate = aws.Time(until)
		in.ObjectLockLegalHoldStatus = types.ObjectLockLegalHoldStatusOn
		in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256
	})
	assert.Equal(t, types.ServerSideEncryptionAwsKms, put.ServerSideEncryption)
	assert.Equal(t, key, aws.ToString(put.SSEKMSKeyId))
	assert.True(t, aws.ToBool(put.BucketKeyEnabled))
	assert.Len(t, aws.ToString(put.VersionId), 32)
	assert.Equal(t, md5ETag([]byte("data")), aws.ToString(put.ETag))

	vs := fx.srv.ObjectVersions("facts", "")
	require.Len(t, vs, 1)
	v := vs[0]
	assert.Equal(t, "INTELLIGENT_TIERING", v.StorageClass)
	assert.Equal(t, "FREQUENT", v.AccessTier)
	assert.Equal(t, "SSE-KMS", v.Encryption)
	assert.Equal(t, "ENABLED", v.BucketKeyStatus())
	assert.Equal(t, "COMPLIANCE", v.LockMode)
	assert.True(t, v.LockRetainUntil.Equal(until.Truncate(time.Second)))
	assert.Equal(t, "ON", v.LegalHold)
	assert.Equal(t, "SHA256", v.ChecksumAlgorithm)

	head := fx.head(t, "facts", "k", "")
	assert.Equal(t, types.ServerSideEncryptionAwsKms, head.ServerSideEncryption)
	assert.Equal(t, key, aws.ToString(head.SSEKMSKeyId))
	assert.True(t, aws.ToBool(head.BucketKeyEnabled))
	assert.Equal(t, types.ObjectLockModeCompliance, head.ObjectLockMode)
	assert.True(t, aws.ToTime(head.ObjectLockRetainUntilDate).Equal(until.Truncate(time.Second)))
	assert.Equal(t, types.ObjectLockLegalHoldStatusOn, head.ObjectLockLegalHoldStatus)
	assert.Equal(t, types.StorageClassIntelligentTiering, head.StorageClass)
	assert.Nil(t, head.ChecksumSHA256, "checksums only with x-amz-checksum-mode: ENABLED")

	// The default is SSE-S3, and S3 says so.
	plain := fx.put(t, "facts", "plain", []byte("x"))
	assert.Equal(t, types.ServerSideEncryptionAes256, plain.ServerSideEncryption)

	_, err = fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String("facts"), Key: aws.String("x"),
		Body: strings.NewReader("x"), StorageClass: "FROZEN"})
	assert.Equal(t, "InvalidStorageClass", fidCode(err))
	assert.Equal(t, http.StatusBadRequest, fidStatus(err))
	assert.Zero(t, versionCount(fx, "facts", "x"), "nothing stored")
}

// TestPutObjectChecksums: the answer echoes the checksum the request sent
// (header or trailer) with x-amz-checksum-type FULL_OBJECT; a checksum
// that does not match the body is 400 BadDigest and stores nothing.
func TestPutObjectChecksums(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "sums", "")
		body := []byte("hello, checksums")
		put := fx.put(t, "sums", "sha", body, func(in *s3.PutObjectInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256 })
		assert.Equal(t, fullSum(types.ChecksumAlgorithmSha256, body), aws.ToString(put.ChecksumSHA256))
		assert.Equal(t, types.ChecksumTypeFullObject, put.ChecksumType)
		_, got := fx.get(t, "sums", "sha", "", func(in *s3.GetObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
		assert.Equal(t, body, got, "the SDK validated the stored SHA256")

		resp := objRaw(t, fx, http.MethodPut, "/sums/bad", []byte("hello"), http.Header{"X-Amz-Checksum-Crc32": {"AAAAAA=="}})
		requireObjError(t, resp, http.StatusBadRequest, "BadDigest", nil)
		resp = objRaw(t, fx, http.MethodPut, "/sums/bad", []byte("hello"), http.Header{"X-Amz-Checksum-Crc32": {"not base64"}})
		requireObjError(t, resp, http.StatusBadRequest, "InvalidRequest", nil)
		assert.Zero(t, versionCount(fx, "sums", "bad"))
		resp = objRaw(t, fx, http.MethodPut, "/sums/ok", []byte("hello"), http.Header{"X-Amz-Checksum-Crc32": {"NhCmhg=="}})
		require.Equal(t, http.StatusOK, resp.status)
		assert.Equal(t, "NhCmhg==", resp.header.Get("X-Amz-Checksum-Crc32"))
		assert.Equal(t, "FULL_OBJECT", resp.header.Get("X-Amz-Checksum-Type"))
	})
}

// TestPutObjectContentMD5: a Content-MD5 that is not an MD5 is
// InvalidDigest, one that differs from the body's BadDigest; neither
// stores anything.
func TestPutObjectContentMD5(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "md5", "")
	resp := objRaw(t, fx, http.MethodPut, "/md5/k", []byte("x"), http.Header{"Content-Md5": {"not base64!"}})
	requireObjError(t, resp, http.StatusBadRequest, "InvalidDigest", nil)
	resp = objRaw(t, fx, http.MethodPut, "/md5/k", []byte("x"), http.Header{"Content-Md5": {"1B2M2Y8AsgTpgAmY7PhCfg=="}}) // MD5 of ""
	requireObjError(t, resp, http.StatusBadRequest, "BadDigest", map[string]string{"Message": "The Content-MD5 you specified did not match what we received."})
	assert.Zero(t, versionCount(fx, "md5", "k"))
	resp = objRaw(t, fx, http.MethodPut, "/md5/k", []byte("x"), http.Header{"Content-Md5": {"ndTkYSaMgDT1yFZOFVxnpg=="}}) // MD5 of "x"
	require.Equal(t, http.StatusOK, resp.status, "body: %s", resp.body)
}

// TestPutObjectConditionalWrites: If-None-Match: * creates only; If-Match
// replaces only the version with that ETag; If-Match on a key without an
// object is 404 NoSuchKey; a current delete marker is no object.
func TestPutObjectConditionalWrites(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "cws", types.BucketVersioningStatusEnabled)
	put := func(body string, edit func(*s3.PutObjectInput)) (*s3.PutObjectOutput, error) {
		in := &s3.PutObjectInput{Bucket: aws.String("cws"), Key: aws.String("k"), Body: strings.NewReader(body)}
		edit(in)
		return fx.c.PutObject(fidCtx, in)
	}
	first, err := put("one", func(in *s3.PutObjectInput) { in.IfNoneMatch = aws.String("*") })
	require.NoError(t, err)
	_, err = put("two", func(in *s3.PutObjectInput) { in.IfNoneMatch = aws.String("*") })
	assert.Equal(t, http.StatusPreconditionFailed, fidStatus(err))
	assert.Equal(t, "PreconditionFailed", fidCode(err))
	_, err = put("two", func(in *s3.PutObjectInput) { in.IfMatch = aws.String(`"0123456789abcdef0123456789abcdef"`) })
	assert.Equal(t, http.StatusPreconditionFailed, fidStatus(err))
	_, err = put("two", func(in *s3.PutObjectInput) { in.IfMatch = first.ETag })
	require.NoError(t, err)
	assert.Equal(t, 2, versionCount(fx, "cws", "k"))

	resp := objRaw(t, fx, http.MethodPut, "/cws/k", []byte("x"), http.Header{"If-None-Match": {`"abc"`}})
	requireObjError(t, resp, http.StatusNotImplemented, "NotImplemented", map[string]string{"Header": "If-None-Match"})
	resp = objRaw(t, fx, http.MethodPut, "/cws/k", []byte("x"), http.Header{"If-None-Match": {"*"}})
	requireObjError(t, resp, http.StatusPreconditionFailed, "PreconditionFailed", map[string]string{"Condition": "If-None-Match"})

	_, err = fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String("cws"), Key: aws.String("new"), Body: strings.NewReader("x"), IfMatch: first.ETag})
	assert.Equal(t, http.StatusNotFound, fidStatus(err))
	assert.Equal(t, "NoSuchKey", fidCode(err))

	fx.del(t, "cws", "k", "")
	_, err = put("three", func(in *s3.PutObjectInput) { in.IfMatch = first.ETag })
	assert.Equal(t, "NoSuchKey", fidCode(err), "a delete marker is no object")
	_, err = put("three", func(in *s3.PutObjectInput) { in.IfNoneMatch = aws.String("*") })
	require.NoError(t, err, "a delete marker is no object")
	assert.Equal(t, 4, versionCount(fx, "cws", "k"))
}

// TestPutObjectTagging: x-amz-tagging is stored (issue 10: it was dropped
// silently) and counted by GetObject; S3's tag rules refuse bad sets with
// InvalidTag and store nothing.
func TestPutObjectTagging(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "tags", "")
	fx.put(t, "tags", "k", []byte("x"), func(in *s3.PutObjectInput) { in.Tagging = aws.String("project=s3fake&note=two%20words&empty=") })
	out, _ := fx.get(t, "tags", "k", "")
	assert.Equal(t, int32(3), aws.ToInt32(out.TagCount))
	fx.put(t, "tags", "k", []byte("y"))
	out, _ = fx.get(t, "tags", "k", "")
	assert.Nil(t, out.TagCount, "an overwrite without tags has none")

	var eleven []string
	for i := range 11 {
		eleven = append(eleven, "k"+strings.Repeat("x", i)+"=v")
	}
	for _, tc := range []struct{ tagging, message string }{
		{strings.Join(eleven, "&"), "Object tags cannot be greater than 10"},
		{strings.Repeat("k", 129) + "=v", "The TagKey you have provided is too long, max 128"},
		{"k=" + strings.Repeat("v", 257), "The TagValue you have provided is too long, max 256"},
		{"a=1&a=2", "Cannot provide multiple Tags with the same key"},
		{"bad%21key=1", "The TagKey you have provided is invalid"},
		{"aws%3Akey=1", "Your TagKey cannot be prefixed with aws:"},
	} {
		resp := objRaw(t, fx, http.MethodPut, "/tags/bad", []byte("x"), http.Header{"X-Amz-Tagging": {tc.tagging}})
		requireObjError(t, resp, http.StatusBadRequest, "InvalidTag", map[string]string{"Message": tc.message})
	}
	assert.Zero(t, versionCount(fx, "tags", "bad"))
	// 128 and 256 characters, counted in characters, are allowed.
	fx.put(t, "tags", "long", []byte("x"), func(in *s3.PutObjectInput) {
		in.Tagging = aws.String(strings.Repeat("é", 128) + "=" + strings.Repeat("v", 256))
	})
}

// TestPutObjectChunkedOverTLS (ported from objstore's
// TestWireChunkedBodiesOverTLS): over TLS the SDK sends bodies aws-chunked
// with a trailing checksum; the object is the payload and the trailer's
// checksum is stored.
func TestPutObjectChunkedOverTLS(t *testing.T) {
	fx := newObjFix(t, s3fake.WithTLS())
	fx.tls = true
	fx.bucket(t, "tls", "")
	c, opt := fx.capture()
	put, err := fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String("tls"), Key: aws.String("k"), Body: strings.NewReader("hello")}, opt)
	require.NoError(t, err)
	fx.requireChunked(t, c)
	assert.Equal(t, md5ETag([]byte("hello")), aws.ToString(put.ETag))
	assert.Equal(t, "NhCmhg==", aws.ToString(put.ChecksumCRC32), "the trailer's checksum is echoed")
	out, body := fx.get(t, "tls", "k", "")
	assert.Equal(t, "hello", string(body))
	assert.Equal(t, int64(5), aws.ToInt64(out.ContentLength))
	head := fx.head(t, "tls", "k", "", func(in *s3.HeadObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
	assert.Equal(t, "NhCmhg==", aws.ToString(head.ChecksumCRC32), "the trailer's CRC32 is stored")
	assert.Equal(t, types.ChecksumTypeFullObject, head.ChecksumType)

	big := []byte(strings.Repeat("0123456789", 100_000))
	fx.put(t, "tls", "big", big, func(in *s3.PutObjectInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256 })
	_, got := fx.get(t, "tls", "big", "")
	assert.Equal(t, md5ETag(big), md5ETag(got))
	_, part := fx.get(t, "tls", "big", "", func(in *s3.GetObjectInput) { in.Range = aws.String("bytes=10-14") })
	assert.Equal(t, "01234", string(part))
}

// TestPutObjectRawChunkedBodies (ported from objstore's
// TestWireChunkedRawBodies and TestWrapVerifiesSignedChunks): aws-chunked
// bodies by hand; a bad trailer checksum is BadDigest, broken framing is
// refused, nothing is stored; aws-chunked leaves Content-Encoding, other
// codings stay.
func TestPutObjectRawChunkedBodies(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "chunk", "")
	hdr := func(decoded, encoding string) http.Header {
		return http.Header{
			"Content-Encoding":             {encoding},
			"X-Amz-Content-Sha256":         {"STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
			"X-Amz-Decoded-Content-Length": {decoded},
			"X-Amz-Trailer":                {"x-amz-checksum-crc32"},
		}
	}
	good := []byte("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n")
	resp := objRaw(t, fx, http.MethodPut, "/chunk/ok", good, hdr("5", "aws-chunked,gzip"))
	require.Equal(t, http.StatusOK, resp.status, "body: %s", resp.body)
	assert.Equal(t, "NhCmhg==", resp.header.Get("X-Amz-Checksum-Crc32"))
	assert.Equal(t, "hello", getString(t, fx, "chunk", "ok", ""))
	head := fx.head(t, "chunk", "ok", "")
	assert.Equal(t, "gzip", aws.ToString(head.ContentEncoding), "aws-chunked is removed, other codings kept")
	assert.Equal(t, int64(5), aws.ToInt64(head.ContentLength))

	resp = objRaw(t, fx, http.MethodPut, "/chunk/bad", []byte("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"), hdr("5", "aws-chunked"))
	requireObjError(t, resp, http.StatusBadRequest, "BadDigest", nil)
	resp = objRaw(t, fx, http.MethodPut, "/chunk/bad", []byte("5\r\nhello0\r\n\r\n"), hdr("5", "aws-chunked"))
	requireObjError(t, resp, http.StatusBadRequest, "IncompleteBody", nil)
	resp = objRaw(t, fx, http.MethodPut, "/chunk/bad", good, hdr("6", "aws-chunked"))
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.Zero(t, versionCount(fx, "chunk", "bad"))
}

// TestPutObjectStoresNoInternalHeaders (ported from objstore's
// TestWrapDropsInternalHeadersAndChecksumsUnlessAsked): headers a client
// invents are not kept, user metadata is, and nothing internal leaks.
func TestPutObjectStoresNoInternalHeaders(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "int", "")
	resp := objRaw(t, fx, http.MethodPut, "/int/k", []byte("x"), http.Header{
		"X-Amz-S3fake-Explicit-Headers": {"X-Amz-Storage-Class"},
		"X-Amz-Meta-A":                  {"1"},
		"Cache-Control":                 {"max-age=60"},
		"Content-Language":              {"fr"},
	})
	require.Equal(t, http.StatusOK, resp.status)
	resp = objRaw(t, fx, http.MethodHead, "/int/k", nil, nil)
	for name := range resp.header {
		assert.False(t, strings.Contains(strings.ToLower(name), "s3fake"), "internal header %s", name)
	}
	assert.Equal(t, "1", resp.header.Get("X-Amz-Meta-A"))
	assert.Equal(t, "max-age=60", resp.header.Get("Cache-Control"), "stored as S3 stores it")
	assert.Equal(t, "fr", resp.header.Get("Content-Language"))
	assert.Equal(t, "binary/octet-stream", resp.header.Get("Content-Type"), "S3's default type")
}

// TestPutObjectOverwriteDropsMetadata (ported from objstore's
// TestWireOverwriteDropsMetadata and the end-to-end test): an overwrite
// inherits nothing, in unversioned and versioned buckets.
func TestPutObjectOverwriteDropsMetadata(t *testing.T) {
	for _, versioning := range []types.BucketVersioningStatus{"", types.BucketVersioningStatusEnabled} {
		t.Run(string(versioning)+"-", func(t *testing.T) {
			fx := newObjFix(t)
			fx.bucket(t, "ows", versioning)
			fx.put(t, "ows", "k", []byte("first"), func(in *s3.PutObjectInput) {
				in.Metadata = map[string]string{"old": "1", "both": "a"}
				in.StorageClass = types.StorageClassGlacierIr
				in.ContentType = aws.String("text/old")
				in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256
				in.Tagging = aws.String("t=1")
			})
			out := fx.put(t, "ows", "k", []byte("second"), func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"both": "b"} })
			assert.Equal(t, `"a9f0e61a137d86aa9db53465e0801612"`, aws.ToString(out.ETag)) // md5("second")
			head := fx.head(t, "ows", "k", "")
			assert.Equal(t, map[string]string{"both": "b"}, head.Metadata)
			assert.Empty(t, head.StorageClass, "STANDARD is not inherited from GLACIER_IR")
			assert.NotEqual(t, "text/old", aws.ToString(head.ContentType))
			assert.Equal(t, int64(6), aws.ToInt64(head.ContentLength))
			vs := fx.srv.ObjectVersions("ows", "")
			assert.NotEqual(t, "SHA256", vs[0].ChecksumAlgorithm)
		})
	}
}

// TestPutObjectEmptyBodyExpectContinue: a zero-length PUT that expects
// 100-continue gets the interim 100 before its answer (boto3 misreads the
// next answer on the connection otherwise; see object_boto3_test.go).
func TestPutObjectEmptyBodyExpectContinue(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "cont", "")
	req := newRawRequest(t, fx.srv, http.MethodPut, "/cont/empty", nil)
	req.Header.Set("Expect", "100-continue")
	require.NoError(t, fx.srv.SignRequest(req, nil))
	req.Body = http.NoBody // Content-Length: 0, as boto3 sends it
	var interim []int
	ctx := httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		Got1xxResponse: func(code int, _ textproto.MIMEHeader) error { interim = append(interim, code); return nil },
	})
	resp, err := fx.hc.Do(req.WithContext(ctx))
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, []int{http.StatusContinue}, interim, "100 Continue first")
	assert.Equal(t, 1, versionCount(fx, "cont", "empty"))
}

// TestPutObjectSignedChunks (ported from objstore's
// TestWrapVerifiesSignedChunks): an aws-chunked body signed chunk by chunk
// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) is stored when every chunk
// signature chains from the request's; a forged chunk is 403
// SignatureDoesNotMatch and stores nothing.
func TestPutObjectSignedChunks(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "signed", "")
	send := func(key string, forge bool) wireResponse {
		req := newRawRequest(t, fx.srv, http.MethodPut, "/signed/"+key, nil)
		req.Header.Set("Content-Encoding", "aws-chunked")
		req.Header.Set("X-Amz-Decoded-Content-Length", "5")
		require.NoError(t, fx.srv.SignRequestHash(req, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"))
		auth := req.Header.Get("Authorization")
		seed, err := hex.DecodeString(auth[strings.LastIndex(auth, "Signature=")+len("Signature="):])
		require.NoError(t, err)
		at, err := time.Parse("20060102T150405Z", req.Header.Get("X-Amz-Date"))
		require.NoError(t, err)
		creds := fx.srv.Credentials()
		signer := v4.NewStreamSigner(creds, "s3", fx.srv.Region(), seed)
		sig1, err := signer.GetSignature(fidCtx, nil, []byte("hello"), at)
		require.NoError(t, err)
		sig2, err := signer.GetSignature(fidCtx, nil, nil, at)
		require.NoError(t, err)
		if forge {
			sig1[0] ^= 1
		}
		body := "5;chunk-signature=" + hex.EncodeToString(sig1) + "\r\nhello\r\n0;chunk-signature=" + hex.EncodeToString(sig2) + "\r\n\r\n"
		req.Body = io.NopCloser(strings.NewReader(body))
		req.ContentLength = int64(len(body))
		resp, err := fx.hc.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return wireResponse{status: resp.StatusCode, header: resp.Header, body: data}
	}
	resp := send("good", false)
	require.Equal(t, http.StatusOK, resp.status, "body: %s", resp.body)
	assert.Equal(t, "hello", getString(t, fx, "signed", "good", ""))
	resp = send("forged", true)
	requireObjError(t, resp, http.StatusForbidden, "SignatureDoesNotMatch", nil)
	assert.Zero(t, versionCount(fx, "signed", "forged"))
}
