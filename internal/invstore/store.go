// Package invstore keeps the inventory configurations of every bucket for
// package s3fake, as S3 does: at most 1,000 per bucket (MaxConfigurations),
// listed 100 to a page (PageSize) with opaque continuation tokens, stored
// and returned as copies. It validates nothing: s3fake runs
// inventory.CheckPut first. It is internal because only s3fake uses it.
package invstore

import (
	"encoding/base64"
	"errors"
	"sort"
	"strings"
	"sync"

	"github.com/s3fake/s3fake/inventory"
)

// The store's errors. Package s3fake maps each to its S3 error code.
var (
	// ErrNoSuchConfiguration: no configuration with that Id in the bucket.
	ErrNoSuchConfiguration = errors.New("inventory: no such configuration")
	// ErrTooManyConfigurations: a new Id was put into a bucket that already
	// holds MaxConfigurations.
	ErrTooManyConfigurations = errors.New("inventory: configuration limit reached")
	// ErrInvalidContinuationToken: a List token this store did not issue.
	ErrInvalidContinuationToken = errors.New("inventory: invalid continuation token")
)

const (
	// MaxConfigurations is how many configurations one bucket may hold.
	MaxConfigurations = 1000
	// PageSize is how many configurations one List page holds at most.
	PageSize = 100
)

// tokenPrefix marks the continuation tokens this store issues, so that a
// token from anywhere else is recognised as foreign.
const tokenPrefix = "s3fake-inventory-v1:"

// Store holds the configurations of every bucket. It is safe for concurrent
// use and never shares memory with callers: it stores and returns copies.
//
// Store does not validate: callers run inventory.Validate or
// inventory.CheckPut first.
type Store struct {
	mu      sync.RWMutex
	buckets map[string]map[string]inventory.Configuration
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{buckets: map[string]map[string]inventory.Configuration{}}
}

// Put stores cfg under bucket, replacing a configuration with the same Id.
// A new Id in a bucket that holds MaxConfigurations gets
// ErrTooManyConfigurations and changes nothing; replacing never counts
// against the limit. It reports whether the Id was new.
func (s *Store) Put(bucket string, cfg inventory.Configuration) (created bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	byID := s.buckets[bucket]
	if _, exists := byID[cfg.ID]; exists {
		byID[cfg.ID] = cfg.Clone()
		return false, nil
	}
	if len(byID) >= MaxConfigurations {
		return false, ErrTooManyConfigurations
	}
	if byID == nil {
		byID = map[string]inventory.Configuration{}
		s.buckets[bucket] = byID
	}
	byID[cfg.ID] = cfg.Clone()
	return true, nil
}

// Get returns the configuration id of bucket, or ErrNoSuchConfiguration.
func (s *Store) Get(bucket, id string) (inventory.Configuration, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	cfg, ok := s.buckets[bucket][id]
	if !ok {
		return inventory.Configuration{}, ErrNoSuchConfiguration
	}
	return cfg.Clone(), nil
}

// Delete removes the configuration id of bucket, or returns
// ErrNoSuchConfiguration (deleting twice is an error, as in S3).
func (s *Store) Delete(bucket, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	byID := s.buckets[bucket]
	if _, ok := byID[id]; !ok {
		return ErrNoSuchConfiguration
	}
	delete(byID, id)
	if len(byID) == 0 {
		delete(s.buckets, bucket)
	}
	return nil
}

// DropBucket forgets every configuration of bucket (the bucket was deleted).
func (s *Store) DropBucket(bucket string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.buckets, bucket)
}

// All returns every configuration of bucket, sorted by Id bytewise.
func (s *Store) All(bucket string) []inventory.Configuration {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sortedLocked(bucket)
}

// Count returns how many configurations bucket holds.
func (s *Store) Count(bucket string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.buckets[bucket])
}

// List returns the page of bucket's configurations that starts at token
// ("" for the first page). A token this store did not issue gets
// ErrInvalidContinuationToken. A token whose configuration was deleted since
// resumes at the next Id.
func (s *Store) List(bucket, token string) (inventory.Page, error) {
	start := ""
	if token != "" {
		id, ok := decodeToken(token)
		if !ok {
			return inventory.Page{}, ErrInvalidContinuationToken
		}
		start = id
	}
	s.mu.RLock()
	all := s.sortedLocked(bucket)
	s.mu.RUnlock()
	i := sort.Search(len(all), func(i int) bool { return all[i].ID >= start })
	all = all[i:]
	var p inventory.Page
	if len(all) > PageSize {
		p.IsTruncated = true
		p.NextToken = encodeToken(all[PageSize].ID)
		all = all[:PageSize]
	}
	p.Configurations = all
	return p, nil
}

func (s *Store) sortedLocked(bucket string) []inventory.Configuration {
	byID := s.buckets[bucket]
	out := make([]inventory.Configuration, 0, len(byID))
	for _, c := range byID {
		out = append(out, c.Clone())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func encodeToken(nextID string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(tokenPrefix + nextID))
}

func decodeToken(token string) (string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return "", false
	}
	id, ok := strings.CutPrefix(string(raw), tokenPrefix)
	if !ok || !inventory.ValidID(id) {
		return "", false
	}
	return id, true
}
