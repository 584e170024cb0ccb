package objstore

import (
	"sync"
	"time"
)

// Config configures a Store.
type Config struct {
	// Now is the clock for LastModified, bucket creation and upload
	// initiation times. Required.
	Now func() time.Time

	// OnBucketDeleted, when not nil, is called (after the store's lock is
	// released) with the name of every bucket that DeleteBucket removed.
	OnBucketDeleted func(bucket string)

	// Seed makes version ids and upload ids: the same seed and the same
	// sequence of writes give the same ids.
	Seed uint64

	// MinPartSize is the size below which a part other than the last makes
	// CompleteMultipartUpload fail with EntityTooSmall. 0 means S3's 5 MiB;
	// a negative value disables the check.
	MinPartSize int64

	// Journal, when not nil, is given every change as an encoded record
	// (its pieces: a header, then the bodies, which it must not modify),
	// under the store's write lock, before the call that made the change
	// returns; Replay applies such records to rebuild the state. If it
	// returns an error the change is undone and the call returns that
	// error. nil (the default): no journal (journal.go).
	Journal func(pieces [][]byte) error
}

// s3MinPartSize is S3's minimum size of every part but the last.
const s3MinPartSize = 5 << 20

// Store is an in-memory, versioned object store, safe for concurrent use.
//
// Lock discipline: a single sync.RWMutex (mu) guards the buckets map and
// everything reachable from it. Methods that only read take mu.RLock;
// methods that change anything take mu.Lock; no method calls another
// locking method while holding mu, and helpers whose names end in "Locked"
// expect the caller to hold it. Work that needs no shared state (reading
// and hashing request bodies, assembling multipart objects) happens outside
// the lock, and Config.OnBucketDeleted is only ever invoked after mu has
// been released, so it may call back into the Store.
//
// Stored versions are immutable (see version), so a reader may keep using
// a version, its body and its metadata after the lock is released, and a
// Snapshot needs the lock only for an instant.
type Store struct {
	now             func() time.Time
	onBucketDeleted func(string)
	minPartSize     int64
	versionIDs      idCodec
	uploadIDs       idCodec

	mu      sync.RWMutex
	buckets map[string]*bucket
	seq     uint64    // last version or upload sequence number issued
	seeded  seedCache // guarded by mu

	journal func([][]byte) error // Config.Journal
	tx      txLog                // the pending change of the write holding mu (journal.go)
}

// New returns an empty Store configured by cfg. It panics if cfg.Now is nil.
func New(cfg Config) *Store {
	if cfg.Now == nil {
		panic("objstore: Config.Now is required")
	}
	minPart := cfg.MinPartSize
	if minPart == 0 {
		minPart = s3MinPartSize
	}
	return &Store{
		now:             cfg.Now,
		onBucketDeleted: cfg.OnBucketDeleted,
		journal:         cfg.Journal,
		minPartSize:     minPart,
		versionIDs:      idCodec{seed: cfg.Seed, domain: 0x76657273696f6e73}, // "versions"
		uploadIDs:       idCodec{seed: cfg.Seed, domain: 0x75706c6f61647321}, // "uploads!"
		buckets:         make(map[string]*bucket),
	}
}

// nextSeqLocked issues the next sequence number. The caller must hold the
// write lock, which is what makes the order of sequence numbers the order
// in which versions became visible.
func (s *Store) nextSeqLocked() uint64 {
	s.seq++
	return s.seq
}

// bucketLocked returns the named bucket or NoSuchBucket. The caller must
// hold mu (read or write).
func (s *Store) bucketLocked(name string) (*bucket, error) {
	b, ok := s.buckets[name]
	if !ok {
		return nil, errNoSuchBucket(name)
	}
	return b, nil
}

// clock returns the store's time, truncated to whole seconds: S3 keeps no
// finer times, and listings print .000 milliseconds.
func (s *Store) clock() time.Time { return s.now().Truncate(time.Second) }
