package main

import (
	"io"
	"sync"
	"time"
)

// The binary logs one line per request. Written straight to stderr, each
// line is a write system call, about a tenth of the server's CPU per
// request on a small VM; logWriter gathers the lines of a burst into one.

const (
	// logFlushDelay is the longest a log line waits in the buffer: short
	// enough for anyone watching the log, long enough to gather a burst.
	logFlushDelay = 20 * time.Millisecond
	// logFlushSize is the buffered size that is written at once.
	logFlushSize = 32 << 10
)

// logWriter buffers what is written to it and writes it to w within
// logFlushDelay (at once past logFlushSize). Flush writes the rest; the
// binary calls it before it exits. Writes are whole log records, so lines
// are never split; errors from w are dropped, as slog drops them.
type logWriter struct {
	mu      sync.Mutex
	w       io.Writer
	buf     []byte
	timer   *time.Timer
	pending bool // the timer is set for the buffer's lines
}

func newLogWriter(w io.Writer) *logWriter { return &logWriter{w: w} }

func (l *logWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	switch {
	case len(l.buf) >= logFlushSize:
		l.flushLocked()
	case !l.pending:
		l.pending = true
		if l.timer == nil {
			l.timer = time.AfterFunc(logFlushDelay, l.Flush)
		} else {
			l.timer.Reset(logFlushDelay)
		}
	}
	return len(p), nil
}

// Flush writes what is buffered.
func (l *logWriter) Flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushLocked()
}

func (l *logWriter) flushLocked() {
	if len(l.buf) > 0 {
		_, _ = l.w.Write(l.buf)
		l.buf = l.buf[:0]
	}
	if l.pending {
		l.timer.Stop()
		l.pending = false
	}
}
