package access

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// sigV2Verifier is a Verifier over the documentation key that accepts
// SigV2, with its clock stopped at now.
func sigV2Verifier(t *testing.T, now time.Time) *Verifier {
	t.Helper()
	v := NewVerifier(exampleRegistry(t), "us-east-1", fixedClock(now))
	v.AcceptSigV2(true)
	return v
}

// The examples of AWS's "Signing and authenticating REST requests" page
// (bucket johnsmith, the documentation key), sent path style, virtual-host
// style (johnsmith.localhost) and with x-amz-date.
func TestSigV2AWSExamples(t *testing.T) {
	tests := []struct {
		name, method, url, host, date, amzDate, contentType, sig string
	}{
		{name: "object GET", method: "GET", url: "/johnsmith/photos/puppy.jpg",
			date: "Tue, 27 Mar 2007 19:36:42 +0000", sig: "bWq2s1WEIj+Ydj0vQ697zp+IXMU="},
		{name: "object GET, virtual host", method: "GET", url: "/photos/puppy.jpg", host: "johnsmith.localhost:4566",
			date: "Tue, 27 Mar 2007 19:36:42 +0000", sig: "bWq2s1WEIj+Ydj0vQ697zp+IXMU="},
		{name: "object PUT", method: "PUT", url: "/johnsmith/photos/puppy.jpg", contentType: "image/jpeg",
			date: "Tue, 27 Mar 2007 21:15:45 +0000", sig: "MyyxeRY7whkBe+bq8fHCL/2kKUg="},
		{name: "list: the query is not signed", method: "GET", url: "/?prefix=photos&max-keys=50&marker=puppy", host: "johnsmith.localhost",
			date: "Tue, 27 Mar 2007 19:42:41 +0000", sig: "htDYFYduRNen8P9ZfE/s9SuKy0U="},
		{name: "subresource", method: "GET", url: "/johnsmith/?acl",
			date: "Tue, 27 Mar 2007 19:44:46 +0000", sig: "c2WLPFtWHVgbEmeEG93a4cG37dM="},
		{name: "bucket path without its slash, as botocore sends it", method: "GET", url: "/johnsmith?acl",
			date: "Tue, 27 Mar 2007 19:44:46 +0000", sig: "c2WLPFtWHVgbEmeEG93a4cG37dM="},
		{name: "x-amz-date in the Date line", method: "DELETE", url: "/johnsmith/photos/puppy.jpg",
			date: "Tue, 27 Mar 2007 21:20:27 +0000", amzDate: "Tue, 27 Mar 2007 21:20:26 +0000", sig: "lx3byBScXR6KzyMaifNkardMwNk="},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			at, ok := parseV2Time(tc.date)
			if !ok {
				t.Fatal(tc.date)
			}
			v := sigV2Verifier(t, at)
			r, _ := http.NewRequest(tc.method, "http://localhost"+tc.url, nil)
			r.Header.Set("Date", tc.date)
			if tc.amzDate != "" {
				r.Header.Set("X-Amz-Date", tc.amzDate)
			}
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			r.Header.Set("Authorization", "AWS "+exampleAKID+":"+tc.sig)
			a, err := v.Verify(r, tc.host)
			if err != nil {
				t.Fatal(err)
			}
			if a.Method != MethodHeaderV2 || a.Identity.AccountID != "111122223333" || a.PayloadMode() != PayloadNone {
				t.Fatalf("auth %+v", a)
			}
		})
	}
}

// The query-string example of the same page: Expires 1175139620.
func TestSigV2PresignedAWSExample(t *testing.T) {
	const target = "http://localhost/johnsmith/photos/puppy.jpg?AWSAccessKeyId=" + exampleAKID +
		"&Expires=1175139620&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D"
	expires := time.Unix(1175139620, 0)
	v := sigV2Verifier(t, expires.Add(-time.Minute))
	r, _ := http.NewRequest("GET", target, nil)
	a, err := v.Verify(r, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Method != MethodPresignedV2 || a.Expires != time.Minute {
		t.Fatalf("auth %+v", a)
	}

	late := sigV2Verifier(t, expires.Add(time.Second))
	r, _ = http.NewRequest("GET", target, nil)
	_, err = late.Verify(r, "")
	e := wantError(t, err, CodeAccessDenied, 403, "Request has expired")
	if e.Field("Expires") != "2007-03-29T03:40:20Z" || e.Field("ServerTime") != "2007-03-29T03:40:21Z" {
		t.Fatalf("fields %v", e.Fields)
	}
}

// botocore moves the Content-Type and x-amz-* headers it signed into a
// presigned URL's query; they count as headers.
func TestSigV2PresignedHeadersInQuery(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	v := sigV2Verifier(t, now)
	exp := "1772370000"
	sts := "PUT\n\ntext/plain\n" + exp + "\nx-amz-acl:public-read\nx-amz-meta-a:1\n/b/k?versionId=v%201"
	// versionId is a subresource: signed decoded.
	sts = strings.Replace(sts, "v%201", "v 1", 1)
	q := url.Values{"AWSAccessKeyId": {exampleAKID}, "Expires": {exp}, "Signature": {SignV2(exampleSecret, sts)},
		"content-type": {"text/plain"}, "x-amz-acl": {"public-read"}}
	r, _ := http.NewRequest("PUT", "http://localhost/b/k?versionId=v%201&"+q.Encode(), strings.NewReader("x"))
	r.Header.Set("X-Amz-Meta-A", "1")
	if _, err := v.Verify(r, ""); err != nil {
		t.Fatal(err)
	}
}

func TestSigV2Faults(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	date := now.Format(http.TimeFormat)
	header := func(auth string, edit func(*http.Request)) *http.Request {
		r, _ := http.NewRequest("GET", "http://localhost/b/k", nil)
		r.Header.Set("Date", date)
		r.Header.Set("Authorization", auth)
		if edit != nil {
			edit(r)
		}
		return r
	}
	query := func(q string) *http.Request {
		r, _ := http.NewRequest("GET", "http://localhost/b/k?"+q, nil)
		return r
	}
	goodSig := SignV2(exampleSecret, "GET\n\n\n"+date+"\n/b/k")
	tests := []struct {
		name    string
		req     *http.Request
		code    string
		status  int
		message string
		fields  map[string]string
	}{
		{"signed correctly", header("AWS "+exampleAKID+":"+goodSig, nil), "", 0, "", nil},
		{"two spaces", header("AWS  "+exampleAKID+":"+goodSig, nil), CodeInvalidArgument, 400, msgV2HeaderSpacing,
			map[string]string{"ArgumentName": "Authorization"}},
		{"no colon", header("AWS "+exampleAKID, nil), CodeInvalidArgument, 400, msgV2HeaderFormat,
			map[string]string{"ArgumentName": "Authorization", "ArgumentValue": "AWS " + exampleAKID}},
		{"unknown key", header("AWS nobody:"+goodSig, nil), CodeInvalidAccessKeyID, 403, msgInvalidAccessKeyID,
			map[string]string{"AWSAccessKeyId": "nobody"}},
		{"no date", header("AWS "+exampleAKID+":"+goodSig, func(r *http.Request) { r.Header.Del("Date") }),
			CodeAccessDenied, 403, msgNoDate, nil},
		{"skewed", header("AWS "+exampleAKID+":"+goodSig, func(r *http.Request) {
			r.Header.Set("Date", now.Add(-time.Hour).Format(http.TimeFormat))
		}), CodeRequestTimeTooSkewed, 403, msgTooSkewed, map[string]string{"MaxAllowedSkewMilliseconds": "900000"}},
		{"tampered x-amz header", header("AWS "+exampleAKID+":"+goodSig, func(r *http.Request) { r.Header.Set("X-Amz-Meta-A", "1") }),
			CodeSignatureDoesNotMatch, 403, msgSignatureMismatch,
			map[string]string{"AWSAccessKeyId": exampleAKID, "StringToSign": "GET\n\n\n" + date + "\nx-amz-meta-a:1\n/b/k", "SignatureProvided": goodSig}},
		{"query without Expires", query("AWSAccessKeyId=" + exampleAKID + "&Signature=x"), CodeAccessDenied, 403, msgV2QueryParams, nil},
		{"query Expires not a number", query("AWSAccessKeyId=" + exampleAKID + "&Signature=x&Expires=soon"), CodeAccessDenied, 403,
			"Invalid date (should be seconds since epoch): soon", nil},
		{"query unknown key", query("AWSAccessKeyId=nobody&Signature=x&Expires=9999999999"), CodeInvalidAccessKeyID, 403, msgInvalidAccessKeyID, nil},
		{"query bad signature", query("AWSAccessKeyId=" + exampleAKID + "&Signature=x&Expires=9999999999"), CodeSignatureDoesNotMatch, 403, msgSignatureMismatch,
			map[string]string{"StringToSign": "GET\n\n\n9999999999\n/b/k", "StringToSignBytes": hexBytes("GET\n\n\n9999999999\n/b/k")}},
		{"query and header", header("AWS "+exampleAKID+":"+goodSig, func(r *http.Request) { r.URL.RawQuery = "AWSAccessKeyId=a&Signature=b&Expires=1" }),
			CodeInvalidArgument, 400, msgOneMechanism, nil},
	}
	v := sigV2Verifier(t, now)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := v.Verify(tc.req, "")
			if tc.code == "" {
				if err != nil || a.Method != MethodHeaderV2 {
					t.Fatalf("auth %+v, err %v", a, err)
				}
				return
			}
			e := wantError(t, err, tc.code, tc.status, tc.message)
			for name, want := range tc.fields {
				if got := e.Field(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

// Without AcceptSigV2 both carriers are refused as a bucket created today
// refuses them; in any-credentials mode a SigV2 signature is not checked.
func TestSigV2StrictAndAnyCredentials(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	strict := NewVerifier(exampleRegistry(t), "us-east-1", fixedClock(now))
	for _, r := range []*http.Request{
		func() *http.Request {
			r, _ := http.NewRequest("GET", "http://localhost/b/k", nil)
			r.Header.Set("Date", now.Format(http.TimeFormat))
			r.Header.Set("Authorization", "AWS "+exampleAKID+":"+SignV2(exampleSecret, "GET\n\n\n"+now.Format(http.TimeFormat)+"\n/b/k"))
			return r
		}(),
		func() *http.Request {
			r, _ := http.NewRequest("GET", "http://localhost/b/k?AWSAccessKeyId="+exampleAKID+"&Expires=9999999999&Signature=x", nil)
			return r
		}(),
	} {
		_, err := strict.Verify(r, "")
		wantError(t, err, CodeInvalidRequest, 400, msgUnsupportedSigV)
	}

	reg := NewRegistry()
	reg.SetAnyCredentials(true)
	anyCreds := NewVerifier(reg, "us-east-1", fixedClock(now))
	anyCreds.AcceptSigV2(true)
	r, _ := http.NewRequest("GET", "http://localhost/b/k?AWSAccessKeyId=whoever&Expires=9999999999&Signature=x", nil)
	a, err := anyCreds.Verify(r, "")
	if err != nil || a.Identity.AccountID != DefaultAccountID {
		t.Fatalf("auth %+v, err %v", a, err)
	}
}

func TestSigV2Resource(t *testing.T) {
	tests := []struct{ raw, asSent, bare string }{
		{"", "", ""},
		{"prefix=a&max-keys=2", "", ""},
		{"delete=", "?delete=", "?delete"},
		{"uploads", "?uploads", "?uploads"},
		{"versionId=a%2Bb&acl&response-content-type=text%2Fplain", "?acl&response-content-type=text/plain&versionId=a+b",
			"?acl&response-content-type=text/plain&versionId=a+b"},
	}
	for _, tc := range tests {
		asSent, bare := v2SubResourceQuery(tc.raw)
		if asSent != tc.asSent || bare != tc.bare {
			t.Errorf("%q: got %q %q, want %q %q", tc.raw, asSent, bare, tc.asSent, tc.bare)
		}
	}
	if b := vhostBucket("my.bucket.localhost:80"); b != "my.bucket" {
		t.Errorf("vhost bucket %q", b)
	}
	if b := vhostBucket("127.0.0.1:4566"); b != "" {
		t.Errorf("path style bucket %q", b)
	}
}
