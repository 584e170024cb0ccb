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

// testOwner owns the buckets the tests create with mkBucket.
const testOwner = "owner-default"

// newTestStore returns an empty store on a fake clock.
func newTestStore(t *testing.T) (*Store, *fakeClock) {
	t.Helper()
	clk := newFakeClock()
	return New(Config{Now: clk.Now}), clk
}

// mkBucket creates an unversioned bucket owned by testOwner.
func mkBucket(t *testing.T, s *Store, name string) {
	t.Helper()
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: name, Owner: testOwner}))
}

// write stores body under key with the request headers header.
func write(s *Store, bucket, key, body string, header map[string]string) (PutResult, error) {
	return s.WriteObject(PutInput{Bucket: bucket, Key: key, Data: []byte(body), Header: header})
}

// mustPut stores body under key and fails the test on error.
func mustPut(t *testing.T, s *Store, bucket, key, body string, header map[string]string) {
	t.Helper()
	_, err := write(s, bucket, key, body, header)
	require.NoError(t, err)
}

// putVersion stores body under key and returns the version id reported.
func putVersion(t *testing.T, s *Store, bucket, key, body string) string {
	t.Helper()
	res, err := write(s, bucket, key, body, nil)
	require.NoError(t, err)
	return res.VersionID
}

// content reads all of o's content.
func content(t *testing.T, o *Object) string {
	t.Helper()
	b, err := io.ReadAll(o.Content(0, o.Size))
	require.NoError(t, err)
	return string(b)
}

// getBody reads the content of key's current version, or of version id.
func getBody(t *testing.T, s *Store, bucket, key, id string) string {
	t.Helper()
	o, err := s.ReadObject(bucket, key, id)
	require.NoError(t, err)
	require.False(t, o.DeleteMarker)
	return content(t, o)
}

// requireCode asserts that err is a store *Error with code.
func requireCode(t *testing.T, err error, code string) {
	t.Helper()
	require.Error(t, err)
	require.Truef(t, IsCode(err, code), "want %s, got %v", code, err)
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

// userMeta keeps the stored headers that a PUT can set: X-Amz-Meta-* and
// Content-Type.
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

// b64 is the base64 of a raw checksum, as x-amz-checksum-* carries it.
func b64(raw []byte) string { return base64.StdEncoding.EncodeToString(raw) }
