package s3fake

// Seeding and inspection without HTTP. Every call takes the stores' locks
// and returns copies. Seeding calls do not return errors: bad input is a bug
// in the test, so they fail the test that called Start (t.Fatalf) or, under
// New, panic.

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/johannesboyne/gofakes3"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/inventory"
)

// fail reports bad seed input: through the test under Start, by panicking
// under New.
func (s *Server) fail(format string, args ...any) {
	msg := fmt.Sprintf("s3fake: "+format, args...)
	if s.tb != nil {
		s.tb.Helper()
		s.tb.Fatal(msg)
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
// OwnedBy says otherwise. It fails the test (panics under New) if the
// bucket exists, the name is invalid or the owner is not a known account.
func (s *Server) CreateBucket(name string, opts ...BucketOption) {
	if s.tb != nil {
		s.tb.Helper()
	}
	seed := bucketSeed{owner: DefaultAccountID}
	for _, o := range opts {
		o(&seed)
	}
	if _, ok := s.registry.Account(seed.owner); !ok {
		s.fail("CreateBucket(%q): no account %q", name, seed.owner)
		return
	}
	if err := gofakes3.ValidateBucketName(name); err != nil {
		s.fail("CreateBucket(%q): %v", name, err)
		return
	}
	if err := s.objects.SeedBucket(name, seed.owner, seed.versioning); err != nil {
		s.fail("CreateBucket(%q): %v", name, err)
	}
}

// BucketOwner returns the account that owns bucket, and whether it exists.
func (s *Server) BucketOwner(bucket string) (string, bool) {
	return s.objects.BucketOwner(bucket)
}

// PutBucketPolicy sets bucket's policy as PutBucketPolicy would, except
// that principals naming accounts s3fake does not know are accepted (they
// may be created later). It fails the test (panics under New) if the
// bucket does not exist or the policy is malformed.
func (s *Server) PutBucketPolicy(bucket, policyJSON string) {
	if s.tb != nil {
		s.tb.Helper()
	}
	if !s.BucketExists(bucket) {
		s.fail("PutBucketPolicy(%q): no such bucket", bucket)
		return
	}
	parsed, err := access.ParseBucketPolicy([]byte(policyJSON), bucket, nil)
	if err != nil {
		s.fail("PutBucketPolicy(%q): %v", bucket, err)
		return
	}
	s.policies.put(bucket, storedPolicy{raw: []byte(policyJSON), parsed: parsed})
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
// beside its bytes, as inventory reports show them. Zero values mean S3's
// defaults: owner the bucket owner, STANDARD, SSE-S3, no checksum, no lock,
// not replicated, written in one piece.
type ObjectFacts struct {
	// OwnerAccount is the owning account id; default the bucket owner.
	OwnerAccount string
	// StorageClass is an API storage class name; default STANDARD.
	StorageClass string
	// ChecksumAlgorithm is CRC32, CRC32C, CRC64NVME, SHA1, SHA256 or "";
	// the value is computed from the body.
	ChecksumAlgorithm string
	// Encryption is SSE-S3 (default), SSE-KMS, DSSE-KMS, SSE-C or NOT-SSE.
	Encryption string
	// KMSKeyID is the key of SSE-KMS and DSSE-KMS.
	KMSKeyID string
	// BucketKeyEnabled reports an S3 Bucket Key (SSE-KMS only).
	BucketKeyEnabled bool
	// LockMode is GOVERNANCE, COMPLIANCE or "", with LockRetainUntil.
	LockMode        string
	LockRetainUntil time.Time
	// LegalHold is ON, OFF or "".
	LegalHold string
	// ReplicationStatus is PENDING, COMPLETED, FAILED, REPLICA or "".
	ReplicationStatus string
	// AccessTier is the Intelligent-Tiering access tier (INTELLIGENT_TIERING only).
	AccessTier string
	// Parts, when above 0, makes the version a multipart upload of that
	// many parts: its ETag is "<md5 of part md5s>-Parts".
	Parts int
}

// ObjectOption configures one PutObject seeding call.
type ObjectOption func(*objectSeed)

type objectSeed struct {
	at       time.Time
	size     int64
	facts    ObjectFacts
	metadata map[string]string
}

// At sets the version's LastModified; default the server clock's now.
func At(t time.Time) ObjectOption { return func(o *objectSeed) { o.at = t } }

// SizeOnly makes the version n bytes long without storing them (reads
// return zeros), for seeding large buckets cheaply; the body argument must
// be nil.
func SizeOnly(n int64) ObjectOption { return func(o *objectSeed) { o.size = n } }

// WithFacts sets the version's facts.
func WithFacts(f ObjectFacts) ObjectOption { return func(o *objectSeed) { o.facts = f } }

// WithMetadata sets the stored headers GET and HEAD return (Content-Type,
// X-Amz-Meta-*, ...).
func WithMetadata(m map[string]string) ObjectOption {
	return func(o *objectSeed) { o.metadata = m }
}

// PutObject stores body under bucket/key as a new version (or the null
// version, by the bucket's versioning state, as a PUT would), and returns
// its version id ("" for a null version). It fails the test (panics under
// New) if the bucket does not exist or an option is invalid.
func (s *Server) PutObject(bucket, key string, body []byte, opts ...ObjectOption) string {
	if s.tb != nil {
		s.tb.Helper()
	}
	seed := objectSeed{at: s.clock.Now()}
	for _, o := range opts {
		o(&seed)
	}
	f := seed.facts
	b := objstore.Body{Data: body, Size: seed.size, Metadata: seed.metadata}
	if f.Parts > 0 {
		b.ETag = multipartETag(body, seed.size, f.Parts)
	}
	id, err := s.objects.SeedObject(bucket, key, b, objstore.Facts{
		OwnerAccount: f.OwnerAccount, StorageClass: f.StorageClass, ChecksumAlgorithm: f.ChecksumAlgorithm,
		Encryption: f.Encryption, KMSKeyID: f.KMSKeyID, BucketKeyEnabled: f.BucketKeyEnabled,
		LockMode: f.LockMode, LockRetainUntil: f.LockRetainUntil, LegalHold: f.LegalHold,
		ReplicationStatus: f.ReplicationStatus, AccessTier: f.AccessTier,
	}, seed.at)
	if err != nil {
		s.fail("PutObject(%q, %q): %v", bucket, key, err)
	}
	return id
}

// multipartETag is the ETag of an upload of body (or of size zero bytes)
// in parts equal parts: the MD5 of the parts' MD5s, then "-parts".
func multipartETag(body []byte, size int64, parts int) string {
	if body == nil {
		body = make([]byte, size)
	}
	var sums []byte
	step := (len(body) + parts - 1) / parts
	for i := 0; i < parts; i++ {
		lo, hi := min(i*step, len(body)), min((i+1)*step, len(body))
		sum := md5.Sum(body[lo:hi])
		sums = append(sums, sum[:]...)
	}
	all := md5.Sum(sums)
	return hex.EncodeToString(all[:]) + "-" + strconv.Itoa(parts)
}

// DeleteObject deletes bucket/key as a DELETE without version id would: a
// delete marker in a versioned bucket (its version id is returned), the
// object itself otherwise. It fails the test (panics under New) if the
// bucket does not exist.
func (s *Server) DeleteObject(bucket, key string) string {
	if s.tb != nil {
		s.tb.Helper()
	}
	id, err := s.objects.SeedDelete(bucket, key, s.clock.Now())
	if err != nil {
		s.fail("DeleteObject(%q, %q): %v", bucket, key, err)
	}
	return id
}

// SetVersioning sets bucket's versioning: "Enabled" or "Suspended". It
// fails the test (panics under New) for other values or a missing bucket.
func (s *Server) SetVersioning(bucket, state string) {
	if s.tb != nil {
		s.tb.Helper()
	}
	if err := s.objects.SetVersioning(bucket, objstore.Versioning(state)); err != nil {
		s.fail("SetVersioning(%q, %q): %v", bucket, state, err)
	}
}

// ObjectVersions returns every version and delete marker of bucket under
// prefix, keys ascending and newest version first per key, with the facts
// an inventory report shows. It is empty for a missing bucket.
func (s *Server) ObjectVersions(bucket, prefix string) []inventory.ObjectVersion {
	out, _ := s.sourceVersions(bucket, prefix)
	return out
}

// PutInventoryConfiguration stores cfg on bucket as a PUT would, replacing
// one with the same Id. It fails the test (panics under New) if the bucket
// does not exist, cfg is invalid for the server's dialect, or the bucket
// already holds 1,000 other configurations.
func (s *Server) PutInventoryConfiguration(bucket string, cfg inventory.Configuration) {
	if s.tb != nil {
		s.tb.Helper()
	}
	if !s.BucketExists(bucket) {
		s.fail("PutInventoryConfiguration(%q): no such bucket", bucket)
		return
	}
	if err := inventory.CheckPut(cfg.ID, cfg, s.cfg.dialect); err != nil {
		s.fail("PutInventoryConfiguration(%q, %q): %v", bucket, cfg.ID, err)
		return
	}
	if _, err := s.configs.Put(bucket, cfg); err != nil {
		s.fail("PutInventoryConfiguration(%q, %q): %v", bucket, cfg.ID, err)
		return
	}
	s.configPut(bucket, cfg.ID)
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
