package s3fake

// Multipart uploads: CreateMultipartUpload, UploadPart, UploadPartCopy,
// CompleteMultipartUpload, AbortMultipartUpload, ListParts and
// ListMultipartUploads, over the store's multipart API. The request's
// headers go to the store as they are (it reads the facts, checksums and
// conditions from them); the answers carry what S3's do: SSE headers on
// every write, the checksum algorithm and type, the version id.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// maxKeyLength is S3's longest object key, in bytes.
const maxKeyLength = 1024

func (s *Server) createMultipartUpload(req *request) (response, error) {
	if len(req.key) > maxKeyLength {
		return response{}, xmlcodec.NewError(xmlcodec.KeyTooLongError, "")
	}
	if err := s.checkCustomerKeyWrite(req, "s3:PutObject"); err != nil {
		return response{}, err
	}
	if err := s.checkLockHeaders(req, req.r.Header); err != nil {
		return response{}, err
	}
	u, err := s.objects.CreateUploadAs(req.bucket, req.key, req.auth.Principal().AccountID, multipartHeaders(req.r.Header))
	if err != nil {
		return response{}, err
	}
	h := multipartSSEHeaders(u.Facts)
	ssecKeyHeader(h, req)
	if f := u.Facts; f.ChecksumAlgorithm != "" {
		h["x-amz-checksum-algorithm"] = f.ChecksumAlgorithm
		h["x-amz-checksum-type"] = f.ChecksumType
	}
	return response{status: http.StatusOK, header: h,
		body: xmlcodec.EncodeInitiateMultipartUpload(req.bucket, req.key, u.ID)}, nil
}

func (s *Server) uploadPart(req *request) (response, error) {
	if err := s.checkCustomerKeyWrite(req, "s3:PutObject"); err != nil {
		return response{}, err
	}
	body, err := s.readObjectBody(req)
	if err != nil {
		return response{}, err
	}
	res, err := s.objects.PutPart(req.bucket, req.key, req.query.Get("uploadId"), objstore.PartUpload{
		PartNumber: req.query.Get("partNumber"), Body: body.data, Headers: multipartHeaders(body.header),
	})
	if err != nil {
		return response{}, err
	}
	h := multipartSSEHeaders(res.Upload.Facts)
	ssecKeyHeader(h, req)
	h["ETag"] = res.ETag
	if res.ChecksumAlgorithm != "" {
		h["x-amz-checksum-"+strings.ToLower(res.ChecksumAlgorithm)] = res.Checksum
	}
	return response{status: http.StatusOK, header: h}, nil
}

func (s *Server) uploadPartCopy(req *request) (response, error) {
	if err := s.checkCustomerKeyWrite(req, "s3:PutObject"); err != nil {
		return response{}, err
	}
	if err := checkCopySourceKey(req); err != nil {
		return response{}, err
	}
	in, err := partCopyRequest(req)
	if err != nil {
		return response{}, err
	}
	// The store compares the keys' MD5s with the source's and the upload's.
	in.KeyMD5 = req.r.Header.Get(ssecPrefix + "Key-Md5")
	in.SourceKeyMD5 = req.r.Header.Get(ssecCopySourcePrefix + "Key-Md5")
	res, err := s.objects.CopyPart(req.bucket, req.key, req.query.Get("uploadId"), in)
	if err != nil {
		return response{}, err
	}
	h := multipartSSEHeaders(res.Upload.Facts)
	ssecKeyHeader(h, req)
	if res.SourceVersionID != "" {
		h["x-amz-copy-source-version-id"] = res.SourceVersionID
	}
	sum := xmlcodec.PartChecksum{Algorithm: res.ChecksumAlgorithm, Value: res.Checksum}
	return response{status: http.StatusOK, header: h,
		body: xmlcodec.EncodeCopyPartResult(res.ETag, res.LastModified, sum)}, nil
}

func (s *Server) completeMultipartUpload(req *request) (response, error) {
	doc, err := req.readDocument()
	if err != nil {
		return response{}, err
	}
	listed, err := xmlcodec.DecodeCompleteMultipartUpload(doc)
	if err != nil {
		return response{}, err
	}
	parts := make([]objstore.UploadedPart, len(listed))
	for i, p := range listed {
		parts[i] = objstore.UploadedPart{PartNumber: p.PartNumber, ETag: p.ETag, Checksums: p.Checksums}
	}
	c, err := s.objects.CompleteUpload(req.bucket, req.key, req.query.Get("uploadId"),
		objstore.CompleteRequest{Parts: parts, Headers: multipartHeaders(req.r.Header)})
	if err != nil {
		return response{}, err
	}
	h := multipartSSEHeaders(c.Facts)
	if c.VersionID != "" {
		h["x-amz-version-id"] = c.VersionID
	}
	body := xmlcodec.EncodeCompleteMultipartUpload(xmlcodec.CompleteMultipartUploadResult{
		Location: objectLocation(req), Bucket: req.bucket, Key: req.key, ETag: c.ETag,
		Checksum:     xmlcodec.PartChecksum{Algorithm: c.ChecksumAlgorithm, Value: c.Checksum},
		ChecksumType: c.ChecksumType,
	})
	return response{status: http.StatusOK, header: h, body: body}, nil
}

// objectLocation is the object's URL as CompleteMultipartUploadResult
// gives it: on the endpoint the request was sent to, path style.
func objectLocation(req *request) string {
	scheme := "http"
	if req.r.TLS != nil {
		scheme = "https"
	}
	u := url.URL{Scheme: scheme, Host: req.r.Host, Path: "/" + req.bucket + "/" + req.key}
	return u.String()
}

func (s *Server) abortMultipartUpload(req *request) (response, error) {
	if err := s.objects.AbortUpload(req.bucket, req.key, req.query.Get("uploadId")); err != nil {
		return response{}, err
	}
	return response{status: http.StatusNoContent}, nil
}

func (s *Server) listParts(req *request) (response, error) {
	maxParts, err := multipartInt(req.query, "max-parts", multipartPageMax)
	if err != nil {
		return response{}, err
	}
	maxParts = min(maxParts, multipartPageMax)
	marker, err := multipartInt(req.query, "part-number-marker", 0)
	if err != nil {
		return response{}, err
	}
	id := req.query.Get("uploadId")
	page, err := s.objects.ListUploadParts(req.bucket, req.key, id, marker, maxParts)
	if err != nil {
		return response{}, err
	}
	f := page.Upload.Facts
	out := xmlcodec.ListPartsResult{
		Bucket: req.bucket, Key: req.key, UploadID: id,
		PartNumberMarker: marker, NextPartNumberMarker: page.NextPartNumberMarker,
		MaxParts: maxParts, IsTruncated: page.IsTruncated,
		OwnerID: page.OwnerID, StorageClass: f.StorageClass,
		ChecksumAlgorithm: f.ChecksumAlgorithm, ChecksumType: f.ChecksumType,
	}
	for _, p := range page.Parts {
		out.Parts = append(out.Parts, xmlcodec.ListedPart{
			PartNumber: p.PartNumber, LastModified: p.LastModified, ETag: p.ETag, Size: p.Size,
			Checksum: xmlcodec.PartChecksum{Algorithm: f.ChecksumAlgorithm, Value: p.Checksum},
		})
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeListParts(out)}, nil
}

func (s *Server) listMultipartUploads(req *request) (response, error) {
	q := req.query
	maxUploads, err := multipartInt(q, "max-uploads", multipartPageMax)
	if err != nil {
		return response{}, err
	}
	maxUploads = min(maxUploads, multipartPageMax)
	encoded, err := multipartURLEncoding(q)
	if err != nil {
		return response{}, err
	}
	query := objstore.UploadsQuery{
		Prefix: q.Get("prefix"), Delimiter: q.Get("delimiter"),
		KeyMarker: q.Get("key-marker"), UploadIDMarker: q.Get("upload-id-marker"),
		MaxUploads: maxUploads,
	}
	if query.KeyMarker == "" {
		query.UploadIDMarker = "" // S3 ignores an upload id marker without a key marker
	}
	page, err := s.objects.ListUploads(req.bucket, query)
	if err != nil {
		return response{}, err
	}
	out := xmlcodec.ListMultipartUploadsResult{
		Bucket: req.bucket, KeyMarker: query.KeyMarker, UploadIDMarker: query.UploadIDMarker,
		NextKeyMarker: page.NextKeyMarker, NextUploadIDMarker: page.NextUploadIDMarker,
		Prefix: query.Prefix, Delimiter: query.Delimiter, URLEncoded: encoded,
		MaxUploads: maxUploads, IsTruncated: page.IsTruncated, CommonPrefixes: page.CommonPrefixes,
	}
	for _, u := range page.Uploads {
		out.Uploads = append(out.Uploads, xmlcodec.ListedUpload{
			Key: u.Key, UploadID: u.ID, OwnerID: page.OwnerID, StorageClass: u.Facts.StorageClass,
			Initiated: u.Initiated, ChecksumAlgorithm: u.Facts.ChecksumAlgorithm, ChecksumType: u.Facts.ChecksumType,
		})
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeListMultipartUploads(out)}, nil
}
