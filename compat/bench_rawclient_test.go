package compat

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// rawClient is the client of BenchmarkInventoryVsMoto: HTTP/1.1 on one
// kept-alive connection (a new one after a server that closes it), each
// request written in one write and its answer read on the same goroutine.
//
// It replaced net/http's client there because on the project's 2-vCPU VM
// that client cost about 100 µs of every Put+Get pair (2026-12-01: the
// no-work floor server answered a pair in 297 µs through it and in 162 µs
// through this one): its Transport hands each request to a writer goroutine
// and each answer over from a reader goroutine, and flushes a request's
// headers before its body. That cost is the same for every server, so it
// only diluted the ratio the benchmark exists to measure.
type rawClient struct {
	addr string // host:port
	conn net.Conn
	r    *bufio.Reader
	wbuf []byte
}

// do sends req (signed; its body is body) and returns the answer's status
// and body, and whether the connection stays open for the next request.
func (c *rawClient) do(req *http.Request, body []byte) (status int, data []byte, kept bool, err error) {
	if c.conn == nil {
		conn, err := net.DialTimeout("tcp", c.addr, 5*time.Second)
		if err != nil {
			return 0, nil, false, err
		}
		c.conn, c.r = conn, bufio.NewReaderSize(conn, 16<<10)
	}
	b := c.wbuf[:0]
	b = fmt.Appendf(b, "%s %s HTTP/1.1\r\nHost: %s\r\n", req.Method, req.URL.RequestURI(), req.URL.Host)
	for name, values := range req.Header {
		for _, v := range values {
			b = append(b, name...)
			b = append(b, ": "...)
			b = append(b, v...)
			b = append(b, "\r\n"...)
		}
	}
	b = append(b, "Content-Length: "...)
	b = strconv.AppendInt(b, int64(len(body)), 10)
	b = append(b, "\r\n\r\n"...)
	b = append(b, body...)
	c.wbuf = b
	if err := c.conn.SetDeadline(time.Now().Add(30 * time.Second)); err != nil {
		return 0, nil, false, c.fail(err)
	}
	if _, err := c.conn.Write(b); err != nil {
		return 0, nil, false, c.fail(err)
	}
	resp, err := http.ReadResponse(c.r, req)
	if err != nil {
		return 0, nil, false, c.fail(err)
	}
	data, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return 0, nil, false, c.fail(err)
	}
	if resp.Close || c.r.Buffered() > 0 { // closed by the server, or a stray byte: start afresh
		c.close()
		return resp.StatusCode, data, false, nil
	}
	return resp.StatusCode, data, true, nil
}

func (c *rawClient) fail(err error) error {
	c.close()
	return err
}

func (c *rawClient) close() {
	if c.conn != nil {
		c.conn.Close()
		c.conn, c.r = nil, nil
	}
}
