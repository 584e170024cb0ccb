package s3fake

// Who may use the admin endpoints. The admin API is unauthenticated by
// design (it listens on loopback, like the rest of the server), so the
// threat is a web page in the developer's browser: it can send requests to
// 127.0.0.1 but always names its own Origin. Requests whose Origin is not
// the server's own are refused, and no CORS preflight is answered, so a
// browser never lets a foreign page drive the clock or runs. WithAdminToken
// adds a shared secret for servers exposed beyond loopback.

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// MaxAdvanceRuns is the largest number of scheduled runs one
// /_s3fake/clock/advance call may make; a longer advance is refused (400,
// clock unchanged) and must be made in steps. The Go API (Advance) has no
// limit: a test owns its server.
const MaxAdvanceRuns = 1000

// adminAllowed reports whether r may use an admin endpoint other than
// health, and why not.
func (s *Server) adminAllowed(r *http.Request) (int, string) {
	if origin := r.Header.Get("Origin"); origin != "" && !sameOrigin(origin, r) {
		return http.StatusForbidden, "cross-origin admin requests are refused (Origin " + origin + ")"
	}
	if r.Method == http.MethodOptions {
		return http.StatusForbidden, "the admin API answers no CORS preflight"
	}
	if s.cfg.adminToken != "" {
		got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.adminToken)) != 1 {
			return http.StatusUnauthorized, "the admin API needs Authorization: Bearer <token> (-admin-token)"
		}
	}
	return 0, ""
}

// sameOrigin reports whether origin is the server's own: the scheme and the
// Host the request was sent to.
func sameOrigin(origin string, r *http.Request) bool {
	scheme := "http://"
	if r.TLS != nil {
		scheme = "https://"
	}
	return strings.EqualFold(origin, scheme+r.Host)
}
