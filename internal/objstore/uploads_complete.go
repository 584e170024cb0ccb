package objstore

import (
	"crypto/md5"
	"encoding/base64"
	"strconv"
	"strings"
)

// UploadedPart is one part named by CompleteMultipartUpload.
type UploadedPart struct {
	PartNumber int
	// ETag is the part's ETag, quoted or not, in any case.
	ETag string
	// Checksums are the part's Checksum<ALG> elements: algorithm (CRC32,
	// SHA256, ...) to base64 value.
	Checksums map[string]string
}

// CompleteRequest is a CompleteMultipartUpload request.
type CompleteRequest struct {
	// Parts are the parts to assemble, in the order sent.
	Parts []UploadedPart
	// Headers are the request's headers: an x-amz-checksum-<alg> of the
	// whole object is checked against a FULL_OBJECT upload's checksum,
	// and If-Match and If-None-Match ("*") make the write conditional, as
	// PutObject's.
	Headers map[string]string
}

// Completion is S3's answer to CompleteMultipartUpload; a repeated
// completion of the same upload gets the same one.
type Completion struct {
	// ETag is the quoted "<md5 of the part MD5s>-N".
	ETag string
	// VersionID is the new version's id; "" in a bucket that never had
	// versioning.
	VersionID string
	// ChecksumAlgorithm, ChecksumType and Checksum are the object's
	// checksum: the upload's (COMPOSITE values end in -N) or S3's default
	// full-object CRC64NVME.
	ChecksumAlgorithm, ChecksumType, Checksum string
	// Facts are the object's facts.
	Facts Facts
}

// CompleteUpload assembles the listed parts into a new version of key,
// following the bucket's versioning, and ends the upload. It checks what
// S3 checks, in S3's order: at least one part (MalformedXML), part
// numbers strictly ascending (InvalidPartOrder), every part uploaded with
// the ETag (and the checksum, when given) sent (InvalidPart), every part's
// checksum present for a COMPOSITE upload (InvalidRequest), every part but
// the last at least Config.MinPartSize (EntityTooSmall), and a full-object
// checksum header against the object (BadDigest), then the conditions
// against the current version (PreconditionFailed, NoSuchKey for If-Match
// without an object). The version's ETag is
// S3's "<md5 of the part MD5s>-N", it remembers its part count, part
// sizes and the upload's tags, and its LastModified is the time the upload was initiated (as in
// S3). Completing an upload again answers the first completion; an
// aborted or unknown upload is NoSuchUpload.
func (s *Store) CompleteUpload(bucketName, key, uploadID string, in CompleteRequest) (_ Completion, err error) {
	lower := make(map[string]string, len(in.Headers))
	for k, v := range in.Headers {
		lower[strings.ToLower(k)] = v
	}
	cond, err := writeConditions(lower)
	if err != nil {
		return Completion{}, err
	}
	s.mu.RLock()
	_, u, err := s.anyUploadLocked(bucketName, key, uploadID)
	var parts []*part
	if err == nil && u.done == nil {
		parts, err = s.chosenParts(u, in.Parts)
	}
	s.mu.RUnlock()
	if err != nil {
		return Completion{}, err
	}
	if u.done != nil {
		return *u.done, nil // S3 answers a repeated completion with the first
	}

	// Assemble and hash outside the lock; parts are immutable.
	v, facts := assemble(u, parts)
	if err := checkObjectChecksum(facts, v, lower); err != nil {
		return Completion{}, err
	}

	s.lockW()
	defer s.unlockW(&err)
	b, u2, err := s.anyUploadLocked(bucketName, key, uploadID)
	switch {
	case err != nil:
		return Completion{}, err // aborted meanwhile
	case u2.done != nil:
		return *u2.done, nil // completed meanwhile
	}
	applyDefaultRetentionLocked(b, &facts, s.clock()) // the default retention runs from completion
	// The writer is the initiator (CreateUploadAs kept it as the owner).
	plan, err := s.newVersionStateLocked(b, key, facts.OwnerAccount, u.req.lower, &facts, v) // acl_write.go
	if err != nil {
		return Completion{}, err
	}
	if v.facts, err = s.factsLocked(b, facts); err != nil {
		return Completion{}, errInvalidArgument(err.Error())
	}
	if err := cond.check(key, b.index.get(key)); err != nil {
		return Completion{}, err // the upload stays, as in S3
	}
	versionID := s.putLocked(b, key, v)
	s.replicateLocked(plan, key, v)
	f := v.exportFacts()
	c := Completion{
		ETag: v.quotedETag(), VersionID: versionID,
		ChecksumAlgorithm: f.ChecksumAlgorithm, ChecksumType: f.ChecksumType, Checksum: f.Checksum,
		Facts: f,
	}
	s.noteUploadLocked(b, uploadID) // journal.go
	b.uploads[uploadID] = &upload{id: uploadID, seq: u.seq, key: key, initiated: u.initiated, done: &c}
	return c, nil
}

// chosenParts validates the parts of a CompleteMultipartUpload request
// against the upload and returns them, in order. The caller holds mu.
func (s *Store) chosenParts(u *upload, in []UploadedPart) ([]*part, error) {
	if len(in) == 0 {
		return nil, errMalformedXML()
	}
	if len(in) > maxParts {
		return nil, errInvalidPart()
	}
	for i := 1; i < len(in); i++ {
		if in[i].PartNumber <= in[i-1].PartNumber {
			return nil, errInvalidPartOrder()
		}
	}
	alg := u.req.facts.ChecksumAlgorithm
	parts := make([]*part, len(in))
	for i, want := range in {
		p, ok := u.parts[want.PartNumber]
		if !ok || !strings.EqualFold(strings.Trim(want.ETag, `"`), strings.Trim(p.etag(), `"`)) {
			return nil, errInvalidPart()
		}
		if sent, ok := want.Checksums[alg]; ok && alg != "" && sent != base64.StdEncoding.EncodeToString(p.checksum) {
			return nil, errInvalidPart()
		}
		parts[i] = p
	}
	if alg != "" && u.req.facts.ChecksumType == ChecksumComposite {
		for _, want := range in {
			if _, ok := want.Checksums[alg]; !ok {
				return nil, errInvalidRequest("The upload was created using a " + strings.ToLower(alg) +
					" checksum. The complete request must include the checksum for each part. It was missing for part " +
					strconv.Itoa(want.PartNumber) + " in the request.")
			}
		}
	}
	for _, p := range parts[:len(parts)-1] {
		if s.minPartSize > 0 && int64(len(p.body)) < s.minPartSize {
			return nil, errEntityTooSmall()
		}
	}
	return parts, nil
}

// checkObjectChecksum checks an x-amz-checksum-<alg> header sent with
// CompleteMultipartUpload (headers by lower-case name) against the
// full-object checksum of v.
func checkObjectChecksum(f Facts, v *version, headers map[string]string) error {
	if f.ChecksumType != ChecksumFullObject {
		return nil
	}
	name := hdrChecksumPrefix + strings.ToLower(f.ChecksumAlgorithm)
	if sent, ok := headers[name]; ok && sent != v.checksum() {
		return errBadDigest(f.ChecksumAlgorithm)
	}
	return nil
}

// assemble builds the version a completed upload creates, and its facts.
// It only reads u, which may be shared with other requests.
func assemble(u *upload, parts []*part) (*version, Facts) {
	var size int
	sizes := make([]int64, len(parts))
	for i, p := range parts {
		size += len(p.body)
		sizes[i] = int64(len(p.body))
	}
	body := make([]byte, 0, size)
	etag := md5.New()
	for _, p := range parts {
		body = append(body, p.body...)
		etag.Write(p.md5[:])
	}
	facts := u.req.facts
	facts.PartCount = len(parts)
	if facts.ChecksumAlgorithm == "" {
		// S3 gives multipart objects without a checksum a full-object
		// CRC64NVME.
		facts.ChecksumAlgorithm, facts.ChecksumType = ChecksumCRC64NVME, ChecksumFullObject
	}
	var checksum string
	if facts.ChecksumType == ChecksumComposite {
		sums := make([][]byte, len(parts))
		for i, p := range parts {
			sums[i] = p.checksum
		}
		checksum = compositeChecksum(facts.ChecksumAlgorithm, sums)
	} else {
		checksum = fullChecksum(facts.ChecksumAlgorithm, body, 0)
	}
	v := &version{
		modified: u.initiated.Unix(),
		size:     int64(size),
		body:     body,
		parts:    uint16(len(parts)),
		extra:    &versionExtra{meta: u.req.stored, checksum: checksum, partSizes: sizes, tags: u.tags},
	}
	etag.Sum(v.md5[:0])
	return v, facts
}
