package objstore

import (
	"encoding/hex"
	"io"
	"strconv"
	"time"

	"github.com/johannesboyne/gofakes3"
)

// upload is a multipart upload. Unfinished, it collects parts; once
// completed it is replaced in its bucket by a tombstone (done set, nothing
// else kept) that only answers a repeated CompleteMultipartUpload, as S3
// does. An upload is never changed after it is replaced, so a request that
// read it under the lock may keep using it.
type upload struct {
	id        gofakes3.UploadID
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
func (s *Store) uploadLocked(bucketName, key string, id gofakes3.UploadID) (*bucket, *upload, error) {
	b, u, err := s.anyUploadLocked(bucketName, key, id)
	if err == nil && u.done != nil {
		return nil, nil, errNoSuchUpload(string(id))
	}
	return b, u, err
}

// anyUploadLocked is uploadLocked that also finds completed uploads.
func (s *Store) anyUploadLocked(bucketName, key string, id gofakes3.UploadID) (*bucket, *upload, error) {
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

// Transitional: the gofakes3 MultipartBackend methods below are thin
// adapters over the store's own multipart API (uploads*.go), for the calls
// gofakes3 still serves. They go with the last pass-through.

// CreateMultipartUpload starts an upload of key (see CreateUpload).
func (s *Store) CreateMultipartUpload(bucketName, key string, meta map[string]string) (gofakes3.UploadID, error) {
	u, err := s.CreateUpload(bucketName, key, meta)
	return gofakes3.UploadID(u.ID), err
}

// UploadPart stores part partNumber (1 to 10,000) of an upload, replacing
// an earlier upload of the same number, and returns its ETag (the quoted
// MD5 of the part). contentLength is -1 when unknown. Checksum headers are
// not seen here (Wrap checks them).
func (s *Store) UploadPart(bucketName, key string, id gofakes3.UploadID, partNumber int, contentLength int64, input io.Reader) (string, error) {
	var body []byte
	var err error
	if contentLength >= 0 {
		body, err = gofakes3.ReadAll(input, contentLength)
	} else {
		body, err = io.ReadAll(input)
	}
	if err != nil {
		return "", err
	}
	res, err := s.putPart(bucketName, key, string(id), PartUpload{PartNumber: strconv.Itoa(partNumber), Body: body}, false)
	return res.ETag, err
}

// AbortMultipartUpload discards an upload and its parts (see AbortUpload).
func (s *Store) AbortMultipartUpload(bucketName, key string, id gofakes3.UploadID) error {
	return s.AbortUpload(bucketName, key, string(id))
}

// CompleteMultipartUpload assembles the listed parts (see CompleteUpload),
// without the part checksum checks and, unlike S3, answering a repeated
// completion with NoSuchUpload.
func (s *Store) CompleteMultipartUpload(bucketName, key string, id gofakes3.UploadID, input *gofakes3.CompleteMultipartUploadRequest) (gofakes3.VersionID, string, error) {
	var parts []UploadedPart
	if input != nil {
		for _, p := range input.Parts {
			parts = append(parts, UploadedPart{PartNumber: p.PartNumber, ETag: p.ETag})
		}
	}
	res, err := s.complete(bucketName, key, string(id), CompleteRequest{Parts: parts}, false)
	return gofakes3.VersionID(res.VersionID), res.ETag, err
}

// ListMultipartUploads lists a bucket's unfinished uploads (see
// ListUploads); a limit outside 1..1000 means 1000.
func (s *Store) ListMultipartUploads(bucketName string, marker *gofakes3.UploadListMarker, prefix gofakes3.Prefix, limit int64) (*gofakes3.ListMultipartUploadsResult, error) {
	if limit <= 0 || limit > gofakes3.MaxUploadsLimit {
		limit = gofakes3.DefaultMaxUploads
	}
	q := UploadsQuery{MaxUploads: int(limit)}
	if prefix.HasPrefix {
		q.Prefix = prefix.Prefix
	}
	if prefix.HasDelimiter {
		q.Delimiter = prefix.Delimiter
	}
	if marker != nil {
		q.KeyMarker, q.UploadIDMarker = marker.Object, string(marker.UploadID)
	}
	page, err := s.ListUploads(bucketName, q)
	if err != nil {
		return nil, err
	}
	owner := &gofakes3.UserInfo{ID: page.OwnerID}
	res := &gofakes3.ListMultipartUploadsResult{
		Bucket: bucketName, MaxUploads: limit, Prefix: q.Prefix, Delimiter: q.Delimiter,
		KeyMarker: q.KeyMarker, UploadIDMarker: gofakes3.UploadID(q.UploadIDMarker),
		NextKeyMarker: page.NextKeyMarker, NextUploadIDMarker: gofakes3.UploadID(page.NextUploadIDMarker),
		IsTruncated: page.IsTruncated,
	}
	for _, u := range page.Uploads {
		res.Uploads = append(res.Uploads, gofakes3.ListMultipartUploadItem{
			Key: u.Key, UploadID: gofakes3.UploadID(u.ID), Initiator: owner, Owner: owner,
			StorageClass: gofakes3.StorageClass(u.Facts.StorageClass),
			Initiated:    gofakes3.NewContentTime(u.Initiated),
		})
	}
	for _, p := range page.CommonPrefixes {
		res.CommonPrefixes = append(res.CommonPrefixes, gofakes3.CommonPrefix{Prefix: p})
	}
	return res, nil
}

// ListParts lists the uploaded parts of an upload (see ListUploadParts); a
// limit outside 1..1000 means 1000.
func (s *Store) ListParts(bucketName, key string, id gofakes3.UploadID, marker int, limit int64) (*gofakes3.ListMultipartUploadPartsResult, error) {
	if limit <= 0 || limit > gofakes3.MaxUploadPartsLimit {
		limit = gofakes3.DefaultMaxUploadParts
	}
	page, err := s.ListUploadParts(bucketName, key, string(id), marker, int(limit))
	if err != nil {
		return nil, err
	}
	owner := &gofakes3.UserInfo{ID: page.OwnerID}
	res := &gofakes3.ListMultipartUploadPartsResult{
		Bucket: bucketName, Key: key, UploadID: id, PartNumberMarker: marker, MaxParts: limit,
		StorageClass: gofakes3.StorageClass(page.Upload.Facts.StorageClass), Initiator: owner, Owner: owner,
		IsTruncated: page.IsTruncated, NextPartNumberMarker: page.NextPartNumberMarker,
	}
	for _, p := range page.Parts {
		res.Parts = append(res.Parts, gofakes3.ListMultipartUploadPartItem{
			PartNumber: p.PartNumber, LastModified: gofakes3.NewContentTime(p.LastModified),
			ETag: p.ETag, Size: p.Size,
		})
	}
	return res, nil
}
