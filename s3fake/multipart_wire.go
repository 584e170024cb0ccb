package s3fake

// What the multipart handlers read from requests and add to answers.

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// multipartPageMax is the most parts or uploads one listing returns, and
// the default.
const multipartPageMax = 1000

// multipartHeaders is h as the store reads headers: name to first value.
// The request's credentials stay out: an upload keeps its headers until
// it completes, and a data directory writes them to disk.
func multipartHeaders(h http.Header) map[string]string {
	m := make(map[string]string, len(h))
	for k, v := range h {
		if len(v) > 0 && !credentialHeader(k) {
			m[k] = v[0]
		}
	}
	return m
}

// credentialHeader reports the canonical header names that carry a
// request's credentials.
func credentialHeader(name string) bool {
	return name == "Authorization" || name == "X-Amz-Security-Token"
}

// multipartSSEHeaders are the encryption headers S3 sends with every
// multipart answer that writes: how the object is (or will be) encrypted.
func multipartSSEHeaders(f objstore.Facts) map[string]string {
	if f.Encryption == "" {
		f.Encryption = objstore.EncryptionSSES3 // every object is encrypted at least with SSE-S3
	}
	h := map[string]string{}
	encryptionHeaders(h, f)
	return h
}

// multipartInt reads a non-negative integer parameter of ListParts or
// ListMultipartUploads (max-parts, part-number-marker, max-uploads): def
// when absent or empty; S3's InvalidArgument for a value that is not an
// integer within int32, or is negative.
func multipartInt(q url.Values, name string, def int) (int, error) {
	raw := q.Get(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	switch {
	case err != nil || n > math.MaxInt32 || n < math.MinInt32:
		return 0, multipartArgError("Provided "+name+" not an integer or within integer range", name, raw)
	case n < 0:
		return 0, multipartArgError("Argument "+name+" must be an integer between 0 and 2147483647", name, raw)
	}
	return int(n), nil
}

// partCopyRequest reads an UploadPartCopy request: the source
// (x-amz-copy-source, "bucket/key" URL-encoded, optionally
// "?versionId="), its range and its conditions.
func partCopyRequest(req *request) (objstore.PartCopy, error) {
	h := req.r.Header
	raw := h.Get("X-Amz-Copy-Source")
	path, query, _ := strings.Cut(raw, "?")
	bucket, key, ok := copySource(path)
	if !ok {
		return objstore.PartCopy{}, xmlcodec.NewError(xmlcodec.InvalidArgument,
			"Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
	}
	in := objstore.PartCopy{
		PartNumber:   req.query.Get("partNumber"),
		SourceBucket: bucket, SourceKey: key,
		Range: h.Get("X-Amz-Copy-Source-Range"),
		Conditions: objstore.Preconditions{
			IfMatch:           h.Get("X-Amz-Copy-Source-If-Match"),
			IfNoneMatch:       h.Get("X-Amz-Copy-Source-If-None-Match"),
			IfModifiedSince:   multipartHTTPDate(h.Get("X-Amz-Copy-Source-If-Modified-Since")),
			IfUnmodifiedSince: multipartHTTPDate(h.Get("X-Amz-Copy-Source-If-Unmodified-Since")),
		},
	}
	if query != "" {
		values, err := url.ParseQuery(query)
		if err != nil {
			return objstore.PartCopy{}, xmlcodec.NewError(xmlcodec.InvalidArgument,
				"Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
		}
		in.SourceVersionID = values.Get("versionId")
	}
	return in, nil
}

// multipartHTTPDate parses a date header; one S3 cannot read is ignored
// (the zero time).
func multipartHTTPDate(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return time.Time{}
	}
	return t
}

// multipartArgError is InvalidArgument naming the parameter and its value.
func multipartArgError(message, name, value string) *xmlcodec.ErrorBody {
	e := xmlcodec.NewError(xmlcodec.InvalidArgument, message)
	e.ArgumentName, e.ArgumentValue = name, value
	return e
}

// multipartURLEncoding reads ListMultipartUploads' encoding-type: "url"
// or absent; anything else is refused.
func multipartURLEncoding(q url.Values) (bool, error) {
	vs, ok := q["encoding-type"]
	if !ok {
		return false, nil
	}
	if v := q.Get("encoding-type"); len(vs) == 0 || v != "url" {
		return false, multipartArgError("Invalid Encoding Method specified in Request", "encoding-type", v)
	}
	return true, nil
}
