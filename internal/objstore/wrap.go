package objstore

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/s3fake/s3fake/internal/awschunked"
)

// WrapOptions configures Wrap.
type WrapOptions struct {
	// ChunkVerifier returns the verifier and seed signature for a request
	// whose body is signed aws-chunked (STREAMING-AWS4-HMAC-SHA256-*). When
	// nil, or when it returns a nil verifier, chunk signatures are checked
	// for shape only. *access.Auth is a ChunkVerifier and SeedSignature()
	// gives the seed.
	ChunkVerifier func(r *http.Request) (awschunked.ChunkVerifier, string)
}

// Wrap returns next, gofakes3's handler over s, with the fixes for what
// gofakes3's protocol layer cannot do itself. In request order:
//
//   - Internal headers a client sends (X-Amz-S3fake-*) are dropped.
//   - versionId=null on an object becomes NullVersionAlias, because
//     gofakes3 routes versionId=null as if no version were given.
//   - HEAD with a versionId is served as a GET whose body is discarded,
//     because gofakes3's HEAD ignores versionId (gofakes3.md P5).
//   - UploadPartCopy (PUT ?uploadId with x-amz-copy-source) gets 501
//     NotImplemented; gofakes3 would store an empty part.
//   - A multipart ETag in If-None-Match loses its "-N", so that gofakes3,
//     which compares MD5s, finds the match and answers 304.
//   - CopyObject gets ExplicitHeadersHeader and a copy token (see
//     CopyObject).
//   - PutObject and UploadPart bodies sent as aws-chunked are decoded,
//     their trailers (x-amz-checksum-*) become headers, and the
//     aws-chunked headers are removed (gofakes3.md P1). An UploadPart
//     checksum header is checked against the part (the store never sees
//     UploadPart headers).
//
// And in responses:
//
//   - ETagHeader becomes ETag (multipart ETags, gofakes3.md P8).
//   - x-amz-delete-marker: false is dropped; S3 sends the header only
//     when it is true.
//   - x-amz-checksum-* headers are sent only when the request asked with
//     x-amz-checksum-mode: ENABLED, as S3 does.
//   - CopyObject answers with the new version's id in x-amz-version-id
//     and the source's in x-amz-copy-source-version-id.
//   - GET or HEAD of a delete marker by version id answers 405
//     MethodNotAllowed (gofakes3 sends 404), keeping x-amz-delete-marker.
//   - Error codes gofakes3 does not know (which it sends as 500, and
//     SDKs retry) get S3's status.
func (s *Store) Wrap(next http.Handler, opts WrapOptions) http.Handler {
	return &wrapper{store: s, next: next, opts: opts}
}

type wrapper struct {
	store  *Store
	next   http.Handler
	opts   WrapOptions
	tokens atomic.Uint64
}

// ServeHTTP applies the request fixes, serves r with gofakes3 and applies
// the response fixes.
func (w *wrapper) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	_, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if key == "" {
		w.next.ServeHTTP(rw, r) // bucket and service calls need no fixing
		return
	}
	r = r.Clone(r.Context()) // the rewrites below must not leak to the caller
	for name := range r.Header {
		if strings.HasPrefix(name, "X-Amz-S3fake-") {
			r.Header.Del(name)
		}
	}
	f := &responseFixer{ResponseWriter: rw, store: w.store, method: r.Method,
		checksumMode: strings.EqualFold(r.Header.Get("X-Amz-Checksum-Mode"), "ENABLED")}
	q := r.URL.Query()
	if q.Get("versionId") == NullVersionID {
		q.Set("versionId", NullVersionAlias)
		r.URL.RawQuery = q.Encode()
	}
	f.byVersion = q.Get("versionId") != ""
	copySource := r.Header.Get("X-Amz-Copy-Source")

	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		fixIfNoneMatch(r.Header)
	}
	switch {
	case r.Method == http.MethodHead && f.byVersion:
		r.Method = http.MethodGet
		f.discardBody = true
	case r.Method == http.MethodPut && copySource != "" && q.Has("uploadId"):
		writeError(rw, r, http.StatusNotImplemented, "NotImplemented", "UploadPartCopy is not implemented")
		return
	case r.Method == http.MethodPut && copySource != "":
		f.copyToken = strconv.FormatUint(w.tokens.Add(1), 36)
		r.Header.Set(ExplicitHeadersHeader, explicitNames(r.Header))
		r.Header.Set(copyTokenHeader, f.copyToken)
	case r.Method == http.MethodPut:
		if err := w.prepareBody(r, q.Has("uploadId")); err != nil {
			writeStoreError(rw, r, err)
			return
		}
		// S3 answers a PutObject or UploadPart with the checksum it
		// verified (gofakes3 answers with the ETag only); the body was
		// checked against it, so the client's value is the stored one.
		f.echo = checksumEcho(r.Header, !q.Has("uploadId"))
	case r.Method == http.MethodPost && q.Has("uploadId"):
		bucket, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		f.complete = &completeTarget{bucket: bucket, key: key}
	case r.Method == http.MethodPost && q.Has("uploads"):
		// CreateMultipartUpload answers with the algorithm and type chosen.
		f.echo = pickHeaders(r.Header, "X-Amz-Checksum-Algorithm", "X-Amz-Checksum-Type")
	}
	w.next.ServeHTTP(f, r)
	f.finish()
}

// fixIfNoneMatch strips the part count from a multipart ETag in
// If-None-Match: gofakes3 compares it with the hex of Object.Hash, which
// for a multipart version is the MD5 of the part MD5s without "-N".
func fixIfNoneMatch(h http.Header) {
	v := h.Get("If-None-Match")
	inner := strings.Trim(v, `"`)
	if hexPart, n, ok := strings.Cut(inner, "-"); ok && len(hexPart) == 32 {
		if _, err := strconv.Atoi(n); err == nil {
			h.Set("If-None-Match", `"`+hexPart+`"`)
		}
	}
}

// explicitNames lists the headers of a copy request that CopyObject's
// rules depend on, keeping the list (which gofakes3 counts against its
// metadata size limit) short.
func explicitNames(h http.Header) string {
	var names []string
	for name := range h {
		if strings.HasPrefix(name, "X-Amz-") || storedHeaders[strings.ToLower(name)] {
			names = append(names, name)
		}
	}
	return strings.Join(names, ",")
}

// checksumEcho is the x-amz-checksum-<alg> header of a request that
// carried one (after aws-chunked trailers became headers), with the
// FULL_OBJECT type that PutObject (whole) answers with.
func checksumEcho(h http.Header, whole bool) map[string]string {
	for name, v := range h {
		if !strings.HasPrefix(name, "X-Amz-Checksum-") || len(v) == 0 {
			continue
		}
		switch name {
		case "X-Amz-Checksum-Algorithm", "X-Amz-Checksum-Type", "X-Amz-Checksum-Mode":
			continue
		}
		out := map[string]string{name: v[0]}
		if whole {
			out["X-Amz-Checksum-Type"] = "FULL_OBJECT"
		}
		return out
	}
	return nil
}

// pickHeaders copies the named request headers that are set.
func pickHeaders(h http.Header, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		if v := h.Get(n); v != "" {
			out[n] = v
		}
	}
	return out
}
