package s3fake

// DeleteObjects (POST /bucket?delete): up to 1,000 keys in one request,
// each authorized on its own (s3:DeleteObject, or s3:DeleteObjectVersion
// for an entry with a VersionId) and answered with its own <Deleted> or
// <Error>, as S3 does: a key the caller may not delete is an AccessDenied
// entry, not a failed request.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html

import (
	"errors"
	"io"
	"net/http"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/awschunked"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// deleteObjects answers in S3's order: the integrity header, the document
// (MalformedXML), then each key. The front handler has checked the bucket
// and the expected owner (the row's authz is authzHandler).
func (s *Server) deleteObjects(req *request) (response, error) {
	body, header, err := s.deleteDocument(req)
	if err != nil {
		return response{}, err
	}
	if err := checkDeleteDigest(header, body); err != nil {
		return response{}, err
	}
	doc, err := xmlcodec.DecodeDelete(body)
	if err != nil {
		return response{}, err
	}
	owner, _ := s.objects.BucketOwner(req.bucket)
	entries := make([]xmlcodec.DeleteResultEntry, len(doc.Objects))
	allowed := make([]objstore.DeleteEntry, 0, len(doc.Objects))
	bypass := s.governanceBypass(req)      // x-amz-bypass-governance-retention with s3:BypassGovernanceRetention
	at := make([]int, 0, len(doc.Objects)) // allowed[j] is entries[at[j]]
	for i, o := range doc.Objects {
		entries[i] = xmlcodec.DeleteResultEntry{Key: o.Key, VersionID: o.VersionID}
		action := "s3:DeleteObject"
		if o.VersionID != "" {
			action = "s3:DeleteObjectVersion"
		}
		if err := s.decide(req, action, access.ObjectARN(req.bucket, o.Key), owner); err != nil {
			s.failEntry(req, &entries[i], err)
			continue
		}
		allowed = append(allowed, objstore.DeleteEntry{Key: o.Key, VersionID: o.VersionID, ETag: o.ETag, BypassGovernance: bypass})
		at = append(at, i)
	}
	outcomes, err := s.objects.DeleteKeys(req.bucket, allowed)
	if err != nil {
		return response{}, err // the bucket went away meanwhile
	}
	for j, o := range outcomes {
		e := &entries[at[j]]
		if o.Err != nil {
			s.failEntry(req, e, o.Err)
			continue
		}
		e.DeleteMarker, e.DeleteMarkerVersionID = o.DeleteMarker, o.DeleteMarkerVersionID
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeDeleteResult(entries, doc.Quiet)}, nil
}

// failEntry turns an entry into an <Error> with the code and message S3
// would send for err on its own.
func (s *Server) failEntry(req *request, e *xmlcodec.DeleteResultEntry, err error) {
	wire := s.toS3Error(err, req)
	e.Code, e.Message = wire.Code, wire.Message
}

// deleteDocument reads the Delete document and the headers that describe
// it: an aws-chunked body is decoded (its trailing checksum becomes a
// header); a plain one is read as it came, within the operation's limit.
func (s *Server) deleteDocument(req *request) ([]byte, http.Header, error) {
	h := req.r.Header
	if awschunked.IsStreaming(h.Get("X-Amz-Content-Sha256")) || hasCoding(h.Get("Content-Encoding"), "aws-chunked") {
		b, err := s.readObjectBody(req)
		return b.data, b.header, err
	}
	if req.body != nil {
		return req.body, h, nil
	}
	if req.r.Body == nil {
		return nil, h, nil
	}
	data, err := io.ReadAll(req.r.Body)
	if err != nil {
		var wire *xmlcodec.ErrorBody
		if errors.As(err, &wire) {
			return nil, nil, wire // over the operation's body limit
		}
		return nil, nil, xmlcodec.NewError(xmlcodec.IncompleteBody, "")
	}
	return data, h, nil
}
