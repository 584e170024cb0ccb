package objstore

// A bucket's versioning configuration: the state GetBucketVersioning
// reports and PutBucketVersioning changes.

// MFA delete states, as VersioningConfiguration's MfaDelete spells them.
const (
	MFADeleteEnabled  = "Enabled"
	MFADeleteDisabled = "Disabled"
)

// VersioningState is a bucket's versioning configuration.
type VersioningState struct {
	// Status is Unversioned until versioning was first enabled, then
	// Enabled or Suspended.
	Status Versioning
	// MFADelete is "" until a configuration named it, then
	// MFADeleteEnabled or MFADeleteDisabled.
	MFADelete string
	// ObjectLock reports a bucket created with Object Lock enabled.
	ObjectLock bool
}

// BucketVersioning returns the bucket's versioning configuration.
func (s *Store) BucketVersioning(bucket string) (VersioningState, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return VersioningState{}, err
	}
	return VersioningState{Status: b.versioning, MFADelete: b.mfaDelete, ObjectLock: b.objectLock}, nil
}

// ChangeVersioning applies a PutBucketVersioning: status (Enabled or
// Suspended; Unversioned leaves the state alone, S3 has no way back) and
// mfaDelete (MFADeleteEnabled, MFADeleteDisabled, or "" to leave it). A
// bucket with Object Lock cannot be suspended: InvalidBucketState, and
// nothing changes. Any other value is MalformedXML.
func (s *Store) ChangeVersioning(bucket string, status Versioning, mfaDelete string) (err error) {
	switch status {
	case Unversioned, VersioningEnabled, VersioningSuspended:
	default:
		return errMalformedXML()
	}
	switch mfaDelete {
	case "", MFADeleteEnabled, MFADeleteDisabled:
	default:
		return errMalformedXML()
	}
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return err
	}
	if b.objectLock && status == VersioningSuspended {
		return errObjectLockVersioning()
	}
	s.noteBucketLocked(b) // journal.go
	if status != Unversioned {
		b.versioning = status
	}
	if mfaDelete != "" {
		b.mfaDelete = mfaDelete
	}
	return nil
}

// errObjectLockVersioning is S3's answer to suspending versioning on a
// bucket with Object Lock.
func errObjectLockVersioning() error {
	return &Error{Code: "InvalidBucketState",
		Message: "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed."}
}

// ValidVersionID reports whether id is "null" or an id this store could
// have issued (whether or not that version still exists): what S3 checks
// of a version-id-marker before listing.
func (s *Store) ValidVersionID(id string) bool {
	if id == NullVersionID {
		return true
	}
	_, ok := s.versionIDs.decode(id)
	return ok
}
