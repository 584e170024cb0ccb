package bucketcfg

// Requester Pays: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketRequestPayment.html

// The payers of a bucket's requests.
const (
	PayerBucketOwner = "BucketOwner" // the default
	PayerRequester   = "Requester"
)

// RequestPayment is who pays for a bucket's requests and downloads.
type RequestPayment struct {
	Payer string
}

// DefaultRequestPayment is the setting of every new bucket.
func DefaultRequestPayment() RequestPayment { return RequestPayment{Payer: PayerBucketOwner} }
