package objstore

import "strings"

// This file is the store's own listing API: one page of ListObjects (v1
// or v2) and of ListObjectVersions, in the store's types.

// ObjectQuery selects one page of ListObjects or ListObjectsV2.
type ObjectQuery struct {
	// Prefix keeps the keys that start with it.
	Prefix string
	// Delimiter, when set, rolls every key whose rest after Prefix holds
	// it up into one common prefix (ending with the first Delimiter).
	Delimiter string
	// After starts the page after this key (v1 marker, v2 start-after or
	// the key of a continuation token); a common prefix equal to it is not
	// repeated.
	After string
	// MaxKeys is the page size, counting keys and common prefixes. 0
	// lists nothing, as S3 does for max-keys=0.
	MaxKeys int
}

// ObjectPage is one page of ListObjects: keys ascending.
type ObjectPage struct {
	// Objects are the keys' current versions (never a delete marker).
	Objects []VersionInfo
	// CommonPrefixes are the rolled-up prefixes, ascending.
	CommonPrefixes []string
	// IsTruncated is true exactly when another entry follows the page,
	// so that a client never asks for an empty last page.
	IsTruncated bool
	// Last is the page's last key or common prefix: v1's NextMarker and
	// the key a v2 continuation token resumes after.
	Last string
}

// ListObjectsPage lists a bucket's current objects as ListObjects does.
// It seeks straight to max(Prefix, After) and stops at the first key past
// the prefix, so a page costs its own size, not the bucket's. Keys whose
// current version is a delete marker are left out, and so is a common
// prefix all of whose keys are.
func (s *Store) ListObjectsPage(bucket string, q ObjectQuery) (ObjectPage, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return ObjectPage{}, err
	}
	var page ObjectPage
	if q.MaxKeys <= 0 {
		return page, nil
	}
	m := matcher{prefix: q.Prefix, delimiter: q.Delimiter}
	v := b.index.view()
	c := v.seek(max(q.Prefix, q.After))
	if c.valid() && c.entry().key == q.After {
		c.next()
	}
	count := 0
	for c.valid() {
		e := c.entry()
		if !strings.HasPrefix(e.key, m.prefix) {
			break // sorted: no later key has the prefix either
		}
		item, common := m.classify(e.key)
		if common {
			group := c
			c = v.skipGroup(item)
			if item == q.After || !group.anyLive(c) {
				continue
			}
		} else {
			c.next()
			if e.head.isDeleteMarker() {
				continue
			}
		}
		if count == q.MaxKeys {
			page.IsTruncated = true
			break
		}
		if common {
			page.CommonPrefixes = append(page.CommonPrefixes, item)
		} else {
			page.Objects = append(page.Objects, s.info(e.key, e.head, true))
		}
		page.Last = item
		count++
	}
	return page, nil
}

// VersionQuery selects one page of ListObjectVersions.
type VersionQuery struct {
	// Prefix and Delimiter are as in ObjectQuery.
	Prefix, Delimiter string
	// KeyMarker starts the page after this key (or common prefix);
	// with VersionIDMarker, after that version of KeyMarker instead.
	// VersionIDMarker may be "null".
	KeyMarker, VersionIDMarker string
	// MaxKeys is the page size, counting versions, delete markers and
	// common prefixes: 0 lists nothing, more than 1000 lists 1000.
	MaxKeys int
}

// ListVersionsPage lists a bucket's versions as ListObjectVersions does:
// keys ascending, each key's versions newest first (see ListVersions).
func (s *Store) ListVersionsPage(bucket string, q VersionQuery) (VersionPage, error) {
	if q.MaxKeys <= 0 {
		s.mu.RLock()
		_, err := s.bucketLocked(bucket)
		s.mu.RUnlock()
		return VersionPage{}, err
	}
	return s.ListVersions(bucket, q.Prefix, q.Delimiter, q.KeyMarker, q.VersionIDMarker, min(q.MaxKeys, maxVersionKeys))
}
