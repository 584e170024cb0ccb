package bucketcfg

// Block Public Access: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html
// Buckets created since April 2023 have all four settings on.

// PublicAccessBlock is a bucket's public access block configuration.
type PublicAccessBlock struct {
	BlockPublicAcls       bool
	IgnorePublicAcls      bool
	BlockPublicPolicy     bool
	RestrictPublicBuckets bool
}

// DefaultPublicAccessBlock is the setting of a bucket created today.
func DefaultPublicAccessBlock() PublicAccessBlock {
	return PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
}

// ValidatePublicAccessBlock checks a document that named named of the four
// settings: S3 refuses one that names none ("Must specify at least one
// configuration.", InvalidRequest).
func ValidatePublicAccessBlock(named int) error {
	if named == 0 {
		return invalidRequest("Must specify at least one configuration.")
	}
	return nil
}
