package objstore

import (
	"math"
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
//
// Transitional: it serves gofakes3's Backend over ListObjectsPage.
func (s *Store) ListBucket(name string, prefix *gofakes3.Prefix, page gofakes3.ListBucketPage) (*gofakes3.ObjectList, error) {
	m := newMatcher(prefix)
	maxKeys := math.MaxInt
	if page.MaxKeys > 0 && page.MaxKeys < int64(maxKeys) {
		maxKeys = int(page.MaxKeys)
	}
	p, err := s.ListObjectsPage(name, ObjectQuery{Prefix: m.prefix, Delimiter: m.delimiter, After: page.Marker, MaxKeys: maxKeys})
	if err != nil {
		return nil, err
	}
	result := gofakes3.NewObjectList()
	for _, cp := range p.CommonPrefixes {
		result.AddPrefix(cp)
	}
	for _, o := range p.Objects {
		result.Add(content(o))
	}
	if p.IsTruncated {
		result.IsTruncated = true
		result.NextMarker = p.Last
	}
	return result, nil
}

// content converts a current version into gofakes3's listing entry.
func content(o VersionInfo) *gofakes3.Content {
	return &gofakes3.Content{
		Key:          o.Key,
		LastModified: gofakes3.NewContentTime(o.LastModified),
		ETag:         `"` + o.ETag + `"`,
		Size:         o.Size,
		StorageClass: gofakes3.StorageClass(o.StorageClass),
		Owner:        &gofakes3.UserInfo{ID: o.OwnerID},
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
