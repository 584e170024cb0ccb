package objstore

import (
	"errors"
	"net/http"

	"github.com/johannesboyne/gofakes3"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/awschunked"
)

// writeStoreError answers with err, an awschunked, access or gofakes3
// error, as an S3 error document.
func writeStoreError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *access.Error
	var ce *awschunked.Error
	var ge gofakes3.Error
	var se *Error
	switch {
	case errors.As(err, &ae):
		writeError(w, r, ae.Status, ae.Code, ae.Message)
	case errors.As(err, &ce):
		code := gofakes3.ErrorCode(ce.S3Code())
		writeError(w, r, statusOf(code), string(code), err.Error())
	case errors.As(err, &se):
		msg := se.Message
		writeError(w, r, statusOf(gofakes3.ErrorCode(se.Code)), se.Code, msg)
	case errors.As(err, &ge):
		msg := ""
		var er *gofakes3.ErrorResponse
		if errors.As(err, &er) {
			msg = er.Message
		}
		writeError(w, r, statusOf(ge.ErrorCode()), string(ge.ErrorCode()), msg)
	default:
		writeError(w, r, http.StatusBadRequest, "IncompleteBody", err.Error())
	}
}

// statusOf is S3's HTTP status for an error code.
func statusOf(code gofakes3.ErrorCode) int {
	if st, ok := codeStatus[code]; ok {
		return st
	}
	return code.Status()
}

// codeStatus is S3's HTTP status for the codes gofakes3 does not know
// (transitional, with Wrap).
var codeStatus = map[gofakes3.ErrorCode]int{
	"InvalidRequest":             http.StatusBadRequest,
	"InvalidStorageClass":        http.StatusBadRequest,
	"EntityTooSmall":             http.StatusBadRequest,
	"InvalidObjectState":         http.StatusForbidden,
	"EntityTooLarge":             http.StatusBadRequest,
	"InvalidChunkSizeError":      http.StatusForbidden,
	"MalformedTrailerError":      http.StatusBadRequest,
	"SignatureDoesNotMatch":      http.StatusForbidden,
	gofakes3.ErrMethodNotAllowed: http.StatusMethodNotAllowed,
}

// writeError writes a minimal S3 error document; s3fake's front handler
// rewrites it with its request id.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(errorDocument(gofakes3.ErrorCode(code), msg))
	}
}
