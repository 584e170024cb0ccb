package s3fake

// GetObjectAttributes: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// The attribute names of x-amz-object-attributes.
var objectAttributeNames = map[string]bool{
	"ETag": true, "Checksum": true, "ObjectParts": true, "StorageClass": true, "ObjectSize": true,
}

// defaultMaxParts is S3's page size of ObjectParts.
const defaultMaxParts = 1000

// getObjectAttributes answers the attributes x-amz-object-attributes names,
// with Last-Modified and x-amz-version-id. S3's refusals: a missing or
// empty header is InvalidRequest, a name it does not know InvalidArgument
// (recorded answers of S3). Invalid x-amz-max-parts and
// x-amz-part-number-marker values are ignored, as S3 ignores them.
func (s *Server) getObjectAttributes(req *request) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	want, err := requestedAttributes(req.r.Header)
	if err != nil {
		return response{}, err
	}
	o, err := s.objects.ReadObject(req.bucket, req.key, versionID)
	if err != nil {
		return response{}, err
	}
	if o.DeleteMarker {
		return response{}, deleteMarkerError(req, o, versionID != "")
	}
	if err := checkCustomerKeyRead(req, o); err != nil {
		return response{}, err
	}
	var a xmlcodec.ObjectAttributes
	if want["ETag"] {
		a.ETag = strings.Trim(o.ETag, `"`)
	}
	if want["Checksum"] && o.Facts.Checksum != "" {
		a.ChecksumAlgorithm, a.Checksum, a.ChecksumType = o.Facts.ChecksumAlgorithm, o.Facts.Checksum, o.Facts.ChecksumType
	}
	if want["ObjectParts"] && o.Facts.PartCount > 0 {
		a.Parts = partsPage(o, req.r.Header)
	}
	if want["StorageClass"] {
		a.StorageClass = o.Facts.StorageClass
	}
	if want["ObjectSize"] {
		a.ObjectSize, a.HasSize = o.Size, true
	}
	h := map[string]string{"Last-Modified": o.LastModified.Format(http.TimeFormat)}
	if o.Versioned {
		h["x-amz-version-id"] = o.VersionID
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeObjectAttributes(a), header: h}, nil
}

// requestedAttributes reads x-amz-object-attributes: comma-separated
// names, possibly in several header lines.
func requestedAttributes(h http.Header) (map[string]bool, error) {
	want := map[string]bool{}
	for _, line := range h.Values("X-Amz-Object-Attributes") {
		for _, name := range strings.Split(line, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if !objectAttributeNames[name] {
				e := xmlcodec.NewError(xmlcodec.InvalidArgument, "Invalid attribute name specified.")
				e.ArgumentName, e.ArgumentValue = "x-amz-object-attributes", name
				return nil, e
			}
			want[name] = true
		}
	}
	if len(want) == 0 {
		return nil, xmlcodec.NewError(xmlcodec.InvalidRequest,
			"The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty")
	}
	return want, nil
}

// partsPage is the page of o's parts after x-amz-part-number-marker, at
// most x-amz-max-parts long.
func partsPage(o *objstore.Object, h http.Header) *xmlcodec.ObjectPartsPage {
	p := &xmlcodec.ObjectPartsPage{TotalPartsCount: o.Facts.PartCount, MaxParts: defaultMaxParts}
	if n, err := strconv.Atoi(h.Get("X-Amz-Max-Parts")); err == nil && n >= 0 && n < defaultMaxParts {
		p.MaxParts = n
	}
	if n, err := strconv.Atoi(h.Get("X-Amz-Part-Number-Marker")); err == nil && n > 0 {
		p.PartNumberMarker = n
	}
	for i := p.PartNumberMarker; i < len(o.PartSizes); i++ {
		if len(p.Parts) == p.MaxParts {
			p.IsTruncated = true
			break
		}
		p.Parts = append(p.Parts, xmlcodec.ObjectPartSize{PartNumber: i + 1, Size: o.PartSizes[i]})
		p.NextPartNumberMarker = i + 1
	}
	return p
}
