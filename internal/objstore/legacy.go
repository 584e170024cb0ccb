package objstore

// Transitional: gofakes3's protocol layer still serves the object calls
// s3fake's own handlers have not taken over. gofakes3 recognises only its
// own error types, so this adapter turns the store's *Error into them.
// It goes with the last pass-through.

import (
	"errors"
	"io"

	"github.com/johannesboyne/gofakes3"
)

// Legacy returns s as gofakes3's Backend, VersionedBackend and
// MultipartBackend.
func Legacy(s *Store) gofakes3.Backend { return legacy{s} }

type legacy struct{ s *Store }

var (
	_ gofakes3.VersionedBackend = legacy{}
	_ gofakes3.MultipartBackend = legacy{}
)

func g(err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	msg := e.Message
	switch {
	case e.ArgumentName != "":
		return gofakes3.ErrorInvalidArgument(e.ArgumentName, e.ArgumentValue, msg)
	case e.Code == "NoSuchBucket":
		return gofakes3.BucketNotFound(e.BucketName)
	case e.Code == "NoSuchKey":
		return gofakes3.KeyNotFound(e.Key)
	case e.Code == "BucketNotEmpty":
		return gofakes3.ResourceError(gofakes3.ErrBucketNotEmpty, e.BucketName)
	case e.Code == "NoSuchVersion":
		return gofakes3.ResourceError(gofakes3.ErrNoSuchVersion, e.VersionID)
	}
	return gofakes3.ErrorMessage(gofakes3.ErrorCode(e.Code), msg)
}

func (l legacy) ListBuckets() ([]gofakes3.BucketInfo, error) {
	r, err := l.s.ListBuckets()
	return r, g(err)
}
func (l legacy) ListBucket(name string, prefix *gofakes3.Prefix, page gofakes3.ListBucketPage) (*gofakes3.ObjectList, error) {
	r, err := l.s.ListBucket(name, prefix, page)
	return r, g(err)
}
func (l legacy) CreateBucket(name string) error { return g(l.s.CreateBucket(name)) }
func (l legacy) BucketExists(name string) (bool, error) {
	r, err := l.s.BucketExists(name)
	return r, g(err)
}
func (l legacy) DeleteBucket(name string) error      { return g(l.s.DeleteBucket(name)) }
func (l legacy) ForceDeleteBucket(name string) error { return g(l.s.ForceDeleteBucket(name)) }
func (l legacy) GetObject(b, k string, rr *gofakes3.ObjectRangeRequest) (*gofakes3.Object, error) {
	r, err := l.s.GetObject(b, k, rr)
	return r, g(err)
}
func (l legacy) HeadObject(b, k string) (*gofakes3.Object, error) {
	r, err := l.s.HeadObject(b, k)
	return r, g(err)
}
func (l legacy) DeleteObject(b, k string) (gofakes3.ObjectDeleteResult, error) {
	r, err := l.s.DeleteObject(b, k)
	return r, g(err)
}
func (l legacy) PutObject(b, k string, meta map[string]string, in io.Reader, size int64, c *gofakes3.PutConditions) (gofakes3.PutObjectResult, error) {
	r, err := l.s.PutObject(b, k, meta, in, size, c)
	return r, g(err)
}
func (l legacy) DeleteMulti(b string, objects ...string) (gofakes3.MultiDeleteResult, error) {
	r, err := l.s.DeleteMulti(b, objects...)
	return r, g(err)
}
func (l legacy) CopyObject(sb, sk, db, dk string, meta map[string]string) (gofakes3.CopyObjectResult, error) {
	r, err := l.s.CopyObject(sb, sk, db, dk, meta)
	return r, g(err)
}
func (l legacy) VersioningConfiguration(b string) (gofakes3.VersioningConfiguration, error) {
	r, err := l.s.VersioningConfiguration(b)
	return r, g(err)
}
func (l legacy) SetVersioningConfiguration(b string, v gofakes3.VersioningConfiguration) error {
	return g(l.s.SetVersioningConfiguration(b, v))
}
func (l legacy) GetObjectVersion(b, k string, id gofakes3.VersionID, rr *gofakes3.ObjectRangeRequest) (*gofakes3.Object, error) {
	r, err := l.s.GetObjectVersion(b, k, id, rr)
	return r, g(err)
}
func (l legacy) HeadObjectVersion(b, k string, id gofakes3.VersionID) (*gofakes3.Object, error) {
	r, err := l.s.HeadObjectVersion(b, k, id)
	return r, g(err)
}
func (l legacy) DeleteObjectVersion(b, k string, id gofakes3.VersionID) (gofakes3.ObjectDeleteResult, error) {
	r, err := l.s.DeleteObjectVersion(b, k, id)
	return r, g(err)
}
func (l legacy) DeleteMultiVersions(b string, objects ...gofakes3.ObjectID) (gofakes3.MultiDeleteResult, error) {
	r, err := l.s.DeleteMultiVersions(b, objects...)
	return r, g(err)
}
func (l legacy) ListBucketVersions(b string, prefix *gofakes3.Prefix, page *gofakes3.ListBucketVersionsPage) (*gofakes3.ListBucketVersionsResult, error) {
	r, err := l.s.ListBucketVersions(b, prefix, page)
	return r, g(err)
}
func (l legacy) CreateMultipartUpload(b, k string, meta map[string]string) (gofakes3.UploadID, error) {
	r, err := l.s.CreateMultipartUpload(b, k, meta)
	return r, g(err)
}
func (l legacy) UploadPart(b, k string, id gofakes3.UploadID, n int, size int64, in io.Reader) (string, error) {
	r, err := l.s.UploadPart(b, k, id, n, size, in)
	return r, g(err)
}
func (l legacy) ListMultipartUploads(b string, m *gofakes3.UploadListMarker, p gofakes3.Prefix, limit int64) (*gofakes3.ListMultipartUploadsResult, error) {
	r, err := l.s.ListMultipartUploads(b, m, p, limit)
	return r, g(err)
}
func (l legacy) ListParts(b, k string, id gofakes3.UploadID, marker int, limit int64) (*gofakes3.ListMultipartUploadPartsResult, error) {
	r, err := l.s.ListParts(b, k, id, marker, limit)
	return r, g(err)
}
func (l legacy) AbortMultipartUpload(b, k string, id gofakes3.UploadID) error {
	return g(l.s.AbortMultipartUpload(b, k, id))
}
func (l legacy) CompleteMultipartUpload(b, k string, id gofakes3.UploadID, in *gofakes3.CompleteMultipartUploadRequest) (gofakes3.VersionID, string, error) {
	v, e, err := l.s.CompleteMultipartUpload(b, k, id, in)
	return v, e, g(err)
}
