package s3fake_test

import (
	"bytes"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/s3fake"
)

// TestGoldenMultipartBodies: every multipart answer body, as sent on the
// wire, byte for byte (upload ids and times are deterministic: a seeded
// server on a fixed clock).
func TestGoldenMultipartBodies(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	srv.PutObject("bkt", "src", []byte("0123456789"))
	do := func(name, method, target string, body []byte, header map[string]string, want int) []byte {
		t.Helper()
		status, _, got := goldenDo(t, srv, method, target, body, header)
		require.Equal(t, want, status, "%s: %s", name, got)
		got = bytes.ReplaceAll(got, []byte(strings.TrimPrefix(srv.URL(), "http://")), []byte("HOST")) // a free port
		golden.Compare(t, filepath.Join("multipart", name+".xml"), got)
		return got
	}
	created := do("initiate", http.MethodPost, "/bkt/a%20key?uploads", nil, map[string]string{"X-Amz-Checksum-Algorithm": "SHA256"}, http.StatusOK)
	id := regexp.MustCompile(`<UploadId>([^<]+)</UploadId>`).FindSubmatch(created)[1]
	upload := "/bkt/a%20key?uploadId=" + string(id)
	status, h, _ := goldenDo(t, srv, http.MethodPut, upload+"&partNumber=1", []byte("hello"),
		map[string]string{"X-Amz-Checksum-Sha256": "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="})
	require.Equal(t, http.StatusOK, status)
	do("copy-part", http.MethodPut, upload+"&partNumber=2", nil, map[string]string{"X-Amz-Copy-Source": "bkt/src", "X-Amz-Copy-Source-Range": "bytes=0-3"}, http.StatusOK)
	do("list-parts", http.MethodGet, upload, nil, nil, http.StatusOK)
	do("list-uploads", http.MethodGet, "/bkt?uploads&encoding-type=url", nil, nil, http.StatusOK)
	do("part-number", http.MethodPut, upload+"&partNumber=10001", []byte("x"), nil, http.StatusBadRequest)
	complete := []byte(`<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>` + h.Get("ETag") +
		`</ETag><ChecksumSHA256>LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=</ChecksumSHA256></Part></CompleteMultipartUpload>`)
	do("complete", http.MethodPost, upload, complete, nil, http.StatusOK)
	do("no-such-upload", http.MethodGet, "/bkt/a%20key?uploadId=nope", nil, nil, http.StatusNotFound)
}
