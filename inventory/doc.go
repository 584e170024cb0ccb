// Package inventory is the model of Amazon S3 bucket inventory: the
// configuration a PutBucketInventoryConfiguration stores, its validation,
// schedules, the layout of report keys and the per-version facts a report
// row shows. It knows nothing of HTTP, XML, object storage or report file
// formats: package xmlcodec maps the wire to this model, package
// inventory/report writes and reads the reports, and package s3fake ties
// them to a server. A test that only configures inventory needs nothing
// else from this module.
//
// # Configurations
//
// Configuration is one InventoryConfiguration as S3 stores it. Validate
// checks one against S3's schema and a dialect (DialectAWS or DialectCOS);
// CheckPut runs every body check of PutBucketInventoryConfiguration in S3's
// order. Their errors (*SchemaError, *UnsupportedValueError,
// *DestinationError, ErrIDMismatch) name the fault; package s3fake maps
// each to S3's error code.
//
//	cfg := inventory.Configuration{
//		ID: "daily", IsEnabled: true, Frequency: inventory.Daily,
//		IncludedObjectVersions: inventory.CurrentVersions,
//		Destination: inventory.Destination{BucketARN: "arn:aws:s3:::dst", Format: inventory.FormatCSV},
//		OptionalFields: []inventory.Field{inventory.FieldSize, inventory.FieldETag},
//	}
//	err := inventory.CheckPut("daily", cfg, inventory.DialectAWS) // nil
//
// Columns gives a configuration's report columns in S3's order.
//
// # Schedules and runs
//
// NextRun and DueRuns compute due times: Daily at every 00:00 UTC, Weekly
// at every Sunday 00:00 UTC. Run is the record of one run (what it
// delivered, or why not), as s3fake returns it. ReportKeyPrefix,
// ManifestKey, ChecksumKey, DataKey and SymlinkKey name a report's objects
// in S3's layout (docs/inventory-report.md).
//
// # Per-version facts
//
// ObjectFacts is the one record of what S3 knows about an object version
// beyond its bytes (owner, storage class, checksum, encryption, object
// lock, replication, access tier, parts). Seeding (s3fake.WithFacts), the
// object store and the report writer share it; ObjectVersion, one report
// row's input and output, embeds it.
package inventory
