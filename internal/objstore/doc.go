// Package objstore is an in-memory object store that implements the
// gofakes3.Backend interface.
//
// The store keeps every bucket's keys in a sorted index so that listings walk
// only the requested range instead of sorting the whole bucket, and it keeps
// each key's data as a list of versions (newest first) so that bucket
// versioning can be added without reshaping the data. For now every key holds
// exactly one version and the store behaves as an unversioned S3: version IDs
// are always empty. The store deliberately implements neither
// gofakes3.VersionedBackend nor gofakes3.MultipartBackend, so gofakes3 uses
// its own in-memory uploader for multipart uploads.
package objstore
