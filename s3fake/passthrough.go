package s3fake

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/awschunked"
	"github.com/s3fake/s3fake/xmlcodec"
)

// errPassThrough is returned by a handler that still hands its request to
// gofakes3 (transitional).
var errPassThrough = errors.New("s3fake: pass through to gofakes3")

// passThrough serves r with gofakes3 and rewrites its error responses: the
// error body gets our request id and Content-Type, NoSuchBucket and
// NoSuchKey get S3's BucketName and Key elements, and codes we know get
// S3's status (gofakes3 sends MethodNotAllowed as 400, for one).
func (s *Server) passThrough(w http.ResponseWriter, req *request) {
	r, requestID := req.r, req.id
	fw := &errorFixingWriter{ResponseWriter: w, requestID: requestID}
	s.fake.ServeHTTP(fw, r.WithContext(context.WithValue(r.Context(), authKey{}, req.auth)))
	if !fw.wroteHeader {
		// Nothing was written (a HEAD, say): the headers are still ours to set.
		stampIDs(w.Header(), requestID)
	}
	if fw.status >= 400 && fw.buffering {
		s.writeError(w, r, requestID, fixGofakes3Error(fw.status, fw.buf.Bytes()))
	}
}

// authKey carries the request's *access.Auth to chunkVerifier.
type authKey struct{}

// chunkVerifier gives objstore's wrapper the request's authentication, which
// verifies the chunk signatures of a signed aws-chunked body.
func chunkVerifier(r *http.Request) (awschunked.ChunkVerifier, string) {
	a, ok := r.Context().Value(authKey{}).(*access.Auth)
	if !ok || a == nil || a.Anonymous() {
		return nil, ""
	}
	return a, a.SeedSignature()
}

// errorFixingWriter passes successful responses straight through and holds
// back error bodies for rewriting.
type errorFixingWriter struct {
	http.ResponseWriter
	requestID   string
	status      int
	wroteHeader bool
	buffering   bool
	buf         bytes.Buffer
}

func (w *errorFixingWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	w.wroteHeader = true
	w.status = code
	// gofakes3 stamps its own request ids; ours are the ones in bodies.
	stampIDs(w.Header(), w.requestID)
	if code >= 400 {
		w.buffering = true
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *errorFixingWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.buffering {
		return w.buf.Write(p)
	}
	return w.ResponseWriter.Write(p)
}

// gofakes3Error is the shape of gofakes3's error documents.
type gofakes3Error struct {
	Code          string
	Message       string
	Resource      string
	ArgumentName  string
	ArgumentValue string
}

func fixGofakes3Error(status int, body []byte) *xmlcodec.ErrorBody {
	var g gofakes3Error
	if len(bytes.TrimSpace(body)) == 0 || xml.Unmarshal(body, &g) != nil || g.Code == "" {
		// A HEAD error, or a body we cannot read: keep the status, name it.
		g.Code = string(codeForStatus(status))
	}
	code := xmlcodec.Code(g.Code)
	e := xmlcodec.NewError(code, g.Message)
	if code.Known() {
		e.Message = code.Message() // S3's exact text, not gofakes3's
	} else {
		e.StatusCode = status
	}
	switch code {
	case xmlcodec.NoSuchBucket:
		e.BucketName = g.Resource
	case xmlcodec.NoSuchKey:
		e.Key = g.Resource
	default:
		e.Resource = g.Resource
	}
	e.ArgumentName, e.ArgumentValue = g.ArgumentName, g.ArgumentValue
	return e
}

func codeForStatus(status int) xmlcodec.Code {
	switch status {
	case http.StatusNotFound:
		return xmlcodec.NoSuchKey
	case http.StatusForbidden:
		return xmlcodec.AccessDenied
	case http.StatusPreconditionFailed:
		return xmlcodec.PreconditionFailed
	case http.StatusConflict:
		return xmlcodec.BucketNotEmpty
	}
	return xmlcodec.InternalError
}

// recoverPanic turns a panic in any handler into a logged InternalError, so
// that no panic reaches a client as a dropped connection. A panic is a bug:
// the log has the stack.
func (s *Server) recoverPanic(w http.ResponseWriter, r *http.Request, requestID string) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	s.cfg.logger.Error("s3fake panic", slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
	s.writeError(w, r, requestID, xmlcodec.NewError(xmlcodec.InternalError, ""))
}
