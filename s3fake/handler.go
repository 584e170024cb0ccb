package s3fake

import (
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// request is what one of our handlers sees of an HTTP request.
type request struct {
	r      *http.Request
	bucket string
	key    string
	id     string       // x-amz-request-id
	query  url.Values   // the parsed query, once
	auth   *access.Auth // the caller
	op     operation    // what the caller asks for
	body   []byte       // the body, when checkPayload already read it
	// sums are body's digests, when checkPayload computed them beside its
	// SHA-256 (a large PutObject).
	sums *objstore.BodySums
	// The readers limitBody and checkPayload put in front of the body,
	// allocated with the request.
	limited  limitedBody
	buffered bufferedBody
	// writeDeadline is the write deadline setDeadlines set.
	writeDeadline time.Time
}

// readDocument returns the request's document, at most
// xmlcodec.MaxBodySize bytes, reusing the body checkPayload buffered.
func (req *request) readDocument() ([]byte, error) {
	if req.body != nil {
		if len(req.body) > xmlcodec.MaxBodySize {
			return nil, xmlcodec.ErrBodyTooLarge
		}
		return req.body, nil
	}
	return xmlcodec.ReadBody(req.r.Body)
}

// response is what one of our handlers returns; serve sends it.
type response struct {
	status int
	body   []byte            // XML document (or JSON, with a Content-Type in header), nil for none
	header map[string]string // extra response headers
	// stream, when not nil, is the body (GetObject), copied after the
	// headers; the handler sets Content-Length in header. HEAD sends the
	// headers only.
	stream io.Reader
}

// handlerFunc is the shape of every handler s3fake serves itself.
type handlerFunc func(*request) (response, error)

// nextRequestID returns a deterministic request id: a counter as 16
// upper-case hex digits, the length AWS uses.
func (s *Server) nextRequestID() string {
	const digits = "0123456789ABCDEF"
	var b [16]byte
	n := s.requestSeq.Add(1)
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = digits[n&0xf]
		n >>= 4
	}
	return string(b[:])
}

// hostID derives x-amz-id-2 from the request id, so both are reproducible.
func hostID(requestID string) string {
	sum := sha256.Sum256([]byte(requestID))
	var b [44]byte // base64.StdEncoding.EncodedLen(sha256.Size)
	base64.StdEncoding.Encode(b[:], sum[:])
	return string(b[:])
}

// stampIDs sets both ids, under the names Header.Set would give them,
// with one allocation for both values.
func stampIDs(h http.Header, requestID string) {
	v := []string{requestID, hostID(requestID)}
	h["X-Amz-Request-Id"] = v[0:1:1]
	h["X-Amz-Id-2"] = v[1:2:2]
}

// serve runs the request's handler and writes its response or error: the
// one place our responses are encoded.
func (s *Server) serve(w http.ResponseWriter, req *request) {
	resp, err := req.op.handler(s, req)
	if err != nil {
		s.writeError(w, req.r, req.id, s.toS3Error(err, req))
		return
	}
	h := w.Header()
	values := make([]string, 0, len(resp.header)) // one backing array for every value
	for k, v := range resp.header {
		values = append(values, v)
		v := values[len(values)-1 : len(values) : len(values)]
		if isUserMeta(k) {
			h[k] = v // as given: S3 sends x-amz-meta-* names in lower case
			continue
		}
		h[canonicalHeaderKey(k)] = v // what h.Set(k, v) does
	}
	if resp.body != nil {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/xml")
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(resp.body)))
	}
	w.WriteHeader(resp.status)
	if req.r.Method == http.MethodHead {
		return
	}
	if resp.body != nil {
		_, _ = w.Write(resp.body)
	} else if resp.stream != nil {
		if n, err := strconv.ParseInt(resp.header["Content-Length"], 10, 64); err == nil {
			s.conn.extendWrite(w, req.writeDeadline, n)
		}
		_, _ = io.Copy(w, resp.stream)
	}
}

// writeError sends e as an S3 <Error> document with its status, our request
// id and Content-Type application/xml; HEAD gets the status alone.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, requestID string, e *xmlcodec.ErrorBody) {
	e.RequestID = requestID
	e.HostID = hostID(requestID)
	body := e.Marshal()
	h := w.Header()
	stampIDs(h, requestID)
	for k, v := range e.Headers {
		h.Set(k, v)
	}
	h.Set("Content-Type", "application/xml")
	if r.Method == http.MethodHead {
		h.Del("Content-Length")
		w.WriteHeader(e.Status())
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(e.Status())
	_, _ = w.Write(body)
}

// canonicalHeaderKeys caches http.CanonicalHeaderKey for the names our
// handlers answer with: canonicalizing "x-amz-version-id" or "ETag" (which
// becomes "Etag") allocates on every response otherwise. Readers load the
// map without a lock; a new name replaces it with a larger copy.
var (
	canonicalHeaderKeys   atomic.Pointer[map[string]string]
	canonicalHeaderKeysMu sync.Mutex
)

// maxCanonicalHeaderKeys bounds the cache; names past it (there are not
// that many distinct ones) are canonicalized each time.
const maxCanonicalHeaderKeys = 256

// canonicalHeaderKey is http.CanonicalHeaderKey(k), cached.
func canonicalHeaderKey(k string) string {
	if m := canonicalHeaderKeys.Load(); m != nil {
		if c, ok := (*m)[k]; ok {
			return c
		}
	}
	c := http.CanonicalHeaderKey(k)
	canonicalHeaderKeysMu.Lock()
	defer canonicalHeaderKeysMu.Unlock()
	old := canonicalHeaderKeys.Load()
	if old == nil || len(*old) < maxCanonicalHeaderKeys {
		m := make(map[string]string, 1+len(ptrMap(old)))
		for n, v := range ptrMap(old) {
			m[n] = v
		}
		m[k] = c
		canonicalHeaderKeys.Store(&m)
	}
	return c
}

func ptrMap(m *map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	return *m
}
