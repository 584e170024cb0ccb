package s3fake

// Fault injection, so that users can test their retries and timeouts:
// FailNext and FailAlways by S3 operation name, ClearFaults to stop.

import (
	"sync"
	"time"

	"github.com/s3fake/s3fake/xmlcodec"
)

// Fault is an injected failure of one S3 operation.
type Fault struct {
	// Code is the S3 error code to answer with, e.g. "SlowDown",
	// "InternalError", "AccessDenied". Empty: no error, only Delay.
	Code string
	// Status is the HTTP status; 0 means the code's usual status (503 for
	// SlowDown and ServiceUnavailable, 500 for InternalError and unknown
	// codes).
	Status int
	// Message is the error message; empty means the code's usual message.
	Message string
	// Delay holds the request this long first (or until the client gives
	// up), then answers with Code, or serves it normally without one.
	Delay time.Duration
}

// faults holds the injected faults by operation name.
type faults struct {
	mu     sync.Mutex
	next   map[string][]Fault // consumed one per request, in order
	always map[string]Fault
}

// FailNext makes the next request of operation op (an S3 operation name,
// one of the Op* constants such as OpPutObject; "*" for any) fail with f.
// Calls queue: two FailNext calls fail the next two requests. A name that
// is not an S3 operation fails the test (panics under New): it would
// never fire.
func (s *Server) FailNext(op string, f Fault) {
	if !s.checkOpName("FailNext", op) {
		return
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if s.faults.next == nil {
		s.faults.next = map[string][]Fault{}
	}
	s.faults.next[op] = append(s.faults.next[op], f)
}

// FailAlways makes every request of operation op ("*" for any) fail with
// f until ClearFaults. FailNext faults take precedence. A name that is
// not an S3 operation fails the test (panics under New), as in FailNext.
func (s *Server) FailAlways(op string, f Fault) {
	if !s.checkOpName("FailAlways", op) {
		return
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if s.faults.always == nil {
		s.faults.always = map[string]Fault{}
	}
	s.faults.always[op] = f
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.next, s.faults.always = nil, nil
}

// take returns the fault for op, if any, consuming a FailNext one.
func (f *faults) take(op string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, key := range []string{op, "*"} {
		if q := f.next[key]; len(q) > 0 {
			f.next[key] = q[1:]
			return q[0], true
		}
	}
	for _, key := range []string{op, "*"} {
		if fault, ok := f.always[key]; ok {
			return fault, true
		}
	}
	return Fault{}, false
}

// injectFault applies the fault for req's operation: it waits out the
// delay and returns the error to answer with, or nil to serve normally.
func (s *Server) injectFault(req *request) *xmlcodec.ErrorBody {
	f, ok := s.faults.take(req.op.name) // the routed row's name: the same name authorization and the log use
	if !ok {
		return nil
	}
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-req.r.Context().Done():
			return xmlcodec.NewError(xmlcodec.Code(orDefault(f.Code, string(xmlcodec.InternalError))), f.Message)
		}
	}
	if f.Code == "" {
		return nil
	}
	e := xmlcodec.NewError(xmlcodec.Code(f.Code), f.Message)
	if e.Message == "" {
		e.Message = "Injected fault"
	}
	e.StatusCode = f.Status
	return e
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkOpName reports whether op names an operation (or is "*"), and
// fails the test when it does not.
func (s *Server) checkOpName(call, op string) bool {
	if op == "*" || operationNames[op] {
		return true
	}
	if s.tb != nil {
		s.tb.Helper()
	}
	s.fail("%s(%q): not an S3 operation name (see the Op* constants)", call, op)
	return false
}
