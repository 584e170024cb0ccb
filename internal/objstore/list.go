package objstore

import (
	"sort"
	"strings"

	"github.com/johannesboyne/gofakes3"
)

// ListBucket lists the bucket's current objects in bytewise key order.
//
// A nil prefix equals an empty one. Keys are matched as S3 does: a key is
// listed only if it starts with the prefix, and when a delimiter is set, a
// key whose remainder after the prefix contains the delimiter is rolled up
// into the common prefix that ends with the first such delimiter. This is
// deliberately not gofakes3.Prefix.Match, which trims leading delimiters and
// lists a key ending in the delimiter (a "folder" key such as "photos/") as
// content while also rolling "photos/x" into the same common prefix, giving
// duplicates that differ from S3 and break paging.
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

	keys := b.keys.keys
	i := b.keys.seek(m.prefix)
	if marker != "" {
		i = max(i, b.keys.seekAfter(marker))
	}

	result := gofakes3.NewObjectList()
	var count int64
	var last string
	for i < len(keys) {
		key := keys[i]
		if !strings.HasPrefix(key, m.prefix) {
			break // sorted: no later key has the prefix either
		}
		entry, common := m.classify(key)
		next := i + 1
		if common {
			// Every key in the group rolls up to entry; jump past them all.
			next = skipGroup(keys, i, entry)
			if entry == marker {
				i = next
				continue
			}
		}
		if page.MaxKeys > 0 && count >= page.MaxKeys {
			result.IsTruncated = true
			result.NextMarker = last
			break
		}
		if common {
			result.AddPrefix(entry)
		} else {
			result.Add(b.objects[key].current().content())
		}
		count++
		last = entry
		i = next
	}
	return result, nil
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

// skipGroup returns the index of the first key after keys[i] that does not
// start with group. keys[i] starts with group and keys is sorted, so the keys
// that start with group form one run.
func skipGroup(keys []string, i int, group string) int {
	return i + 1 + sort.Search(len(keys)-i-1, func(j int) bool {
		return !strings.HasPrefix(keys[i+1+j], group)
	})
}
