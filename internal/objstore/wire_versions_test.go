package objstore_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// httpStatus returns the HTTP status of an SDK error, 0 if there is none.
func httpStatus(err error) int {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// TestWireVersioningTransitions drives one key through every versioning
// state with the SDK and compares ListObjectVersions with S3's documented
// order after each step.
func TestWireVersioningTransitions(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", "")
	tick := func() { w.clock.Advance(time.Second) }

	// Unversioned: no version ids anywhere, the listing shows "null".
	out := w.put(t, "bkt", "k", "n0")
	assert.Nil(t, out.VersionId)
	head := w.head(t, "bkt", "k", "")
	assert.Nil(t, head.VersionId, "no internal version id leaks (P5)")
	getOut, _ := w.get(t, "bkt", "k", "")
	assert.Nil(t, getOut.VersionId)
	rows, _ := w.allVersions(t, "bkt", 1000)
	assert.Equal(t, []versionRow{{"k", "null", true, false}}, rows)
	vcfg, err := w.c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	assert.Empty(t, vcfg.Status)

	// Enabled.
	w.versioning(t, "bkt", types.BucketVersioningStatusEnabled)
	tick()
	v1 := aws.ToString(w.put(t, "bkt", "k", "v1").VersionId)
	tick()
	v2 := aws.ToString(w.put(t, "bkt", "k", "v2!").VersionId)
	require.Len(t, v1, 32)
	require.NotEqual(t, v1, v2)
	rows, _ = w.allVersions(t, "bkt", 1000)
	assert.Equal(t, []versionRow{{"k", v2, true, false}, {"k", v1, false, false}, {"k", "null", false, false}}, rows)
	assert.Equal(t, v2, aws.ToString(w.head(t, "bkt", "k", "").VersionId))

	// Suspended: PUT replaces the null version only and reports "null" (P6).
	w.versioning(t, "bkt", types.BucketVersioningStatusSuspended)
	tick()
	assert.Equal(t, "null", aws.ToString(w.put(t, "bkt", "k", "s1").VersionId))
	rows, _ = w.allVersions(t, "bkt", 1000)
	assert.Equal(t, []versionRow{{"k", "null", true, false}, {"k", v2, false, false}, {"k", v1, false, false}}, rows)
	_, body := w.get(t, "bkt", "k", "null")
	assert.Equal(t, "s1", body)

	// Suspended DELETE: a null delete marker; nothing panics (P3).
	tick()
	del := w.del(t, "bkt", "k", "")
	assert.True(t, aws.ToBool(del.DeleteMarker))
	assert.Equal(t, "null", aws.ToString(del.VersionId))
	_, err = w.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	assert.Equal(t, http.StatusNotFound, httpStatus(err))
	_, err = w.c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	var nsk *types.NoSuchKey
	assert.ErrorAs(t, err, &nsk)
	list, err := w.c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	assert.Empty(t, list.Contents)

	// Enabled DELETE: a new delete marker on top.
	w.versioning(t, "bkt", types.BucketVersioningStatusEnabled)
	tick()
	del = w.del(t, "bkt", "k", "")
	assert.True(t, aws.ToBool(del.DeleteMarker))
	dm := aws.ToString(del.VersionId)
	require.Len(t, dm, 32)
	rows, _ = w.allVersions(t, "bkt", 1000)
	assert.Equal(t, []versionRow{{"k", dm, true, true}, {"k", "null", false, true}, {"k", v2, false, false}, {"k", v1, false, false}}, rows)

	// Permanent deletes promote the next version.
	del = w.del(t, "bkt", "k", dm)
	assert.True(t, aws.ToBool(del.DeleteMarker), "the version deleted was a delete marker")
	assert.Equal(t, dm, aws.ToString(del.VersionId))
	del = w.del(t, "bkt", "k", "null") // needs Wrap: gofakes3 treats versionId=null as none
	assert.Equal(t, "null", aws.ToString(del.VersionId))
	_, body = w.get(t, "bkt", "k", "")
	assert.Equal(t, "v2!", body)
	w.del(t, "bkt", "k", v2)
	_, body = w.get(t, "bkt", "k", "")
	assert.Equal(t, "v1", body, "deleting the current version promotes the next (P3)")
	list, err = w.c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	require.Len(t, list.Contents, 1)
	assert.Equal(t, int64(2), aws.ToInt64(list.Contents[0].Size))
	rows, _ = w.allVersions(t, "bkt", 1000)
	assert.Equal(t, []versionRow{{"k", v1, true, false}}, rows)
}

func TestWireHeadAndGetHonourVersionID(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", "")
	w.put(t, "bkt", "k", "null body", func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"gen": "null"} })
	w.versioning(t, "bkt", types.BucketVersioningStatusEnabled)
	v1 := aws.ToString(w.put(t, "bkt", "k", "first", func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"gen": "1"} }).VersionId)
	v2 := aws.ToString(w.put(t, "bkt", "k", "second!", func(in *s3.PutObjectInput) {
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
		head := w.head(t, "bkt", "k", tc.id) // gofakes3 alone ignores the id (P5)
		assert.Equal(t, tc.id, aws.ToString(head.VersionId))
		assert.Equal(t, int64(len(tc.body)), aws.ToInt64(head.ContentLength))
		assert.Equal(t, tc.gen, head.Metadata["gen"])
		assert.Equal(t, tc.class, head.StorageClass)
		out, body := w.get(t, "bkt", "k", tc.id)
		assert.Equal(t, tc.body, body)
		assert.Equal(t, tc.id, aws.ToString(out.VersionId))
		assert.Equal(t, aws.ToString(head.ETag), aws.ToString(out.ETag))
	}

	// A delete marker cannot be read by id: 405, with x-amz-delete-marker.
	dm := aws.ToString(w.del(t, "bkt", "k", "").VersionId)
	_, err := w.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), VersionId: aws.String(dm)})
	assert.Equal(t, http.StatusMethodNotAllowed, httpStatus(err))
	_, err = w.c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), VersionId: aws.String(dm)})
	assert.Equal(t, http.StatusMethodNotAllowed, httpStatus(err))
	resp := w.rawRequest(t, http.MethodGet, "/bkt/k?versionId="+dm, nil, nil)
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	assert.Equal(t, "true", resp.Header.Get("X-Amz-Delete-Marker"))
	assert.Equal(t, dm, resp.Header.Get("X-Amz-Version-Id"))

	// Ids that do not exist or were never issued.
	_, err = w.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), VersionId: aws.String("nonsense")})
	assert.Equal(t, http.StatusBadRequest, httpStatus(err))
	w.del(t, "bkt", "k", v1)
	_, err = w.c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), VersionId: aws.String(v1)})
	assert.Equal(t, http.StatusNotFound, httpStatus(err))
	requireAPIError(t, err, "NoSuchVersion")
}

func TestWireDeleteMissingKeyMakesDeleteMarker(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", types.BucketVersioningStatusEnabled)
	del := w.del(t, "bkt", "ghost", "")
	assert.True(t, aws.ToBool(del.DeleteMarker), "S3 adds a delete marker for a missing key (P6)")
	require.Len(t, aws.ToString(del.VersionId), 32)
	rows, _ := w.allVersions(t, "bkt", 1000)
	assert.Equal(t, []versionRow{{"ghost", aws.ToString(del.VersionId), true, true}}, rows)
	_, err := w.c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("bkt")})
	requireAPIError(t, err, "BucketNotEmpty")
}

// TestWireListObjectVersionsPaginator pages through more versions than fit
// on a page, with and without a delimiter: the SDK paginator must end and
// see every version exactly once, in S3's order (P4).
func TestWireListObjectVersionsPaginator(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", types.BucketVersioningStatusEnabled)
	var want []versionRow
	for i := range 12 {
		key := fmt.Sprintf("dir%d/key%02d", i%3, i)
		var ids []string
		for j := range 1 + i%4 {
			w.clock.Advance(time.Second)
			ids = append(ids, aws.ToString(w.put(t, "bkt", key, fmt.Sprint(j)).VersionId))
		}
		var rows []versionRow
		if i%5 == 0 {
			w.clock.Advance(time.Second)
			rows = append(rows, versionRow{key, aws.ToString(w.del(t, "bkt", key, "").VersionId), true, true})
		}
		for j := len(ids) - 1; j >= 0; j-- {
			rows = append(rows, versionRow{key, ids[j], len(rows) == 0, false})
		}
		want = append(want, rows...)
	}
	// Keys ascending, as S3 lists them.
	sortRowsByKey(want)

	for _, size := range []int32{1, 2, 7, 1000} {
		got, pages := w.allVersions(t, "bkt", size)
		assert.Equal(t, want, got, "page size %d", size)
		if size == 7 {
			assert.Greater(t, pages, 1)
		}
	}

	// With a delimiter the paginator sees each common prefix once.
	var prefixes []string
	p := s3.NewListObjectVersionsPaginator(w.c, &s3.ListObjectVersionsInput{
		Bucket: aws.String("bkt"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(1),
	})
	for i := 0; p.HasMorePages(); i++ {
		require.Less(t, i, 10)
		out, err := p.NextPage(ctx)
		require.NoError(t, err)
		for _, cp := range out.CommonPrefixes {
			prefixes = append(prefixes, aws.ToString(cp.Prefix))
		}
	}
	assert.Equal(t, []string{"dir0/", "dir1/", "dir2/"}, prefixes)

	// A prefix narrows the listing.
	got, _ := w.allVersions(t, "bkt", 3, func(in *s3.ListObjectVersionsInput) { in.Prefix = aws.String("dir1/") })
	for _, r := range got {
		assert.Regexp(t, `^dir1/`, r.Key)
	}
}

func sortRowsByKey(rows []versionRow) {
	// A stable insertion sort keeps each key's versions in order.
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && rows[j].Key < rows[j-1].Key; j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

func TestWireOverwriteDropsMetadata(t *testing.T) {
	for _, versioning := range []types.BucketVersioningStatus{"", types.BucketVersioningStatusEnabled} {
		t.Run(string(versioning), func(t *testing.T) {
			w := newWire(t, wireOptions{})
			w.bucket(t, "bkt", versioning)
			w.put(t, "bkt", "k", "first", func(in *s3.PutObjectInput) {
				in.Metadata = map[string]string{"old": "1", "both": "a"}
				in.StorageClass = types.StorageClassGlacierIr
				in.ContentType = aws.String("text/old")
				in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256
			})
			w.put(t, "bkt", "k", "second", func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"both": "bkt"} })
			head := w.head(t, "bkt", "k", "")
			assert.Equal(t, map[string]string{"both": "bkt"}, head.Metadata, "P7")
			assert.Empty(t, head.StorageClass, "STANDARD is not inherited from GLACIER_IR")
			assert.NotEqual(t, "text/old", aws.ToString(head.ContentType))
			list, err := w.c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")})
			require.NoError(t, err)
			assert.Equal(t, types.ObjectStorageClassStandard, list.Contents[0].StorageClass)
			vs, err := w.store.Versions("bkt", "")
			require.NoError(t, err)
			assert.NotEqual(t, "SHA256", vs[0].ChecksumAlgorithm)
		})
	}
}
