package objstore

import (
	"crypto/md5"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
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

// Codes the tests expect that gofakes3 does not declare.
const (
	codeInvalidRequest      = "InvalidRequest"
	codeInvalidStorageClass = "InvalidStorageClass"
	codeEntityTooSmall      = "EntityTooSmall"
	codeInvalidObjectState  = "InvalidObjectState"
)

// requireCode asserts that err is a store *Error with code.
func requireCode[C ~string](t *testing.T, err error, code C) {
	t.Helper()
	require.Error(t, err)
	require.Truef(t, IsCode(err, string(code)) || gofakes3.HasErrorCode(err, gofakes3.ErrorCode(code)), "want %s, got %v", code, err)
}

// keysIn returns the keys of bucket that have any version, in order.
func keysIn(t *testing.T, s *Store, bucket string) []string {
	t.Helper()
	vs, err := s.Versions(bucket, "")
	require.NoError(t, err)
	var keys []string
	for _, v := range vs {
		if len(keys) == 0 || keys[len(keys)-1] != v.Key {
			keys = append(keys, v.Key)
		}
	}
	return keys
}

// latest returns the current version (or delete marker) of key.
func latest(t *testing.T, s *Store, bucket, key string) VersionInfo {
	t.Helper()
	vs, err := s.Versions(bucket, key)
	require.NoError(t, err)
	for _, v := range vs {
		if v.Key == key && v.IsLatest {
			return v
		}
	}
	t.Fatalf("no version of %q", key)
	return VersionInfo{}
}

// contentsKeys lists the keys of a listing.
func contentsKeys(l *gofakes3.ObjectList) []string {
	var keys []string
	for _, c := range l.Contents {
		keys = append(keys, c.Key)
	}
	return keys
}

// userMeta keeps the stored headers of a GET or HEAD result that a PUT
// can set: X-Amz-Meta-* and Content-Type.
func userMeta(meta map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range meta {
		if strings.HasPrefix(k, "X-Amz-Meta-") || k == "Content-Type" {
			out[k] = v
		}
	}
	return out
}

// sha1Of is the base64 SHA-1 of s, an x-amz-checksum-sha1 value.
func sha1Of(s string) string {
	sum := sha1.Sum([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// latestETag is the unquoted ETag of a single-part body.
func latestETag(body string) string {
	sum := md5.Sum([]byte(body))
	return hex.EncodeToString(sum[:])
}
