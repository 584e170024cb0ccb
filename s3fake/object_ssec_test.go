package s3fake_test

// SSE-C through aws-sdk-go-v2: the key checks on every call that writes
// or reads an object, the bucket setting that blocks SSE-C writes (on for
// new buckets), and what is stored (the key's MD5, never the key).

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// ssecKey is a customer key of n bytes of b, base64, with its base64 MD5.
type ssecKey struct{ key, md5 string }

func newSSECKey(b byte, n int) ssecKey {
	raw := bytes.Repeat([]byte{b}, n)
	sum := md5.Sum(raw)
	return ssecKey{base64.StdEncoding.EncodeToString(raw), base64.StdEncoding.EncodeToString(sum[:])}
}

var (
	keyA = newSSECKey('a', 32)
	keyB = newSSECKey('b', 32)
)

func (k ssecKey) put(in *s3.PutObjectInput) {
	in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(k.key), aws.String(k.md5)
}

func (k ssecKey) get(in *s3.GetObjectInput) {
	in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(k.key), aws.String(k.md5)
}

func (k ssecKey) head(in *s3.HeadObjectInput) {
	in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(k.key), aws.String(k.md5)
}

// allowSSEC unblocks SSE-C writes in bucket (blocked in every new bucket).
func allowSSEC(t *testing.T, fx *fid, bucket string) {
	t.Helper()
	_, err := fx.c.PutBucketEncryption(fidCtx, &s3.PutBucketEncryptionInput{Bucket: aws.String(bucket),
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256},
			BlockedEncryptionTypes:             &types.BlockedEncryptionTypes{EncryptionType: []types.EncryptionType{types.EncryptionTypeNone}},
		}}}})
	require.NoError(t, err)
}

// requireS3APIError checks an SDK error: HTTP status, code and, when
// message is not empty (HEAD answers have no body), the message.
func requireS3APIError(t *testing.T, err error, status int, code, message string) {
	t.Helper()
	require.Error(t, err)
	var re *awshttp.ResponseError
	require.True(t, errors.As(err, &re), "not an HTTP response error: %v", err)
	assert.Equal(t, status, re.HTTPStatusCode())
	if message == "" {
		return
	}
	var ae smithy.APIError
	require.True(t, errors.As(err, &ae), "not an API error: %v", err)
	assert.Equal(t, code, ae.ErrorCode())
	assert.Equal(t, message, ae.ErrorMessage())
}

const (
	msgSSECMissing   = "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."
	msgSSECWrongKey  = "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key."
	msgSSECNotForObj = "The encryption parameters are not applicable to this object."
)

// A new bucket blocks SSE-C writes: PutObject, CopyObject and
// CreateMultipartUpload are refused with S3's 403, and nothing is written.
func TestSSECBlockedByDefault(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "ssec", "")
	_, err := fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k"),
		Body: bytes.NewReader([]byte("x")), SSECustomerAlgorithm: aws.String("AES256"),
		SSECustomerKey: aws.String(keyA.key), SSECustomerKeyMD5: aws.String(keyA.md5)})
	requireS3APIError(t, err, http.StatusForbidden, "AccessDenied",
		`User: arn:aws:iam::`+s3fake.DefaultAccountID+`:root is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::ssec/k" because this bucket has blocked upload requests that specify Server Side Encryption with Customer provided keys (SSE-C). Please specify a different server-side encryption type`)
	assert.Zero(t, versionCount(fx, "ssec", "k"))

	fx.put(t, "ssec", "plain", []byte("x"))
	_, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k"), CopySource: aws.String("ssec/plain"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyA.key), SSECustomerKeyMD5: aws.String(keyA.md5)})
	requireS3APIError(t, err, http.StatusForbidden, "AccessDenied",
		`User: arn:aws:iam::`+s3fake.DefaultAccountID+`:root is not authorized to perform: s3:CopyObject on resource: "arn:aws:s3:::ssec/k" because this bucket has blocked upload requests that specify Server Side Encryption with Customer provided keys (SSE-C). Please specify a different server-side encryption type`)
	assert.Zero(t, versionCount(fx, "ssec", "k"))

	_, err = fx.c.CreateMultipartUpload(fidCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("ssec"), Key: aws.String("k"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyA.key), SSECustomerKeyMD5: aws.String(keyA.md5)})
	requireS3APIError(t, err, http.StatusForbidden, "AccessDenied", "")
	ups, err := fx.c.ListMultipartUploads(fidCtx, &s3.ListMultipartUploadsInput{Bucket: aws.String("ssec")})
	require.NoError(t, err)
	assert.Empty(t, ups.Uploads)
}

// An SSE-C object is read with its key only: without it 400, with
// another key 403, with its key the body and the algorithm and key MD5
// echoed; GET, HEAD and GetObjectAttributes alike. Versions keep their
// own keys.
func TestSSECReadNeedsTheKey(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "ssec", types.BucketVersioningStatusEnabled)
	allowSSEC(t, fx, "ssec")
	v1 := fx.put(t, "ssec", "k", []byte("secret one"), keyA.put)
	assert.Equal(t, "AES256", aws.ToString(v1.SSECustomerAlgorithm))
	assert.Equal(t, keyA.md5, aws.ToString(v1.SSECustomerKeyMD5))
	assert.Empty(t, v1.ServerSideEncryption, "S3 names no x-amz-server-side-encryption for SSE-C")
	sum := md5.Sum([]byte("secret one"))
	assert.Equal(t, fmt.Sprintf(`"%x"`, sum), aws.ToString(v1.ETag), "the ETag stays the body's MD5 (docs/sse-c.md)")
	v2 := fx.put(t, "ssec", "k", []byte("secret two"), keyB.put)

	_, err := fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k")})
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msgSSECMissing)
	_, err = fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyA.key), SSECustomerKeyMD5: aws.String(keyA.md5)})
	requireS3APIError(t, err, http.StatusForbidden, "AccessDenied", msgSSECWrongKey)
	out, body := fx.get(t, "ssec", "k", "", keyB.get)
	assert.Equal(t, "secret two", string(body))
	assert.Equal(t, "AES256", aws.ToString(out.SSECustomerAlgorithm))
	assert.Equal(t, keyB.md5, aws.ToString(out.SSECustomerKeyMD5))
	_, body = fx.get(t, "ssec", "k", aws.ToString(v1.VersionId), keyA.get)
	assert.Equal(t, "secret one", string(body), "each version keeps its own key")
	_, err = fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k"), VersionId: v2.VersionId,
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyA.key), SSECustomerKeyMD5: aws.String(keyA.md5)})
	requireS3APIError(t, err, http.StatusForbidden, "AccessDenied", msgSSECWrongKey)

	_, err = fx.c.HeadObject(fidCtx, &s3.HeadObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k")})
	requireS3APIError(t, err, http.StatusBadRequest, "", "")
	_, err = fx.c.HeadObject(fidCtx, &s3.HeadObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyA.key), SSECustomerKeyMD5: aws.String(keyA.md5)})
	requireS3APIError(t, err, http.StatusForbidden, "", "")
	h := fx.head(t, "ssec", "k", "", keyB.head)
	assert.Equal(t, "AES256", aws.ToString(h.SSECustomerAlgorithm))
	assert.Equal(t, keyB.md5, aws.ToString(h.SSECustomerKeyMD5))
	assert.Equal(t, int64(len("secret two")), aws.ToInt64(h.ContentLength))

	attrs := []types.ObjectAttributes{types.ObjectAttributesObjectSize}
	_, err = fx.c.GetObjectAttributes(fidCtx, &s3.GetObjectAttributesInput{Bucket: aws.String("ssec"), Key: aws.String("k"), ObjectAttributes: attrs})
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msgSSECMissing)
	a, err := fx.c.GetObjectAttributes(fidCtx, &s3.GetObjectAttributesInput{Bucket: aws.String("ssec"), Key: aws.String("k"), ObjectAttributes: attrs,
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyB.key), SSECustomerKeyMD5: aws.String(keyB.md5)})
	require.NoError(t, err)
	assert.Equal(t, int64(len("secret two")), aws.ToInt64(a.ObjectSize))

	// SSE-C parameters on an object that is not SSE-C are refused.
	fx.put(t, "ssec", "plain", []byte("x"))
	_, err = fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("ssec"), Key: aws.String("plain"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyA.key), SSECustomerKeyMD5: aws.String(keyA.md5)})
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msgSSECNotForObj)

	// A wrong-length key on a read is the wrong key (403), not a bad one.
	short := newSSECKey('a', 16)
	_, err = fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(short.key), SSECustomerKeyMD5: aws.String(short.md5)})
	requireS3APIError(t, err, http.StatusForbidden, "AccessDenied", msgSSECWrongKey)
}

// Bad SSE-C headers on PutObject get S3's error for each, in S3's order,
// and write nothing.
func TestSSECPutValidation(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "ssec", "")
	allowSSEC(t, fx, "ssec")
	short := newSSECKey('s', 16)
	for _, c := range []struct {
		name                  string
		alg, key, md5, sse    string
		status                int
		code, message, argVal string
	}{
		{"with x-amz-server-side-encryption", "AES256", keyA.key, keyA.md5, "AES256", 400, "InvalidArgument",
			"Server Side Encryption with Customer provided key is incompatible with the encryption method specified", "AES256"},
		{"algorithm not AES256", "AES128", keyA.key, keyA.md5, "", 400, "InvalidEncryptionAlgorithmError",
			"The Encryption request you specified is not valid. Supported value: AES256.", "AES128"},
		{"key without algorithm", "", keyA.key, keyA.md5, "", 400, "InvalidArgument",
			"Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.", "null"},
		{"algorithm without key", "AES256", "", "", "", 400, "InvalidArgument",
			"Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.", "null"},
		{"MD5 of another key", "AES256", keyA.key, keyB.md5, "", 400, "InvalidArgument",
			"The calculated MD5 hash of the key did not match the hash that was provided.", "null"},
		{"key of 16 bytes", "AES256", short.key, short.md5, "", 400, "InvalidArgument",
			"The secret key was invalid for the specified algorithm.", "null"},
	} {
		t.Run(c.name, func(t *testing.T) {
			hdr := http.Header{}
			for k, v := range map[string]string{
				"X-Amz-Server-Side-Encryption-Customer-Algorithm": c.alg, "X-Amz-Server-Side-Encryption-Customer-Key": c.key,
				"X-Amz-Server-Side-Encryption-Customer-Key-Md5": c.md5, "X-Amz-Server-Side-Encryption": c.sse,
			} {
				if v != "" {
					hdr.Set(k, v)
				}
			}
			resp := objRaw(t, fx, http.MethodPut, "/ssec/k", []byte("x"), hdr)
			requireObjError(t, resp, c.status, c.code, map[string]string{"Message": c.message,
				"ArgumentName": "x-amz-server-side-encryption", "ArgumentValue": c.argVal})
			assert.Zero(t, versionCount(fx, "ssec", "k"), "nothing written")
		})
	}
	// Without the MD5 the key is accepted and its MD5 computed (docs/sse-c.md).
	out, err := fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k"), Body: bytes.NewReader([]byte("x")),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyA.key)})
	require.NoError(t, err)
	assert.Equal(t, keyA.md5, aws.ToString(out.SSECustomerKeyMD5))
	_, body := fx.get(t, "ssec", "k", "", keyA.get)
	assert.Equal(t, "x", string(body))
}

// A multipart upload is encrypted with its CreateMultipartUpload key:
// every part must carry the same key, and the object is read with it.
func TestSSECMultipart(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "ssec", "")
	allowSSEC(t, fx, "ssec")
	up, err := fx.c.CreateMultipartUpload(fidCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("ssec"), Key: aws.String("k"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyA.key), SSECustomerKeyMD5: aws.String(keyA.md5)})
	require.NoError(t, err)
	assert.Equal(t, "AES256", aws.ToString(up.SSECustomerAlgorithm))
	assert.Equal(t, keyA.md5, aws.ToString(up.SSECustomerKeyMD5))
	part := func(k *ssecKey) (*s3.UploadPartOutput, error) {
		in := &s3.UploadPartInput{Bucket: aws.String("ssec"), Key: aws.String("k"), UploadId: up.UploadId,
			PartNumber: aws.Int32(1), Body: bytes.NewReader([]byte("part"))}
		if k != nil {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(k.key), aws.String(k.md5)
		}
		return fx.c.UploadPart(fidCtx, in)
	}
	_, err = part(nil)
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest",
		"The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.")
	_, err = part(&keyB)
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", "The provided encryption parameters did not match the ones used originally.")
	parts, err := fx.c.ListParts(fidCtx, &s3.ListPartsInput{Bucket: aws.String("ssec"), Key: aws.String("k"), UploadId: up.UploadId})
	require.NoError(t, err)
	assert.Empty(t, parts.Parts, "refused parts are not stored")
	p, err := part(&keyA)
	require.NoError(t, err)
	assert.Equal(t, keyA.md5, aws.ToString(p.SSECustomerKeyMD5))
	_, err = fx.c.CompleteMultipartUpload(fidCtx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("ssec"), Key: aws.String("k"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: p.ETag}}}})
	require.NoError(t, err)
	_, err = fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k")})
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msgSSECMissing)
	_, body := fx.get(t, "ssec", "k", "", keyA.get)
	assert.Equal(t, "part", string(body))
}

// CopyObject reads an SSE-C source with the x-amz-copy-source-…-customer-*
// headers, and encrypts the copy as its own headers say.
func TestSSECCopy(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "ssec", "")
	allowSSEC(t, fx, "ssec")
	fx.put(t, "ssec", "src", []byte("payload"), keyA.put, func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"m": "v"} })
	cp := func(dst string, src, to *ssecKey) (*s3.CopyObjectOutput, error) {
		in := &s3.CopyObjectInput{Bucket: aws.String("ssec"), Key: aws.String(dst), CopySource: aws.String("ssec/src")}
		if src != nil {
			in.CopySourceSSECustomerAlgorithm, in.CopySourceSSECustomerKey, in.CopySourceSSECustomerKeyMD5 = aws.String("AES256"), aws.String(src.key), aws.String(src.md5)
		}
		if to != nil {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(to.key), aws.String(to.md5)
		}
		return fx.c.CopyObject(fidCtx, in)
	}
	_, err := cp("d", nil, nil)
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msgSSECMissing)
	_, err = cp("d", &keyB, nil)
	requireS3APIError(t, err, http.StatusForbidden, "AccessDenied", msgSSECWrongKey)
	assert.Zero(t, versionCount(fx, "ssec", "d"))

	out, err := cp("d", &keyA, &keyB)
	require.NoError(t, err)
	assert.Equal(t, keyB.md5, aws.ToString(out.SSECustomerKeyMD5))
	_, err = fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("ssec"), Key: aws.String("d"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyA.key), SSECustomerKeyMD5: aws.String(keyA.md5)})
	requireS3APIError(t, err, http.StatusForbidden, "AccessDenied", msgSSECWrongKey)
	got, body := fx.get(t, "ssec", "d", "", keyB.get)
	assert.Equal(t, "payload", string(body))
	assert.Equal(t, map[string]string{"m": "v"}, got.Metadata, "the copy keeps the metadata, not the source's key")

	// Copied without SSE-C headers for the destination: an SSE-S3 object.
	_, err = cp("plain", &keyA, nil)
	require.NoError(t, err)
	got, body = fx.get(t, "ssec", "plain", "")
	assert.Equal(t, "payload", string(body))
	assert.Equal(t, types.ServerSideEncryptionAes256, got.ServerSideEncryption)
	assert.Nil(t, got.SSECustomerKeyMD5)
	assert.Equal(t, map[string]string{"m": "v"}, got.Metadata)
}

// UploadPartCopy reads an SSE-C source with its key and writes into an
// SSE-C upload with the upload's key, as CopyObject and UploadPart do.
func TestSSECUploadPartCopy(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "ssec", "")
	allowSSEC(t, fx, "ssec")
	fx.put(t, "ssec", "src", bytes.Repeat([]byte("s"), 10), keyA.put)
	up, err := fx.c.CreateMultipartUpload(fidCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("ssec"), Key: aws.String("dst"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(keyB.key), SSECustomerKeyMD5: aws.String(keyB.md5)})
	require.NoError(t, err)
	copyPart := func(src, dst *ssecKey) (*s3.UploadPartCopyOutput, error) {
		in := &s3.UploadPartCopyInput{Bucket: aws.String("ssec"), Key: aws.String("dst"), UploadId: up.UploadId,
			PartNumber: aws.Int32(1), CopySource: aws.String("ssec/src")}
		if src != nil {
			in.CopySourceSSECustomerAlgorithm, in.CopySourceSSECustomerKey, in.CopySourceSSECustomerKeyMD5 = aws.String("AES256"), aws.String(src.key), aws.String(src.md5)
		}
		if dst != nil {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(dst.key), aws.String(dst.md5)
		}
		return fx.c.UploadPartCopy(fidCtx, in)
	}
	_, err = copyPart(&keyA, nil)
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest",
		"The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.")
	_, err = copyPart(nil, &keyB)
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msgSSECMissing)
	_, err = copyPart(&keyB, &keyB)
	requireS3APIError(t, err, http.StatusForbidden, "AccessDenied", msgSSECWrongKey)
	parts, err := fx.c.ListParts(fidCtx, &s3.ListPartsInput{Bucket: aws.String("ssec"), Key: aws.String("dst"), UploadId: up.UploadId})
	require.NoError(t, err)
	assert.Empty(t, parts.Parts)

	p, err := copyPart(&keyA, &keyB)
	require.NoError(t, err)
	assert.Equal(t, keyB.md5, aws.ToString(p.SSECustomerKeyMD5))
	_, err = fx.c.CompleteMultipartUpload(fidCtx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("ssec"), Key: aws.String("dst"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: p.CopyPartResult.ETag}}}})
	require.NoError(t, err)
	_, body := fx.get(t, "ssec", "dst", "", keyB.get)
	assert.Equal(t, string(bytes.Repeat([]byte("s"), 10)), string(body))
}
