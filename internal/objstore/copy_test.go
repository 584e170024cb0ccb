package objstore

import (
	"crypto/md5"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCopyObject(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("src"))
	require.NoError(t, s.CreateBucketOwned("dst", "acct-dst"))
	mustPut(t, s, "src", "k", "payload", map[string]string{"X-Amz-Meta-Src": "1", "Content-Type": "text/x"})
	clk.Advance(time.Hour)

	_, err := s.CopyObject("src", "missing", "dst", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchKey)
	_, err = s.CopyObject("nob", "k", "dst", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.CopyObject("src", "k", "nob", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)

	// The default directive copies the source's metadata, not the request's.
	res, err := s.CopyObject("src", "k", "dst", "copy", map[string]string{"X-Amz-Meta-New": "2"})
	require.NoError(t, err)
	sum := md5.Sum([]byte("payload"))
	assert.Equal(t, gofakes3.FormatETag(sum[:]), res.ETag)
	assert.True(t, res.LastModified.Equal(clk.Now()))
	obj, err := s.GetObject("dst", "copy", nil)
	require.NoError(t, err)
	assert.Equal(t, "payload", readBody(t, obj))
	assert.Equal(t, map[string]string{"X-Amz-Meta-Src": "1", "Content-Type": "text/x"}, userMeta(obj.Metadata))
	assert.Equal(t, "acct-dst", latest(t, s, "dst", "copy").OwnerAccount)

	// REPLACE takes the request's metadata.
	_, err = s.CopyObject("src", "k", "dst", "copy", map[string]string{"X-Amz-Meta-New": "2", "X-Amz-Metadata-Directive": "REPLACE"})
	require.NoError(t, err)
	obj, err = s.HeadObject("dst", "copy")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"X-Amz-Meta-New": "2", "Content-Type": "binary/octet-stream"}, userMeta(obj.Metadata))

	_, err = s.CopyObject("src", "k", "dst", "copy", map[string]string{"X-Amz-Metadata-Directive": "MERGE"})
	requireCode(t, err, gofakes3.ErrInvalidArgument)

	// Copying onto itself must change something.
	_, err = s.CopyObject("src", "k", "src", "k", map[string]string{})
	requireCode(t, err, codeInvalidRequest)
	_, err = s.CopyObject("src", "k", "src", "k", map[string]string{"X-Amz-Metadata-Directive": "REPLACE", "X-Amz-Meta-Self": "3"})
	require.NoError(t, err)
	obj, err = s.GetObject("src", "k", nil)
	require.NoError(t, err)
	assert.Equal(t, "payload", readBody(t, obj))
	assert.Equal(t, "3", obj.Metadata["X-Amz-Meta-Self"])
}

// TestCopyFactsAreNotInherited: S3 gives a copy its own storage class,
// encryption and lock, from the request or the defaults. gofakes3 merges
// the source's response headers into meta; ExplicitHeadersHeader (set by
// Wrap) tells the store which headers the request really sent.
func TestCopyFactsAreNotInherited(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	until := clk.Now().Add(time.Hour)
	_, err := s.SeedObject("b", "src", Body{Data: []byte("abc")}, Facts{
		StorageClass: "STANDARD_IA", Encryption: EncryptionSSEKMS, LockMode: LockGovernance,
		LockRetainUntil: until, ChecksumAlgorithm: ChecksumSHA1,
	}, time.Time{})
	require.NoError(t, err)
	srcHead, err := s.HeadObject("b", "src")
	require.NoError(t, err)

	// What gofakes3 passes: the source's headers merged under the request's.
	meta := map[string]string{"X-Amz-Copy-Source": "b/src", ExplicitHeadersHeader: "X-Amz-Copy-Source"}
	for k, v := range srcHead.Metadata {
		meta[k] = v
	}
	_, err = s.CopyObject("b", "src", "b", "dst", meta)
	require.NoError(t, err)
	v := latest(t, s, "b", "dst")
	assert.Equal(t, StorageStandard, v.StorageClass)
	assert.Equal(t, EncryptionSSES3, v.Encryption)
	assert.Empty(t, v.LockMode)
	assert.Equal(t, ChecksumSHA1, v.ChecksumAlgorithm, "the source's checksum algorithm carries over")
	assert.Equal(t, sha1Of("abc"), v.Checksum)
	assert.Equal(t, latestETag("abc"), v.ETag)

	meta[ExplicitHeadersHeader] = "X-Amz-Copy-Source,X-Amz-Storage-Class"
	meta["X-Amz-Storage-Class"] = "GLACIER"
	_, err = s.CopyObject("b", "src", "b", "dst", meta)
	require.NoError(t, err)
	assert.Equal(t, "GLACIER", latest(t, s, "b", "dst").StorageClass)
}

func TestCopySpecificVersionAndMultipartSource(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	old := putVersion(t, s, "b", "k", "old")
	putVersion(t, s, "b", "k", "new")

	// Restoring an old version by copying it onto its own key is allowed.
	_, err := s.CopyObject("b", "k", "b", "k", map[string]string{"X-Amz-Copy-Source": "/b/k?versionId=" + string(old)})
	require.NoError(t, err)
	assert.Equal(t, "old", getBody(t, s, "b", "k", ""))

	dm, err := s.DeleteObject("b", "k")
	require.NoError(t, err)
	_, err = s.CopyObject("b", "k", "b", "x", map[string]string{})
	requireCode(t, err, gofakes3.ErrNoSuchKey)
	_, err = s.CopyObject("b", "k", "b", "x", map[string]string{"X-Amz-Copy-Source": "b/k?versionId=" + string(dm.VersionID)})
	requireCode(t, err, codeInvalidRequest)
	_, err = s.CopyObject("b", "k", "b", "x", map[string]string{"X-Amz-Copy-Source": "b/k?versionId=junk"})
	requireCode(t, err, gofakes3.ErrInvalidArgument)

	id, err := s.CreateMultipartUpload("b", "mp", nil)
	require.NoError(t, err)
	c1 := uploadPart(t, s, "b", "mp", id, 1, []byte("part1"))
	c2 := uploadPart(t, s, "b", "mp", id, 2, []byte("part2"))
	_, _, err = complete(s, "b", "mp", id, c1, c2)
	require.NoError(t, err)
	_, err = s.CopyObject("b", "mp", "b", "mp-copy", map[string]string{})
	require.NoError(t, err)
	v := latest(t, s, "b", "mp-copy")
	assert.Equal(t, latestETag("part1part2"), v.ETag, "a copy's ETag is its content's MD5")
	assert.False(t, v.IsMultipart())

	mustPut(t, s, "b", "cold", "x", map[string]string{"X-Amz-Storage-Class": "DEEP_ARCHIVE"})
	_, err = s.CopyObject("b", "cold", "b", "warm", map[string]string{})
	requireCode(t, err, codeInvalidObjectState)
}

func TestCopyResultForWrap(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	src := putVersion(t, s, "b", "k", "x")
	_, err := s.CopyObject("b", "k", "b", "c", map[string]string{copyTokenHeader: "t1"})
	require.NoError(t, err)
	r, ok := s.copies.LoadAndDelete("t1")
	require.True(t, ok)
	res := r.(copyResult)
	assert.Equal(t, src, res.sourceVersionID)
	assert.Equal(t, latest(t, s, "b", "c").VersionID, string(res.versionID))
	assert.NotEqual(t, src, res.versionID)
}
