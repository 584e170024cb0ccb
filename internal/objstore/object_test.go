package objstore

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/access"
)

func TestPutGetHead(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	meta := map[string]string{"X-Amz-Meta-A": "1", "Content-Type": "text/plain", "X-Amz-Date": "20240506T070809Z"}
	res, err := s.PutObject("b", "dir/key", meta, strings.NewReader("hello world"), 11, nil)
	require.NoError(t, err)
	assert.Empty(t, res.VersionID, "an unversioned bucket reports no version id")

	sum := md5.Sum([]byte("hello world"))
	obj, err := s.GetObject("b", "dir/key", nil)
	require.NoError(t, err)
	assert.Equal(t, "dir/key", obj.Name)
	assert.Equal(t, int64(11), obj.Size)
	assert.Equal(t, sum[:], obj.Hash)
	assert.Nil(t, obj.Range)
	assert.Empty(t, obj.VersionID)
	assert.False(t, obj.IsDeleteMarker)
	assert.Equal(t, map[string]string{"X-Amz-Meta-A": "1", "Content-Type": "text/plain"}, userMeta(obj.Metadata))
	assert.NotContains(t, obj.Metadata, "X-Amz-Date", "request headers are not stored")
	assert.Equal(t, clk.Now().Format(http.TimeFormat), obj.Metadata["Last-Modified"])
	assert.Equal(t, "AES256", obj.Metadata["X-Amz-Server-Side-Encryption"], "SSE-S3 is S3's default")
	assert.NotEmpty(t, obj.Metadata["X-Amz-Checksum-Crc64nvme"], "S3 adds a CRC64NVME checksum")
	assert.Equal(t, "hello world", readBody(t, obj))

	head, err := s.HeadObject("b", "dir/key")
	require.NoError(t, err)
	assert.Equal(t, int64(11), head.Size)
	assert.Equal(t, sum[:], head.Hash)
	assert.Equal(t, obj.Metadata, head.Metadata)
	assert.Empty(t, readBody(t, head), "HEAD has no body")

	v := latest(t, s, "b", "dir/key")
	assert.Equal(t, hex.EncodeToString(sum[:]), v.ETag)
	assert.True(t, v.LastModified.Equal(clk.Now()))
	assert.Equal(t, "owner-default", v.OwnerAccount)
	assert.Equal(t, access.CanonicalID("owner-default"), v.OwnerID)
	assert.Empty(t, v.VersionID)
}

func TestContentTypeDefault(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	mustPut(t, s, "b", "k", "x", nil)
	head, err := s.HeadObject("b", "k")
	require.NoError(t, err)
	assert.Equal(t, "binary/octet-stream", head.Metadata["Content-Type"])
}

func TestMetadataIsCopied(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	meta := map[string]string{"X-Amz-Meta-A": "1"}
	mustPut(t, s, "b", "k", "x", meta)

	meta["X-Amz-Meta-A"] = "changed by caller"
	obj, err := s.GetObject("b", "k", nil)
	require.NoError(t, err)
	readBody(t, obj)
	assert.Equal(t, "1", obj.Metadata["X-Amz-Meta-A"])

	obj.Metadata["X-Amz-Meta-A"] = "changed by reader"
	obj.Hash[0] ^= 0xff
	head, err := s.HeadObject("b", "k")
	require.NoError(t, err)
	assert.Equal(t, "1", head.Metadata["X-Amz-Meta-A"])
	sum := md5.Sum([]byte("x"))
	assert.Equal(t, sum[:], head.Hash)
}

func TestOverwriteDropsOldMetadataAndFacts(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	mustPut(t, s, "b", "k", "old", map[string]string{
		"X-Amz-Meta-Old": "1", "X-Amz-Meta-Both": "a",
		"X-Amz-Storage-Class": "GLACIER_IR", "X-Amz-Server-Side-Encryption": "aws:kms",
		"X-Amz-Checksum-Sha1": sha1Of("old"),
	})
	clk.Advance(time.Minute)
	mustPut(t, s, "b", "k", "new!", map[string]string{"X-Amz-Meta-Both": "b"})

	obj, err := s.GetObject("b", "k", nil)
	require.NoError(t, err)
	assert.Equal(t, "new!", readBody(t, obj))
	assert.Equal(t, map[string]string{"X-Amz-Meta-Both": "b", "Content-Type": "binary/octet-stream"}, userMeta(obj.Metadata))
	assert.NotContains(t, obj.Metadata, "X-Amz-Storage-Class")
	assert.NotContains(t, obj.Metadata, "X-Amz-Checksum-Sha1")
	assert.Equal(t, "AES256", obj.Metadata["X-Amz-Server-Side-Encryption"])

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
	require.NoError(t, s.CreateBucketOwned("b", "acct-9"))
	mustPut(t, s, "b", "k", "x", nil)
	assert.Equal(t, "acct-9", latest(t, s, "b", "k").OwnerAccount)
}

func TestGetObjectRanges(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	mustPut(t, s, "b", "k", "0123456789", nil)

	cases := []struct {
		name  string
		rng   gofakes3.ObjectRangeRequest
		want  string
		start int64
	}{
		{"closed", gofakes3.ObjectRangeRequest{Start: 2, End: 4}, "234", 2},
		{"open end", gofakes3.ObjectRangeRequest{Start: 7, End: gofakes3.RangeNoEnd}, "789", 7},
		{"suffix", gofakes3.ObjectRangeRequest{FromEnd: true, End: 3}, "789", 7},
		{"past end is clamped", gofakes3.ObjectRangeRequest{Start: 8, End: 100}, "89", 8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rng := tc.rng
			obj, err := s.GetObject("b", "k", &rng)
			require.NoError(t, err)
			assert.Equal(t, tc.want, readBody(t, obj))
			assert.Equal(t, int64(10), obj.Size, "Size is the full object size")
			require.NotNil(t, obj.Range)
			assert.Equal(t, tc.start, obj.Range.Start)
			assert.Equal(t, int64(len(tc.want)), obj.Range.Length)
			for k := range obj.Metadata {
				assert.False(t, strings.HasPrefix(k, "X-Amz-Checksum-"),
					"a ranged GET must not carry the full-object checksum (gofakes3.md P2)")
			}
		})
	}

	_, err := s.GetObject("b", "k", &gofakes3.ObjectRangeRequest{Start: 10, End: 12})
	requireCode(t, err, gofakes3.ErrInvalidRange)
}

func TestMissingBucketAndKey(t *testing.T) {
	s, _ := newTestStore(t)
	_, err := s.GetObject("nob", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.HeadObject("nob", "k")
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.PutObject("nob", "k", nil, strings.NewReader("x"), 1, nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.DeleteObject("nob", "k")
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.DeleteMulti("nob", "k")
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.ListBucket("nob", nil, gofakes3.ListBucketPage{})
	requireCode(t, err, gofakes3.ErrNoSuchBucket)

	require.NoError(t, s.CreateBucket("b"))
	_, err = s.GetObject("b", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchKey)
	_, err = s.HeadObject("b", "k")
	requireCode(t, err, gofakes3.ErrNoSuchKey)
	var resErr interface{ ErrorCode() gofakes3.ErrorCode }
	require.True(t, errors.As(err, &resErr))
	assert.Equal(t, gofakes3.ErrNoSuchKey, resErr.ErrorCode())
}

func TestPutObjectIncompleteBody(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	_, err := s.PutObject("b", "k", nil, strings.NewReader("short"), 10, nil)
	requireCode(t, err, gofakes3.ErrIncompleteBody)
	_, err = s.HeadObject("b", "k")
	requireCode(t, err, gofakes3.ErrNoSuchKey)
}

func TestPutObjectConditions(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	star := "*"
	put := func(body string, cond *gofakes3.PutConditions) error {
		_, err := s.PutObject("b", "k", nil, strings.NewReader(body), int64(len(body)), cond)
		return err
	}

	ifMatch := `"` + strings.Repeat("0", 32) + `"`
	requireCode(t, put("a", &gofakes3.PutConditions{IfMatch: &ifMatch}), gofakes3.ErrPreconditionFailed)
	require.NoError(t, put("first", &gofakes3.PutConditions{IfNoneMatch: &star}))
	requireCode(t, put("second", &gofakes3.PutConditions{IfNoneMatch: &star}), gofakes3.ErrPreconditionFailed)
	requireCode(t, put("second", &gofakes3.PutConditions{IfMatch: &ifMatch}), gofakes3.ErrPreconditionFailed)

	sum := md5.Sum([]byte("first"))
	etag := gofakes3.FormatETag(sum[:])
	require.NoError(t, put("third", &gofakes3.PutConditions{IfMatch: &etag}))

	obj, err := s.GetObject("b", "k", nil)
	require.NoError(t, err)
	assert.Equal(t, "third", readBody(t, obj))

	// A current delete marker means the object does not exist.
	require.NoError(t, s.SetVersioning("b", VersioningEnabled))
	_, err = s.DeleteObject("b", "k")
	require.NoError(t, err)
	require.NoError(t, put("fourth", &gofakes3.PutConditions{IfNoneMatch: &star}))
}

func TestDeleteObjectAndMulti(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	for _, k := range []string{"a", "b", "c", "d"} {
		mustPut(t, s, "b", k, k, nil)
	}

	res, err := s.DeleteObject("b", "a")
	require.NoError(t, err)
	assert.Equal(t, gofakes3.ObjectDeleteResult{}, res)
	_, err = s.DeleteObject("b", "a")
	require.NoError(t, err, "deleting a missing key is not an error")
	_, err = s.HeadObject("b", "a")
	requireCode(t, err, gofakes3.ErrNoSuchKey)

	multi, err := s.DeleteMulti("b", "b", "missing", "d")
	require.NoError(t, err)
	assert.Empty(t, multi.Error)
	assert.Equal(t, []gofakes3.ObjectID{{Key: "b"}, {Key: "missing"}, {Key: "d"}}, multi.Deleted)

	list, err := s.ListBucket("b", nil, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	assert.Equal(t, []string{"c"}, contentsKeys(list))
	assert.Equal(t, []string{"c"}, keysIn(t, s, "b"))
}

func TestPutObjectChecksums(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	put := func(meta map[string]string) error {
		_, err := s.PutObject("b", "k", meta, strings.NewReader("hello"), 5, nil)
		return err
	}
	require.NoError(t, put(map[string]string{"X-Amz-Checksum-Crc32": "NhCmhg=="}))
	v := latest(t, s, "b", "k")
	assert.Equal(t, ChecksumCRC32, v.ChecksumAlgorithm)
	assert.Equal(t, ChecksumFullObject, v.ChecksumType)
	assert.Equal(t, "NhCmhg==", v.Checksum)

	requireCode(t, put(map[string]string{"X-Amz-Checksum-Crc32": "AAAAAA=="}), gofakes3.ErrBadDigest)
	requireCode(t, put(map[string]string{"X-Amz-Checksum-Crc32": "not base64"}), codeInvalidRequest)
	requireCode(t, put(map[string]string{"X-Amz-Checksum-Crc32": "NhCmhg==", "X-Amz-Checksum-Sha1": sha1Of("hello")}), codeInvalidRequest)
	requireCode(t, put(map[string]string{"X-Amz-Sdk-Checksum-Algorithm": "SHA256", "X-Amz-Checksum-Crc32": "NhCmhg=="}), codeInvalidRequest)
	requireCode(t, put(map[string]string{"X-Amz-Sdk-Checksum-Algorithm": "MD5"}), codeInvalidRequest)

	// An algorithm without a value (its trailer got lost) is computed.
	require.NoError(t, put(map[string]string{"X-Amz-Sdk-Checksum-Algorithm": "crc32c"}))
	v = latest(t, s, "b", "k")
	assert.Equal(t, ChecksumCRC32C, v.ChecksumAlgorithm)
	assert.Equal(t, "mnG7TA==", v.Checksum) // CRC32C("hello") = 0x9a71bb4c
}

func TestPutObjectFactHeaders(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucketOwned("b", "111122223333"))
	until := clk.Now().Add(48 * time.Hour)
	meta := map[string]string{
		"X-Amz-Storage-Class":                             "STANDARD_IA",
		"X-Amz-Server-Side-Encryption":                    "aws:kms",
		"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id":     "arn:aws:kms:us-east-1:111122223333:key/k",
		"X-Amz-Server-Side-Encryption-Bucket-Key-Enabled": "true",
		"X-Amz-Object-Lock-Mode":                          "GOVERNANCE",
		"X-Amz-Object-Lock-Retain-Until-Date":             until.Format(time.RFC3339),
		"X-Amz-Object-Lock-Legal-Hold":                    "ON",
	}
	_, err := s.PutObject("b", "k", meta, strings.NewReader("x"), 1, nil)
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

	head, err := s.HeadObject("b", "k")
	require.NoError(t, err)
	for k, want := range map[string]string{
		"X-Amz-Storage-Class":                             "STANDARD_IA",
		"X-Amz-Server-Side-Encryption":                    "aws:kms",
		"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id":     "arn:aws:kms:us-east-1:111122223333:key/k",
		"X-Amz-Server-Side-Encryption-Bucket-Key-Enabled": "true",
		"X-Amz-Object-Lock-Mode":                          "GOVERNANCE",
		"X-Amz-Object-Lock-Retain-Until-Date":             until.UTC().Format("2006-01-02T15:04:05.000Z"),
		"X-Amz-Object-Lock-Legal-Hold":                    "ON",
	} {
		assert.Equal(t, want, head.Metadata[k], k)
	}

	bad := []struct {
		meta map[string]string
		code gofakes3.ErrorCode
	}{
		{map[string]string{"X-Amz-Storage-Class": "COLD"}, codeInvalidStorageClass},
		{map[string]string{"X-Amz-Server-Side-Encryption": "rot13"}, gofakes3.ErrInvalidArgument},
		{map[string]string{"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id": "k"}, gofakes3.ErrInvalidArgument},
		{map[string]string{"X-Amz-Object-Lock-Mode": "GOVERNANCE"}, gofakes3.ErrInvalidArgument},
		{map[string]string{"X-Amz-Object-Lock-Mode": "FOREVER", "X-Amz-Object-Lock-Retain-Until-Date": until.Format(time.RFC3339)}, gofakes3.ErrInvalidArgument},
		{map[string]string{"X-Amz-Object-Lock-Mode": "GOVERNANCE", "X-Amz-Object-Lock-Retain-Until-Date": clk.Now().Add(-time.Hour).Format(time.RFC3339)}, gofakes3.ErrInvalidArgument},
		{map[string]string{"X-Amz-Object-Lock-Legal-Hold": "maybe"}, gofakes3.ErrInvalidArgument},
		{map[string]string{"X-Amz-Server-Side-Encryption-Customer-Algorithm": "AES256", "X-Amz-Server-Side-Encryption": "AES256"}, gofakes3.ErrInvalidArgument},
	}
	for _, tc := range bad {
		_, err := s.PutObject("b", "bad", tc.meta, strings.NewReader("x"), 1, nil)
		requireCode(t, err, tc.code)
	}
	_, err = s.HeadObject("b", "bad")
	requireCode(t, err, gofakes3.ErrNoSuchKey)
}

func TestArchivedObjectsCannotBeRead(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	mustPut(t, s, "b", "cold", "x", map[string]string{"X-Amz-Storage-Class": "GLACIER"})
	_, err := s.GetObject("b", "cold", nil)
	requireCode(t, err, codeInvalidObjectState)
	head, err := s.HeadObject("b", "cold")
	require.NoError(t, err, "HEAD works on archived objects")
	assert.Equal(t, "GLACIER", head.Metadata["X-Amz-Storage-Class"])
}

func TestSizeOnlyBodyReadsAsZeros(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	_, err := s.SeedObject("b", "z", Body{Size: 5}, Facts{}, time.Time{})
	require.NoError(t, err)
	obj, err := s.GetObject("b", "z", &gofakes3.ObjectRangeRequest{Start: 1, End: 2})
	require.NoError(t, err)
	assert.Equal(t, "\x00\x00", readBody(t, obj))
	sum := md5.Sum(make([]byte, 5))
	assert.Equal(t, sum[:], obj.Hash)
}

func TestUserMetadataLimit(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	ok := map[string]string{"X-Amz-Meta-K": strings.Repeat("v", 2047), "X-Amz-Date": strings.Repeat("d", 5000)}
	_, err := s.PutObject("b", "k", ok, strings.NewReader("x"), 1, nil)
	require.NoError(t, err, "only user metadata counts, and 2 KiB of it is allowed")
	tooBig := map[string]string{"X-Amz-Meta-K": strings.Repeat("v", 2048)}
	_, err = s.PutObject("b", "k", tooBig, strings.NewReader("x"), 1, nil)
	requireCode(t, err, gofakes3.ErrMetadataTooLarge)
}
