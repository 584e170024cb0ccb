package objstore

import (
	"bytes"
	"crypto/md5"
	"io"
	"maps"
	"time"

	"github.com/johannesboyne/gofakes3"
)

// object is everything stored under one key.
type object struct {
	// versions holds the key's versions, newest first. While the store is
	// unversioned it always has exactly one element; versioning will prepend
	// instead of replacing.
	versions []*version
}

// current returns the newest version.
func (o *object) current() *version { return o.versions[0] }

// version is one immutable stored object version.
type version struct {
	key          string
	body         []byte
	size         int64
	md5          []byte
	etag         string
	lastModified time.Time
	metadata     map[string]string
	owner        string
}

// newVersion builds a version from body, taking a private copy of meta so
// that the new version never shares (or inherits) a metadata map.
func newVersion(key string, body []byte, meta map[string]string, owner string, at time.Time) *version {
	sum := md5.Sum(body)
	return &version{
		key:          key,
		body:         body,
		size:         int64(len(body)),
		md5:          sum[:],
		etag:         gofakes3.FormatETag(sum[:]),
		lastModified: at,
		metadata:     copyMeta(meta),
		owner:        owner,
	}
}

// toObject converts the version into a gofakes3.Object. When withBody is
// false the Contents are empty (for HEAD). A non-nil rng selects a byte range
// of the body; Size always reports the full object size, as gofakes3 expects.
func (v *version) toObject(rng *gofakes3.ObjectRangeRequest, withBody bool) (*gofakes3.Object, error) {
	obj := &gofakes3.Object{
		Name:     v.key,
		Metadata: copyMeta(v.metadata),
		Size:     v.size,
		Hash:     bytes.Clone(v.md5),
	}
	if !withBody {
		obj.Contents = io.NopCloser(bytes.NewReader(nil))
		return obj, nil
	}
	r, err := rng.Range(v.size)
	if err != nil {
		return nil, err
	}
	data := v.body
	if r != nil {
		data = data[r.Start : r.Start+r.Length]
	}
	obj.Range = r
	// The body is immutable, so it is safe to read it after the lock is gone.
	obj.Contents = io.NopCloser(bytes.NewReader(data))
	return obj, nil
}

// content converts the version into a listing entry.
func (v *version) content() *gofakes3.Content {
	return &gofakes3.Content{
		Key:          v.key,
		LastModified: gofakes3.NewContentTime(v.lastModified),
		ETag:         v.etag,
		Size:         v.size,
		StorageClass: gofakes3.StorageStandard,
	}
}

// copyMeta returns an independent copy of meta; nil stays nil.
func copyMeta(meta map[string]string) map[string]string {
	return maps.Clone(meta)
}
