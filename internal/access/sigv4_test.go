package access

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// awkwardKeys are object keys whose escaping differs between naive and
// correct implementations.
var awkwardKeys = []string{
	"plain.txt",
	"with space.txt",
	"plus+sign",
	"tilde~and=equals",
	"ünïcödé/日本語.txt",
	"dir//double/./dot/../x",
	"percent%20literal",
	"sub-delims!$&'()*,;:@",
	"brackets[]{}^`|\\\"<>#?",
	"trailing/",
}

func TestSDKClientRequestsVerify(t *testing.T) {
	w := newWire(t, NewRegistry(), time.Now)
	c := w.s3Client(DefaultAccessKeyID, DefaultSecretAccessKey)
	ctx := context.Background()
	for _, key := range awkwardKeys {
		_, _ = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key),
			Body: strings.NewReader("hello " + key), Metadata: map[string]string{"note": "a  b"}})
		_, _ = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key)})
		_, _ = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key)})
	}
	_, _ = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"),
		Prefix: aws.String("a b/ü+x=y&z"), Delimiter: aws.String("/"), StartAfter: aws.String("~!*'()")})
	_, _ = c.ListBuckets(ctx, &s3.ListBucketsInput{})
	got := w.take()
	if len(got) != 3*len(awkwardKeys)+2 {
		t.Fatalf("server saw %d requests", len(got))
	}
	for _, s := range got {
		if s.err != nil {
			t.Errorf("%s %s: %v", s.method, s.uri, s.err)
			continue
		}
		if s.auth.Identity.AccountID != DefaultAccountID || !s.auth.Identity.IsRoot() {
			t.Errorf("%s %s: identity %+v", s.method, s.uri, s.auth.Identity)
		}
	}
}

func TestSignerCases(t *testing.T) {
	reg := exampleRegistry(t)
	w := newWire(t, reg, time.Now)
	now := time.Now()
	tests := []struct {
		name, method, target, body, payload string
		prep                                func(*http.Request)
	}{
		{"empty payload", "GET", "/b/k", "", emptySHA256, nil},
		{"unsigned payload", "PUT", "/b/k", "body", "UNSIGNED-PAYLOAD", nil},
		{"signed payload", "PUT", "/b/k", "body", sha256Hex([]byte("body")), nil},
		{"query needing encoding", "GET", "/b?list-type=2&prefix=a%20b%2Fc&start-after=x%2By%3Dz&delimiter=%2F", "", emptySHA256, nil},
		{"subresource without value", "GET", "/b?inventory&id=cfg%201", "", emptySHA256, nil},
		{"repeated query names", "GET", "/b?a=2&a=1&A=0", "", emptySHA256, nil},
		{"key with reserved chars", "GET", "/b/a%20b%2Bc~d%3De%E2%82%AC", "", emptySHA256, nil},
		{"header values with runs of spaces", "PUT", "/b/k", "x", "UNSIGNED-PAYLOAD", func(r *http.Request) {
			r.Header.Set("X-Amz-Meta-Note", "  a   b  c ")
			r.Header.Add("X-Amz-Meta-Multi", "one")
			r.Header.Add("X-Amz-Meta-Multi", " two ")
		}},
		{"streaming seed", "PUT", "/b/k", "", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", func(r *http.Request) {
			r.Header.Set("Content-Encoding", "aws-chunked")
			r.Header.Set("X-Amz-Decoded-Content-Length", "0")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := w.signed(t, tc.method, tc.target, tc.body, tc.payload, exampleAKID, exampleSecret, now, tc.prep)
			s := w.send(t, r)
			if s.err != nil {
				t.Fatal(s.err)
			}
			if s.auth.Identity.AccountID != "111122223333" || s.auth.PayloadHash != tc.payload {
				t.Fatalf("auth %+v", s.auth)
			}
		})
	}
}

func TestWrongSecretReportsOurCanonicalRequest(t *testing.T) {
	w := newWire(t, exampleRegistry(t), time.Now)
	r, canonical := w.signed(t, "GET", "/b/some%20key?versionId=v%2B1", "", emptySHA256, exampleAKID, "not the secret", time.Now(), nil)
	sig := r.Header.Get("Authorization")
	sig = sig[strings.LastIndex(sig, "=")+1:]
	e := wantError(t, w.send(t, r).err, CodeSignatureDoesNotMatch, 403, msgSignatureMismatch)
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Name
	}
	if got := strings.Join(names, ","); got != "AWSAccessKeyId,StringToSign,SignatureProvided,StringToSignBytes,CanonicalRequest,CanonicalRequestBytes" {
		t.Fatalf("fields %s", got)
	}
	if e.Field("AWSAccessKeyId") != exampleAKID || e.Field("SignatureProvided") != sig {
		t.Fatalf("fields %v", e.Fields)
	}
	// Same canonical request as the SDK's: only the key differed.
	if e.Field("CanonicalRequest") != canonical {
		t.Fatalf("canonical request:\n ours %q\n sdk's %q", e.Field("CanonicalRequest"), canonical)
	}
	if !strings.HasPrefix(e.Field("StringToSignBytes"), "41 57 53 34 2d 48 4d 41 43") {
		t.Fatalf("StringToSignBytes %q", e.Field("StringToSignBytes"))
	}
}

func TestUnknownKey(t *testing.T) {
	w := newWire(t, NewRegistry(), time.Now)
	r, _ := w.signed(t, "GET", "/b/k", "", emptySHA256, "AKIANOBODY", "x", time.Now(), nil)
	e := wantError(t, w.send(t, r).err, CodeInvalidAccessKeyID, 403,
		"The AWS Access Key Id you provided does not exist in our records.")
	if e.Field("AWSAccessKeyId") != "AKIANOBODY" {
		t.Fatalf("fields %v", e.Fields)
	}
}

func TestSkew(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	w := newWire(t, NewRegistry(), fixedClock(now))
	for _, tc := range []struct {
		offset time.Duration
		ok     bool
	}{
		{-14 * time.Minute, true}, {14 * time.Minute, true},
		{-15*time.Minute - time.Second, false}, {15*time.Minute + time.Second, false},
		{-24 * time.Hour, false}, {3 * time.Hour, false},
	} {
		signAt := now.Add(tc.offset)
		r, _ := w.signed(t, "GET", "/b/k", "", emptySHA256, DefaultAccessKeyID, DefaultSecretAccessKey, signAt, nil)
		err := w.send(t, r).err
		if tc.ok {
			if err != nil {
				t.Errorf("offset %v: %v", tc.offset, err)
			}
			continue
		}
		e := wantError(t, err, CodeRequestTimeTooSkewed, 403, "The difference between the request time and the current time is too large.")
		want := []Field{{"RequestTime", signAt.Format("20060102T150405Z")}, {"ServerTime", "2026-03-01T12:00:00Z"}, {"MaxAllowedSkewMilliseconds", "900000"}}
		if len(e.Fields) != 3 || e.Fields[0] != want[0] || e.Fields[1] != want[1] || e.Fields[2] != want[2] {
			t.Errorf("offset %v: fields %v", tc.offset, e.Fields)
		}
	}
}

func TestHeaderFaults(t *testing.T) {
	now := time.Now()
	w := newWire(t, NewRegistry(), time.Now)
	signedWith := func(prep func(*http.Request), payload string) *http.Request {
		r, _ := w.signed(t, "GET", "/b/k", "", payload, DefaultAccessKeyID, DefaultSecretAccessKey, now, prep)
		return r
	}
	tests := []struct {
		name    string
		req     *http.Request
		edit    func(*http.Request)
		code    string
		status  int
		message string
		fields  []Field
	}{
		{name: "wrong region", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) {
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/us-east-1/", "/eu-west-1/", 1))
			},
			code: CodeAuthorizationHeaderMalformed, status: 400,
			message: "The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'",
			fields:  []Field{{"Region", "us-east-1"}}},
		{name: "wrong service", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) {
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/s3/", "/s4/", 1))
			},
			code: CodeAuthorizationHeaderMalformed, status: 400,
			message: `The authorization header is malformed; incorrect service "s4". This endpoint belongs to "s3".`},
		{name: "mal-formed credential", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) {
				r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/2013, SignedHeaders=host, Signature=00")
			},
			code: CodeAuthorizationHeaderMalformed, status: 400,
			message: `The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`},
		{name: "missing component", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) {
				a := r.Header.Get("Authorization")
				r.Header.Set("Authorization", a[:strings.Index(a, ", Signature=")])
			},
			code: CodeAuthorizationHeaderMalformed, status: 400,
			message: "The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature."},
		{name: "credential date differs", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) {
				r.Header.Set("X-Amz-Date", now.Add(-24*time.Hour).UTC().Format("20060102T150405Z"))
			},
			code: CodeAuthorizationHeaderMalformed, status: 400},
		{name: "signature version 2", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) { r.Header.Set("Authorization", "AWS test:c2lnbmF0dXJl") },
			code: CodeInvalidRequest, status: 400,
			message: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."},
		{name: "unknown scheme", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) { r.Header.Set("Authorization", "Bearer abc") },
			code: CodeInvalidArgument, status: 400, message: "Unsupported Authorization Type",
			fields: []Field{{"ArgumentName", "Authorization"}, {"ArgumentValue", "Bearer abc"}}},
		{name: "no date", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) { r.Header.Del("X-Amz-Date") },
			code: CodeAccessDenied, status: 403, message: "AWS authentication requires a valid Date or x-amz-date header"},
		{name: "missing content sha256", req: signedWith(nil, ""),
			code: CodeInvalidRequest, status: 400, message: "Missing required header for this request: x-amz-content-sha256"},
		{name: "bad content sha256", req: signedWith(nil, "abc"),
			code: CodeInvalidArgument, status: 400, message: msgBadSHA256,
			fields: []Field{{"ArgumentName", "x-amz-content-sha256"}, {"ArgumentValue", "abc"}}},
		{name: "unsigned x-amz header", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) { r.Header.Set("X-Amz-Meta-Added", "later") },
			code: CodeAccessDenied, status: 403, message: "There were headers present in the request which were not signed",
			fields: []Field{{"HeadersNotSigned", "x-amz-meta-added"}}},
		{name: "tampered signed header", req: signedWith(func(r *http.Request) { r.Header.Set("X-Amz-Meta-A", "1") }, emptySHA256),
			edit: func(r *http.Request) { r.Header.Set("X-Amz-Meta-A", "2") },
			code: CodeSignatureDoesNotMatch, status: 403, message: msgSignatureMismatch},
		{name: "header and query auth", req: signedWith(nil, emptySHA256),
			edit: func(r *http.Request) { r.URL.RawQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256" },
			code: CodeInvalidArgument, status: 400,
			message: "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.edit != nil {
				tc.edit(tc.req)
			}
			e := wantError(t, w.send(t, tc.req).err, tc.code, tc.status, tc.message)
			for _, f := range tc.fields {
				if got := e.Field(f.Name); got != f.Value {
					t.Errorf("field %s = %q, want %q", f.Name, got, f.Value)
				}
			}
		})
	}
}

func TestPayloadMismatch(t *testing.T) {
	w := newWire(t, NewRegistry(), time.Now)
	claimed := sha256Hex([]byte("other body"))
	r, _ := w.signed(t, "PUT", "/b/k", "the body", claimed, DefaultAccessKeyID, DefaultSecretAccessKey, time.Now(), nil)
	e := wantError(t, w.send(t, r).err, CodeXAmzContentSHA256Mismatch, 400,
		"The provided 'x-amz-content-sha256' header does not match what was computed.")
	if e.Field("ClientComputedContentSHA256") != claimed || e.Field("S3ComputedContentSHA256") != sha256Hex([]byte("the body")) {
		t.Fatalf("fields %v", e.Fields)
	}
}

func TestAnonymous(t *testing.T) {
	w := newWire(t, NewRegistry(), time.Now)
	resp, err := http.Get(w.URL + "/b/k")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	s := w.last(t)
	if s.err != nil || !s.auth.Anonymous() || s.auth.Principal().Type != PrincipalAnonymous || s.auth.Principal().ARN != "*" {
		t.Fatalf("got %+v %v", s.auth, s.err)
	}
}

func TestAnyCredentials(t *testing.T) {
	reg := NewRegistry()
	reg.SetAnyCredentials(true)
	w := newWire(t, reg, time.Now)
	r, _ := w.signed(t, "PUT", "/b/k", "", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "whoever", "whatever", time.Now(), nil)
	s := w.send(t, r)
	if s.err != nil {
		t.Fatal(s.err)
	}
	if s.auth.Identity.AccountID != DefaultAccountID || !s.auth.Identity.IsRoot() {
		t.Fatalf("identity %+v", s.auth.Identity)
	}
	if _, err := s.auth.VerifyChunk(s.auth.SeedSignature(), []byte("x"), "junk"); err != nil {
		t.Fatalf("chunks are not checked in any-credentials mode: %v", err)
	}
}

// TestVirtualHostRewrite shows why Verify takes the host: the front
// handler rewrites bucket.localhost requests to path style.
func TestVirtualHostRewrite(t *testing.T) {
	reg := NewRegistry()
	v := NewVerifier(reg, "us-east-1", time.Now)
	w := newWire(t, reg, time.Now)
	r, _ := w.signed(t, "GET", "/key%20one?tagging", "", emptySHA256, DefaultAccessKeyID, DefaultSecretAccessKey, time.Now(),
		func(r *http.Request) { r.Host = "bkt.localhost:4566" })
	// What the server sees: RequestURI as sent, then the rewrite.
	r.RequestURI = r.URL.RequestURI()
	sentHost := r.Host
	r.URL.Path, r.URL.RawPath, r.Host = "/bkt"+r.URL.Path, "/bkt"+r.URL.RawPath, "localhost"
	if _, err := v.Verify(r, sentHost); err != nil {
		t.Fatalf("with the sent host: %v", err)
	}
	_, err := v.Verify(r, "")
	wantError(t, err, CodeSignatureDoesNotMatch, 403, "")
}

// TestInProcessRequest verifies client-built requests, as an in-process
// transport hands them over: no RequestURI, Content-Length in a field.
func TestInProcessRequest(t *testing.T) {
	reg := NewRegistry()
	w := newWire(t, reg, time.Now)
	v := NewVerifier(reg, "us-east-1", time.Now)
	for _, target := range []string{"/b/a%20b%2Bc", "/b/%C3%BC?tagging&versionId=x%2By", "/"} {
		r, _ := w.signed(t, "PUT", target, "body", sha256Hex([]byte("body")), DefaultAccessKeyID, DefaultSecretAccessKey, time.Now(), nil)
		if r.RequestURI != "" {
			t.Fatal("client request with a RequestURI")
		}
		if _, err := v.Verify(r, ""); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		r.Host = "" // as a transport may leave it; the URL's host stands in
		if _, err := v.Verify(r, ""); err != nil {
			t.Fatalf("%s without r.Host: %v", target, err)
		}
	}
}
