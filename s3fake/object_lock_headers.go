package s3fake

// The Object Lock headers of a write (x-amz-object-lock-mode,
// -retain-until-date, -legal-hold) need a bucket with Object Lock: S3
// refuses them anywhere else, with its own wording for PutObject,
// CopyObject and CreateMultipartUpload ("ObjectLockConfiguration" in one
// word, unlike the retention and legal-hold calls).

import (
	"net/http"

	"github.com/s3fake/s3fake/xmlcodec"
)

// lockHeaders are the write headers that set a version's lock.
var lockHeaders = []string{"X-Amz-Object-Lock-Mode", "X-Amz-Object-Lock-Retain-Until-Date", "X-Amz-Object-Lock-Legal-Hold"}

// checkLockHeaders refuses lock headers in a bucket without Object Lock.
func (s *Server) checkLockHeaders(req *request, h http.Header) error {
	sent := false
	for _, name := range lockHeaders {
		if _, ok := h[name]; ok {
			sent = true
		}
	}
	if !sent {
		return nil
	}
	if _, enabled, err := s.objects.BucketObjectLock(req.bucket); err != nil || enabled {
		return err
	}
	return xmlcodec.NewError(xmlcodec.InvalidRequest, "Bucket is missing ObjectLockConfiguration")
}
