package s3fake_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Lock headers on a write to a bucket without Object Lock: S3's 400
// InvalidRequest for PutObject, CopyObject and CreateMultipartUpload,
// and nothing written. The same headers in a bucket with Object Lock
// lock the version.
func TestLockHeadersNeedObjectLock(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "plain", types.BucketVersioningStatusEnabled)
	fx.put(t, "plain", "src", []byte("x"))
	until := aws.Time(fx.srv.Now().Add(time.Hour))
	const msg = "Bucket is missing ObjectLockConfiguration"

	_, err := fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String("plain"), Key: aws.String("k"), Body: bytes.NewReader([]byte("x")),
		ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: until})
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msg)
	_, err = fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String("plain"), Key: aws.String("k"), Body: bytes.NewReader([]byte("x")),
		ObjectLockLegalHoldStatus: types.ObjectLockLegalHoldStatusOff})
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msg)
	_, err = fx.c.CopyObject(fidCtx, &s3.CopyObjectInput{Bucket: aws.String("plain"), Key: aws.String("k"), CopySource: aws.String("plain/src"),
		ObjectLockLegalHoldStatus: types.ObjectLockLegalHoldStatusOn})
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msg)
	_, err = fx.c.CreateMultipartUpload(fidCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("plain"), Key: aws.String("k"),
		ObjectLockMode: types.ObjectLockModeCompliance, ObjectLockRetainUntilDate: until})
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msg)
	assert.Zero(t, versionCount(fx, "plain", "k"))
	ups, err := fx.c.ListMultipartUploads(fidCtx, &s3.ListMultipartUploadsInput{Bucket: aws.String("plain")})
	require.NoError(t, err)
	assert.Empty(t, ups.Uploads)

	_, err = fx.c.CreateBucket(fidCtx, &s3.CreateBucketInput{Bucket: aws.String("locked"), ObjectLockEnabledForBucket: aws.Bool(true)})
	require.NoError(t, err)
	fx.put(t, "locked", "k", []byte("x"), func(in *s3.PutObjectInput) { in.ObjectLockLegalHoldStatus = types.ObjectLockLegalHoldStatusOn })
	h := fx.head(t, "locked", "k", "")
	assert.Equal(t, types.ObjectLockLegalHoldStatusOn, h.ObjectLockLegalHoldStatus)
}
