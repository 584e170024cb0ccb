package objstore

import (
	"bytes"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/s3fake/s3fake/internal/awschunked"
)

// prepareBody decodes an aws-chunked body and, for UploadPart, checks a
// checksum header against the part.
func (w *wrapper) prepareBody(r *http.Request, uploadPart bool) error {
	sha := r.Header.Get("X-Amz-Content-Sha256")
	if !awschunked.IsStreaming(sha) && !hasCoding(r.Header.Get("Content-Encoding"), "aws-chunked") {
		if uploadPart && checksumHeader(r.Header) != "" {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				return err
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			return verifyPartChecksum(r.Header, body)
		}
		return nil
	}
	opts := awschunked.Options{
		DecodedLength: r.Header.Get("X-Amz-Decoded-Content-Length"),
		Trailer:       r.Header.Get("X-Amz-Trailer"),
	}
	if w.opts.ChunkVerifier != nil {
		opts.Verifier, opts.SeedSignature = w.opts.ChunkVerifier(r)
	}
	data, trailers, err := opts.Decode(r.Body, sha)
	if err != nil {
		return err
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	r.ContentLength = int64(len(data))
	r.Header.Set("Content-Length", strconv.Itoa(len(data)))
	if ce := withoutAWSChunked(r.Header.Get("Content-Encoding")); ce != "" {
		r.Header.Set("Content-Encoding", ce)
	} else {
		r.Header.Del("Content-Encoding")
	}
	r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD") // so gofakes3 does not de-chunk again
	r.Header.Del("X-Amz-Decoded-Content-Length")
	r.Header.Del("X-Amz-Trailer")
	for name, value := range trailers {
		r.Header.Set(name, value)
	}
	if uploadPart {
		return verifyPartChecksum(r.Header, data)
	}
	return nil
}

// checksumHeader returns the name of the x-amz-checksum-<alg> header of h,
// "" when there is none.
func checksumHeader(h http.Header) string {
	for _, alg := range checksumAlgorithms {
		name := textproto.CanonicalMIMEHeaderKey(hdrChecksumPrefix + strings.ToLower(alg))
		if h.Get(name) != "" {
			return name
		}
	}
	return ""
}

// verifyPartChecksum checks an UploadPart checksum header against the part.
func verifyPartChecksum(h http.Header, body []byte) error {
	name := checksumHeader(h)
	if name == "" {
		return nil
	}
	alg := strings.ToUpper(strings.TrimPrefix(strings.ToLower(name), hdrChecksumPrefix))
	if fullChecksum(alg, body, 0) != h.Get(name) {
		return errBadDigest(alg)
	}
	return nil
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
