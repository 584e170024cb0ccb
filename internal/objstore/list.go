package objstore

// Helpers of the listings (listing.go, listversions.go): S3's prefix and
// delimiter rules, and skipping over the keys of a common prefix.
//
// Keys are matched as S3 does: a key is listed only if it starts with the
// prefix, and when a delimiter is set, a key whose remainder after the
// prefix contains the delimiter is rolled up into the common prefix that
// ends with the first such delimiter. A "folder" key such as "photos/" is
// therefore rolled up into "photos/" at the root and not also listed as
// content: such a duplicate differs from S3 and breaks paging.

import "strings"

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
