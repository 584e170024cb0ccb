package inventory

import "time"

// ObjectVersion is one row's worth of facts about an object version or
// delete marker, as the report generator reads them from a snapshot of the
// source bucket. Empty strings and zero times mean "none" and are written
// as "" in CSV and as nulls in Parquet.
type ObjectVersion struct {
	// Key is the object key, not encoded.
	Key string
	// VersionID is the version id; "" for a null version.
	VersionID string
	// IsLatest marks the current version of its key.
	IsLatest bool
	// IsDeleteMarker marks a delete marker; its other facts are ignored.
	IsDeleteMarker bool
	// Size is the object size in bytes.
	Size int64
	// LastModified is the version's time.
	LastModified time.Time
	// ETag is the entity tag without quotes: hex MD5, or hex-N for multipart.
	ETag string
	// StorageClass is the API name, e.g. STANDARD.
	StorageClass string
	// IsMultipartUploaded marks an object completed by a multipart upload.
	IsMultipartUploaded bool
	// ReplicationStatus is PENDING, COMPLETED, FAILED, REPLICA or "".
	ReplicationStatus string
	// EncryptionStatus is SSE-S3, SSE-KMS, SSE-C, DSSE-KMS or NOT-SSE.
	EncryptionStatus string
	// ObjectLockRetainUntil is the retention date, zero when none.
	ObjectLockRetainUntil time.Time
	// ObjectLockMode is GOVERNANCE, COMPLIANCE or "".
	ObjectLockMode string
	// ObjectLockLegalHold is ON, OFF or "".
	ObjectLockLegalHold string
	// ObjectLockEventHoldStatus and ObjectLockEventHoldDuration are the 2026
	// event-hold fields, written as stored.
	ObjectLockEventHoldStatus, ObjectLockEventHoldDuration string
	// IntelligentTieringAccessTier is the tier, "" outside Intelligent-Tiering.
	IntelligentTieringAccessTier string
	// IntelligentTieringReferenceDate is zero outside Intelligent-Tiering.
	IntelligentTieringReferenceDate time.Time
	// BucketKeyStatus is ENABLED or DISABLED.
	BucketKeyStatus string
	// ChecksumAlgorithm is CRC32, CRC32C, SHA1, SHA256, CRC64NVME or "".
	ChecksumAlgorithm string
	// ObjectACL is the base64 of the ACL JSON document, "" to omit.
	ObjectACL string
	// OwnerCanonicalID is the owner's canonical user id.
	OwnerCanonicalID string
	// LifecycleExpiration is the expiration date a rule gives, zero when none.
	LifecycleExpiration time.Time
}
