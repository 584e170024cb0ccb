package objstore

import (
	"github.com/johannesboyne/gofakes3"
)

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
func (s *Store) putLocked(b *bucket, key string, v *version) gofakes3.VersionID {
	v.seq = s.nextSeqLocked()
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
func (s *Store) deleteLocked(b *bucket, key string, at int64) gofakes3.ObjectDeleteResult {
	if b.versioning == Unversioned {
		b.index.set(key, nil)
		return gofakes3.ObjectDeleteResult{}
	}
	marker := &version{modified: at, flags: flagDeleteMarker, facts: b.markerFacts}
	s.putLocked(b, key, marker)
	return gofakes3.ObjectDeleteResult{IsDeleteMarker: true, VersionID: s.reportedID(b, marker)}
}

// deleteVersionLocked permanently removes one version (or delete marker)
// of key; the next older version, if any, becomes current. A version that
// does not exist is not an error, as in S3 and as gofakes3 requires.
func (s *Store) deleteVersionLocked(b *bucket, key string, id gofakes3.VersionID) (gofakes3.ObjectDeleteResult, error) {
	head := b.index.get(key)
	target, err := s.findVersion(head, id)
	if err != nil || target == nil {
		return gofakes3.ObjectDeleteResult{}, err
	}
	b.index.set(key, without(head, target))
	return gofakes3.ObjectDeleteResult{
		IsDeleteMarker: target.isDeleteMarker(),
		VersionID:      s.versionID(target),
	}, nil
}

// findVersion looks id up in a version list. "null" and NullVersionAlias
// name the null version. An id the store never issued is
// InvalidArgument; a well-formed id that is not in the list gives nil.
func (s *Store) findVersion(head *version, id gofakes3.VersionID) (*version, error) {
	if isNullID(id) {
		return findNull(head), nil
	}
	seq, ok := s.versionIDs.decode(string(id))
	if !ok {
		return nil, errInvalidVersionID(string(id))
	}
	return findSeq(head, seq), nil
}

// isNullID reports whether id names the null version.
func isNullID(id gofakes3.VersionID) bool {
	return id == NullVersionID || id == NullVersionAlias
}

// versionID is the id of v as S3 names it in version-aware responses:
// "null" for the null version.
func (s *Store) versionID(v *version) gofakes3.VersionID {
	if v.isNull() {
		return NullVersionID
	}
	return gofakes3.VersionID(s.versionIDs.encode(v.seq))
}

// reportedID is the id S3 reports in x-amz-version-id for v: none at all in
// a bucket that has never had versioning, so that no internal id leaks
// (gofakes3.md P5), and versionID otherwise.
func (s *Store) reportedID(b *bucket, v *version) gofakes3.VersionID {
	if b.versioning == Unversioned {
		return ""
	}
	return s.versionID(v)
}
