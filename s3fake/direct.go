package s3fake

// Seeding and inspection without HTTP. Every call takes the stores' locks
// and returns copies, so any goroutine may call them. Seeding calls return
// an error for bad input (docs/seeding.md): under Start they also report it
// to the test with t.Errorf, which is safe from any goroutine and does not
// stop the test, so an unchecked call cannot pass silently; under New they
// only return it.

import (
	"errors"
	"fmt"
	"time"

	"github.com/johannesboyne/gofakes3"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/inventory"
)

// seedError wraps err as the error of seeding call call and, under Start
// while the test runs, reports it with t.Errorf. It returns nil for nil.
// Each seeding method calls t.Helper itself (Helper marks its caller), so
// that the report points at the test's line.
func (s *Server) seedError(call string, err error) error {
	if err == nil {
		return nil
	}
	err = fmt.Errorf("s3fake: %s: %w", call, err)
	// Errorf, unlike Fatal, may be called from any goroutine; once the
	// test has finished (its context is done) reporting would panic.
	if s.tb != nil && s.tb.Context().Err() == nil {
		s.tb.Helper()
		s.tb.Errorf("%v", err)
	}
	return err
}

// fail reports bad input to calls that have no error result: under Start
// it fails the test with t.Errorf (safe from any goroutine; the test goes
// on), under New it panics.
func (s *Server) fail(format string, args ...any) {
	msg := fmt.Sprintf("s3fake: "+format, args...)
	if s.tb != nil {
		if s.tb.Context().Err() == nil {
			s.tb.Helper()
			s.tb.Error(msg)
		}
		return
	}
	panic(msg)
}

// BucketOption configures a bucket created by CreateBucket.
type BucketOption func(*bucketSeed)

type bucketSeed struct {
	owner      string
	versioning objstore.Versioning
}

// Versioned creates the bucket with versioning enabled.
func Versioned() BucketOption {
	return func(b *bucketSeed) { b.versioning = objstore.VersioningEnabled }
}

// OwnedBy makes accountID the bucket's owner. Default DefaultAccountID.
func OwnedBy(accountID string) BucketOption {
	return func(b *bucketSeed) { b.owner = accountID }
}

// CreateBucket creates bucket name, owned by the default account unless
// OwnedBy says otherwise. It returns an error if the bucket exists, the
// name is invalid or the owner is not a known account.
func (s *Server) CreateBucket(name string, opts ...BucketOption) error {
	if s.tb != nil {
		s.tb.Helper()
	}
	seed := bucketSeed{owner: DefaultAccountID}
	for _, o := range opts {
		o(&seed)
	}
	return s.seedError(fmt.Sprintf("CreateBucket(%q)", name), s.seedBucket(name, seed))
}

func (s *Server) seedBucket(name string, seed bucketSeed) error {
	if _, ok := s.registry.Account(seed.owner); !ok {
		return fmt.Errorf("no account %q", seed.owner)
	}
	if err := gofakes3.ValidateBucketName(name); err != nil {
		return err
	}
	return s.objects.SeedBucket(name, seed.owner, seed.versioning)
}

// BucketOwner returns the account that owns bucket, and whether it exists.
func (s *Server) BucketOwner(bucket string) (string, bool) {
	return s.objects.BucketOwner(bucket)
}

// PutBucketPolicy sets bucket's policy as PutBucketPolicy would, except
// that principals naming accounts s3fake does not know are accepted (they
// may be created later). It returns an error if the bucket does not exist
// or the policy is malformed.
func (s *Server) PutBucketPolicy(bucket, policyJSON string) error {
	if s.tb != nil {
		s.tb.Helper()
	}
	return s.seedError(fmt.Sprintf("PutBucketPolicy(%q)", bucket), s.seedPolicy(bucket, policyJSON))
}

func (s *Server) seedPolicy(bucket, policyJSON string) error {
	if !s.BucketExists(bucket) {
		return errors.New("no such bucket")
	}
	parsed, err := access.ParseBucketPolicy([]byte(policyJSON), bucket, nil)
	if err != nil {
		return err
	}
	return s.setPolicy(bucket, &storedPolicy{raw: []byte(policyJSON), parsed: parsed})
}

// BucketPolicy returns bucket's policy document as stored, and whether it
// has one.
func (s *Server) BucketPolicy(bucket string) (string, bool) {
	sp, ok := s.policies.get(bucket)
	return string(sp.raw), ok
}

// BucketExists reports whether bucket exists.
func (s *Server) BucketExists(bucket string) bool {
	_, ok := s.objects.BucketOwner(bucket)
	return ok
}

// ObjectFacts are the facts of a seeded object version that S3 keeps
// beside its bytes, as inventory reports show them: the one per-version
// record the store and the report writer share (inventory.ObjectFacts,
// whose fields document their values). Zero values mean S3's defaults:
// owner the bucket owner, STANDARD, SSE-S3, no checksum, no lock, not
// replicated, written in one piece (PartCount 0). PartCount above 0 makes
// the version a multipart upload of that many equal parts (the last one
// shorter), whose ETag is "<md5 of the parts' md5s>-PartCount". A
// ChecksumAlgorithm's value is computed from the body unless Checksum
// gives it (from the zeros for SizeOnly, which costs hashing them: fast
// for the CRCs, about 0.5 s/GiB for SHA).
type ObjectFacts = inventory.ObjectFacts

// ObjectOption configures one PutObject (or DeleteObject) seeding call.
type ObjectOption func(*objectSeed)

type objectSeed struct {
	at       time.Time
	size     int64
	sizeOnly bool
	facts    ObjectFacts
	factsSet bool
	etag     string
	metadata map[string]string
}

// At sets the version's (or delete marker's) LastModified; default the
// server clock's now. S3 keeps it to the second.
func At(t time.Time) ObjectOption { return func(o *objectSeed) { o.at = t } }

// SizeOnly makes the version n bytes long without storing them (reads
// return n zero bytes), for seeding large buckets cheaply; the body
// argument must be nil. Nothing reads or hashes the n bytes: unless
// WithETag gives one, the ETag is derived from n and the part
// count (the MD5 of "s3fake size-only <n>" or "... <n> parts <Parts>"),
// not the MD5 of the zeros. Real S3's ETags are not always the MD5 of the
// content either (SSE-KMS and SSE-C objects), and no S3 client checks a
// download against the ETag.
func SizeOnly(n int64) ObjectOption {
	return func(o *objectSeed) { o.size, o.sizeOnly = n, true }
}

// WithFacts sets the version's facts.
func WithFacts(f ObjectFacts) ObjectOption {
	return func(o *objectSeed) { o.facts, o.factsSet = f, true }
}

// WithETag sets the version's ETag instead of a computed one, without
// quotes: 32 hex digits, followed by "-N" for a multipart upload of N
// parts (alone, it sets ObjectFacts.PartCount; with a PartCount, the two
// must agree). Default: computed from the body; derived from the size,
// without reading, for SizeOnly (see SizeOnly).
func WithETag(etag string) ObjectOption {
	return func(o *objectSeed) { o.etag = etag }
}

// WithMetadata sets the stored headers GET and HEAD return (Content-Type,
// X-Amz-Meta-*, ...).
func WithMetadata(m map[string]string) ObjectOption {
	return func(o *objectSeed) { o.metadata = m }
}

// PutObject stores body under bucket/key as a new version (or the null
// version, by the bucket's versioning state, as a PUT would), and returns
// its version id ("" in an unversioned bucket, "null" in a suspended one).
// It returns an error if the bucket does not exist or an option is
// invalid (SizeOnly with a body, facts S3 would refuse, ...).
func (s *Server) PutObject(bucket, key string, body []byte, opts ...ObjectOption) (string, error) {
	if s.tb != nil {
		s.tb.Helper()
	}
	seed := objectSeed{at: s.clock.Now()}
	for _, o := range opts {
		o(&seed)
	}
	id, err := s.seedVersion(bucket, key, body, seed)
	return id, s.seedError(fmt.Sprintf("PutObject(%q, %q)", bucket, key), err)
}

func (s *Server) seedVersion(bucket, key string, body []byte, seed objectSeed) (string, error) {
	f := seed.facts
	if seed.sizeOnly && body != nil {
		return "", errors.New("SizeOnly needs a nil body")
	}
	if seed.sizeOnly && seed.size < 0 {
		return "", fmt.Errorf("SizeOnly(%d): negative size", seed.size)
	}
	b := objstore.Body{Data: body, Size: seed.size, Metadata: seed.metadata, ETag: seed.etag}
	if seed.sizeOnly && b.ETag == "" {
		b.ETag = sizeOnlyETag(seed.size, f.PartCount)
	}
	return s.objects.SeedObject(bucket, key, b, f, seed.at)
}

// DeleteObject deletes bucket/key as a DELETE without version id would: a
// delete marker in a versioned bucket (its version id is returned, "null"
// when versioning is suspended), the object itself otherwise. Of the
// options only At applies: the delete marker's time. It returns an error
// if the bucket does not exist or another option is given.
func (s *Server) DeleteObject(bucket, key string, opts ...ObjectOption) (string, error) {
	if s.tb != nil {
		s.tb.Helper()
	}
	seed := objectSeed{at: s.clock.Now()}
	for _, o := range opts {
		o(&seed)
	}
	var id string
	err := errors.New("only the At option applies to a delete")
	if !seed.sizeOnly && !seed.factsSet && seed.metadata == nil && seed.etag == "" {
		id, err = s.objects.SeedDelete(bucket, key, seed.at)
	}
	return id, s.seedError(fmt.Sprintf("DeleteObject(%q, %q)", bucket, key), err)
}

// SetVersioning sets bucket's versioning: "Enabled" or "Suspended". It
// returns an error for other values or a missing bucket.
func (s *Server) SetVersioning(bucket, state string) error {
	if s.tb != nil {
		s.tb.Helper()
	}
	return s.seedError(fmt.Sprintf("SetVersioning(%q, %q)", bucket, state),
		s.objects.SetVersioning(bucket, objstore.Versioning(state)))
}

// ObjectVersions returns every version and delete marker of bucket under
// prefix, keys ascending and newest version first per key, with the facts
// an inventory report shows. It is empty for a missing bucket.
func (s *Server) ObjectVersions(bucket, prefix string) []inventory.ObjectVersion {
	out, _ := s.sourceVersions(bucket, prefix)
	return out
}

// PutInventoryConfiguration stores cfg on bucket as a PUT would, replacing
// one with the same Id. It returns an error if the bucket does not exist,
// cfg is invalid for the server's dialect, or the bucket already holds
// 1,000 other configurations.
func (s *Server) PutInventoryConfiguration(bucket string, cfg inventory.Configuration) error {
	if s.tb != nil {
		s.tb.Helper()
	}
	return s.seedError(fmt.Sprintf("PutInventoryConfiguration(%q, %q)", bucket, cfg.ID),
		s.seedInventoryConfiguration(bucket, cfg))
}

func (s *Server) seedInventoryConfiguration(bucket string, cfg inventory.Configuration) error {
	if !s.BucketExists(bucket) {
		return errors.New("no such bucket")
	}
	if err := inventory.CheckPut(cfg.ID, cfg, s.cfg.dialect); err != nil {
		return err
	}
	return s.putConfig(bucket, cfg)
}

// DeleteInventoryConfiguration deletes configuration id of bucket, with
// its schedule and run history, as DeleteBucketInventoryConfiguration
// does. It returns an error if there is no such configuration.
func (s *Server) DeleteInventoryConfiguration(bucket, id string) error {
	if s.tb != nil {
		s.tb.Helper()
	}
	if err := s.deleteConfig(bucket, id); err != nil {
		return s.seedError(fmt.Sprintf("DeleteInventoryConfiguration(%q, %q)", bucket, id), err)
	}
	return nil
}

// InventoryConfiguration returns the configuration id of bucket, and
// whether it exists.
func (s *Server) InventoryConfiguration(bucket, id string) (inventory.Configuration, bool) {
	cfg, err := s.configs.Get(bucket, id)
	return cfg, err == nil
}

// InventoryConfigurations returns every configuration of bucket, sorted by
// Id; none for a bucket without configurations or that does not exist.
func (s *Server) InventoryConfigurations(bucket string) []inventory.Configuration {
	return s.configs.All(bucket)
}
