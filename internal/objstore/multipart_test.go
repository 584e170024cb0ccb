package objstore

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
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

func uploadPart(t *testing.T, s *Store, bucket, key string, id gofakes3.UploadID, n int, body []byte) gofakes3.CompletedPart {
	t.Helper()
	etag, err := s.UploadPart(bucket, key, id, n, int64(len(body)), bytes.NewReader(body))
	require.NoError(t, err)
	sum := md5.Sum(body)
	assert.Equal(t, gofakes3.FormatETag(sum[:]), etag)
	return gofakes3.CompletedPart{PartNumber: n, ETag: etag}
}

func complete(s *Store, bucket, key string, id gofakes3.UploadID, parts ...gofakes3.CompletedPart) (gofakes3.VersionID, string, error) {
	return s.CompleteMultipartUpload(bucket, key, id, &gofakes3.CompleteMultipartUploadRequest{Parts: parts})
}

func TestMultipartUploadKeepsETagAndFacts(t *testing.T) {
	clk := newFakeClock()
	s := New(Config{Now: clk.Now, DefaultOwner: "acct", MinPartSize: 4})
	require.NoError(t, s.CreateBucket("b"))
	initiated := clk.Now()
	id, err := s.CreateMultipartUpload("b", "big", map[string]string{
		"X-Amz-Storage-Class": "INTELLIGENT_TIERING", "X-Amz-Meta-Origin": "mp", "Content-Type": "text/csv",
	})
	require.NoError(t, err)
	clk.Advance(time.Hour)
	p1, p2, p3 := []byte("aaaa"), []byte("bbbb"), []byte("c")
	// Parts may arrive in any order and be re-uploaded.
	c3 := uploadPart(t, s, "b", "big", id, 3, p3)
	uploadPart(t, s, "b", "big", id, 1, []byte("old!"))
	c1 := uploadPart(t, s, "b", "big", id, 1, p1)
	c2 := uploadPart(t, s, "b", "big", id, 2, p2)

	vid, etag, err := complete(s, "b", "big", id, c1, c2, c3)
	require.NoError(t, err)
	assert.Empty(t, vid)
	want := multipartETag(p1, p2, p3)
	assert.Equal(t, `"`+want+`"`, etag)

	obj, err := s.GetObject("b", "big", nil)
	require.NoError(t, err)
	assert.Equal(t, "aaaabbbbc", readBody(t, obj))
	assert.Equal(t, `"`+want+`"`, obj.Metadata[ETagHeader], "Wrap turns this into the ETag header")
	assert.Equal(t, "mp", obj.Metadata["X-Amz-Meta-Origin"])
	assert.Equal(t, "text/csv", obj.Metadata["Content-Type"])

	l, err := s.ListBucket("b", nil, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	require.Len(t, l.Contents, 1)
	assert.Equal(t, `"`+want+`"`, l.Contents[0].ETag, "listings keep the multipart ETag (P8)")
	assert.Equal(t, gofakes3.StorageClass("INTELLIGENT_TIERING"), l.Contents[0].StorageClass)

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

	// The upload is gone.
	_, _, err = complete(s, "b", "big", id, c1)
	requireCode(t, err, gofakes3.ErrNoSuchUpload)
}

func TestMultipartChecksums(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	require.NoError(t, s.CreateBucket("b"))
	p1, p2 := []byte("hello "), []byte("world")

	id, err := s.CreateMultipartUpload("b", "composite", map[string]string{"X-Amz-Checksum-Algorithm": "CRC32"})
	require.NoError(t, err)
	c1 := uploadPart(t, s, "b", "composite", id, 1, p1)
	c2 := uploadPart(t, s, "b", "composite", id, 2, p2)
	_, _, err = complete(s, "b", "composite", id, c1, c2)
	require.NoError(t, err)
	v := latest(t, s, "b", "composite")
	assert.Equal(t, ChecksumComposite, v.ChecksumType)
	want := compositeChecksum(ChecksumCRC32, [][]byte{rawChecksum(ChecksumCRC32, p1, 0), rawChecksum(ChecksumCRC32, p2, 0)})
	assert.Equal(t, want, v.Checksum)
	assert.True(t, strings.HasSuffix(v.Checksum, "-2"))

	id, err = s.CreateMultipartUpload("b", "full", map[string]string{
		"X-Amz-Checksum-Algorithm": "CRC32C", "X-Amz-Checksum-Type": "FULL_OBJECT",
	})
	require.NoError(t, err)
	c1 = uploadPart(t, s, "b", "full", id, 1, p1)
	c2 = uploadPart(t, s, "b", "full", id, 2, p2)
	_, _, err = complete(s, "b", "full", id, c1, c2)
	require.NoError(t, err)
	v = latest(t, s, "b", "full")
	assert.Equal(t, ChecksumFullObject, v.ChecksumType)
	assert.Equal(t, fullChecksum(ChecksumCRC32C, []byte("hello world"), 0), v.Checksum)

	_, err = s.CreateMultipartUpload("b", "x", map[string]string{"X-Amz-Checksum-Algorithm": "SHA256", "X-Amz-Checksum-Type": "FULL_OBJECT"})
	requireCode(t, err, codeInvalidRequest)
	_, err = s.CreateMultipartUpload("b", "x", map[string]string{"X-Amz-Checksum-Crc32": "AAAAAA=="})
	requireCode(t, err, codeInvalidRequest)
}

func TestCompleteMultipartUploadErrors(t *testing.T) {
	s, _ := newTestStore(t) // S3's 5 MiB minimum part size
	require.NoError(t, s.CreateBucket("b"))
	id, err := s.CreateMultipartUpload("b", "k", nil)
	require.NoError(t, err)
	small := uploadPart(t, s, "b", "k", id, 1, []byte("tiny"))
	big := bytes.Repeat([]byte("x"), 5<<20)
	b2 := uploadPart(t, s, "b", "k", id, 2, big)
	b3 := uploadPart(t, s, "b", "k", id, 3, []byte("last can be small"))

	_, _, err = complete(s, "b", "k", id)
	requireCode(t, err, gofakes3.ErrMalformedXML)
	_, _, err = complete(s, "b", "k", id, b3, b2)
	requireCode(t, err, gofakes3.ErrInvalidPartOrder)
	_, _, err = complete(s, "b", "k", id, b2, b2)
	requireCode(t, err, gofakes3.ErrInvalidPartOrder) // a repeated part number is out of order
	_, _, err = complete(s, "b", "k", id, gofakes3.CompletedPart{PartNumber: 9, ETag: b2.ETag})
	requireCode(t, err, gofakes3.ErrInvalidPart)
	_, _, err = complete(s, "b", "k", id, gofakes3.CompletedPart{PartNumber: 2, ETag: small.ETag})
	requireCode(t, err, gofakes3.ErrInvalidPart)
	_, _, err = complete(s, "b", "k", id, small, b2)
	requireCode(t, err, codeEntityTooSmall)
	_, _, err = complete(s, "b", "k", "nope", b2)
	requireCode(t, err, gofakes3.ErrNoSuchUpload)
	_, _, err = complete(s, "b", "other-key", id, b2)
	requireCode(t, err, gofakes3.ErrNoSuchUpload)

	// ETags match without quotes and in any case.
	_, etag, err := complete(s, "b", "k", id, gofakes3.CompletedPart{PartNumber: 2, ETag: strings.ToUpper(strings.Trim(b2.ETag, `"`))}, b3)
	require.NoError(t, err)
	assert.Equal(t, `"`+multipartETag(big, []byte("last can be small"))+`"`, etag)
}

func TestUploadPartErrors(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	id, err := s.CreateMultipartUpload("b", "k", nil)
	require.NoError(t, err)
	_, err = s.UploadPart("b", "k", id, 0, 1, strings.NewReader("x"))
	requireCode(t, err, gofakes3.ErrInvalidArgument)
	_, err = s.UploadPart("b", "k", id, 10001, 1, strings.NewReader("x"))
	requireCode(t, err, gofakes3.ErrInvalidArgument)
	_, err = s.UploadPart("b", "k", "nope", 1, 1, strings.NewReader("x"))
	requireCode(t, err, gofakes3.ErrNoSuchUpload)
	_, err = s.UploadPart("b", "k", id, 1, 5, strings.NewReader("x"))
	requireCode(t, err, gofakes3.ErrIncompleteBody)
	etag, err := s.UploadPart("b", "k", id, 1, -1, strings.NewReader("unknown length"))
	require.NoError(t, err)
	assert.Len(t, etag, 34)
	_, err = s.CreateMultipartUpload("nob", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.CreateMultipartUpload("b", "k", map[string]string{"X-Amz-Storage-Class": "NOPE"})
	requireCode(t, err, codeInvalidStorageClass)
}

func TestAbortAndListUploads(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	var ids []gofakes3.UploadID
	for _, k := range []string{"b", "a", "dir/x", "a", "dir/y", "c"} {
		id, err := s.CreateMultipartUpload("b", k, nil)
		require.NoError(t, err)
		ids = append(ids, id)
		clk.Advance(time.Second)
	}
	list := func(marker *gofakes3.UploadListMarker, prefix gofakes3.Prefix, limit int64) *gofakes3.ListMultipartUploadsResult {
		t.Helper()
		res, err := s.ListMultipartUploads("b", marker, prefix, limit)
		require.NoError(t, err)
		return res
	}
	keysOf := func(res *gofakes3.ListMultipartUploadsResult) []string {
		var out []string
		for _, u := range res.Uploads {
			out = append(out, u.Key+"#"+string(u.UploadID))
		}
		for _, p := range res.CommonPrefixes {
			out = append(out, p.Prefix)
		}
		return out
	}
	all := list(nil, gofakes3.Prefix{}, 0)
	assert.Equal(t, []string{"a#" + string(ids[1]), "a#" + string(ids[3]), "b#" + string(ids[0]),
		"c#" + string(ids[5]), "dir/x#" + string(ids[2]), "dir/y#" + string(ids[4])}, keysOf(all),
		"sorted by key, then by initiation")
	assert.False(t, all.IsTruncated)
	assert.Equal(t, gofakes3.StorageClass("STANDARD"), all.Uploads[0].StorageClass)

	// Paging two at a time visits every upload once.
	var got []string
	var marker *gofakes3.UploadListMarker
	for i := 0; ; i++ {
		require.Less(t, i, 10)
		res := list(marker, gofakes3.Prefix{}, 2)
		got = append(got, keysOf(res)...)
		if !res.IsTruncated {
			break
		}
		marker = &gofakes3.UploadListMarker{Object: res.NextKeyMarker, UploadID: res.NextUploadIDMarker}
	}
	assert.Equal(t, keysOf(all), got)

	folded := list(nil, gofakes3.Prefix{HasDelimiter: true, Delimiter: "/"}, 0)
	assert.Equal(t, []string{"a#" + string(ids[1]), "a#" + string(ids[3]), "b#" + string(ids[0]), "c#" + string(ids[5]), "dir/"}, keysOf(folded))

	require.NoError(t, s.AbortMultipartUpload("b", "a", ids[1]))
	requireCode(t, s.AbortMultipartUpload("b", "a", ids[1]), gofakes3.ErrNoSuchUpload)
	requireCode(t, s.AbortMultipartUpload("b", "b", ids[3]), gofakes3.ErrNoSuchUpload)
	assert.Len(t, list(nil, gofakes3.Prefix{}, 0).Uploads, 5)
	_, err := s.ListMultipartUploads("nob", nil, gofakes3.Prefix{}, 0)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
}

func TestListParts(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	id, err := s.CreateMultipartUpload("b", "k", map[string]string{"X-Amz-Storage-Class": "STANDARD_IA"})
	require.NoError(t, err)
	for _, n := range []int{5, 1, 3} {
		uploadPart(t, s, "b", "k", id, n, []byte(strings.Repeat("p", n)))
	}
	res, err := s.ListParts("b", "k", id, 0, 2)
	require.NoError(t, err)
	require.Len(t, res.Parts, 2)
	assert.Equal(t, 1, res.Parts[0].PartNumber)
	assert.Equal(t, 3, res.Parts[1].PartNumber)
	assert.Equal(t, int64(3), res.Parts[1].Size)
	assert.True(t, res.IsTruncated)
	assert.Equal(t, 3, res.NextPartNumberMarker)
	assert.Equal(t, gofakes3.StorageClass("STANDARD_IA"), res.StorageClass)

	res, err = s.ListParts("b", "k", id, 3, 2)
	require.NoError(t, err)
	require.Len(t, res.Parts, 1)
	assert.Equal(t, 5, res.Parts[0].PartNumber)
	assert.False(t, res.IsTruncated)

	_, err = s.ListParts("b", "k", "nope", 0, 0)
	requireCode(t, err, gofakes3.ErrNoSuchUpload)
}

func TestMultipartInVersionedBucket(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	first := putVersion(t, s, "b", "k", "single")
	id, err := s.CreateMultipartUpload("b", "k", nil)
	require.NoError(t, err)
	c1 := uploadPart(t, s, "b", "k", id, 1, []byte("x"))
	vid, _, err := complete(s, "b", "k", id, c1)
	require.NoError(t, err)
	assert.Len(t, vid, 32)
	assert.NotEqual(t, first, vid)
	r := rows(t, s, "b")
	require.Len(t, r, 2)
	assert.Equal(t, string(vid), r[0].ID)
}
