package objstore

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"net/textproto"
	"strconv"
	"strings"
	"time"
	"unique"
)

// This file is the direct API the s3fake package uses to seed and inspect
// buckets without HTTP. It follows the same versioning rules as requests
// do; only the facts are taken as given instead of from headers.

// Body is the content of a seeded version.
type Body struct {
	// Data is the content. When nil, the version has Size zero bytes
	// without storing them.
	Data []byte
	// Size is the size of a size-only version; with Data it must be 0 or
	// len(Data).
	Size int64
	// ETag, when set, is taken instead of computing one: 32 hex digits,
	// with "-N" for a multipart upload of N parts (which also sets
	// Facts.PartCount), quotes optional. It saves hashing a large
	// size-only body.
	ETag string
	// Metadata are the stored headers returned by GET and HEAD:
	// X-Amz-Meta-*, Content-Type and the like.
	Metadata map[string]string
}

// SeedBucket creates a bucket owned by account owner in the given
// versioning state. A bucket that exists is BucketAlreadyExists.
func (s *Store) SeedBucket(name, owner string, versioning Versioning) (err error) {
	switch versioning {
	case Unversioned, VersioningEnabled, VersioningSuspended:
	default:
		return fmt.Errorf("objstore: unknown versioning state %q", versioning)
	}
	now := s.clock()
	s.lockW()
	defer s.unlockW(&err)
	if _, ok := s.buckets[name]; ok {
		return errBucketAlreadyExists(name)
	}
	b := newBucket(name, owner, now)
	b.versioning = versioning
	s.buckets[name] = b
	s.noteCreatedLocked(b) // journal.go
	return nil
}

// SetVersioning enables or suspends versioning of a bucket, as
// ChangeVersioning does. A bucket that has had versioning cannot become
// Unversioned again, so Unversioned is an error here.
func (s *Store) SetVersioning(bucket string, v Versioning) error {
	if v != VersioningEnabled && v != VersioningSuspended {
		return fmt.Errorf("objstore: versioning can only be enabled or suspended, not %q", v)
	}
	return s.ChangeVersioning(bucket, v, "")
}

// SeedObject stores a new version of key at time at (the store's clock
// when zero; truncated to the second, as S3 keeps it) with the given facts,
// following the bucket's versioning state, and returns the version id S3
// would report: "" in an unversioned bucket, "null" in a suspended one.
// Facts are checked and completed with S3's defaults (see Facts); a
// checksum algorithm without a value gets the value computed from the
// body. Versions of a key are ordered by the order of calls, whatever at
// says.
func (s *Store) SeedObject(bucket, key string, body Body, facts Facts, at time.Time) (versionID string, err error) {
	if key == "" || len(key) > maxKeyLength {
		return "", fmt.Errorf("objstore: key must be 1 to %d bytes long", maxKeyLength)
	}
	v, err := seedVersion(body, &facts)
	if err != nil {
		return "", err
	}
	if at.IsZero() {
		at = s.now()
	}
	v.modified = at.Unix()

	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return "", err
	}
	if v.facts, err = s.factsLocked(b, facts); err != nil {
		return "", err
	}
	return s.putLocked(b, key, v), nil
}

// maxKeyLength is S3's limit on the length of a key, in bytes of UTF-8.
const maxKeyLength = 1024

// seedVersion builds a version from a seed body, completing facts with the
// part count an ETag implies and with a computed checksum.
func seedVersion(body Body, facts *Facts) (*version, error) {
	size := body.Size
	if body.Data != nil {
		if size != 0 && size != int64(len(body.Data)) {
			return nil, fmt.Errorf("objstore: Body.Size %d differs from len(Body.Data) %d", size, len(body.Data))
		}
		size = int64(len(body.Data))
	}
	if size < 0 {
		return nil, errors.New("objstore: negative Body.Size")
	}
	// Check what hashing below relies on; normalize checks the rest.
	if facts.ChecksumAlgorithm != "" && !contains(checksumAlgorithms, facts.ChecksumAlgorithm) {
		return nil, fmt.Errorf("objstore: ChecksumAlgorithm %q is not one of %v", facts.ChecksumAlgorithm, checksumAlgorithms)
	}
	if facts.PartCount < 0 || facts.PartCount > maxParts {
		return nil, fmt.Errorf("objstore: PartCount %d is outside 0..%d", facts.PartCount, maxParts)
	}
	v := &version{size: size, body: body.Data}
	if err := v.seedETag(body, facts); err != nil {
		return nil, err
	}
	if facts.ChecksumAlgorithm != "" && facts.Checksum == "" {
		if facts.ChecksumType == ChecksumComposite || facts.ChecksumType == "" && defaultChecksumType(facts.ChecksumAlgorithm, facts.PartCount > 0) == ChecksumComposite {
			facts.Checksum = compositeChecksum(facts.ChecksumAlgorithm, splitSums(facts.ChecksumAlgorithm, body.Data, size, facts.PartCount))
		} else {
			facts.Checksum = fullChecksum(facts.ChecksumAlgorithm, body.Data, size)
		}
	}
	v.parts = uint16(facts.PartCount)
	var meta map[string]string
	if len(body.Metadata) > 0 {
		meta = make(map[string]string, len(body.Metadata))
		for k, val := range body.Metadata {
			meta[textproto.CanonicalMIMEHeaderKey(k)] = val
		}
	}
	v.extra = newExtra(meta, facts.Checksum)
	return v, nil
}

// seedETag sets v.md5 (and facts.PartCount) from body.ETag or the content.
// A multipart ETag without an explicit one is computed as S3 would for
// PartCount parts of equal size (the last one shorter).
func (v *version) seedETag(body Body, facts *Facts) error {
	if body.ETag != "" {
		hexPart, n, multipart := strings.Cut(strings.Trim(body.ETag, `"`), "-")
		sum, err := hex.DecodeString(hexPart)
		if err != nil || len(sum) != md5.Size {
			return fmt.Errorf("objstore: ETag %q is not an MD5", body.ETag)
		}
		copy(v.md5[:], sum)
		if multipart {
			parts, err := strconv.Atoi(n)
			if err != nil || parts < 1 || facts.PartCount != 0 && facts.PartCount != parts {
				return fmt.Errorf("objstore: ETag %q does not match PartCount %d", body.ETag, facts.PartCount)
			}
			facts.PartCount = parts
		} else if facts.PartCount != 0 {
			return fmt.Errorf("objstore: ETag %q of a multipart upload lacks -%d", body.ETag, facts.PartCount)
		}
		return nil
	}
	switch {
	case facts.PartCount > 0:
		h := md5.New()
		for _, s := range splitSums("", body.Data, v.size, facts.PartCount) {
			h.Write(s)
		}
		h.Sum(v.md5[:0])
	case v.size == 0:
		v.md5 = emptyMD5 // the common case when seeding many objects
	case body.Data != nil:
		v.md5 = md5.Sum(body.Data)
	default:
		h := md5.New()
		writeZeros(h, v.size)
		h.Sum(v.md5[:0])
	}
	return nil
}

// splitSums divides content (data, or size zero bytes) into n parts of
// equal size, the last one shorter, and returns each part's raw checksum
// (MD5 when alg is "").
func splitSums(alg string, data []byte, size int64, n int) [][]byte {
	n = max(n, 1)
	partSize := (size + int64(n) - 1) / int64(n)
	sums := make([][]byte, n)
	for i := range sums {
		start := min(int64(i)*partSize, size)
		end := min(start+partSize, size)
		var chunk []byte
		if data != nil {
			chunk = data[start:end]
		}
		if alg == "" {
			h := md5.New()
			if chunk != nil {
				h.Write(chunk)
			} else {
				writeZeros(h, end-start)
			}
			sums[i] = h.Sum(nil)
		} else {
			sums[i] = rawChecksum(alg, chunk, end-start)
		}
	}
	return sums
}

// SeedDelete deletes key as DELETE without a version id does at time at
// (the store's clock when zero): in a versioned bucket it adds a delete
// marker and returns its id ("null" when suspended); in an unversioned one
// it removes the object and returns "".
func (s *Store) SeedDelete(bucket, key string, at time.Time) (versionID string, err error) {
	if at.IsZero() {
		at = s.now()
	}
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return "", err
	}
	return s.deleteLocked(b, key, at.Unix()).VersionID, nil
}

// DeleteVersion permanently deletes one version or delete marker of key
// ("null" names the null version); the next older version becomes
// current. Unlike the wire call it reports a version that does not exist.
func (s *Store) DeleteVersion(bucket, key, versionID string) (err error) {
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return err
	}
	v, err := s.findVersion(b.index.get(key), versionID)
	if err != nil {
		return err
	}
	if v == nil {
		return errNoSuchVersion(key, versionID)
	}
	_, err = s.deleteVersionLocked(b, key, versionID)
	return err
}

// ReadCurrent returns a copy of the bytes of key's current version in
// bucket (zeros for a size-only version: mind its size), as the direct API
// reads report files back. It returns NoSuchBucket, or NoSuchKey when key
// has no version or its current version is a delete marker.
func (s *Store) ReadCurrent(bucket, key string) ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(bucket)
	if err != nil {
		return nil, err
	}
	v := b.index.get(key)
	if v == nil || v.isDeleteMarker() {
		return nil, errNoSuchKey(key)
	}
	if v.body == nil {
		return make([]byte, v.size), nil
	}
	return append([]byte(nil), v.body...), nil
}

// Versions returns every version and delete marker of bucket whose key
// starts with prefix, keys ascending and newest first (see Snapshot.All).
func (s *Store) Versions(bucket, prefix string) ([]VersionInfo, error) {
	sn, err := s.Snapshot(bucket, prefix)
	if err != nil {
		return nil, err
	}
	return sn.Versions(), nil
}

// seedCache remembers the last facts interned, because seeding loops
// mostly store many versions with the same facts, and comparing two Facts
// is cheaper than normalizing and interning one.
type seedCache struct {
	in    Facts
	owner string
	out   unique.Handle[factSet]
	ok    bool
}

// factsLocked normalizes, checks and interns f for a version in bucket b.
// The caller must hold the write lock (it updates the cache).
func (s *Store) factsLocked(b *bucket, f Facts) (unique.Handle[factSet], error) {
	c := &s.seeded
	if c.ok && c.owner == b.owner && c.in == f {
		return c.out, nil
	}
	n, err := normalizeFacts(f, b.owner)
	if err != nil {
		return unique.Handle[factSet]{}, err
	}
	*c = seedCache{in: f, owner: b.owner, out: internFacts(n), ok: true}
	return c.out, nil
}
