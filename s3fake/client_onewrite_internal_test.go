package s3fake

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeCountingConn counts the writes a client makes on its connection.
type writeCountingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c writeCountingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// TestClientSendsSmallBodiesInOneWrite proves what oneWriteClient is for:
// through it an SDK PutObject of 1 KiB is one write on the connection,
// headers and body, where net/http alone makes two; a body past
// oneWriteMax is left to net/http. The objects arrive whole either way.
func TestClientSendsSmallBodiesInOneWrite(t *testing.T) {
	srv := Start(t)
	require.NoError(t, srv.CreateBucket("bkt"))
	_, ok := srv.Client().Options().HTTPClient.(oneWriteClient)
	require.True(t, ok, "Client's HTTP client is %T, want oneWriteClient", srv.Client().Options().HTTPClient)

	var writes atomic.Int64
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		return writeCountingConn{c, &writes}, err
	}}
	t.Cleanup(tr.CloseIdleConnections)
	plain := &http.Client{Transport: tr}
	ctx := context.Background()
	put := func(hc s3.HTTPClient, key string, body []byte) int64 {
		t.Helper()
		client := srv.Client(func(o *s3.Options) { o.HTTPClient = hc })
		before := writes.Load()
		_, err := client.PutObject(ctx, &s3.PutObjectInput{
			Bucket: aws.String("bkt"), Key: aws.String(key), Body: bytes.NewReader(body),
		})
		require.NoError(t, err)
		n := writes.Load() - before
		out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key)})
		require.NoError(t, err)
		got, err := io.ReadAll(out.Body)
		out.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, body, got, "object %s as stored", key)
		return n
	}
	small := bytes.Repeat([]byte("s3fake"), 1<<10/6)
	large := bytes.Repeat([]byte("s3fake"), (oneWriteMax+1)/6+1)
	put(plain, "warm", small) // dial first: the counts below are of requests alone

	assert.Equal(t, int64(2), put(plain, "plain", small), "net/http alone: headers, then body")
	assert.Equal(t, int64(1), put(oneWriteClient{plain}, "small", small), "oneWriteClient: one write")
	assert.Greater(t, put(oneWriteClient{plain}, "large", large), int64(1), "a body past oneWriteMax is net/http's")
}

// readCloseRecorder records whether it was closed.
type readCloseRecorder struct {
	io.Reader
	closed bool
}

func (r *readCloseRecorder) Close() error { r.closed = true; return nil }

// TestOneWriteClientLeavesTheRequestAlone: Do closes the body it consumed
// (as a transport must) and hands the transport a copy, never changing the
// caller's request, with GetBody able to send the body again on a retry.
func TestOneWriteClientLeavesTheRequestAlone(t *testing.T) {
	var sent *http.Request
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent = r
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
	})}
	orig := &readCloseRecorder{Reader: bytes.NewReader([]byte("<Body/>"))}
	req, err := http.NewRequest(http.MethodPut, "http://127.0.0.1:1/b?inventory&id=x", orig)
	require.NoError(t, err)
	req.ContentLength = 7
	_, err = oneWriteClient{hc}.Do(req)
	require.NoError(t, err)

	assert.True(t, orig.closed, "the consumed body is closed")
	assert.Same(t, orig, req.Body, "the caller's request keeps its body")
	require.NotSame(t, req, sent)
	got, err := io.ReadAll(sent.Body)
	require.NoError(t, err)
	assert.Equal(t, "<Body/>", string(got))
	again, err := sent.GetBody()
	require.NoError(t, err)
	got, err = io.ReadAll(again)
	require.NoError(t, err)
	assert.Equal(t, "<Body/>", string(got), "GetBody sends the same bytes again")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestOneWriteClientRefusesAWrongLength: a body shorter or longer than its
// ContentLength fails the request with the transport's own error, and
// nothing is sent.
func TestOneWriteClientRefusesAWrongLength(t *testing.T) {
	sent := 0
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent++
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
	})}
	for _, tc := range []struct {
		body   string
		length int64
	}{{"short", 9}, {"too long", 3}} {
		req, err := http.NewRequest(http.MethodPut, "http://127.0.0.1:1/bkt/k", io.NopCloser(bytes.NewReader([]byte(tc.body))))
		require.NoError(t, err)
		req.ContentLength = tc.length
		_, err = oneWriteClient{hc}.Do(req)
		assert.ErrorContains(t, err, fmt.Sprintf("http: ContentLength=%d with Body length %d", tc.length, len(tc.body)))
	}
	assert.Zero(t, sent, "a request with a wrong length was sent")
}
