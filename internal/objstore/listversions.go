package objstore

import "strings"

// VersionPage is one page of ListObjectVersions.
type VersionPage struct {
	// Versions are the versions and delete markers of the page: keys
	// ascending, each key's versions newest first.
	Versions []VersionInfo
	// CommonPrefixes are the rolled-up prefixes of the page, ascending.
	CommonPrefixes []string
	// IsTruncated is true exactly when more entries follow.
	IsTruncated bool
	// NextKeyMarker and NextVersionIDMarker are the key-marker and
	// version-id-marker of the next page, set whenever IsTruncated: the
	// last entry returned. NextVersionIDMarker is "null" for a null
	// version and empty when the page ended with a common prefix.
	NextKeyMarker       string
	NextVersionIDMarker string
}

// maxVersionKeys is S3's largest ListObjectVersions page, also used when
// the request asks for none.
const maxVersionKeys = 1000

// ListVersions lists a bucket's versions as S3's ListObjectVersions does.
//
// Keys are those starting with prefix; with a delimiter, keys whose rest
// after the prefix contains it are rolled up into one common prefix each.
// A page holds at most maxKeys entries (versions, delete markers and common
// prefixes; maxKeys <= 0 or > 1000 means 1000). Paging follows S3: with
// keyMarker alone the page starts after that key (or common prefix); with
// versionIDMarker too it starts after that version of keyMarker, and moves
// on to the next key when it was the last. versionIDMarker may be "null".
// If the marker version was deleted between two pages, the page still
// starts where the previous one ended: ids encode creation order.
func (s *Store) ListVersions(bucket, prefix, delimiter, keyMarker, versionIDMarker string, maxKeys int) (VersionPage, error) {
	if maxKeys <= 0 || maxKeys > maxVersionKeys {
		maxKeys = maxVersionKeys
	}
	m := matcher{prefix: prefix, delimiter: delimiter}
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return VersionPage{}, err
	}

	l := versionLister{s: s, max: maxKeys}
	v := b.index.view()
	c := v.seek(max(prefix, keyMarker))
	if keyMarker != "" && c.valid() && c.entry().key == keyMarker {
		// The page continues inside the key-marker's versions.
		e := c.entry()
		c.next()
		if versionIDMarker != "" && strings.HasPrefix(e.key, prefix) {
			if _, rolledUp := m.classify(e.key); !rolledUp {
				rest, err := s.versionsAfter(e.head, versionIDMarker)
				if err != nil {
					return VersionPage{}, err
				}
				if !l.addVersions(e.key, e.head, rest) {
					return l.page, nil
				}
			}
		}
	}
	for c.valid() {
		e := c.entry()
		if !strings.HasPrefix(e.key, prefix) {
			break
		}
		if item, common := m.classify(e.key); common {
			c = v.skipGroup(item)
			if item != keyMarker && !l.addPrefix(item) {
				break
			}
			continue
		}
		c.next()
		if !l.addVersions(e.key, e.head, e.head) {
			break
		}
	}
	return l.page, nil
}

// versionsAfter returns the part of a version list that follows the
// version-id-marker: after the null version for "null", otherwise after
// every version at least as new as the marker. The marker version itself
// need not exist any more; a null marker without a null version skips the
// key.
func (s *Store) versionsAfter(head *version, marker string) (*version, error) {
	if marker == NullVersionID {
		if n := findNull(head); n != nil {
			return n.next, nil
		}
		return nil, nil
	}
	seq, ok := s.versionIDs.decode(marker)
	if !ok {
		return nil, errInvalidVersionIDMarker(marker)
	}
	v := head
	for v != nil && v.seq >= seq {
		v = v.next
	}
	return v, nil
}

// versionLister fills a VersionPage, stopping at the page size.
type versionLister struct {
	s     *Store
	max   int
	count int
	page  VersionPage
}

// full marks the page truncated if it has no room for another entry, which
// the caller has. It reports whether the page is full.
func (l *versionLister) full() bool {
	if l.count < l.max {
		return false
	}
	l.page.IsTruncated = true
	return true
}

// addVersions adds the versions of key from from (part of the list that
// starts at head) to the end. It reports false when the page is full.
func (l *versionLister) addVersions(key string, head, from *version) bool {
	for v := from; v != nil; v = v.next {
		if l.full() {
			return false
		}
		l.page.Versions = append(l.page.Versions, l.s.info(key, v, v == head))
		l.page.NextKeyMarker = key
		l.page.NextVersionIDMarker = l.s.versionID(v)
		l.count++
	}
	return true
}

// addPrefix adds a common prefix. It reports false when the page is full.
func (l *versionLister) addPrefix(p string) bool {
	if l.full() {
		return false
	}
	l.page.CommonPrefixes = append(l.page.CommonPrefixes, p)
	l.page.NextKeyMarker, l.page.NextVersionIDMarker = p, ""
	l.count++
	return true
}
