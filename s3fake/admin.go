package s3fake

// Admin endpoints under /_s3fake/ (no valid bucket name starts with "_"),
// JSON out, so that the binary's users get the same control over time and
// runs as Go tests have (docs/admin.md):
//
//	GET  /_s3fake/health                                  -> {"status":"ok"}
//	GET  /_s3fake/clock                                   -> {"now": RFC 3339}
//	POST /_s3fake/clock/set?to=RFC3339                    -> {"now": ...}; runs nothing
//	POST /_s3fake/clock/advance?by=24h                    -> {"now": ..., "runs": [...]}
//	POST /_s3fake/inventory/run?bucket=B&id=ID            -> the run (delivered manifest key, or why not)
//	GET  /_s3fake/inventory/runs[?bucket=B[&id=ID]]       -> {"runs": [...]}, oldest first
//	GET  /_s3fake/inventory/delivery-policy?source=S&destination=D[&account=A]
//	                                                      -> the bucket policy document for D

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/inventory"
)

// adminPrefix starts every admin path.
const adminPrefix = "/_s3fake/"

// adminHealthPath is polled by scripts waiting for the server; it is
// never logged at the default level (logging.go).
const adminHealthPath = adminPrefix + "health"

// adminEndpoint is one admin path: the method it answers and its handler,
// which returns the status and the value to encode as JSON.
type adminEndpoint struct {
	method string
	handle func(s *Server, q url.Values) (int, any)
}

// adminEndpoints maps each path (after adminPrefix) to its endpoint.
var adminEndpoints = map[string]adminEndpoint{
	"health":                    {http.MethodGet, (*Server).adminHealth},
	"clock":                     {http.MethodGet, (*Server).adminClock},
	"clock/set":                 {http.MethodPost, (*Server).adminClockSet},
	"clock/advance":             {http.MethodPost, (*Server).adminAdvance},
	"inventory/run":             {http.MethodPost, (*Server).adminRun},
	"inventory/runs":            {http.MethodGet, (*Server).adminRuns},
	"inventory/delivery-policy": {http.MethodGet, (*Server).adminDeliveryPolicy},
}

// serveAdmin serves a request under adminPrefix.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, adminPrefix)
	if s.serveConsole(w, r, path) { // WithConsole only (console.go)
		return
	}
	ep, ok := adminEndpoints[path]
	if path != "health" {
		if status, why := s.adminAllowed(r); status != 0 {
			writeJSONError(w, status, why)
			return
		}
	}
	switch {
	case !ok:
		writeJSONError(w, http.StatusNotFound, "no admin endpoint "+r.URL.Path)
	case r.Method != ep.method && !(r.Method == http.MethodHead && ep.method == http.MethodGet):
		w.Header().Set("Allow", ep.method)
		writeJSONError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path)
	default:
		status, v := ep.handle(s, r.URL.Query())
		writeJSON(w, status, v)
	}
}

func (s *Server) adminHealth(url.Values) (int, any) {
	return http.StatusOK, map[string]string{"status": "ok"}
}

func (s *Server) adminClock(url.Values) (int, any) {
	return http.StatusOK, map[string]any{"now": s.Now()}
}

func (s *Server) adminClockSet(q url.Values) (int, any) {
	t, err := time.Parse(time.RFC3339, q.Get("to"))
	if err != nil {
		return http.StatusBadRequest, errorBody("to must be an RFC 3339 time such as 2026-01-01T00:00:00Z")
	}
	s.SetTime(t)
	return http.StatusOK, map[string]any{"now": s.Now()}
}

func (s *Server) adminAdvance(q url.Values) (int, any) {
	d, err := time.ParseDuration(q.Get("by"))
	if err != nil || d < 0 {
		return http.StatusBadRequest, errorBody("by must be a non-negative Go duration such as 24h")
	}
	if n := s.dueCount(d); n > MaxAdvanceRuns {
		return http.StatusBadRequest, errorBody(fmt.Sprintf(
			"advancing by %s would make %d scheduled runs, more than %d in one call: advance in steps", d, n, MaxAdvanceRuns))
	}
	runs := s.Advance(d)
	return http.StatusOK, map[string]any{"now": s.Now(), "runs": nonNil(runs)}
}

func (s *Server) adminRun(q url.Values) (int, any) {
	bucket, id := q.Get("bucket"), q.Get("id")
	if bucket == "" || id == "" {
		return http.StatusBadRequest, errorBody("bucket and id query parameters are required")
	}
	run, err := s.RunInventory(bucket, id)
	if err != nil {
		return http.StatusNotFound, errorBody(err.Error())
	}
	return http.StatusOK, run
}

// adminRuns lists recorded runs, oldest first, of every configuration or
// of those of bucket (and id).
func (s *Server) adminRuns(q url.Values) (int, any) {
	bucket, id := q.Get("bucket"), q.Get("id")
	if id != "" && bucket == "" {
		return http.StatusBadRequest, errorBody("id needs bucket")
	}
	return http.StatusOK, map[string]any{"runs": nonNil(s.allRuns(bucket, id))}
}

// allRuns is the history of the configurations matching bucket and id
// ("" matches any), by time, then bucket, then Id.
func (s *Server) allRuns(bucket, id string) []inventory.Run {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	var out []inventory.Run
	for key, runs := range s.runs.history {
		if (bucket == "" || key.bucket == bucket) && (id == "" || key.id == id) {
			out = append(out, runs...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		if a.Bucket != b.Bucket {
			return a.Bucket < b.Bucket
		}
		return a.ConfigID < b.ConfigID
	})
	return out
}

// adminDeliveryPolicy returns the destination bucket policy that lets S3
// deliver the source bucket's reports (fixtures.DeliveryPolicy), for the
// account in account=, else the source bucket's owner, else the default
// account.
func (s *Server) adminDeliveryPolicy(q url.Values) (int, any) {
	source, dest := q.Get("source"), q.Get("destination")
	if source == "" || dest == "" {
		return http.StatusBadRequest, errorBody("source and destination query parameters are required")
	}
	account := q.Get("account")
	if account != "" && !access.ValidAccountID(account) {
		return http.StatusBadRequest, errorBody("account must be a 12-digit account id")
	}
	if account == "" {
		account = DefaultAccountID
		if owner, ok := s.BucketOwner(source); ok {
			account = owner
		}
	}
	return http.StatusOK, json.RawMessage(fixtures.DeliveryPolicy(dest, source, account))
}

func errorBody(msg string) map[string]string { return map[string]string{"error": msg} }

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
	writeJSON(w, status, errorBody(msg))
}
