package xmlcodec

import (
	"strconv"
	"time"
)

// The multipart documents: InitiateMultipartUploadResult,
// CompleteMultipartUpload (the request) and its result, CopyPartResult,
// ListPartsResult and ListMultipartUploadsResult. Keys go through
// keyLeaf, as in the object listings.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html

// PartChecksum is a checksum in a multipart document: Algorithm (CRC32,
// CRC32C, CRC64NVME, SHA1 or SHA256) names the Checksum<Algorithm>
// element; an empty Algorithm writes nothing.
type PartChecksum struct {
	Algorithm, Value string
}

func (c PartChecksum) write(w *writer) {
	if c.Algorithm != "" && c.Value != "" {
		w.leaf("Checksum"+c.Algorithm, c.Value)
	}
}

// EncodeInitiateMultipartUpload returns CreateMultipartUpload's answer.
func EncodeInitiateMultipartUpload(bucket, key, uploadID string) []byte {
	var w writer
	w.raw(header)
	w.open("InitiateMultipartUploadResult", Namespace)
	w.leaf("Bucket", bucket)
	textLeaf(&w, "Key", key)
	w.leaf("UploadId", uploadID)
	w.close("InitiateMultipartUploadResult")
	return w.bytes()
}

// CompletedPart is one <Part> of a CompleteMultipartUpload request.
type CompletedPart struct {
	PartNumber int
	// ETag is as sent ("" when the element is absent).
	ETag string
	// Checksums maps an algorithm (CRC32, ...) to the part's
	// Checksum<Algorithm> value.
	Checksums map[string]string
}

var (
	completeSchema = schema{{name: "Part", repeated: true}}
	partSchema     = schema{{name: "PartNumber", required: true}, {name: "ETag"},
		{name: "ChecksumCRC32"}, {name: "ChecksumCRC32C"}, {name: "ChecksumCRC64NVME"},
		{name: "ChecksumSHA1"}, {name: "ChecksumSHA256"}}
	partChecksumAlgorithms = []string{"CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"}
)

// DecodeCompleteMultipartUpload reads a CompleteMultipartUpload request
// strictly: an empty body, another root, an unknown or repeated element,
// a Part without a PartNumber or with one that is not an integer is a
// *MalformedError. A document without parts decodes to none (the store
// refuses it).
func DecodeCompleteMultipartUpload(data []byte) ([]CompletedPart, error) {
	if len(trimSpace(string(data))) == 0 {
		return nil, malformed("empty CompleteMultipartUpload")
	}
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	if root.name != "CompleteMultipartUpload" {
		return nil, malformed("root element %s", root.name)
	}
	k, err := root.childrenBy(completeSchema)
	if err != nil {
		return nil, err
	}
	var parts []CompletedPart
	for _, pn := range k.get("Part") {
		p, err := decodeCompletedPart(pn)
		if err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	return parts, nil
}

func decodeCompletedPart(n *node) (CompletedPart, error) {
	k, err := n.childrenBy(partSchema)
	if err != nil {
		return CompletedPart{}, err
	}
	num, err := k.get("PartNumber")[0].leaf()
	if err != nil {
		return CompletedPart{}, err
	}
	var p CompletedPart
	if p.PartNumber, err = strconv.Atoi(trimSpace(num)); err != nil {
		return CompletedPart{}, malformed("PartNumber %q", num)
	}
	if e := k.get("ETag"); len(e) > 0 {
		if p.ETag, err = e[0].leaf(); err != nil {
			return CompletedPart{}, err
		}
	}
	for _, alg := range partChecksumAlgorithms {
		c := k.get("Checksum" + alg)
		if len(c) == 0 {
			continue
		}
		v, err := c[0].leaf()
		if err != nil {
			return CompletedPart{}, err
		}
		if p.Checksums == nil {
			p.Checksums = map[string]string{}
		}
		p.Checksums[alg] = trimSpace(v)
	}
	return p, nil
}

// CompleteMultipartUploadResult is CompleteMultipartUpload's answer.
type CompleteMultipartUploadResult struct {
	Location, Bucket, Key string
	// ETag is quoted.
	ETag string
	// Checksum and ChecksumType (FULL_OBJECT or COMPOSITE) are the
	// object's checksum; written when set.
	Checksum     PartChecksum
	ChecksumType string
}

// EncodeCompleteMultipartUpload returns the CompleteMultipartUploadResult
// body.
func EncodeCompleteMultipartUpload(r CompleteMultipartUploadResult) []byte {
	var w writer
	w.raw(header)
	w.open("CompleteMultipartUploadResult", Namespace)
	w.leaf("Location", r.Location)
	w.leaf("Bucket", r.Bucket)
	textLeaf(&w, "Key", r.Key)
	textLeaf(&w, "ETag", r.ETag)
	r.Checksum.write(&w)
	if r.ChecksumType != "" && r.Checksum.Algorithm != "" {
		w.leaf("ChecksumType", r.ChecksumType)
	}
	w.close("CompleteMultipartUploadResult")
	return w.bytes()
}

// EncodeCopyPartResult returns UploadPartCopy's answer: the part's quoted
// ETag, its time and its checksum (with the upload's algorithm, if any).
func EncodeCopyPartResult(etag string, lastModified time.Time, sum PartChecksum) []byte {
	var w writer
	w.raw(header)
	w.open("CopyPartResult", Namespace)
	textLeaf(&w, "ETag", etag)
	w.leaf("LastModified", formatTime(lastModified))
	sum.write(&w)
	w.close("CopyPartResult")
	return w.bytes()
}

// ListedPart is one <Part> of ListPartsResult.
type ListedPart struct {
	PartNumber   int
	LastModified time.Time
	// ETag is quoted.
	ETag     string
	Size     int64
	Checksum PartChecksum
}

// ListPartsResult is ListParts' answer.
type ListPartsResult struct {
	Bucket, Key, UploadID string
	// PartNumberMarker is the marker sent (0 when none);
	// NextPartNumberMarker the last part listed.
	PartNumberMarker, NextPartNumberMarker int
	MaxParts                               int
	IsTruncated                            bool
	Parts                                  []ListedPart
	// OwnerID is the canonical id written as Initiator and Owner.
	OwnerID      string
	StorageClass string
	// ChecksumAlgorithm and ChecksumType are the upload's, written when
	// it has an algorithm.
	ChecksumAlgorithm, ChecksumType string
}

// EncodeListParts returns the ListPartsResult body.
func EncodeListParts(r ListPartsResult) []byte {
	var w writer
	w.raw(header)
	w.open("ListPartsResult", Namespace)
	w.leaf("Bucket", r.Bucket)
	textLeaf(&w, "Key", r.Key)
	w.leaf("UploadId", r.UploadID)
	w.leaf("PartNumberMarker", strconv.Itoa(r.PartNumberMarker))
	w.leaf("NextPartNumberMarker", strconv.Itoa(r.NextPartNumberMarker))
	w.leaf("MaxParts", strconv.Itoa(r.MaxParts))
	w.leaf("IsTruncated", strconv.FormatBool(r.IsTruncated))
	for _, p := range r.Parts {
		w.open("Part", "")
		w.leaf("PartNumber", strconv.Itoa(p.PartNumber))
		w.leaf("LastModified", formatTime(p.LastModified))
		textLeaf(&w, "ETag", p.ETag)
		w.leaf("Size", strconv.FormatInt(p.Size, 10))
		p.Checksum.write(&w)
		w.close("Part")
	}
	uploadParties(&w, r.OwnerID)
	w.leaf("StorageClass", r.StorageClass)
	if r.ChecksumAlgorithm != "" {
		w.leaf("ChecksumAlgorithm", r.ChecksumAlgorithm)
		w.leaf("ChecksumType", r.ChecksumType)
	}
	w.close("ListPartsResult")
	return w.bytes()
}

// uploadParties writes <Initiator> and <Owner> with the canonical id.
func uploadParties(w *writer, ownerID string) {
	for _, name := range []string{"Initiator", "Owner"} {
		w.open(name, "")
		w.leaf("ID", ownerID)
		w.close(name)
	}
}

// ListedUpload is one <Upload> of ListMultipartUploadsResult.
type ListedUpload struct {
	Key, UploadID string
	// OwnerID is the canonical id written as Initiator and Owner.
	OwnerID      string
	StorageClass string
	Initiated    time.Time
	// ChecksumAlgorithm and ChecksumType are written when the upload has
	// an algorithm.
	ChecksumAlgorithm, ChecksumType string
}

// ListMultipartUploadsResult is ListMultipartUploads' answer.
type ListMultipartUploadsResult struct {
	Bucket string
	// KeyMarker and UploadIDMarker are echoed (empty when not sent).
	KeyMarker, UploadIDMarker         string
	NextKeyMarker, NextUploadIDMarker string
	// Prefix and Delimiter are written when sent.
	Prefix, Delimiter string
	// URLEncoded is encoding-type=url: keys, prefixes, delimiter and key
	// markers are percent-encoded and EncodingType is written.
	URLEncoded     bool
	MaxUploads     int
	IsTruncated    bool
	Uploads        []ListedUpload
	CommonPrefixes []string
}

// EncodeListMultipartUploads returns the ListMultipartUploadsResult body.
func EncodeListMultipartUploads(r ListMultipartUploadsResult) []byte {
	var w writer
	w.raw(header)
	w.open("ListMultipartUploadsResult", Namespace)
	w.leaf("Bucket", r.Bucket)
	keyLeaf(&w, "KeyMarker", r.KeyMarker, r.URLEncoded)
	w.leaf("UploadIdMarker", r.UploadIDMarker)
	keyLeaf(&w, "NextKeyMarker", r.NextKeyMarker, r.URLEncoded)
	w.leaf("NextUploadIdMarker", r.NextUploadIDMarker)
	if r.Delimiter != "" {
		keyLeaf(&w, "Delimiter", r.Delimiter, r.URLEncoded)
	}
	if r.Prefix != "" {
		keyLeaf(&w, "Prefix", r.Prefix, r.URLEncoded)
	}
	if r.URLEncoded {
		w.leaf("EncodingType", "url")
	}
	w.leaf("MaxUploads", strconv.Itoa(r.MaxUploads))
	w.leaf("IsTruncated", strconv.FormatBool(r.IsTruncated))
	for _, u := range r.Uploads {
		w.open("Upload", "")
		keyLeaf(&w, "Key", u.Key, r.URLEncoded)
		w.leaf("UploadId", u.UploadID)
		uploadParties(&w, u.OwnerID)
		w.leaf("StorageClass", u.StorageClass)
		w.leaf("Initiated", formatTime(u.Initiated))
		if u.ChecksumAlgorithm != "" {
			w.leaf("ChecksumAlgorithm", u.ChecksumAlgorithm)
			w.leaf("ChecksumType", u.ChecksumType)
		}
		w.close("Upload")
	}
	writePrefixes(&w, r.URLEncoded, r.CommonPrefixes)
	w.close("ListMultipartUploadsResult")
	return w.bytes()
}
