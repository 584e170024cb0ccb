package inventory

import "time"

// ObjectFacts are what S3 knows about an object version beyond its key,
// bytes and time: the per-version record that the seeding API
// (s3fake.ObjectFacts, s3fake.WithFacts, fixtures.SeedObject), the object
// store and the report writer (ObjectVersion embeds it) all share, so a
// fact set over the API, seeded directly or read back from a report lands
// in the same field.
//
// The zero value means "S3's defaults" to a store writing a version:
// owned by the bucket owner, storage class STANDARD, SSE-S3 encryption, no
// checksum, no lock, not replicated. A report shows the values as stored;
// an empty string or a zero time is an empty cell.
type ObjectFacts struct {
	// OwnerAccount is the owning account id; default the bucket owner. No
	// report column shows it.
	OwnerAccount string
	// OwnerID is the owner's canonical user id (report column ObjectOwner);
	// default derived from OwnerAccount.
	OwnerID string
	// StorageClass is an API storage class name (column StorageClass);
	// default STANDARD.
	StorageClass string
	// ChecksumAlgorithm is CRC32, CRC32C, CRC64NVME, SHA1, SHA256 or ""
	// (column ChecksumAlgorithm).
	ChecksumAlgorithm string
	// ChecksumType is FULL_OBJECT or COMPOSITE; default the algorithm's
	// default (COMPOSITE only for multipart SHA and CRC32/CRC32C uploads).
	ChecksumType string
	// Checksum is the base64 checksum value, computed from the body when
	// empty and ChecksumAlgorithm is set. A composite value ends in -N.
	Checksum string
	// Encryption is the EncryptionStatus: SSE-S3 (default), SSE-KMS,
	// DSSE-KMS, SSE-C or NOT-SSE.
	Encryption string
	// KMSKeyID is the KMS key of SSE-KMS and DSSE-KMS.
	KMSKeyID string
	// BucketKeyEnabled reports an S3 Bucket Key (SSE-KMS only); the
	// BucketKeyStatus column shows it as ENABLED or DISABLED.
	BucketKeyEnabled bool
	// LockMode is GOVERNANCE, COMPLIANCE or "" (column ObjectLockMode).
	LockMode string
	// LockRetainUntil is the retention date, set exactly when LockMode is
	// (column ObjectLockRetainUntilDate); zero when none.
	LockRetainUntil time.Time
	// LegalHold is ON, OFF or "" (column ObjectLockLegalHoldStatus).
	LegalHold string
	// ReplicationStatus is PENDING, COMPLETED, FAILED, REPLICA or ""
	// (column ReplicationStatus).
	ReplicationStatus string
	// AccessTier is the Intelligent-Tiering access tier (column
	// IntelligentTieringAccessTier); default FREQUENT for
	// INTELLIGENT_TIERING and "" for other classes.
	AccessTier string
	// PartCount is the number of parts of a multipart upload, 0 for an
	// object written in one piece.
	PartCount int
}

// BucketKeyStatus is the BucketKeyStatus column: ENABLED or DISABLED.
func (f ObjectFacts) BucketKeyStatus() string {
	if f.BucketKeyEnabled {
		return "ENABLED"
	}
	return "DISABLED"
}
