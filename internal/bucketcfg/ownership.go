package bucketcfg

// Object Ownership: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketOwnershipControls.html
// Buckets created since April 2023 have BucketOwnerEnforced (ACLs disabled).

// The Object Ownership settings.
const (
	OwnershipBucketOwnerEnforced  = "BucketOwnerEnforced"
	OwnershipBucketOwnerPreferred = "BucketOwnerPreferred"
	OwnershipObjectWriter         = "ObjectWriter"
)

// OwnershipControls is a bucket's ownership controls: its one rule.
type OwnershipControls struct {
	ObjectOwnership string // one of the Ownership* constants
}

// DefaultOwnershipControls is the setting of a bucket created today.
func DefaultOwnershipControls() OwnershipControls {
	return OwnershipControls{ObjectOwnership: OwnershipBucketOwnerEnforced}
}

// Validate checks the setting is one S3 has (MalformedXML otherwise: it is
// an enumeration of S3's schema).
func (o OwnershipControls) Validate() error {
	switch o.ObjectOwnership {
	case OwnershipBucketOwnerEnforced, OwnershipBucketOwnerPreferred, OwnershipObjectWriter:
		return nil
	}
	return malformed()
}
