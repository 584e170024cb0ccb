package inventory

import "strings"

// MaxIDLength is the longest configuration Id S3 accepts.
const MaxIDLength = 64

// Validate checks cfg against S3's schema and then against dialect d, in
// that order, so that a document with both kinds of fault gets the schema
// error (MalformedXML), as S3 does.
//
// It returns a *SchemaError or an *UnsupportedValueError, or nil.
func Validate(cfg Configuration, d Dialect) error {
	if err := validateSchema(cfg, d); err != nil {
		return err
	}
	if d == DialectCOS {
		return validateCOS(cfg)
	}
	return nil
}

// CheckPut runs every body check of PutBucketInventoryConfiguration in S3's
// order: schema, dialect, Id against the request's id, destination ARN.
func CheckPut(requestID string, cfg Configuration, d Dialect) error {
	if err := Validate(cfg, d); err != nil {
		return err
	}
	if cfg.ID != requestID {
		return ErrIDMismatch
	}
	return CheckDestinationARN(cfg.Destination.BucketARN)
}

// ValidID reports whether id is a valid configuration Id: 1 to 64
// characters from A-Z a-z 0-9 . _ -.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

func validateSchema(cfg Configuration, d Dialect) error {
	if !ValidID(cfg.ID) {
		return &SchemaError{Field: "Id", Reason: "must be 1-64 characters of A-Z a-z 0-9 . _ -"}
	}
	if cfg.IncludedObjectVersions != AllVersions && cfg.IncludedObjectVersions != CurrentVersions {
		return &SchemaError{Field: "IncludedObjectVersions", Reason: "must be All or Current"}
	}
	if cfg.Frequency != Daily && cfg.Frequency != Weekly {
		return &SchemaError{Field: "Schedule/Frequency", Reason: "must be Daily or Weekly"}
	}
	dst := cfg.Destination
	if dst.BucketARN == "" {
		return &SchemaError{Field: "Destination/S3BucketDestination/Bucket", Reason: "required"}
	}
	// In dialect COS a well-formed but unsupported format is an
	// InvalidArgument (checked later); only a missing one is a schema fault.
	if dst.Format == "" || (d != DialectCOS && !contains(DialectAWS.Formats(), dst.Format)) {
		return &SchemaError{Field: "Destination/S3BucketDestination/Format", Reason: "must be CSV, ORC or Parquet"}
	}
	if e := dst.Encryption; e != nil {
		switch {
		case e.SSES3 && e.SSEKMS != nil:
			return &SchemaError{Field: "Encryption", Reason: "SSE-S3 and SSE-KMS are exclusive"}
		case !e.SSES3 && e.SSEKMS == nil:
			return &SchemaError{Field: "Encryption", Reason: "needs SSE-S3 or SSE-KMS"}
		case e.SSEKMS != nil && e.SSEKMS.KeyID == "":
			return &SchemaError{Field: "Encryption/SSE-KMS/KeyId", Reason: "required"}
		}
	}
	if d != DialectCOS {
		for _, f := range cfg.OptionalFields {
			if !contains(awsFields, f) {
				return &SchemaError{Field: "OptionalFields/Field", Reason: "unknown field " + string(f)}
			}
		}
	}
	return nil
}

func validateCOS(cfg Configuration) error {
	if f := cfg.Destination.Format; f != FormatCSV {
		return &UnsupportedValueError{Dialect: DialectCOS, Argument: "Format", Value: string(f)}
	}
	if e := cfg.Destination.Encryption; e != nil {
		v := "SSE-S3"
		if e.SSEKMS != nil {
			v = "SSE-KMS"
		}
		return &UnsupportedValueError{Dialect: DialectCOS, Argument: "Encryption", Value: v}
	}
	for _, f := range cfg.OptionalFields {
		if !contains(cosFields, f) {
			return &UnsupportedValueError{Dialect: DialectCOS, Argument: "Field", Value: string(f)}
		}
	}
	return nil
}

// CheckDestinationARN accepts only a namespace-less S3 bucket ARN,
// arn:PARTITION:s3:::bucket-name, and returns a *DestinationError otherwise.
func CheckDestinationARN(arn string) error {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || !strings.HasPrefix(parts[1], "aws") || parts[2] != "s3" {
		return &DestinationError{Problem: DestinationNotBucketARN, ARN: arn}
	}
	if parts[3] != "" || parts[4] != "" {
		return &DestinationError{Problem: DestinationHasNamespace, ARN: arn}
	}
	if !validBucketName(parts[5]) {
		return &DestinationError{Problem: DestinationNotBucketARN, ARN: arn}
	}
	return nil
}

// BucketFromARN returns the bucket name of a valid destination ARN, or "".
func BucketFromARN(arn string) string {
	if CheckDestinationARN(arn) != nil {
		return ""
	}
	return arn[strings.LastIndexByte(arn, ':')+1:]
}

// validBucketName applies S3's general-purpose bucket naming rules.
func validBucketName(name string) bool {
	if len(name) < 3 || len(name) > 63 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	first, last := name[0], name[len(name)-1]
	return first != '.' && first != '-' && last != '.' && last != '-' && !strings.Contains(name, "..")
}
