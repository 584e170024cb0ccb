package objstore

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// multipartETag is S3's ETag of an object made of parts.
func multipartETag(parts ...[]byte) string {
	h := md5.New()
	for _, p := range parts {
		sum := md5.Sum(p)
		h.Write(sum[:])
	}
	return fmt.Sprintf("%s-%d", hex.EncodeToString(h.Sum(nil)), len(parts))
}

// completeParts completes an upload with parts.
func completeParts(s *Store, bucket, key, id string, parts ...UploadedPart) (Completion, error) {
	return s.CompleteUpload(bucket, key, id, CompleteRequest{Parts: parts})
}

func TestMultipartUploadKeepsETagAndFacts(t *testing.T) {
	clk := newFakeClock()
	s := New(Config{Now: clk.Now, MinPartSize: 4})
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "b", Owner: "acct"}))
	initiated := clk.Now()
	u, err := s.CreateUpload("b", "big", map[string]string{
		"X-Amz-Storage-Class": "INTELLIGENT_TIERING", "X-Amz-Meta-Origin": "mp", "Content-Type": "text/csv",
	})
	require.NoError(t, err)
	assert.Equal(t, "big", u.Key)
	assert.True(t, u.Initiated.Equal(initiated))
	assert.Equal(t, StorageIntelligentTiering, u.Facts.StorageClass)
	assert.Equal(t, "acct", u.Facts.OwnerAccount)
	clk.Advance(time.Hour)
	p1, p2, p3 := []byte("aaaa"), []byte("bbbb"), []byte("c")
	// Parts may arrive in any order and be re-uploaded.
	c3 := mpPut(t, s, "b", "big", u.ID, 3, string(p3))
	mpPut(t, s, "b", "big", u.ID, 1, "old!")
	c1 := mpPut(t, s, "b", "big", u.ID, 1, string(p1))
	c2 := mpPut(t, s, "b", "big", u.ID, 2, string(p2))
	sum := md5.Sum(p1)
	assert.Equal(t, `"`+hex.EncodeToString(sum[:])+`"`, c1.ETag, "a part's ETag is its quoted MD5")

	c, err := completeParts(s, "b", "big", u.ID, c1, c2, c3)
	require.NoError(t, err)
	assert.Empty(t, c.VersionID)
	want := multipartETag(p1, p2, p3)
	assert.Equal(t, `"`+want+`"`, c.ETag)

	obj, err := s.ReadObject("b", "big", "")
	require.NoError(t, err)
	assert.Equal(t, "aaaabbbbc", content(t, obj))
	assert.Equal(t, `"`+want+`"`, obj.ETag, "reads keep the multipart ETag (docs/gofakes3.md P8)")
	assert.Equal(t, map[string]string{"X-Amz-Meta-Origin": "mp", "Content-Type": "text/csv"}, obj.Header)
	assert.Equal(t, []int64{4, 4, 1}, obj.PartSizes)
	off, n, ok := obj.Part(2)
	assert.True(t, ok)
	assert.Equal(t, [2]int64{4, 4}, [2]int64{off, n})
	_, _, ok = obj.Part(4)
	assert.False(t, ok)

	p, err := s.ListObjectsPage("b", ObjectQuery{MaxKeys: 1000})
	require.NoError(t, err)
	require.Len(t, p.Objects, 1)
	assert.Equal(t, want, p.Objects[0].ETag, "listings keep the multipart ETag (P8)")
	assert.Equal(t, StorageIntelligentTiering, p.Objects[0].StorageClass)

	v := latest(t, s, "b", "big")
	assert.Equal(t, want, v.ETag)
	assert.True(t, v.IsMultipart())
	assert.Equal(t, 3, v.PartCount)
	assert.Equal(t, int64(9), v.Size)
	assert.Equal(t, TierFrequent, v.AccessTier)
	assert.True(t, v.LastModified.Equal(initiated), "S3 dates a multipart object by its initiation")
	assert.Equal(t, ChecksumCRC64NVME, v.ChecksumAlgorithm)
	assert.Equal(t, ChecksumFullObject, v.ChecksumType)
	assert.Equal(t, fullChecksum(ChecksumCRC64NVME, []byte("aaaabbbbc"), 0), v.Checksum)

	// The upload is done: a repeated completion answers the first one,
	// and nothing else finds it.
	again, err := completeParts(s, "b", "big", u.ID, c1)
	require.NoError(t, err)
	assert.Equal(t, c, again)
	_, err = s.PutPart("b", "big", u.ID, PartUpload{PartNumber: "1", Body: p1})
	requireCode(t, err, "NoSuchUpload")
}

func TestMultipartChecksums(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	mkBucket(t, s, "b")
	p1, p2 := []byte("hello "), []byte("world")

	u, err := s.CreateUpload("b", "composite", map[string]string{"X-Amz-Checksum-Algorithm": "CRC32"})
	require.NoError(t, err)
	assert.Equal(t, ChecksumComposite, u.Facts.ChecksumType, "CRC32 uploads are COMPOSITE by default")
	r1, err := s.PutPart("b", "composite", u.ID, PartUpload{PartNumber: "1", Body: p1,
		Headers: map[string]string{"X-Amz-Checksum-Crc32": b64(rawChecksum(ChecksumCRC32, p1, 0))}})
	require.NoError(t, err)
	assert.Equal(t, ChecksumCRC32, r1.ChecksumAlgorithm)
	r2, err := s.PutPart("b", "composite", u.ID, PartUpload{PartNumber: "2", Body: p2,
		Headers: map[string]string{"X-Amz-Checksum-Crc32": b64(rawChecksum(ChecksumCRC32, p2, 0))}})
	require.NoError(t, err)
	parts := []UploadedPart{
		{PartNumber: 1, ETag: r1.ETag, Checksums: map[string]string{ChecksumCRC32: r1.Checksum}},
		{PartNumber: 2, ETag: r2.ETag, Checksums: map[string]string{ChecksumCRC32: r2.Checksum}},
	}
	c, err := completeParts(s, "b", "composite", u.ID, parts...)
	require.NoError(t, err)
	v := latest(t, s, "b", "composite")
	assert.Equal(t, ChecksumComposite, v.ChecksumType)
	want := compositeChecksum(ChecksumCRC32, [][]byte{rawChecksum(ChecksumCRC32, p1, 0), rawChecksum(ChecksumCRC32, p2, 0)})
	assert.Equal(t, want, v.Checksum)
	assert.Equal(t, want, c.Checksum)
	assert.True(t, strings.HasSuffix(v.Checksum, "-2"))

	u, err = s.CreateUpload("b", "full", map[string]string{
		"X-Amz-Checksum-Algorithm": "CRC32C", "X-Amz-Checksum-Type": "FULL_OBJECT",
	})
	require.NoError(t, err)
	f1 := mpPut(t, s, "b", "full", u.ID, 1, string(p1))
	f2 := mpPut(t, s, "b", "full", u.ID, 2, string(p2))
	_, err = completeParts(s, "b", "full", u.ID, f1, f2)
	require.NoError(t, err)
	v = latest(t, s, "b", "full")
	assert.Equal(t, ChecksumFullObject, v.ChecksumType)
	assert.Equal(t, fullChecksum(ChecksumCRC32C, []byte("hello world"), 0), v.Checksum)

	_, err = s.CreateUpload("b", "x", map[string]string{"X-Amz-Checksum-Algorithm": "SHA256", "X-Amz-Checksum-Type": "FULL_OBJECT"})
	requireCode(t, err, "InvalidRequest")
	_, err = s.CreateUpload("b", "x", map[string]string{"X-Amz-Checksum-Crc32": "AAAAAA=="})
	requireCode(t, err, "InvalidRequest")
}

func TestCompleteUploadErrors(t *testing.T) {
	s, _ := newTestStore(t) // S3's 5 MiB minimum part size
	mkBucket(t, s, "b")
	u, err := s.CreateUpload("b", "k", nil)
	require.NoError(t, err)
	id := u.ID
	small := mpPut(t, s, "b", "k", id, 1, "tiny")
	big := bytes.Repeat([]byte("x"), 5<<20)
	b2 := mpPut(t, s, "b", "k", id, 2, string(big))
	b3 := mpPut(t, s, "b", "k", id, 3, "last can be small")

	_, err = completeParts(s, "b", "k", id)
	requireCode(t, err, "MalformedXML")
	_, err = completeParts(s, "b", "k", id, b3, b2)
	requireCode(t, err, "InvalidPartOrder")
	_, err = completeParts(s, "b", "k", id, b2, b2)
	requireCode(t, err, "InvalidPartOrder") // a repeated part number is out of order
	_, err = completeParts(s, "b", "k", id, UploadedPart{PartNumber: 9, ETag: b2.ETag})
	requireCode(t, err, "InvalidPart")
	_, err = completeParts(s, "b", "k", id, UploadedPart{PartNumber: 2, ETag: small.ETag})
	requireCode(t, err, "InvalidPart")
	_, err = completeParts(s, "b", "k", id, small, b2)
	requireCode(t, err, "EntityTooSmall")
	_, err = completeParts(s, "b", "k", "nope", b2)
	requireCode(t, err, "NoSuchUpload")
	assert.Equal(t, "nope", err.(*Error).UploadID)
	_, err = completeParts(s, "b", "other-key", id, b2)
	requireCode(t, err, "NoSuchUpload")
	_, err = completeParts(s, "nob", "k", id, b2)
	requireCode(t, err, "NoSuchBucket")
	_, err = s.ReadObject("b", "k", "")
	requireCode(t, err, "NoSuchKey")

	// ETags match without quotes and in any case.
	c, err := completeParts(s, "b", "k", id, UploadedPart{PartNumber: 2, ETag: strings.ToUpper(strings.Trim(b2.ETag, `"`))}, b3)
	require.NoError(t, err)
	assert.Equal(t, `"`+multipartETag(big, []byte("last can be small"))+`"`, c.ETag)
}

func TestPutPartErrors(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	u, err := s.CreateUpload("b", "k", nil)
	require.NoError(t, err)
	for _, n := range []string{"0", "10001", "x", ""} {
		_, err = s.PutPart("b", "k", u.ID, PartUpload{PartNumber: n, Body: []byte("x")})
		requireCode(t, err, "InvalidArgument")
		assert.Equal(t, "partNumber", err.(*Error).ArgumentName)
	}
	_, err = s.PutPart("b", "k", "nope", PartUpload{PartNumber: "1", Body: []byte("x")})
	requireCode(t, err, "NoSuchUpload")
	_, err = s.PutPart("b", "other", u.ID, PartUpload{PartNumber: "1", Body: []byte("x")})
	requireCode(t, err, "NoSuchUpload")
	_, err = s.PutPart("b", "k", u.ID, PartUpload{PartNumber: "1", Body: []byte("x"), Headers: map[string]string{"Content-MD5": "AAAAAAAAAAAAAAAAAAAAAA=="}})
	requireCode(t, err, "BadDigest")
	page, err := s.ListUploadParts("b", "k", u.ID, 0, 1000)
	require.NoError(t, err)
	assert.Empty(t, page.Parts, "a refused part is not stored")

	_, err = s.CreateUpload("nob", "k", nil)
	requireCode(t, err, "NoSuchBucket")
	_, err = s.CreateUpload("b", "k", map[string]string{"X-Amz-Storage-Class": "NOPE"})
	requireCode(t, err, "InvalidStorageClass")
}

func TestAbortAndListUploads(t *testing.T) {
	s, clk := newTestStore(t)
	mkBucket(t, s, "b")
	var ids []string
	for _, k := range []string{"b", "a", "dir/x", "a", "dir/y", "c"} {
		u, err := s.CreateUpload("b", k, nil)
		require.NoError(t, err)
		ids = append(ids, u.ID)
		clk.Advance(time.Second)
	}
	list := func(q UploadsQuery) UploadsPage {
		t.Helper()
		p, err := s.ListUploads("b", q)
		require.NoError(t, err)
		return p
	}
	keysOf := func(p UploadsPage) []string {
		var out []string
		for _, u := range p.Uploads {
			out = append(out, u.Key+"#"+u.ID)
		}
		return append(out, p.CommonPrefixes...)
	}
	all := list(UploadsQuery{MaxUploads: 1000})
	assert.Equal(t, []string{"a#" + ids[1], "a#" + ids[3], "b#" + ids[0],
		"c#" + ids[5], "dir/x#" + ids[2], "dir/y#" + ids[4]}, keysOf(all),
		"sorted by key, then by initiation")
	assert.False(t, all.IsTruncated)
	assert.Equal(t, StorageStandard, all.Uploads[0].Facts.StorageClass)
	assert.NotEmpty(t, all.OwnerID)

	// Paging two at a time visits every upload once.
	var got []string
	q := UploadsQuery{MaxUploads: 2}
	for i := 0; ; i++ {
		require.Less(t, i, 10)
		p := list(q)
		got = append(got, keysOf(p)...)
		if !p.IsTruncated {
			break
		}
		q.KeyMarker, q.UploadIDMarker = p.NextKeyMarker, p.NextUploadIDMarker
	}
	assert.Equal(t, keysOf(all), got)

	folded := list(UploadsQuery{Delimiter: "/", MaxUploads: 1000})
	assert.Equal(t, []string{"a#" + ids[1], "a#" + ids[3], "b#" + ids[0], "c#" + ids[5], "dir/"}, keysOf(folded))

	require.NoError(t, s.AbortUpload("b", "a", ids[1]))
	requireCode(t, s.AbortUpload("b", "a", ids[1]), "NoSuchUpload")
	requireCode(t, s.AbortUpload("b", "b", ids[3]), "NoSuchUpload")
	assert.Len(t, list(UploadsQuery{MaxUploads: 1000}).Uploads, 5)
	_, err := s.ListUploads("nob", UploadsQuery{MaxUploads: 1000})
	requireCode(t, err, "NoSuchBucket")
}

func TestListUploadParts(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	u, err := s.CreateUpload("b", "k", map[string]string{"X-Amz-Storage-Class": "STANDARD_IA"})
	require.NoError(t, err)
	for _, n := range []int{5, 1, 3} {
		mpPut(t, s, "b", "k", u.ID, n, strings.Repeat("p", n))
	}
	page, err := s.ListUploadParts("b", "k", u.ID, 0, 2)
	require.NoError(t, err)
	require.Len(t, page.Parts, 2)
	assert.Equal(t, 1, page.Parts[0].PartNumber)
	assert.Equal(t, 3, page.Parts[1].PartNumber)
	assert.Equal(t, int64(3), page.Parts[1].Size)
	assert.True(t, page.IsTruncated)
	assert.Equal(t, 3, page.NextPartNumberMarker)
	assert.Equal(t, "STANDARD_IA", page.Upload.Facts.StorageClass)

	page, err = s.ListUploadParts("b", "k", u.ID, 3, 2)
	require.NoError(t, err)
	require.Len(t, page.Parts, 1)
	assert.Equal(t, 5, page.Parts[0].PartNumber)
	assert.False(t, page.IsTruncated)

	_, err = s.ListUploadParts("b", "k", "nope", 0, 1000)
	requireCode(t, err, "NoSuchUpload")
}

func TestMultipartInVersionedBucket(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	first := putVersion(t, s, "b", "k", "single")
	u, err := s.CreateUpload("b", "k", nil)
	require.NoError(t, err)
	c1 := mpPut(t, s, "b", "k", u.ID, 1, "x")
	c, err := completeParts(s, "b", "k", u.ID, c1)
	require.NoError(t, err)
	assert.Len(t, c.VersionID, 32)
	assert.NotEqual(t, first, c.VersionID)
	r := rows(t, s, "b")
	require.Len(t, r, 2)
	assert.Equal(t, c.VersionID, r[0].ID)
}
