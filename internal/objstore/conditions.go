package objstore

// Conditional requests: If-Match, If-None-Match, If-Modified-Since and
// If-Unmodified-Since on GetObject and HeadObject, and their
// x-amz-copy-source-if-* twins on CopyObject, evaluated in S3's order.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html

import (
	"strings"
	"time"
)

// Preconditions are the conditional headers of a request; an empty string
// or a zero time is a header that was not sent (or, for a date, could not
// be parsed: S3 ignores it).
type Preconditions struct {
	IfMatch, IfNoneMatch               string
	IfModifiedSince, IfUnmodifiedSince time.Time
}

// Outcome is what preconditions say about a request.
type Outcome uint8

const (
	// Proceed: serve the request.
	Proceed Outcome = iota
	// NotModified: a read answers 304 (a copy 412).
	NotModified
	// Failed: 412 PreconditionFailed.
	Failed
)

// Evaluate applies p to a version with etag (quoted or not) and
// lastModified. S3 follows RFC 7232: If-Match, or without it
// If-Unmodified-Since, may fail the request; then If-None-Match, or
// without it If-Modified-Since, may make it "not modified". So If-Match
// true with If-Unmodified-Since false serves the object, and If-None-Match
// false with If-Modified-Since true answers 304. The string names the
// header that decided a non-Proceed outcome.
func (p Preconditions) Evaluate(etag string, lastModified time.Time) (Outcome, string) {
	switch {
	case p.IfMatch != "":
		if !etagListMatches(p.IfMatch, etag) {
			return Failed, "If-Match"
		}
	case !p.IfUnmodifiedSince.IsZero():
		if lastModified.After(p.IfUnmodifiedSince) {
			return Failed, "If-Unmodified-Since"
		}
	}
	switch {
	case p.IfNoneMatch != "":
		if etagListMatches(p.IfNoneMatch, etag) {
			return NotModified, "If-None-Match"
		}
	case !p.IfModifiedSince.IsZero():
		if !lastModified.After(p.IfModifiedSince) {
			return NotModified, "If-Modified-Since"
		}
	}
	return Proceed, ""
}

// etagListMatches reports whether a header's entity-tag list ("*", or
// comma-separated tags, quoted or not, weak or strong) names etag.
func etagListMatches(list, etag string) bool {
	want := normalizeETag(etag)
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || normalizeETag(t) == want {
			return true
		}
	}
	return false
}

// normalizeETag drops a weak prefix and the quotes, and folds case (ETags
// are lower-case hex, but clients may send upper case).
func normalizeETag(t string) string {
	t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
	return strings.ToLower(strings.Trim(t, `"`))
}
