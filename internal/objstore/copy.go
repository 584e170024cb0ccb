package objstore

import (
	"crypto/md5"
	"net/url"
	"strings"

	"github.com/johannesboyne/gofakes3"
)

// copyTokenHeader carries a per-request token from Wrap to CopyObject, so
// that Wrap can answer with the version ids of the copy (see copyResult).
const copyTokenHeader = "X-Amz-S3fake-Copy-Token"

// copyResult is what CopyObject leaves for Wrap: gofakes3 sends the
// source's current version id as both x-amz-version-id and
// x-amz-copy-source-version-id, because CopyObjectResult has no field for
// the new version.
type copyResult struct {
	sourceVersionID gofakes3.VersionID
	versionID       gofakes3.VersionID
}

// CopyObject copies a version of srcKey to dstKey as S3 does: the current
// version, or the one named by ?versionId= in the X-Amz-Copy-Source header
// (which gofakes3 ignores but passes on in meta).
//
// The copy is a new object: its storage class, encryption, lock and
// checksum algorithm come from the request (or S3's defaults, or for the
// checksum algorithm the source's), never from the source; its metadata
// is the source's unless x-amz-metadata-directive is REPLACE. Because
// gofakes3 merges the source's response headers into meta first, the store
// can only tell the request's own headers apart when Wrap has listed them
// in ExplicitHeadersHeader; without that list every header in meta counts
// as sent.
func (s *Store) CopyObject(srcBucket, srcKey, dstBucket, dstKey string, meta map[string]string) (gofakes3.CopyObjectResult, error) {
	now := s.clock()
	req, err := parseRequest(explicitHeaders(meta), now, false)
	if err != nil {
		return gofakes3.CopyObjectResult{}, err
	}
	directive := strings.ToUpper(req.lower[hdrMetadataDirective])
	if directive != "" && directive != "COPY" && directive != "REPLACE" {
		return gofakes3.CopyObjectResult{}, errInvalidArgument("Unknown metadata directive.")
	}
	srcVersion := copySourceVersion(meta)
	src, srcID, err := s.copySource(srcBucket, srcKey, srcVersion)
	if err != nil {
		return gofakes3.CopyObjectResult{}, err
	}
	// Copying an older version onto its own key is how S3 restores it, so
	// only a copy of the current version must change something.
	if srcBucket == dstBucket && srcKey == dstKey && srcVersion == "" && directive != "REPLACE" && !req.changesObject() {
		return gofakes3.CopyObjectResult{}, errInvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
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
	if directive != "REPLACE" {
		stored = src.meta()
	}
	v := &version{
		modified: now.Unix(),
		size:     src.size,
		body:     src.body, // bodies are immutable, so the copy may share it
		md5:      contentMD5(src),
		extra:    newExtra(stored, fullChecksum(alg, src.body, src.size)),
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	dst, err := s.bucketLocked(dstBucket)
	if err != nil {
		return gofakes3.CopyObjectResult{}, err
	}
	if v.facts, err = s.factsLocked(dst, req.facts); err != nil {
		return gofakes3.CopyObjectResult{}, errInvalidArgument(err.Error())
	}
	id := s.putLocked(dst, dstKey, v)
	if token := req.lower[strings.ToLower(copyTokenHeader)]; token != "" {
		s.copies.Store(token, copyResult{sourceVersionID: srcID, versionID: id})
	}
	return gofakes3.CopyObjectResult{
		ETag:         v.quotedETag(),
		LastModified: gofakes3.NewContentTime(v.lastModified()),
	}, nil
}

// copySource finds the version to copy and the id S3 reports for it in
// x-amz-copy-source-version-id.
func (s *Store) copySource(bucketName, key string, id gofakes3.VersionID) (*version, gofakes3.VersionID, error) {
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
		return nil, "", errNoSuchVersion(key, string(id))
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

// changesObject reports whether a copy request changes something that S3
// accepts as a reason to copy an object onto itself.
func (r *request) changesObject() bool {
	for _, h := range []string{hdrStorageClass, hdrSSE, hdrSSECAlgorithm, "x-amz-website-redirect-location"} {
		if _, ok := r.lower[h]; ok {
			return true
		}
	}
	return false
}

// explicitHeaders returns the part of meta the request itself sent, as
// listed by Wrap in ExplicitHeadersHeader, or all of meta without a list.
func explicitHeaders(meta map[string]string) map[string]string {
	var list string
	found := false
	for k, v := range meta {
		if strings.EqualFold(k, ExplicitHeadersHeader) {
			list, found = v, true
		}
	}
	if !found {
		return meta
	}
	keep := map[string]bool{}
	for name := range strings.SplitSeq(list, ",") {
		keep[strings.ToLower(strings.TrimSpace(name))] = true
	}
	out := make(map[string]string, len(keep))
	for k, v := range meta {
		if lk := strings.ToLower(k); keep[lk] || lk == strings.ToLower(copyTokenHeader) {
			out[k] = v
		}
	}
	return out
}

// copySourceVersion reads ?versionId= from the X-Amz-Copy-Source header in
// meta.
func copySourceVersion(meta map[string]string) gofakes3.VersionID {
	for k, v := range meta {
		if !strings.EqualFold(k, "X-Amz-Copy-Source") {
			continue
		}
		_, query, ok := strings.Cut(v, "?")
		if !ok {
			return ""
		}
		q, err := url.ParseQuery(query)
		if err != nil {
			return ""
		}
		return gofakes3.VersionID(q.Get("versionId"))
	}
	return ""
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
