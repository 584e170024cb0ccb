package objstore

import "github.com/s3fake/s3fake/internal/bucketcfg"

// This file keeps a bucket's configuration documents (internal/bucketcfg
// models): tagging, default encryption, CORS, website, lifecycle,
// replication, ownership controls, public access block, Object Lock,
// logging, accelerate, request payment and notification. They live in the
// bucket, so they go with it. Getters return copies and setters store
// copies; nothing here checks a document (bucketcfg does), only the state
// a document needs from the bucket (versioning for replication and Object
// Lock).

// bucketConfigs are one bucket's documents. The zero value is a bucket
// created today: a nil document is the bucket's default (or none).
type bucketConfigs struct {
	tagging        *bucketcfg.Tagging
	encryption     *bucketcfg.Encryption // nil: bucketcfg.DefaultEncryption
	cors           *bucketcfg.CORS
	website        *bucketcfg.Website
	lifecycle      *bucketcfg.Lifecycle
	replication    *bucketcfg.Replication
	ownership      defaulted[bucketcfg.OwnershipControls]
	publicAccess   defaulted[bucketcfg.PublicAccessBlock]
	objectLock     *bucketcfg.ObjectLock // the rule; bucket.objectLock says whether Object Lock is on
	logging        *bucketcfg.Logging
	accelerate     bucketcfg.Accelerate
	requestPayment *bucketcfg.RequestPayment // nil: bucketcfg.DefaultRequestPayment
	notification   *bucketcfg.Notification
}

// defaulted is a document every new bucket has: its default until set,
// and none at all once deleted (ownership controls, public access block).
type defaulted[T any] struct {
	value   *T
	removed bool
}

func (d defaulted[T]) get(def func() T) (T, bool) {
	switch {
	case d.removed:
		var zero T
		return zero, false
	case d.value != nil:
		return *d.value, true
	}
	return def(), true
}

// readConfig runs get on the named bucket under the read lock.
func readConfig[T any](s *Store, name string, get func(*bucket) (T, bool)) (T, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(name)
	if err != nil {
		var zero T
		return zero, false, err
	}
	v, ok := get(b)
	return v, ok, nil
}

// writeConfig runs set on the named bucket under the write lock.
func writeConfig(s *Store, name string, set func(*bucket) error) (err error) {
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(name)
	if err != nil {
		return err
	}
	s.noteBucketLocked(b) // journal.go
	if err := set(b); err != nil {
		s.tx.notes = s.tx.notes[:0] // refused before any change: nothing to journal
		return err
	}
	return nil
}

// cloned is a copy of *p, and false when p is nil.
func cloned[T any](p *T, clone func(T) T) (T, bool) {
	if p == nil {
		var zero T
		return zero, false
	}
	return clone(*p), true
}

func ptrTo[T any](v T) *T { return &v }

// BucketTagging returns the bucket's tags, and false when it has none.
func (s *Store) BucketTagging(name string) (bucketcfg.Tagging, bool, error) {
	return readConfig(s, name, func(b *bucket) (bucketcfg.Tagging, bool) {
		return cloned(b.configs.tagging, bucketcfg.Tagging.Clone)
	})
}

// PutBucketTagging replaces the bucket's tags; an empty set removes them.
func (s *Store) PutBucketTagging(name string, t bucketcfg.Tagging) error {
	return writeConfig(s, name, func(b *bucket) error {
		b.configs.tagging = nil
		if len(t.Tags) > 0 {
			b.configs.tagging = ptrTo(t.Clone())
		}
		return nil
	})
}

// DeleteBucketTagging removes the bucket's tags.
func (s *Store) DeleteBucketTagging(name string) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.tagging = nil; return nil })
}

// BucketEncryption returns the bucket's default encryption: what
// PutBucketEncryption set, or bucketcfg.DefaultEncryption.
func (s *Store) BucketEncryption(name string) (bucketcfg.Encryption, error) {
	e, _, err := readConfig(s, name, func(b *bucket) (bucketcfg.Encryption, bool) {
		return b.encryptionLocked(), true
	})
	return e, err
}

func (b *bucket) encryptionLocked() bucketcfg.Encryption {
	if e, ok := cloned(b.configs.encryption, bucketcfg.Encryption.Clone); ok {
		return e
	}
	return bucketcfg.DefaultEncryption()
}

// PutBucketEncryption replaces the bucket's default encryption.
func (s *Store) PutBucketEncryption(name string, e bucketcfg.Encryption) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.encryption = ptrTo(e.Clone()); return nil })
}

// ResetBucketEncryption is DeleteBucketEncryption: S3 resets the default
// encryption to SSE-S3 without a bucket key. The blocked encryption types
// stay as they were: they are a security setting of their own, which
// only PutBucketEncryption changes (S3 documents no other way).
func (s *Store) ResetBucketEncryption(name string) error {
	return writeConfig(s, name, func(b *bucket) error {
		e := bucketcfg.DefaultEncryption()
		e.BlockedTypes = b.encryptionLocked().BlockedTypes
		b.configs.encryption = &e
		return nil
	})
}

// BucketCORS returns the bucket's CORS configuration, and false when it
// has none.
func (s *Store) BucketCORS(name string) (bucketcfg.CORS, bool, error) {
	return readConfig(s, name, func(b *bucket) (bucketcfg.CORS, bool) { return cloned(b.configs.cors, bucketcfg.CORS.Clone) })
}

// PutBucketCORS replaces the bucket's CORS configuration.
func (s *Store) PutBucketCORS(name string, c bucketcfg.CORS) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.cors = ptrTo(c.Clone()); return nil })
}

// DeleteBucketCORS removes the bucket's CORS configuration.
func (s *Store) DeleteBucketCORS(name string) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.cors = nil; return nil })
}

// BucketWebsite returns the bucket's website configuration, and false
// when it has none.
func (s *Store) BucketWebsite(name string) (bucketcfg.Website, bool, error) {
	return readConfig(s, name, func(b *bucket) (bucketcfg.Website, bool) {
		return cloned(b.configs.website, bucketcfg.Website.Clone)
	})
}

// PutBucketWebsite replaces the bucket's website configuration.
func (s *Store) PutBucketWebsite(name string, w bucketcfg.Website) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.website = ptrTo(w.Clone()); return nil })
}

// DeleteBucketWebsite removes the bucket's website configuration.
func (s *Store) DeleteBucketWebsite(name string) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.website = nil; return nil })
}

// BucketLifecycle returns the bucket's lifecycle configuration, and false
// when it has none.
func (s *Store) BucketLifecycle(name string) (bucketcfg.Lifecycle, bool, error) {
	return readConfig(s, name, func(b *bucket) (bucketcfg.Lifecycle, bool) {
		return cloned(b.configs.lifecycle, bucketcfg.Lifecycle.Clone)
	})
}

// PutBucketLifecycle replaces the bucket's lifecycle configuration.
func (s *Store) PutBucketLifecycle(name string, l bucketcfg.Lifecycle) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.lifecycle = ptrTo(l.Clone()); return nil })
}

// DeleteBucketLifecycle removes the bucket's lifecycle configuration.
func (s *Store) DeleteBucketLifecycle(name string) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.lifecycle = nil; return nil })
}

// BucketReplication returns the bucket's replication configuration, and
// false when it has none.
func (s *Store) BucketReplication(name string) (bucketcfg.Replication, bool, error) {
	return readConfig(s, name, func(b *bucket) (bucketcfg.Replication, bool) {
		return cloned(b.configs.replication, bucketcfg.Replication.Clone)
	})
}

// PutBucketReplication replaces the bucket's replication configuration.
// S3 replicates only from a bucket whose versioning is Enabled: on any
// other, InvalidRequest and nothing changes.
func (s *Store) PutBucketReplication(name string, r bucketcfg.Replication) error {
	return writeConfig(s, name, func(b *bucket) error {
		if b.versioning != VersioningEnabled {
			return errInvalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication configuration")
		}
		b.configs.replication = ptrTo(r.Clone())
		return nil
	})
}

// DeleteBucketReplication removes the bucket's replication configuration.
func (s *Store) DeleteBucketReplication(name string) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.replication = nil; return nil })
}

// BucketOwnershipControls returns the bucket's Object Ownership setting
// (bucketcfg.DefaultOwnershipControls until set), and false after
// DeleteBucketOwnershipControls.
func (s *Store) BucketOwnershipControls(name string) (bucketcfg.OwnershipControls, bool, error) {
	return readConfig(s, name, func(b *bucket) (bucketcfg.OwnershipControls, bool) {
		return b.configs.ownership.get(bucketcfg.DefaultOwnershipControls)
	})
}

// PutBucketOwnershipControls replaces the bucket's Object Ownership setting.
func (s *Store) PutBucketOwnershipControls(name string, o bucketcfg.OwnershipControls) error {
	return writeConfig(s, name, func(b *bucket) error {
		b.configs.ownership = defaulted[bucketcfg.OwnershipControls]{value: &o}
		return nil
	})
}

// DeleteBucketOwnershipControls removes the bucket's Object Ownership
// setting.
func (s *Store) DeleteBucketOwnershipControls(name string) error {
	return writeConfig(s, name, func(b *bucket) error {
		b.configs.ownership = defaulted[bucketcfg.OwnershipControls]{removed: true}
		return nil
	})
}

// BucketPublicAccessBlock returns the bucket's public access block
// (bucketcfg.DefaultPublicAccessBlock until set), and false after
// DeletePublicAccessBlock.
func (s *Store) BucketPublicAccessBlock(name string) (bucketcfg.PublicAccessBlock, bool, error) {
	return readConfig(s, name, func(b *bucket) (bucketcfg.PublicAccessBlock, bool) {
		return b.configs.publicAccess.get(bucketcfg.DefaultPublicAccessBlock)
	})
}

// PutBucketPublicAccessBlock replaces the bucket's public access block.
func (s *Store) PutBucketPublicAccessBlock(name string, p bucketcfg.PublicAccessBlock) error {
	return writeConfig(s, name, func(b *bucket) error {
		b.configs.publicAccess = defaulted[bucketcfg.PublicAccessBlock]{value: &p}
		return nil
	})
}

// DeleteBucketPublicAccessBlock removes the bucket's public access block.
func (s *Store) DeleteBucketPublicAccessBlock(name string) error {
	return writeConfig(s, name, func(b *bucket) error {
		b.configs.publicAccess = defaulted[bucketcfg.PublicAccessBlock]{removed: true}
		return nil
	})
}

// BucketObjectLock returns the bucket's Object Lock configuration, and
// false when Object Lock is not enabled on the bucket. A bucket with
// Object Lock and no default retention has an empty configuration.
func (s *Store) BucketObjectLock(name string) (bucketcfg.ObjectLock, bool, error) {
	return readConfig(s, name, func(b *bucket) (bucketcfg.ObjectLock, bool) {
		if !b.objectLock {
			return bucketcfg.ObjectLock{}, false
		}
		cfg, _ := cloned(b.configs.objectLock, bucketcfg.ObjectLock.Clone)
		return cfg, true
	})
}

// PutBucketObjectLock replaces the bucket's Object Lock configuration. On
// a bucket created without Object Lock it also enables Object Lock, for
// good, as S3 has allowed since November 2023, provided versioning is
// Enabled; otherwise it is S3's InvalidBucketState and nothing changes.
func (s *Store) PutBucketObjectLock(name string, cfg bucketcfg.ObjectLock) error {
	return writeConfig(s, name, func(b *bucket) error {
		if !b.objectLock && b.versioning != VersioningEnabled {
			return &Error{Code: "InvalidBucketState",
				Message: "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration"}
		}
		b.objectLock = true
		b.configs.objectLock = ptrTo(cfg.Clone())
		return nil
	})
}

// BucketLogging returns the bucket's logging target, and false when
// logging is off.
func (s *Store) BucketLogging(name string) (bucketcfg.Logging, bool, error) {
	return readConfig(s, name, func(b *bucket) (bucketcfg.Logging, bool) {
		return cloned(b.configs.logging, bucketcfg.Logging.Clone)
	})
}

// PutBucketLogging sets the bucket's logging target; nil turns logging off.
func (s *Store) PutBucketLogging(name string, l *bucketcfg.Logging) error {
	return writeConfig(s, name, func(b *bucket) error {
		b.configs.logging = nil
		if l != nil {
			b.configs.logging = ptrTo(l.Clone())
		}
		return nil
	})
}

// BucketAccelerate returns the bucket's Transfer Acceleration state
// (Status "" until set).
func (s *Store) BucketAccelerate(name string) (bucketcfg.Accelerate, error) {
	a, _, err := readConfig(s, name, func(b *bucket) (bucketcfg.Accelerate, bool) { return b.configs.accelerate, true })
	return a, err
}

// PutBucketAccelerate sets the bucket's Transfer Acceleration state.
func (s *Store) PutBucketAccelerate(name string, a bucketcfg.Accelerate) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.accelerate = a; return nil })
}

// BucketRequestPayment returns who pays for the bucket's requests.
func (s *Store) BucketRequestPayment(name string) (bucketcfg.RequestPayment, error) {
	p, _, err := readConfig(s, name, func(b *bucket) (bucketcfg.RequestPayment, bool) {
		if p := b.configs.requestPayment; p != nil {
			return *p, true
		}
		return bucketcfg.DefaultRequestPayment(), true
	})
	return p, err
}

// PutBucketRequestPayment sets who pays for the bucket's requests.
func (s *Store) PutBucketRequestPayment(name string, p bucketcfg.RequestPayment) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.requestPayment = &p; return nil })
}

// BucketNotification returns the bucket's notification configuration
// (empty until set).
func (s *Store) BucketNotification(name string) (bucketcfg.Notification, error) {
	n, _, err := readConfig(s, name, func(b *bucket) (bucketcfg.Notification, bool) {
		return cloned(b.configs.notification, bucketcfg.Notification.Clone)
	})
	return n, err
}

// PutBucketNotification replaces the bucket's notification configuration.
func (s *Store) PutBucketNotification(name string, n bucketcfg.Notification) error {
	return writeConfig(s, name, func(b *bucket) error { b.configs.notification = ptrTo(n.Clone()); return nil })
}
