package s3fake

// PutObject and DeleteObject.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// putObject stores the decoded body with the facts, checksum, conditions
// and tags its headers carry, and answers with the ETag, the version id
// (in a versioned bucket), the checksum it verified and the encryption
// applied.
func (s *Server) putObject(req *request) (response, error) {
	if err := checkKeyLength(req.key); err != nil {
		return response{}, err
	}
	if req.r.ContentLength < 0 {
		return response{}, xmlcodec.NewError(xmlcodec.MissingContentLength, "")
	}
	if err := s.checkCustomerKeyWrite(req, "s3:PutObject"); err != nil {
		return response{}, err
	}
	if err := s.checkLockHeaders(req, req.r.Header); err != nil {
		return response{}, err
	}
	body, err := s.readObjectBody(req)
	if err != nil {
		return response{}, err
	}
	res, err := s.objects.WriteObject(objstore.PutInput{
		Bucket: req.bucket, Key: req.key, Data: body.data, Header: headerMap(body.header),
		Writer: req.auth.Principal().AccountID, Sums: body.sums,
	})
	if err != nil {
		return response{}, err
	}
	h := map[string]string{"ETag": res.ETag}
	if res.VersionID != "" {
		h["x-amz-version-id"] = res.VersionID
	}
	writeEncryptionHeaders(h, res.Facts, req.r.Header)
	if sentChecksum(body.header) {
		// The body was checked against it, so the client's value is the
		// one stored; a single PUT's checksum is always FULL_OBJECT.
		checksumHeaders(h, res.Facts)
	}
	return response{status: http.StatusOK, header: h}, nil
}

// checkKeyLength refuses a key over S3's limit (maxKeyLength bytes).
func checkKeyLength(key string) error {
	if len(key) <= maxKeyLength {
		return nil
	}
	e := xmlcodec.NewError(xmlcodec.KeyTooLongError, "")
	e.Extra = []xmlcodec.ExtraField{
		{Name: "Size", Value: strconv.Itoa(len(key))},
		{Name: "MaxSizeAllowed", Value: strconv.Itoa(maxKeyLength)},
	}
	return e
}

// sentChecksum reports whether a request carried an x-amz-checksum-<alg>
// value (in a header or an aws-chunked trailer).
func sentChecksum(h http.Header) bool {
	const prefix = "x-amz-checksum-"
	for name := range h {
		if len(name) < len(prefix) || !strings.EqualFold(name[:len(prefix)], prefix) {
			continue // no lower-case copy of every other header's name
		}
		if v := strings.ToLower(name[len(prefix):]); v != "algorithm" && v != "type" && v != "mode" {
			return true
		}
	}
	return false
}

// writeEncryptionHeaders adds the encryption headers of a write's answer:
// those of the stored facts, and for SSE-C the key MD5 the request sent.
func writeEncryptionHeaders(h map[string]string, f objstore.Facts, req http.Header) {
	encryptionHeaders(h, f)
	if f.Encryption == objstore.EncryptionSSEC {
		if md5 := req.Get("X-Amz-Server-Side-Encryption-Customer-Key-Md5"); md5 != "" {
			h["x-amz-server-side-encryption-customer-key-MD5"] = md5
		}
	}
}

// deleteObject removes an object, or one version of it, and answers 204
// with x-amz-delete-marker and x-amz-version-id as S3 does.
func (s *Server) deleteObject(req *request) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	res, err := s.objects.RemoveObjectBypass(req.bucket, req.key, versionID, s.governanceBypass(req))
	if err != nil {
		return response{}, err
	}
	h := map[string]string{}
	if res.DeleteMarker {
		h["x-amz-delete-marker"] = "true"
	}
	if res.VersionID != "" {
		h["x-amz-version-id"] = res.VersionID
	}
	return response{status: http.StatusNoContent, header: h}, nil
}
