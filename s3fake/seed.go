package s3fake

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/s3fake/s3fake/fixtures"
)

// Seed applies the steps of a source bucket's history to bucket, in order:
// each object version written at its At time (the clock's now when zero)
// with its body or size and its facts (storage class, parts, checksum,
// encryption, lock, ...: the record WithFacts takes), or, for a
// step with Delete, a delete marker at that time. The bucket must exist;
// create it Versioned for histories with overwrites and deletes, such as
// fixtures.VersionedSource. It stops at the first step S3 would refuse and
// returns its error, naming the step; the steps before it stay applied.
// The clock does not move.
func (s *Server) Seed(bucket string, objects ...fixtures.SeedObject) error {
	if s.tb != nil {
		s.tb.Helper()
	}
	for i, o := range objects {
		if err := s.seedStep(bucket, o); err != nil {
			return s.seedError(fmt.Sprintf("Seed(%q) step %d (%q)", bucket, i, o.Key), err)
		}
	}
	return nil
}

// seedStep applies one step of Seed.
func (s *Server) seedStep(bucket string, o fixtures.SeedObject) error {
	at := o.At
	if at.IsZero() {
		at = s.clock.Now()
	}
	if o.Delete {
		_, err := s.objects.SeedDelete(bucket, o.Key, at)
		return err
	}
	seed := objectSeed{at: at, facts: o.Facts, etag: o.ETag}
	if o.Body == nil {
		seed.size, seed.sizeOnly = o.Size, true
	}
	_, err := s.seedVersion(bucket, o.Key, o.Body, seed)
	return err
}

// sizeOnlyETag is the ETag of a size-only version of size bytes in parts
// parts (0: one PUT), derived from the numbers so that nothing hashes the
// zeros (SizeOnly documents the rule). An empty object keeps the real MD5
// of nothing, which costs nothing.
func sizeOnlyETag(size int64, parts int) string {
	if size == 0 {
		return ""
	}
	seed := "s3fake size-only " + strconv.FormatInt(size, 10)
	if parts > 0 {
		seed += " parts " + strconv.Itoa(parts)
	}
	sum := md5.Sum([]byte(seed))
	etag := hex.EncodeToString(sum[:])
	if parts > 0 {
		etag += "-" + strconv.Itoa(parts)
	}
	return etag
}
