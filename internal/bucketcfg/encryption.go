package bucketcfg

// Default encryption: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html
// Every bucket has one since January 2023 (SSE-S3), and every bucket
// created since April 2026 blocks SSE-C writes
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-s3-c-encryption-setting-faq.html).

// The server-side encryption algorithms of a default encryption rule.
const (
	AlgorithmAES256  = "AES256"       // SSE-S3
	AlgorithmKMS     = "aws:kms"      // SSE-KMS
	AlgorithmKMSDSSE = "aws:kms:dsse" // DSSE-KMS
)

// The values of BlockedEncryptionTypes.
const (
	BlockSSEC = "SSE-C" // SSE-C writes are refused (AccessDenied)
	BlockNone = "NONE"  // nothing is blocked
)

// Encryption is a bucket's default encryption rule.
type Encryption struct {
	// Algorithm is one of the Algorithm* constants.
	Algorithm string
	// KMSKeyID is the KMS key of aws:kms and aws:kms:dsse ("" for the
	// AWS managed key aws/s3).
	KMSKeyID string
	// BucketKeyEnabled turns S3 Bucket Keys on for SSE-KMS.
	BucketKeyEnabled bool
	// BlockedTypes are the encryption types refused on writes (BlockSSEC
	// or BlockNone).
	BlockedTypes []string
}

// DefaultEncryption is the rule of a bucket created today: SSE-S3,
// no bucket key, SSE-C blocked.
func DefaultEncryption() Encryption {
	return Encryption{Algorithm: AlgorithmAES256, BlockedTypes: []string{BlockSSEC}}
}

// Clone returns a copy that shares nothing with e.
func (e Encryption) Clone() Encryption {
	e.BlockedTypes = cloneSlice(e.BlockedTypes)
	return e
}

// SSECBlocked reports whether writes with SSE-C are refused.
func (e Encryption) SSECBlocked() bool {
	for _, t := range e.BlockedTypes {
		if t == BlockSSEC {
			return true
		}
	}
	return false
}

// Validate applies S3's check of a default encryption rule: a KMS key
// only with a KMS algorithm (InvalidArgument).
func (e Encryption) Validate() error {
	if e.KMSKeyID != "" && e.Algorithm == AlgorithmAES256 {
		return invalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse",
			"ApplyServerSideEncryptionByDefault", "")
	}
	if len(e.BlockedTypes) > 1 {
		// NONE and SSE-C contradict each other, and a type named twice is
		// a mistake; S3 documents neither answer.
		return invalidArgument("BlockedEncryptionTypes must name a single EncryptionType", "BlockedEncryptionTypes", "")
	}
	return nil
}
