package s3fake

// GetObject and HeadObject: version selection, delete markers, conditional
// requests, Range and partNumber, response-* overrides.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// readObject serves GetObject (withBody) and HeadObject. HEAD errors go
// out with S3's status and no body (writeError).
func (s *Server) readObject(req *request, withBody bool) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	overrides, err := responseOverrides(req)
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
	h := objectHeaders(o)
	switch out, condition := readPreconditions(req.r.Header).Evaluate(o.ETag, o.LastModified); out {
	case objstore.Failed:
		e := xmlcodec.NewError(xmlcodec.PreconditionFailed, "")
		e.Extra = []xmlcodec.ExtraField{{Name: "Condition", Value: condition}}
		return response{}, e
	case objstore.NotModified:
		return response{status: http.StatusNotModified, header: notModifiedHeaders(h)}, nil
	}
	if withBody && o.Archived() {
		e := xmlcodec.NewError(xmlcodec.InvalidObjectState, "")
		e.Extra = []xmlcodec.ExtraField{{Name: "StorageClass", Value: o.Facts.StorageClass}}
		return response{}, e
	}
	sp, err := selectSpan(req, o)
	if err != nil {
		return response{}, err
	}
	status := http.StatusOK
	if sp.contentRange != "" {
		status = http.StatusPartialContent
		h["Content-Range"] = sp.contentRange
	}
	if sp.partsCount > 0 {
		h["x-amz-mp-parts-count"] = strconv.Itoa(sp.partsCount)
	}
	// A full-object checksum describes the whole object only: on a range
	// an SDK validating it would fail.
	if sp.whole && strings.EqualFold(headerValue(req.r.Header, "X-Amz-Checksum-Mode"), "ENABLED") {
		checksumHeaders(h, o.Facts)
	}
	if len(o.Tags) > 0 {
		h["x-amz-tagging-count"] = strconv.Itoa(len(o.Tags))
	}
	for k, v := range overrides {
		h[k] = v
	}
	h["Content-Length"] = contentLength(sp.n)
	resp := response{status: status, header: h}
	if withBody {
		resp.stream = o.Content(sp.start, sp.n)
	}
	return resp, nil
}

// versionParam is the versionId query parameter: "" when absent; S3
// refuses an empty one.
func versionParam(req *request) (string, error) {
	vs, ok := req.query["versionId"]
	if !ok {
		return "", nil
	}
	if len(vs) == 0 || vs[0] == "" {
		e := xmlcodec.NewError(xmlcodec.InvalidArgument, "Version id cannot be the empty string")
		e.ArgumentName, e.ArgumentValue = "versionId", ""
		return "", e
	}
	return vs[0], nil
}

// deleteMarkerError is S3's answer to a read that finds a delete marker:
// 404 NoSuchKey when it is the current version, 405 MethodNotAllowed when
// the request named it by id; both with x-amz-delete-marker: true and the
// marker's version id.
func deleteMarkerError(req *request, o *objstore.Object, byID bool) error {
	var e *xmlcodec.ErrorBody
	if byID {
		e = xmlcodec.NewError(xmlcodec.MethodNotAllowed, "")
		e.Extra = []xmlcodec.ExtraField{{Name: "Method", Value: req.r.Method}, {Name: "ResourceType", Value: "DeleteMarker"}}
	} else {
		e = xmlcodec.NewError(xmlcodec.NoSuchKey, "")
		e.Key = req.key
	}
	e.Headers = map[string]string{
		"x-amz-delete-marker": "true",
		"Last-Modified":       o.LastModified.Format(http.TimeFormat),
	}
	if o.Versioned {
		e.Headers["x-amz-version-id"] = o.VersionID
	}
	if byID {
		e.Headers["Allow"] = "DELETE"
	}
	return e
}

// readPreconditions are a read's conditional headers.
func readPreconditions(h http.Header) objstore.Preconditions {
	return objstore.Preconditions{
		IfMatch:           headerValue(h, "If-Match"),
		IfNoneMatch:       headerValue(h, "If-None-Match"),
		IfModifiedSince:   httpDate(headerValue(h, "If-Modified-Since")),
		IfUnmodifiedSince: httpDate(headerValue(h, "If-Unmodified-Since")),
	}
}

// notModifiedHeaders are the headers of a 304: the validators only.
func notModifiedHeaders(h map[string]string) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"ETag", "Last-Modified", "x-amz-version-id"} {
		if v, ok := h[k]; ok {
			out[k] = v
		}
	}
	return out
}

// responseOverrideParams pairs each response-* query parameter with the
// header it sets; a package-level table, so no map is built per read.
var responseOverrideParams = [...][2]string{
	{"response-content-type", "Content-Type"},
	{"response-content-language", "Content-Language"},
	{"response-expires", "Expires"},
	{"response-cache-control", "Cache-Control"},
	{"response-content-disposition", "Content-Disposition"},
	{"response-content-encoding", "Content-Encoding"},
}

// responseOverrides are the response-* query parameters, as the headers
// they set. S3 honours them only on signed requests.
func responseOverrides(req *request) (map[string]string, error) {
	var out map[string]string
	if len(req.query) == 0 {
		return nil, nil // most reads: no query, nothing to look up
	}
	for _, o := range responseOverrideParams {
		param, header := o[0], o[1]
		v := req.query.Get(param)
		if v == "" {
			continue
		}
		if req.auth.Anonymous() {
			return nil, xmlcodec.NewError(xmlcodec.InvalidRequest, "Request specific response headers cannot be used for anonymous GET requests.")
		}
		if out == nil {
			out = map[string]string{}
		}
		out[header] = v
	}
	return out, nil
}

// span is the part of an object a read serves.
type span struct {
	start, n     int64
	whole        bool   // the whole object (a checksum may go with it)
	contentRange string // "bytes a-b/size" for a 206, "" for a 200
	partsCount   int    // x-amz-mp-parts-count, 0 for none
}

// maxPartNumber is the highest part number S3 accepts.
const maxPartNumber = 10000

// selectSpan applies ?partNumber= or the Range header.
func selectSpan(req *request, o *objstore.Object) (span, error) {
	whole := span{n: o.Size, whole: true}
	if !req.query.Has("partNumber") {
		return rangeSpan(headerValue(req.r.Header, "Range"), o.Size, whole)
	}
	v := req.query.Get("partNumber")
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPartNumber {
		e := xmlcodec.NewError(xmlcodec.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive")
		e.ArgumentName, e.ArgumentValue = "partNumber", v
		return span{}, e
	}
	if headerValue(req.r.Header, "Range") != "" {
		return span{}, xmlcodec.NewError(xmlcodec.InvalidRequest, "Cannot specify both Range header and partNumber query parameter")
	}
	if len(o.PartSizes) == 0 {
		// A single-part object has one part: the whole object, served as
		// a range (206) unless it is empty.
		if n != 1 {
			return span{}, invalidPartNumber(n, 1)
		}
		if o.Size > 0 {
			whole.contentRange = contentRangeOf(0, o.Size, o.Size)
		}
		return whole, nil
	}
	off, length, ok := o.Part(n)
	if !ok {
		return span{}, invalidPartNumber(n, len(o.PartSizes))
	}
	return span{start: off, n: length, contentRange: contentRangeOf(off, length, o.Size), partsCount: len(o.PartSizes)}, nil
}

func invalidPartNumber(requested, actual int) error {
	e := xmlcodec.NewError(xmlcodec.InvalidPartNumber, "")
	e.Extra = []xmlcodec.ExtraField{
		{Name: "PartNumberRequested", Value: strconv.Itoa(requested)},
		{Name: "ActualPartCount", Value: strconv.Itoa(actual)},
	}
	return e
}

// rangeSpan applies a Range header to an object of size bytes as S3 does:
// one range of bytes, a suffix serving at most the whole object; a header
// that is not a single well-formed byte range (bytes=x, bytes=1-0,
// several ranges) is ignored and the whole object served; a range that
// starts beyond the object is 416 InvalidRange.
func rangeSpan(header string, size int64, whole span) (span, error) {
	spec, ok := strings.CutPrefix(header, "bytes=")
	if !ok || strings.Contains(spec, ",") {
		return whole, nil
	}
	first, last, ok := strings.Cut(strings.TrimSpace(spec), "-")
	if !ok {
		return whole, nil
	}
	var start, end int64
	switch {
	case first == "":
		n, ok := digits(last)
		if !ok {
			return whole, nil
		}
		if n == 0 || size == 0 {
			return span{}, invalidRange(header, size)
		}
		start, end = max(size-n, 0), size-1
	default:
		a, ok := digits(first)
		if !ok {
			return whole, nil
		}
		end = size - 1
		if last != "" {
			b, ok := digits(last)
			if !ok || b < a {
				return whole, nil
			}
			end = min(b, size-1)
		}
		if a >= size {
			return span{}, invalidRange(header, size)
		}
		start = a
	}
	n := end - start + 1
	return span{start: start, n: n, contentRange: contentRangeOf(start, n, size)}, nil
}

// digits parses a non-empty run of decimal digits.
func digits(s string) (int64, bool) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func contentRangeOf(start, n, size int64) string {
	return "bytes " + strconv.FormatInt(start, 10) + "-" + strconv.FormatInt(start+n-1, 10) + "/" + strconv.FormatInt(size, 10)
}

// invalidRange is S3's 416, with the range asked for and the object's size
// in the body and Content-Range: bytes */size.
func invalidRange(header string, size int64) error {
	e := xmlcodec.NewError(xmlcodec.InvalidRange, "")
	e.Extra = []xmlcodec.ExtraField{
		{Name: "RangeRequested", Value: header},
		{Name: "ActualObjectSize", Value: strconv.FormatInt(size, 10)},
	}
	e.Headers = map[string]string{"Content-Range": "bytes */" + strconv.FormatInt(size, 10)}
	return e
}
