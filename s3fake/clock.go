package s3fake

import (
	"sync"
	"time"
)

// clock is the server's one time source: object times, bucket creation
// dates and (later) inventory runs all read it. Fixed clocks move only when
// the test moves them; a zero fixed time follows wall time.
type clock struct {
	mu    sync.Mutex
	fixed time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed.IsZero() {
		return time.Now().UTC()
	}
	return c.fixed
}

// Since implements gofakes3.TimeSource.
func (c *clock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fixed = t.UTC()
}

// Now is the server clock's current time (UTC).
func (s *Server) Now() time.Time { return s.clock.Now() }

// SetTime sets the server clock to t. Under a wall clock it fixes the clock
// from then on. It runs nothing.
func (s *Server) SetTime(t time.Time) { s.clock.set(t) }
