package objstore

import (
	"sync"
	"time"

	"github.com/johannesboyne/gofakes3"
)

// Config configures a Store.
type Config struct {
	// Now is the clock for LastModified and bucket creation dates. Required.
	Now func() time.Time

	// DefaultOwner is the account id that owns buckets created through the
	// gofakes3 Backend CreateBucket(name) call.
	DefaultOwner string

	// OnBucketDeleted, when not nil, is called (after the store's lock is
	// released) with the name of every bucket that DeleteBucket or
	// ForceDeleteBucket removed.
	OnBucketDeleted func(bucket string)
}

// Store is an in-memory object store. It implements gofakes3.Backend and is
// safe for concurrent use.
//
// Lock discipline: a single sync.RWMutex (mu) guards the buckets map and
// everything reachable from it (bucket fields, key indexes, objects and their
// versions). Methods that only read take mu.RLock; methods that change
// anything take mu.Lock; no method calls another locking method while holding
// mu, and helpers whose names end in "Locked" expect the caller to hold it.
// Work that needs no shared state (reading a request body, copying a
// metadata map for the caller) happens outside the lock where possible, and
// callbacks such as Config.OnBucketDeleted are only ever invoked after mu has
// been released, so they may call back into the Store.
//
// A stored version is immutable: its body slice and metadata map are never
// modified after the version is created; an overwrite replaces the version
// rather than editing it. This is why readers can keep reading a body after
// the lock is released. Metadata maps are still copied on the way in and out
// because gofakes3 mutates the maps it passes around.
type Store struct {
	now             func() time.Time
	defaultOwner    string
	onBucketDeleted func(string)

	mu      sync.RWMutex
	buckets map[string]*bucket
}

var _ gofakes3.Backend = (*Store)(nil)

// New returns an empty Store configured by cfg. It panics if cfg.Now is nil.
func New(cfg Config) *Store {
	if cfg.Now == nil {
		panic("objstore: Config.Now is required")
	}
	return &Store{
		now:             cfg.Now,
		defaultOwner:    cfg.DefaultOwner,
		onBucketDeleted: cfg.OnBucketDeleted,
		buckets:         make(map[string]*bucket),
	}
}

// bucketLocked returns the named bucket or gofakes3.BucketNotFound. The
// caller must hold mu (read or write).
func (s *Store) bucketLocked(name string) (*bucket, error) {
	b, ok := s.buckets[name]
	if !ok {
		return nil, gofakes3.BucketNotFound(name)
	}
	return b, nil
}
