package inventory

import "time"

// Run is the record of one inventory run: when it ran, what it delivered,
// or why it delivered nothing.
type Run struct {
	// Bucket is the source bucket.
	Bucket string `json:"bucket"`
	// ConfigID is the configuration's Id.
	ConfigID string `json:"id"`
	// At is the run's scan time, which names the report's folder
	// (YYYY-MM-DDTHH-MMZ) and is the manifest's creationTimestamp. A run
	// whose minute already holds a report of the same configuration moves
	// to the next free minute (docs/inventory-runs.md).
	At time.Time `json:"at"`
	// Scheduled is true for runs that became due on the clock, false for
	// forced runs.
	Scheduled bool `json:"scheduled"`
	// Delivered reports whether the report was written.
	Delivered bool `json:"delivered"`
	// Reason says why nothing was delivered; empty when Delivered.
	Reason string `json:"reason,omitempty"`
	// DestinationBucket is the bucket the report went (or would have gone) to.
	DestinationBucket string `json:"destinationBucket,omitempty"`
	// ManifestKey is the key of manifest.json when Delivered.
	ManifestKey string `json:"manifestKey,omitempty"`
	// ChecksumKey is the key of manifest.checksum, beside ManifestKey,
	// when Delivered. It is written last: its presence means the report
	// is complete.
	ChecksumKey string `json:"checksumKey,omitempty"`
	// Keys are every key written, in write order (manifest.checksum last).
	Keys []string `json:"keys,omitempty"`
	// Rows is the number of report rows.
	Rows int `json:"rows"`
}
