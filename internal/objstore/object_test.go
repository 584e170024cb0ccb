package objstore

import (
	"crypto/md5"
	"encoding/hex"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/access"
)

// Writing and reading one object: WriteObject, ReadObject, RemoveObject,
// DeleteKeys in an unversioned bucket. How s3fake renders an Object as
// response headers (Content-Type's default, Last-Modified, the facts'
// x-amz-* headers, ranges) is tested in s3fake (object_read_test.go,
// object_write_test.go).

func TestWriteReadObject(t *testing.T) {
	s, clk := newTestStore(t)
	mkBucket(t, s, "b")
	header := map[string]string{"X-Amz-Meta-A": "1", "Content-Type": "text/plain", "X-Amz-Date": "20240506T070809Z"}
	res, err := write(s, "b", "dir/key", "hello world", header)
	require.NoError(t, err)
	assert.Empty(t, res.VersionID, "an unversioned bucket reports no version id")
	sum := md5.Sum([]byte("hello world"))
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	assert.Equal(t, etag, res.ETag)
	assert.Equal(t, EncryptionSSES3, res.Facts.Encryption, "SSE-S3 is S3's default")
	assert.Equal(t, ChecksumCRC64NVME, res.Facts.ChecksumAlgorithm, "S3 adds a CRC64NVME checksum")
	assert.NotEmpty(t, res.Facts.Checksum)

	obj, err := s.ReadObject("b", "dir/key", "")
	require.NoError(t, err)
	assert.Equal(t, "dir/key", obj.Key)
	assert.Equal(t, int64(11), obj.Size)
	assert.Equal(t, etag, obj.ETag)
	assert.False(t, obj.DeleteMarker)
	assert.False(t, obj.Versioned, "no version id is reported for a bucket that never had versioning")
	assert.Equal(t, NullVersionID, obj.VersionID)
	assert.True(t, obj.LastModified.Equal(clk.Now()))
	assert.Equal(t, map[string]string{"X-Amz-Meta-A": "1", "Content-Type": "text/plain"}, obj.Header,
		"request headers that are not stored (X-Amz-Date) are dropped")
	assert.Equal(t, res.Facts, obj.Facts)
	assert.Nil(t, obj.PartSizes)
	assert.Equal(t, "hello world", content(t, obj))

	v := latest(t, s, "b", "dir/key")
	assert.Equal(t, hex.EncodeToString(sum[:]), v.ETag)
	assert.True(t, v.LastModified.Equal(clk.Now()))
	assert.Equal(t, testOwner, v.OwnerAccount)
	assert.Equal(t, access.CanonicalID(testOwner), v.OwnerID)
	assert.Empty(t, v.VersionID)
}

// The store keeps only the headers a request sent; S3's default
// Content-Type on the wire is s3fake's (TestPutObjectStoresNoInternalHeaders).
func TestNoContentTypeStoredWithoutOne(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	mustPut(t, s, "b", "k", "x", nil)
	obj, err := s.ReadObject("b", "k", "")
	require.NoError(t, err)
	assert.Empty(t, obj.Header)
}

// Content serves any byte range of the content; ranges themselves are
// parsed by s3fake (TestGetObjectRanges).
func TestObjectContentRanges(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	mustPut(t, s, "b", "k", "0123456789", nil)
	obj, err := s.ReadObject("b", "k", "")
	require.NoError(t, err)
	for _, tc := range []struct {
		off, n int64
		want   string
	}{{2, 3, "234"}, {7, 3, "789"}, {0, 10, "0123456789"}, {10, 0, ""}} {
		b, err := io.ReadAll(obj.Content(tc.off, tc.n))
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(b))
	}
}

func TestHeadersAreCopied(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	header := map[string]string{"X-Amz-Meta-A": "1"}
	mustPut(t, s, "b", "k", "x", header)

	header["X-Amz-Meta-A"] = "changed by caller"
	obj, err := s.ReadObject("b", "k", "")
	require.NoError(t, err)
	assert.Equal(t, "1", obj.Header["X-Amz-Meta-A"])

	obj.Header["X-Amz-Meta-A"] = "changed by reader"
	again, err := s.ReadObject("b", "k", "")
	require.NoError(t, err)
	assert.Equal(t, "1", again.Header["X-Amz-Meta-A"])
	assert.Equal(t, `"`+latestETag("x")+`"`, again.ETag)
}

func TestOverwriteDropsOldMetadataAndFacts(t *testing.T) {
	s, clk := newTestStore(t)
	mkBucket(t, s, "b")
	mustPut(t, s, "b", "k", "old", map[string]string{
		"X-Amz-Meta-Old": "1", "X-Amz-Meta-Both": "a", "X-Amz-Tagging": "t=1",
		"X-Amz-Storage-Class": "GLACIER_IR", "X-Amz-Server-Side-Encryption": "aws:kms",
		"X-Amz-Checksum-Sha1": sha1Of("old"),
	})
	clk.Advance(time.Minute)
	mustPut(t, s, "b", "k", "new!", map[string]string{"X-Amz-Meta-Both": "b"})

	obj, err := s.ReadObject("b", "k", "")
	require.NoError(t, err)
	assert.Equal(t, "new!", content(t, obj))
	assert.Equal(t, map[string]string{"X-Amz-Meta-Both": "b"}, obj.Header)
	assert.Nil(t, obj.Tags)

	v := latest(t, s, "b", "k")
	assert.Equal(t, StorageStandard, v.StorageClass)
	assert.Equal(t, EncryptionSSES3, v.Encryption)
	assert.Equal(t, ChecksumCRC64NVME, v.ChecksumAlgorithm)
	assert.True(t, v.LastModified.Equal(clk.Now()))
	assert.Equal(t, []string{"k"}, keysIn(t, s, "b"), "an overwrite must not duplicate the key")
	vs, err := s.Versions("b", "")
	require.NoError(t, err)
	assert.Len(t, vs, 1, "an unversioned bucket keeps one version")
}

func TestObjectOwnerIsBucketOwner(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "b", Owner: "acct-9"}))
	mustPut(t, s, "b", "k", "x", nil)
	assert.Equal(t, "acct-9", latest(t, s, "b", "k").OwnerAccount)
}

func TestMissingBucketAndKey(t *testing.T) {
	s, _ := newTestStore(t)
	_, err := s.ReadObject("nob", "k", "")
	requireCode(t, err, "NoSuchBucket")
	assert.Equal(t, "nob", err.(*Error).BucketName)
	_, err = write(s, "nob", "k", "x", nil)
	requireCode(t, err, "NoSuchBucket")
	_, err = s.RemoveObject("nob", "k", "")
	requireCode(t, err, "NoSuchBucket")
	_, err = s.DeleteKeys("nob", []DeleteEntry{{Key: "k"}})
	requireCode(t, err, "NoSuchBucket")
	_, err = s.ListObjectsPage("nob", ObjectQuery{MaxKeys: 1000})
	requireCode(t, err, "NoSuchBucket")

	mkBucket(t, s, "b")
	_, err = s.ReadObject("b", "k", "")
	requireCode(t, err, "NoSuchKey")
	assert.Equal(t, "k", err.(*Error).Key)
}

func TestWriteObjectConditions(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	put := func(body string, header map[string]string) error {
		_, err := write(s, "b", "k", body, header)
		return err
	}
	ifMatch := `"` + strings.Repeat("0", 32) + `"`
	requireCode(t, put("a", map[string]string{"If-Match": ifMatch}), "NoSuchKey")
	require.NoError(t, put("first", map[string]string{"If-None-Match": "*"}))
	err := put("second", map[string]string{"If-None-Match": "*"})
	requireCode(t, err, "PreconditionFailed")
	assert.Equal(t, []Field{{"Condition", "If-None-Match"}}, err.(*Error).Extra)
	err = put("second", map[string]string{"If-Match": ifMatch})
	requireCode(t, err, "PreconditionFailed")
	assert.Equal(t, []Field{{"Condition", "If-Match"}}, err.(*Error).Extra)
	requireCode(t, put("second", map[string]string{"If-None-Match": ifMatch}), "NotImplemented")

	require.NoError(t, put("third", map[string]string{"If-Match": `"` + latestETag("first") + `"`}))
	assert.Equal(t, "third", getBody(t, s, "b", "k", ""))

	// A current delete marker means the object does not exist.
	require.NoError(t, s.SetVersioning("b", VersioningEnabled))
	_, err = s.RemoveObject("b", "k", "")
	require.NoError(t, err)
	require.NoError(t, put("fourth", map[string]string{"If-None-Match": "*"}))
}

func TestRemoveObjectAndDeleteKeys(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	for _, k := range []string{"a", "b", "c", "d"} {
		mustPut(t, s, "b", k, k, nil)
	}

	res, err := s.RemoveObject("b", "a", "")
	require.NoError(t, err)
	assert.Equal(t, RemoveResult{}, res)
	_, err = s.RemoveObject("b", "a", "")
	require.NoError(t, err, "deleting a missing key is not an error")
	_, err = s.ReadObject("b", "a", "")
	requireCode(t, err, "NoSuchKey")

	out, err := s.DeleteKeys("b", []DeleteEntry{{Key: "b"}, {Key: "missing"}, {Key: "d"}})
	require.NoError(t, err)
	assert.Equal(t, []DeleteOutcome{{Key: "b"}, {Key: "missing"}, {Key: "d"}}, out,
		"keys that do not exist are reported as deleted")

	p, err := s.ListObjectsPage("b", ObjectQuery{MaxKeys: 1000})
	require.NoError(t, err)
	assert.Equal(t, []string{"c"}, listKeysOf(p))
	assert.Equal(t, []string{"c"}, keysIn(t, s, "b"))
}

func TestWriteObjectChecksums(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	put := func(header map[string]string) error {
		_, err := write(s, "b", "k", "hello", header)
		return err
	}
	require.NoError(t, put(map[string]string{"X-Amz-Checksum-Crc32": "NhCmhg=="}))
	v := latest(t, s, "b", "k")
	assert.Equal(t, ChecksumCRC32, v.ChecksumAlgorithm)
	assert.Equal(t, ChecksumFullObject, v.ChecksumType)
	assert.Equal(t, "NhCmhg==", v.Checksum)

	requireCode(t, put(map[string]string{"X-Amz-Checksum-Crc32": "AAAAAA=="}), "BadDigest")
	requireCode(t, put(map[string]string{"X-Amz-Checksum-Crc32": "not base64"}), "InvalidRequest")
	requireCode(t, put(map[string]string{"X-Amz-Checksum-Crc32": "NhCmhg==", "X-Amz-Checksum-Sha1": sha1Of("hello")}), "InvalidRequest")
	requireCode(t, put(map[string]string{"X-Amz-Sdk-Checksum-Algorithm": "SHA256", "X-Amz-Checksum-Crc32": "NhCmhg=="}), "InvalidRequest")
	requireCode(t, put(map[string]string{"X-Amz-Sdk-Checksum-Algorithm": "MD5"}), "InvalidRequest")
	requireCode(t, put(map[string]string{"Content-MD5": "nope"}), "InvalidDigest")
	requireCode(t, put(map[string]string{"Content-MD5": "AAAAAAAAAAAAAAAAAAAAAA=="}), "BadDigest")
	assert.Equal(t, "NhCmhg==", latest(t, s, "b", "k").Checksum, "a refused write changes nothing")

	// An algorithm without a value (its trailer got lost) is computed.
	require.NoError(t, put(map[string]string{"X-Amz-Sdk-Checksum-Algorithm": "crc32c"}))
	v = latest(t, s, "b", "k")
	assert.Equal(t, ChecksumCRC32C, v.ChecksumAlgorithm)
	assert.Equal(t, "mnG7TA==", v.Checksum) // CRC32C("hello") = 0x9a71bb4c
}

func TestWriteObjectFactHeaders(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "b", Owner: "111122223333"}))
	until := clk.Now().Add(48 * time.Hour)
	header := map[string]string{
		"X-Amz-Storage-Class":                             "STANDARD_IA",
		"X-Amz-Server-Side-Encryption":                    "aws:kms",
		"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id":     "arn:aws:kms:us-east-1:111122223333:key/k",
		"X-Amz-Server-Side-Encryption-Bucket-Key-Enabled": "true",
		"X-Amz-Object-Lock-Mode":                          "GOVERNANCE",
		"X-Amz-Object-Lock-Retain-Until-Date":             until.Format(time.RFC3339),
		"X-Amz-Object-Lock-Legal-Hold":                    "ON",
	}
	_, err := write(s, "b", "k", "x", header)
	require.NoError(t, err)
	v := latest(t, s, "b", "k")
	assert.Equal(t, "STANDARD_IA", v.StorageClass)
	assert.Equal(t, EncryptionSSEKMS, v.Encryption)
	assert.Equal(t, "arn:aws:kms:us-east-1:111122223333:key/k", v.KMSKeyID)
	assert.True(t, v.BucketKeyEnabled)
	assert.Equal(t, "ENABLED", v.BucketKeyStatus())
	assert.Equal(t, LockGovernance, v.LockMode)
	assert.True(t, v.LockRetainUntil.Equal(until))
	assert.Equal(t, LegalHoldOn, v.LegalHold)

	obj, err := s.ReadObject("b", "k", "")
	require.NoError(t, err)
	assert.Equal(t, v.Facts, obj.Facts, "a read reports the facts the listing does")
	assert.Empty(t, obj.Header, "fact headers become facts, not stored headers")

	bad := []struct {
		header map[string]string
		code   string
	}{
		{map[string]string{"X-Amz-Storage-Class": "COLD"}, "InvalidStorageClass"},
		{map[string]string{"X-Amz-Server-Side-Encryption": "rot13"}, "InvalidArgument"},
		{map[string]string{"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id": "k"}, "InvalidArgument"},
		{map[string]string{"X-Amz-Object-Lock-Mode": "GOVERNANCE"}, "InvalidArgument"},
		{map[string]string{"X-Amz-Object-Lock-Mode": "FOREVER", "X-Amz-Object-Lock-Retain-Until-Date": until.Format(time.RFC3339)}, "InvalidArgument"},
		{map[string]string{"X-Amz-Object-Lock-Mode": "GOVERNANCE", "X-Amz-Object-Lock-Retain-Until-Date": clk.Now().Add(-time.Hour).Format(time.RFC3339)}, "InvalidArgument"},
		{map[string]string{"X-Amz-Object-Lock-Legal-Hold": "maybe"}, "InvalidArgument"},
		{map[string]string{"X-Amz-Server-Side-Encryption-Customer-Algorithm": "AES256", "X-Amz-Server-Side-Encryption": "AES256"}, "InvalidArgument"},
		{map[string]string{"X-Amz-Tagging": "a=1&a=2"}, "InvalidTag"},
	}
	for _, tc := range bad {
		_, err := write(s, "b", "bad", "x", tc.header)
		requireCode(t, err, tc.code)
	}
	_, err = s.ReadObject("b", "bad", "")
	requireCode(t, err, "NoSuchKey")
}

// Archived content cannot be read until restored; s3fake answers GET with
// InvalidObjectState and serves HEAD (TestGetObjectArchived).
func TestArchivedObjects(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	mustPut(t, s, "b", "cold", "x", map[string]string{"X-Amz-Storage-Class": "GLACIER"})
	mustPut(t, s, "b", "deep", "x", map[string]string{"X-Amz-Storage-Class": "DEEP_ARCHIVE"})
	mustPut(t, s, "b", "warm", "x", map[string]string{"X-Amz-Storage-Class": "GLACIER_IR"})
	_, err := s.SeedObject("b", "tiered", Body{}, Facts{StorageClass: StorageIntelligentTiering, AccessTier: "ARCHIVE"}, time.Time{})
	require.NoError(t, err)
	for key, archived := range map[string]bool{"cold": true, "deep": true, "tiered": true, "warm": false} {
		obj, err := s.ReadObject("b", key, "")
		require.NoError(t, err)
		assert.Equal(t, archived, obj.Archived(), key)
	}
}

func TestSizeOnlyBodyReadsAsZeros(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	_, err := s.SeedObject("b", "z", Body{Size: 5}, Facts{}, time.Time{})
	require.NoError(t, err)
	obj, err := s.ReadObject("b", "z", "")
	require.NoError(t, err)
	b, err := io.ReadAll(obj.Content(1, 2))
	require.NoError(t, err)
	assert.Equal(t, "\x00\x00", string(b))
	sum := md5.Sum(make([]byte, 5))
	assert.Equal(t, `"`+hex.EncodeToString(sum[:])+`"`, obj.ETag)
}

func TestUserMetadataLimit(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	ok := map[string]string{"X-Amz-Meta-K": strings.Repeat("v", 2047), "X-Amz-Date": strings.Repeat("d", 5000)}
	_, err := write(s, "b", "k", "x", ok)
	require.NoError(t, err, "only user metadata counts, and 2 KiB of it is allowed")
	tooBig := map[string]string{"X-Amz-Meta-K": strings.Repeat("v", 2048)}
	_, err = write(s, "b", "k", "x", tooBig)
	requireCode(t, err, "MetadataTooLarge")
}

// aws-chunked describes the request body only: S3 does not keep it in the
// object's Content-Encoding.
func TestContentEncodingDropsAWSChunked(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	mustPut(t, s, "b", "gz", "x", map[string]string{"Content-Encoding": "aws-chunked, gzip"})
	mustPut(t, s, "b", "plain", "x", map[string]string{"Content-Encoding": "aws-chunked"})
	obj, err := s.ReadObject("b", "gz", "")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"Content-Encoding": "gzip"}, obj.Header)
	obj, err = s.ReadObject("b", "plain", "")
	require.NoError(t, err)
	assert.Empty(t, obj.Header)
}
