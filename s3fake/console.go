package s3fake

// The web console (WithConsole, docs/console.md): one HTML page and its
// script and style, embedded, at /_s3fake/, reading JSON from
// /_s3fake/api/... (console_api.go) and acting through the admin
// endpoints (admin.go), so that every action keeps the admin API's Origin
// and token checks.
//
//	GET /_s3fake/                                        -> the page
//	GET /_s3fake/console/{console.js,console.css}        -> its assets
//	GET /_s3fake/api/buckets[?after=NAME]                -> buckets, 100 a page
//	GET /_s3fake/api/objects?bucket=B[&prefix=&after=&afterVersion=&versions=1&limit=]
//	GET /_s3fake/api/object-info?bucket=B&key=K[&versionId=V]
//	GET /_s3fake/api/object?bucket=B&key=K[&versionId=V] -> the bytes, as an attachment
//	GET /_s3fake/api/configs?bucket=B[&id=ID]            -> configurations and their runs
//	GET /_s3fake/api/report?bucket=B&id=ID&run=N[&offset=&limit=] -> a report's rows

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed console
var consoleFiles embed.FS

// consoleHeaders keep the page to its own scripts and out of frames: the
// data it shows (object keys, metadata, policies) is attacker-controlled,
// and its buttons drive the clock and runs.
var consoleHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; " +
		"connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
	"X-Frame-Options":        "DENY",
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy":        "no-referrer",
	"Cache-Control":          "no-store",
}

// consoleAssets are the files the page loads, by path after adminPrefix.
var consoleAssets = map[string]struct{ file, contentType string }{
	"":                    {"console/index.html", "text/html; charset=utf-8"},
	"console/console.js":  {"console/console.js", "text/javascript; charset=utf-8"},
	"console/console.css": {"console/console.css", "text/css; charset=utf-8"},
}

// serveConsole serves path (after adminPrefix) if it is the console's and
// the console is on; it reports whether it answered. Off, every console
// path is left to serveAdmin, which answers 404.
func (s *Server) serveConsole(w http.ResponseWriter, r *http.Request, path string) bool {
	if !s.cfg.console {
		return false
	}
	asset, isAsset := consoleAssets[path]
	api, isAPI := consoleAPI[strings.TrimPrefix(path, "api/")]
	isAPI = isAPI && strings.HasPrefix(path, "api/")
	if !isAsset && !isAPI {
		return false
	}
	for k, v := range consoleHeaders {
		w.Header().Set(k, v)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", http.MethodGet)
		writeJSONError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path)
		return true
	}
	if isAsset {
		// The page and its assets hold no data: they are served without
		// the admin token, and the page asks for it when the API needs it.
		data, err := fs.ReadFile(consoleFiles, asset.file)
		if err != nil {
			writeJSONError(w, http.StatusInternalServerError, err.Error())
			return true
		}
		w.Header().Set("Content-Type", asset.contentType)
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			_, _ = w.Write(data)
		}
		return true
	}
	if status, why := s.adminAllowed(r); status != 0 {
		writeJSONError(w, status, why)
		return true
	}
	if api.raw != nil {
		api.raw(s, w, r)
		return true
	}
	status, v := api.json(s, r.URL.Query())
	writeJSON(w, status, v)
	return true
}
