package objstore

import (
	"fmt"
	"time"
	"unique"

	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/internal/canonical"
	"github.com/s3fake/s3fake/inventory"
)

// Facts are what S3 knows about an object version beyond its bytes: the
// columns of an inventory report. Over the wire they come from request
// headers (and S3's defaults); direct seeding may set any of them.
//
// The record is defined once, as inventory.ObjectFacts (its fields are
// documented there): seeding (s3fake.ObjectFacts), this store and the
// report writer (inventory.ObjectVersion embeds it) share it; Facts is
// its name here, an alias, so values pass between the packages as they
// are (docs/decisions.md, "One per-version facts record").
//
// The zero value means "S3's defaults": owned by the bucket owner, storage
// class STANDARD, SSE-S3 encryption, no checksum, no lock, not replicated.
type Facts = inventory.ObjectFacts

// Storage classes, checksum algorithms and types, encryption statuses, lock
// modes, legal-hold states, replication states and access tiers, as S3's
// API and inventory reports spell them.
const (
	StorageStandard           = "STANDARD"
	StorageIntelligentTiering = "INTELLIGENT_TIERING"
	StorageGlacier            = "GLACIER"
	StorageDeepArchive        = "DEEP_ARCHIVE"

	ChecksumCRC32     = "CRC32"
	ChecksumCRC32C    = "CRC32C"
	ChecksumCRC64NVME = "CRC64NVME"
	ChecksumSHA1      = "SHA1"
	ChecksumSHA256    = "SHA256"

	ChecksumFullObject = "FULL_OBJECT"
	ChecksumComposite  = "COMPOSITE"

	EncryptionSSES3   = "SSE-S3"
	EncryptionSSEKMS  = "SSE-KMS"
	EncryptionDSSEKMS = "DSSE-KMS"
	EncryptionSSEC    = "SSE-C"
	EncryptionNone    = "NOT-SSE"

	LockGovernance = "GOVERNANCE"
	LockCompliance = "COMPLIANCE"

	LegalHoldOn  = "ON"
	LegalHoldOff = "OFF"

	TierFrequent = "FREQUENT"
)

var (
	storageClasses = []string{StorageStandard, "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
		StorageIntelligentTiering, StorageGlacier, StorageDeepArchive, "OUTPOSTS", "GLACIER_IR",
		"SNOW", "EXPRESS_ONEZONE"}
	checksumAlgorithms = []string{ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256}
	encryptions        = []string{EncryptionSSES3, EncryptionSSEKMS, EncryptionDSSEKMS, EncryptionSSEC, EncryptionNone}
	lockModes          = []string{LockGovernance, LockCompliance}
	legalHolds         = []string{LegalHoldOn, LegalHoldOff}
	replicationStates  = []string{"PENDING", "COMPLETED", "FAILED", "REPLICA"}
	accessTiers        = []string{TierFrequent, "INFREQUENT", "ARCHIVE_INSTANT_ACCESS", "ARCHIVE", "DEEP_ARCHIVE"}
)

// factSet is the interned part of Facts: everything but the per-version
// checksum value and part count. Versions written alike share one copy, so
// a million seeded objects carry one pointer each instead of a dozen
// strings.
type factSet struct {
	ownerAccount, ownerID string
	storageClass          string
	checksumAlgorithm     string
	checksumType          string
	encryption, kmsKeyID  string
	bucketKey             bool
	lockMode              string
	lockRetainUntil       int64 // Unix seconds; meaningful only with lockMode
	legalHold             string
	replication           string
	accessTier            string
}

// normalizeFacts fills in S3's defaults for a version owned by default in a
// bucket of bucketOwner and checks every value. It does not touch Checksum
// or PartCount, which depend on the body.
func normalizeFacts(f Facts, bucketOwner string) (Facts, error) {
	if f.OwnerAccount == "" {
		f.OwnerAccount = bucketOwner
	}
	if f.OwnerID == "" && f.OwnerAccount != "" {
		f.OwnerID = canonical.ID(f.OwnerAccount)
	}
	if f.StorageClass == "" {
		f.StorageClass = StorageStandard
	}
	if f.Encryption == "" {
		f.Encryption = EncryptionSSES3
	}
	if f.AccessTier == "" && f.StorageClass == StorageIntelligentTiering {
		f.AccessTier = TierFrequent
	}
	if f.ChecksumAlgorithm != "" && f.ChecksumType == "" {
		f.ChecksumType = defaultChecksumType(f.ChecksumAlgorithm, f.PartCount > 0)
	}
	if !f.LockRetainUntil.IsZero() {
		f.LockRetainUntil = f.LockRetainUntil.UTC().Truncate(time.Second)
	}
	return f, validateFacts(f)
}

// validateFacts checks that every field holds a value S3 could report.
func validateFacts(f Facts) error {
	checks := []struct {
		name, value string
		allowed     []string
	}{
		{"StorageClass", f.StorageClass, storageClasses},
		{"ChecksumAlgorithm", f.ChecksumAlgorithm, checksumAlgorithms},
		{"ChecksumType", f.ChecksumType, []string{ChecksumFullObject, ChecksumComposite}},
		{"Encryption", f.Encryption, encryptions},
		{"LockMode", f.LockMode, lockModes},
		{"LegalHold", f.LegalHold, legalHolds},
		{"ReplicationStatus", f.ReplicationStatus, replicationStates},
		{"AccessTier", f.AccessTier, accessTiers},
	}
	for _, c := range checks {
		if c.value != "" && !contains(c.allowed, c.value) {
			return fmt.Errorf("objstore: %s %q is not one of %v", c.name, c.value, c.allowed)
		}
	}
	switch {
	case f.ChecksumAlgorithm == "" && (f.ChecksumType != "" || f.Checksum != ""):
		return fmt.Errorf("objstore: a checksum type or value needs a ChecksumAlgorithm")
	case f.ChecksumAlgorithm != "" && !checksumTypeAllowed(f.ChecksumAlgorithm, f.ChecksumType, f.PartCount > 0):
		return fmt.Errorf("objstore: checksum type %s is not available for %s", f.ChecksumType, f.ChecksumAlgorithm)
	case (f.LockMode == "") != f.LockRetainUntil.IsZero():
		return fmt.Errorf("objstore: LockMode and LockRetainUntil go together")
	case f.KMSKeyID != "" && f.Encryption != EncryptionSSEKMS && f.Encryption != EncryptionDSSEKMS:
		return fmt.Errorf("objstore: KMSKeyID needs SSE-KMS or DSSE-KMS encryption")
	case f.BucketKeyEnabled && f.Encryption != EncryptionSSEKMS:
		return fmt.Errorf("objstore: BucketKeyEnabled needs SSE-KMS encryption")
	case f.AccessTier != "" && f.StorageClass != StorageIntelligentTiering:
		return fmt.Errorf("objstore: AccessTier needs storage class INTELLIGENT_TIERING")
	case f.PartCount < 0 || f.PartCount > maxParts:
		return fmt.Errorf("objstore: PartCount %d is outside 0..%d", f.PartCount, maxParts)
	}
	return nil
}

// internFacts returns the shared copy of f's interned part. f must be
// normalized.
func internFacts(f Facts) unique.Handle[factSet] {
	fs := factSet{
		ownerAccount:      f.OwnerAccount,
		ownerID:           f.OwnerID,
		storageClass:      f.StorageClass,
		checksumAlgorithm: f.ChecksumAlgorithm,
		checksumType:      f.ChecksumType,
		encryption:        f.Encryption,
		kmsKeyID:          f.KMSKeyID,
		bucketKey:         f.BucketKeyEnabled,
		lockMode:          f.LockMode,
		legalHold:         f.LegalHold,
		replication:       f.ReplicationStatus,
		accessTier:        f.AccessTier,
	}
	if f.LockMode != "" {
		fs.lockRetainUntil = f.LockRetainUntil.Unix()
	}
	return unique.Make(fs)
}

// exportFacts rebuilds the exported Facts of v.
func (v *version) exportFacts() Facts {
	fs := v.facts.Value()
	f := Facts{
		OwnerAccount:      fs.ownerAccount,
		OwnerID:           fs.ownerID,
		StorageClass:      fs.storageClass,
		ChecksumAlgorithm: fs.checksumAlgorithm,
		ChecksumType:      fs.checksumType,
		Checksum:          v.checksum(),
		Encryption:        fs.encryption,
		KMSKeyID:          fs.kmsKeyID,
		BucketKeyEnabled:  fs.bucketKey,
		LockMode:          fs.lockMode,
		LegalHold:         fs.legalHold,
		ReplicationStatus: fs.replication,
		AccessTier:        fs.accessTier,
		PartCount:         int(v.parts),
	}
	if fs.lockMode != "" {
		f.LockRetainUntil = time.Unix(fs.lockRetainUntil, 0).UTC()
	}
	return f
}

// applyDefaultEncryptionLocked gives a new version in bucket b the bucket's
// default encryption when the request named none, and an SSE-KMS version
// the bucket's S3 Bucket Key setting when the request did not say
// (x-amz-server-side-encryption-bucket-key-enabled), as S3 does.
func applyDefaultEncryptionLocked(b *bucket, f *Facts, lower map[string]string) {
	def := b.encryptionLocked()
	if f.Encryption == "" {
		switch def.Algorithm {
		case bucketcfg.AlgorithmKMS:
			f.Encryption, f.KMSKeyID = EncryptionSSEKMS, def.KMSKeyID
		case bucketcfg.AlgorithmKMSDSSE:
			f.Encryption, f.KMSKeyID = EncryptionDSSEKMS, def.KMSKeyID
		}
	}
	if _, said := lower[hdrSSEBucketKey]; !said && f.Encryption == EncryptionSSEKMS {
		f.BucketKeyEnabled = def.BucketKeyEnabled
	}
}

// maxParts is S3's limit on the parts of a multipart upload.
const maxParts = 10000
