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
	echo         map[string]string // headers to add to a successful answer
	complete     *completeTarget   // a CompleteMultipartUpload, whose answer gains its checksum

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
	if code >= 400 || f.complete != nil {
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
	// Stored checksums go out on reads only when asked for (S3's rule);
	// answers to writes carry the checksum that was written.
	if !f.checksumMode && (f.method == http.MethodGet || f.method == http.MethodHead) {
		for name := range h {
			if strings.HasPrefix(name, "X-Amz-Checksum-") {
				h.Del(name)
			}
		}
	}
	if f.status < 300 {
		for k, v := range f.echo {
			h.Set(k, v)
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
	if status < 400 && f.complete != nil {
		body = f.complete.addChecksum(f.store, body)
		f.Header().Del("Content-Length")
		f.ResponseWriter.WriteHeader(status)
		_, _ = f.ResponseWriter.Write(body)
		return
	}
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

// completeTarget names the object a CompleteMultipartUpload creates.
type completeTarget struct{ bucket, key string }

// addChecksum inserts the completed object's checksum and checksum type
// into gofakes3's CompleteMultipartUploadResult, which has no such fields,
// as S3's answer carries them (<ChecksumSHA256>...-N</ChecksumSHA256>).
func (c *completeTarget) addChecksum(s *Store, body []byte) []byte {
	obj, err := s.HeadObject(c.bucket, c.key)
	if err != nil {
		return body
	}
	defer obj.Contents.Close()
	var add bytes.Buffer
	for name, element := range checksumElements {
		if v := obj.Metadata[name]; v != "" {
			add.WriteString("<" + element + ">")
			xmlEscape(&add, v)
			add.WriteString("</" + element + ">")
		}
	}
	if t := obj.Metadata["X-Amz-Checksum-Type"]; t != "" && add.Len() > 0 {
		add.WriteString("<ChecksumType>")
		xmlEscape(&add, t)
		add.WriteString("</ChecksumType>")
	}
	end := bytes.LastIndex(body, []byte("</CompleteMultipartUploadResult>"))
	if end < 0 || add.Len() == 0 {
		return body
	}
	return append(append(append([]byte(nil), body[:end]...), add.Bytes()...), body[end:]...)
}

// checksumElements maps stored checksum headers to the XML elements of
// S3's answers.
var checksumElements = map[string]string{
	"X-Amz-Checksum-Crc32":     "ChecksumCRC32",
	"X-Amz-Checksum-Crc32c":    "ChecksumCRC32C",
	"X-Amz-Checksum-Crc64nvme": "ChecksumCRC64NVME",
	"X-Amz-Checksum-Sha1":      "ChecksumSHA1",
	"X-Amz-Checksum-Sha256":    "ChecksumSHA256",
}
