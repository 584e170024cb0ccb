package objstore

import (
	"slices"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
)

// bucket is one bucket and its objects.
type bucket struct {
	name    string
	owner   string
	created time.Time

	objects map[string]*object
	keys    keyIndex
}

// putLocked stores v as the key's current (and, while unversioned, only)
// version. The caller must hold the store's write lock.
func (b *bucket) putLocked(v *version) {
	if _, ok := b.objects[v.key]; !ok {
		b.keys.insert(v.key)
	}
	b.objects[v.key] = &object{versions: []*version{v}}
}

// removeLocked deletes key and all its versions; a missing key is not an
// error. The caller must hold the store's write lock.
func (b *bucket) removeLocked(key string) {
	if _, ok := b.objects[key]; ok {
		delete(b.objects, key)
		b.keys.remove(key)
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

// CreateBucketOwned creates a bucket owned by the given account id. It
// returns the same errors as CreateBucket.
func (s *Store) CreateBucketOwned(name, owner string) error {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.buckets[name]; ok {
		return gofakes3.ResourceError(gofakes3.ErrBucketAlreadyExists, name)
	}
	s.buckets[name] = &bucket{
		name:    name,
		owner:   owner,
		created: now,
		objects: make(map[string]*object),
	}
	return nil
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
// it still holds objects. On success Config.OnBucketDeleted is called.
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
// non-empty bucket to be removed.
func (s *Store) deleteBucket(name string, force bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(name)
	if err != nil {
		return err
	}
	if !force && b.keys.len() > 0 {
		return gofakes3.ResourceError(gofakes3.ErrBucketNotEmpty, name)
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
