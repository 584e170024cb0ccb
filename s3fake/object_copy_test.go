package s3fake_test

// CopyObject as S3 answers it (issue 10): source versions, the version ids
// of the answer, CopyObjectResult with the checksum, the
// x-amz-copy-source-if-* conditions, directives and copies onto
// themselves.

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCopyObjectVersions (ported from objstore's TestWireCopyObjectVersions
// and the end-to-end copy test): the current version or one named by id is
// copied; the answer names the copy's own version and the source's;
// metadata is copied unless REPLACE; the storage class is not.
func TestCopyObjectVersions(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "cpy", types.BucketVersioningStatusEnabled)
	v1 := aws.ToString(fx.put(t, "cpy", "src", []byte("one"), func(in *s3.PutObjectInput) {
		in.StorageClass = types.StorageClassGlacierIr
		in.Metadata = map[string]string{"m": "1"}
	}).VersionId)
	v2 := aws.ToString(fx.put(t, "cpy", "src", []byte("two")).VersionId)

	out, err := fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("cpy"), Key: aws.String("dst"), CopySource: aws.String("cpy/src")})
	require.NoError(t, err)
	assert.Equal(t, v2, aws.ToString(out.CopySourceVersionId))
	newID := aws.ToString(out.VersionId)
	require.Len(t, newID, 32)
	assert.NotEqual(t, v2, newID, "the copy's own version id, not the source's")
	assert.Equal(t, "two", getString(t, fx, "cpy", "dst", newID))

	out, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("cpy"), Key: aws.String("dst"), CopySource: aws.String("cpy/src?versionId=" + v1)})
	require.NoError(t, err)
	assert.Equal(t, v1, aws.ToString(out.CopySourceVersionId))
	head := fx.head(t, "cpy", "dst", "")
	assert.Equal(t, "1", head.Metadata["m"], "metadata is copied by default")
	assert.Empty(t, head.StorageClass, "the storage class is not: STANDARD")
	assert.Equal(t, "one", getString(t, fx, "cpy", "dst", ""))

	_, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("cpy"), Key: aws.String("dst"), CopySource: aws.String("cpy/src"),
		MetadataDirective: types.MetadataDirectiveReplace, Metadata: map[string]string{"n": "2"}, ContentType: aws.String("text/x")})
	require.NoError(t, err)
	head = fx.head(t, "cpy", "dst", "")
	assert.Equal(t, map[string]string{"n": "2"}, head.Metadata, "REPLACE drops the source's metadata")
	assert.Equal(t, "text/x", aws.ToString(head.ContentType))

	// Another bucket, never versioned: no version ids in the answer.
	fx.bucket(t, "plain", "")
	fx.put(t, "plain", "src", []byte("copy me"), func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"src": "1"} })
	c, opt := fx.capture()
	out, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("cpy"), Key: aws.String("x"), CopySource: aws.String("plain/src")}, opt)
	require.NoError(t, err)
	_, respHdr, _ := c.last()
	assert.Empty(t, respHdr.Get("X-Amz-Copy-Source-Version-Id"), "an unversioned source has no version id")
	assert.Equal(t, md5ETag([]byte("copy me")), aws.ToString(out.CopyObjectResult.ETag))
	got, body := fx.get(t, "cpy", "x", "")
	assert.Equal(t, "copy me", string(body))
	assert.Equal(t, "1", got.Metadata["src"])

	// Errors: a missing source, a delete marker by id, an unknown directive.
	_, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("cpy"), Key: aws.String("y"), CopySource: aws.String("cpy/missing")})
	assert.Equal(t, "NoSuchKey", fidCode(err))
	dm := aws.ToString(fx.del(t, "cpy", "src", "").VersionId)
	_, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("cpy"), Key: aws.String("y"), CopySource: aws.String("cpy/src")})
	assert.Equal(t, "NoSuchKey", fidCode(err), "a current delete marker is no object")
	_, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("cpy"), Key: aws.String("y"), CopySource: aws.String("cpy/src?versionId=" + dm)})
	assert.Equal(t, "InvalidRequest", fidCode(err))
	resp := objRaw(t, fx, http.MethodPut, "/cpy/y", nil, http.Header{"X-Amz-Copy-Source": {"cpy/dst"}, "X-Amz-Metadata-Directive": {"MOVE"}})
	requireObjError(t, resp, http.StatusBadRequest, "InvalidArgument", map[string]string{"ArgumentName": "x-amz-metadata-directive", "ArgumentValue": "MOVE"})
	assert.Zero(t, versionCount(fx, "cpy", "y"))
}

// TestCopyObjectResult: CopyObjectResult carries ETag, LastModified and,
// since the copy has one, its checksum (issue 10: Checksum* was missing):
// the source's algorithm, or the one the request names.
func TestCopyObjectResult(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "res", "")
	body := []byte("checksummed")
	fx.put(t, "res", "sha", body, func(in *s3.PutObjectInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256 })
	fx.tick()
	out, err := fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("res"), Key: aws.String("c1"), CopySource: aws.String("res/sha")})
	require.NoError(t, err)
	r := out.CopyObjectResult
	assert.Equal(t, md5ETag(body), aws.ToString(r.ETag))
	assert.True(t, fx.srv.Now().Equal(aws.ToTime(r.LastModified)), "the copy is new: %v", r.LastModified)
	assert.Equal(t, fullSum(types.ChecksumAlgorithmSha256, body), aws.ToString(r.ChecksumSHA256))
	assert.Equal(t, types.ChecksumTypeFullObject, r.ChecksumType)

	out, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("res"), Key: aws.String("c2"), CopySource: aws.String("res/sha"),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
	require.NoError(t, err)
	assert.Equal(t, fullSum(types.ChecksumAlgorithmCrc32, body), aws.ToString(out.CopyObjectResult.ChecksumCRC32))
	assert.Nil(t, out.CopyObjectResult.ChecksumSHA256)
	head := fx.head(t, "res", "c2", "", func(in *s3.HeadObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
	assert.Equal(t, fullSum(types.ChecksumAlgorithmCrc32, body), aws.ToString(head.ChecksumCRC32))

	// The document itself: S3's element names in the S3 namespace.
	resp := objRaw(t, fx, http.MethodPut, "/res/c3", nil, http.Header{"X-Amz-Copy-Source": {"/res/sha"}})
	require.Equal(t, http.StatusOK, resp.status)
	doc := string(resp.body)
	assert.True(t, strings.HasPrefix(doc, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ETag>`), doc)
	assert.Contains(t, doc, "<ChecksumType>FULL_OBJECT</ChecksumType><ChecksumSHA256>"+fullSum(types.ChecksumAlgorithmSha256, body)+"</ChecksumSHA256></CopyObjectResult>")
	assert.Equal(t, "AES256", resp.header.Get("X-Amz-Server-Side-Encryption"))
}

// TestCopyObjectSourceConditions: x-amz-copy-source-if-match,
// -if-none-match (issue 10: it was ignored), -if-modified-since and
// -if-unmodified-since, with S3's precedence; a failed one is 412 and
// copies nothing.
func TestCopyObjectSourceConditions(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "ccs", "")
	etag := aws.ToString(fx.put(t, "ccs", "src", []byte("x")).ETag)
	modified := fx.srv.Now()
	before, after := modified.Add(-time.Hour), modified.Add(time.Hour)
	copyWith := func(edit func(in *s3.CopyObjectInput)) error {
		in := &s3.CopyObjectInput{Bucket: aws.String("ccs"), Key: aws.String("dst"), CopySource: aws.String("ccs/src")}
		edit(in)
		_, err := fx.c.CopyObject(fidCtx, in)
		return err
	}
	for _, tc := range []struct {
		name string
		edit func(in *s3.CopyObjectInput)
		ok   bool
	}{
		{"if-match", func(in *s3.CopyObjectInput) { in.CopySourceIfMatch = aws.String(etag) }, true},
		{"if-match other", func(in *s3.CopyObjectInput) { in.CopySourceIfMatch = aws.String(`"nope"`) }, false},
		{"if-none-match", func(in *s3.CopyObjectInput) { in.CopySourceIfNoneMatch = aws.String(etag) }, false},
		{"if-none-match other", func(in *s3.CopyObjectInput) { in.CopySourceIfNoneMatch = aws.String(`"nope"`) }, true},
		{"if-modified-since before", func(in *s3.CopyObjectInput) { in.CopySourceIfModifiedSince = aws.Time(before) }, true},
		{"if-modified-since after", func(in *s3.CopyObjectInput) { in.CopySourceIfModifiedSince = aws.Time(after) }, false},
		{"if-unmodified-since after", func(in *s3.CopyObjectInput) { in.CopySourceIfUnmodifiedSince = aws.Time(after) }, true},
		{"if-unmodified-since before", func(in *s3.CopyObjectInput) { in.CopySourceIfUnmodifiedSince = aws.Time(before) }, false},
		{"if-match true wins over if-unmodified-since false", func(in *s3.CopyObjectInput) {
			in.CopySourceIfMatch, in.CopySourceIfUnmodifiedSince = aws.String(etag), aws.Time(before)
		}, true},
		{"if-none-match false wins over if-modified-since true", func(in *s3.CopyObjectInput) {
			in.CopySourceIfNoneMatch, in.CopySourceIfModifiedSince = aws.String(etag), aws.Time(before)
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := versionCount(fx, "ccs", "dst")
			err := copyWith(tc.edit)
			if tc.ok {
				require.NoError(t, err)
				assert.Equal(t, 1, versionCount(fx, "ccs", "dst"))
				return
			}
			assert.Equal(t, http.StatusPreconditionFailed, fidStatus(err))
			assert.Equal(t, "PreconditionFailed", fidCode(err))
			assert.Equal(t, n, versionCount(fx, "ccs", "dst"), "nothing copied")
		})
	}
	resp := objRaw(t, fx, http.MethodPut, "/ccs/dst2", nil, http.Header{"X-Amz-Copy-Source": {"ccs/src"}, "X-Amz-Copy-Source-If-None-Match": {etag}})
	requireObjError(t, resp, http.StatusPreconditionFailed, "PreconditionFailed", map[string]string{"Condition": "x-amz-copy-source-If-None-Match"})
}

// TestCopyObjectOntoItself: copying the current version onto itself
// without a change is S3's InvalidRequest with its exact message; a new
// storage class, metadata REPLACE, or an older version (a restore) make
// it legal.
func TestCopyObjectOntoItself(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "self", types.BucketVersioningStatusEnabled)
	v1 := aws.ToString(fx.put(t, "self", "k", []byte("old"), func(in *s3.PutObjectInput) { in.Tagging = aws.String("t=1") }).VersionId)
	fx.put(t, "self", "k", []byte("new"))

	resp := objRaw(t, fx, http.MethodPut, "/self/k", nil, http.Header{"X-Amz-Copy-Source": {"self/k"}})
	requireObjError(t, resp, http.StatusBadRequest, "InvalidRequest", map[string]string{
		"Message": "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
	})
	_, err := fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("self"), Key: aws.String("k"), CopySource: aws.String("self/k"),
		StorageClass: types.StorageClassStandardIa})
	require.NoError(t, err)
	assert.Equal(t, types.StorageClassStandardIa, fx.head(t, "self", "k", "").StorageClass)
	_, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("self"), Key: aws.String("k"), CopySource: aws.String("self/k"),
		MetadataDirective: types.MetadataDirectiveReplace, Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	_, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("self"), Key: aws.String("k"), CopySource: aws.String("self/k?versionId=" + v1)})
	require.NoError(t, err, "copying an older version onto its key restores it")
	out, body := fx.get(t, "self", "k", "")
	assert.Equal(t, "old", string(body))
	assert.Equal(t, int32(1), aws.ToInt32(out.TagCount), "tags are copied by default")

	_, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("self"), Key: aws.String("k2"), CopySource: aws.String("self/k"),
		TaggingDirective: types.TaggingDirectiveReplace, Tagging: aws.String("x=1&y=2")})
	require.NoError(t, err)
	out, _ = fx.get(t, "self", "k2", "")
	assert.Equal(t, int32(2), aws.ToInt32(out.TagCount), "REPLACE takes the request's tags")
}
