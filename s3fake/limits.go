package s3fake

// Request body limits. Every operation stops reading its body at its limit
// plus one byte, whatever the payload signing mode, and answers S3's error
// for an oversized body; a body over the limit is never buffered past it.
//
// S3 documents the limits of object bodies (5 GiB for a single PUT and
// for a part) and bucket policies (20 KB). For the other configuration
// documents it documents none; s3fake takes 1 MiB, far above any valid
// document (a DeleteObjects of 1,000 keys of 1,024 bytes is about 1.1 MiB,
// hence its 2 MiB), and answers MaxMessageLengthExceeded as S3 does for an
// oversized XML document.

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

const (
	// maxObjectSize is S3's limit on a single PUT and on one part.
	maxObjectSize = 5 << 30
	// maxPolicySize is S3's limit on a bucket policy (20 KB).
	maxPolicySize = 20 * 1024
	// maxDocumentSize is the limit on every other request document.
	maxDocumentSize = xmlcodec.MaxBodySize
)

// bodyLimit is the largest body op accepts and the error code for a
// larger one.
func bodyLimit(op string) (int64, xmlcodec.Code) {
	switch op {
	case OpPutObject, OpUploadPart:
		return maxObjectSize, xmlcodec.EntityTooLarge
	case OpPostObject:
		// The form's other fields come on top of the file.
		return maxObjectSize + maxDocumentSize, xmlcodec.EntityTooLarge
	case OpPutBucketPolicy:
		return maxPolicySize, xmlcodec.PolicyTooLarge
	case OpDeleteObjects:
		return 2 * maxDocumentSize, xmlcodec.MaxMessageLengthExceeded
	case OpCompleteMultipartUpload:
		// 10,000 parts with their checksums.
		return 4 * maxDocumentSize, xmlcodec.MaxMessageLengthExceeded
	}
	return maxDocumentSize, xmlcodec.MaxMessageLengthExceeded
}

// tooLargeError marks a body that went over its operation's limit while a
// handler read it.
type tooLargeError struct{ code xmlcodec.Code }

func (t tooLargeError) Error() string { return string(t.code) }

// wire is the S3 error sent for it.
func (t tooLargeError) wire() *xmlcodec.ErrorBody { return xmlcodec.NewError(t.code, "") }

// limitedBody reads at most limit bytes and fails on the next one with the
// operation's error, so that every handler is bounded, however it reads.
type limitedBody struct {
	r    io.ReadCloser
	left int64 // bytes still allowed, plus one
	code xmlcodec.Code
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, tooLargeError{b.code}
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if b.left <= 0 {
		return n - 1, tooLargeError{b.code} // the byte past the limit is never handed on
	}
	return n, err
}

func (b *limitedBody) Close() error { return b.r.Close() }

// limitBody applies the operation's body limit: a declared Content-Length
// over it is refused before anything is read, and a body of unknown
// length (chunked) is cut at limit+1 bytes.
func limitBody(req *request) error {
	limit, tooLarge := bodyLimit(req.op.name)
	r := req.r
	if r.ContentLength > limit && !decodedFits(r, limit) {
		return tooLargeError{tooLarge}
	}
	if r.Body != nil && r.Body != http.NoBody {
		req.limited = limitedBody{r: r.Body, left: limit + 1 + chunkOverhead(r, limit), code: tooLarge}
		r.Body = &req.limited
	}
	return nil
}

// decodedFits reports whether an aws-chunked body, whose wire length
// includes chunk headers and signatures, declares a decoded length within
// limit.
func decodedFits(r *http.Request, limit int64) bool {
	n, err := parseInt64(headerValue(r.Header, "X-Amz-Decoded-Content-Length"))
	return err == nil && n <= limit
}

// chunkOverhead is the room aws-chunked framing needs on top of the
// decoded bytes: about 100 bytes per chunk of at least 8 KiB, plus the
// trailers.
func chunkOverhead(r *http.Request, limit int64) int64 {
	if ce := headerValue(r.Header, "Content-Encoding"); headerValue(r.Header, "X-Amz-Decoded-Content-Length") == "" && (ce == "" || !hasCoding(ce, "aws-chunked")) {
		return 0
	}
	return limit/8192*100 + 64<<10
}

// headerValue is h.Get(name) for a name already in canonical form, without
// the cost of canonicalizing it again.
func headerValue(h http.Header, name string) string {
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func parseInt64(s string) (int64, error) {
	var n int64
	if s == "" {
		return 0, errors.New("empty")
	}
	for _, c := range s {
		if c < '0' || c > '9' || n > (1<<62)/10 {
			return 0, errors.New("not a length")
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}

// checkPayload verifies a signed payload hash (x-amz-content-sha256 with a
// hex digest) against the body, which it buffers (within the operation's
// limit) and puts back.
func (s *Server) checkPayload(req *request) error {
	if req.auth.PayloadMode() != access.PayloadSigned {
		return nil
	}
	if req.r.Body == nil || req.r.Body == http.NoBody {
		// An empty body is checked too: a signed hash of anything else
		// means the body was lost on the way.
		req.body = []byte{}
		return req.auth.CheckPayloadSum(emptyBodySum)
	}
	// One buffer of the declared length, plus the byte that finds the end
	// without growing it.
	size := 512
	limit, _ := bodyLimit(req.op.name)
	switch n := req.r.ContentLength; {
	case n > 0:
		size = int(n) + 1 // within the limit: limitBody refused anything larger
	case limit <= 4*maxDocumentSize:
		size = int(limit) + 1 // unknown length: one buffer, not a doubling series
	}
	if req.op.name == OpPutObject && req.r.ContentLength >= objstore.ParallelSumSize {
		return s.readSummed(req, size)
	}
	body, err := readAll(req.r.Body, size)
	if err != nil {
		return bodyReadError(err)
	}
	req.body = body
	req.buffered.Reset(body)
	req.r.Body = &req.buffered
	if req.op.name != OpPutObject || len(body) < objstore.ParallelSumSize {
		return req.auth.CheckPayloadSum(sha256.Sum256(body))
	}
	// A large PutObject of unknown length (readSummed takes the others)
	// gets its MD5 (the ETag) in another goroutine while this one hashes it
	// for the signature and computes CRC64NVME (S3's default checksum): on
	// two cores the three hashes take about the time of MD5 alone, not the
	// sum of all three. The store takes them (req.sums) once the signature
	// holds.
	req.sums, err = objstore.SumBody(body, wantsDefaultChecksum(req.r.Header), func() error {
		return req.auth.CheckPayloadSum(sha256.Sum256(body))
	})
	return err
}

// readSummed is checkPayload for a large PutObject of known length: each
// chunk read goes to an objstore.BodySummer, whose MD5 runs in another
// goroutine as the body arrives, and to the payload's SHA-256 here, so
// the hashes overlap the reading and each other (on two cores a 1 MiB
// body takes about the time of its MD5). The store takes the digests
// (req.sums) once the signature holds.
func (s *Server) readSummed(req *request, size int) error {
	summer := objstore.NewBodySummer(wantsDefaultChecksum(req.r.Header))
	sha := sha256.New()
	buf := make([]byte, 0, size)
	var err error
	for {
		if len(buf) == cap(buf) {
			// Longer than declared: grow. The chunks already handed on
			// keep the old array, which nothing writes any more.
			buf = append(buf, 0)[:len(buf)]
		}
		n, rerr := req.r.Body.Read(buf[len(buf):min(cap(buf), len(buf)+summedChunk)])
		if n > 0 {
			chunk := buf[len(buf) : len(buf)+n]
			summer.Write(chunk)
			sha.Write(chunk)
			buf = buf[:len(buf)+n]
		}
		if rerr != nil {
			if rerr != io.EOF {
				err = rerr
			}
			break
		}
	}
	sums := summer.Sum()
	if err != nil {
		return bodyReadError(err)
	}
	req.body = buf
	req.buffered.Reset(buf)
	req.r.Body = &req.buffered
	var sum [sha256.Size]byte
	sha.Sum(sum[:0])
	if err := req.auth.CheckPayloadSum(sum); err != nil {
		return err
	}
	req.sums = sums
	return nil
}

// summedChunk is the most readSummed reads at once: small enough for the
// MD5 goroutine to start early, large enough that handing chunks over
// costs nothing next to hashing them.
const summedChunk = 64 << 10

// bodyReadError is the S3 error for a body that could not be read whole:
// the operation's limit, or IncompleteBody.
func bodyReadError(err error) error {
	var tl tooLargeError
	if errors.As(err, &tl) {
		return tl
	}
	return xmlcodec.NewError(xmlcodec.IncompleteBody, "")
}

// wantsDefaultChecksum reports whether a PutObject's headers may leave its
// checksum to S3's default, CRC64NVME (no x-amz-checksum-* or
// x-amz-sdk-checksum-algorithm naming another algorithm), so that
// computing it early is not wasted. It is a hint: the store uses an early
// CRC64NVME only when the algorithm it settles on is CRC64NVME.
func wantsDefaultChecksum(h http.Header) bool {
	for name, v := range h {
		if !strings.HasPrefix(name, "X-Amz-Checksum-") && name != "X-Amz-Sdk-Checksum-Algorithm" {
			continue
		}
		if !strings.Contains(strings.ToUpper(name), "CRC64NVME") && (len(v) == 0 || !strings.EqualFold(v[0], objstore.ChecksumCRC64NVME)) && name != "X-Amz-Checksum-Type" {
			return false
		}
	}
	return true
}

// readAll reads r to its end into a buffer of capacity size, which grows
// only for a body longer than that.
func readAll(r io.Reader, size int) ([]byte, error) {
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		}
	}
}

// emptyBodySum is the SHA-256 of an empty body, computed once.
var emptyBodySum = sha256.Sum256(nil)

// bufferedBody is a body already read into memory, handed on as the
// request's body.
type bufferedBody struct{ bytes.Reader }

func (*bufferedBody) Close() error { return nil }
