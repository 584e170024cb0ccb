package awschunked

import (
	"errors"
	"fmt"
)

// The kinds of decoding failure. Every error Decode returns is an *Error
// that wraps exactly one of these, so callers can map it with errors.Is.
var (
	// ErrUnsupportedPayload: x-amz-content-sha256 names no aws-chunked
	// framing.
	ErrUnsupportedPayload = errors.New("unsupported x-amz-content-sha256 for aws-chunked")
	// ErrMalformed: the chunk framing is broken (bad size line, missing
	// CRLF, truncated chunk, bytes after the end).
	ErrMalformed = errors.New("malformed aws-chunked framing")
	// ErrChunkTooSmall: a signed chunk other than the last two was smaller
	// than MinSignedChunkSize.
	ErrChunkTooSmall = errors.New("chunk smaller than the minimum before the last")
	// ErrLengthMismatch: the payload length differs from
	// x-amz-decoded-content-length.
	ErrLengthMismatch = errors.New("payload length differs from x-amz-decoded-content-length")
	// ErrTooLarge: the payload exceeds Options.MaxSize.
	ErrTooLarge = errors.New("payload exceeds the maximum size")
	// ErrTrailer: a trailing header is malformed, repeated, undeclared or
	// missing, or a trailer signature is missing or misplaced.
	ErrTrailer = errors.New("malformed aws-chunked trailer")
	// ErrSignature: the ChunkVerifier refused a chunk or trailer signature.
	// The verifier's own error is wrapped too.
	ErrSignature = errors.New("aws-chunked signature refused")
)

// Error is a decoding failure: its kind, where in the encoded body it was
// found, and what was wrong.
type Error struct {
	// Kind is one of the Err* sentinels above.
	Kind error
	// Offset is the byte offset in the encoded body at which the problem
	// was detected.
	Offset int64
	// Detail says what was wrong, for people.
	Detail string
	// Cause is the underlying error, if any (a read error, or the
	// verifier's error for ErrSignature).
	Cause error
}

// Error formats the failure with its offset.
func (e *Error) Error() string {
	s := fmt.Sprintf("awschunked: %v at byte %d", e.Kind, e.Offset)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap exposes both the kind and the cause to errors.Is and errors.As, so
// a verifier's typed error (for example a SignatureDoesNotMatch) can be
// recovered with errors.As.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

// S3Code is the S3 error code that best describes the failure, for a front
// end that must answer with an S3 error document.
func (e *Error) S3Code() string {
	switch e.Kind {
	case ErrUnsupportedPayload:
		return "InvalidArgument"
	case ErrChunkTooSmall:
		return "InvalidChunkSizeError"
	case ErrTooLarge:
		return "EntityTooLarge"
	case ErrTrailer:
		return "MalformedTrailerError"
	case ErrSignature:
		return "SignatureDoesNotMatch"
	}
	// ErrMalformed and ErrLengthMismatch: S3 reports a body that does not
	// add up as an incomplete body.
	return "IncompleteBody"
}
