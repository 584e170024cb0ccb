package s3fake

// Object bodies: PutObject and UploadPart bodies arrive plain or as
// aws-chunked (the SDKs' default for checksummed uploads), with their
// checksum in a header or in a trailer.

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/s3fake/s3fake/internal/awschunked"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// objectBody is a decoded object or part body.
type objectBody struct {
	data []byte
	// sums are data's digests when the request's reader computed them
	// (nil: the store computes them).
	sums *objstore.BodySums
	// header is the request's header as S3 reads it for the object (the
	// request's own map for a plain body; callers only read it):
	// aws-chunked's own headers removed (Content-Encoding keeps any other
	// coding) and the trailers (x-amz-checksum-*) added as headers.
	header http.Header
}

// readObjectBody reads and decodes the body of a PutObject or UploadPart.
// Signed chunks are verified with the request's credentials.
func (s *Server) readObjectBody(req *request) (objectBody, error) {
	h := req.r.Header // read-only unless the body is aws-chunked: cloned then
	var raw io.Reader = req.r.Body
	if req.body != nil {
		raw = bytes.NewReader(req.body)
	}
	if raw == nil {
		raw = http.NoBody
	}
	sha := h.Get("X-Amz-Content-Sha256")
	if !awschunked.IsStreaming(sha) && !hasCoding(h.Get("Content-Encoding"), "aws-chunked") {
		if req.body != nil {
			return objectBody{data: req.body, header: h, sums: req.sums}, nil
		}
		data, err := io.ReadAll(raw)
		if err != nil {
			return objectBody{}, xmlcodec.NewError(xmlcodec.IncompleteBody, "")
		}
		return objectBody{data: data, header: h}, nil
	}
	opts := awschunked.Options{
		DecodedLength: h.Get("X-Amz-Decoded-Content-Length"),
		Trailer:       h.Get("X-Amz-Trailer"),
	}
	if a := req.auth; a != nil && !a.Anonymous() {
		opts.Verifier, opts.SeedSignature = a, a.SeedSignature()
	}
	data, trailers, err := opts.Decode(raw, sha)
	if err != nil {
		return objectBody{}, err
	}
	h = h.Clone()
	if ce := withoutCoding(h.Get("Content-Encoding"), "aws-chunked"); ce != "" {
		h.Set("Content-Encoding", ce)
	} else {
		h.Del("Content-Encoding")
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Del("X-Amz-Decoded-Content-Length")
	h.Del("X-Amz-Trailer")
	for name, value := range trailers {
		h.Set(name, value)
	}
	return objectBody{data: data, header: h}, nil
}

// hasCoding reports whether a Content-Encoding value lists coding.
func hasCoding(v, coding string) bool {
	for _, c := range strings.Split(v, ",") {
		if strings.EqualFold(strings.TrimSpace(c), coding) {
			return true
		}
	}
	return false
}

// withoutCoding drops coding from a Content-Encoding value.
func withoutCoding(v, coding string) string {
	var keep []string
	for _, c := range strings.Split(v, ",") {
		if c = strings.TrimSpace(c); c != "" && !strings.EqualFold(c, coding) {
			keep = append(keep, c)
		}
	}
	return strings.Join(keep, ",")
}
