package access

// Fuzz targets: go test -fuzz=FuzzParseBucketPolicy ./internal/access/
// (and the others). Each is seeded from fixtures: valid and malformed
// policies, the inventory delivery policy, and SDK-signed requests.

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

var policySeeds = []string{
	deliveryPolicy("bkt", "src", "111122223333"),
	stmt(okStmt),
	`{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["111122223333","arn:aws:iam::000000000000:user/a"]},"NotAction":"s3:Get*","NotResource":"arn:aws:s3:::bkt/*"}}`,
	stmt(okStmt + `,"Condition":{"ForAllValues:StringLikeIfExists":{"aws:TagKeys":["a*",1,true]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`),
	`{"Version":"2012-10-17","Statement":[]}`,
	`{"Statement":[{"Effect":"Allow","Principal":{"CanonicalUser":"` + CanonicalID("1") + `"},"Action":"*","Resource":"*"}]}`,
	`{`, `[]`, ``,
}

func FuzzParseBucketPolicy(f *testing.F) {
	for _, s := range policySeeds {
		f.Add([]byte(s), "bkt")
	}
	reg := NewRegistry()
	callers := []Principal{Anonymous(), ServicePrincipal("s3.amazonaws.com"), mustIdentity(reg.Account(DefaultAccountID)).Principal()}
	f.Fuzz(func(t *testing.T, doc []byte, bucket string) {
		p, err := ParseBucketPolicy(doc, bucket, reg)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeMalformedPolicy || e.Status != 400 || e.Message == "" {
				t.Fatalf("error %#v", err)
			}
			return
		}
		for _, c := range callers {
			Authorize(AuthzRequest{Principal: c, Action: "s3:PutObject", Resource: ObjectARN(bucket, "k"),
				BucketOwner: "111122223333", BucketPolicy: p, Context: Context{"aws:SourceArn": {"arn:aws:s3:::src"}}})
		}
	})
}

func FuzzParseIdentityPolicy(f *testing.F) {
	for _, s := range policySeeds {
		f.Add([]byte(strings.ReplaceAll(s, `"Principal":"*",`, "")))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := ParseIdentityPolicy(doc)
		if err != nil {
			if e := asError(t, err); e.Code != CodeMalformedPolicy {
				t.Fatalf("code %s", e.Code)
			}
			return
		}
		user := Principal{Type: PrincipalUser, AccountID: "111122223333", ARN: UserARN("111122223333", "u"), Policy: p}
		Authorize(AuthzRequest{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", BucketOwner: "111122223333"})
	})
}

func mustIdentity(id Identity, ok bool) Identity {
	if !ok {
		panic("missing identity")
	}
	return id
}

// sdkSigned returns an Authorization header and a presigned query made by
// the SDK's signer, for seeds.
func sdkSigned(f *testing.F) (header, query string) {
	creds := aws.Credentials{AccessKeyID: DefaultAccessKeyID, SecretAccessKey: DefaultSecretAccessKey}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r, _ := http.NewRequest("GET", "http://localhost/bkt/a%20b?list-type=2&prefix=x", nil)
	r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, emptySHA256, "s3", "us-east-1", at,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }); err != nil {
		f.Fatal(err)
	}
	r2, _ := http.NewRequest("PUT", "http://localhost/bkt/k?X-Amz-Expires=900", nil)
	u, _, err := v4.NewSigner().PresignHTTP(context.Background(), creds, r2, unsignedPayload, "s3", "us-east-1", at)
	if err != nil {
		f.Fatal(err)
	}
	parsed, _ := url.Parse(u)
	return r.Header.Get("Authorization"), parsed.RawQuery
}

func FuzzParseAuthorization(f *testing.F) {
	header, _ := sdkSigned(f)
	f.Add(header)
	f.Add("AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/s3/aws4_request,SignedHeaders=host,Signature=00")
	f.Add("AWS test:sig")
	f.Add("AWS4-HMAC-SHA256 Credential")
	f.Fuzz(func(t *testing.T, h string) {
		a, err := parseAuthorization(h)
		if err != nil {
			if err.Status != 400 {
				t.Fatalf("status %d", err.Status)
			}
			return
		}
		if _, err := parseCredential(a.Credential, false, "us-east-1"); err != nil && err.Status != 400 {
			t.Fatalf("status %d", err.Status)
		}
	})
}

func FuzzParsePresign(f *testing.F) {
	_, query := sdkSigned(f)
	f.Add(query)
	f.Add("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=-1")
	f.Add("AWSAccessKeyId=a&Signature=b&Expires=1")
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw)
		if !isPresigned(q) {
			return
		}
		p, err := parsePresign(q)
		if err != nil {
			return
		}
		// The time accepted is the one sent: X-Amz-Date=00010101T000000Z is
		// well formed (and Go's zero time), and expires like any past date.
		if p.Expires < 0 || p.Expires > maxPresignExpires || p.Time.Format(amzDateLayout) != p.AmzDate {
			t.Fatalf("accepted %+v", p)
		}
		_ = canonicalQuery(raw, true)
	})
}

// FuzzVerify feeds arbitrary request parts through the whole verifier.
func FuzzVerify(f *testing.F) {
	header, query := sdkSigned(f)
	f.Add("GET", "/bkt/a%20b", "list-type=2&prefix=x", header, "20260101T000000Z", emptySHA256)
	f.Add("PUT", "/bkt/k", query, "", "", "")
	f.Add("GET", "/", "", "", "", "")
	v := NewVerifier(NewRegistry(), "us-east-1", fixedClock(time.Date(2026, 1, 1, 0, 5, 0, 0, time.UTC)))
	f.Fuzz(func(t *testing.T, method, path, rawQuery, authz, amzDate, sha string) {
		r := &http.Request{Method: method, URL: &url.URL{Path: path, RawQuery: rawQuery}, Header: http.Header{},
			Host: "localhost", RequestURI: path + "?" + rawQuery}
		for k, v := range map[string]string{"Authorization": authz, "X-Amz-Date": amzDate, "X-Amz-Content-Sha256": sha} {
			if v != "" {
				r.Header.Set(k, v)
			}
		}
		a, err := v.Verify(r, "")
		if err != nil {
			asError(t, err)
			return
		}
		_ = a.Principal()
		_, _ = a.VerifyChunk(a.SeedSignature(), []byte("x"), "00")
	})
}

// FuzzWildcard checks wildcardMatch against a regular expression.
func FuzzWildcard(f *testing.F) {
	f.Add("s3:get*", "s3:getobject")
	f.Add("a?c*", "abcdef")
	f.Add("*/*", "bkt/ü")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(s) || len(pattern) > 64 {
			return
		}
		var re strings.Builder
		re.WriteString(`(?s)\A`)
		for _, c := range pattern {
			switch c {
			case '*':
				re.WriteString(".*")
			case '?':
				re.WriteString(".")
			default:
				re.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
		re.WriteString(`\z`)
		if want := regexp.MustCompile(re.String()).MatchString(s); wildcardMatch(pattern, s) != want {
			t.Fatalf("wildcardMatch(%q, %q) = %v", pattern, s, !want)
		}
	})
}
