package s3fake_test

import (
	"bytes"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/s3fake"
)

// goldenDo sends one raw request, signed as the default account, and returns status, headers and body.
func goldenDo(t *testing.T, srv *s3fake.Server, method, target string, body []byte, header map[string]string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+target, bytes.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	require.NoError(t, srv.SignRequest(req, body))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, data
}

// Each error body of the inventory calls, as sent on the wire, byte for
// byte. Request ids are a per-server counter, so the bodies are stable.
func TestGoldenErrorBodies(t *testing.T) {
	type tc struct {
		name, method, target string
		body                 []byte
		header               map[string]string
		opts                 []s3fake.Option
		status               int
	}
	valid := fixtures.ValidDocument("minimal")
	cases := []tc{
		{"nosuchbucket", "GET", "/nosuch?inventory=&id=report1", nil, nil, nil, 404},
		{"nosuchconfiguration", "GET", "/src?inventory=&id=report1", nil, nil, nil, 404},
		{"missing-id", "PUT", "/src?inventory=", valid, nil, nil, 400},
		{"bad-token", "GET", "/src?inventory=&continuation-token=garbage", nil, nil, nil, 400},
		{"expected-owner-invalid", "GET", "/src?inventory=", nil, map[string]string{"x-amz-expected-bucket-owner": "invalid"}, nil, 400},
		{"expected-owner-other", "GET", "/src?inventory=", nil, map[string]string{"x-amz-expected-bucket-owner": "222222222222"}, nil, 403},
		{"too-large", "PUT", "/src?inventory=&id=report1", bytes.Repeat([]byte(" "), 1<<20+1), nil, nil, 400},
		{"method-not-allowed", "POST", "/src?inventory=&id=report1", nil, nil, nil, 405},
		{"not-implemented-metrics", "PUT", "/src?metrics=&id=m1", nil, nil, nil, 501},
		{"cos-format-orc", "PUT", "/src?inventory=&id=report1", fixtures.ValidDocument("sse-s3"), nil, []s3fake.Option{s3fake.WithDialect(s3fake.DialectCOS)}, 400},
	}
	for _, doc := range fixtures.InvalidDocuments() {
		cases = append(cases, tc{"put-" + doc.Name, "PUT", "/src?inventory=&id=" + urlQueryEscape(doc.QueryID), doc.Body, nil, nil, 400})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := s3fake.Start(t, c.opts...)
			srv.CreateBucket("src")
			status, h, body := goldenDo(t, srv, c.method, c.target, c.body, c.header)
			assert.Equal(t, c.status, status)
			assert.Equal(t, "application/xml", h.Get("Content-Type"))
			assert.Equal(t, "0000000000000001", h.Get("x-amz-request-id"))
			golden.Compare(t, filepath.Join("errors", c.name+".xml"), body)
			assert.Empty(t, srv.InventoryConfigurations("src"), "a refused request stores nothing")
		})
	}
}

// GET and LIST bodies as sent on the wire.
func TestGoldenGetAndListBodies(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("src")
	for _, name := range []string{"every-field", "sse-s3", "filter"} {
		doc := bytes.Replace(fixtures.ValidDocument(name), []byte("<Id>report1</Id>"), []byte("<Id>"+name+"</Id>"), 1)
		status, _, body := goldenDo(t, srv, "PUT", "/src?inventory=&id="+name, doc, nil)
		require.Equal(t, http.StatusNoContent, status, string(body))
		require.Empty(t, body)
		status, h, body := goldenDo(t, srv, "GET", "/src?inventory=&id="+name, nil, nil)
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, "application/xml", h.Get("Content-Type"))
		golden.Compare(t, "get-"+name+".xml", body)
	}
	status, _, body := goldenDo(t, srv, "GET", "/src?inventory=", nil, nil)
	require.Equal(t, http.StatusOK, status)
	golden.Compare(t, "list-three.xml", body)

	empty := s3fake.Start(t)
	empty.CreateBucket("src")
	status, _, body = goldenDo(t, empty, "GET", "/src?inventory=", nil, nil)
	require.Equal(t, http.StatusOK, status)
	golden.Compare(t, "list-empty.xml", body)
}

func urlQueryEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "%", "%25"), " ", "%20")
}
