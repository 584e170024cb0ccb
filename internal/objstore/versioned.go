package objstore

import (
	"errors"
	"strings"

	"github.com/johannesboyne/gofakes3"
)

// VersioningConfiguration returns the bucket's versioning state; a bucket
// that never had versioning reports an empty status, as S3 does.
func (s *Store) VersioningConfiguration(bucketName string) (gofakes3.VersioningConfiguration, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return gofakes3.VersioningConfiguration{}, err
	}
	return gofakes3.VersioningConfiguration{
		Status:    gofakes3.VersioningStatus(b.versioning),
		MFADelete: b.mfaDelete,
	}, nil
}

// SetVersioningConfiguration enables or suspends versioning. An empty
// status leaves the state as it is (S3 has no way back to unversioned).
// MFADelete is recorded and reported but not enforced.
func (s *Store) SetVersioningConfiguration(bucketName string, v gofakes3.VersioningConfiguration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return err
	}
	if v.Status != gofakes3.VersioningNone {
		b.versioning = Versioning(v.Status)
	}
	if v.MFADelete != gofakes3.MFADeleteNone {
		b.mfaDelete = v.MFADelete
	}
	return nil
}

// GetObjectVersion returns one version of the object with its body (or a
// range of it). versionID may be "null" (or NullVersionAlias) for the null
// version. A version that does not exist is NoSuchVersion; an id the store
// never issued is InvalidArgument. A delete marker is returned with
// IsDeleteMarker set; Wrap turns gofakes3's 404 for it into S3's 405.
func (s *Store) GetObjectVersion(bucketName, objectName string, versionID gofakes3.VersionID, rangeRequest *gofakes3.ObjectRangeRequest) (*gofakes3.Object, error) {
	return s.read(bucketName, objectName, versionID, rangeRequest, true)
}

// HeadObjectVersion is GetObjectVersion without the body. gofakes3 never
// calls it (gofakes3.md P5); Wrap serves HEAD ?versionId= through
// GetObjectVersion instead.
func (s *Store) HeadObjectVersion(bucketName, objectName string, versionID gofakes3.VersionID) (*gofakes3.Object, error) {
	return s.read(bucketName, objectName, versionID, nil, false)
}

// DeleteObjectVersion permanently deletes one version or delete marker;
// the next older version becomes current. The result names the version
// deleted and whether it was a delete marker. A version that does not
// exist is not an error.
func (s *Store) DeleteObjectVersion(bucketName, objectName string, versionID gofakes3.VersionID) (gofakes3.ObjectDeleteResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return gofakes3.ObjectDeleteResult{}, err
	}
	return s.deleteVersionLocked(b, objectName, versionID)
}

// DeleteMultiVersions deletes each object as DeleteObject (no version id)
// or DeleteObjectVersion (with one) would, all under one lock. Failures
// are reported per object, as S3's DeleteObjects does.
//
// gofakes3's ObjectID has no DeleteMarker or DeleteMarkerVersionId fields,
// so what DeleteObjects says about delete markers is lost here; a front
// end that needs it calls DeleteObjects instead.
func (s *Store) DeleteMultiVersions(bucketName string, objects ...gofakes3.ObjectID) (gofakes3.MultiDeleteResult, error) {
	outcomes, err := s.DeleteObjects(bucketName, objects...)
	if err != nil {
		return gofakes3.MultiDeleteResult{}, err
	}
	var out gofakes3.MultiDeleteResult
	for _, o := range outcomes {
		if o.Err != nil {
			out.Error = append(out.Error, errorResult(o.Key, o.Err))
			continue
		}
		out.Deleted = append(out.Deleted, gofakes3.ObjectID{Key: o.Key, VersionID: o.VersionID})
	}
	return out, nil
}

// DeleteOutcome is what S3's DeleteObjects reports for one object.
type DeleteOutcome struct {
	// Key and VersionID are the object as requested.
	Key, VersionID string
	// DeleteMarker and DeleteMarkerVersionID are S3's <DeleteMarker> and
	// <DeleteMarkerVersionId>: the delete marker a plain delete created, or
	// the delete marker a versioned delete removed.
	DeleteMarker          bool
	DeleteMarkerVersionID string
	// Err is the failure for this object (reported as an <Error> entry).
	Err error
}

// DeleteEntry names one object of a multi-object delete.
type DeleteEntry struct {
	Key string
	// VersionID, when set, deletes that version (or delete marker)
	// permanently; "null" names the null version.
	VersionID string
	// ETag, when set, makes the delete conditional, as If-Match does on
	// DeleteObject: the version deleted (the current one without a
	// VersionID) must have this ETag ("*": must exist), or the entry fails
	// with PreconditionFailed, or NoSuchKey when there is none.
	ETag string
}

// DeleteKeys deletes each entry as DeleteObject (no version id) or
// DeleteObjectVersion (with one) would, all under one lock, and reports
// each outcome, in order, with S3's delete-marker details. A version id the
// store never issued fails its entry with InvalidArgument; a missing bucket
// fails the whole call.
func (s *Store) DeleteKeys(bucketName string, entries []DeleteEntry) ([]DeleteOutcome, error) {
	at := s.clock().Unix()
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return nil, err
	}
	out := make([]DeleteOutcome, 0, len(entries))
	for _, e := range entries {
		res := DeleteOutcome{Key: e.Key, VersionID: e.VersionID}
		if e.VersionID == NullVersionAlias {
			// The transitional alias is not an id S3 would know.
			res.Err = errInvalidVersionID(e.VersionID)
			out = append(out, res)
			continue
		}
		if res.Err = s.checkDeleteETagLocked(b, e); res.Err != nil {
			out = append(out, res)
			continue
		}
		var r gofakes3.ObjectDeleteResult
		if e.VersionID == "" {
			r = s.deleteLocked(b, e.Key, at)
		} else {
			r, res.Err = s.deleteVersionLocked(b, e.Key, gofakes3.VersionID(e.VersionID))
		}
		if r.IsDeleteMarker {
			res.DeleteMarker, res.DeleteMarkerVersionID = true, string(r.VersionID)
		}
		out = append(out, res)
	}
	return out, nil
}

// checkDeleteETagLocked applies an entry's ETag condition to the version
// it deletes. A delete marker is no object to match.
func (s *Store) checkDeleteETagLocked(b *bucket, e DeleteEntry) error {
	if e.ETag == "" {
		return nil
	}
	head := b.index.get(e.Key)
	v := head
	if e.VersionID != "" {
		var err error
		if v, err = s.findVersion(head, gofakes3.VersionID(e.VersionID)); err != nil {
			return err
		}
	}
	if v == nil || v.isDeleteMarker() {
		return errNoSuchKey(e.Key)
	}
	if want := strings.Trim(e.ETag, `"`); want != "*" && !strings.EqualFold(want, v.etag()) {
		return errPreconditionFailed()
	}
	return nil
}

// DeleteObjects is DeleteKeys for gofakes3's object ids (transitional:
// gofakes3's protocol layer and its tests call it).
func (s *Store) DeleteObjects(bucketName string, objects ...gofakes3.ObjectID) ([]DeleteOutcome, error) {
	entries := make([]DeleteEntry, len(objects))
	for i, o := range objects {
		entries[i] = DeleteEntry{Key: o.Key, VersionID: o.VersionID}
	}
	return s.DeleteKeys(bucketName, entries)
}

// errorResult is the <Error> entry of a DeleteObjects response for key.
// gofakes3.ErrorResultFromError drops the message of InvalidArgument
// errors, so it is restored here.
func errorResult(key string, err error) gofakes3.ErrorResult {
	res := gofakes3.ErrorResultFromError(err)
	res.Key = key
	var se *Error
	if errors.As(err, &se) {
		res.Code, res.Message = gofakes3.ErrorCode(se.Code), se.Message
	}
	return res
}
