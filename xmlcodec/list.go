package xmlcodec

import (
	"strconv"
	"time"
)

// The listing documents: ListBucketResult (ListObjects v1 and v2) and
// ListVersionsResult (ListObjectVersions). Element order follows S3's
// answers; key-bearing elements go through enc (encoding-type=url) and
// writeText (S3's character references), never encoding/xml, which
// writes U+FFFD for a control character and so loses the key.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html

// ListEntry is one object version of a listing: a <Contents> of
// ListBucketResult, a <Version> or a <DeleteMarker> of ListVersionsResult.
type ListEntry struct {
	Key string
	// VersionID is the version id, "" for the null version (written
	// "null"). ListBucketResult has none.
	VersionID    string
	IsLatest     bool
	DeleteMarker bool
	LastModified time.Time
	// ETag is the entity tag without quotes.
	ETag string
	// ChecksumAlgorithm and ChecksumType are written when the version
	// has a checksum.
	ChecksumAlgorithm, ChecksumType string
	Size                            int64
	// OwnerID is the owner's canonical id; "" writes no <Owner>
	// (ListObjectsV2 without fetch-owner).
	OwnerID      string
	StorageClass string
}

// ListCommon is what ListObjects v1 and v2 answers share.
type ListCommon struct {
	Bucket string
	Prefix string
	// Delimiter is written when not empty: S3 leaves an empty one out.
	Delimiter string
	MaxKeys   int
	// URLEncoded is encoding-type=url: keys, prefixes, delimiter and
	// markers are percent-encoded and <EncodingType>url</EncodingType> is
	// written.
	URLEncoded     bool
	IsTruncated    bool
	Contents       []ListEntry
	CommonPrefixes []string
}

// ListObjectsResult is a ListObjects (v1) answer.
type ListObjectsResult struct {
	ListCommon
	// Marker is echoed, empty when none was sent.
	Marker string
	// NextMarker is written when set (S3 sets it only with a delimiter
	// on a truncated page).
	NextMarker string
}

// ListObjectsV2Result is a ListObjectsV2 answer.
type ListObjectsV2Result struct {
	ListCommon
	// StartAfter is echoed when set.
	StartAfter string
	// ContinuationToken is echoed when the request had one.
	ContinuationToken     string
	NextContinuationToken string
}

// EncodeListObjects returns ListObjects' ListBucketResult body.
func EncodeListObjects(r ListObjectsResult) []byte {
	var w writer
	w.raw(header)
	w.open("ListBucketResult", Namespace)
	w.leaf("Name", r.Bucket)
	r.key(&w, "Prefix", r.Prefix)
	r.key(&w, "Marker", r.Marker)
	if r.NextMarker != "" {
		r.key(&w, "NextMarker", r.NextMarker)
	}
	r.tail(&w)
	return w.bytes()
}

// EncodeListObjectsV2 returns ListObjectsV2's ListBucketResult body.
func EncodeListObjectsV2(r ListObjectsV2Result) []byte {
	var w writer
	w.raw(header)
	w.open("ListBucketResult", Namespace)
	w.leaf("Name", r.Bucket)
	r.key(&w, "Prefix", r.Prefix)
	if r.StartAfter != "" {
		r.key(&w, "StartAfter", r.StartAfter)
	}
	if r.ContinuationToken != "" {
		w.leaf("ContinuationToken", r.ContinuationToken)
	}
	if r.NextContinuationToken != "" {
		w.leaf("NextContinuationToken", r.NextContinuationToken)
	}
	w.leaf("KeyCount", strconv.Itoa(len(r.Contents)+len(r.CommonPrefixes)))
	r.tail(&w)
	return w.bytes()
}

// tail writes what follows the markers: MaxKeys, Delimiter,
// EncodingType, IsTruncated, the entries and the common prefixes.
func (r ListCommon) tail(w *writer) {
	w.leaf("MaxKeys", strconv.Itoa(r.MaxKeys))
	if r.Delimiter != "" {
		r.key(w, "Delimiter", r.Delimiter)
	}
	if r.URLEncoded {
		w.leaf("EncodingType", "url")
	}
	w.leaf("IsTruncated", strconv.FormatBool(r.IsTruncated))
	for _, e := range r.Contents {
		w.open("Contents", "")
		r.key(w, "Key", e.Key)
		e.body(w)
		w.close("Contents")
	}
	writePrefixes(w, r.URLEncoded, r.CommonPrefixes)
	w.close("ListBucketResult")
}

func (r ListCommon) key(w *writer, name, value string) { keyLeaf(w, name, value, r.URLEncoded) }

// body writes an entry's elements after Key (and VersionId, IsLatest).
func (e ListEntry) body(w *writer) {
	w.leaf("LastModified", formatTime(e.LastModified))
	if e.DeleteMarker {
		e.owner(w)
		return
	}
	textLeaf(w, "ETag", `"`+e.ETag+`"`)
	if e.ChecksumAlgorithm != "" {
		w.leaf("ChecksumAlgorithm", e.ChecksumAlgorithm)
		if e.ChecksumType != "" {
			w.leaf("ChecksumType", e.ChecksumType)
		}
	}
	w.leaf("Size", strconv.FormatInt(e.Size, 10))
	e.owner(w)
	w.leaf("StorageClass", e.StorageClass)
}

// owner writes <Owner> with the canonical id only: S3 no longer sends
// DisplayName in listings.
func (e ListEntry) owner(w *writer) {
	if e.OwnerID == "" {
		return
	}
	w.open("Owner", "")
	w.leaf("ID", e.OwnerID)
	w.close("Owner")
}

func writePrefixes(w *writer, urlEncoded bool, prefixes []string) {
	for _, p := range prefixes {
		w.open("CommonPrefixes", "")
		keyLeaf(w, "Prefix", p, urlEncoded)
		w.close("CommonPrefixes")
	}
}

// ListVersionsResult is a ListObjectVersions answer.
type ListVersionsResult struct {
	Bucket string
	Prefix string
	// KeyMarker and VersionIDMarker are echoed, empty when not sent.
	KeyMarker, VersionIDMarker string
	// NextKeyMarker and NextVersionIDMarker are written when set.
	NextKeyMarker, NextVersionIDMarker string
	// MaxKeys is echoed as requested (S3 echoes 2147483647 and lists
	// 1000).
	MaxKeys int
	// Delimiter is written when the request had one, even empty.
	Delimiter    string
	HasDelimiter bool
	// URLEncoded is encoding-type=url (see ListCommon).
	URLEncoded  bool
	IsTruncated bool
	// Entries are the versions and delete markers in order.
	Entries        []ListEntry
	CommonPrefixes []string
}

// EncodeListVersions returns ListObjectVersions' ListVersionsResult body.
func EncodeListVersions(r ListVersionsResult) []byte {
	var w writer
	w.raw(header)
	w.open("ListVersionsResult", Namespace)
	w.leaf("Name", r.Bucket)
	keyLeaf(&w, "Prefix", r.Prefix, r.URLEncoded)
	keyLeaf(&w, "KeyMarker", r.KeyMarker, r.URLEncoded)
	textLeaf(&w, "VersionIdMarker", r.VersionIDMarker)
	if r.NextKeyMarker != "" {
		keyLeaf(&w, "NextKeyMarker", r.NextKeyMarker, r.URLEncoded)
	}
	if r.NextVersionIDMarker != "" {
		w.leaf("NextVersionIdMarker", r.NextVersionIDMarker)
	}
	w.leaf("MaxKeys", strconv.Itoa(r.MaxKeys))
	if r.HasDelimiter {
		keyLeaf(&w, "Delimiter", r.Delimiter, r.URLEncoded)
	}
	if r.URLEncoded {
		w.leaf("EncodingType", "url")
	}
	w.leaf("IsTruncated", strconv.FormatBool(r.IsTruncated))
	for _, e := range r.Entries {
		name := "Version"
		if e.DeleteMarker {
			name = "DeleteMarker"
		}
		w.open(name, "")
		keyLeaf(&w, "Key", e.Key, r.URLEncoded)
		id := e.VersionID
		if id == "" {
			id = "null"
		}
		w.leaf("VersionId", id)
		w.leaf("IsLatest", strconv.FormatBool(e.IsLatest))
		e.body(&w)
		w.close(name)
	}
	writePrefixes(&w, r.URLEncoded, r.CommonPrefixes)
	w.close("ListVersionsResult")
	return w.bytes()
}

// formatTime is S3's timestamp in listings: UTC, milliseconds.
func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
