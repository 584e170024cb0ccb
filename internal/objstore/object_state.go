package objstore

// The state of one version that S3 lets clients change after the write:
// its tags (PutObjectTagging, DeleteObjectTagging), its retention and its
// legal hold (PutObjectRetention, PutObjectLegalHold). None of them makes
// a new version: the version keeps its id, content and place in the list.
// Versions are immutable once reachable (version.go), so a change builds a
// copy of the version and of the versions in front of it, and shares the
// tail; snapshots and readers outside the lock keep what they saw.

import "time"

// SetObjectTags replaces the tags of the current version of key, or of the
// version named by versionID; nil tags removes them. tags must pass
// ValidateTags and hold no key twice (InvalidTag otherwise). A delete
// marker is returned unchanged with DeleteMarker set (S3 answers 404 or
// 405: the caller's business). Errors: NoSuchBucket, NoSuchKey,
// NoSuchVersion, InvalidArgument for an id the store never issued.
func (s *Store) SetObjectTags(bucketName, key, versionID string, tags []Tag) (*Object, error) {
	if err := ValidateTags(tags); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		if seen[t.Key] {
			return nil, errInvalidTag("Cannot provide multiple Tags with the same key")
		}
		seen[t.Key] = true
	}
	tags = append([]Tag(nil), tags...)
	return s.changeVersion(bucketName, key, versionID, false, func(_ *bucket, v *version) error {
		x := versionExtra{}
		if v.extra != nil {
			x = *v.extra
		}
		x.tags = tags
		if len(tags) == 0 {
			x.tags = nil
		}
		v.extra = &x
		return nil
	})
}

// Retention is a version's Object Lock retention: a mode (LockGovernance
// or LockCompliance) and the date it lasts until. The zero value is none.
type Retention struct {
	Mode        string
	RetainUntil time.Time
}

// SetObjectRetention sets (or, with the zero Retention, removes) the
// retention of a version in a bucket with Object Lock, with S3's rules: a
// new date must lie in the future (InvalidArgument); an active COMPLIANCE
// retention can only be extended; an active GOVERNANCE retention can be
// extended or turned into COMPLIANCE, and shortened or removed only with
// bypassGovernance. A refused change is AccessDenied. A bucket without
// Object Lock is InvalidRequest; other errors as SetObjectTags.
func (s *Store) SetObjectRetention(bucketName, key, versionID string, r Retention, bypassGovernance bool) (*Object, error) {
	now := s.clock()
	if r.Mode != "" && !contains(lockModes, r.Mode) {
		return nil, errMalformedXML()
	}
	if r.Mode != "" && !r.RetainUntil.After(now) {
		return nil, errInvalidArgument("The retain until date must be in the future!")
	}
	return s.changeVersion(bucketName, key, versionID, true, func(b *bucket, v *version) error {
		f := v.exportFacts()
		if !retentionChangeAllowed(f, r, now, bypassGovernance) {
			return errAccessDenied()
		}
		f.LockMode, f.LockRetainUntil = r.Mode, r.RetainUntil
		if r.Mode == "" {
			f.LockRetainUntil = time.Time{}
		}
		return s.refactLocked(b, v, f)
	})
}

// retentionChangeAllowed applies S3's rules for changing the retention of
// a version whose facts are f to r.
func retentionChangeAllowed(f Facts, r Retention, now time.Time, bypassGovernance bool) bool {
	if f.LockMode == "" || !f.LockRetainUntil.After(now) {
		return true // no retention in force
	}
	extends := r.Mode != "" && !r.RetainUntil.Before(f.LockRetainUntil)
	switch f.LockMode {
	case LockCompliance:
		return extends && r.Mode == LockCompliance
	default: // GOVERNANCE: a stricter lock needs no bypass
		return extends || bypassGovernance
	}
}

// SetObjectLegalHold sets a version's legal hold to LegalHoldOn or
// LegalHoldOff, in a bucket with Object Lock. Errors as
// SetObjectRetention; a status other than ON or OFF is MalformedXML.
func (s *Store) SetObjectLegalHold(bucketName, key, versionID, status string) (*Object, error) {
	if !contains(legalHolds, status) {
		return nil, errMalformedXML()
	}
	return s.changeVersion(bucketName, key, versionID, true, func(b *bucket, v *version) error {
		f := v.exportFacts()
		f.LegalHold = status
		return s.refactLocked(b, v, f)
	})
}

// LockEnabled reports whether the bucket has Object Lock (NoSuchBucket).
func (s *Store) LockEnabled(bucket string) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return false, err
	}
	return b.objectLock, nil
}

// refactLocked gives the copy v the facts f.
func (s *Store) refactLocked(b *bucket, v *version, f Facts) error {
	h, err := s.factsLocked(b, f)
	if err != nil {
		return errInvalidArgument(err.Error())
	}
	v.facts = h
	return nil
}

// changeVersion finds the version (the current one without versionID),
// lets change edit a copy of it and puts the copy in its place, all under
// the write lock. A delete marker is not changed: it comes back with
// DeleteMarker set. needsLock refuses a bucket without Object Lock.
func (s *Store) changeVersion(bucket, key, versionID string, needsLock bool, change func(*bucket, *version) error) (_ *Object, err error) {
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return nil, err
	}
	if needsLock && !b.objectLock {
		return nil, errNoObjectLock()
	}
	head := b.index.get(key)
	target := head
	if versionID != "" {
		if target, err = s.findVersion(head, versionID); err != nil {
			return nil, err
		}
	}
	switch {
	case target == nil && versionID != "":
		return nil, errNoSuchVersion(key, versionID)
	case target == nil:
		return nil, errNoSuchKey(key)
	}
	versioned := b.versioning != Unversioned
	if target.isDeleteMarker() {
		return s.objectOf(key, target, versioned), nil
	}
	cp := *target
	if err := change(b, &cp); err != nil {
		return nil, err
	}
	s.noteKeyLocked(b, key) // journal.go
	b.index.set(key, replaced(head, target, &cp))
	return s.objectOf(key, &cp, versioned), nil
}

// replaced returns the list starting at head with target replaced by repl
// (whose next is set here). The versions in front of target are copied;
// the tail behind it is shared.
func replaced(head, target, repl *version) *version {
	var front []*version
	v := head
	for ; v != nil && v != target; v = v.next {
		front = append(front, v)
	}
	if v == nil {
		return head // not in the list
	}
	repl.next = target.next
	rest := repl
	for i := len(front) - 1; i >= 0; i-- {
		cp := *front[i]
		cp.next = rest
		rest = &cp
	}
	return rest
}

// lockedAgainstDelete reports why v may not be deleted permanently, as
// S3 refuses it: a legal hold ON, a COMPLIANCE retention in force, or a
// GOVERNANCE retention in force without bypassGovernance.
func lockedAgainstDelete(v *version, at int64, bypassGovernance bool) bool {
	if v == nil || v.isDeleteMarker() {
		return false
	}
	fs := v.facts.Value()
	if fs.legalHold == LegalHoldOn {
		return true
	}
	if fs.lockMode == "" || fs.lockRetainUntil <= at {
		return false
	}
	return fs.lockMode == LockCompliance || !bypassGovernance
}

// applyDefaultRetentionLocked gives a new version in bucket b the bucket's
// default retention (its Object Lock configuration's rule) unless the
// request set a retention itself. S3 counts Days as 24-hour days and
// Years as calendar years from the write.
func applyDefaultRetentionLocked(b *bucket, f *Facts, now time.Time) {
	cfg := b.configs.objectLock
	if !b.objectLock || f.LockMode != "" || cfg == nil || cfg.Rule == nil {
		return
	}
	r := cfg.Rule
	until := now
	switch {
	case r.Days != nil:
		until = now.Add(time.Duration(*r.Days) * 24 * time.Hour)
	case r.Years != nil:
		until = now.AddDate(int(*r.Years), 0, 0)
	default:
		return
	}
	f.LockMode, f.LockRetainUntil = r.Mode, until
}

func errNoObjectLock() error {
	return errInvalidRequest("Bucket is missing Object Lock Configuration")
}

func errAccessDenied() error { return newError("AccessDenied", "Access Denied") }

// checkDeleteLockLocked refuses, with S3's AccessDenied, the permanent
// deletion of version id of key when Object Lock protects it.
func (s *Store) checkDeleteLockLocked(b *bucket, key, id string, at int64, bypassGovernance bool) error {
	if !b.objectLock {
		return nil
	}
	v, err := s.findVersion(b.index.get(key), id)
	if err != nil {
		return err
	}
	if lockedAgainstDelete(v, at, bypassGovernance) {
		return errAccessDenied()
	}
	return nil
}
