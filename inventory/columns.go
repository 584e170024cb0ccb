package inventory

// Column is a report column: its CSV name (as in fileSchema) and its
// ORC/Parquet name.
type Column struct {
	// Name is the CSV / fileSchema name, e.g. "LastModifiedDate".
	Name string
	// ColumnarName is the snake_case ORC and Parquet name, e.g. "last_modified_date".
	ColumnarName string
	// Kind is the value type.
	Kind ColumnKind
}

// ColumnKind is the type of a column's values.
type ColumnKind int

// The column kinds.
const (
	KindString ColumnKind = iota
	KindBool
	KindInt
	KindTime
)

var (
	colBucket         = Column{"Bucket", "bucket", KindString}
	colKey            = Column{"Key", "key", KindString}
	colVersionID      = Column{"VersionId", "version_id", KindString}
	colIsLatest       = Column{"IsLatest", "is_latest", KindBool}
	colIsDeleteMarker = Column{"IsDeleteMarker", "is_delete_marker", KindBool}
)

// canonicalOptional is S3's column order for optional fields, whatever the
// order the configuration names them in (docs/inventory-report.md §2.3).
var canonicalOptional = []struct {
	field Field
	col   Column
}{
	{FieldSize, Column{"Size", "size", KindInt}},
	{FieldLastModifiedDate, Column{"LastModifiedDate", "last_modified_date", KindTime}},
	{FieldETag, Column{"ETag", "e_tag", KindString}},
	{FieldStorageClass, Column{"StorageClass", "storage_class", KindString}},
	{FieldIsMultipartUploaded, Column{"IsMultipartUploaded", "is_multipart_uploaded", KindBool}},
	{FieldReplicationStatus, Column{"ReplicationStatus", "replication_status", KindString}},
	{FieldEncryptionStatus, Column{"EncryptionStatus", "encryption_status", KindString}},
	{FieldObjectLockRetainUntilDate, Column{"ObjectLockRetainUntilDate", "object_lock_retain_until_date", KindTime}},
	{FieldObjectLockMode, Column{"ObjectLockMode", "object_lock_mode", KindString}},
	{FieldObjectLockLegalHoldStatus, Column{"ObjectLockLegalHoldStatus", "object_lock_legal_hold_status", KindString}},
	{FieldObjectLockEventHoldStatus, Column{"ObjectLockEventHoldStatus", "object_lock_event_hold_status", KindString}},
	{FieldObjectLockEventHoldDuration, Column{"ObjectLockEventHoldDuration", "object_lock_event_hold_duration", KindString}},
	{FieldIntelligentTieringAccessTier, Column{"IntelligentTieringAccessTier", "intelligent_tiering_access_tier", KindString}},
	{FieldBucketKeyStatus, Column{"BucketKeyStatus", "bucket_key_status", KindString}},
	{FieldChecksumAlgorithm, Column{"ChecksumAlgorithm", "checksum_algorithm", KindString}},
	{FieldObjectAccessControlList, Column{"ObjectAccessControlList", "object_access_control_list", KindString}},
	{FieldObjectOwner, Column{"ObjectOwner", "object_owner", KindString}},
	{FieldLifecycleExpirationDate, Column{"LifecycleExpirationDate", "lifecycle_expiration_date", KindTime}},
	{FieldIntelligentTieringReferenceDate, Column{"IntelligentTieringReferenceDate", "intelligent_tiering_reference_date", KindTime}},
}

// Columns returns the report columns of cfg: Bucket, Key, the version
// columns when IncludedObjectVersions is All, then each selected optional
// field once, in S3's canonical order.
func Columns(cfg Configuration) []Column {
	cols := []Column{colBucket, colKey}
	if cfg.IncludedObjectVersions == AllVersions {
		cols = append(cols, colVersionID, colIsLatest, colIsDeleteMarker)
	}
	for _, o := range canonicalOptional {
		if contains(cfg.OptionalFields, o.field) {
			cols = append(cols, o.col)
		}
	}
	return cols
}

// AllColumns returns every column a report may have, in S3's order: the
// five fixed ones (Bucket, Key, VersionId, IsLatest, IsDeleteMarker), then
// every optional field's. Readers use it to map a data file's column names
// back to columns. The slice is a fresh copy.
func AllColumns() []Column {
	out := []Column{colBucket, colKey, colVersionID, colIsLatest, colIsDeleteMarker}
	for _, o := range canonicalOptional {
		out = append(out, o.col)
	}
	return out
}
