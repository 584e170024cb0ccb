package s3fake_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// adminDo sends an admin request with the given headers.
func adminDo(t *testing.T, srv *s3fake.Server, method, path string, header map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, string(body)
}

// TestAdminRefusesForeignOrigins: a page open in the developer's browser
// cannot drive the admin API: a foreign Origin is refused, a preflight is
// not answered, and the clock does not move.
func TestAdminRefusesForeignOrigins(t *testing.T) {
	srv := s3fake.Start(t)
	before := srv.Now()
	status, h, body := adminDo(t, srv, http.MethodPost, "/_s3fake/clock/advance?by=24h", map[string]string{"Origin": "http://evil.example"})
	assert.Equal(t, http.StatusForbidden, status, body)
	assert.Empty(t, h.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, before, srv.Now(), "the clock moved")

	status, h, _ = adminDo(t, srv, http.MethodOptions, "/_s3fake/inventory/run?bucket=a&id=b",
		map[string]string{"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
	assert.Equal(t, http.StatusForbidden, status)
	assert.Empty(t, h.Get("Access-Control-Allow-Origin"))

	// The server's own origin (a page it serves) and no Origin (curl, scripts) are fine.
	status, _, body = adminDo(t, srv, http.MethodGet, "/_s3fake/clock", map[string]string{"Origin": srv.URL()})
	assert.Equal(t, http.StatusOK, status, body)
	status, _, _ = adminDo(t, srv, http.MethodGet, "/_s3fake/clock", nil)
	assert.Equal(t, http.StatusOK, status)
	// Health answers anyone.
	status, _, _ = adminDo(t, srv, http.MethodGet, "/_s3fake/health", map[string]string{"Origin": "http://evil.example"})
	assert.Equal(t, http.StatusOK, status)
}

func TestAdminToken(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithAdminToken("s3cr3t"))
	status, _, body := adminDo(t, srv, http.MethodGet, "/_s3fake/clock", nil)
	assert.Equal(t, http.StatusUnauthorized, status, body)
	status, _, _ = adminDo(t, srv, http.MethodGet, "/_s3fake/clock", map[string]string{"Authorization": "Bearer wrong"})
	assert.Equal(t, http.StatusUnauthorized, status)
	status, _, _ = adminDo(t, srv, http.MethodGet, "/_s3fake/clock", map[string]string{"Authorization": "Bearer s3cr3t"})
	assert.Equal(t, http.StatusOK, status)
	status, _, _ = adminDo(t, srv, http.MethodGet, "/_s3fake/health", nil)
	assert.Equal(t, http.StatusOK, status, "health stays open")
}

// TestAdminAdvanceIsBounded: an advance that would make more than
// MaxAdvanceRuns runs is refused with the clock unchanged; in steps it
// works.
func TestAdminAdvanceIsBounded(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("src"))
	require.NoError(t, srv.CreateBucket("dst"))
	for i := range 2 {
		require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal(fmt.Sprintf("daily-%d", i), "dst")))
	}
	before := srv.Now()
	status, _, body := adminDo(t, srv, http.MethodPost, "/_s3fake/clock/advance?by=14400h", nil) // 600 days, 1,200 runs
	assert.Equal(t, http.StatusBadRequest, status, body)
	assert.Contains(t, body, "advance in steps")
	assert.Equal(t, before, srv.Now(), "a refused advance moved the clock")
	assert.Empty(t, srv.Runs("src", "daily-0"))

	status, _, body = adminDo(t, srv, http.MethodPost, "/_s3fake/clock/advance?by=9600h", nil) // 400 days, 800 runs
	require.Equal(t, http.StatusOK, status, body)
	var out struct{ Runs []json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(body), &out))
	assert.Len(t, out.Runs, 800)
}

// TestDeletedConfigurationsLeaveNothing: putting and deleting 1,000
// configurations ten times leaves the heap where the first round left it:
// schedules and histories go with their configurations and buckets.
func TestDeletedConfigurationsLeaveNothing(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("src"))
	rounds := 0
	round := func() { // new ids every round: leftovers would pile up
		rounds++
		for i := range 1000 {
			require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal(fmt.Sprintf("r%02d-%04d", rounds, i), "dst")))
		}
		for i := range 1000 {
			require.NoError(t, srv.DeleteInventoryConfiguration("src", fmt.Sprintf("r%02d-%04d", rounds, i)))
		}
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	round()
	base := heap()
	for range 9 {
		round()
	}
	after := heap()
	t.Logf("heap after round 1: %d KiB, after round 10: %d KiB", base>>10, after>>10)
	assert.Less(t, int64(after)-int64(base), int64(256<<10), "bookkeeping grows with deleted configurations")
	assert.Empty(t, srv.InventoryConfigurations("src"))
	// A deleted bucket takes its schedules with it: advancing runs nothing.
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	_, err := srv.Client().DeleteBucket(t.Context(), &s3.DeleteBucketInput{Bucket: aws.String("src")})
	require.NoError(t, err)
	assert.Empty(t, srv.Advance(72*time.Hour))
}
