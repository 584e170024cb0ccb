package objstore

import (
	"slices"
	"strings"
	"time"
	"unique"

	"github.com/johannesboyne/gofakes3"

	"github.com/s3fake/s3fake/internal/access"
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
	mfaDelete  gofakes3.MFADeleteStatus
	// region is the bucket's region; "" is the endpoint's own region.
	region string
	// objectLock records that the bucket was created with S3 Object Lock
	// enabled (x-amz-bucket-object-lock-enabled): versioning is on and can
	// no longer be suspended.
	objectLock bool
	// configs are the bucket's configuration documents (bucketcfg.go).
	configs bucketConfigs

	index   keyIndex
	uploads map[gofakes3.UploadID]*upload

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
		uploads: make(map[gofakes3.UploadID]*upload),
		markerFacts: unique.Make(factSet{
			ownerAccount: owner,
			ownerID:      access.CanonicalID(owner),
		}),
	}
}

// ListBuckets returns every bucket, sorted by name.
func (s *Store) ListBuckets() ([]gofakes3.BucketInfo, error) {
	s.mu.RLock()
	out := make([]gofakes3.BucketInfo, 0, len(s.buckets))
	for _, b := range s.buckets {
		out = append(out, gofakes3.BucketInfo{
			Name:         b.name,
			CreationDate: gofakes3.NewContentTime(b.created),
		})
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b gofakes3.BucketInfo) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// CreateBucket creates a bucket owned by Config.DefaultOwner. It returns a
// gofakes3.ErrBucketAlreadyExists resource error if the bucket exists.
func (s *Store) CreateBucket(name string) error {
	return s.CreateBucketOwned(name, s.defaultOwner)
}

// CreateBucketOwned creates an unversioned bucket owned by the given
// account id. It returns the same errors as CreateBucket.
func (s *Store) CreateBucketOwned(name, owner string) error {
	return s.SeedBucket(name, owner, Unversioned)
}

// BucketExists reports whether the bucket exists. It never fails.
func (s *Store) BucketExists(name string) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.buckets[name]
	return ok, nil
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

// DeleteBucket deletes an empty bucket. It returns gofakes3.BucketNotFound if
// the bucket does not exist and a gofakes3.ErrBucketNotEmpty resource error if
// it still holds objects, versions or delete markers, as S3 does. On
// success Config.OnBucketDeleted is called.
func (s *Store) DeleteBucket(name string) error {
	if err := s.deleteBucket(name, false); err != nil {
		return err
	}
	s.notifyDeleted(name)
	return nil
}

// ForceDeleteBucket deletes a bucket and everything in it. It returns
// gofakes3.BucketNotFound if the bucket does not exist. On success
// Config.OnBucketDeleted is called.
func (s *Store) ForceDeleteBucket(name string) error {
	if err := s.deleteBucket(name, true); err != nil {
		return err
	}
	s.notifyDeleted(name)
	return nil
}

// deleteBucket removes the bucket under the write lock; force allows a
// non-empty bucket to be removed. Unfinished multipart uploads go with it.
func (s *Store) deleteBucket(name string, force bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(name)
	if err != nil {
		return err
	}
	if !force && b.index.len() > 0 {
		return errBucketNotEmpty(name)
	}
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
