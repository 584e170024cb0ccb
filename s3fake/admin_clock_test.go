package s3fake_test

// The admin endpoints the binary's users have instead of Go calls: the
// clock, the run history, the delivery policy; and the request log's
// treatment of health polls.

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/s3fake"
)

// admin sends method path to srv's admin surface and returns the status
// and the raw JSON body, checking the Content-Type.
func admin(t *testing.T, srv *s3fake.Server, method, path string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, nil)
	require.NoError(t, err)
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"), path)
	return resp.StatusCode, body
}

// adminJSON is admin with the body decoded into a T.
func adminJSON[T any](t *testing.T, srv *s3fake.Server, method, path string) (int, T) {
	t.Helper()
	status, body := admin(t, srv, method, path)
	var v T
	require.NoError(t, json.Unmarshal(body, &v), "%s", body)
	return status, v
}

func TestAdminClock(t *testing.T) {
	srv := reportWorld(t)
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))

	status, now := adminJSON[map[string]string](t, srv, http.MethodGet, "/_s3fake/clock")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "2026-01-01T00:00:00Z", now["now"])

	status, now = adminJSON[map[string]string](t, srv, http.MethodPost, "/_s3fake/clock/set?to=2026-03-01T12:30:00Z")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "2026-03-01T12:30:00Z", now["now"])
	assert.Equal(t, time.Date(2026, 3, 1, 12, 30, 0, 0, time.UTC), srv.Now())
	assert.Empty(t, srv.Runs("src", "daily"), "setting the clock runs nothing")
	_, now = adminJSON[map[string]string](t, srv, http.MethodGet, "/_s3fake/clock")
	assert.Equal(t, "2026-03-01T12:30:00Z", now["now"])

	for _, bad := range []string{"", "yesterday", "2026-03-01"} {
		status, e := adminJSON[map[string]string](t, srv, http.MethodPost, "/_s3fake/clock/set?to="+bad)
		assert.Equal(t, http.StatusBadRequest, status, bad)
		assert.Contains(t, e["error"], "RFC 3339")
	}
	status, _ = admin(t, srv, http.MethodGet, "/_s3fake/clock/set?to=2026-03-01T12:30:00Z")
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	status, _ = admin(t, srv, http.MethodPost, "/_s3fake/clock")
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	assert.Equal(t, time.Date(2026, 3, 1, 12, 30, 0, 0, time.UTC), srv.Now(), "refused requests change nothing")
}

func TestAdminRuns(t *testing.T) {
	srv := reportWorld(t)
	require.NoError(t, srv.CreateBucket("other"))
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("nodest", "nosuch-bucket")))
	require.NoError(t, srv.PutInventoryConfiguration("other", fixtures.Minimal("daily", "dst")))
	forced, err := srv.RunInventory("src", "daily")
	require.NoError(t, err)
	srv.Advance(24 * time.Hour) // runs all three at 2026-01-02 00:00

	type runs struct{ Runs []inventory.Run }
	status, all := adminJSON[runs](t, srv, http.MethodGet, "/_s3fake/inventory/runs")
	assert.Equal(t, http.StatusOK, status)
	require.Len(t, all.Runs, 4)
	assert.Equal(t, forced, all.Runs[0], "the JSON carries the whole run")

	_, daily := adminJSON[runs](t, srv, http.MethodGet, "/_s3fake/inventory/runs?bucket=src&id=daily")
	assert.Equal(t, srv.Runs("src", "daily"), daily.Runs)
	require.Len(t, daily.Runs, 2)
	for _, r := range daily.Runs {
		assert.True(t, r.Delivered)
		assert.NotEmpty(t, r.ManifestKey)
		assert.NotEmpty(t, r.ChecksumKey)
	}
	_, failed := adminJSON[runs](t, srv, http.MethodGet, "/_s3fake/inventory/runs?bucket=src&id=nodest")
	require.Len(t, failed.Runs, 1)
	assert.False(t, failed.Runs[0].Delivered)
	assert.Contains(t, failed.Runs[0].Reason, "does not exist")

	_, src := adminJSON[runs](t, srv, http.MethodGet, "/_s3fake/inventory/runs?bucket=src")
	assert.Len(t, src.Runs, 3)
	status, none := admin(t, srv, http.MethodGet, "/_s3fake/inventory/runs?bucket=nosuch")
	assert.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `{"runs": []}`, string(none))
	status, _ = admin(t, srv, http.MethodGet, "/_s3fake/inventory/runs?id=daily")
	assert.Equal(t, http.StatusBadRequest, status)
}

// The delivery policy a binary user needs, put through the SDK, lets the
// run deliver.
func TestAdminDeliveryPolicy(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("src"))
	require.NoError(t, srv.CreateBucket("dst"))
	status, body := admin(t, srv, http.MethodGet, "/_s3fake/inventory/delivery-policy?source=src&destination=dst")
	require.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID), string(body))

	_, err := srv.Client().PutBucketPolicy(context.Background(), &s3.PutBucketPolicyInput{
		Bucket: aws.String("dst"), Policy: aws.String(string(body)),
	})
	require.NoError(t, err)
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	run, err := srv.RunInventory("src", "daily")
	require.NoError(t, err)
	assert.True(t, run.Delivered, run.Reason)

	// The source bucket's owner by default; account= for another one.
	srv.CreateAccount(fixtures.Other)
	require.NoError(t, srv.CreateBucket("other-src", s3fake.OwnedBy(fixtures.Other)))
	_, body = admin(t, srv, http.MethodGet, "/_s3fake/inventory/delivery-policy?source=other-src&destination=dst")
	assert.JSONEq(t, fixtures.DeliveryPolicy("dst", "other-src", fixtures.Other), string(body))
	_, body = admin(t, srv, http.MethodGet, "/_s3fake/inventory/delivery-policy?source=later&destination=dst&account="+fixtures.Owner)
	assert.JSONEq(t, fixtures.DeliveryPolicy("dst", "later", fixtures.Owner), string(body))

	for _, bad := range []string{"source=src", "destination=dst", "source=src&destination=dst&account=12"} {
		status, _ := admin(t, srv, http.MethodGet, "/_s3fake/inventory/delivery-policy?"+bad)
		assert.Equal(t, http.StatusBadRequest, status, bad)
	}
}

// Bug 4: at the default level (Info) the log has one line per S3 request
// and none for health polls; Debug adds them.
func TestRequestLogSkipsHealthAtInfo(t *testing.T) {
	for _, level := range []slog.Level{slog.LevelInfo, slog.LevelDebug} {
		t.Run(level.String(), func(t *testing.T) {
			var buf syncBuffer // logging_test.go
			srv := s3fake.Start(t, s3fake.WithLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: level}))))
			for range 3 {
				status, _ := admin(t, srv, http.MethodGet, "/_s3fake/health")
				require.Equal(t, http.StatusOK, status)
			}
			_, err := srv.Client().ListBuckets(context.Background(), &s3.ListBucketsInput{})
			require.NoError(t, err)
			// The record is written after the response: wait for it.
			require.Eventually(t, func() bool { return strings.Contains(buf.String(), "op=ListBuckets") },
				5*time.Second, time.Millisecond)
			requests := strings.Count(buf.String(), "msg=request")
			if level == slog.LevelInfo {
				assert.Equal(t, 1, requests, "only the S3 request:\n%s", buf.String())
			} else {
				assert.Equal(t, 4, requests, "health polls too:\n%s", buf.String())
			}
		})
	}
}
