package objstore

import (
	"strings"

	"github.com/johannesboyne/gofakes3"
)

// ListBucket lists the bucket's current objects in bytewise key order;
// keys whose current version is a delete marker are left out.
//
// A nil prefix equals an empty one. Keys are matched as S3 does: a key is
// listed only if it starts with the prefix, and when a delimiter is set, a
// key whose remainder after the prefix contains the delimiter is rolled up
// into the common prefix that ends with the first such delimiter. This is
// deliberately not gofakes3.Prefix.Match, which trims leading delimiters and
// lists a key ending in the delimiter (a "folder" key such as "photos/") as
// content while also rolling "photos/x" into the same common prefix, giving
// duplicates that differ from S3 and break paging. A common prefix is
// listed only if one of its keys has a current object.
//
// Paging: listing starts after page.Marker; a common prefix equal to the
// marker is not repeated. With page.MaxKeys > 0 at most MaxKeys entries
// (contents plus common prefixes) are returned; IsTruncated is set only when
// a further entry exists, and then NextMarker is the last returned key or
// common prefix.
func (s *Store) ListBucket(name string, prefix *gofakes3.Prefix, page gofakes3.ListBucketPage) (*gofakes3.ObjectList, error) {
	m := newMatcher(prefix)
	marker := page.Marker

	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(name)
	if err != nil {
		return nil, err
	}

	v := b.index.view()
	start := m.prefix
	if marker > start {
		start = marker
	}
	c := v.seek(start)
	if c.valid() && c.entry().key == marker {
		c.next()
	}

	result := gofakes3.NewObjectList()
	var count int64
	var last string
	for c.valid() {
		e := c.entry()
		if !strings.HasPrefix(e.key, m.prefix) {
			break // sorted: no later key has the prefix either
		}
		item, common := m.classify(e.key)
		if common {
			group := c
			c = v.skipGroup(item)
			if item == marker || !group.anyLive(c) {
				continue
			}
		} else {
			c.next()
			if e.head.isDeleteMarker() {
				continue
			}
		}
		if page.MaxKeys > 0 && count >= page.MaxKeys {
			result.IsTruncated = true
			result.NextMarker = last
			break
		}
		if common {
			result.AddPrefix(item)
		} else {
			result.Add(s.content(e.key, e.head))
		}
		count++
		last = item
	}
	return result, nil
}

// content converts a current version into a listing entry.
func (s *Store) content(key string, v *version) *gofakes3.Content {
	fs := v.facts.Value()
	return &gofakes3.Content{
		Key:          key,
		LastModified: gofakes3.NewContentTime(v.lastModified()),
		ETag:         v.quotedETag(),
		Size:         v.size,
		StorageClass: gofakes3.StorageClass(fs.storageClass),
		Owner:        &gofakes3.UserInfo{ID: fs.ownerID},
	}
}

// skipGroup returns a cursor at the first key that sorts after every key
// starting with group: the keys that start with group are consecutive, so
// one seek skips them all.
func (v indexView) skipGroup(group string) cursor {
	end, ok := prefixEnd(group)
	if !ok {
		return cursor{v: v, ci: len(v.chunks)}
	}
	return v.seek(end)
}

// anyLive reports whether some key from c up to (not including) end has a
// current version that is not a delete marker.
func (c cursor) anyLive(end cursor) bool {
	for ; c.valid() && (c.ci != end.ci || c.ei != end.ei); c.next() {
		if !c.entry().head.isDeleteMarker() {
			return true
		}
	}
	return false
}

// matcher applies S3's prefix and delimiter rules to keys.
type matcher struct {
	prefix    string
	delimiter string
}

// newMatcher builds a matcher from p; a nil p matches every key.
func newMatcher(p *gofakes3.Prefix) matcher {
	var m matcher
	if p == nil {
		return m
	}
	if p.HasPrefix {
		m.prefix = p.Prefix
	}
	if p.HasDelimiter {
		m.delimiter = p.Delimiter
	}
	return m
}

// classify returns the listing entry for a key that has the prefix: the
// key itself, or (common == true) the common prefix it rolls up into.
func (m matcher) classify(key string) (entry string, common bool) {
	if m.delimiter == "" {
		return key, false
	}
	rest := key[len(m.prefix):]
	j := strings.Index(rest, m.delimiter)
	if j < 0 {
		return key, false
	}
	return key[:len(m.prefix)+j+len(m.delimiter)], true
}
