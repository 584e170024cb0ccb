package objstore_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/awschunked"
	"github.com/s3fake/s3fake/internal/objstore"
)

// refusingVerifier accepts chunk signatures only from the seed "good".
type refusingVerifier struct{}

func (refusingVerifier) VerifyChunk(prev string, _ []byte, sig string) (string, error) {
	if prev != "good" && prev != sig {
		return "", errors.New("bad chunk signature")
	}
	return sig, nil
}

func (refusingVerifier) VerifyTrailer(string, []byte, string) error { return nil }

func TestWrapVerifiesSignedChunks(t *testing.T) {
	seed := "good"
	w := newWire(t, wireOptions{wrap: objstore.WrapOptions{
		ChunkVerifier: func(r *http.Request) (awschunked.ChunkVerifier, string) { return refusingVerifier{}, seed },
	}})
	w.bucket(t, "bkt", "")
	sig := strings.Repeat("a", 64)
	body := "5;chunk-signature=" + sig + "\r\nhello\r\n0;chunk-signature=" + sig + "\r\n\r\n"
	hdr := http.Header{
		"X-Amz-Content-Sha256":         {awschunked.Signed},
		"X-Amz-Decoded-Content-Length": {"5"},
		"Content-Encoding":             {"aws-chunked,gzip"},
	}
	resp := w.rawRequest(t, http.MethodPut, "/bkt/k", strings.NewReader(body), hdr)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	head := w.head(t, "bkt", "k", "")
	assert.Equal(t, "gzip", aws.ToString(head.ContentEncoding), "aws-chunked is removed, other codings kept")
	assert.Equal(t, int64(5), aws.ToInt64(head.ContentLength))

	seed = "bad"
	resp = w.rawRequest(t, http.MethodPut, "/bkt/k2", strings.NewReader(body), hdr)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	b, _ := io.ReadAll(resp.Body)
	assert.Contains(t, string(b), "<Code>SignatureDoesNotMatch</Code>")
}

func TestWrapChecksUploadPartChecksumHeader(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", "")
	created, err := w.c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	require.NoError(t, err)
	path := "/bkt/k?partNumber=1&uploadId=" + aws.ToString(created.UploadId)
	resp := w.rawRequest(t, http.MethodPut, path, strings.NewReader("hello"), http.Header{"X-Amz-Checksum-Crc32": {"AAAAAA=="}})
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	b, _ := io.ReadAll(resp.Body)
	assert.Contains(t, string(b), "<Code>BadDigest</Code>")
	resp = w.rawRequest(t, http.MethodPut, path, strings.NewReader("hello"), http.Header{"X-Amz-Checksum-Crc32": {"NhCmhg=="}})
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestWrapDropsInternalHeadersAndChecksumsUnlessAsked(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", "")
	// A client cannot smuggle the copy bookkeeping headers in.
	resp := w.rawRequest(t, http.MethodPut, "/bkt/k", strings.NewReader("x"), http.Header{
		"X-Amz-S3fake-Explicit-Headers": {"X-Amz-Storage-Class"},
		"X-Amz-Meta-A":                  {"1"},
	})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	resp = w.rawRequest(t, http.MethodHead, "/bkt/k", nil, nil)
	assert.Empty(t, resp.Header.Get("X-Amz-S3fake-Explicit-Headers"))
	assert.Empty(t, resp.Header.Get(objstore.ETagHeader))
	assert.Empty(t, resp.Header.Get("X-Amz-Checksum-Crc64nvme"))
	assert.Equal(t, "1", resp.Header.Get("X-Amz-Meta-A"))
	resp = w.rawRequest(t, http.MethodHead, "/bkt/k", nil, http.Header{"X-Amz-Checksum-Mode": {"ENABLED"}})
	assert.NotEmpty(t, resp.Header.Get("X-Amz-Checksum-Crc64nvme"))
	assert.Equal(t, "FULL_OBJECT", resp.Header.Get("X-Amz-Checksum-Type"))
}

func TestWrapHeadByVersionHasNoBody(t *testing.T) {
	w := newWire(t, wireOptions{})
	w.bucket(t, "bkt", "")
	w.put(t, "bkt", "k", "null body")
	resp := w.rawRequest(t, http.MethodHead, "/bkt/k?versionId=null", nil, nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "9", resp.Header.Get("Content-Length"))
	b, _ := io.ReadAll(resp.Body)
	assert.Empty(t, b)
	resp = w.rawRequest(t, http.MethodHead, "/bkt/k?versionId=null", nil, http.Header{"Range": {"bytes=0-3"}})
	assert.Equal(t, http.StatusPartialContent, resp.StatusCode)
	assert.Equal(t, "bytes 0-3/9", resp.Header.Get("Content-Range"))
}
