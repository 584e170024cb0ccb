package s3fake_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// closedWithin reports whether the server closes conn within d.
func closedWithin(t *testing.T, conn net.Conn, d time.Duration) bool {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(d)))
	_, err := io.Copy(io.Discard, conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true // EOF or reset: the server closed it
}

func TestConnectionsAreNeverHeldForever(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithConnLimits(s3fake.ConnLimits{
		ReadHeaderTimeout: 200 * time.Millisecond,
		IdleTimeout:       200 * time.Millisecond,
		BodyTimeout:       300 * time.Millisecond,
		MinBodyRate:       1 << 30, // sizes add nothing: every answer gets BodyTimeout
	}))
	require.NoError(t, srv.CreateBucket("bkt"))
	addr := strings.TrimPrefix(srv.URL(), "http://")

	t.Run("idle keep-alive", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = fmt.Fprintf(conn, "GET /_s3fake/health HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
		require.NoError(t, err)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.True(t, closedWithin(t, conn, 3*time.Second), "idle connection kept open")
	})
	t.Run("slow headers", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = fmt.Fprintf(conn, "PUT /bkt/k HTTP/1.1\r\nHost: %s\r\n", addr) // never finished
		require.NoError(t, err)
		assert.True(t, closedWithin(t, conn, 3*time.Second), "half-sent headers kept the connection")
	})
	t.Run("slow body", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = fmt.Fprintf(conn, "PUT /bkt/k HTTP/1.1\r\nHost: %s\r\nContent-Length: 1000\r\n\r\nabc", addr)
		require.NoError(t, err)
		assert.True(t, closedWithin(t, conn, 4*time.Second), "a stalled body kept the connection")
	})
	t.Run("slow reader", func(t *testing.T) {
		// A client that asks for a large object and stops reading holds
		// the connection no longer than its allowance, whether the
		// request set the write deadline or kept the one an earlier
		// request on the connection left (setWriteDeadline).
		const size = 32 << 20 // more than loopback's socket buffers hold
		_, err := srv.PutObject("bkt", "large", make([]byte, size))
		require.NoError(t, err)
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		r := bufio.NewReader(conn)
		send := func(method string) *http.Response {
			req, err := http.NewRequest(method, srv.URL()+"/bkt/large", nil)
			require.NoError(t, err)
			require.NoError(t, srv.SignRequest(req, nil))
			require.NoError(t, req.Write(conn))
			resp, err := http.ReadResponse(r, req)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			return resp
		}
		send(http.MethodHead).Body.Close() // sets the connection's write deadline
		resp := send(http.MethodGet)
		time.Sleep(1500 * time.Millisecond) // past BodyTimeout twice and the slack
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
		n, err := io.Copy(io.Discard, resp.Body)
		assert.Less(t, n, int64(size), "a stalled reader got the whole answer")
		if ne, ok := err.(net.Error); ok {
			assert.False(t, ne.Timeout(), "the server kept the connection open")
		}
	})
	// The server still serves after all that.
	_, err := srv.Client().HeadBucket(t.Context(), &s3.HeadBucketInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
}
