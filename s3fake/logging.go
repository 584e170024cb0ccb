package s3fake

import (
	"log/slog"
	"net/http"
	"time"
)

// statusWriter remembers the status a handler sent, for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// Unwrap lets http.ResponseController reach the connection (deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 { // an interim 1xx is not the status
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

// logRequest writes the one log record of a request at level Info: method,
// bucket, key, operation, status, duration and request id. Health polls
// (scripts waiting for the server) are logged at Debug only.
func (s *Server) logRequest(r *http.Request, req *request, status int, start time.Time) {
	if status == 0 {
		status = http.StatusOK
	}
	level := slog.LevelInfo
	if r.URL.Path == adminHealthPath {
		level = slog.LevelDebug
	}
	op := "-"
	if req.op.opRow != nil {
		op = req.op.name
	}
	s.cfg.logger.LogAttrs(r.Context(), level, "request",
		slog.String("method", r.Method),
		slog.String("bucket", req.bucket),
		slog.String("key", req.key),
		slog.String("op", op),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
		slog.String("id", req.id),
	)
}
