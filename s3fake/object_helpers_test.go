package s3fake_test

// Helpers of the object-call tests (object_*_test.go): a server with an
// SDK client using the SDK's default checksums (the fid fixture of
// fidelity_test.go), and signed raw requests for what the SDK cannot send.

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// newObjFix starts a plain-HTTP server (or one with opts) with a fid
// fixture on it.
func newObjFix(t *testing.T, opts ...s3fake.Option) *fid {
	t.Helper()
	srv := s3fake.Start(t, opts...)
	return &fid{srv: srv, c: srv.Client(fidSDKDefaults), hc: srv.HTTPClient()}
}

// objRaw sends a request signed with the default account's credentials
// (x-amz-content-sha256 of body, unless hdr sets it) with hdr's headers,
// and returns the response.
func objRaw(t *testing.T, fx *fid, method, target string, body []byte, hdr http.Header) wireResponse {
	t.Helper()
	req := newRawRequest(t, fx.srv, method, target, body)
	for k, v := range hdr {
		req.Header[k] = v
	}
	if sha := hdr.Get("X-Amz-Content-Sha256"); sha != "" {
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
		require.NoError(t, fx.srv.SignRequestHash(req, sha))
	} else {
		require.NoError(t, fx.srv.SignRequest(req, body))
	}
	resp, err := fx.hc.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return wireResponse{status: resp.StatusCode, header: resp.Header, body: data}
}

// requireObjError checks a raw error answer: status, and for a request
// with a body its code, its RequestId and the elements in want.
func requireObjError(t *testing.T, resp wireResponse, status int, code string, want map[string]string) {
	t.Helper()
	require.Equal(t, status, resp.status, "body: %s", resp.body)
	els := errorElements(t, resp.body)
	assert.Equal(t, code, els["Code"])
	assert.NotEmpty(t, els["RequestId"])
	assert.Equal(t, resp.header.Get("X-Amz-Request-Id"), els["RequestId"])
	for k, v := range want {
		assert.Equal(t, v, els[k], "element %s", k)
	}
}

// requireHeadError checks a HEAD error: S3's status and no body.
func requireHeadError(t *testing.T, resp wireResponse, status int) {
	t.Helper()
	assert.Equal(t, status, resp.status)
	assert.Empty(t, resp.body, "HEAD errors have no body")
	assert.NotEmpty(t, resp.header.Get("X-Amz-Request-Id"))
}

// versionCount is the number of versions and delete markers of key.
func versionCount(fx *fid, bucket, key string) int {
	n := 0
	for _, v := range fx.srv.ObjectVersions(bucket, key) {
		if v.Key == key {
			n++
		}
	}
	return n
}

// getString reads an object (or version) as a string through the SDK.
func getString(t *testing.T, fx *fid, bucket, key, id string) string {
	t.Helper()
	_, b := fx.get(t, bucket, key, id)
	return string(b)
}
