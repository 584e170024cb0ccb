package bucketcfg

// Server access logging: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLogging.html
// The target bucket's existence, owner and region are the caller's checks.

// The PartitionDateSource values of a partitioned log key format.
const (
	PartitionEventTime    = "EventTime"
	PartitionDeliveryTime = "DeliveryTime"
)

// Logging is LoggingEnabled; a bucket without logging has none.
type Logging struct {
	TargetBucket string
	TargetPrefix string
	// KeyFormat is TargetObjectKeyFormat; nil when absent.
	KeyFormat *LogKeyFormat
}

// LogKeyFormat is SimplePrefix (PartitionDateSource "") or a
// PartitionedPrefix with its date source.
type LogKeyFormat struct {
	Partitioned         bool
	PartitionDateSource string // "" for none
}

// Clone returns a copy that shares nothing with l.
func (l Logging) Clone() Logging {
	l.KeyFormat = clonePtr(l.KeyFormat)
	return l
}

// Validate checks what the schema requires: a target bucket.
func (l Logging) Validate() error {
	if l.TargetBucket == "" {
		return malformed()
	}
	return nil
}
