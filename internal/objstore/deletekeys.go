package objstore

// Multi-object delete: what S3's DeleteObjects does with each entry.

import "strings"

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
	// BypassGovernance lets a delete by VersionID remove a version under
	// a GOVERNANCE retention (x-amz-bypass-governance-retention, granted).
	BypassGovernance bool
}

// DeleteKeys deletes each entry as RemoveObject would, all under one lock,
// and reports each outcome, in order, with S3's delete-marker details. A
// version id the store never issued fails its entry with InvalidArgument;
// a missing bucket fails the whole call.
func (s *Store) DeleteKeys(bucketName string, entries []DeleteEntry) (_ []DeleteOutcome, err error) {
	at := s.clock().Unix()
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return nil, err
	}
	out := make([]DeleteOutcome, 0, len(entries))
	for _, e := range entries {
		res := DeleteOutcome{Key: e.Key, VersionID: e.VersionID}
		if res.Err = s.checkDeleteETagLocked(b, e); res.Err != nil {
			out = append(out, res)
			continue
		}
		var r RemoveResult
		if e.VersionID == "" {
			r = s.deleteLocked(b, e.Key, at)
		} else {
			if res.Err = s.checkDeleteLockLocked(b, e.Key, e.VersionID, at, e.BypassGovernance); res.Err == nil {
				r, res.Err = s.deleteVersionLocked(b, e.Key, e.VersionID)
			}
		}
		if r.DeleteMarker {
			res.DeleteMarker, res.DeleteMarkerVersionID = true, r.VersionID
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
		if v, err = s.findVersion(head, e.VersionID); err != nil {
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
