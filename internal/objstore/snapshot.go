package objstore

import (
	"iter"
	"strings"
	"time"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

// VersionInfo is one version or delete marker of a key, with its facts: a
// row of an inventory report.
type VersionInfo struct {
	// Key is the object key.
	Key string
	// VersionID is the version id, "" for the null version (as inventory
	// reports print it).
	VersionID string
	// IsLatest marks the current version (or delete marker) of the key.
	IsLatest bool
	// IsDeleteMarker marks a delete marker. Of its facts only the owner is
	// set; Size is 0 and ETag is empty.
	IsDeleteMarker bool
	// Size is the object size in bytes.
	Size int64
	// LastModified is the version's time, in UTC, to the second.
	LastModified time.Time
	// ETag is the entity tag without quotes: the hex MD5, or for a
	// multipart upload "<hex>-<part count>".
	ETag string
	// Facts are the version's facts; Facts.PartCount > 0 marks a multipart
	// upload.
	Facts
	// Grants are the version's ACL grants; nil is the default ACL, its
	// owner with FULL_CONTROL (see ACL).
	Grants []Grant
	// LifecycleExpiration is the date the bucket's lifecycle rules expire
	// the version on (lifecycle.go), zero when none does. Only versions
	// read from a Snapshot have it.
	LifecycleExpiration time.Time
}

// ACL is the version's access control list.
func (vi VersionInfo) ACL() ACL { return aclOf(vi.OwnerAccount, vi.OwnerID, vi.Grants) }

// IsMultipart reports whether the version was completed by a multipart
// upload (inventory's IsMultipartUploaded).
func (vi VersionInfo) IsMultipart() bool { return vi.PartCount > 0 }

// info converts v, a version of key, into a VersionInfo.
func (s *Store) info(key string, v *version, latest bool) VersionInfo {
	vi := VersionInfo{
		Key:            key,
		IsLatest:       latest,
		IsDeleteMarker: v.isDeleteMarker(),
		LastModified:   v.lastModified(),
	}
	if !v.isNull() {
		vi.VersionID = s.versionID(v)
	}
	if v.isDeleteMarker() {
		fs := v.facts.Value()
		vi.Facts = Facts{OwnerAccount: fs.ownerAccount, OwnerID: fs.ownerID}
		return vi
	}
	vi.Size = v.size
	vi.ETag = v.etag()
	vi.Facts = v.exportFacts()
	vi.Grants = v.grantList()
	return vi
}

// Snapshot is a bucket's versions as they were at one instant. It stays
// valid and unchanged however the bucket changes later, and reading it
// takes no lock. It holds on to the versions it covers until it is
// dropped.
type Snapshot struct {
	store      *Store
	bucket     string
	owner      string
	versioning Versioning
	prefix     string
	view       indexView
	lifecycle  *bucketcfg.Lifecycle // a copy, nil without rules
}

// Snapshot captures every version and delete marker of bucket whose key
// starts with prefix. It costs O(1) under the store's lock (the key index
// is copy-on-write); reading it seeks straight to the prefix.
func (s *Store) Snapshot(bucket, prefix string) (Snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return Snapshot{}, err
	}
	return Snapshot{
		store:      s,
		bucket:     b.name,
		owner:      b.owner,
		versioning: b.versioning,
		prefix:     prefix,
		view:       b.index.freeze(),
		lifecycle:  clonedPtr(b.configs.lifecycle),
	}, nil
}

// Bucket is the name of the bucket captured.
func (sn Snapshot) Bucket() string { return sn.bucket }

// Owner is the account id that owns the bucket.
func (sn Snapshot) Owner() string { return sn.owner }

// Versioning is the bucket's versioning state when the snapshot was taken.
func (sn Snapshot) Versioning() Versioning { return sn.versioning }

// Prefix is the key prefix the snapshot was restricted to.
func (sn Snapshot) Prefix() string { return sn.prefix }

// All yields the captured versions: keys in ascending bytewise order, and
// each key's versions newest first, so a key's first version is its
// IsLatest one.
func (sn Snapshot) All() iter.Seq[VersionInfo] {
	return func(yield func(VersionInfo) bool) {
		for c := sn.view.seek(sn.prefix); c.valid(); c.next() {
			e := c.entry()
			if !strings.HasPrefix(e.key, sn.prefix) {
				return
			}
			for v := e.head; v != nil; v = v.next {
				vi := sn.store.info(e.key, v, v == e.head)
				if v == e.head {
					vi.LifecycleExpiration = expirationDate(sn.lifecycle, e.key, v)
				}
				if !yield(vi) {
					return
				}
			}
		}
	}
}

// Versions collects All into a slice.
func (sn Snapshot) Versions() []VersionInfo {
	var out []VersionInfo
	for vi := range sn.All() {
		out = append(out, vi)
	}
	return out
}

// clonedPtr is a copy of the lifecycle configuration at p, nil for nil.
func clonedPtr(p *bucketcfg.Lifecycle) *bucketcfg.Lifecycle {
	if p == nil {
		return nil
	}
	c := p.Clone()
	return &c
}
