// Package objstore is s3fake's in-memory object store: the state behind
// gofakes3's protocol layer, faithful to S3 where inventory reports look.
//
// It implements gofakes3's Backend, VersionedBackend and MultipartBackend:
//
//   - Versioning as S3 does it: Unversioned, Enabled and Suspended buckets,
//     "null" versions, delete markers (also for keys that do not exist),
//     permanent deletes that promote the next version, and
//     ListObjectVersions newest first with working key and version-id
//     markers (versioning.go, listversions.go).
//   - Multipart uploads that keep S3's "<md5 of part md5s>-N" ETag and
//     remember that the object had N parts (multipart.go).
//   - Per-version Facts (owner, storage class, checksum, encryption, object
//     lock, replication, Intelligent-Tiering tier), parsed from request
//     headers with S3's defaults (headers.go, facts.go). An overwrite never
//     inherits anything from the version it replaces.
//
// Some of what S3 does cannot pass through gofakes3's interfaces; Wrap is
// the HTTP middleware that does it (wrap.go), and s3fake must put it
// between its front handler and gofakes3.
//
// Tests and the report generator reach the state directly: the seeding
// API (seed.go) writes buckets, versions and delete markers with any facts
// at any time, and Snapshot (snapshot.go) captures a bucket's versions
// atomically in O(1) and reads them without a lock.
//
// Data layout: each bucket keeps its keys in a copy-on-write chunked sorted
// index (index.go) whose entries point to immutable, persistent version
// lists (version.go). Facts shared by many versions are interned, so a
// seeded zero-byte object costs about 120 bytes.
package objstore
