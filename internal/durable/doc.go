// Package durable is s3fake's on-disk journal: an append-only log of
// checksummed records, fsynced before a write is acknowledged, and
// snapshot files that compaction writes so that the log can start over.
// It knows nothing of HTTP, S3 or the object store: a record is a type
// byte and opaque payload bytes, and the caller decides what they mean.
//
// A directory holds:
//
//	snapshot-<gen>.s3fs   the state as of the start of log-<gen> (absent: empty)
//	log-<gen>.s3fl        every change after it, in order
//
// Both are a file header (magic and version, 8 bytes) followed by records:
//
//	length  uint32 little-endian: the bytes of type and payload
//	^length uint32 little-endian: its complement, so that a record start is
//	        recognized without reading the payload
//	crc     uint32 little-endian: CRC-32C (Castagnoli) of type and payload
//	type    1 byte, never 0 (a zero-filled tail is never a record)
//	payload length-1 bytes
//
// A snapshot ends with an end record (TypeEnd), so a snapshot cut short is
// told from a complete one. Recovery (Open) loads the newest snapshot,
// then replays the logs from its generation on. A torn or corrupt record
// with no valid record after it, at the end of the newest log, is what a
// crash during an append leaves: it is cut off (the file is truncated) and
// a warning is logged. "After it" is after its end when its header checks
// (a record running past the end of the file is the one being written, and
// nothing follows it), and after its first byte when it does not. Anything else that does not check (a bad record
// followed by valid ones, a bad snapshot, a bad record in an older log)
// is an error naming the file and the byte offset: the caller must refuse
// to start rather than serve a store that silently lost data.
//
// See docs/persistence.md for the guarantees and the costs.
package durable
