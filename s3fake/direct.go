package s3fake

// Seeding and inspection without HTTP. Every call takes the stores' locks
// and returns copies. Seeding calls do not return errors: bad input is a bug
// in the test, so they fail the test that called Start (t.Fatalf) or, under
// New, panic.

import (
	"bytes"
	"fmt"

	"github.com/johannesboyne/gofakes3"

	"github.com/s3fake/s3fake/internal/access"
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
	owner string
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
	if err := s.objects.CreateBucketOwned(name, seed.owner); err != nil {
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

// PutObject stores body under bucket/key as the current object, at the
// server clock's time. It fails the test (panics under New) if the bucket
// does not exist.
func (s *Server) PutObject(bucket, key string, body []byte) {
	if s.tb != nil {
		s.tb.Helper()
	}
	if _, err := s.objects.PutObject(bucket, key, nil, bytes.NewReader(body), int64(len(body)), nil); err != nil {
		s.fail("PutObject(%q, %q): %v", bucket, key, err)
	}
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
