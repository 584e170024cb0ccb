package s3fake_test

// Helpers of the bucket configuration tests (bucketcfg_*_test.go): a
// server with the owner's bucket, a tapped client of the owner, raw
// signed requests with headers, and the expected "none yet" and refusal
// answers. The wire helpers (tappedClient, requireS3Error,
// requireSDKError, wantAccessDenied) are access_test.go's.

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/s3fake"
)

var cfgCtx = context.Background()

// cfgBucket is the bucket every configuration test configures.
const cfgBucket = "cfg-bucket"

// cfgWorld is a server with fixtures.Owner's bucket cfgBucket.
type cfgWorld struct {
	srv   *s3fake.Server
	owner s3fake.Account
	c     *s3.Client // the owner's, tapped, no retries
	tap   *wireTap
}

func newCfgWorld(t *testing.T, opts ...s3fake.BucketOption) *cfgWorld {
	t.Helper()
	srv := s3fake.Start(t)
	w := &cfgWorld{srv: srv, owner: srv.CreateAccount(fixtures.Owner)}
	w.c, w.tap = tappedClient(srv, w.owner)
	require.NoError(t, srv.CreateBucket(cfgBucket, append([]s3fake.BucketOption{s3fake.OwnedBy(fixtures.Owner)}, opts...)...))
	return w
}

// raw sends a request signed as the owner, with Content-MD5 of the body
// (S3 requires it of some configuration PUTs) unless header names one,
// and header.
func (w *cfgWorld) raw(t *testing.T, method, query, body string, header map[string]string) wireResponse {
	t.Helper()
	var b []byte
	if body != "" {
		b = []byte(body)
	}
	req := newRawRequest(t, w.srv, method, "/"+cfgBucket+"?"+query, b)
	if method == http.MethodPut {
		sum := md5.Sum(b)
		req.Header.Set("Content-MD5", base64.StdEncoding.EncodeToString(sum[:]))
	}
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	require.NoError(t, w.srv.SignRequest(req, b, w.owner))
	return sendRaw(t, req)
}

// lastBody is the body of the last response the owner's client received.
func (w *cfgWorld) lastBody(t *testing.T) []byte {
	t.Helper()
	return w.tap.response(t).body
}

// requireGolden compares the last response body with
// testdata/bucketcfg/name.
func (w *cfgWorld) requireGolden(t *testing.T, name string) {
	t.Helper()
	resp := w.tap.response(t)
	require.Equal(t, http.StatusOK, resp.status, "body %s", resp.body)
	assert.Equal(t, "application/xml", resp.header.Get("Content-Type"))
	golden.Compare(t, filepath.Join("bucketcfg", name), resp.body)
}

// wantNotFound is a "none yet" answer: 404, code, message, BucketName.
func wantNotFound(code, message string) wantS3Error {
	return wantS3Error{status: http.StatusNotFound, code: code, message: message,
		values: map[string]string{"BucketName": cfgBucket}}
}

// requireNotFound checks err and the wire answer against a "none yet".
func (w *cfgWorld) requireNotFound(t *testing.T, err error, code, message string) {
	t.Helper()
	want := wantNotFound(code, message)
	requireSDKError(t, err, want)
	requireS3Error(t, w.tap.response(t), want)
}

// requireRefused checks that the last SDK call was refused with want.
func (w *cfgWorld) requireRefused(t *testing.T, err error, want wantS3Error) {
	t.Helper()
	requireSDKError(t, err, want)
	requireS3Error(t, w.tap.response(t), want)
}

func wantMalformed() wantS3Error {
	return wantS3Error{status: http.StatusBadRequest, code: "MalformedXML",
		message: "The XML you provided was not well-formed or did not validate against our published schema"}
}

func wantInvalid(code, message string) wantS3Error {
	return wantS3Error{status: http.StatusBadRequest, code: code, message: message}
}

// wantMissingBody is S3's answer to a configuration PUT without a body.
func wantMissingBody() wantS3Error {
	return wantS3Error{status: http.StatusBadRequest, code: "MissingRequestBodyError", message: "Request Body is empty"}
}

// xmlDoc is a configuration document in S3's namespace.
func xmlDoc(root, inner string) string {
	return `<` + root + ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` + inner + `</` + root + `>`
}

// md5Base64 is the Content-MD5 of body.
func md5Base64(body string) string {
	sum := md5.Sum([]byte(body))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// createLocked creates bucket with Object Lock through the owner's client.
func (w *cfgWorld) createLocked(t *testing.T, bucket string) {
	t.Helper()
	bucketCreate(t, w.c, bucket, func(in *s3.CreateBucketInput) { in.ObjectLockEnabledForBucket = aws.Bool(true) })
}
