package s3fake

// CopyObject.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// copyObject copies the version x-amz-copy-source names (its current
// version, or ?versionId=) under the x-amz-copy-source-if-* conditions,
// and answers with CopyObjectResult (ETag, LastModified and the new
// object's checksum), the new version's id and the source's.
func (s *Server) copyObject(req *request) (response, error) {
	if err := checkKeyLength(req.key); err != nil {
		return response{}, err
	}
	source := req.r.Header.Get("X-Amz-Copy-Source")
	srcBucket, srcKey, ok := copySource(source)
	if !ok {
		return response{}, xmlcodec.NewError(xmlcodec.InvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
	}
	// S3 names s3:CopyObject in its refusal of an SSE-C copy into a
	// bucket that blocks SSE-C (docs/sse-c.md).
	if err := s.checkCustomerKeyWrite(req, "s3:CopyObject"); err != nil {
		return response{}, err
	}
	if err := checkCopySourceKey(req); err != nil {
		return response{}, err
	}
	if err := s.checkLockHeaders(req, req.r.Header); err != nil {
		return response{}, err
	}
	res, err := s.objects.CopyObjectVersion(objstore.CopyInput{
		SrcBucket: srcBucket, SrcKey: srcKey, SrcVersionID: copySourceVersion(source),
		Bucket: req.bucket, Key: req.key,
		Header: headerMap(req.r.Header),
		Source: copyPreconditions(req.r.Header),
		Writer: req.auth.Principal().AccountID,
	})
	if err != nil {
		return response{}, err
	}
	f := res.Facts
	body := xmlcodec.EncodeCopyObjectResult(xmlcodec.CopyObjectResult{
		ETag: res.ETag, LastModified: res.LastModified,
		ChecksumAlgorithm: f.ChecksumAlgorithm, Checksum: f.Checksum, ChecksumType: f.ChecksumType,
	})
	h := map[string]string{}
	if res.VersionID != "" {
		h["x-amz-version-id"] = res.VersionID
	}
	if res.SourceVersionID != "" {
		h["x-amz-copy-source-version-id"] = res.SourceVersionID
	}
	writeEncryptionHeaders(h, f, req.r.Header)
	return response{status: http.StatusOK, body: body, header: h}, nil
}

// copySourceVersion is the ?versionId= of an x-amz-copy-source header, ""
// when it names none.
func copySourceVersion(source string) string {
	_, query, ok := strings.Cut(source, "?")
	if !ok {
		return ""
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return ""
	}
	return q.Get("versionId")
}

// copyPreconditions are the x-amz-copy-source-if-* headers, evaluated on
// the source as the plain conditional headers are on a read.
func copyPreconditions(h http.Header) objstore.Preconditions {
	return objstore.Preconditions{
		IfMatch:           h.Get("X-Amz-Copy-Source-If-Match"),
		IfNoneMatch:       h.Get("X-Amz-Copy-Source-If-None-Match"),
		IfModifiedSince:   httpDate(h.Get("X-Amz-Copy-Source-If-Modified-Since")),
		IfUnmodifiedSince: httpDate(h.Get("X-Amz-Copy-Source-If-Unmodified-Since")),
	}
}
