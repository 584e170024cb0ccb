package s3fake_test

// GetObject and HeadObject as S3 answers them (issue 10): ranges,
// partNumber, conditional reads, response-* overrides, versions, delete
// markers, archived objects, checksums and tag counts.

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// TestGetObjectRanges: one range of bytes as S3 serves it; suffixes serve
// what there is; syntactically invalid ranges are ignored (200, whole
// object); a range starting beyond the object is 416 InvalidRange with
// RangeRequested and ActualObjectSize.
func TestGetObjectRanges(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "rng", "")
	fx.put(t, "rng", "digits", []byte("0123456789"))

	for _, tc := range []struct {
		rng, body, contentRange string
	}{
		{"bytes=2-4", "234", "bytes 2-4/10"},
		{"bytes=-3", "789", "bytes 7-9/10"},
		{"bytes=8-", "89", "bytes 8-9/10"},
		{"bytes=5-100", "56789", "bytes 5-9/10"},
		{"bytes=-101", "0123456789", "bytes 0-9/10"}, // suffix longer than the object: all of it
		{"bytes=0-0", "0", "bytes 0-0/10"},
		{"bytes=1-0", "0123456789", ""}, // last < first: not a range, ignored
		{"bytes=x", "0123456789", ""},
		{"bytes=0-1,3-4", "0123456789", ""}, // several ranges: S3 serves the object
		{"items=0-1", "0123456789", ""},
	} {
		out, body := fx.get(t, "rng", "digits", "", func(in *s3.GetObjectInput) { in.Range = aws.String(tc.rng) })
		assert.Equal(t, tc.body, string(body), tc.rng)
		assert.Equal(t, tc.contentRange, aws.ToString(out.ContentRange), tc.rng)
		assert.Equal(t, int64(len(tc.body)), aws.ToInt64(out.ContentLength), tc.rng)
		resp := objRaw(t, fx, http.MethodGet, "/rng/digits", nil, http.Header{"Range": {tc.rng}})
		if tc.contentRange == "" {
			assert.Equal(t, http.StatusOK, resp.status, tc.rng)
		} else {
			assert.Equal(t, http.StatusPartialContent, resp.status, tc.rng)
		}
	}

	for _, rng := range []string{"bytes=10-", "bytes=10-20", "bytes=-0"} {
		_, err := fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("rng"), Key: aws.String("digits"), Range: aws.String(rng)})
		assert.Equal(t, http.StatusRequestedRangeNotSatisfiable, fidStatus(err), rng)
		assert.Equal(t, "InvalidRange", fidCode(err), rng)
	}
	resp := objRaw(t, fx, http.MethodGet, "/rng/digits", nil, http.Header{"Range": {"bytes=10-20"}})
	requireObjError(t, resp, http.StatusRequestedRangeNotSatisfiable, "InvalidRange", map[string]string{
		"Message": "The requested range is not satisfiable", "RangeRequested": "bytes=10-20", "ActualObjectSize": "10",
	})
	assert.Equal(t, "bytes */10", resp.header.Get("Content-Range"))

	fx.put(t, "rng", "empty", nil)
	resp = objRaw(t, fx, http.MethodGet, "/rng/empty", nil, http.Header{"Range": {"bytes=0-"}})
	requireObjError(t, resp, http.StatusRequestedRangeNotSatisfiable, "InvalidRange", map[string]string{"ActualObjectSize": "0"})
}

// TestGetObjectPartNumber: a single-part object has one part, the whole
// object; a multipart object serves each part with its Content-Range and
// x-amz-mp-parts-count; other part numbers are 416 InvalidPartNumber.
func TestGetObjectPartNumber(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "parts", "")
	fx.put(t, "parts", "single", []byte("0123456789"))

	out, body := fx.get(t, "parts", "single", "", func(in *s3.GetObjectInput) { in.PartNumber = aws.Int32(1) })
	assert.Equal(t, "0123456789", string(body))
	assert.Equal(t, "bytes 0-9/10", aws.ToString(out.ContentRange))
	assert.Nil(t, out.PartsCount)
	resp := objRaw(t, fx, http.MethodGet, "/parts/single?partNumber=1", nil, nil)
	assert.Equal(t, http.StatusPartialContent, resp.status, "partNumber is a range: 206")

	resp = objRaw(t, fx, http.MethodGet, "/parts/single?partNumber=2", nil, nil)
	requireObjError(t, resp, http.StatusRequestedRangeNotSatisfiable, "InvalidPartNumber", map[string]string{
		"PartNumberRequested": "2", "ActualPartCount": "1",
	})
	requireHeadError(t, objRaw(t, fx, http.MethodHead, "/parts/single?partNumber=2", nil, nil), http.StatusRequestedRangeNotSatisfiable)
	for _, bad := range []string{"0", "10001", "x"} {
		resp = objRaw(t, fx, http.MethodGet, "/parts/single?partNumber="+bad, nil, nil)
		requireObjError(t, resp, http.StatusBadRequest, "InvalidArgument", map[string]string{"ArgumentName": "partNumber", "ArgumentValue": bad})
	}
	resp = objRaw(t, fx, http.MethodGet, "/parts/single?partNumber=1", nil, http.Header{"Range": {"bytes=0-1"}})
	requireObjError(t, resp, http.StatusBadRequest, "InvalidRequest", nil)

	// A multipart object: 5 MiB and a tail.
	parts := [][]byte{bytes.Repeat([]byte("a"), 5<<20), []byte("tail")}
	created, err := fx.c.CreateMultipartUpload(fidCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("parts"), Key: aws.String("mp")})
	require.NoError(t, err)
	var done []types.CompletedPart
	for i, p := range parts {
		up, err := fx.c.UploadPart(fidCtx, &s3.UploadPartInput{Bucket: aws.String("parts"), Key: aws.String("mp"),
			UploadId: created.UploadId, PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(p)})
		require.NoError(t, err)
		done = append(done, types.CompletedPart{ETag: up.ETag, PartNumber: aws.Int32(int32(i + 1))})
	}
	_, err = fx.c.CompleteMultipartUpload(fidCtx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("parts"), Key: aws.String("mp"),
		UploadId: created.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	require.NoError(t, err)
	size := int64(5<<20 + 4)

	out, body = fx.get(t, "parts", "mp", "", func(in *s3.GetObjectInput) { in.PartNumber = aws.Int32(2) })
	assert.Equal(t, "tail", string(body))
	assert.Equal(t, "bytes 5242880-5242883/5242884", aws.ToString(out.ContentRange))
	assert.Equal(t, int32(2), aws.ToInt32(out.PartsCount))
	assert.Equal(t, multipartETag(parts), aws.ToString(out.ETag), "the object's ETag")
	out, body = fx.get(t, "parts", "mp", "", func(in *s3.GetObjectInput) { in.PartNumber = aws.Int32(1) })
	assert.Equal(t, int64(5<<20), int64(len(body)))
	assert.Equal(t, "bytes 0-5242879/5242884", aws.ToString(out.ContentRange))
	head := fx.head(t, "parts", "mp", "", func(in *s3.HeadObjectInput) { in.PartNumber = aws.Int32(2) })
	assert.Equal(t, int64(4), aws.ToInt64(head.ContentLength))
	assert.Equal(t, int32(2), aws.ToInt32(head.PartsCount))
	head = fx.head(t, "parts", "mp", "")
	assert.Equal(t, size, aws.ToInt64(head.ContentLength))
	assert.Nil(t, head.PartsCount, "S3 counts parts only for a partNumber request")
	resp = objRaw(t, fx, http.MethodGet, "/parts/mp?partNumber=3", nil, nil)
	requireObjError(t, resp, http.StatusRequestedRangeNotSatisfiable, "InvalidPartNumber", map[string]string{
		"PartNumberRequested": "3", "ActualPartCount": "2",
	})

	// A seeded multipart version, whose parts were never uploaded, is
	// split as seeding computed its ETag: equal parts, the last shorter.
	_, err = fx.srv.PutObject("parts", "seeded", []byte("0123456789"), s3fake.WithFacts(s3fake.ObjectFacts{PartCount: 3}))
	require.NoError(t, err)
	out, body = fx.get(t, "parts", "seeded", "", func(in *s3.GetObjectInput) { in.PartNumber = aws.Int32(3) })
	assert.Equal(t, "89", string(body))
	assert.Equal(t, "bytes 8-9/10", aws.ToString(out.ContentRange))
	assert.Equal(t, int32(3), aws.ToInt32(out.PartsCount))
}

// TestGetObjectConditionalReads: If-Match, If-None-Match,
// If-Modified-Since and If-Unmodified-Since with S3's precedence; 304 has
// no body; a multipart ETag matches with its "-N".
func TestGetObjectConditionalReads(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "cond", "")
	put := fx.put(t, "cond", "k", []byte("body"))
	etag := aws.ToString(put.ETag)
	modified := fx.srv.Now()
	before, after := modified.Add(-time.Hour).Format(http.TimeFormat), modified.Add(time.Hour).Format(http.TimeFormat)

	for _, tc := range []struct {
		name   string
		hdr    http.Header
		status int
	}{
		{"if-match", http.Header{"If-Match": {etag}}, http.StatusOK},
		{"if-match unquoted", http.Header{"If-Match": {strings.Trim(etag, `"`)}}, http.StatusOK},
		{"if-match star", http.Header{"If-Match": {"*"}}, http.StatusOK},
		{"if-match list", http.Header{"If-Match": {`"nope", ` + etag}}, http.StatusOK},
		{"if-match other", http.Header{"If-Match": {`"nope"`}}, http.StatusPreconditionFailed},
		{"if-unmodified-since before", http.Header{"If-Unmodified-Since": {before}}, http.StatusPreconditionFailed},
		{"if-unmodified-since after", http.Header{"If-Unmodified-Since": {after}}, http.StatusOK},
		{"if-match true wins over if-unmodified-since false", http.Header{"If-Match": {etag}, "If-Unmodified-Since": {before}}, http.StatusOK},
		{"if-none-match", http.Header{"If-None-Match": {etag}}, http.StatusNotModified},
		{"if-none-match other", http.Header{"If-None-Match": {`"nope"`}}, http.StatusOK},
		{"if-modified-since after", http.Header{"If-Modified-Since": {after}}, http.StatusNotModified},
		{"if-modified-since before", http.Header{"If-Modified-Since": {before}}, http.StatusOK},
		{"if-modified-since not a date", http.Header{"If-Modified-Since": {"yesterday"}}, http.StatusOK},
		{"if-none-match false wins over if-modified-since true", http.Header{"If-None-Match": {etag}, "If-Modified-Since": {before}}, http.StatusNotModified},
		{"if-none-match true wins over if-modified-since false", http.Header{"If-None-Match": {`"nope"`}, "If-Modified-Since": {after}}, http.StatusOK},
		{"412 before 304", http.Header{"If-Match": {`"nope"`}, "If-None-Match": {etag}}, http.StatusPreconditionFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := objRaw(t, fx, http.MethodGet, "/cond/k", nil, tc.hdr)
			assert.Equal(t, tc.status, resp.status, "body: %s", resp.body)
			switch tc.status {
			case http.StatusOK:
				assert.Equal(t, "body", string(resp.body))
			case http.StatusNotModified:
				assert.Empty(t, resp.body)
				assert.Equal(t, etag, resp.header.Get("ETag"))
				assert.Equal(t, modified.Format(http.TimeFormat), resp.header.Get("Last-Modified"))
			case http.StatusPreconditionFailed:
				requireObjError(t, resp, http.StatusPreconditionFailed, "PreconditionFailed", nil)
				assert.NotEmpty(t, errorElements(t, resp.body)["Condition"])
			}
			head := objRaw(t, fx, http.MethodHead, "/cond/k", nil, tc.hdr)
			assert.Equal(t, tc.status, head.status, "HEAD")
			assert.Empty(t, head.body)
		})
	}

	// The SDK sees the same through its own fields.
	_, err := fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("cond"), Key: aws.String("k"), IfMatch: aws.String(`"nope"`)})
	assert.Equal(t, "PreconditionFailed", fidCode(err))
	_, err = fx.c.HeadObject(fidCtx, &s3.HeadObjectInput{Bucket: aws.String("cond"), Key: aws.String("k"), IfNoneMatch: put.ETag})
	assert.Equal(t, http.StatusNotModified, fidStatus(err))

	// A multipart ETag matches with its part count (ported from objstore's
	// TestWireIfNoneMatchWithMultipartETag).
	created, err := fx.c.CreateMultipartUpload(fidCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("cond"), Key: aws.String("mp")})
	require.NoError(t, err)
	part, err := fx.c.UploadPart(fidCtx, &s3.UploadPartInput{Bucket: aws.String("cond"), Key: aws.String("mp"),
		UploadId: created.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader("x")})
	require.NoError(t, err)
	done, err := fx.c.CompleteMultipartUpload(fidCtx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("cond"), Key: aws.String("mp"),
		UploadId: created.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
	require.NoError(t, err)
	require.True(t, strings.HasSuffix(aws.ToString(done.ETag), `-1"`))
	resp := objRaw(t, fx, http.MethodGet, "/cond/mp", nil, http.Header{"If-None-Match": {aws.ToString(done.ETag)}})
	assert.Equal(t, http.StatusNotModified, resp.status)
	assert.Equal(t, aws.ToString(done.ETag), resp.header.Get("ETag"))
}

// TestGetObjectResponseOverrides: response-* parameters set the answer's
// headers on signed requests; S3 refuses them on anonymous ones.
func TestGetObjectResponseOverrides(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "over", "")
	fx.put(t, "over", "k", []byte("x"), func(in *s3.PutObjectInput) { in.ContentType = aws.String("text/plain") })
	out, _ := fx.get(t, "over", "k", "", func(in *s3.GetObjectInput) {
		in.ResponseContentType = aws.String("application/json")
		in.ResponseContentDisposition = aws.String(`attachment; filename="k.json"`)
		in.ResponseCacheControl = aws.String("no-cache")
		in.ResponseContentLanguage = aws.String("de")
		in.ResponseContentEncoding = aws.String("identity")
	})
	assert.Equal(t, "application/json", aws.ToString(out.ContentType))
	assert.Equal(t, `attachment; filename="k.json"`, aws.ToString(out.ContentDisposition))
	assert.Equal(t, "no-cache", aws.ToString(out.CacheControl))
	assert.Equal(t, "de", aws.ToString(out.ContentLanguage))
	assert.Equal(t, "identity", aws.ToString(out.ContentEncoding))
	head := fx.head(t, "over", "k", "")
	assert.Equal(t, "text/plain", aws.ToString(head.ContentType), "the stored header is unchanged")

	require.NoError(t, fx.srv.PutBucketPolicy("over", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::over/*"}]}`))
	resp, err := http.Get(fx.srv.URL() + "/over/k")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "anonymous reads are allowed by the policy")
	resp, err = http.Get(fx.srv.URL() + "/over/k?response-content-type=text/html")
	require.NoError(t, err)
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	requireObjError(t, wireResponse{status: resp.StatusCode, header: resp.Header, body: buf.Bytes()}, http.StatusBadRequest, "InvalidRequest",
		map[string]string{"Message": "Request specific response headers cannot be used for anonymous GET requests."})
}

// TestGetObjectHonoursVersionID (ported from objstore's
// TestWireHeadAndGetHonourVersionID): GET and HEAD read the version named,
// "null" included; a delete marker by id is 405 with x-amz-delete-marker
// and Allow; a current delete marker is 404 NoSuchKey with
// x-amz-delete-marker; an id never issued is 400, a deleted one 404.
func TestGetObjectHonoursVersionID(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "ver", "")
	fx.put(t, "ver", "k", []byte("null body"), func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"gen": "null"} })
	fx.versioning(t, "ver", types.BucketVersioningStatusEnabled)
	v1 := aws.ToString(fx.put(t, "ver", "k", []byte("first"), func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"gen": "1"} }).VersionId)
	v2 := aws.ToString(fx.put(t, "ver", "k", []byte("second!"), func(in *s3.PutObjectInput) {
		in.Metadata = map[string]string{"gen": "2"}
		in.StorageClass = types.StorageClassStandardIa
	}).VersionId)

	for _, tc := range []struct {
		id, body, gen string
		class         types.StorageClass
	}{
		{v1, "first", "1", ""},
		{v2, "second!", "2", types.StorageClassStandardIa},
		{"null", "null body", "null", ""},
	} {
		head := fx.head(t, "ver", "k", tc.id)
		assert.Equal(t, tc.id, aws.ToString(head.VersionId))
		assert.Equal(t, int64(len(tc.body)), aws.ToInt64(head.ContentLength))
		assert.Equal(t, tc.gen, head.Metadata["gen"])
		assert.Equal(t, tc.class, head.StorageClass)
		out, body := fx.get(t, "ver", "k", tc.id)
		assert.Equal(t, tc.body, string(body))
		assert.Equal(t, tc.id, aws.ToString(out.VersionId))
		assert.Equal(t, aws.ToString(head.ETag), aws.ToString(out.ETag))
	}
	resp := objRaw(t, fx, http.MethodHead, "/ver/k?versionId=null", nil, http.Header{"Range": {"bytes=0-3"}})
	assert.Equal(t, http.StatusPartialContent, resp.status)
	assert.Equal(t, "bytes 0-3/9", resp.header.Get("Content-Range"))
	assert.Equal(t, "4", resp.header.Get("Content-Length"))
	assert.Empty(t, resp.body)

	dm := aws.ToString(fx.del(t, "ver", "k", "").VersionId)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		resp := objRaw(t, fx, method, "/ver/k?versionId="+dm, nil, nil)
		assert.Equal(t, http.StatusMethodNotAllowed, resp.status, method)
		assert.Equal(t, "true", resp.header.Get("X-Amz-Delete-Marker"), method)
		assert.Equal(t, dm, resp.header.Get("X-Amz-Version-Id"), method)
		assert.Equal(t, "DELETE", resp.header.Get("Allow"), method)
		assert.NotEmpty(t, resp.header.Get("Last-Modified"), method)
		if method == http.MethodGet {
			requireObjError(t, resp, http.StatusMethodNotAllowed, "MethodNotAllowed", map[string]string{"Method": "GET", "ResourceType": "DeleteMarker"})
		} else {
			requireHeadError(t, resp, http.StatusMethodNotAllowed)
		}

		resp = objRaw(t, fx, method, "/ver/k", nil, nil)
		assert.Equal(t, http.StatusNotFound, resp.status, method)
		assert.Equal(t, "true", resp.header.Get("X-Amz-Delete-Marker"), method)
		assert.Equal(t, dm, resp.header.Get("X-Amz-Version-Id"), method)
		if method == http.MethodGet {
			requireObjError(t, resp, http.StatusNotFound, "NoSuchKey", map[string]string{"Key": "k"})
		}
	}
	_, err := fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("ver"), Key: aws.String("k")})
	var nsk *types.NoSuchKey
	assert.ErrorAs(t, err, &nsk)

	_, err = fx.c.HeadObject(fidCtx, &s3.HeadObjectInput{Bucket: aws.String("ver"), Key: aws.String("k"), VersionId: aws.String("nonsense")})
	assert.Equal(t, http.StatusBadRequest, fidStatus(err))
	resp = objRaw(t, fx, http.MethodGet, "/ver/k?versionId=nonsense", nil, nil)
	requireObjError(t, resp, http.StatusBadRequest, "InvalidArgument", map[string]string{"ArgumentName": "versionId", "ArgumentValue": "nonsense"})
	resp = objRaw(t, fx, http.MethodGet, "/ver/k?versionId=", nil, nil)
	requireObjError(t, resp, http.StatusBadRequest, "InvalidArgument", map[string]string{"Message": "Version id cannot be the empty string"})
	fx.del(t, "ver", "k", v1)
	_, err = fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("ver"), Key: aws.String("k"), VersionId: aws.String(v1)})
	assert.Equal(t, http.StatusNotFound, fidStatus(err))
	assert.Equal(t, "NoSuchVersion", fidCode(err))
}

// TestHeadObjectErrors: HEAD errors carry S3's status and no body, never
// 500 (issue 10: Range bytes=x, ?versionId=x and a delete-marker version
// all answered 500, which SDKs retry).
func TestHeadObjectErrors(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "head", types.BucketVersioningStatusEnabled)
	fx.put(t, "head", "k", []byte("0123456789"))
	dm := aws.ToString(fx.del(t, "head", "gone", "").VersionId)

	resp := objRaw(t, fx, http.MethodHead, "/head/k", nil, http.Header{"Range": {"bytes=x"}})
	assert.Equal(t, http.StatusOK, resp.status, "an invalid range is ignored")
	assert.Equal(t, "10", resp.header.Get("Content-Length"))
	requireHeadError(t, objRaw(t, fx, http.MethodHead, "/head/k?versionId=x", nil, nil), http.StatusBadRequest)
	requireHeadError(t, objRaw(t, fx, http.MethodHead, "/head/gone?versionId="+dm, nil, nil), http.StatusMethodNotAllowed)
	requireHeadError(t, objRaw(t, fx, http.MethodHead, "/head/gone", nil, nil), http.StatusNotFound)
	requireHeadError(t, objRaw(t, fx, http.MethodHead, "/head/missing", nil, nil), http.StatusNotFound)
	_, err := fx.c.HeadObject(fidCtx, &s3.HeadObjectInput{Bucket: aws.String("head"), Key: aws.String("missing")})
	var nf *types.NotFound
	assert.ErrorAs(t, err, &nf, "the SDK's NotFound")
	requireHeadError(t, objRaw(t, fx, http.MethodHead, "/nobucket/k", nil, nil), http.StatusNotFound)
	requireHeadError(t, objRaw(t, fx, http.MethodHead, "/head/k", nil, http.Header{"Range": {"bytes=10-"}}), http.StatusRequestedRangeNotSatisfiable)
	requireHeadError(t, objRaw(t, fx, http.MethodHead, "/head/k", nil, http.Header{"If-Match": {`"x"`}}), http.StatusPreconditionFailed)
	requireHeadError(t, objRaw(t, fx, http.MethodHead, "/head/k?versionId=", nil, nil), http.StatusBadRequest)
}

// TestGetObjectArchived: GLACIER and DEEP_ARCHIVE content cannot be read
// before a restore (403 InvalidObjectState); HEAD works.
func TestGetObjectArchived(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "cold", "")
	for _, class := range []types.StorageClass{types.StorageClassGlacier, types.StorageClassDeepArchive} {
		fx.put(t, "cold", string(class), []byte("x"), func(in *s3.PutObjectInput) { in.StorageClass = class })
		resp := objRaw(t, fx, http.MethodGet, "/cold/"+string(class), nil, nil)
		requireObjError(t, resp, http.StatusForbidden, "InvalidObjectState", map[string]string{"StorageClass": string(class)})
		head := fx.head(t, "cold", string(class), "")
		assert.Equal(t, class, head.StorageClass)
	}
}

// TestGetObjectHeaders: checksums only with x-amz-checksum-mode: ENABLED
// and never on a range; x-amz-tagging-count when there are tags;
// x-amz-version-id only in a bucket that has had versioning; user
// metadata names in lower case on the wire, as S3 sends them.
func TestGetObjectHeaders(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "hdr", "")
	fx.put(t, "hdr", "k", []byte("hello"), func(in *s3.PutObjectInput) {
		in.Metadata = map[string]string{"Mixed-Case": "v"}
		in.Tagging = aws.String("a=1&b=2")
	})

	resp := objRaw(t, fx, http.MethodHead, "/hdr/k", nil, nil)
	for name := range resp.header {
		assert.False(t, strings.HasPrefix(name, "X-Amz-Checksum-"), "no %s without checksum mode", name)
		assert.False(t, strings.HasPrefix(name, "X-S3fake"), "no internal header %s", name)
	}
	assert.Empty(t, resp.header.Get("X-Amz-Version-Id"), "never-versioned: no version id")
	assert.Equal(t, "2", resp.header.Get("X-Amz-Tagging-Count"))
	resp = objRaw(t, fx, http.MethodHead, "/hdr/k", nil, http.Header{"X-Amz-Checksum-Mode": {"ENABLED"}})
	assert.NotEmpty(t, resp.header.Get("X-Amz-Checksum-Crc32"), "the SDK's default CRC32 is stored")
	assert.Equal(t, "FULL_OBJECT", resp.header.Get("X-Amz-Checksum-Type"))
	resp = objRaw(t, fx, http.MethodGet, "/hdr/k", nil, http.Header{"X-Amz-Checksum-Mode": {"ENABLED"}, "Range": {"bytes=0-1"}})
	assert.Empty(t, resp.header.Get("X-Amz-Checksum-Crc32"), "no full-object checksum on a range")

	out, _ := fx.get(t, "hdr", "k", "")
	assert.Equal(t, int32(2), aws.ToInt32(out.TagCount))
	assert.Equal(t, map[string]string{"mixed-case": "v"}, out.Metadata)
	assert.Nil(t, out.VersionId)

	// The raw wire: header names as sent.
	req := newRawRequest(t, fx.srv, http.MethodGet, "/hdr/k", nil)
	require.NoError(t, fx.srv.SignRequest(req, nil))
	conn, err := net.Dial("tcp", strings.TrimPrefix(fx.srv.URL(), "http://"))
	require.NoError(t, err)
	defer conn.Close()
	req.Body = nil
	require.NoError(t, req.Write(conn))
	var head strings.Builder
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		if line == "\r\n" {
			break
		}
		head.WriteString(line)
	}
	assert.Contains(t, head.String(), "\r\nx-amz-meta-mixed-case: v\r\n", "user metadata names go out in lower case:\n%s", head.String())

	fx.versioning(t, "hdr", types.BucketVersioningStatusSuspended)
	out, _ = fx.get(t, "hdr", "k", "")
	assert.Equal(t, "null", aws.ToString(out.VersionId), "a bucket that has had versioning names the null version")
}
