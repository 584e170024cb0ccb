package s3fake

// Connection limits: no connection is held forever, whether it sends its
// headers slowly, its body slowly, or nothing at all.

import (
	"net/http"
	"time"
)

// ConnLimits bounds what one connection may hold. A zero field takes its
// default.
type ConnLimits struct {
	// ReadHeaderTimeout is the time a client has to send a request's
	// headers. Default 30s.
	ReadHeaderTimeout time.Duration
	// IdleTimeout closes a keep-alive connection that sends no new
	// request for this long. Default 120s.
	IdleTimeout time.Duration
	// BodyTimeout is the time every request has to send its body and read
	// the answer, on top of what its size needs at MinBodyRate. Default 60s.
	BodyTimeout time.Duration
	// MinBodyRate is the slowest transfer, in bytes per second, that a
	// large body or answer is allowed beyond BodyTimeout. Default 1 MiB/s.
	MinBodyRate int64
	// MaxHeaderBytes is the largest request header block. Default 64 KiB
	// (S3 refuses far less: 8 KiB of headers, 2 KiB of user metadata).
	MaxHeaderBytes int
}

// DefaultConnLimits are the limits of every server unless WithConnLimits
// says otherwise.
var DefaultConnLimits = ConnLimits{
	ReadHeaderTimeout: 30 * time.Second,
	IdleTimeout:       120 * time.Second,
	BodyTimeout:       60 * time.Second,
	MinBodyRate:       1 << 20,
	MaxHeaderBytes:    64 << 10,
}

// withDefaults fills the zero fields of l from DefaultConnLimits.
func (l ConnLimits) withDefaults() ConnLimits {
	d := DefaultConnLimits
	if l.ReadHeaderTimeout > 0 {
		d.ReadHeaderTimeout = l.ReadHeaderTimeout
	}
	if l.IdleTimeout > 0 {
		d.IdleTimeout = l.IdleTimeout
	}
	if l.BodyTimeout > 0 {
		d.BodyTimeout = l.BodyTimeout
	}
	if l.MinBodyRate > 0 {
		d.MinBodyRate = l.MinBodyRate
	}
	if l.MaxHeaderBytes > 0 {
		d.MaxHeaderBytes = l.MaxHeaderBytes
	}
	return d
}

// apply sets the connection-wide limits on an http.Server.
func (l ConnLimits) apply(hs *http.Server) {
	hs.ReadHeaderTimeout = l.ReadHeaderTimeout
	hs.IdleTimeout = l.IdleTimeout
	hs.MaxHeaderBytes = l.MaxHeaderBytes
}

// setDeadlines gives one request its time to send its body and read the
// answer: BodyTimeout plus its declared size at MinBodyRate (a body of
// unknown length gets the time of the largest object) for the body, and
// BodyTimeout more for the answer. It returns the write deadline it set.
// A request without a body sets no read deadline: there is nothing to
// wait for, net/http has just cleared the header deadline, and the next
// request's headers get ReadHeaderTimeout. (Each deadline set is a timer
// operation and often a wake-up of the network poller, about a
// microsecond a request on the project's VM; net/http clears the write
// deadline after every request, so it cannot be kept from one to the
// next.) A server without a connection (a handler called directly) has
// nothing to set.
func (l ConnLimits) setDeadlines(w http.ResponseWriter, r *http.Request) (write time.Time) {
	size := r.ContentLength
	if size < 0 {
		size = maxObjectSize
	}
	deadline := time.Now().Add(l.BodyTimeout + time.Duration(size/l.MinBodyRate)*time.Second)
	rc := http.NewResponseController(w)
	if size > 0 {
		_ = rc.SetReadDeadline(deadline)
	}
	// The answer may be an object as large as the body allowed: the write
	// deadline is extended by serve when the answer needs more.
	write = deadline.Add(l.BodyTimeout)
	_ = rc.SetWriteDeadline(write)
	return write
}

// extendWrite gives an answer of n bytes its time, unless the write
// deadline setDeadlines set (set) already gives it.
func (l ConnLimits) extendWrite(w http.ResponseWriter, set time.Time, n int64) {
	need := time.Now().Add(l.BodyTimeout + time.Duration(n/l.MinBodyRate)*time.Second)
	if !set.Before(need) {
		return
	}
	_ = http.NewResponseController(w).SetWriteDeadline(need)
}
