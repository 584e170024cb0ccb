package objstore

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/johannesboyne/gofakes3"
)

// responseFixer rewrites gofakes3's object responses on their way out (see
// Wrap). Headers are fixed when the status is written; error bodies are
// held back until the handler returns, because the right status depends
// on the error code inside them.
type responseFixer struct {
	http.ResponseWriter
	store        *Store
	method       string // the client's method (HEAD stays HEAD here)
	checksumMode bool   // x-amz-checksum-mode: ENABLED
	byVersion    bool   // the request named a versionId
	discardBody  bool   // a HEAD served as GET
	copyToken    string

	wroteHeader bool
	status      int
	held        *bytes.Buffer // the error body, when status >= 400
}

// WriteHeader fixes the headers and sends them, or holds an error back.
func (f *responseFixer) WriteHeader(code int) {
	if f.wroteHeader {
		return
	}
	f.wroteHeader = true
	f.status = code
	f.fixHeaders()
	if code >= 400 {
		f.held = new(bytes.Buffer)
		return
	}
	f.ResponseWriter.WriteHeader(code)
}

// Write sends, holds back or (for a HEAD served as GET) drops body bytes.
func (f *responseFixer) Write(p []byte) (int, error) {
	if !f.wroteHeader {
		f.WriteHeader(http.StatusOK)
	}
	switch {
	case f.held != nil:
		return f.held.Write(p)
	case f.discardBody:
		return len(p), nil
	}
	return f.ResponseWriter.Write(p)
}

// fixHeaders applies the header rewrites.
func (f *responseFixer) fixHeaders() {
	h := f.Header()
	if etag := h.Get(ETagHeader); etag != "" {
		h.Set("ETag", etag)
		h.Del(ETagHeader)
	}
	if h.Get("X-Amz-Delete-Marker") == "false" {
		h.Del("X-Amz-Delete-Marker") // gofakes3 always sends it; S3 only when true
	}
	if !f.checksumMode {
		for name := range h {
			if strings.HasPrefix(name, "X-Amz-Checksum-") {
				h.Del(name)
			}
		}
	}
	if f.copyToken != "" {
		if r, ok := f.store.copies.LoadAndDelete(f.copyToken); ok {
			res := r.(copyResult)
			setOrDel(h, "X-Amz-Version-Id", string(res.versionID))
			setOrDel(h, "X-Amz-Copy-Source-Version-Id", string(res.sourceVersionID))
		}
	}
}

func setOrDel(h http.Header, name, value string) {
	if value == "" {
		h.Del(name)
	} else {
		h.Set(name, value)
	}
}

// finish sends what is still pending once the handler has returned: the
// status, when the handler never wrote one (gofakes3's HEAD writes only
// headers), or a held error with its corrected status.
func (f *responseFixer) finish() {
	if !f.wroteHeader {
		f.WriteHeader(http.StatusOK)
	}
	if f.held == nil {
		return
	}
	status, body := f.status, f.held.Bytes()
	var e struct{ Code gofakes3.ErrorCode }
	_ = xml.Unmarshal(body, &e) // HEAD errors have no body
	switch {
	case f.byVersion && status == http.StatusNotFound && f.Header().Get("X-Amz-Delete-Marker") == "true":
		// S3 refuses GET and HEAD of a delete marker by id with 405.
		status, body = http.StatusMethodNotAllowed, errorDocument(gofakes3.ErrMethodNotAllowed,
			"The specified method is not allowed against this resource.")
		f.Header().Set("Allow", "DELETE")
	case e.Code != "":
		if st, ok := codeStatus[e.Code]; ok {
			status = st
		}
	}
	f.ResponseWriter.WriteHeader(status)
	if f.method != http.MethodHead {
		_, _ = f.ResponseWriter.Write(body)
	}
}

// errorDocument is a minimal S3 error body.
func errorDocument(code gofakes3.ErrorCode, msg string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>")
	xmlEscape(&b, string(code))
	b.WriteString("</Code><Message>")
	xmlEscape(&b, msg)
	b.WriteString("</Message></Error>")
	return b.Bytes()
}

func xmlEscape(b *bytes.Buffer, s string) { _ = xml.EscapeText(b, []byte(s)) }
