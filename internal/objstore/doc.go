// Package objstore is s3fake's in-memory object store: a pure, versioned
// store of buckets and objects, faithful to S3 where inventory reports
// look. It knows nothing of HTTP or XML: s3fake's handlers decode a
// request, call one method with the store's own types (PutInput,
// CopyInput, DeleteEntry, ObjectQuery, VersionQuery, ...), and put the
// answer on the wire. Its one error type is *Error, which carries S3's
// error code and the elements of S3's error body.
//
// What it keeps as S3 does:
//
//   - Versioning: Unversioned, Enabled and Suspended buckets, "null"
//     versions, delete markers (also for keys that do not exist),
//     permanent deletes that promote the next version, and
//     ListObjectVersions newest first with working key and version-id
//     markers (versioning.go, bucket_versioning.go, remove.go,
//     deletekeys.go, listversions.go). ListObjects pages (listing.go)
//     leave out deleted keys.
//   - Writes (put.go, copy_object.go) take their stored headers and facts
//     from the request's headers and S3's defaults; an overwrite never
//     inherits anything from the version it replaces, and a copy is a new
//     object. Checksums are verified, or computed (CRC64NVME by default).
//   - Multipart uploads (uploads*.go) keep S3's "<md5 of part md5s>-N"
//     ETag, composite and full-object checksums, and remember the parts.
//   - Per-version Facts (owner, storage class, checksum, encryption, object
//     lock, replication, Intelligent-Tiering tier), parsed from request
//     headers with S3's defaults (headers.go, facts.go).
//   - Bucket configuration documents (bucketcfg.go).
//
// Tests and the report generator reach the state directly: the seeding
// API (seed.go) writes buckets, versions and delete markers with any facts
// at any time, and Snapshot (snapshot.go) captures a bucket's versions
// atomically in O(1) and reads them without a lock.
//
// Persistence: with Config.Journal set, every write hands the journal a
// record of what it changed before it returns, under the write lock, and
// is undone if the journal fails (journal.go, journal_record.go); Replay
// and Checkpoint (restore.go) rebuild a store from such records. s3fake's
// -data-dir writes them to internal/durable's log.
//
// Data layout: each bucket keeps its keys in a copy-on-write chunked sorted
// index (index.go) whose entries point to immutable, persistent version
// lists (version.go). Facts shared by many versions are interned, so a
// seeded zero-byte object costs about 120 bytes.
package objstore
