package s3fake_test

// Presigned URLs made by the SDK's own presigner (s3.NewPresignClient),
// sent with a plain net/http client: they work while valid, are
// authorized like any other request, and fail as S3 fails them once
// expired (docs/decisions.md §4: expiry is judged against the wall clock).

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// shiftedPresigner is the SDK's S3 presigner with its signing time moved
// by shift: a URL presigned "in the past".
type shiftedPresigner struct {
	inner *v4.Signer
	shift time.Duration
}

func (p shiftedPresigner) PresignHTTP(ctx context.Context, creds aws.Credentials, r *http.Request,
	payloadHash, service, region string, signingTime time.Time, optFns ...func(*v4.SignerOptions),
) (string, http.Header, error) {
	return p.inner.PresignHTTP(ctx, creds, r, payloadHash, service, region, signingTime.Add(p.shift), optFns...)
}

// presignClient is a presign client for acct whose URLs are valid for
// expires and signed shift away from now (0: now).
func presignClient(srv *s3fake.Server, acct s3fake.Account, expires, shift time.Duration) *s3.PresignClient {
	return s3.NewPresignClient(srv.ClientFor(acct), s3.WithPresignExpires(expires), func(o *s3.PresignOptions) {
		if shift != 0 {
			// The SDK's own S3 presigner (newDefaultV4Signer): S3 paths are
			// not escaped twice.
			o.Presigner = shiftedPresigner{inner: v4.NewSigner(func(so *v4.SignerOptions) {
				so.DisableURIPathEscaping = true
			}), shift: shift}
		}
	})
}

// sendPresigned sends a presigned request with net/http: its URL, method
// and the headers the presigner signed, and body (nil for none).
func sendPresigned(t *testing.T, p *v4.PresignedHTTPRequest, body []byte) wireResponse {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = strings.NewReader(string(body))
	}
	req, err := http.NewRequest(p.Method, p.URL, r)
	require.NoError(t, err)
	for k, vs := range p.SignedHeader {
		if strings.EqualFold(k, "host") {
			continue
		}
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if body != nil {
		req.ContentLength = int64(len(body))
	}
	return sendRaw(t, req)
}

// presignBucket is the bucket of presignWorld.
const presignBucket = "pre"

// presignWorld is a server whose default account owns bucket "pre" with
// object "k".
func presignWorld(t *testing.T) *s3fake.Server {
	t.Helper()
	srv := s3fake.Start(t)
	srv.CreateBucket(presignBucket)
	srv.PutObject(presignBucket, "k", []byte("hello, presigned"))
	return srv
}

// presignedObjectBody reads bucket/key with the default account's client; found
// is false on NoSuchKey.
func presignedObjectBody(t *testing.T, srv *s3fake.Server, bucket, key string) (body string, found bool) {
	t.Helper()
	out, err := srv.Client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		requireSDKError(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey"})
		return "", false
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	require.NoError(t, err)
	return string(b), true
}

func TestPresignedGet(t *testing.T) {
	t.Parallel()
	srv := presignWorld(t)
	p, err := presignClient(srv, srv.DefaultAccount(), 5*time.Minute, 0).
		PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(presignBucket), Key: aws.String("k")})
	require.NoError(t, err)
	assert.Equal(t, http.MethodGet, p.Method)
	assert.Contains(t, p.URL, "X-Amz-Signature=")
	assert.Contains(t, p.URL, "X-Amz-Expires=300")

	resp := sendPresigned(t, p, nil)
	require.Equal(t, http.StatusOK, resp.status, "body %s", resp.body)
	assert.Equal(t, "hello, presigned", string(resp.body))

	// The URL may be used again until it expires.
	resp = sendPresigned(t, p, nil)
	require.Equal(t, http.StatusOK, resp.status, "body %s", resp.body)
}

func TestPresignedPut(t *testing.T) {
	t.Parallel()
	srv := presignWorld(t)
	p, err := presignClient(srv, srv.DefaultAccount(), 5*time.Minute, 0).
		PresignPutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(presignBucket), Key: aws.String("uploaded")})
	require.NoError(t, err)
	assert.Equal(t, http.MethodPut, p.Method)

	resp := sendPresigned(t, p, []byte("sent with a presigned URL"))
	require.Equal(t, http.StatusOK, resp.status, "body %s", resp.body)
	body, found := presignedObjectBody(t, srv, presignBucket, "uploaded")
	require.True(t, found)
	assert.Equal(t, "sent with a presigned URL", body)
}

// requireExpired checks S3's answer to an expired presigned URL: 403
// AccessDenied "Request has expired" with X-Amz-Expires, Expires and
// ServerTime, the latter two in ISO 8601 UTC.
func requireExpired(t *testing.T, resp wireResponse, expires time.Duration, signedAt time.Time) {
	t.Helper()
	el := requireS3Error(t, resp, wantS3Error{status: http.StatusForbidden, code: "AccessDenied", message: wantMsgExpired,
		present: []string{"Expires", "ServerTime"},
		values:  map[string]string{"X-Amz-Expires": fmtSeconds(expires)}})
	exp, err := time.Parse(time.RFC3339, el["Expires"])
	require.NoError(t, err, "Expires %q", el["Expires"])
	assert.WithinDuration(t, signedAt.Add(expires), exp, 2*time.Second, "Expires is the signing time plus X-Amz-Expires")
	server, err := time.Parse(time.RFC3339, el["ServerTime"])
	require.NoError(t, err, "ServerTime %q", el["ServerTime"])
	assert.WithinDuration(t, time.Now(), server, time.Minute, "ServerTime is the wall clock")
	assert.True(t, server.After(exp))
}

// fmtSeconds is d as X-Amz-Expires writes it: whole seconds.
func fmtSeconds(d time.Duration) string { return strconv.Itoa(int(d / time.Second)) }

func TestPresignedGetExpired(t *testing.T) {
	t.Parallel()
	srv := presignWorld(t)
	const shift, expires = -2 * time.Hour, time.Hour
	p, err := presignClient(srv, srv.DefaultAccount(), expires, shift).
		PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(presignBucket), Key: aws.String("k")})
	require.NoError(t, err)
	u, err := url.Parse(p.URL)
	require.NoError(t, err)
	signedAt, err := time.Parse("20060102T150405Z", u.Query().Get("X-Amz-Date"))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(shift), signedAt, time.Minute, "the presigner used the shifted time")

	resp := sendPresigned(t, p, nil)
	requireExpired(t, resp, expires, signedAt)
	assert.NotContains(t, string(resp.body), "hello, presigned")
}

func TestPresignedPutExpired(t *testing.T) {
	t.Parallel()
	srv := presignWorld(t)
	const shift, expires = -10 * time.Minute, 5 * time.Minute
	p, err := presignClient(srv, srv.DefaultAccount(), expires, shift).
		PresignPutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(presignBucket), Key: aws.String("k")})
	require.NoError(t, err)
	u, err := url.Parse(p.URL)
	require.NoError(t, err)
	signedAt, err := time.Parse("20060102T150405Z", u.Query().Get("X-Amz-Date"))
	require.NoError(t, err)

	requireExpired(t, sendPresigned(t, p, []byte("too late")), expires, signedAt)
	body, found := presignedObjectBody(t, srv, presignBucket, "k")
	require.True(t, found)
	assert.Equal(t, "hello, presigned", body, "an expired PUT overwrote the object")
}

// A URL signed in the past but still within its expiry works: presigned
// URLs are judged by their expiry, not by the 15-minute skew rule.
func TestPresignedSignedLongAgoStillValid(t *testing.T) {
	t.Parallel()
	srv := presignWorld(t)
	p, err := presignClient(srv, srv.DefaultAccount(), 2*time.Hour, -time.Hour).
		PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(presignBucket), Key: aws.String("k")})
	require.NoError(t, err)
	resp := sendPresigned(t, p, nil)
	require.Equal(t, http.StatusOK, resp.status, "body %s", resp.body)
	assert.Equal(t, "hello, presigned", string(resp.body))
}

func TestPresignedFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	get := &s3.GetObjectInput{Bucket: aws.String(presignBucket), Key: aws.String("k")}

	t.Run("tampered key", func(t *testing.T) {
		t.Parallel()
		srv := presignWorld(t)
		srv.PutObject(presignBucket, "other", []byte("not for you"))
		p, err := presignClient(srv, srv.DefaultAccount(), time.Minute, 0).PresignGetObject(ctx, get)
		require.NoError(t, err)
		p.URL = strings.Replace(p.URL, "/pre/k?", "/pre/other?", 1)
		resp := sendPresigned(t, p, nil)
		el := requireS3Error(t, resp, wantSignatureMismatch(s3fake.DefaultAccessKeyID))
		assert.True(t, strings.HasPrefix(el["CanonicalRequest"], "GET\n/pre/other\n"), "CanonicalRequest %q", el["CanonicalRequest"])
		assert.NotContains(t, string(resp.body), "not for you")
	})
	t.Run("wrong secret", func(t *testing.T) {
		t.Parallel()
		srv := presignWorld(t)
		wrong := srv.DefaultAccount()
		wrong.SecretAccessKey = "wrong"
		p, err := presignClient(srv, wrong, time.Minute, 0).PresignGetObject(ctx, get)
		require.NoError(t, err)
		requireS3Error(t, sendPresigned(t, p, nil), wantSignatureMismatch(s3fake.DefaultAccessKeyID))
	})
	t.Run("unknown key", func(t *testing.T) {
		t.Parallel()
		srv := presignWorld(t)
		unknown := s3fake.Account{AccessKeyID: "AKIAUNKNOWNKEY000000", SecretAccessKey: "x"}
		p, err := presignClient(srv, unknown, time.Minute, 0).PresignGetObject(ctx, get)
		require.NoError(t, err)
		requireS3Error(t, sendPresigned(t, p, nil), wantInvalidAccessKeyID(unknown.AccessKeyID))
	})
	t.Run("another account is authorized like any caller", func(t *testing.T) {
		t.Parallel()
		srv := presignWorld(t)
		other := srv.CreateAccount(fixtures.Other)
		p, err := presignClient(srv, other, time.Minute, 0).PresignGetObject(ctx, get)
		require.NoError(t, err)
		resp := sendPresigned(t, p, nil)
		requireS3Error(t, resp, wantAccessDenied())
		assert.NotContains(t, string(resp.body), "hello, presigned")

		srv.PutBucketPolicy(presignBucket, fixtures.AllowAccount(presignBucket, fixtures.Other, "s3:GetObject"))
		resp = sendPresigned(t, p, nil)
		require.Equal(t, http.StatusOK, resp.status, "body %s", resp.body)
		assert.Equal(t, "hello, presigned", string(resp.body))

		put, err := presignClient(srv, other, time.Minute, 0).
			PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(presignBucket), Key: aws.String("k")})
		require.NoError(t, err)
		requireS3Error(t, sendPresigned(t, put, []byte("overwritten")), wantAccessDenied())
		body, _ := presignedObjectBody(t, srv, presignBucket, "k")
		assert.Equal(t, "hello, presigned", body)
	})
}
