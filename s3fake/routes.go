package s3fake

import (
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/xmlcodec"
)

// ServeHTTP is the front handler. In order:
//
//  1. the admin endpoints under /_s3fake/ (admin.go), unauthenticated;
//  2. the caller's identity: SigV4 (header or presigned) or anonymous;
//  3. the bucket comes from the path (path style, /bucket/key) or from a
//     Host of the form bucket.localhost[:port] (virtual-host style), which
//     is rewritten to path style;
//  4. the operation: the one row of the operation table (operations.go)
//     the request matches, or S3's error when none does; a row without
//     a handler answers 501 NotImplemented;
//  5. faults injected with FailNext/FailAlways for that operation;
//  6. authorization of the row's IAM action on the row's resource:
//     expected-owner syntax, bucket existence, policy evaluation,
//     expected-owner match;
//  7. the row's handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := s.nextRequestID()
	stampIDs(w.Header(), requestID)
	// The request and the status writer come in one allocation.
	st := &requestState{sw: statusWriter{ResponseWriter: w}, req: request{r: r, id: requestID}}
	sw, req := &st.sw, &st.req
	w = sw
	defer func() { s.logRequest(r, req, sw.status, start) }()
	defer s.recoverPanic(w, r, requestID)

	req.writeDeadline = s.conn.setDeadlines(w, r)
	// Every answer, errors included, follows an interim 100 when the
	// client asked for one with an empty body (boto3; object_continue.go).
	sendContinue(w, r)
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.serveAdmin(w, r)
		return
	}
	if e := s.refuseEarly(r); e != nil {
		s.writeError(w, r, requestID, e)
		return
	}
	auth, err := s.verifier.Verify(r, r.Host) // before the virtual-host rewrite: the client signed this Host
	if err != nil {
		s.writeError(w, r, requestID, s.toS3Error(err, req))
		return
	}
	req.auth = auth
	toPathStyle(r)
	req.bucket, req.key = splitPath(r.URL.Path)
	q := parseRawQuery(r.URL.RawQuery)
	req.query = q
	op, err := route(r.Method, req.bucket, req.key, q, r.Header)
	if err != nil {
		s.writeError(w, r, requestID, s.toS3Error(err, req))
		return
	}
	req.op = op
	if op.handler == nil {
		s.writeError(w, r, requestID, s.toS3Error(notServed(op), req))
		return
	}
	if e := s.injectFault(req); e != nil {
		s.writeError(w, r, requestID, e)
		return
	}
	if err := s.authorize(req); err != nil {
		s.writeError(w, r, requestID, s.toS3Error(err, req))
		return
	}
	if err := limitBody(req); err != nil {
		s.writeError(w, r, requestID, s.toS3Error(err, req))
		return
	}
	if err := s.checkPayload(req); err != nil {
		s.writeError(w, r, requestID, s.toS3Error(err, req))
		return
	}
	s.serve(w, req)
}

// requestState is what ServeHTTP keeps for one request.
type requestState struct {
	sw  statusWriter
	req request
}

// refuseEarly answers what S3 refuses before authentication: CORS
// preflights (s3fake serves no CORS configuration), request paths that are
// not UTF-8, and several Authorization headers.
func (s *Server) refuseEarly(r *http.Request) *xmlcodec.ErrorBody {
	switch {
	case r.Method == http.MethodOptions && r.Header.Get("Origin") == "":
		return xmlcodec.NewError(xmlcodec.BadRequest, "")
	case r.Method == http.MethodOptions:
		return xmlcodec.NewError(xmlcodec.AccessForbidden, "")
	case !utf8.ValidString(keyOf(r.URL.Path)):
		// A bucket name that is not UTF-8 is simply not a bucket (404, or
		// InvalidBucketName on create); an object key must be UTF-8.
		return xmlcodec.NewError(xmlcodec.InvalidURI, "")
	case len(r.Header["Authorization"]) > 1: // r.Header.Values without canonicalizing the name again
		e := xmlcodec.NewError(xmlcodec.Code(access.CodeAuthorizationHeaderMalformed),
			"The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.")
		e.StatusCode = http.StatusBadRequest
		return e
	}
	return nil
}

// keyOf is the object key part of a path-style path.
func keyOf(path string) string {
	_, key := splitPath(path)
	return key
}

// splitPath splits a path-style URL path into bucket and key.
func splitPath(path string) (bucket, key string) {
	path = strings.TrimPrefix(path, "/")
	bucket, key, _ = strings.Cut(path, "/")
	return bucket, key
}

// toPathStyle rewrites a virtual-host-style request (Host
// bucket.localhost[:port]) to path style, the only form gofakes3 reads.
func toPathStyle(r *http.Request) {
	host := r.Host
	if !strings.Contains(host, ".localhost") {
		return // not virtual-host style, whatever its port (and no error value built to find out)
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	bucket, ok := strings.CutSuffix(host, ".localhost")
	if !ok || bucket == "" {
		return
	}
	r.URL.Path = "/" + bucket + r.URL.Path
	if r.URL.RawPath != "" {
		r.URL.RawPath = "/" + bucket + r.URL.RawPath
	}
	r.Host = "localhost"
}
