package objstore

// Writing one object: what PutObject does with a decoded body and the
// request's headers.

import (
	"crypto/md5"
	"strings"
)

// PutInput is one PutObject.
type PutInput struct {
	Bucket, Key string
	// Data is the object's content, decoded (aws-chunked framing removed).
	Data []byte
	// Header holds the request's headers, any case, one value each, with
	// aws-chunked trailers (x-amz-checksum-*) among them. From it come the
	// stored headers (Content-Type, ..., x-amz-meta-*), the facts (storage
	// class, encryption, object lock, checksum algorithm), the checksum
	// and Content-MD5 checked against Data, the conditions (If-Match,
	// If-None-Match) and the tags (x-amz-tagging).
	Header map[string]string
	// Writer is the writing account; "" is the bucket owner. Under the
	// bucket's Object Ownership it may own the new version.
	Writer string
	// Sums, when not nil, are Data's digests as the caller computed them
	// (SumBody); nil (the default): WriteObject computes them.
	Sums *BodySums
}

// PutResult is what a write reports.
type PutResult struct {
	// VersionID is the new version's id as S3 reports it in
	// x-amz-version-id: "" in a bucket that never had versioning, "null"
	// for a null version.
	VersionID string
	// ETag is quoted.
	ETag string
	// Facts are the new version's facts, Checksum included.
	Facts Facts
}

// WriteObject stores a new version of Key following the bucket's
// versioning state. Nothing is inherited from an earlier version. The
// conditions are checked against the current version atomically with the
// write. Errors are S3's: BadDigest and InvalidDigest for the body,
// InvalidArgument, InvalidRequest, InvalidStorageClass, MetadataTooLarge
// and InvalidTag for the headers, NoSuchKey and PreconditionFailed for
// the conditions, NotImplemented for an If-None-Match other than "*".
func (s *Store) WriteObject(in PutInput) (_ PutResult, err error) {
	now := s.clock()
	req, err := parseRequest(in.Header, now, false)
	if err != nil {
		return PutResult{}, err
	}
	if err := checkContentMD5(req.lower, in.Data); err != nil { // uploads_checksum.go
		return PutResult{}, err
	}
	cond, err := writeConditions(req.lower)
	if err != nil {
		return PutResult{}, err
	}
	tags, err := ParseTagging(req.lower[hdrTagging])
	if err != nil {
		return PutResult{}, err
	}
	sum, checksum, err := req.bodySums(in.Data, in.Sums)
	if err != nil {
		return PutResult{}, err
	}
	v := &version{
		modified: now.Unix(),
		size:     int64(len(in.Data)),
		body:     in.Data,
		md5:      sum,
		extra:    &versionExtra{meta: req.stored, checksum: checksum, tags: tags},
	}

	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(in.Bucket)
	if err != nil {
		return PutResult{}, err
	}
	applyDefaultRetentionLocked(b, &req.facts, now) // object_state.go
	// Owner, ACL, default encryption and replication (acl_write.go).
	plan, err := s.newVersionStateLocked(b, in.Key, in.Writer, req.lower, &req.facts, v)
	if err != nil {
		return PutResult{}, err
	}
	if v.facts, err = s.factsLocked(b, req.facts); err != nil {
		return PutResult{}, errInvalidArgument(err.Error())
	}
	if err := cond.check(in.Key, b.index.get(in.Key)); err != nil {
		return PutResult{}, err
	}
	id := s.putLocked(b, in.Key, v)
	s.replicateLocked(plan, in.Key, v)
	return PutResult{VersionID: id, ETag: v.quotedETag(), Facts: v.exportFacts()}, nil
}

// bodySums returns body's MD5 and the checksum to store for it: the one
// the request sent, once verified, or one computed with the request's
// algorithm or, failing that, S3's default CRC64NVME (checksum.go's
// contentSums, which takes what sums holds).
func (r *request) bodySums(body []byte, sums *BodySums) ([md5.Size]byte, string, error) {
	if r.facts.ChecksumAlgorithm == "" {
		r.facts.ChecksumAlgorithm, r.facts.ChecksumType = ChecksumCRC64NVME, ChecksumFullObject
	}
	md5Sum, sum := contentSums(r.facts.ChecksumAlgorithm, body, sums)
	if r.checksum != "" && r.checksum != sum {
		return md5Sum, "", errBadDigest(r.facts.ChecksumAlgorithm)
	}
	return md5Sum, sum, nil
}

const (
	hdrTagging     = "x-amz-tagging"
	hdrIfMatch     = "if-match"
	hdrIfNoneMatch = "if-none-match"
)

// writeCondition is a conditional write's If-Match and If-None-Match.
type writeCondition struct {
	ifMatch     string
	ifNoneMatch bool // If-None-Match: *
}

// writeConditions reads a write's conditions. S3's conditional writes
// take If-None-Match only as "*"; any other value is a header S3 does not
// implement.
func writeConditions(lower map[string]string) (writeCondition, error) {
	c := writeCondition{ifMatch: strings.TrimSpace(lower[hdrIfMatch])}
	if v, ok := lower[hdrIfNoneMatch]; ok {
		if strings.TrimSpace(v) != "*" {
			return c, &Error{Code: "NotImplemented", Message: "A header you provided implies functionality that is not implemented",
				Extra: []Field{{"Header", "If-None-Match"}}}
		}
		c.ifNoneMatch = true
	}
	return c, nil
}

// check applies the conditions to the current version of key (head). A
// current delete marker is no object. S3 answers If-Match on a key with
// no object with 404 NoSuchKey, and a failed condition with 412 naming it
// (user guide, "Conditional write behavior").
func (c writeCondition) check(key string, head *version) error {
	exists := head != nil && !head.isDeleteMarker()
	if c.ifNoneMatch && exists {
		return errConditionFailed("If-None-Match")
	}
	if c.ifMatch != "" {
		if !exists {
			return errNoSuchKey(key)
		}
		if !etagListMatches(c.ifMatch, head.etag()) {
			return errConditionFailed("If-Match")
		}
	}
	return nil
}

// errConditionFailed is 412 PreconditionFailed naming the condition.
func errConditionFailed(condition string) error {
	return &Error{Code: "PreconditionFailed", Message: "At least one of the pre-conditions you specified did not hold",
		Extra: []Field{{"Condition", condition}}}
}
