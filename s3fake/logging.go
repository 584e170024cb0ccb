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

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
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
// bucket, key, operation, status, duration and request id.
func (s *Server) logRequest(r *http.Request, req *request, status int, start time.Time) {
	if status == 0 {
		status = http.StatusOK
	}
	op := "-"
	if req.op.opRow != nil {
		op = req.op.name
	}
	s.cfg.logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("method", r.Method),
		slog.String("bucket", req.bucket),
		slog.String("key", req.key),
		slog.String("op", op),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
		slog.String("id", req.id),
	)
}
