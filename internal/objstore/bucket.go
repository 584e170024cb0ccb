package objstore

import (
	"time"
	"unique"

	"github.com/s3fake/s3fake/internal/canonical"
)

// Versioning is a bucket's versioning state.
type Versioning string

// The versioning states. A bucket starts Unversioned; once versioning has
// been enabled it can only be suspended, never turned off again.
const (
	Unversioned         Versioning = ""
	VersioningEnabled   Versioning = "Enabled"
	VersioningSuspended Versioning = "Suspended"
)

// bucket is one bucket and its objects.
type bucket struct {
	name       string
	owner      string
	created    time.Time
	versioning Versioning
	mfaDelete  string // "", MFADeleteEnabled or MFADeleteDisabled
	// region is the bucket's region; "" is the endpoint's own region.
	region string
	// objectLock records that the bucket was created with S3 Object Lock
	// enabled (x-amz-bucket-object-lock-enabled): versioning is on and can
	// no longer be suspended.
	objectLock bool
	// configs are the bucket's configuration documents (bucketcfg.go).
	configs bucketConfigs
	// grants are the bucket's ACL (acl.go); nil is the default ACL, the
	// owner with FULL_CONTROL.
	grants []Grant

	index   keyIndex
	uploads map[string]*upload // by upload id

	// markerFacts are the facts of the delete markers the bucket owner
	// writes: the owner and nothing else.
	markerFacts unique.Handle[factSet]
}

func newBucket(name, owner string, created time.Time) *bucket {
	return &bucket{
		name:    name,
		owner:   owner,
		created: created,
		index:   newKeyIndex(),
		uploads: make(map[string]*upload),
		markerFacts: unique.Make(factSet{
			ownerAccount: owner,
			ownerID:      canonical.ID(owner),
		}),
	}
}

// BucketOwner returns the account id that owns the bucket, and false if the
// bucket does not exist.
func (s *Store) BucketOwner(name string) (owner string, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[name]
	if !ok {
		return "", false
	}
	return b.owner, true
}

// BucketCount returns the number of buckets in the store.
func (s *Store) BucketCount() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.buckets)
}

// DeleteBucket deletes an empty bucket: NoSuchBucket if it does not
// exist, BucketNotEmpty if it still holds objects, versions or delete
// markers, as S3 does. Unfinished multipart uploads go with it. On success
// Config.OnBucketDeleted is called.
func (s *Store) DeleteBucket(name string) error {
	if err := s.deleteBucket(name); err != nil {
		return err
	}
	s.notifyDeleted(name)
	return nil
}

// deleteBucket removes the bucket under the write lock.
func (s *Store) deleteBucket(name string) (err error) {
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(name)
	if err != nil {
		return err
	}
	if b.index.len() > 0 {
		return errBucketNotEmpty(name)
	}
	s.noteDeletedLocked(b) // journal.go
	delete(s.buckets, name)
	return nil
}

// notifyDeleted calls Config.OnBucketDeleted. It must be called without the
// lock held.
func (s *Store) notifyDeleted(name string) {
	if s.onBucketDeleted != nil {
		s.onBucketDeleted(name)
	}
}
