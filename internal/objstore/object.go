package objstore

import (
	"bytes"
	"crypto/md5"
	"io"
	"net/http"
	"strings"

	"github.com/johannesboyne/gofakes3"
)

// GetObject returns the current version of the object with its body, or
// the byte range selected by rangeRequest when that is not nil. When the
// current version is a delete marker it returns an Object with
// IsDeleteMarker set, from which gofakes3 answers 404 with
// x-amz-delete-marker: true, as S3 does.
func (s *Store) GetObject(bucketName, objectName string, rangeRequest *gofakes3.ObjectRangeRequest) (*gofakes3.Object, error) {
	return s.read(bucketName, objectName, "", rangeRequest, true)
}

// HeadObject is GetObject without the body.
func (s *Store) HeadObject(bucketName, objectName string) (*gofakes3.Object, error) {
	return s.read(bucketName, objectName, "", nil, false)
}

// read looks up a version (the current one when id is empty) and converts
// it outside the lock: versions are immutable.
func (s *Store) read(bucketName, key string, id gofakes3.VersionID, rng *gofakes3.ObjectRangeRequest, withBody bool) (*gofakes3.Object, error) {
	s.mu.RLock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		s.mu.RUnlock()
		return nil, err
	}
	head := b.index.get(key)
	v := head
	reported := gofakes3.VersionID("")
	if id != "" {
		v, err = s.findVersion(head, id)
		if v != nil {
			reported = s.versionID(v)
		}
	} else if v != nil {
		reported = s.reportedID(b, v)
	}
	s.mu.RUnlock()
	switch {
	case err != nil:
		return nil, err
	case v == nil && id != "":
		return nil, errNoSuchVersion(key, string(id))
	case v == nil:
		return nil, errNoSuchKey(key)
	}
	return v.object(key, reported, rng, withBody)
}

// object converts v into what gofakes3 writes as a GET or HEAD response.
// A nil rng with withBody is the whole object; HEAD passes no range
// (gofakes3 applies Range to HEAD itself).
func (v *version) object(key string, id gofakes3.VersionID, rng *gofakes3.ObjectRangeRequest, withBody bool) (*gofakes3.Object, error) {
	obj := &gofakes3.Object{
		Name:      key,
		VersionID: id,
		Contents:  io.NopCloser(bytes.NewReader(nil)),
	}
	if v.isDeleteMarker() {
		obj.IsDeleteMarker = true
		obj.Metadata = map[string]string{"Last-Modified": v.lastModified().Format(http.TimeFormat)}
		return obj, nil
	}
	obj.Size = v.size
	obj.Hash = bytes.Clone(v.md5[:])
	obj.Metadata = responseHeaders(v, rng == nil)
	if !withBody {
		return obj, nil
	}
	if v.archived() {
		return nil, errInvalidObjectState()
	}
	r, err := rng.Range(v.size)
	if err != nil {
		return nil, err
	}
	start, n := int64(0), v.size
	if r != nil {
		start, n = r.Start, r.Length
	}
	obj.Range = r
	if v.body != nil {
		obj.Contents = io.NopCloser(bytes.NewReader(v.body[start : start+n]))
	} else {
		obj.Contents = io.NopCloser(io.LimitReader(zeroReader{}, n)) // size-only version
	}
	return obj, nil
}

// archived reports whether v's content must be restored before a GET: S3
// answers GET of GLACIER and DEEP_ARCHIVE objects, and of objects in the
// archive tiers of Intelligent-Tiering, with 403 InvalidObjectState.
func (v *version) archived() bool {
	fs := v.facts.Value()
	return fs.storageClass == StorageGlacier || fs.storageClass == StorageDeepArchive ||
		fs.accessTier == "ARCHIVE" || fs.accessTier == "DEEP_ARCHIVE"
}

// zeroReader reads zero bytes forever.
type zeroReader struct{}

// Read fills p with zeros.
func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// PutObject stores size bytes read from input as a new version of key,
// following the bucket's versioning state. Its facts come from meta (the
// request headers gofakes3 collected) and S3's defaults; nothing is
// inherited from an earlier version (gofakes3.md P7). A checksum header is
// checked against the body (BadDigest), and without one S3's default
// CRC64NVME checksum is computed. conditions (If-Match, If-None-Match) are
// checked against the current version atomically with the write.
func (s *Store) PutObject(bucketName, key string, meta map[string]string, input io.Reader, size int64, conditions *gofakes3.PutConditions) (gofakes3.PutObjectResult, error) {
	// Read and hash before locking: a slow client must not hold the lock.
	body, err := gofakes3.ReadAll(input, size)
	if err != nil {
		return gofakes3.PutObjectResult{}, err
	}
	now := s.clock()
	req, err := parseRequest(meta, now, false)
	if err != nil {
		return gofakes3.PutObjectResult{}, err
	}
	checksum, err := req.bodyChecksum(body)
	if err != nil {
		return gofakes3.PutObjectResult{}, err
	}
	v := &version{
		modified: now.Unix(),
		size:     int64(len(body)),
		body:     body,
		md5:      md5.Sum(body),
		extra:    newExtra(req.stored, checksum),
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return gofakes3.PutObjectResult{}, err
	}
	if v.facts, err = s.factsLocked(b, req.facts); err != nil {
		return gofakes3.PutObjectResult{}, errInvalidArgument(err.Error())
	}
	if err := checkConditions(conditions, b.index.get(key)); err != nil {
		return gofakes3.PutObjectResult{}, err
	}
	return gofakes3.PutObjectResult{VersionID: s.putLocked(b, key, v)}, nil
}

// bodyChecksum returns the checksum to store for body: the one the request
// sent, once verified, or one computed with the request's algorithm or,
// failing that, S3's default CRC64NVME.
func (r *request) bodyChecksum(body []byte) (string, error) {
	if r.facts.ChecksumAlgorithm == "" {
		r.facts.ChecksumAlgorithm, r.facts.ChecksumType = ChecksumCRC64NVME, ChecksumFullObject
	}
	sum := fullChecksum(r.facts.ChecksumAlgorithm, body, 0)
	if r.checksum != "" && r.checksum != sum {
		return "", errBadDigest(r.facts.ChecksumAlgorithm)
	}
	return sum, nil
}

// newExtra returns the extra part of a version, nil when it has none.
func newExtra(meta map[string]string, checksum string) *versionExtra {
	if len(meta) == 0 && checksum == "" {
		return nil
	}
	return &versionExtra{meta: meta, checksum: checksum}
}

// checkConditions applies a conditional PUT's If-None-Match and If-Match
// to the current version. A current delete marker means the object does
// not exist. The ETag compared is the version's real one, "-N" suffix
// included, unlike gofakes3.CheckPutConditions, which only knows MD5s.
func checkConditions(c *gofakes3.PutConditions, head *version) error {
	if c == nil {
		return nil
	}
	exists := head != nil && !head.isDeleteMarker()
	if c.IfNoneMatch != nil && *c.IfNoneMatch == "*" && exists {
		return errPreconditionFailed()
	}
	if c.IfMatch != nil {
		want := strings.Trim(*c.IfMatch, `"`)
		if !exists || !strings.EqualFold(want, head.etag()) {
			return errPreconditionFailed()
		}
	}
	return nil
}

// DeleteObject is DELETE without a version id: it removes the object in an
// unversioned bucket and adds a delete marker otherwise (see
// deleteLocked). Deleting a missing key is not an error; a missing bucket
// is gofakes3.BucketNotFound.
func (s *Store) DeleteObject(bucketName, objectName string) (gofakes3.ObjectDeleteResult, error) {
	at := s.clock().Unix()
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return gofakes3.ObjectDeleteResult{}, err
	}
	return s.deleteLocked(b, objectName, at), nil
}

// DeleteMulti deletes every listed key as DeleteObject does; as in S3, keys
// that do not exist are reported as deleted. gofakes3 calls it only when
// versioning is switched off in gofakes3 itself (WithoutVersioning);
// otherwise it calls DeleteMultiVersions.
func (s *Store) DeleteMulti(bucketName string, objects ...string) (gofakes3.MultiDeleteResult, error) {
	ids := make([]gofakes3.ObjectID, len(objects))
	for i, k := range objects {
		ids[i] = gofakes3.ObjectID{Key: k}
	}
	return s.DeleteMultiVersions(bucketName, ids...)
}
