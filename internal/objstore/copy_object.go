package objstore

// CopyObject as S3 does it, from the copy request's own headers.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html

import (
	"crypto/md5"
	"strings"
	"time"
)

// CopyInput is one CopyObject.
type CopyInput struct {
	// SrcBucket, SrcKey and SrcVersionID name the source: its current
	// version when SrcVersionID is "", "null" for the null version.
	SrcBucket, SrcKey, SrcVersionID string
	// Bucket and Key name the destination.
	Bucket, Key string
	// Header holds the copy request's own headers (any case, one value
	// each): x-amz-metadata-directive and x-amz-tagging-directive, and for
	// REPLACE the new stored headers and tags; the destination's storage
	// class, encryption, object lock and checksum algorithm; If-Match and
	// If-None-Match on the destination.
	Header map[string]string
	// Source holds the x-amz-copy-source-if-* conditions.
	Source Preconditions
	// Writer is the copying account; "" is the bucket owner. The copy's
	// ACL comes from the request (x-amz-acl, x-amz-grant-*), never from
	// the source.
	Writer string
}

// CopyResult is what a copy reports.
type CopyResult struct {
	// VersionID is the new version's id as x-amz-version-id reports it
	// ("" in a bucket that never had versioning).
	VersionID string
	// SourceVersionID is the source version's id as
	// x-amz-copy-source-version-id reports it ("" when the source bucket
	// never had versioning and no version was named).
	SourceVersionID string
	// ETag is quoted: the MD5 of the content, even when the source was
	// uploaded in parts.
	ETag         string
	LastModified time.Time
	// Facts are the new version's facts, Checksum included.
	Facts Facts
}

const (
	hdrTaggingDirective = "x-amz-tagging-directive"
	copySourcePrefix    = "x-amz-copy-source-"
)

// CopyObjectVersion copies a version as S3 does. The copy is a new object:
// its storage class, encryption, lock and checksum algorithm come from
// the request (or S3's defaults; the checksum algorithm otherwise from the
// source), never from the source. Its stored headers and tags are the
// source's unless the metadata or tagging directive is REPLACE. Copying
// the current version onto itself must change something; copying an older
// version onto its own key is how S3 restores it.
func (s *Store) CopyObjectVersion(in CopyInput) (_ CopyResult, err error) {
	now := s.clock()
	req, err := parseRequest(in.Header, now, false)
	if err != nil {
		return CopyResult{}, err
	}
	replaceMeta, err := directive(req.lower, hdrMetadataDirective, "Unknown metadata directive.")
	if err != nil {
		return CopyResult{}, err
	}
	replaceTags, err := directive(req.lower, hdrTaggingDirective, "Unknown tagging directive.")
	if err != nil {
		return CopyResult{}, err
	}
	cond, err := writeConditions(req.lower)
	if err != nil {
		return CopyResult{}, err
	}
	var tags []Tag
	if replaceTags {
		if tags, err = ParseTagging(req.lower[hdrTagging]); err != nil {
			return CopyResult{}, err
		}
	}
	src, srcID, err := s.copySource(in.SrcBucket, in.SrcKey, in.SrcVersionID)
	if err != nil {
		return CopyResult{}, err
	}
	if err := CheckCustomerKey(src.facts.Value().encryption, CustomerKeyMD5(src.meta()), req.lower[hdrCopySourceSSECKeyMD5]); err != nil {
		return CopyResult{}, err
	}
	if out, name := in.Source.Evaluate(src.etag(), src.lastModified()); out != Proceed {
		return CopyResult{}, errConditionFailed(copySourcePrefix + name)
	}
	if in.SrcBucket == in.Bucket && in.SrcKey == in.Key && in.SrcVersionID == "" && !replaceMeta && !changesCopy(req.lower) {
		return CopyResult{}, errInvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}

	// Hash outside the lock; src is immutable.
	alg := req.facts.ChecksumAlgorithm
	if alg == "" {
		alg = src.facts.Value().checksumAlgorithm
	}
	if alg == "" {
		alg = ChecksumCRC64NVME
	}
	req.facts.ChecksumAlgorithm, req.facts.ChecksumType = alg, ChecksumFullObject
	stored := req.stored
	if !replaceMeta {
		stored = withCustomerKey(src.meta(), CustomerKeyMD5(req.stored)) // encrypted as the request says (ssec.go)
	}
	if !replaceTags {
		tags = src.tagList()
	}
	v := &version{
		modified: now.Unix(),
		size:     src.size,
		body:     src.body, // bodies are immutable, so the copy may share it
		md5:      contentMD5(src),
		extra:    &versionExtra{meta: stored, checksum: fullChecksum(alg, src.body, src.size), tags: tags},
	}

	s.lockW()
	defer s.unlockW(&err)
	dst, err := s.bucketLocked(in.Bucket)
	if err != nil {
		return CopyResult{}, err
	}
	applyDefaultRetentionLocked(dst, &req.facts, now) // a copy is a new version: the default retention applies
	// Owner, ACL (from the request, never the source), default encryption
	// and replication (acl_write.go).
	plan, err := s.newVersionStateLocked(dst, in.Key, in.Writer, req.lower, &req.facts, v)
	if err != nil {
		return CopyResult{}, err
	}
	if v.facts, err = s.factsLocked(dst, req.facts); err != nil {
		return CopyResult{}, errInvalidArgument(err.Error())
	}
	if err := cond.check(in.Key, dst.index.get(in.Key)); err != nil {
		return CopyResult{}, err
	}
	id := s.putLocked(dst, in.Key, v)
	s.replicateLocked(plan, in.Key, v)
	return CopyResult{
		VersionID:       id,
		SourceVersionID: srcID,
		ETag:            v.quotedETag(),
		LastModified:    v.lastModified(),
		Facts:           v.exportFacts(),
	}, nil
}

// directive reads a COPY/REPLACE directive header: true for REPLACE.
func directive(lower map[string]string, name, unknown string) (bool, error) {
	v, ok := lower[name]
	if !ok {
		return false, nil
	}
	switch strings.ToUpper(v) {
	case "COPY":
		return false, nil
	case "REPLACE":
		return true, nil
	}
	return false, &Error{Code: "InvalidArgument", Message: unknown, ArgumentName: name, ArgumentValue: v}
}

// changesCopy reports whether a copy request changes something S3
// accepts as a reason to copy an object onto itself: its storage class,
// encryption or website redirect, or (S3's way to re-checksum an object)
// its checksum algorithm.
func changesCopy(lower map[string]string) bool {
	for _, h := range []string{hdrStorageClass, hdrSSE, hdrSSECAlgorithm, "x-amz-website-redirect-location", hdrChecksumAlg} {
		if _, ok := lower[h]; ok {
			return true
		}
	}
	return false
}

// copySource finds the version to copy and the id S3 reports for it in
// x-amz-copy-source-version-id.
func (s *Store) copySource(bucketName, key, id string) (*version, string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return nil, "", err
	}
	head := b.index.get(key)
	if id == "" {
		if head == nil || head.isDeleteMarker() {
			return nil, "", errNoSuchKey(key)
		}
		return head, s.reportedID(b, head), srcState(head)
	}
	v, err := s.findVersion(head, id)
	switch {
	case err != nil:
		return nil, "", err
	case v == nil:
		return nil, "", errNoSuchVersion(key, id)
	case v.isDeleteMarker():
		return nil, "", errInvalidRequest("The source of a copy request may not specifically refer to a delete marker by version id.")
	}
	return v, s.versionID(v), srcState(v)
}

// srcState refuses to copy archived content, as S3 does.
func srcState(v *version) error {
	if v.archived() {
		return errInvalidObjectState()
	}
	return nil
}

// contentMD5 is the MD5 of v's content, which is not its ETag when v came
// from a multipart upload. A copy's ETag is the MD5 of its content.
func contentMD5(v *version) [16]byte {
	if v.parts == 0 {
		return v.md5
	}
	h := md5.New()
	if v.body != nil {
		h.Write(v.body)
	} else {
		writeZeros(h, v.size)
	}
	var sum [16]byte
	h.Sum(sum[:0])
	return sum
}
