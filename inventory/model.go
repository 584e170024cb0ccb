package inventory

// Format is the output format of an inventory report (S3BucketDestination/Format).
type Format string

// The formats AWS accepts. Values are case-sensitive on the wire.
const (
	FormatCSV     Format = "CSV"
	FormatORC     Format = "ORC"
	FormatParquet Format = "Parquet"
)

// Frequency is how often a report is produced (Schedule/Frequency).
type Frequency string

// The schedules AWS accepts.
const (
	Daily  Frequency = "Daily"
	Weekly Frequency = "Weekly"
)

// IncludedVersions selects which object versions a report lists
// (IncludedObjectVersions).
type IncludedVersions string

// The version selections AWS accepts.
const (
	AllVersions     IncludedVersions = "All"
	CurrentVersions IncludedVersions = "Current"
)

// Field is an optional report column (OptionalFields/Field).
type Field string

// The optional fields of aws-sdk-go-v2 service/s3 v1.114.10
// (types.InventoryOptionalField), in that enum's order.
const (
	FieldSize                            Field = "Size"
	FieldLastModifiedDate                Field = "LastModifiedDate"
	FieldStorageClass                    Field = "StorageClass"
	FieldETag                            Field = "ETag"
	FieldIsMultipartUploaded             Field = "IsMultipartUploaded"
	FieldReplicationStatus               Field = "ReplicationStatus"
	FieldEncryptionStatus                Field = "EncryptionStatus"
	FieldObjectLockRetainUntilDate       Field = "ObjectLockRetainUntilDate"
	FieldObjectLockMode                  Field = "ObjectLockMode"
	FieldObjectLockLegalHoldStatus       Field = "ObjectLockLegalHoldStatus"
	FieldObjectLockEventHoldStatus       Field = "ObjectLockEventHoldStatus"
	FieldObjectLockEventHoldDuration     Field = "ObjectLockEventHoldDuration"
	FieldIntelligentTieringAccessTier    Field = "IntelligentTieringAccessTier"
	FieldBucketKeyStatus                 Field = "BucketKeyStatus"
	FieldChecksumAlgorithm               Field = "ChecksumAlgorithm"
	FieldObjectAccessControlList         Field = "ObjectAccessControlList"
	FieldObjectOwner                     Field = "ObjectOwner"
	FieldLifecycleExpirationDate         Field = "LifecycleExpirationDate"
	FieldIntelligentTieringReferenceDate Field = "IntelligentTieringReferenceDate"
)

// Configuration is one inventory configuration of a source bucket: the
// document a PutBucketInventoryConfiguration stores and a Get returns.
//
// Optional elements are pointers or nil slices so that a configuration
// remembers exactly which elements were sent: GET echoes what was stored and
// adds nothing.
type Configuration struct {
	// ID names the configuration within its bucket (element Id).
	ID string
	// IsEnabled reports whether scheduled runs produce reports.
	IsEnabled bool
	// IncludedObjectVersions is All or Current.
	IncludedObjectVersions IncludedVersions
	// Frequency is the schedule (Schedule/Frequency).
	Frequency Frequency
	// Destination says where reports are delivered.
	Destination Destination
	// Filter, when not nil, limits the report to keys under Filter.Prefix.
	Filter *Filter
	// OptionalFields lists extra columns in the order sent; duplicates are
	// kept as sent. Nil means the element was absent (or empty).
	OptionalFields []Field
}

// Destination is Destination/S3BucketDestination.
type Destination struct {
	// AccountID, when not nil, is the account that must own the destination
	// bucket at delivery time.
	AccountID *string
	// BucketARN is the destination bucket's ARN, arn:aws:s3:::name.
	BucketARN string
	// Format is the report format.
	Format Format
	// Prefix, when not nil, is prepended to every report key.
	Prefix *string
	// Encryption, when not nil, is the encryption of delivered reports.
	Encryption *Encryption
}

// Encryption is S3BucketDestination/Encryption: exactly one of SSES3 and
// SSEKMS is set in a valid configuration.
type Encryption struct {
	// SSES3 is true when <SSE-S3/> was sent.
	SSES3 bool
	// SSEKMS, when not nil, is <SSE-KMS> with its KeyId.
	SSEKMS *SSEKMS
}

// SSEKMS is the SSE-KMS element.
type SSEKMS struct {
	// KeyID is the KMS key ARN or id (element KeyId).
	KeyID string
}

// Filter is the configuration's Filter element.
type Filter struct {
	// Prefix is the key prefix objects must have.
	Prefix string
}

// Clone returns a deep copy, so that stored configurations never share
// memory with their callers. What the copy's pointers point to comes in
// one allocation (and the optional fields in another).
func (c Configuration) Clone() Configuration {
	out := c
	if c.OptionalFields != nil {
		out.OptionalFields = append([]Field(nil), c.OptionalFields...)
	}
	d := c.Destination
	if c.Filter == nil && d.AccountID == nil && d.Prefix == nil && d.Encryption == nil {
		return out
	}
	b := new(pointees)
	if c.Filter != nil {
		b.filter = *c.Filter
		out.Filter = &b.filter
	}
	if d.AccountID != nil {
		b.account = *d.AccountID
		out.Destination.AccountID = &b.account
	}
	if d.Prefix != nil {
		b.prefix = *d.Prefix
		out.Destination.Prefix = &b.prefix
	}
	if e := d.Encryption; e != nil {
		b.encryption = *e
		if e.SSEKMS != nil {
			b.kms = *e.SSEKMS
			b.encryption.SSEKMS = &b.kms
		}
		out.Destination.Encryption = &b.encryption
	}
	return out
}

// pointees holds the values a cloned Configuration's pointers point to.
type pointees struct {
	filter          Filter
	account, prefix string
	encryption      Encryption
	kms             SSEKMS
}

// Page is one page of a ListBucketInventoryConfigurations answer.
type Page struct {
	// Configurations are at most 100 configurations (S3's page size), sorted by Id.
	Configurations []Configuration
	// IsTruncated reports whether more configurations follow.
	IsTruncated bool
	// NextToken, set only when IsTruncated, continues the listing.
	NextToken string
}
