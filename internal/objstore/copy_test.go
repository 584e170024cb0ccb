package objstore

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copyObj copies src/srcKey (version srcID, "" for the current one) to
// dst/dstKey with the copy request's headers.
func copyObj(s *Store, src, srcKey, srcID, dst, dstKey string, header map[string]string) (CopyResult, error) {
	return s.CopyObjectVersion(CopyInput{SrcBucket: src, SrcKey: srcKey, SrcVersionID: srcID, Bucket: dst, Key: dstKey, Header: header})
}

func TestCopyObject(t *testing.T) {
	s, clk := newTestStore(t)
	mkBucket(t, s, "src")
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "dst", Owner: "acct-dst"}))
	mustPut(t, s, "src", "k", "payload", map[string]string{"X-Amz-Meta-Src": "1", "Content-Type": "text/x", "X-Amz-Tagging": "t=1"})
	clk.Advance(time.Hour)

	_, err := copyObj(s, "src", "missing", "", "dst", "k", nil)
	requireCode(t, err, "NoSuchKey")
	_, err = copyObj(s, "nob", "k", "", "dst", "k", nil)
	requireCode(t, err, "NoSuchBucket")
	_, err = copyObj(s, "src", "k", "", "nob", "k", nil)
	requireCode(t, err, "NoSuchBucket")

	// The default directives copy the source's metadata and tags, not the
	// request's.
	res, err := copyObj(s, "src", "k", "", "dst", "copy", map[string]string{"X-Amz-Meta-New": "2", "X-Amz-Tagging": "t=2"})
	require.NoError(t, err)
	assert.Equal(t, `"`+latestETag("payload")+`"`, res.ETag)
	assert.True(t, res.LastModified.Equal(clk.Now()))
	assert.Empty(t, res.VersionID, "no version ids in a bucket that never had versioning")
	assert.Empty(t, res.SourceVersionID)
	obj, err := s.ReadObject("dst", "copy", "")
	require.NoError(t, err)
	assert.Equal(t, "payload", content(t, obj))
	assert.Equal(t, map[string]string{"X-Amz-Meta-Src": "1", "Content-Type": "text/x"}, obj.Header)
	assert.Equal(t, []Tag{{"t", "1"}}, obj.Tags)
	assert.Equal(t, "acct-dst", latest(t, s, "dst", "copy").OwnerAccount, "a copy is owned by its bucket's owner")

	// REPLACE takes the request's.
	_, err = copyObj(s, "src", "k", "", "dst", "copy", map[string]string{
		"X-Amz-Meta-New": "2", "X-Amz-Metadata-Directive": "REPLACE",
		"X-Amz-Tagging": "t=2", "X-Amz-Tagging-Directive": "REPLACE",
	})
	require.NoError(t, err)
	obj, err = s.ReadObject("dst", "copy", "")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"X-Amz-Meta-New": "2"}, obj.Header)
	assert.Equal(t, []Tag{{"t", "2"}}, obj.Tags)

	_, err = copyObj(s, "src", "k", "", "dst", "copy", map[string]string{"X-Amz-Metadata-Directive": "MERGE"})
	requireCode(t, err, "InvalidArgument")
	assert.Equal(t, "x-amz-metadata-directive", err.(*Error).ArgumentName)
	_, err = copyObj(s, "src", "k", "", "dst", "copy", map[string]string{"X-Amz-Tagging-Directive": "MERGE"})
	requireCode(t, err, "InvalidArgument")

	// Copying onto itself must change something.
	_, err = copyObj(s, "src", "k", "", "src", "k", map[string]string{})
	requireCode(t, err, "InvalidRequest")
	_, err = copyObj(s, "src", "k", "", "src", "k", map[string]string{"X-Amz-Metadata-Directive": "REPLACE", "X-Amz-Meta-Self": "3"})
	require.NoError(t, err)
	_, err = copyObj(s, "src", "k", "", "src", "k", map[string]string{"X-Amz-Storage-Class": "STANDARD_IA"})
	require.NoError(t, err, "a new storage class is a change")
	obj, err = s.ReadObject("src", "k", "")
	require.NoError(t, err)
	assert.Equal(t, "payload", content(t, obj))
	assert.Equal(t, "3", obj.Header["X-Amz-Meta-Self"])
}

// TestCopyFactsAreNotInherited: S3 gives a copy its own storage class,
// encryption and lock, from the request or the defaults; only the
// checksum algorithm carries over.
func TestCopyFactsAreNotInherited(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	until := clk.Now().Add(time.Hour)
	_, err := s.SeedObject("b", "src", Body{Data: []byte("abc")}, Facts{
		StorageClass: "STANDARD_IA", Encryption: EncryptionSSEKMS, LockMode: LockGovernance,
		LockRetainUntil: until, ChecksumAlgorithm: ChecksumSHA1,
	}, time.Time{})
	require.NoError(t, err)

	res, err := copyObj(s, "b", "src", "", "b", "dst", nil)
	require.NoError(t, err)
	v := latest(t, s, "b", "dst")
	assert.Equal(t, StorageStandard, v.StorageClass)
	assert.Equal(t, EncryptionSSES3, v.Encryption)
	assert.Empty(t, v.LockMode)
	assert.Equal(t, ChecksumSHA1, v.ChecksumAlgorithm, "the source's checksum algorithm carries over")
	assert.Equal(t, ChecksumFullObject, v.ChecksumType)
	assert.Equal(t, sha1Of("abc"), v.Checksum)
	assert.Equal(t, latestETag("abc"), v.ETag)
	assert.Equal(t, v.Facts, res.Facts)

	_, err = copyObj(s, "b", "src", "", "b", "dst", map[string]string{"X-Amz-Storage-Class": "GLACIER", "X-Amz-Checksum-Algorithm": "CRC32"})
	require.NoError(t, err)
	v = latest(t, s, "b", "dst")
	assert.Equal(t, "GLACIER", v.StorageClass)
	assert.Equal(t, ChecksumCRC32, v.ChecksumAlgorithm, "the request's algorithm wins")
}

func TestCopySpecificVersionAndMultipartSource(t *testing.T) {
	s := New(Config{Now: newFakeClock().Now, MinPartSize: -1})
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	old := putVersion(t, s, "b", "k", "old")
	putVersion(t, s, "b", "k", "new")

	// Restoring an old version by copying it onto its own key is allowed.
	res, err := copyObj(s, "b", "k", old, "b", "k", nil)
	require.NoError(t, err)
	assert.Equal(t, old, res.SourceVersionID)
	assert.Equal(t, "old", getBody(t, s, "b", "k", ""))

	dm, err := s.RemoveObject("b", "k", "")
	require.NoError(t, err)
	_, err = copyObj(s, "b", "k", "", "b", "x", nil)
	requireCode(t, err, "NoSuchKey")
	_, err = copyObj(s, "b", "k", dm.VersionID, "b", "x", nil)
	requireCode(t, err, "InvalidRequest")
	_, err = copyObj(s, "b", "k", "junk", "b", "x", nil)
	requireCode(t, err, "InvalidArgument")
	_, err = copyObj(s, "b", "k", "null", "b", "x", nil)
	requireCode(t, err, "NoSuchVersion")

	u, err := s.CreateUpload("b", "mp", nil)
	require.NoError(t, err)
	p1 := mpPut(t, s, "b", "mp", u.ID, 1, "part1")
	p2 := mpPut(t, s, "b", "mp", u.ID, 2, "part2")
	_, err = s.CompleteUpload("b", "mp", u.ID, CompleteRequest{Parts: []UploadedPart{p1, p2}})
	require.NoError(t, err)
	_, err = copyObj(s, "b", "mp", "", "b", "mp-copy", nil)
	require.NoError(t, err)
	v := latest(t, s, "b", "mp-copy")
	assert.Equal(t, latestETag("part1part2"), v.ETag, "a copy's ETag is its content's MD5")
	assert.False(t, v.IsMultipart())

	mustPut(t, s, "b", "cold", "x", map[string]string{"X-Amz-Storage-Class": "DEEP_ARCHIVE"})
	_, err = copyObj(s, "b", "cold", "", "b", "warm", nil)
	requireCode(t, err, "InvalidObjectState")
}

// The result names the source version copied and the new version, which
// differ (x-amz-copy-source-version-id and x-amz-version-id).
func TestCopyResultVersionIDs(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	src := putVersion(t, s, "b", "k", "x")
	res, err := copyObj(s, "b", "k", "", "b", "c", nil)
	require.NoError(t, err)
	assert.Equal(t, src, res.SourceVersionID)
	assert.Equal(t, latest(t, s, "b", "c").VersionID, res.VersionID)
	assert.NotEqual(t, src, res.VersionID)

	require.NoError(t, s.SetVersioning("b", VersioningSuspended))
	res, err = copyObj(s, "b", "k", "", "b", "c", nil)
	require.NoError(t, err)
	assert.Equal(t, NullVersionID, res.VersionID, "a suspended bucket writes the null version")
}

// Conditions on the source (x-amz-copy-source-if-*) and the destination
// (If-Match, If-None-Match) are checked before anything is written.
func TestCopyConditions(t *testing.T) {
	s, clk := newTestStore(t)
	mkBucket(t, s, "b")
	mustPut(t, s, "b", "src", "x", nil)
	mustPut(t, s, "b", "dst", "y", nil)
	clk.Advance(time.Hour)
	cp := func(src Preconditions, header map[string]string) error {
		_, err := s.CopyObjectVersion(CopyInput{SrcBucket: "b", SrcKey: "src", Bucket: "b", Key: "dst", Header: header, Source: src})
		return err
	}
	err := cp(Preconditions{IfMatch: `"nope"`}, nil)
	requireCode(t, err, "PreconditionFailed")
	assert.Equal(t, []Field{{"Condition", "x-amz-copy-source-If-Match"}}, err.(*Error).Extra)
	requireCode(t, cp(Preconditions{IfNoneMatch: latestETag("x")}, nil), "PreconditionFailed")
	requireCode(t, cp(Preconditions{IfModifiedSince: clk.Now()}, nil), "PreconditionFailed")
	requireCode(t, cp(Preconditions{}, map[string]string{"If-None-Match": "*"}), "PreconditionFailed")
	requireCode(t, cp(Preconditions{}, map[string]string{"If-Match": `"` + latestETag("x") + `"`}), "PreconditionFailed")
	assert.Equal(t, "y", getBody(t, s, "b", "dst", ""), "nothing was written")

	require.NoError(t, cp(Preconditions{IfMatch: latestETag("x")}, map[string]string{"If-Match": latestETag("y")}))
	assert.Equal(t, "x", getBody(t, s, "b", "dst", ""))
}
