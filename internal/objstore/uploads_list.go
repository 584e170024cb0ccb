package objstore

import (
	"cmp"
	"encoding/base64"
	"slices"
	"strings"
	"time"
)

// PartInfo is one part of a ListParts answer.
type PartInfo struct {
	PartNumber   int
	LastModified time.Time
	// ETag is the quoted MD5 of the part.
	ETag string
	Size int64
	// Checksum is the part's base64 checksum with the upload's
	// algorithm; "" when the upload has none.
	Checksum string
}

// PartsPage is a ListParts answer.
type PartsPage struct {
	// Upload is the upload listed.
	Upload Upload
	// OwnerID is the canonical id of the bucket owner, who S3 reports as
	// the upload's owner.
	OwnerID string
	// Parts are the parts after the marker, in part-number order.
	Parts []PartInfo
	// IsTruncated says more parts follow; NextPartNumberMarker is then
	// the last part listed (0 when none is).
	IsTruncated          bool
	NextPartNumberMarker int
}

// ListUploadParts lists the parts of an unfinished upload numbered above
// marker, at most maxParts of them (0 lists none, and is truncated when a
// part follows).
func (s *Store) ListUploadParts(bucketName, key, uploadID string, marker, maxParts int) (PartsPage, error) {
	s.mu.RLock()
	b, u, err := s.uploadLocked(bucketName, key, uploadID)
	if err != nil {
		s.mu.RUnlock()
		return PartsPage{}, err
	}
	parts := make([]*part, 0, len(u.parts))
	for _, p := range u.parts {
		if p.number > marker {
			parts = append(parts, p)
		}
	}
	page := PartsPage{Upload: describeUpload(b, u), OwnerID: b.markerFacts.Value().ownerID}
	s.mu.RUnlock()
	slices.SortFunc(parts, func(a, b *part) int { return a.number - b.number })

	for i, p := range parts {
		if i == maxParts {
			page.IsTruncated = true
			break
		}
		info := PartInfo{PartNumber: p.number, LastModified: p.modified, ETag: p.etag(), Size: int64(len(p.body))}
		if p.checksum != nil {
			info.Checksum = base64.StdEncoding.EncodeToString(p.checksum)
		}
		page.Parts = append(page.Parts, info)
		page.NextPartNumberMarker = p.number
	}
	return page, nil
}

// UploadsQuery selects the uploads ListUploads returns.
type UploadsQuery struct {
	// Prefix and Delimiter roll keys up into common prefixes, as
	// ListObjects does.
	Prefix, Delimiter string
	// KeyMarker alone starts the list after that key; with
	// UploadIDMarker it starts after that upload of the key (after the
	// key when the upload is not one of its).
	KeyMarker, UploadIDMarker string
	// MaxUploads is the most uploads and common prefixes returned.
	MaxUploads int
}

// UploadsPage is a ListMultipartUploads answer.
type UploadsPage struct {
	// Uploads are sorted by key and, within a key, by initiation.
	Uploads []Upload
	// CommonPrefixes are the keys rolled up by the delimiter, each once.
	CommonPrefixes []string
	// IsTruncated says more follow; NextKeyMarker and NextUploadIDMarker
	// then name the last entry returned (a common prefix has no upload
	// id).
	IsTruncated                       bool
	NextKeyMarker, NextUploadIDMarker string
	// OwnerID is the canonical id of the bucket owner.
	OwnerID string
}

// ListUploads lists a bucket's unfinished uploads.
func (s *Store) ListUploads(bucketName string, q UploadsQuery) (UploadsPage, error) {
	s.mu.RLock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		s.mu.RUnlock()
		return UploadsPage{}, err
	}
	uploads := make([]*upload, 0, len(b.uploads))
	for _, u := range b.uploads {
		if u.done == nil && strings.HasPrefix(u.key, q.Prefix) {
			uploads = append(uploads, u)
		}
	}
	page := UploadsPage{OwnerID: b.markerFacts.Value().ownerID}
	s.mu.RUnlock()
	slices.SortFunc(uploads, func(a, b *upload) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})

	count := 0
	for _, u := range uploads {
		if !afterUploadsMarker(u, uploads, q) {
			continue
		}
		item, common := rollUp(u.key, q.Prefix, q.Delimiter)
		if common {
			n := len(page.CommonPrefixes)
			if item == q.KeyMarker || n > 0 && page.CommonPrefixes[n-1] == item {
				continue // listed on this page or an earlier one
			}
		}
		if count == q.MaxUploads {
			page.IsTruncated = true
			break
		}
		count++
		if common {
			page.CommonPrefixes = append(page.CommonPrefixes, item)
			page.NextKeyMarker, page.NextUploadIDMarker = item, ""
			continue
		}
		page.Uploads = append(page.Uploads, describeUpload(b, u))
		page.NextKeyMarker, page.NextUploadIDMarker = u.key, u.id
	}
	if !page.IsTruncated {
		page.NextKeyMarker, page.NextUploadIDMarker = "", ""
	}
	return page, nil
}

// rollUp returns the listing entry of key (which has prefix): the key, or
// (common) the common prefix the delimiter rolls it into.
func rollUp(key, prefix, delimiter string) (entry string, common bool) {
	if delimiter == "" {
		return key, false
	}
	j := strings.Index(key[len(prefix):], delimiter)
	if j < 0 {
		return key, false
	}
	return key[:len(prefix)+j+len(delimiter)], true
}

// afterUploadsMarker reports whether u comes after the query's markers in
// listing order. uploads is the sorted list u belongs to.
func afterUploadsMarker(u *upload, uploads []*upload, q UploadsQuery) bool {
	if q.KeyMarker == "" {
		return true
	}
	if u.key != q.KeyMarker || q.UploadIDMarker == "" {
		return u.key > q.KeyMarker
	}
	for _, o := range uploads {
		if o.id == q.UploadIDMarker {
			return u.seq > o.seq
		}
	}
	return false // an unknown upload id marker: S3 starts after the key
}
