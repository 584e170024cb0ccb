package s3fake

import (
	"sync"
	"time"
)

// clock is the server's one time source: object times, bucket creation
// dates and inventory runs all read it (signatures never do: clients sign
// with real time). A fixed clock (fixed not zero: Start's default,
// WithStartTime) moves only when the test moves it. A wall clock (fixed
// zero: New's default, WithWallClock) follows wall time plus an offset, so
// that SetTime and Advance shift it and it keeps moving afterwards
// (docs/inventory-runs.md).
type clock struct {
	mu     sync.Mutex
	fixed  time.Time     // the time of a fixed clock; zero for a wall clock
	offset time.Duration // added to wall time by a wall clock
}

// Now returns the clock's time, in UTC.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed.IsZero() {
		return time.Now().UTC().Add(c.offset)
	}
	return c.fixed
}

// Since implements gofakes3.TimeSource.
func (c *clock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// set makes Now return t: a fixed clock stops at t, a wall clock shifts
// its offset and moves on from t.
func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed.IsZero() {
		c.offset = t.Sub(time.Now())
		return
	}
	c.fixed = t.UTC()
}

// add moves the clock forward by d.
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed.IsZero() {
		c.offset += d
		return
	}
	c.fixed = c.fixed.Add(d)
}

// Now is the server clock's current time (UTC).
func (s *Server) Now() time.Time { return s.clock.Now() }

// SetTime sets the server clock to t and runs nothing: schedules due
// between the old time and t are skipped, whichever way the clock jumps. A
// fixed clock (Start's) stays at t; a wall clock (New's) goes on moving
// from t.
func (s *Server) SetTime(t time.Time) {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	s.clock.set(t)
	s.runs.through = t.UTC()
	s.journalClockLocked() // persist_state.go
}
