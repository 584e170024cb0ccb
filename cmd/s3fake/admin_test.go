package main

// The binary's clock, schedules and admin endpoints: -start-time, -seed,
// schedules that run as wall time passes them, the run history, the
// delivery policy, and a log without health polls.

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/inventory"
)

// adminCall sends method path to the binary and decodes its JSON answer
// into out (when not nil), returning the status.
func adminCall(t *testing.T, endpoint, method, path string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, endpoint+path, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	if out != nil {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(out))
	}
	return resp.StatusCode
}

// inventoryWorld creates src and dst through the SDK, puts the delivery
// policy the admin endpoint gives, an object, and a Daily CSV
// configuration "daily" on src, as a binary user would.
func inventoryWorld(t *testing.T, endpoint string) {
	t.Helper()
	ctx := context.Background()
	c := sdkClient(endpoint)
	for _, b := range []string{"src", "dst"} {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)})
		require.NoError(t, err)
	}
	var policy json.RawMessage
	require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodGet,
		"/_s3fake/inventory/delivery-policy?source=src&destination=dst", &policy))
	_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("dst"), Policy: aws.String(string(policy))})
	require.NoError(t, err)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("a b.txt"), Body: strings.NewReader("hello")})
	require.NoError(t, err)
	_, err = c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("src"), Id: aws.String("daily"),
		InventoryConfiguration: &types.InventoryConfiguration{
			Id: aws.String("daily"), IsEnabled: aws.Bool(true),
			IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
			Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
			Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
				Bucket: aws.String("arn:aws:s3:::dst"), Format: types.InventoryFormatCsv,
			}},
		},
	})
	require.NoError(t, err)
}

// -start-time fixes the clock; -seed makes the report keys reproducible
// from one process to the next, and another seed gives other keys.
func TestBinaryStartTimeAndSeed(t *testing.T) {
	t.Parallel()
	dataKey := func(seed string) string {
		_, endpoint := startServer(t, nil, "-start-time", "2026-02-01T00:00:00Z", "-seed", seed)
		var now map[string]string
		require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodGet, "/_s3fake/clock", &now))
		assert.Equal(t, "2026-02-01T00:00:00Z", now["now"])
		inventoryWorld(t, endpoint)
		var run inventory.Run
		require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodPost, "/_s3fake/inventory/run?bucket=src&id=daily", &run))
		require.True(t, run.Delivered, run.Reason)
		assert.Equal(t, "src/daily/2026-02-01T00-00Z/manifest.json", run.ManifestKey)
		time.Sleep(1100 * time.Millisecond) // a fixed clock stays put, and the ticker runs nothing
		require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodGet, "/_s3fake/clock", &now))
		assert.Equal(t, "2026-02-01T00:00:00Z", now["now"])
		return run.Keys[0]
	}
	first := dataKey("7")
	assert.Equal(t, first, dataKey("7"), "same seed, same history: same keys")
	assert.NotEqual(t, first, dataKey("8"))
}

// Bug 3: the binary runs a Daily configuration when its wall clock passes
// midnight, without being asked; clock/set shifts the wall clock, which
// keeps moving. The run shows in the run history and the log.
func TestBinaryRunsSchedulesOnWallTime(t *testing.T) {
	t.Parallel()
	p, endpoint := startServer(t, nil)
	var now map[string]string
	require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodPost, "/_s3fake/clock/set?to=2026-03-09T23:59:57Z", &now))
	inventoryWorld(t, endpoint)

	type history struct{ Runs []inventory.Run }
	var h history
	require.Eventually(t, func() bool {
		adminCall(t, endpoint, http.MethodGet, "/_s3fake/inventory/runs?bucket=src&id=daily", &h)
		return len(h.Runs) > 0
	}, 15*time.Second, 100*time.Millisecond, "no scheduled run after midnight")
	require.Len(t, h.Runs, 1)
	run := h.Runs[0]
	assert.True(t, run.Scheduled)
	assert.True(t, run.Delivered, run.Reason)
	assert.Equal(t, time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), run.At)
	assert.Equal(t, "src/daily/2026-03-10T00-00Z/manifest.json", run.ManifestKey)
	assert.Equal(t, "src/daily/2026-03-10T00-00Z/manifest.checksum", run.ChecksumKey)

	require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodGet, "/_s3fake/clock", &now))
	clock, err := time.Parse(time.RFC3339, now["now"])
	require.NoError(t, err)
	assert.True(t, clock.After(run.At), "the shifted wall clock kept moving: %s", clock)

	out, ok := p.stderr.waitFor(func(s string) bool { return strings.Contains(s, "s3fake inventory run") }, p.exited, waitTimeout)
	assert.True(t, ok, "the run is logged at the default level:\n%s", out)
}

// Bug 4: at the default level the log has one line per S3 request and none
// for health polls.
func TestBinaryLogSkipsHealthPolls(t *testing.T) {
	t.Parallel()
	p, endpoint := startServer(t, nil)
	for range 3 {
		require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodGet, "/_s3fake/health", nil))
	}
	_, err := sdkClient(endpoint).ListBuckets(context.Background(), &s3.ListBucketsInput{})
	require.NoError(t, err)
	out, ok := p.stderr.waitFor(func(s string) bool { return strings.Contains(s, "op=ListBuckets") }, p.exited, waitTimeout)
	require.True(t, ok, "no record of ListBuckets:\n%s", out)
	assert.Equal(t, 1, strings.Count(out, "msg=request"), "only the S3 request is logged:\n%s", out)
}
