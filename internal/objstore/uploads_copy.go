package objstore

import (
	"crypto/md5"
	"strconv"
	"strings"
	"time"
)

// PartCopy is an UploadPartCopy request.
type PartCopy struct {
	// PartNumber is the request's partNumber, as sent (see PartUpload).
	PartNumber string
	// SourceBucket, SourceKey and SourceVersionID name the object copied
	// from (x-amz-copy-source); an empty SourceVersionID means the
	// current version.
	SourceBucket, SourceKey, SourceVersionID string
	// Range is x-amz-copy-source-range ("bytes=first-last"); "" copies
	// the whole source.
	Range string
	// Conditions are the x-amz-copy-source-if-* headers: a condition
	// that does not hold on the source is PreconditionFailed.
	Conditions Preconditions
	// SourceKeyMD5 and KeyMD5 are the MD5s of the SSE-C keys sent for the
	// source and for the upload ("" for none), checked as a copy and an
	// UploadPart check them (ssec.go).
	SourceKeyMD5, KeyMD5 string
}

// PartCopyResult is what S3 answers for a part copied from an object.
type PartCopyResult struct {
	PartResult
	// LastModified is the part's time.
	LastModified time.Time
	// SourceVersionID is x-amz-copy-source-version-id: the version
	// copied, "" when the source bucket never had versioning.
	SourceVersionID string
}

// maxCopyPart is the largest range S3 copies into one part (5 GiB).
const maxCopyPart = 5 << 30

// CopyPart stores a part of an upload copied from (a range of) an object
// version. It checks, in order: the source (NoSuchBucket, NoSuchKey,
// NoSuchVersion, a delete marker by version id, archived content), the
// upload (NoSuchUpload), the part number, the copy-source conditions
// (PreconditionFailed) and the range (InvalidArgument or InvalidRequest,
// with S3's messages).
func (s *Store) CopyPart(bucketName, key, uploadID string, in PartCopy) (PartCopyResult, error) {
	src, srcID, err := s.partSource(in.SourceBucket, in.SourceKey, in.SourceVersionID)
	if err != nil {
		return PartCopyResult{}, err
	}
	u, info, err := s.openUpload(bucketName, key, uploadID)
	if err != nil {
		return PartCopyResult{}, err
	}
	if err := checkPartEncryption(u, map[string]string{hdrSSECKeyMD5: in.KeyMD5}); err != nil {
		return PartCopyResult{}, err
	}
	n, err := parsePartNumber(in.PartNumber)
	if err != nil {
		return PartCopyResult{}, err
	}
	if err := CheckCustomerKey(src.facts.Value().encryption, CustomerKeyMD5(src.meta()), in.SourceKeyMD5); err != nil {
		return PartCopyResult{}, err
	}
	if outcome, header := in.Conditions.Evaluate(src.etag(), src.lastModified()); outcome != Proceed {
		return PartCopyResult{}, errCopySourcePrecondition(header)
	}
	start, length, err := parseCopyRange(in.Range, src.size)
	if err != nil {
		return PartCopyResult{}, err
	}
	var body []byte
	if src.body != nil {
		body = src.body[start : start+length : start+length] // bodies are immutable: share it
	} else {
		body = make([]byte, length) // a size-only version is zeros
	}
	sum := partChecksum(u, body)
	p := &part{number: n, body: body, md5: md5.Sum(body), checksum: sum.raw, modified: s.clock()}
	if err := s.storePart(bucketName, key, uploadID, p); err != nil {
		return PartCopyResult{}, err
	}
	return PartCopyResult{
		PartResult:      PartResult{ETag: p.etag(), ChecksumAlgorithm: sum.alg, Checksum: sum.value, Upload: info},
		LastModified:    p.modified,
		SourceVersionID: srcID,
	}, nil
}

// partSource finds the version to copy and the id S3 reports for it.
func (s *Store) partSource(bucketName, key, versionID string) (*version, string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return nil, "", err
	}
	head := b.index.get(key)
	var v *version
	id := ""
	if versionID == "" {
		if head == nil || head.isDeleteMarker() {
			return nil, "", errNoSuchKey(key)
		}
		v, id = head, s.reportedID(b, head)
	} else {
		v, err = s.findVersion(head, versionID)
		switch {
		case err != nil:
			return nil, "", err
		case v == nil:
			return nil, "", errNoSuchVersion(key, versionID)
		case v.isDeleteMarker():
			return nil, "", errInvalidRequest("The source of a copy request may not specifically refer to a delete marker by version id.")
		}
		id = s.versionID(v)
	}
	fs := v.facts.Value()
	if fs.storageClass == StorageGlacier || fs.storageClass == StorageDeepArchive ||
		fs.accessTier == "ARCHIVE" || fs.accessTier == "DEEP_ARCHIVE" {
		return nil, "", newError("InvalidObjectState", "The operation is not valid for the source object's storage class")
	}
	return v, id, nil
}

func errCopyTooLarge() error {
	return errInvalidRequest("The specified copy source is larger than the maximum allowable size for a copy source: " +
		strconv.Itoa(maxCopyPart))
}

func errCopySourcePrecondition(condition string) error {
	return &Error{Code: "PreconditionFailed", Message: "At least one of the pre-conditions you specified did not hold",
		Extra: []Field{{"Condition", "x-amz-copy-source-" + condition}}}
}

// parseCopyRange reads x-amz-copy-source-range for a source of size bytes
// and returns the first byte and the length to copy. S3 accepts only
// "bytes=first-last" with first <= last; a range that starts past the
// source is InvalidRequest, one that ends past it InvalidArgument.
func parseCopyRange(v string, size int64) (start, length int64, err error) {
	if v == "" {
		if size > maxCopyPart {
			return 0, 0, errCopyTooLarge()
		}
		return 0, size, nil
	}
	spec, ok := strings.CutPrefix(v, "bytes=")
	a, b, ok2 := strings.Cut(spec, "-")
	first, err1 := strconv.ParseUint(a, 10, 63)
	last, err2 := strconv.ParseUint(b, 10, 63)
	switch {
	case !ok || !ok2 || err1 != nil || err2 != nil || first > last:
		return 0, 0, &Error{Code: "InvalidArgument",
			Message:      "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
			ArgumentName: "x-amz-copy-source-range", ArgumentValue: v}
	case int64(first) >= size:
		return 0, 0, errInvalidRequest("The specified copy range is invalid for the source object size")
	case int64(last) >= size:
		return 0, 0, &Error{Code: "InvalidArgument",
			Message:      "Range specified is not valid for source object of size: " + strconv.FormatInt(size, 10),
			ArgumentName: "x-amz-copy-source-range", ArgumentValue: v}
	case last-first+1 > maxCopyPart:
		return 0, 0, errCopyTooLarge()
	}
	return int64(first), int64(last-first) + 1, nil
}
