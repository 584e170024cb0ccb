package objstore

import (
	"crypto/md5"
	"encoding/hex"
	"strconv"
	"time"
	"unique"
)

// version is one stored version of a key, or a delete marker.
//
// Versions are immutable once they are reachable from an index, including
// their next pointers: a key's versions form a persistent list, newest
// first, and a change builds a new list that shares the untouched tail.
// That is what lets snapshots and readers outside the lock keep using what
// they saw. The struct is kept small (96 bytes) because seeding a million
// objects means a million of them.
type version struct {
	next     *version // the next older version of the key
	seq      uint64   // creation order in the store; renders the version id
	modified int64    // last-modified time, Unix seconds (S3 keeps no more)
	size     int64
	body     []byte // nil with size > 0: a size-only version of zero bytes
	md5      [16]byte
	parts    uint16 // multipart part count, 0 for a single PUT or a copy
	flags    versionFlags
	facts    unique.Handle[factSet] // interned: most versions share them
	extra    *versionExtra          // nil when there is nothing extra
}

// versionFlags are a version's boolean properties.
type versionFlags uint8

const (
	flagDeleteMarker versionFlags = 1 << iota
	// flagNull marks the null version: written while the bucket was
	// unversioned or suspended. A key has at most one.
	flagNull
)

// versionExtra holds what few versions have, so that the common case (a
// seeded object) does not pay for it.
type versionExtra struct {
	meta     map[string]string // stored headers: user metadata, Content-Type, ...
	checksum string            // base64 checksum value; composite ones end in -N
	// partSizes are the sizes of the parts of a version written by
	// CompleteMultipartUpload, in part order (GetObject ?partNumber= reads
	// them). nil for everything else, and for seeded multipart versions,
	// whose parts were never uploaded.
	partSizes []int64
	// tags are the object's tags (x-amz-tagging), in the order given.
	tags []Tag
	// grants are the version's ACL (acl.go); nil is the default ACL,
	// its owner with FULL_CONTROL.
	grants []Grant
}

func (v *version) isDeleteMarker() bool { return v.flags&flagDeleteMarker != 0 }
func (v *version) isNull() bool         { return v.flags&flagNull != 0 }

// lastModified returns the version's time in UTC.
func (v *version) lastModified() time.Time { return time.Unix(v.modified, 0).UTC() }

// etag returns the entity tag without quotes: the hex MD5 of the body, or
// for a multipart upload the MD5 of the parts' MD5s and the part count.
func (v *version) etag() string {
	s := hex.EncodeToString(v.md5[:])
	if v.parts > 0 {
		s += "-" + strconv.Itoa(int(v.parts))
	}
	return s
}

// quotedETag returns the entity tag as HTTP and XML carry it.
func (v *version) quotedETag() string { return `"` + v.etag() + `"` }

// meta returns the stored headers; nil when there are none.
func (v *version) meta() map[string]string {
	if v.extra == nil {
		return nil
	}
	return v.extra.meta
}

// checksum returns the stored checksum value, "" when there is none.
func (v *version) checksum() string {
	if v.extra == nil {
		return ""
	}
	return v.extra.checksum
}

// partSizes returns the sizes of a completed multipart upload's parts, in
// part order; nil when v was not written by CompleteMultipartUpload.
func (v *version) partSizes() []int64 {
	if v.extra == nil {
		return nil
	}
	return v.extra.partSizes
}

// tagList returns the object's tags; nil when it has none.
func (v *version) tagList() []Tag {
	if v.extra == nil {
		return nil
	}
	return v.extra.tags
}

// newExtra returns the extra part of a version, nil when it has none.
func newExtra(meta map[string]string, checksum string) *versionExtra {
	if len(meta) == 0 && checksum == "" {
		return nil
	}
	return &versionExtra{meta: meta, checksum: checksum}
}

// archived reports whether v's content must be restored before a GET: S3
// answers GET of GLACIER and DEEP_ARCHIVE objects, and of objects in the
// archive tiers of Intelligent-Tiering, with 403 InvalidObjectState.
func (v *version) archived() bool {
	fs := v.facts.Value()
	return fs.storageClass == StorageGlacier || fs.storageClass == StorageDeepArchive ||
		fs.accessTier == "ARCHIVE" || fs.accessTier == "DEEP_ARCHIVE"
}

// emptyMD5 is the MD5 of no bytes, the ETag of every empty object.
var emptyMD5 = md5.Sum(nil)

// findNull returns the null version in the list starting at head, or nil.
func findNull(head *version) *version {
	for v := head; v != nil; v = v.next {
		if v.isNull() {
			return v
		}
	}
	return nil
}

// findSeq returns the version with sequence number seq, or nil.
func findSeq(head *version, seq uint64) *version {
	for v := head; v != nil; v = v.next {
		if v.seq == seq {
			return v
		}
	}
	return nil
}

// without returns the list starting at head with target left out. The
// versions in front of target are copied, because versions are immutable;
// the tail behind it is shared.
func without(head, target *version) *version {
	var front []*version
	v := head
	for ; v != nil && v != target; v = v.next {
		front = append(front, v)
	}
	if v == nil {
		return head // not in the list
	}
	rest := target.next
	for i := len(front) - 1; i >= 0; i-- {
		cp := *front[i]
		cp.next = rest
		rest = &cp
	}
	return rest
}
