// Package inventory is the pure domain of S3 bucket inventory: the
// configuration model, dialect-aware validation, the per-bucket
// configuration store with its 1,000-configuration limit and paging, and
// (later) schedules and report generation.
//
// It knows nothing of HTTP, XML or object storage; package xmlcodec maps the
// wire to this model and package s3fake ties both to a server.
package inventory
