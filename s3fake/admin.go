package s3fake

// Admin endpoints under /_s3fake/ (no valid bucket name starts with "_"),
// JSON in and out, so that the binary's users get the same control over
// time and runs as Go tests have:
//
//	GET  /_s3fake/health                          -> {"status":"ok"}
//	POST /_s3fake/inventory/run?bucket=B&id=ID    -> the run (delivered manifest key, or why not)
//	POST /_s3fake/clock/advance?by=24h            -> {"now": ..., "runs": [...]}

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// adminPrefix starts every admin path.
const adminPrefix = "/_s3fake/"

// serveAdmin serves a request under adminPrefix.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch path := strings.TrimPrefix(r.URL.Path, adminPrefix); {
	case path == "health" && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	case path == "inventory/run" && r.Method == http.MethodPost:
		bucket, id := q.Get("bucket"), q.Get("id")
		if bucket == "" || id == "" {
			writeJSONError(w, http.StatusBadRequest, "bucket and id query parameters are required")
			return
		}
		run, err := s.RunInventory(bucket, id)
		if err != nil {
			writeJSONError(w, http.StatusNotFound, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, run)
	case path == "clock/advance" && r.Method == http.MethodPost:
		d, err := time.ParseDuration(q.Get("by"))
		if err != nil || d < 0 {
			writeJSONError(w, http.StatusBadRequest, "by must be a non-negative Go duration such as 24h")
			return
		}
		runs := s.Advance(d)
		writeJSON(w, http.StatusOK, map[string]any{"now": s.Now(), "runs": nonNil(runs)})
	case path == "health" || path == "inventory/run" || path == "clock/advance":
		writeJSONError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path)
	default:
		writeJSONError(w, http.StatusNotFound, "no admin endpoint "+r.URL.Path)
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
