package inventory

// Dialect selects whose rules a server follows: AWS S3's or IBM Cloud Object
// Storage's.
type Dialect string

const (
	// DialectAWS follows Amazon S3 (the default everywhere).
	DialectAWS Dialect = "aws"
	// DialectCOS follows IBM Cloud Object Storage as its SDK documents the
	// inventory calls: CSV only, ten optional fields, no Encryption, and
	// x-amz-expected-bucket-owner ignored.
	DialectCOS Dialect = "cos"
)

// Valid reports whether d is one of the known dialects.
func (d Dialect) Valid() bool { return d == DialectAWS || d == DialectCOS }

// awsFields is the AWS enum, in order.
var awsFields = []Field{
	FieldSize, FieldLastModifiedDate, FieldStorageClass, FieldETag,
	FieldIsMultipartUploaded, FieldReplicationStatus, FieldEncryptionStatus,
	FieldObjectLockRetainUntilDate, FieldObjectLockMode, FieldObjectLockLegalHoldStatus,
	FieldObjectLockEventHoldStatus, FieldObjectLockEventHoldDuration,
	FieldIntelligentTieringAccessTier, FieldBucketKeyStatus, FieldChecksumAlgorithm,
	FieldObjectAccessControlList, FieldObjectOwner, FieldLifecycleExpirationDate,
	FieldIntelligentTieringReferenceDate,
}

// cosFields are the ten optional fields the IBM COS SDK documents.
var cosFields = []Field{
	FieldSize, FieldLastModifiedDate, FieldStorageClass, FieldETag,
	FieldIsMultipartUploaded, FieldReplicationStatus, FieldBucketKeyStatus,
	FieldObjectLockRetainUntilDate, FieldObjectLockMode, FieldObjectLockLegalHoldStatus,
}

// OptionalFields returns the optional fields dialect d accepts, in the
// enum's order. The slice is a copy.
func (d Dialect) OptionalFields() []Field {
	if d == DialectCOS {
		return append([]Field(nil), cosFields...)
	}
	return append([]Field(nil), awsFields...)
}

// Formats returns the report formats dialect d accepts.
func (d Dialect) Formats() []Format {
	if d == DialectCOS {
		return []Format{FormatCSV}
	}
	return []Format{FormatCSV, FormatORC, FormatParquet}
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
