package s3fake_test

// DeleteObject and the versioning rules of writes and deletes (ported
// from objstore's TestWireVersioningTransitions and
// TestWireDeleteMissingKeyMakesDeleteMarker).

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestObjectVersioningTransitions drives one key through every versioning
// state and compares the version listing with S3's order after each step.
func TestObjectVersioningTransitions(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "vts", "")
	rows := func() []fidRow {
		r, _ := fx.listVersions(t, "vts", 1000)
		return shortRows(r)
	}

	// Unversioned: no version ids anywhere, the listing shows "null".
	out := fx.put(t, "vts", "k", []byte("n0"))
	assert.Nil(t, out.VersionId)
	assert.Nil(t, fx.head(t, "vts", "k", "").VersionId, "no internal version id leaks (P5)")
	getOut, _ := fx.get(t, "vts", "k", "")
	assert.Nil(t, getOut.VersionId)
	assert.Equal(t, []fidRow{{Key: "k", VersionID: "null", Latest: true}}, rows())

	// Enabled.
	fx.versioning(t, "vts", types.BucketVersioningStatusEnabled)
	fx.tick()
	v1 := aws.ToString(fx.put(t, "vts", "k", []byte("v1")).VersionId)
	fx.tick()
	v2 := aws.ToString(fx.put(t, "vts", "k", []byte("v2!")).VersionId)
	require.Len(t, v1, 32)
	require.NotEqual(t, v1, v2)
	assert.Equal(t, []fidRow{{Key: "k", VersionID: v2, Latest: true}, {Key: "k", VersionID: v1}, {Key: "k", VersionID: "null"}}, rows())
	assert.Equal(t, v2, aws.ToString(fx.head(t, "vts", "k", "").VersionId))

	// Suspended: PUT replaces the null version only and reports "null".
	fx.versioning(t, "vts", types.BucketVersioningStatusSuspended)
	fx.tick()
	assert.Equal(t, "null", aws.ToString(fx.put(t, "vts", "k", []byte("s1")).VersionId))
	assert.Equal(t, []fidRow{{Key: "k", VersionID: "null", Latest: true}, {Key: "k", VersionID: v2}, {Key: "k", VersionID: v1}}, rows())
	assert.Equal(t, "s1", getString(t, fx, "vts", "k", "null"))

	// Suspended DELETE: a null delete marker.
	fx.tick()
	del := fx.del(t, "vts", "k", "")
	assert.True(t, aws.ToBool(del.DeleteMarker))
	assert.Equal(t, "null", aws.ToString(del.VersionId))
	_, err := fx.c.HeadObject(fidCtx, &s3.HeadObjectInput{Bucket: aws.String("vts"), Key: aws.String("k")})
	assert.Equal(t, http.StatusNotFound, fidStatus(err))
	assert.Empty(t, fx.listKeys(t, "vts"))

	// Enabled DELETE: a new delete marker on top.
	fx.versioning(t, "vts", types.BucketVersioningStatusEnabled)
	fx.tick()
	del = fx.del(t, "vts", "k", "")
	assert.True(t, aws.ToBool(del.DeleteMarker))
	dm := aws.ToString(del.VersionId)
	require.Len(t, dm, 32)
	assert.Equal(t, []fidRow{{Key: "k", VersionID: dm, Latest: true, DM: true}, {Key: "k", VersionID: "null", DM: true},
		{Key: "k", VersionID: v2}, {Key: "k", VersionID: v1}}, rows())

	// Permanent deletes promote the next version.
	del = fx.del(t, "vts", "k", dm)
	assert.True(t, aws.ToBool(del.DeleteMarker), "the version deleted was a delete marker")
	assert.Equal(t, dm, aws.ToString(del.VersionId))
	del = fx.del(t, "vts", "k", "null")
	assert.Equal(t, "null", aws.ToString(del.VersionId))
	assert.Equal(t, "v2!", getString(t, fx, "vts", "k", ""))
	fx.del(t, "vts", "k", v2)
	assert.Equal(t, "v1", getString(t, fx, "vts", "k", ""), "deleting the current version promotes the next")
	objs := fx.listKeys(t, "vts")
	require.Len(t, objs, 1)
	assert.Equal(t, int64(2), aws.ToInt64(objs[0].Size))
	assert.Equal(t, []fidRow{{Key: "k", VersionID: v1, Latest: true}}, rows())
}

// TestDeleteObjectAnswers: 204 with x-amz-delete-marker and
// x-amz-version-id exactly when S3 sends them; deleting a missing key
// adds a delete marker in a versioned bucket; a version that does not
// exist is no error; an id never issued is 400.
func TestDeleteObjectAnswers(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "plain", "")
	fx.put(t, "plain", "k", []byte("x"))
	resp := objRaw(t, fx, http.MethodDelete, "/plain/k", nil, nil)
	assert.Equal(t, http.StatusNoContent, resp.status)
	assert.Empty(t, resp.header.Get("X-Amz-Delete-Marker"), "S3 sends it only when true")
	assert.Empty(t, resp.header.Get("X-Amz-Version-Id"))
	assert.Zero(t, versionCount(fx, "plain", "k"))
	resp = objRaw(t, fx, http.MethodDelete, "/plain/k", nil, nil)
	assert.Equal(t, http.StatusNoContent, resp.status, "deleting a missing key succeeds")

	fx.bucket(t, "ver", types.BucketVersioningStatusEnabled)
	v1 := aws.ToString(fx.put(t, "ver", "k", []byte("x")).VersionId)
	resp = objRaw(t, fx, http.MethodDelete, "/ver/ghost", nil, nil)
	assert.Equal(t, http.StatusNoContent, resp.status)
	assert.Equal(t, "true", resp.header.Get("X-Amz-Delete-Marker"), "S3 adds a delete marker for a missing key")
	ghost := resp.header.Get("X-Amz-Version-Id")
	require.Len(t, ghost, 32)
	r, _ := fx.listVersions(t, "ver", 1000)
	assert.Contains(t, shortRows(r), fidRow{Key: "ghost", VersionID: ghost, Latest: true, DM: true})
	_, err := fx.c.DeleteBucket(fidCtx, &s3.DeleteBucketInput{Bucket: aws.String("ver")})
	assert.Equal(t, "BucketNotEmpty", fidCode(err))

	resp = objRaw(t, fx, http.MethodDelete, "/ver/k?versionId="+v1, nil, nil)
	assert.Equal(t, http.StatusNoContent, resp.status)
	assert.Equal(t, v1, resp.header.Get("X-Amz-Version-Id"))
	assert.Empty(t, resp.header.Get("X-Amz-Delete-Marker"))
	resp = objRaw(t, fx, http.MethodDelete, "/ver/k?versionId="+v1, nil, nil)
	assert.Equal(t, http.StatusNoContent, resp.status, "a version that is gone is no error")
	assert.Equal(t, v1, resp.header.Get("X-Amz-Version-Id"))
	resp = objRaw(t, fx, http.MethodDelete, "/ver/k?versionId=nonsense", nil, nil)
	requireObjError(t, resp, http.StatusBadRequest, "InvalidArgument", map[string]string{"ArgumentName": "versionId", "ArgumentValue": "nonsense"})
	resp = objRaw(t, fx, http.MethodDelete, "/ver/ghost?versionId="+ghost, nil, nil)
	assert.Equal(t, "true", resp.header.Get("X-Amz-Delete-Marker"), "the version deleted was a delete marker")
	assert.Equal(t, ghost, resp.header.Get("X-Amz-Version-Id"))
	assert.Zero(t, versionCount(fx, "ver", "ghost"))
}
