package objstore

import (
	"slices"
	"strings"
	"time"
)

// This file is the store's own bucket API: creation with a region and
// Object Lock, and the bucket list ListBuckets pages through.

// BucketSpec describes a bucket to create.
type BucketSpec struct {
	// Name is the bucket name; the caller has checked S3's naming rules.
	Name string
	// Owner is the owning account id.
	Owner string
	// Region is the bucket's region as its LocationConstraint named it
	// ("EU" stays "EU"); "" means the endpoint's own region.
	Region string
	// ObjectLock creates the bucket with S3 Object Lock enabled, which
	// turns versioning on (Enabled) for good.
	ObjectLock bool
}

// BucketInfo is what the store knows of a bucket.
type BucketInfo struct {
	Name, Owner string
	// Region is the bucket's region as created ("" is the endpoint's).
	Region string
	// Created is the creation time, to the second.
	Created time.Time
	// Versioning is the versioning state (Unversioned until first set).
	Versioning Versioning
	// ObjectLock reports a bucket created with Object Lock enabled.
	ObjectLock bool
}

// CreateBucketWith creates the bucket spec describes. A bucket that
// exists is BucketAlreadyExists, whoever owns it.
func (s *Store) CreateBucketWith(spec BucketSpec) (err error) {
	now := s.clock()
	s.lockW()
	defer s.unlockW(&err)
	if _, ok := s.buckets[spec.Name]; ok {
		return errBucketAlreadyExists(spec.Name)
	}
	b := newBucket(spec.Name, spec.Owner, now)
	b.region = spec.Region
	if spec.ObjectLock {
		// S3 enables versioning with Object Lock: locked versions need it.
		b.objectLock = true
		b.versioning = VersioningEnabled
	}
	s.buckets[spec.Name] = b
	s.noteCreatedLocked(b) // journal.go
	return nil
}

// Bucket returns what the store knows of the named bucket, and false if
// it does not exist.
func (s *Store) Bucket(name string) (BucketInfo, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[name]
	if !ok {
		return BucketInfo{}, false
	}
	return b.infoLocked(), true
}

func (b *bucket) infoLocked() BucketInfo {
	return BucketInfo{Name: b.name, Owner: b.owner, Region: b.region, Created: b.created,
		Versioning: b.versioning, ObjectLock: b.objectLock}
}

// BucketQuery selects a page of ListBuckets.
type BucketQuery struct {
	// Owner, when set, keeps only the buckets that account owns.
	Owner string
	// Prefix keeps only the names that start with it.
	Prefix string
	// Region, when set, keeps only the buckets in that region (see
	// RegionOf); a bucket created without a Region is in HomeRegion.
	Region, HomeRegion string
	// After keeps only the names that sort after it (a continuation).
	After string
	// Max is the page size; 0 or less lists every bucket.
	Max int
}

// BucketPage is one page of ListBuckets, names ascending.
type BucketPage struct {
	Buckets []BucketInfo
	// IsTruncated is true exactly when more buckets follow the page.
	IsTruncated bool
}

// ListBucketPage lists the buckets q selects, by name.
func (s *Store) ListBucketPage(q BucketQuery) BucketPage {
	s.mu.RLock()
	all := make([]BucketInfo, 0, len(s.buckets))
	for _, b := range s.buckets {
		if q.matches(b) {
			all = append(all, b.infoLocked())
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(all, func(a, b BucketInfo) int { return strings.Compare(a.Name, b.Name) })
	if q.Max > 0 && len(all) > q.Max {
		return BucketPage{Buckets: all[:q.Max], IsTruncated: true}
	}
	return BucketPage{Buckets: all}
}

func (q BucketQuery) matches(b *bucket) bool {
	return (q.Owner == "" || b.owner == q.Owner) &&
		strings.HasPrefix(b.name, q.Prefix) &&
		(q.Region == "" || RegionOf(b.region, q.HomeRegion) == q.Region) &&
		b.name > q.After
}

// RegionOf is the region of a bucket created with location constraint
// location at an endpoint in home: home when there was none, eu-west-1
// for the legacy constraint "EU", the constraint itself otherwise.
func RegionOf(location, home string) string {
	switch location {
	case "":
		return home
	case "EU":
		return "eu-west-1"
	}
	return location
}
