package objstore

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/stretchr/testify/require"
)

// fakeClock is a goroutine-safe, manually advanced clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newTestStore returns a store on a fake clock, owned by "owner-default".
func newTestStore(t *testing.T) (*Store, *fakeClock) {
	t.Helper()
	clk := newFakeClock()
	return New(Config{Now: clk.Now, DefaultOwner: "owner-default"}), clk
}

// mustPut stores body under key and fails the test on error.
func mustPut(t *testing.T, s *Store, bucket, key, body string, meta map[string]string) {
	t.Helper()
	_, err := s.PutObject(bucket, key, meta, strings.NewReader(body), int64(len(body)), nil)
	require.NoError(t, err)
}

// readBody reads and closes obj.Contents.
func readBody(t *testing.T, obj *gofakes3.Object) string {
	t.Helper()
	defer obj.Contents.Close()
	b, err := io.ReadAll(obj.Contents)
	require.NoError(t, err)
	return string(b)
}

// requireCode asserts that err carries the gofakes3 error code.
func requireCode(t *testing.T, err error, code gofakes3.ErrorCode) {
	t.Helper()
	require.Error(t, err)
	require.Truef(t, gofakes3.HasErrorCode(err, code), "want %s, got %v", code, err)
}
