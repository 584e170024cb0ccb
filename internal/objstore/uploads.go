package objstore

// The store's multipart API: CreateMultipartUpload, UploadPart,
// UploadPartCopy (uploads_copy.go), CompleteMultipartUpload
// (uploads_complete.go), AbortMultipartUpload, ListParts and
// ListMultipartUploads (uploads_list.go), with the store's own types.
// Requests are described by their headers as a map (name -> first value,
// any case); answers by plain values that s3fake puts on the wire.

import (
	"crypto/md5"
	"strconv"
	"time"
)

// Upload describes a multipart upload.
type Upload struct {
	// ID is the upload id.
	ID string
	// Key is the key the upload will write.
	Key string
	// Initiated is when CreateMultipartUpload ran; the completed object
	// carries it as its LastModified.
	Initiated time.Time
	// Facts are what the object will have, taken from the
	// CreateMultipartUpload headers and S3's defaults (owner, STANDARD,
	// SSE-S3). ChecksumAlgorithm is "" when the upload named none; then
	// ChecksumType is "" too. PartCount is 0.
	Facts Facts
}

// CreateUpload starts an upload of key. The object's facts (storage class,
// encryption, lock, checksum algorithm and type) and stored headers
// (metadata, Content-Type, ...) and tags (x-amz-tagging) are taken from
// headers now, as S3 does; the parts carry none. A bad header is S3's error for it; an x-amz-checksum-*
// value is InvalidRequest (a multipart upload declares only the algorithm).
func (s *Store) CreateUpload(bucketName, key string, headers map[string]string) (Upload, error) {
	return s.CreateUploadAs(bucketName, key, "", headers)
}

// CreateUploadAs is CreateUpload by the account writer ("" is the bucket
// owner), who may own the completed object under the bucket's Object
// Ownership. The ACL headers (x-amz-acl, x-amz-grant-*) are checked now,
// as S3 does (AccessControlListNotSupported under BucketOwnerEnforced).
func (s *Store) CreateUploadAs(bucketName, key, writer string, headers map[string]string) (_ Upload, err error) {
	now := s.clock()
	req, err := parseRequest(headers, now, true)
	if err != nil {
		return Upload{}, err
	}
	tags, err := ParseTagging(req.lower[hdrTagging])
	if err != nil {
		return Upload{}, err
	}
	// Check the facts now, not at completion; any part count will do.
	f := req.facts
	f.PartCount = 1
	if _, err := normalizeFacts(f, ""); err != nil {
		return Upload{}, errInvalidArgument(err.Error())
	}
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return Upload{}, err
	}
	acl, err := ParseACLHeaders(req.lower)
	if err != nil {
		return Upload{}, err
	}
	if _, _, err := newVersionOwnerLocked(b, writer, acl); err != nil {
		return Upload{}, err
	}
	req.facts.OwnerAccount = writer
	applyDefaultEncryptionLocked(b, &req.facts, req.lower) // the answer names the object's encryption
	seq := s.nextSeqLocked()
	u := &upload{
		id:        s.uploadIDs.encode(seq),
		seq:       seq,
		key:       key,
		initiated: now,
		req:       req,
		tags:      tags,
		parts:     make(map[int]*part),
	}
	s.noteUploadLocked(b, u.id) // journal.go
	b.uploads[u.id] = u
	return describeUpload(b, u), nil
}

// describeUpload is the Upload of u in bucket b.
func describeUpload(b *bucket, u *upload) Upload {
	f := u.req.facts
	f.PartCount = 1
	f, _ = normalizeFacts(f, b.owner) // checked by CreateUpload
	f.PartCount = 0
	return Upload{ID: u.id, Key: u.key, Initiated: u.initiated, Facts: f}
}

// PartUpload is an UploadPart request.
type PartUpload struct {
	// PartNumber is the request's partNumber, as sent: it must be an
	// integer from 1 to 10,000 (InvalidArgument otherwise, after the
	// upload itself was found).
	PartNumber string
	// Body is the part's content, decoded.
	Body []byte
	// Headers are the request's headers (aws-chunked trailers included):
	// Content-MD5, x-amz-checksum-<alg> and x-amz-sdk-checksum-algorithm
	// are checked against Body and the upload.
	Headers map[string]string
}

// PartResult is what S3 answers for a stored part.
type PartResult struct {
	// ETag is the quoted MD5 of the part.
	ETag string
	// ChecksumAlgorithm and Checksum are the part's checksum S3 reports:
	// with the upload's algorithm when it has one, else the one the
	// request sent (verified); "" when neither.
	ChecksumAlgorithm, Checksum string
	// Upload is the upload the part belongs to.
	Upload Upload
}

// PutPart stores a part of an upload, replacing an earlier part of the same
// number. It checks, in order: the upload exists for key (NoSuchUpload),
// the part number, Content-MD5 (InvalidDigest, BadDigest), the checksum
// headers (one at most, of the upload's algorithm, required by a
// COMPOSITE upload: InvalidRequest) and their value (BadDigest).
func (s *Store) PutPart(bucketName, key, uploadID string, in PartUpload) (PartResult, error) {
	u, info, err := s.openUpload(bucketName, key, uploadID)
	if err != nil {
		return PartResult{}, err
	}
	if err := checkPartEncryption(u, in.Headers); err != nil {
		return PartResult{}, err
	}
	n, err := parsePartNumber(in.PartNumber)
	if err != nil {
		return PartResult{}, err
	}
	sum, err := checkPartHeaders(u, in.Body, in.Headers)
	if err != nil {
		return PartResult{}, err
	}
	p := &part{number: n, body: in.Body, md5: md5.Sum(in.Body), checksum: sum.raw, modified: s.clock()}
	if err := s.storePart(bucketName, key, uploadID, p); err != nil {
		return PartResult{}, err
	}
	return PartResult{ETag: p.etag(), ChecksumAlgorithm: sum.alg, Checksum: sum.value, Upload: info}, nil
}

// openUpload finds an unfinished upload, for work done outside the lock.
func (s *Store) openUpload(bucketName, key, uploadID string) (*upload, Upload, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, u, err := s.uploadLocked(bucketName, key, uploadID)
	if err != nil {
		return nil, Upload{}, err
	}
	return u, describeUpload(b, u), nil
}

// storePart adds p to the upload, which may have been completed or aborted
// while p was read and hashed.
func (s *Store) storePart(bucketName, key, uploadID string, p *part) (err error) {
	s.lockW()
	defer s.unlockW(&err)
	b, u, err := s.uploadLocked(bucketName, key, uploadID)
	if err != nil {
		return err
	}
	s.notePartLocked(b, u, p.number) // journal.go
	u.parts[p.number] = p
	return nil
}

// parsePartNumber reads a partNumber parameter.
func parsePartNumber(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxParts {
		return 0, &Error{Code: "InvalidArgument", Message: "Part number must be an integer between 1 and 10000, inclusive",
			ArgumentName: "partNumber", ArgumentValue: v}
	}
	return n, nil
}

// AbortUpload discards an unfinished upload and its parts; any other
// upload id is NoSuchUpload.
func (s *Store) AbortUpload(bucketName, key, uploadID string) (err error) {
	s.lockW()
	defer s.unlockW(&err)
	b, _, err := s.uploadLocked(bucketName, key, uploadID)
	if err != nil {
		return err
	}
	s.noteUploadLocked(b, uploadID) // journal.go
	delete(b.uploads, uploadID)
	return nil
}
