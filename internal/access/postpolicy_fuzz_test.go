package access

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// FuzzParsePostPolicy: any policy document parses or fails with
// InvalidPolicyDocument, and a parsed one can be checked without panic,
// its failures S3's 403 and 400 answers.
func FuzzParsePostPolicy(f *testing.F) {
	f.Add(`{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"bucket": "b"}, ["starts-with", "$key", "a/"], ["content-length-range", 1, 10]]}`, "a/x", int64(5))
	f.Add(`{"expiration": "2030-01-01T00:00:00.000Z", "conditions": [["eq", "$Content-Type", "text/plain"], ["content-length-range", "1", "x"]]}`, "k", int64(0))
	f.Add(`{"conditions": [[]]}`, "", int64(-1))
	f.Fuzz(func(t *testing.T, doc, key string, size int64) {
		p, err := ParsePostPolicy(base64.StdEncoding.EncodeToString([]byte(doc)))
		if err != nil {
			if e := asError(t, err); e.Code != CodeInvalidPolicyDocument || e.Status != http.StatusBadRequest {
				t.Fatalf("parse: %v", e)
			}
			return
		}
		fields := []PostField{{"key", key}, {"Content-Type", key}, {"x-amz-meta-a", key}}
		if err := p.CheckFields(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "b", fields, false); err != nil {
			if e := asError(t, err); e.Status != http.StatusForbidden {
				t.Fatalf("check: %v", e)
			}
		}
		if err := p.CheckSize(size); err != nil {
			if e := asError(t, err); e.Status != http.StatusBadRequest {
				t.Fatalf("size: %v", e)
			}
		}
	})
}

// FuzzVerifySigV2: with SigV2 on, any header or query authenticates or
// fails with an *Error, never a panic.
func FuzzVerifySigV2(f *testing.F) {
	f.Add("GET", "/b/k", "AWSAccessKeyId=test&Expires=9999999999&Signature=abc", "", "")
	f.Add("PUT", "/b", "acl&versionId=%zz", "AWS test:abc", "Tue, 27 Mar 2007 19:36:42 +0000")
	f.Add("GET", "/", "Signature=", "AWS  a:b:c", "")
	v := NewVerifier(NewRegistry(), "us-east-1", fixedClock(time.Date(2026, 1, 1, 0, 5, 0, 0, time.UTC)))
	v.AcceptSigV2(true)
	f.Fuzz(func(t *testing.T, method, path, rawQuery, authz, date string) {
		r := &http.Request{Method: method, URL: &url.URL{Path: path, RawQuery: rawQuery}, Header: http.Header{},
			Host: "bkt.localhost", RequestURI: path + "?" + rawQuery}
		if authz != "" {
			r.Header.Set("Authorization", authz)
		}
		if date != "" {
			r.Header.Set("Date", date)
		}
		if _, err := v.Verify(r, ""); err != nil {
			asError(t, err)
		}
		if _, err := v.VerifyPost(func(name string) (string, bool) {
			q := r.URL.Query()
			for k := range q {
				if len(k) == len(name) && equalFoldASCII(k, name) {
					return q.Get(k), true
				}
			}
			return "", false
		}); err != nil {
			asError(t, err)
		}
	})
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}
