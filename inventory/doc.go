// Package inventory is the pure domain of Amazon S3 bucket inventory: the
// configuration model, its validation, schedules, and the reports a run
// writes and a consumer reads. It knows nothing of HTTP, XML or object
// storage: package xmlcodec maps the wire to this model and package s3fake
// ties both to a server.
//
// # Configurations
//
// Configuration is one InventoryConfiguration as S3 stores it. Validate
// checks one against S3's schema and a dialect (DialectAWS or DialectCOS);
// CheckPut runs every body check of PutBucketInventoryConfiguration in S3's
// order. Their errors (*SchemaError, *UnsupportedValueError,
// *DestinationError, ErrIDMismatch, ...) name the fault; package s3fake
// maps each to S3's error code. Store keeps the configurations of each
// bucket with S3's 1,000-per-bucket limit and 100-per-page listing.
//
// # Schedules and runs
//
// NextRun and DueRuns compute due times: Daily at every 00:00 UTC, Weekly
// at every Sunday 00:00 UTC. Run is the record of one run (what it
// delivered, or why not), as s3fake returns it.
//
// # Reports
//
// Generate builds the objects one run writes from a snapshot of the source
// bucket: the data files (CSV gzip, Parquet or ORC), manifest.json, the Hive
// symlink.txt and manifest.checksum, in S3's layout and byte formats
// (docs/inventory-report.md).
//
// A consumer reads a delivered report with ReadManifest (fetches and
// verifies manifest.json against manifest.checksum) and ReadReport
// (fetches every data file, verifies its MD5 and decodes its rows into
// Records, whatever the format). Both take a Fetch function, so they work
// with any S3 client; ReadCSV, ReadParquet and ReadORC decode single data
// files.
//
//	m, err := report.ReadManifest(manifestKey, fetch)
//	rows, err := report.ReadReport(m, fetch)
package inventory
