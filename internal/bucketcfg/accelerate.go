package bucketcfg

// Transfer Acceleration: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAccelerateConfiguration.html

import "strings"

// Accelerate is a bucket's Transfer Acceleration state: StatusEnabled,
// "Suspended", or "" for a bucket that never had one (GET answers an
// empty AccelerateConfiguration).
type Accelerate struct {
	Status string
}

// AccelerateSuspended is the state after acceleration is turned off.
const AccelerateSuspended = "Suspended"

// ValidateAccelerate checks bucket may use acceleration: S3 refuses bucket
// names with dots (InvalidRequest), they cannot be accelerated.
func ValidateAccelerate(bucket string) error {
	if strings.Contains(bucket, ".") {
		return invalidRequest("S3 Transfer Acceleration is not supported for buckets with periods (.) in their names")
	}
	return nil
}
