package objstore_test

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
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

	"github.com/s3fake/s3fake/internal/objstore"
)

func md5hex(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// TestWireMultipartETag uploads in parts and requires S3's "<md5 of part
// md5s>-N" ETag from Complete, HEAD, GET, ListObjectsV2 and
// ListObjectVersions alike (P8), over HTTP and TLS (where the SDK sends
// the parts aws-chunked).
func TestWireMultipartETag(t *testing.T) {
	for _, tls := range []bool{false, true} {
		t.Run(fmt.Sprintf("tls=%v", tls), func(t *testing.T) {
			w := newWire(t, wireOptions{tls: tls})
			w.bucket(t, "bkt", types.BucketVersioningStatusEnabled)
			created, err := w.c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{
				Bucket: aws.String("bkt"), Key: aws.String("big"),
				StorageClass: types.StorageClassStandardIa, Metadata: map[string]string{"origin": "mp"},
			})
			require.NoError(t, err)
			parts := [][]byte{bytes.Repeat([]byte("a"), 5<<20), []byte("tail")}
			var completed []types.CompletedPart
			h := md5.New()
			for i, p := range parts {
				out, err := w.c.UploadPart(ctx, &s3.UploadPartInput{
					Bucket: aws.String("bkt"), Key: aws.String("big"), UploadId: created.UploadId,
					PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(p),
				})
				require.NoError(t, err)
				assert.Equal(t, `"`+md5hex(p)+`"`, aws.ToString(out.ETag))
				if tls {
					require.True(t, w.sawEncoding("aws-chunked"), "parts went aws-chunked")
				}
				completed = append(completed, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(int32(i + 1))})
				sum := md5.Sum(p)
				h.Write(sum[:])
			}
			want := fmt.Sprintf(`"%s-2"`, hex.EncodeToString(h.Sum(nil)))

			parts2, err := w.c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("big"), UploadId: created.UploadId})
			require.NoError(t, err)
			require.Len(t, parts2.Parts, 2)
			assert.Equal(t, int64(4), aws.ToInt64(parts2.Parts[1].Size))
			uploads, err := w.c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("bkt")})
			require.NoError(t, err)
			require.Len(t, uploads.Uploads, 1)
			assert.Equal(t, aws.ToString(created.UploadId), aws.ToString(uploads.Uploads[0].UploadId))

			done, err := w.c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
				Bucket: aws.String("bkt"), Key: aws.String("big"), UploadId: created.UploadId,
				MultipartUpload: &types.CompletedMultipartUpload{Parts: completed},
			})
			require.NoError(t, err)
			assert.Equal(t, want, aws.ToString(done.ETag))
			require.Len(t, aws.ToString(done.VersionId), 32)

			head := w.head(t, "bkt", "big", "")
			assert.Equal(t, want, aws.ToString(head.ETag), "HEAD")
			assert.Equal(t, "mp", head.Metadata["origin"])
			assert.Equal(t, types.StorageClassStandardIa, head.StorageClass)
			assert.Equal(t, int64(5<<20+4), aws.ToInt64(head.ContentLength))
			out, body := w.get(t, "bkt", "big", "")
			assert.Equal(t, want, aws.ToString(out.ETag), "GET")
			assert.Equal(t, md5hex(append(bytes.Clone(parts[0]), parts[1]...)), md5hex([]byte(body)))
			out, _ = w.get(t, "bkt", "big", aws.ToString(done.VersionId))
			assert.Equal(t, want, aws.ToString(out.ETag), "GET by version")
			list, err := w.c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")})
			require.NoError(t, err)
			assert.Equal(t, want, aws.ToString(list.Contents[0].ETag), "ListObjectsV2")
			assert.Equal(t, types.ObjectStorageClassStandardIa, list.Contents[0].StorageClass)
			versions, err := w.c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("bkt")})
			require.NoError(t, err)
			assert.Equal(t, want, aws.ToString(versions.Versions[0].ETag), "ListObjectVersions")
			assert.Equal(t, "STANDARD_IA", string(versions.Versions[0].StorageClass))

			vs, err := w.store.Versions("bkt", "")
			require.NoError(t, err)
			assert.True(t, vs[0].IsMultipart())
			assert.Equal(t, 2, vs[0].PartCount)
			assert.Equal(t, strings.Trim(want, `"`), vs[0].ETag)

			uploads, err = w.c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("bkt")})
			require.NoError(t, err)
			assert.Empty(t, uploads.Uploads, "the upload is gone")
		})
	}
}

func TestWireMultipartErrors(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", "")
	created, err := w.c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	require.NoError(t, err)
	upload := func(n int32, body []byte) types.CompletedPart {
		out, err := w.c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
			UploadId: created.UploadId, PartNumber: aws.Int32(n), Body: bytes.NewReader(body)})
		require.NoError(t, err)
		return types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(n)}
	}
	p1, p2 := upload(1, []byte("too small")), upload(2, []byte("last"))
	completeWith := func(parts ...types.CompletedPart) error {
		_, err := w.c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
			Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: created.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: parts},
		})
		return err
	}
	err = completeWith(p1, p2)
	requireAPIError(t, err, "EntityTooSmall")
	assert.Equal(t, http.StatusBadRequest, httpStatus(err), "not gofakes3's 500")
	requireAPIError(t, completeWith(p2, p1), "InvalidPartOrder")
	requireAPIError(t, completeWith(types.CompletedPart{ETag: p1.ETag, PartNumber: aws.Int32(3)}), "InvalidPart")

	_, err = w.c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: created.UploadId})
	require.NoError(t, err)
	_, err = w.c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: created.UploadId})
	var nsu *types.NoSuchUpload
	assert.ErrorAs(t, err, &nsu)

	// UploadPartCopy is refused, not stored as an empty part.
	_, err = w.c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		UploadId: aws.String("x"), PartNumber: aws.Int32(1), CopySource: aws.String("bkt/k")})
	assert.Equal(t, http.StatusNotImplemented, httpStatus(err))
}

// TestWireChunkedBodiesOverTLS: over TLS the SDK sends PutObject bodies as
// aws-chunked with a trailing checksum; gofakes3 alone stores the framing
// (P1). Through Wrap the object is the payload and the trailer checksum is
// kept.
func TestWireChunkedBodiesOverTLS(t *testing.T) {
	w := newWire(t, wireOptions{tls: true})
	w.bucket(t, "bkt", "")
	put := w.put(t, "bkt", "k", "hello")
	require.True(t, w.sawEncoding("aws-chunked"), "the SDK sent aws-chunked, so this test covers P1")
	assert.Equal(t, `"`+md5hex([]byte("hello"))+`"`, aws.ToString(put.ETag))
	out, body := w.get(t, "bkt", "k", "")
	assert.Equal(t, "hello", body)
	assert.Equal(t, int64(5), aws.ToInt64(out.ContentLength))
	head, err := w.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), ChecksumMode: types.ChecksumModeEnabled})
	require.NoError(t, err)
	assert.Equal(t, "NhCmhg==", aws.ToString(head.ChecksumCRC32), "the trailer's CRC32 is stored")
	assert.Equal(t, types.ChecksumTypeFullObject, head.ChecksumType)
	vs, err := w.store.Versions("bkt", "")
	require.NoError(t, err)
	assert.Equal(t, "CRC32", vs[0].ChecksumAlgorithm)

	// Larger bodies, other algorithms, and a ranged GET with validation
	// enabled (P2).
	big := bytes.Repeat([]byte("0123456789"), 100_000)
	w.put(t, "bkt", "big", string(big), func(in *s3.PutObjectInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256 })
	_, body = w.get(t, "bkt", "big", "")
	assert.Equal(t, md5hex(big), md5hex([]byte(body)))
	rng, err := w.c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("big"), Range: aws.String("bytes=10-14")})
	require.NoError(t, err)
	part, err := io.ReadAll(rng.Body)
	require.NoError(t, err, "a ranged GET must not fail checksum validation (P2)")
	assert.Equal(t, "01234", string(part))
}

// TestWireChunkedRawBodies sends aws-chunked bodies by hand: a bad trailer
// checksum is BadDigest, broken framing is refused, nothing is stored.
func TestWireChunkedRawBodies(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", "")
	hdr := func(decoded string) http.Header {
		return http.Header{
			"Content-Encoding":             {"aws-chunked"},
			"X-Amz-Content-Sha256":         {"STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
			"X-Amz-Decoded-Content-Length": {decoded},
			"X-Amz-Trailer":                {"x-amz-checksum-crc32"},
		}
	}
	resp := w.rawRequest(t, http.MethodPut, "/bkt/ok", strings.NewReader("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n"), hdr("5"))
	require.Equal(t, http.StatusOK, resp.StatusCode)
	_, body := w.get(t, "bkt", "ok", "")
	assert.Equal(t, "hello", body)

	resp = w.rawRequest(t, http.MethodPut, "/bkt/bad", strings.NewReader("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"), hdr("5"))
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	b, _ := io.ReadAll(resp.Body)
	assert.Contains(t, string(b), "<Code>BadDigest</Code>")

	resp = w.rawRequest(t, http.MethodPut, "/bkt/bad", strings.NewReader("5\r\nhello0\r\n\r\n"), hdr("5"))
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	b, _ = io.ReadAll(resp.Body)
	assert.Contains(t, string(b), "<Code>IncompleteBody</Code>")

	resp = w.rawRequest(t, http.MethodPut, "/bkt/bad", strings.NewReader("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n"), hdr("6"))
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	_, err := w.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("bad")})
	assert.Equal(t, http.StatusNotFound, httpStatus(err))
}

func TestWireFactsFromHeaders(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", types.BucketVersioningStatusEnabled)
	until := w.clock.Now().Add(24 * time.Hour)
	w.put(t, "bkt", "k", "data", func(in *s3.PutObjectInput) {
		in.StorageClass = types.StorageClassIntelligentTiering
		in.ServerSideEncryption = types.ServerSideEncryptionAwsKms
		in.SSEKMSKeyId = aws.String("arn:aws:kms:us-east-1:000000000000:key/k1")
		in.BucketKeyEnabled = aws.Bool(true)
		in.ObjectLockMode = types.ObjectLockModeCompliance
		in.ObjectLockRetainUntilDate = aws.Time(until)
		in.ObjectLockLegalHoldStatus = types.ObjectLockLegalHoldStatusOn
		in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256
	})
	vs, err := w.store.Versions("bkt", "")
	require.NoError(t, err)
	f := vs[0].Facts
	assert.Equal(t, "INTELLIGENT_TIERING", f.StorageClass)
	assert.Equal(t, "FREQUENT", f.AccessTier)
	assert.Equal(t, objstore.EncryptionSSEKMS, f.Encryption)
	assert.Equal(t, "arn:aws:kms:us-east-1:000000000000:key/k1", f.KMSKeyID)
	assert.True(t, f.BucketKeyEnabled)
	assert.Equal(t, "COMPLIANCE", f.LockMode)
	assert.True(t, f.LockRetainUntil.Equal(until))
	assert.Equal(t, "ON", f.LegalHold)
	assert.Equal(t, "SHA256", f.ChecksumAlgorithm)
	assert.Equal(t, "000000000000", f.OwnerAccount)

	head := w.head(t, "bkt", "k", "")
	assert.Equal(t, types.ServerSideEncryptionAwsKms, head.ServerSideEncryption)
	assert.Equal(t, "arn:aws:kms:us-east-1:000000000000:key/k1", aws.ToString(head.SSEKMSKeyId))
	assert.True(t, aws.ToBool(head.BucketKeyEnabled))
	assert.Equal(t, types.ObjectLockModeCompliance, head.ObjectLockMode)
	assert.True(t, aws.ToTime(head.ObjectLockRetainUntilDate).Equal(until))
	assert.Equal(t, types.ObjectLockLegalHoldStatusOn, head.ObjectLockLegalHoldStatus)
	assert.Equal(t, types.StorageClassIntelligentTiering, head.StorageClass)
	assert.Nil(t, head.ChecksumSHA256, "checksums only with x-amz-checksum-mode: ENABLED")

	_, err = w.c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("x"),
		Body: strings.NewReader("x"), StorageClass: "FROZEN"})
	requireAPIError(t, err, "InvalidStorageClass")
	assert.Equal(t, http.StatusBadRequest, httpStatus(err))
}

func TestWireCopyObjectVersions(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", types.BucketVersioningStatusEnabled)
	v1 := aws.ToString(w.put(t, "bkt", "src", "one", func(in *s3.PutObjectInput) {
		in.StorageClass = types.StorageClassGlacierIr
		in.Metadata = map[string]string{"m": "1"}
	}).VersionId)
	v2 := aws.ToString(w.put(t, "bkt", "src", "two").VersionId)

	out, err := w.c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String("dst"), CopySource: aws.String("bkt/src")})
	require.NoError(t, err)
	assert.Equal(t, v2, aws.ToString(out.CopySourceVersionId))
	newID := aws.ToString(out.VersionId)
	require.Len(t, newID, 32)
	assert.NotEqual(t, v2, newID, "the copy's own version id, not the source's")
	_, body := w.get(t, "bkt", "dst", newID)
	assert.Equal(t, "two", body)

	out, err = w.c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String("dst"),
		CopySource: aws.String("bkt/src?versionId=" + v1)})
	require.NoError(t, err)
	assert.Equal(t, v1, aws.ToString(out.CopySourceVersionId))
	head := w.head(t, "bkt", "dst", "")
	assert.Equal(t, "1", head.Metadata["m"], "metadata is copied by default")
	assert.Empty(t, head.StorageClass, "the storage class is not: STANDARD")
	_, body = w.get(t, "bkt", "dst", "")
	assert.Equal(t, "one", body)

	_, err = w.c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String("dst"),
		CopySource: aws.String("bkt/src"), MetadataDirective: types.MetadataDirectiveReplace,
		Metadata: map[string]string{"n": "2"}})
	require.NoError(t, err)
	head = w.head(t, "bkt", "dst", "")
	assert.Equal(t, map[string]string{"n": "2"}, head.Metadata, "REPLACE drops the source's metadata")

	_, err = w.c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String("src"), CopySource: aws.String("bkt/src")})
	requireAPIError(t, err, "InvalidRequest")
}

func TestWireDeleteObjectsWithVersions(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", types.BucketVersioningStatusEnabled)
	v1 := aws.ToString(w.put(t, "bkt", "a", "1").VersionId)
	w.put(t, "bkt", "a", "2")
	w.put(t, "bkt", "b", "1")
	out, err := w.c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{
		Objects: []types.ObjectIdentifier{{Key: aws.String("a"), VersionId: aws.String(v1)}, {Key: aws.String("b")}},
	}})
	require.NoError(t, err)
	assert.Len(t, out.Deleted, 2)
	rows, _ := w.allVersions(t, "bkt", 1000)
	require.Len(t, rows, 3)
	assert.Equal(t, "a", rows[0].Key)
	assert.NotEqual(t, v1, rows[0].ID)
	assert.True(t, rows[1].DM, "b got a delete marker")
}

func TestWireIfNoneMatchWithMultipartETag(t *testing.T) {
	w := newWire(t, wireOptions{minPartSize: -1})
	w.bucket(t, "bkt", "")
	created, err := w.c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	require.NoError(t, err)
	part, err := w.c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		UploadId: created.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader("x")})
	require.NoError(t, err)
	done, err := w.c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		UploadId: created.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
	require.NoError(t, err)
	resp := w.rawRequest(t, http.MethodGet, "/bkt/k", nil, http.Header{"If-None-Match": {aws.ToString(done.ETag)}})
	assert.Equal(t, http.StatusNotModified, resp.StatusCode)
	assert.Equal(t, aws.ToString(done.ETag), resp.Header.Get("ETag"))
}
