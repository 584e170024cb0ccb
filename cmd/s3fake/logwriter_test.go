package main

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer is a bytes.Buffer that counts the writes it receives.
type lockedBuffer struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes int
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.writes++
	return b.buf.Write(p)
}

func (b *lockedBuffer) state() (string, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String(), b.writes
}

// TestLogWriterBatchesLines: a burst of lines reaches the output whole and
// in order, in one write, within logFlushDelay; Flush writes at once; a
// burst past logFlushSize is written without waiting.
func TestLogWriterBatchesLines(t *testing.T) {
	out := &lockedBuffer{}
	l := newLogWriter(out)
	var want strings.Builder
	for i := range 100 {
		line := fmt.Sprintf("line %d\n", i)
		want.WriteString(line)
		_, err := l.Write([]byte(line))
		require.NoError(t, err)
	}
	require.Eventually(t, func() bool { s, _ := out.state(); return s == want.String() }, 2*time.Second, time.Millisecond)
	_, writes := out.state()
	assert.Equal(t, 1, writes, "one write for the burst")

	// After a flush by the timer, the next line sets the timer again.
	_, _ = l.Write([]byte("later\n"))
	require.Eventually(t, func() bool { s, _ := out.state(); return strings.HasSuffix(s, "later\n") }, 2*time.Second, time.Millisecond)

	// Flush writes what is buffered now.
	_, _ = l.Write([]byte("last\n"))
	l.Flush()
	s, _ := out.state()
	assert.True(t, strings.HasSuffix(s, "later\nlast\n"))

	// Past logFlushSize the buffer is written at once.
	big := &lockedBuffer{}
	l = newLogWriter(big)
	line := strings.Repeat("x", 1023) + "\n"
	for range logFlushSize / len(line) {
		_, _ = l.Write([]byte(line))
	}
	s, writes = big.state()
	assert.Equal(t, logFlushSize, len(s))
	assert.Equal(t, 1, writes)
	l.Flush()
}

// TestLogWriterConcurrent: lines written from many goroutines all arrive,
// none split (run with -race).
func TestLogWriterConcurrent(t *testing.T) {
	out := &lockedBuffer{}
	l := newLogWriter(out)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				_, _ = fmt.Fprintf(l, "g%d line %d\n", g, i)
			}
		})
	}
	wg.Wait()
	l.Flush()
	s, _ := out.state()
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	require.Len(t, lines, 8*200)
	for _, line := range lines {
		assert.Regexp(t, `^g\d line \d+$`, line)
	}
}
