package xmlcodec

// The body of GetObjectAttributes.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html

import "strconv"

// ObjectAttributes is what GetObjectAttributes answers; only the
// attributes asked for are set (the others are left out of the body).
type ObjectAttributes struct {
	// ETag is unquoted, as S3 writes it here.
	ETag string
	// ChecksumAlgorithm, Checksum and ChecksumType make the <Checksum>
	// element; Checksum "" leaves it out.
	ChecksumAlgorithm, Checksum, ChecksumType string
	// Parts, when not nil, is <ObjectParts> (multipart objects only).
	Parts        *ObjectPartsPage
	StorageClass string
	// ObjectSize is written when HasSize is set.
	ObjectSize int64
	HasSize    bool
}

// ObjectPartsPage is a page of a multipart object's parts.
type ObjectPartsPage struct {
	TotalPartsCount                        int
	PartNumberMarker, NextPartNumberMarker int
	MaxParts                               int
	IsTruncated                            bool
	Parts                                  []ObjectPartSize
}

// ObjectPartSize is one <Part>.
type ObjectPartSize struct {
	PartNumber int
	Size       int64
}

// EncodeObjectAttributes returns GetObjectAttributes' body.
func EncodeObjectAttributes(a ObjectAttributes) []byte {
	var w writer
	cfgStart(&w, "GetObjectAttributesResponse")
	if a.ETag != "" {
		w.leaf("ETag", a.ETag)
	}
	if a.Checksum != "" {
		w.open("Checksum", "")
		w.leaf("Checksum"+a.ChecksumAlgorithm, a.Checksum)
		if a.ChecksumType != "" {
			w.leaf("ChecksumType", a.ChecksumType)
		}
		w.close("Checksum")
	}
	if p := a.Parts; p != nil {
		w.open("ObjectParts", "")
		w.leaf("PartsCount", strconv.Itoa(p.TotalPartsCount)) // TotalPartsCount on the wire is PartsCount
		w.leaf("PartNumberMarker", strconv.Itoa(p.PartNumberMarker))
		w.leaf("NextPartNumberMarker", strconv.Itoa(p.NextPartNumberMarker))
		w.leaf("MaxParts", strconv.Itoa(p.MaxParts))
		w.leaf("IsTruncated", strconv.FormatBool(p.IsTruncated))
		for _, part := range p.Parts {
			w.open("Part", "")
			w.leaf("PartNumber", strconv.Itoa(part.PartNumber))
			w.leaf("Size", strconv.FormatInt(part.Size, 10))
			w.close("Part")
		}
		w.close("ObjectParts")
	}
	if a.StorageClass != "" {
		w.leaf("StorageClass", a.StorageClass)
	}
	if a.HasSize {
		w.leaf("ObjectSize", strconv.FormatInt(a.ObjectSize, 10))
	}
	w.close("GetObjectAttributesResponse")
	return w.bytes()
}
