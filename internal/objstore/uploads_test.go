package objstore

import (
	"crypto/md5"
	"encoding/hex"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mpPut stores part n of an upload through the pure API.
func mpPut(t *testing.T, s *Store, bucket, key, id string, n int, body string) UploadedPart {
	t.Helper()
	res, err := s.PutPart(bucket, key, id, PartUpload{PartNumber: strconv.Itoa(n), Body: []byte(body)})
	require.NoError(t, err)
	return UploadedPart{PartNumber: n, ETag: res.ETag}
}

func TestCompleteUploadRecordsPartSizesAndTags(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	mkBucket(t, s, "b")
	u, err := s.CreateUpload("b", "k", map[string]string{"X-Amz-Tagging": "team=a&env=prod", "Content-Type": "text/plain"})
	require.NoError(t, err)
	assert.Equal(t, EncryptionSSES3, u.Facts.Encryption, "S3's default encryption is reported")
	assert.Empty(t, u.Facts.ChecksumAlgorithm, "no algorithm was named")
	p1 := mpPut(t, s, "b", "k", u.ID, 1, "aaaa")
	p2 := mpPut(t, s, "b", "k", u.ID, 2, "bb")
	c, err := s.CompleteUpload("b", "k", u.ID, CompleteRequest{Parts: []UploadedPart{p1, p2}})
	require.NoError(t, err)
	assert.Equal(t, `"`+multipartETag([]byte("aaaa"), []byte("bb"))+`"`, c.ETag)
	assert.Equal(t, ChecksumCRC64NVME, c.ChecksumAlgorithm)
	assert.Equal(t, 2, c.Facts.PartCount)

	obj, err := s.ReadObject("b", "k", "")
	require.NoError(t, err)
	assert.Equal(t, []int64{4, 2}, obj.PartSizes, "GetObject ?partNumber= finds the parts")
	assert.Equal(t, []Tag{{"team", "a"}, {"env", "prod"}}, obj.Tags)
	assert.Equal(t, "text/plain", obj.Header["Content-Type"])

	_, err = s.CreateUpload("b", "k", map[string]string{"X-Amz-Tagging": "a=1&a=2"})
	requireCode(t, err, "InvalidTag")
}

func TestCompleteUploadReplaysAndConditions(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	require.NoError(t, s.SeedBucket("b", "owner", VersioningEnabled))
	mustPut(t, s, "b", "k", "old", nil)
	u, err := s.CreateUpload("b", "k", nil)
	require.NoError(t, err)
	p := mpPut(t, s, "b", "k", u.ID, 1, "new")

	_, err = s.CompleteUpload("b", "k", u.ID, CompleteRequest{Parts: []UploadedPart{p}, Headers: map[string]string{"If-None-Match": "*"}})
	requireCode(t, err, "PreconditionFailed")
	_, err = s.CompleteUpload("b", "k", u.ID, CompleteRequest{Parts: []UploadedPart{p}, Headers: map[string]string{"If-Match": `"nope"`}})
	requireCode(t, err, "PreconditionFailed")
	first, err := s.CompleteUpload("b", "k", u.ID, CompleteRequest{Parts: []UploadedPart{p}})
	require.NoError(t, err, "a failed condition leaves the upload")
	require.Len(t, first.VersionID, 32)
	again, err := s.CompleteUpload("b", "k", u.ID, CompleteRequest{Parts: []UploadedPart{p}, Headers: map[string]string{"If-None-Match": "*"}})
	require.NoError(t, err, "a repeated completion answers the first one")
	assert.Equal(t, first, again)
	vs, err := s.Versions("b", "k")
	require.NoError(t, err)
	assert.Len(t, vs, 2, "written once")

	requireCode(t, s.AbortUpload("b", "k", u.ID), "NoSuchUpload")
	_, err = s.ListUploadParts("b", "k", u.ID, 0, 1000)
	requireCode(t, err, "NoSuchUpload")
	_, err = s.CompleteUpload("b", "other", u.ID, CompleteRequest{Parts: []UploadedPart{p}})
	requireCode(t, err, "NoSuchUpload")
	page, err := s.ListUploads("b", UploadsQuery{MaxUploads: 1000})
	require.NoError(t, err)
	assert.Empty(t, page.Uploads)
}

// TestCompleteUploadConcurrent completes one upload from many goroutines:
// one version is written and every caller gets the same answer.
func TestCompleteUploadConcurrent(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	require.NoError(t, s.SeedBucket("b", "owner", VersioningEnabled))
	u, err := s.CreateUpload("b", "k", nil)
	require.NoError(t, err)
	p := mpPut(t, s, "b", "k", u.ID, 1, "body")
	var wg sync.WaitGroup
	results := make([]Completion, 16)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := s.CompleteUpload("b", "k", u.ID, CompleteRequest{Parts: []UploadedPart{p}})
			assert.NoError(t, err)
			results[i] = c
		}()
	}
	wg.Wait()
	for _, c := range results[1:] {
		assert.Equal(t, results[0], c)
	}
	vs, err := s.Versions("b", "k")
	require.NoError(t, err)
	assert.Len(t, vs, 1)
}

func TestCopyPartSizeOnlySource(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	mkBucket(t, s, "b")
	_, err := s.SeedObject("b", "zeros", Body{Size: 10}, Facts{}, s.now())
	require.NoError(t, err)
	u, err := s.CreateUpload("b", "k", nil)
	require.NoError(t, err)
	res, err := s.CopyPart("b", "k", u.ID, PartCopy{PartNumber: "1", SourceBucket: "b", SourceKey: "zeros", Range: "bytes=0-3"})
	require.NoError(t, err)
	zeros := md5.Sum(make([]byte, 4))
	assert.Equal(t, `"`+hex.EncodeToString(zeros[:])+`"`, res.ETag)
	page, err := s.ListUploadParts("b", "k", u.ID, 0, 10)
	require.NoError(t, err)
	require.Len(t, page.Parts, 1)
	assert.Equal(t, int64(4), page.Parts[0].Size, "a size-only source copies as zeros")
	assert.Empty(t, res.SourceVersionID, "no version ids in a bucket that never had versioning")
}
