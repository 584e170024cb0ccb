package objstore

import (
	"cmp"
	"crypto/md5"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
)

// upload is an unfinished multipart upload.
type upload struct {
	id        gofakes3.UploadID
	seq       uint64 // initiation order, which orders uploads of one key
	key       string
	initiated time.Time
	req       request // the CreateMultipartUpload headers, parsed
	parts     map[int]*part
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

func (p *part) etag() string { return gofakes3.FormatETag(p.md5[:]) }

// CreateMultipartUpload starts an upload of key. The object's facts
// (storage class, encryption, lock, checksum algorithm and type) are taken
// from these headers now, as S3 does; the parts carry none.
func (s *Store) CreateMultipartUpload(bucketName, key string, meta map[string]string) (gofakes3.UploadID, error) {
	now := s.clock()
	req, err := parseRequest(meta, now, true)
	if err != nil {
		return "", err
	}
	// Check the facts now, not at completion; any part count will do.
	f := req.facts
	f.PartCount = 1
	if _, err := f.normalize(""); err != nil {
		return "", errInvalidArgument(err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return "", err
	}
	seq := s.nextSeqLocked()
	u := &upload{
		id:        gofakes3.UploadID(s.uploadIDs.encode(seq)),
		seq:       seq,
		key:       key,
		initiated: now,
		req:       req,
		parts:     make(map[int]*part),
	}
	b.uploads[u.id] = u
	return u.id, nil
}

// uploadLocked finds an upload of key; anything else is NoSuchUpload.
func (s *Store) uploadLocked(bucketName, key string, id gofakes3.UploadID) (*bucket, *upload, error) {
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return nil, nil, err
	}
	u, ok := b.uploads[id]
	if !ok || u.key != key {
		return nil, nil, errNoSuchUpload(string(id))
	}
	return b, u, nil
}

// UploadPart stores part partNumber (1 to 10,000) of an upload, replacing
// an earlier upload of the same number, and returns its ETag (the quoted
// MD5 of the part). contentLength is -1 when unknown.
func (s *Store) UploadPart(bucketName, key string, id gofakes3.UploadID, partNumber int, contentLength int64, input io.Reader) (string, error) {
	if partNumber < 1 || partNumber > maxParts {
		return "", errInvalidArgument("Part number must be an integer between 1 and 10000, inclusive")
	}
	s.mu.RLock()
	_, u, err := s.uploadLocked(bucketName, key, id)
	s.mu.RUnlock()
	if err != nil {
		return "", err
	}
	var body []byte
	if contentLength >= 0 {
		body, err = gofakes3.ReadAll(input, contentLength)
	} else {
		body, err = io.ReadAll(input)
	}
	if err != nil {
		return "", err
	}
	p := &part{number: partNumber, body: body, md5: md5.Sum(body), modified: s.clock()}
	if alg := u.req.facts.ChecksumAlgorithm; alg != "" {
		p.checksum = rawChecksum(alg, body, 0)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	// The upload may have been completed or aborted while the body was read.
	if _, u, err = s.uploadLocked(bucketName, key, id); err != nil {
		return "", err
	}
	u.parts[partNumber] = p
	return p.etag(), nil
}

// AbortMultipartUpload discards an upload and its parts.
func (s *Store) AbortMultipartUpload(bucketName, key string, id gofakes3.UploadID) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, _, err := s.uploadLocked(bucketName, key, id)
	if err != nil {
		return err
	}
	delete(b.uploads, id)
	return nil
}

// CompleteMultipartUpload assembles the listed parts into a new version of
// key and ends the upload. It checks what S3 checks, in S3's order: at
// least one part (MalformedXML), part numbers strictly ascending
// (InvalidPartOrder), every part uploaded with the ETag given
// (InvalidPart), every part but the last at least Config.MinPartSize
// (EntityTooSmall). The version's ETag is S3's "<md5 of the part MD5s>-N",
// it remembers its part count, its LastModified is the time the upload was
// initiated (as in S3), and its checksum is composite or full-object as
// the upload declared.
func (s *Store) CompleteMultipartUpload(bucketName, key string, id gofakes3.UploadID, input *gofakes3.CompleteMultipartUploadRequest) (gofakes3.VersionID, string, error) {
	s.mu.RLock()
	_, u, err := s.uploadLocked(bucketName, key, id)
	var parts []*part
	if err == nil {
		parts, err = s.chosenParts(u, input)
	}
	s.mu.RUnlock()
	if err != nil {
		return "", "", err
	}

	// Assemble and hash outside the lock; parts are immutable.
	v, facts := assemble(u, parts)

	s.mu.Lock()
	defer s.mu.Unlock()
	b, u2, err := s.uploadLocked(bucketName, key, id)
	if err != nil {
		return "", "", err // completed or aborted meanwhile
	}
	if u2 != u {
		return "", "", errNoSuchUpload(string(id))
	}
	if v.facts, err = s.factsLocked(b, facts); err != nil {
		return "", "", errInvalidArgument(err.Error())
	}
	delete(b.uploads, id)
	return s.putLocked(b, key, v), v.quotedETag(), nil
}

// chosenParts validates a CompleteMultipartUpload request against the
// upload and returns the parts it names, in order.
func (s *Store) chosenParts(u *upload, input *gofakes3.CompleteMultipartUploadRequest) ([]*part, error) {
	if input == nil || len(input.Parts) == 0 {
		return nil, errMalformedXML()
	}
	if len(input.Parts) > maxParts {
		return nil, errInvalidPart()
	}
	for i := 1; i < len(input.Parts); i++ {
		if input.Parts[i].PartNumber <= input.Parts[i-1].PartNumber {
			return nil, errInvalidPartOrder()
		}
	}
	parts := make([]*part, len(input.Parts))
	for i, in := range input.Parts {
		p, ok := u.parts[in.PartNumber]
		if !ok || !strings.EqualFold(strings.Trim(in.ETag, `"`), strings.Trim(p.etag(), `"`)) {
			return nil, errInvalidPart()
		}
		parts[i] = p
	}
	for _, p := range parts[:len(parts)-1] {
		if s.minPartSize > 0 && int64(len(p.body)) < s.minPartSize {
			return nil, errEntityTooSmall()
		}
	}
	return parts, nil
}

// assemble builds the version a completed upload creates, and its facts.
// It only reads u, which may be shared with other requests.
func assemble(u *upload, parts []*part) (*version, Facts) {
	var size int
	for _, p := range parts {
		size += len(p.body)
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
		extra:    newExtra(u.req.stored, checksum),
	}
	etag.Sum(v.md5[:0])
	return v, facts
}

// ListMultipartUploads lists a bucket's unfinished uploads, sorted by key
// and, within a key, by initiation. Paging follows S3: with a key marker
// alone the list starts after that key; with an upload id marker too it
// starts after that upload of the key. When truncated, NextKeyMarker and
// NextUploadIdMarker name the last upload returned.
func (s *Store) ListMultipartUploads(bucketName string, marker *gofakes3.UploadListMarker, prefix gofakes3.Prefix, limit int64) (*gofakes3.ListMultipartUploadsResult, error) {
	if limit <= 0 || limit > gofakes3.MaxUploadsLimit {
		limit = gofakes3.DefaultMaxUploads
	}
	s.mu.RLock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		s.mu.RUnlock()
		return nil, err
	}
	uploads := make([]*upload, 0, len(b.uploads))
	for _, u := range b.uploads {
		uploads = append(uploads, u)
	}
	owner := &gofakes3.UserInfo{ID: b.markerFacts.Value().ownerID}
	s.mu.RUnlock()
	slices.SortFunc(uploads, func(a, b *upload) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})

	m := newMatcher(&prefix)
	res := &gofakes3.ListMultipartUploadsResult{
		Bucket: bucketName, MaxUploads: limit, Prefix: m.prefix, Delimiter: m.delimiter,
	}
	if marker != nil {
		res.KeyMarker, res.UploadIDMarker = marker.Object, marker.UploadID
	}
	var count int64
	for _, u := range uploads {
		if !strings.HasPrefix(u.key, m.prefix) || !afterUploadMarker(u, uploads, marker) {
			continue
		}
		item, common := m.classify(u.key)
		if common {
			n := len(res.CommonPrefixes)
			if item == res.KeyMarker || n > 0 && res.CommonPrefixes[n-1].Prefix == item {
				continue // listed on this page or an earlier one
			}
		}
		if count == limit {
			res.IsTruncated = true
			break
		}
		count++
		if common {
			res.CommonPrefixes = append(res.CommonPrefixes, gofakes3.CommonPrefix{Prefix: item})
			res.NextKeyMarker, res.NextUploadIDMarker = item, ""
			continue
		}
		res.Uploads = append(res.Uploads, gofakes3.ListMultipartUploadItem{
			Key: u.key, UploadID: u.id, Initiator: owner, Owner: owner,
			StorageClass: gofakes3.StorageClass(storageClassOf(u)),
			Initiated:    gofakes3.NewContentTime(u.initiated),
		})
		res.NextKeyMarker, res.NextUploadIDMarker = u.key, u.id
	}
	if !res.IsTruncated {
		res.NextKeyMarker, res.NextUploadIDMarker = "", ""
	}
	return res, nil
}

// afterUploadMarker reports whether u comes after the marker in listing
// order. uploads is the sorted list u belongs to.
func afterUploadMarker(u *upload, uploads []*upload, marker *gofakes3.UploadListMarker) bool {
	if marker == nil || marker.Object == "" {
		return true
	}
	if u.key != marker.Object || marker.UploadID == "" {
		return u.key > marker.Object
	}
	for _, o := range uploads {
		if o.id == marker.UploadID {
			return u.seq > o.seq
		}
	}
	return false // an unknown upload id marker: S3 starts after the key
}

// storageClassOf is the storage class an upload's object will have.
func storageClassOf(u *upload) string {
	if c := u.req.facts.StorageClass; c != "" {
		return c
	}
	return StorageStandard
}

// ListParts lists the uploaded parts of an upload in part-number order,
// starting after part marker, at most limit of them. When truncated,
// NextPartNumberMarker is the last part returned.
func (s *Store) ListParts(bucketName, key string, id gofakes3.UploadID, marker int, limit int64) (*gofakes3.ListMultipartUploadPartsResult, error) {
	if limit <= 0 || limit > gofakes3.MaxUploadPartsLimit {
		limit = gofakes3.DefaultMaxUploadParts
	}
	s.mu.RLock()
	b, u, err := s.uploadLocked(bucketName, key, id)
	if err != nil {
		s.mu.RUnlock()
		return nil, err
	}
	parts := make([]*part, 0, len(u.parts))
	for _, p := range u.parts {
		if p.number > marker {
			parts = append(parts, p)
		}
	}
	owner := &gofakes3.UserInfo{ID: b.markerFacts.Value().ownerID}
	s.mu.RUnlock()
	slices.SortFunc(parts, func(a, b *part) int { return a.number - b.number })

	res := &gofakes3.ListMultipartUploadPartsResult{
		Bucket: bucketName, Key: key, UploadID: id, PartNumberMarker: marker, MaxParts: limit,
		StorageClass: gofakes3.StorageClass(storageClassOf(u)), Initiator: owner, Owner: owner,
	}
	for i, p := range parts {
		if int64(i) == limit {
			res.IsTruncated = true
			break
		}
		res.Parts = append(res.Parts, gofakes3.ListMultipartUploadPartItem{
			PartNumber: p.number, LastModified: gofakes3.NewContentTime(p.modified),
			ETag: p.etag(), Size: int64(len(p.body)),
		})
		res.NextPartNumberMarker = p.number
	}
	return res, nil
}
