package s3fake

import (
	"net/http"
	"strings"
)

// sendContinue sends the interim "100 Continue" to a request that expects
// it (Expect: 100-continue) but declares an empty body, before its final
// answer.
//
// net/http sends 100 Continue by itself only when a handler reads a body
// of non-zero length. boto3 sends Expect: 100-continue with
// Content-Length: 0 on every zero-length PutObject, and botocore, given a
// final answer without the 100, keeps that answer's status line for the
// next request with Expect on the same connection: it then misreads that
// answer, stalls until its read timeout (60 s) and retries, so one
// put_object can store two versions. With the 100 first, botocore takes
// its ordinary path.
func sendContinue(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength == 0 && r.ProtoAtLeast(1, 1) && strings.EqualFold(headerValue(r.Header, "Expect"), "100-continue") {
		w.WriteHeader(http.StatusContinue)
	}
}
