package s3fake_test

// Signature Version 2 through the whole server: header and presigned
// query, verified with the same keys as SigV4 and authorized as their
// signer; AWS's errors; WithStrictSigV4 refusing both (issue 10).

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// signV2 is the SigV2 signature of stringToSign under secret.
func signV2(secret, stringToSign string) string {
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// v2HeaderRequest is method target with body, signed with
// "Authorization: AWS" as acct; resource is the CanonicalizedResource and
// amz the CanonicalizedAmzHeaders lines ("x-amz-meta-a:1\n"), which must
// match the x-amz-* headers set.
func v2HeaderRequest(t *testing.T, srv *s3fake.Server, acct s3fake.Account, method, target, resource string, body []byte, header map[string]string) *http.Request {
	t.Helper()
	req := newRawRequest(t, srv, method, target, body)
	date := time.Now().UTC().Format(http.TimeFormat)
	req.Header.Set("Date", date)
	var amz []string
	for k, v := range header {
		req.Header.Set(k, v)
		if strings.HasPrefix(strings.ToLower(k), "x-amz-") {
			amz = append(amz, strings.ToLower(k)+":"+v+"\n")
		}
	}
	require.LessOrEqual(t, len(amz), 1, "one x-amz header at most: no sorting here")
	sts := method + "\n" + req.Header.Get("Content-MD5") + "\n" + req.Header.Get("Content-Type") + "\n" + date + "\n" + strings.Join(amz, "") + resource
	req.Header.Set("Authorization", "AWS "+acct.AccessKeyID+":"+signV2(acct.SecretAccessKey, sts))
	return req
}

// v2PresignedURL is a SigV2 presigned URL for method on path (with
// subresources in query), valid until expires.
func v2PresignedURL(srv *s3fake.Server, acct s3fake.Account, method, path, query string, expires time.Time) string {
	exp := strconv.FormatInt(expires.Unix(), 10)
	resource := path
	if query != "" {
		resource += "?" + query
	}
	sig := signV2(acct.SecretAccessKey, method+"\n\n\n"+exp+"\n"+resource)
	q := "AWSAccessKeyId=" + url.QueryEscape(acct.AccessKeyID) + "&Expires=" + exp + "&Signature=" + url.QueryEscape(sig)
	if query != "" {
		q = query + "&" + q
	}
	return srv.URL() + path + "?" + q
}

func TestSigV2HeaderRequests(t *testing.T) {
	srv := s3fake.Start(t)
	acct := srv.DefaultAccount()
	require.NoError(t, srv.CreateBucket("bkt"))

	resp := sendRaw(t, v2HeaderRequest(t, srv, acct, http.MethodPut, "/bkt/a%20b.txt", "/bkt/a%20b.txt", []byte("hello"),
		map[string]string{"Content-Type": "text/plain", "X-Amz-Meta-Note": "v2"}))
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	out, body := getObjectBody(t, srv.Client(), "bkt", "a b.txt")
	assert.Equal(t, "hello", body)
	assert.Equal(t, "v2", out.Metadata["note"])

	resp = sendRaw(t, v2HeaderRequest(t, srv, acct, http.MethodGet, "/bkt/a%20b.txt", "/bkt/a%20b.txt", nil, nil))
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Equal(t, "hello", string(resp.body))

	// A subresource is part of the resource; an ordinary parameter is not;
	// a bucket's resource ends with '/'.
	resp = sendRaw(t, v2HeaderRequest(t, srv, acct, http.MethodGet, "/bkt?versioning", "/bkt/?versioning", nil, nil))
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Contains(t, string(resp.body), "VersioningConfiguration")
	resp = sendRaw(t, v2HeaderRequest(t, srv, acct, http.MethodGet, "/bkt?list-type=2&prefix=a", "/bkt/", nil, nil))
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Contains(t, string(resp.body), "<Key>a b.txt</Key>")

	// Virtual-host style: the bucket is in the resource, not the path.
	req := v2HeaderRequest(t, srv, acct, http.MethodGet, "/a%20b.txt", "/bkt/a%20b.txt", nil, nil)
	req.Host = "bkt.localhost"
	resp = sendRaw(t, req)
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)

	// The signer is the caller: a user allowed to read only is refused a write.
	reader := srv.CreateUser(s3fake.DefaultAccountID, "reader",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	resp = sendRaw(t, v2HeaderRequest(t, srv, reader, http.MethodGet, "/bkt/a%20b.txt", "/bkt/a%20b.txt", nil, nil))
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	resp = sendRaw(t, v2HeaderRequest(t, srv, reader, http.MethodPut, "/bkt/w", "/bkt/w", []byte("x"), nil))
	requireS3Error(t, resp, wantAccessDenied())
}

func TestSigV2HeaderErrors(t *testing.T) {
	srv := s3fake.Start(t)
	acct := srv.DefaultAccount()
	require.NoError(t, srv.CreateBucket("bkt"))

	req := v2HeaderRequest(t, srv, acct, http.MethodGet, "/bkt/k", "/bkt/k", nil, nil)
	req.Header.Set("X-Amz-Meta-Added", "after signing")
	el := requireS3Error(t, sendRaw(t, req), wantS3Error{status: 403, code: "SignatureDoesNotMatch", message: wantMsgSignatureMismatch,
		present: []string{"SignatureProvided", "StringToSignBytes"}, values: map[string]string{"AWSAccessKeyId": acct.AccessKeyID}})
	assert.Equal(t, "GET\n\n\n"+req.Header.Get("Date")+"\nx-amz-meta-added:after signing\n/bkt/k", el["StringToSign"])

	req = v2HeaderRequest(t, srv, s3fake.Account{AccessKeyID: "AKIANOBODY", SecretAccessKey: "x"}, http.MethodGet, "/bkt/k", "/bkt/k", nil, nil)
	requireS3Error(t, sendRaw(t, req), wantInvalidAccessKeyID("AKIANOBODY"))

	req = v2HeaderRequest(t, srv, acct, http.MethodGet, "/bkt/k", "/bkt/k", nil, nil)
	req.Header.Del("Date")
	requireS3Error(t, sendRaw(t, req), wantS3Error{status: 403, code: "AccessDenied",
		message: "AWS authentication requires a valid Date or x-amz-date header"})

	req = v2HeaderRequest(t, srv, acct, http.MethodGet, "/bkt/k", "/bkt/k", nil, nil)
	req.Header.Set("Authorization", "AWS "+acct.AccessKeyID)
	requireS3Error(t, sendRaw(t, req), wantS3Error{status: 400, code: "InvalidArgument",
		message: "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature",
		values:  map[string]string{"ArgumentName": "Authorization"}})
}

func TestSigV2Presigned(t *testing.T) {
	srv := s3fake.Start(t)
	acct := srv.DefaultAccount()
	require.NoError(t, srv.CreateBucket("bkt"))
	_, err := srv.PutObject("bkt", "k", []byte("presigned"))
	require.NoError(t, err)

	resp := sendRaw(t, newRawRequest(t, srv, http.MethodGet, strings.TrimPrefix(
		v2PresignedURL(srv, acct, http.MethodGet, "/bkt/k", "", time.Now().Add(time.Minute)), srv.URL()), nil))
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Equal(t, "presigned", string(resp.body))

	// A response-* override is signed with the resource.
	u := v2PresignedURL(srv, acct, http.MethodGet, "/bkt/k", "response-content-type=text/x-test", time.Now().Add(time.Minute))
	resp = sendRaw(t, newRawRequest(t, srv, http.MethodGet, strings.TrimPrefix(u, srv.URL()), nil))
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Equal(t, "text/x-test", resp.header.Get("Content-Type"))

	expired := time.Now().Add(-time.Minute).Truncate(time.Second)
	u = v2PresignedURL(srv, acct, http.MethodGet, "/bkt/k", "", expired)
	el := requireS3Error(t, sendRaw(t, newRawRequest(t, srv, http.MethodGet, strings.TrimPrefix(u, srv.URL()), nil)),
		wantS3Error{status: 403, code: "AccessDenied", message: wantMsgExpired, present: []string{"ServerTime"}})
	assert.Equal(t, expired.UTC().Format("2006-01-02T15:04:05Z"), el["Expires"])

	u = v2PresignedURL(srv, acct, http.MethodGet, "/bkt/k", "", time.Now().Add(time.Minute))
	resp = sendRaw(t, newRawRequest(t, srv, http.MethodGet, strings.TrimPrefix(strings.Replace(u, "/bkt/k", "/bkt/other", 1), srv.URL()), nil))
	requireS3Error(t, resp, wantS3Error{status: 403, code: "SignatureDoesNotMatch", present: []string{"StringToSign"}})

	resp = sendRaw(t, newRawRequest(t, srv, http.MethodGet, "/bkt/k?AWSAccessKeyId=test&Signature=x", nil))
	requireS3Error(t, resp, wantS3Error{status: 403, code: "AccessDenied",
		message: "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters"})
}

// WithStrictSigV4 answers SigV2 as S3 answers it for a bucket created
// today; SigV4 is unaffected.
func TestStrictSigV4(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithStrictSigV4())
	acct := srv.DefaultAccount()
	require.NoError(t, srv.CreateBucket("bkt"))
	want := wantS3Error{status: 400, code: "InvalidRequest",
		message: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."}
	requireS3Error(t, sendRaw(t, v2HeaderRequest(t, srv, acct, http.MethodGet, "/bkt/k", "/bkt/k", nil, nil)), want)
	u := v2PresignedURL(srv, acct, http.MethodGet, "/bkt/k", "", time.Now().Add(time.Minute))
	requireS3Error(t, sendRaw(t, newRawRequest(t, srv, http.MethodGet, strings.TrimPrefix(u, srv.URL()), nil)), want)

	_, err := srv.Client().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		Body: strings.NewReader("v4")})
	require.NoError(t, err, "SigV4 still works")
	assert.Len(t, srv.ObjectVersions("bkt", ""), 1)
}
