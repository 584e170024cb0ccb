package objstore

// This file holds S3's versioning rules, applied to a key's version list
// (newest first). Every function here expects the caller to hold the write
// lock, except the pure lookups, which need a read lock.

// putLocked makes v the newest version of key, following the bucket's
// versioning state, and returns the version id S3 reports for it:
//
//   - Unversioned: v is the null version and replaces everything.
//   - Enabled: v gets a new id and goes in front of the existing versions.
//   - Suspended: v is the null version; an existing null version is
//     removed, every other version is kept.
func (s *Store) putLocked(b *bucket, key string, v *version) string {
	v.seq = s.nextSeqLocked()
	s.noteKeyLocked(b, key) // journal.go
	b.index.update(key, func(head *version) *version {
		switch b.versioning {
		case Unversioned:
			v.flags |= flagNull
			v.next = nil
		case VersioningEnabled:
			v.next = head
		case VersioningSuspended:
			v.flags |= flagNull
			v.next = without(head, findNull(head))
		}
		return v
	})
	return s.reportedID(b, v)
}

// deleteLocked is DELETE without a version id:
//
//   - Unversioned: the key and its (null) version are gone.
//   - Enabled: a delete marker with a new id becomes the newest version,
//     even if the key did not exist or is already deleted.
//   - Suspended: a null delete marker replaces the null version, if any.
func (s *Store) deleteLocked(b *bucket, key string, at int64) RemoveResult {
	if b.versioning == Unversioned {
		s.noteKeyLocked(b, key)
		b.index.set(key, nil)
		return RemoveResult{}
	}
	marker := &version{modified: at, flags: flagDeleteMarker, facts: b.markerFacts}
	return RemoveResult{VersionID: s.putLocked(b, key, marker), DeleteMarker: true}
}

// deleteVersionLocked permanently removes one version (or delete marker)
// of key; the next older version, if any, becomes current. A version that
// does not exist is not an error, as in S3: the result is then empty.
func (s *Store) deleteVersionLocked(b *bucket, key, id string) (RemoveResult, error) {
	head := b.index.get(key)
	target, err := s.findVersion(head, id)
	if err != nil || target == nil {
		return RemoveResult{}, err
	}
	s.noteKeyLocked(b, key)
	b.index.set(key, without(head, target))
	return RemoveResult{VersionID: s.versionID(target), DeleteMarker: target.isDeleteMarker()}, nil
}

// findVersion looks id up in a version list; "null" names the null
// version. An id the store never issued is InvalidArgument; a well-formed
// id that is not in the list gives nil.
func (s *Store) findVersion(head *version, id string) (*version, error) {
	if id == NullVersionID {
		return findNull(head), nil
	}
	seq, ok := s.versionIDs.decode(id)
	if !ok {
		return nil, errInvalidVersionID(id)
	}
	return findSeq(head, seq), nil
}

// versionID is the id of v as S3 names it in version-aware responses:
// "null" for the null version.
func (s *Store) versionID(v *version) string {
	if v.isNull() {
		return NullVersionID
	}
	return s.versionIDs.encode(v.seq)
}

// reportedID is the id S3 reports in x-amz-version-id for v: none at all in
// a bucket that has never had versioning, so that no internal id leaks
// (docs/gofakes3.md P5), and versionID otherwise.
func (s *Store) reportedID(b *bucket, v *version) string {
	if b.versioning == Unversioned {
		return ""
	}
	return s.versionID(v)
}
