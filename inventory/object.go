package inventory

import "time"

// ObjectVersion is one report row's worth of facts about an object version
// or delete marker: what the report writer (package inventory/report)
// reads from a snapshot of the source bucket, and what its readers return
// (report.Record). Empty strings and zero times mean "none": "" in CSV,
// nulls in Parquet and ORC.
type ObjectVersion struct {
	// Key is the object key, not encoded.
	Key string
	// VersionID is the version id; "" for a null version.
	VersionID string
	// IsLatest marks the current version of its key.
	IsLatest bool
	// IsDeleteMarker marks a delete marker; a report shows only its key,
	// version columns and LastModifiedDate.
	IsDeleteMarker bool
	// Size is the object size in bytes.
	Size int64
	// LastModified is the version's time.
	LastModified time.Time
	// ETag is the entity tag without quotes: hex MD5, or hex-N for multipart.
	ETag string
	// ObjectFacts are the version's stored facts, the same record the
	// object store keeps: storage class, encryption, lock, owner, ...
	ObjectFacts
	// IsMultipartUploaded marks an object completed by a multipart upload
	// (column IsMultipartUploaded). A snapshot sets it from PartCount > 0;
	// a reader from the column, which does not give the part count.
	IsMultipartUploaded bool
	// ObjectACL is the base64 of the ACL JSON document, "" to omit.
	ObjectACL string
	// LifecycleExpiration is the expiration date a lifecycle rule gives,
	// zero when none.
	LifecycleExpiration time.Time
	// ObjectLockEventHoldStatus and ObjectLockEventHoldDuration are the 2026
	// event-hold fields, written as stored.
	ObjectLockEventHoldStatus, ObjectLockEventHoldDuration string
	// IntelligentTieringReferenceDate is zero outside Intelligent-Tiering.
	IntelligentTieringReferenceDate time.Time
}
