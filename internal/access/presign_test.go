package access

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func TestPresignedSDK(t *testing.T) {
	reg := NewRegistry()
	w := newWire(t, reg, time.Now)
	pc := s3.NewPresignClient(w.s3Client(DefaultAccessKeyID, DefaultSecretAccessKey))
	ctx := context.Background()
	for _, key := range awkwardKeys {
		get, err := pc.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key)},
			s3.WithPresignExpires(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		put, err := pc.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key),
			ContentType: aws.String("text/plain")}, s3.WithPresignExpires(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []struct {
			method, url string
			header      http.Header
			body        string
		}{{get.Method, get.URL, get.SignedHeader, ""}, {put.Method, put.URL, put.SignedHeader, "data"}} {
			r, err := http.NewRequest(p.method, p.url, strings.NewReader(p.body))
			if err != nil {
				t.Fatal(err)
			}
			for k, vs := range p.header {
				if k != "Host" {
					r.Header[k] = vs
				}
			}
			s := w.send(t, r)
			if s.err != nil {
				t.Fatalf("%s %q: %v", p.method, key, s.err)
			}
			if s.auth.Method != MethodPresigned || s.auth.Identity.AccountID != DefaultAccountID {
				t.Fatalf("auth %+v", s.auth)
			}
		}
	}
}

func TestPresignedExpiry(t *testing.T) {
	signAt := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	reg := NewRegistry()
	clock := signAt
	w := newWire(t, reg, func() time.Time { return clock })
	r, err := http.NewRequest("GET", w.URL+"/bkt/k?X-Amz-Expires=60", nil)
	if err != nil {
		t.Fatal(err)
	}
	url, _, err := v4.NewSigner().PresignHTTP(context.Background(),
		aws.Credentials{AccessKeyID: DefaultAccessKeyID, SecretAccessKey: DefaultSecretAccessKey},
		r, unsignedPayload, "s3", "us-east-1", signAt)
	if err != nil {
		t.Fatal(err)
	}
	get := func() error {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		return w.last(t).err
	}
	for _, at := range []time.Duration{0, 30 * time.Second, 60 * time.Second} {
		clock = signAt.Add(at)
		if err := get(); err != nil {
			t.Fatalf("at +%v: %v", at, err)
		}
	}
	clock = signAt.Add(61 * time.Second)
	e := wantError(t, get(), CodeAccessDenied, 403, "Request has expired")
	want := []Field{{"X-Amz-Expires", "60"}, {"Expires", "2026-03-01T12:01:00Z"}, {"ServerTime", "2026-03-01T12:01:01Z"}}
	if len(e.Fields) != 3 || e.Fields[0] != want[0] || e.Fields[1] != want[1] || e.Fields[2] != want[2] {
		t.Fatalf("fields %v", e.Fields)
	}
	// Signed for the future, beyond the skew allowance.
	clock = signAt.Add(-16 * time.Minute)
	wantError(t, get(), CodeAccessDenied, 403, "Request is not yet valid")
	// A day later the 15-minute skew rule does not apply, only expiry.
	r2, _ := http.NewRequest("GET", w.URL+"/bkt/k?X-Amz-Expires=604800", nil)
	url, _, _ = v4.NewSigner().PresignHTTP(context.Background(),
		aws.Credentials{AccessKeyID: DefaultAccessKeyID, SecretAccessKey: DefaultSecretAccessKey},
		r2, unsignedPayload, "s3", "us-east-1", signAt)
	clock = signAt.Add(6 * 24 * time.Hour)
	if err := get(); err != nil {
		t.Fatalf("week-long URL after six days: %v", err)
	}
}

func TestPresignFaults(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	v := NewVerifier(NewRegistry(), "us-east-1", fixedClock(now))
	const cred = "test%2F20260301%2Fus-east-1%2Fs3%2Faws4_request"
	base := "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + cred + "&X-Amz-Date=20260301T120000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00"
	tests := []struct {
		name, query, code string
		status            int
		message           string
	}{
		{"missing expires", strings.Replace(base, "&X-Amz-Expires=60", "", 1), CodeAuthorizationQueryParametersError, 400,
			"Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."},
		{"algorithm", strings.Replace(base, "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1", 1), CodeAuthorizationQueryParametersError, 400,
			`X-Amz-Algorithm only supports "AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256"`},
		{"date", strings.Replace(base, "20260301T120000Z", "2026-03-01", 1), CodeAuthorizationQueryParametersError, 400,
			`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`},
		{"expires not a number", strings.Replace(base, "Expires=60", "Expires=soon", 1), CodeAuthorizationQueryParametersError, 400,
			"X-Amz-Expires should be a number"},
		{"expires negative", strings.Replace(base, "Expires=60", "Expires=-1", 1), CodeAuthorizationQueryParametersError, 400,
			"X-Amz-Expires must be non-negative"},
		{"expires over a week", strings.Replace(base, "Expires=60", "Expires=604801", 1), CodeAuthorizationQueryParametersError, 400,
			"X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds"},
		{"region", strings.Replace(base, "us-east-1", "eu-west-1", 1), CodeAuthorizationQueryParametersError, 400,
			"Error parsing the X-Amz-Credential parameter; the region 'eu-west-1' is wrong; expecting 'us-east-1'"},
		{"date mismatch", strings.Replace(base, "20260301%2F", "20260302%2F", 1), CodeAuthorizationQueryParametersError, 400,
			`Invalid credential date "20260302". This date is not the same as X-Amz-Date: "20260301".`},
		{"unknown key", strings.Replace(base, "test%2F", "nobody%2F", 1), CodeInvalidAccessKeyID, 403,
			"The AWS Access Key Id you provided does not exist in our records."},
		{"bad signature", base, CodeSignatureDoesNotMatch, 403, msgSignatureMismatch},
		{"signature version 2", "AWSAccessKeyId=test&Expires=1&Signature=x", CodeInvalidRequest, 400, msgUnsupportedSigV},
		{"host not signed", strings.Replace(base, "SignedHeaders=host", "SignedHeaders=range", 1), CodeAccessDenied, 403,
			"There were headers present in the request which were not signed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := http.NewRequest("GET", "http://localhost/b/k?"+tc.query, nil)
			_, err := v.Verify(r, "")
			e := wantError(t, err, tc.code, tc.status, tc.message)
			if tc.name == "region" && e.Field("Region") != "us-east-1" {
				t.Fatalf("fields %v", e.Fields)
			}
		})
	}
}

// TestPresignedAtYearOne: the earliest date the format can carry (Go's
// zero time) is a date like any other, long expired.
func TestPresignedAtYearOne(t *testing.T) {
	reg := NewRegistry()
	w := newWire(t, reg, func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
	resp, err := http.Get(w.URL + "/bkt/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + DefaultAccessKeyID +
		"%2F00010101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=00010101T000000Z&X-Amz-Expires=60" +
		"&X-Amz-SignedHeaders=host&X-Amz-Signature=00")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	e := wantError(t, w.last(t).err, CodeAccessDenied, 403, "Request has expired")
	if len(e.Fields) != 3 || e.Fields[1] != (Field{"Expires", "0001-01-01T00:01:00Z"}) {
		t.Fatalf("fields %v", e.Fields)
	}
}
