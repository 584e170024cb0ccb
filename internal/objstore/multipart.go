package objstore

import (
	"encoding/hex"
	"time"
)

// upload is a multipart upload. Unfinished, it collects parts; once
// completed it is replaced in its bucket by a tombstone (done set, nothing
// else kept) that only answers a repeated CompleteMultipartUpload, as S3
// does. An upload is never changed after it is replaced, so a request that
// read it under the lock may keep using it.
type upload struct {
	id        string
	seq       uint64 // initiation order, which orders uploads of one key
	key       string
	initiated time.Time
	req       request // the CreateMultipartUpload headers, parsed
	tags      []Tag   // x-amz-tagging of CreateMultipartUpload, for the object
	parts     map[int]*part
	done      *Completion // set on the tombstone of a completed upload
}

// part is one uploaded part; like versions, parts are immutable (a
// re-upload replaces the part).
type part struct {
	number   int
	body     []byte
	md5      [16]byte
	checksum []byte // raw checksum with the upload's algorithm, nil without one
	modified time.Time
}

func (p *part) etag() string { return `"` + hex.EncodeToString(p.md5[:]) + `"` }

// uploadLocked finds an unfinished upload of key; anything else is
// NoSuchUpload. The caller must hold mu.
func (s *Store) uploadLocked(bucketName, key, id string) (*bucket, *upload, error) {
	b, u, err := s.anyUploadLocked(bucketName, key, id)
	if err == nil && u.done != nil {
		return nil, nil, errNoSuchUpload(id)
	}
	return b, u, err
}

// anyUploadLocked is uploadLocked that also finds completed uploads.
func (s *Store) anyUploadLocked(bucketName, key, id string) (*bucket, *upload, error) {
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return nil, nil, err
	}
	u, ok := b.uploads[id]
	if !ok || u.key != key {
		return nil, nil, errNoSuchUpload(id)
	}
	return b, u, nil
}
