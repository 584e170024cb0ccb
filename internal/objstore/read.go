package objstore

// Reading one version: what GetObject and HeadObject answer from.

import (
	"bytes"
	"io"
	"maps"
	"time"
)

// Object is one version of an object as a reader sees it: everything a
// GetObject or HeadObject answer needs, and its content. It is a snapshot:
// later writes do not change it.
type Object struct {
	Key string
	// VersionID is the version's id, "null" for the null version.
	VersionID string
	// Versioned reports whether the bucket has ever had versioning; S3
	// names version ids (x-amz-version-id) only then.
	Versioned bool
	// DeleteMarker is set when the version is a delete marker; only Key,
	// VersionID, Versioned and LastModified are meaningful then.
	DeleteMarker bool
	Size         int64
	// ETag is quoted, "-N" for an object uploaded in N parts.
	ETag         string
	LastModified time.Time
	// Header holds the stored headers (Content-Type, Cache-Control,
	// X-Amz-Meta-*, ... in canonical form); the caller may keep it.
	Header map[string]string
	// Facts are the version's facts; Facts.Checksum is its checksum and
	// Facts.PartCount its number of parts (0 for a single PUT or a copy).
	Facts Facts
	// PartSizes are the sizes of the parts, in order, when known: for a
	// completed multipart upload, or derived as S3 would have split a
	// seeded multipart version. nil for a single-part object.
	PartSizes []int64
	// Tags are the object's tags, nil without any.
	Tags []Tag

	data []byte // nil with Size > 0: size-only content of zeros
}

// Content returns n bytes of the content from offset off; off and n must
// lie within Size.
func (o *Object) Content(off, n int64) io.Reader {
	if o.data != nil {
		return bytes.NewReader(o.data[off : off+n])
	}
	return io.LimitReader(zeroReader{}, n)
}

// Part returns the byte range of part n (1-based) of a multipart object,
// and false when the object has no part n.
func (o *Object) Part(n int) (off, length int64, ok bool) {
	if n < 1 || n > len(o.PartSizes) {
		return 0, 0, false
	}
	for _, s := range o.PartSizes[:n-1] {
		off += s
	}
	return off, o.PartSizes[n-1], true
}

// Archived reports whether the content must be restored before it can be
// read: S3 answers GetObject of GLACIER and DEEP_ARCHIVE objects, and of
// objects in Intelligent-Tiering's archive tiers, with 403
// InvalidObjectState (HeadObject works).
func (o *Object) Archived() bool {
	f := o.Facts
	return f.StorageClass == StorageGlacier || f.StorageClass == StorageDeepArchive ||
		f.AccessTier == "ARCHIVE" || f.AccessTier == "DEEP_ARCHIVE"
}

// ReadObject returns the current version of key, or the version named by
// versionID ("null" for the null version). A current delete marker, or a
// delete marker named by id, is returned with DeleteMarker set: what S3
// answers then (404 or 405) is the caller's business. Errors: NoSuchBucket,
// NoSuchKey, NoSuchVersion, and InvalidArgument for an id the store never
// issued.
func (s *Store) ReadObject(bucket, key, versionID string) (*Object, error) {
	s.mu.RLock()
	b, err := s.bucketLocked(bucket)
	if err != nil {
		s.mu.RUnlock()
		return nil, err
	}
	head := b.index.get(key)
	v := head
	if versionID != "" {
		v, err = s.findVersion(head, versionID)
	}
	versioned := b.versioning != Unversioned
	s.mu.RUnlock()
	switch {
	case err != nil:
		return nil, err
	case v == nil && versionID != "":
		return nil, errNoSuchVersion(key, versionID)
	case v == nil:
		return nil, errNoSuchKey(key)
	}
	return s.objectOf(key, v, versioned), nil
}

// objectOf describes v, which is immutable, so no lock is needed.
func (s *Store) objectOf(key string, v *version, versioned bool) *Object {
	o := &Object{
		Key:          key,
		VersionID:    s.versionID(v),
		Versioned:    versioned,
		DeleteMarker: v.isDeleteMarker(),
		LastModified: v.lastModified(),
	}
	if o.DeleteMarker {
		return o
	}
	o.Size = v.size
	o.ETag = v.quotedETag()
	o.Header = maps.Clone(v.meta())
	o.Facts = v.exportFacts()
	o.Tags = v.tagList()
	o.data = v.body
	if v.parts > 0 {
		o.PartSizes = v.partSizes()
		if len(o.PartSizes) != int(v.parts) {
			o.PartSizes = evenParts(v.size, int(v.parts))
		}
	}
	return o
}

// zeroReader reads zero bytes forever: the content of a size-only version.
type zeroReader struct{}

// Read fills p with zeros.
func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// evenParts splits size into n parts as seeding does (splitSums): equal
// sizes, the last one shorter.
func evenParts(size int64, n int) []int64 {
	partSize := (size + int64(n) - 1) / int64(n)
	out := make([]int64, n)
	for i := range out {
		start := min(int64(i)*partSize, size)
		out[i] = min(start+partSize, size) - start
	}
	return out
}
