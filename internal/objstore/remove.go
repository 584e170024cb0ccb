package objstore

// RemoveResult is what DeleteObject reports: S3's x-amz-version-id and
// x-amz-delete-marker.
type RemoveResult struct {
	// VersionID is the delete marker a plain delete created ("null" when
	// suspended, "" in a bucket that never had versioning), or the version
	// id the request named.
	VersionID string
	// DeleteMarker is set when a plain delete created a delete marker, or
	// when the version deleted by id was one.
	DeleteMarker bool
}

// RemoveObject is DeleteObject. Without versionID it removes the object
// of an unversioned bucket and adds a delete marker otherwise, even for a
// key that does not exist. With versionID ("null" for the null version)
// it permanently deletes that version or delete marker, and the next
// older version becomes current; a version that does not exist is not an
// error, as in S3. Errors: NoSuchBucket, and InvalidArgument for an id the
// store never issued.
func (s *Store) RemoveObject(bucket, key, versionID string) (RemoveResult, error) {
	return s.RemoveObjectBypass(bucket, key, versionID, false)
}

// RemoveObjectBypass is RemoveObject with Object Lock's rule for deleting a
// version by id: a version under a legal hold, a COMPLIANCE retention in
// force, or a GOVERNANCE retention in force without bypassGovernance, is
// refused with AccessDenied, as S3 refuses it.
func (s *Store) RemoveObjectBypass(bucket, key, versionID string, bypassGovernance bool) (_ RemoveResult, err error) {
	at := s.clock().Unix()
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return RemoveResult{}, err
	}
	if versionID == "" {
		return s.deleteLocked(b, key, at), nil
	}
	if err := s.checkDeleteLockLocked(b, key, versionID, at, bypassGovernance); err != nil {
		return RemoveResult{}, err
	}
	r, err := s.deleteVersionLocked(b, key, versionID)
	if err != nil {
		return RemoveResult{}, err
	}
	return RemoveResult{VersionID: versionID, DeleteMarker: r.DeleteMarker}, nil
}
