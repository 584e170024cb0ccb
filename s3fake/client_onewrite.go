package s3fake

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// oneWriteMax is the largest request body oneWriteClient sends in the same
// write as the request's headers.
const oneWriteMax = 64 << 10

// oneWriteClient is the HTTP client behind Client. It sends each request
// with a body of at most oneWriteMax bytes in one write, headers and body
// together, instead of the two writes net/http makes for a body it does not
// know to be in memory (it flushes the headers first, and the SDK's bodies
// are its own reader types). The bytes on the wire are the same; the server
// just finds the body already there when it has read the headers, instead
// of waiting for a second packet. On a two-core machine that wait was most
// of the difference between an SDK PutBucketInventoryConfiguration and an
// SDK HeadBucket (a second write, a park and a wake-up per request).
type oneWriteClient struct{ c *http.Client }

// Do sends req through the server's client, its body read into memory first
// when it is small enough. A body that cannot be read, or is not
// ContentLength bytes long, fails the request, as it would in the
// transport.
func (o oneWriteClient) Do(req *http.Request) (*http.Response, error) {
	body := req.Body
	if body == nil || body == http.NoBody || req.ContentLength <= 0 || req.ContentLength > oneWriteMax {
		return o.c.Do(req)
	}
	buf := make([]byte, req.ContentLength)
	n, err := io.ReadFull(body, buf)
	var extra int64
	if err == nil {
		extra, err = io.Copy(io.Discard, body) // the transport reads to the end too
	}
	body.Close() // the transport would have closed it
	if err == io.ErrUnexpectedEOF || extra > 0 {
		// The transport's own answer to a body that is not ContentLength long.
		return nil, fmt.Errorf("http: ContentLength=%d with Body length %d", req.ContentLength, int64(n)+extra)
	}
	if err != nil {
		return nil, err
	}
	r2 := req.WithContext(req.Context()) // a shallow copy: Do must not change req
	r2.Body = io.NopCloser(bytes.NewReader(buf))
	r2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(buf)), nil }
	return o.c.Do(r2)
}
