package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/require"
)

// crashedDir returns a data directory that a killed binary left with a
// bucket and three objects in its log, and the log's path.
func crashedDir(t *testing.T) (dir, log string) {
	t.Helper()
	dir = t.TempDir()
	p, url := startServer(t, nil, "-data-dir", dir)
	c := sdkClient(url)
	ctx := context.Background()
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("kept")})
	require.NoError(t, err)
	for i := range 3 {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("kept"), Key: aws.String(fmt.Sprint("k", i)),
			Body: strings.NewReader(strings.Repeat("body", 100))})
		require.NoError(t, err)
	}
	require.NoError(t, p.cmd.Process.Kill())
	p.wait(t)
	logs, _ := filepath.Glob(filepath.Join(dir, "log-*"))
	require.Len(t, logs, 1)
	return dir, logs[0]
}

func TestTornTailIsDroppedAtStart(t *testing.T) {
	dir, log := crashedDir(t)
	f, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.Write([]byte{200, 0, 0, 0, 1, 2, 3, 4, 1, 'h', 'a', 'l', 'f'}) // a record cut short
	require.NoError(t, err)
	f.Close()
	p, url := startServer(t, nil, "-data-dir", dir)
	out, err := sdkClient(url).GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("kept"), Key: aws.String("k2")})
	require.NoError(t, err)
	body, _ := io.ReadAll(out.Body)
	out.Body.Close()
	require.Equal(t, strings.Repeat("body", 100), string(body))
	// The log reaches stderr through a pipe: wait for it.
	logged, ok := p.stderr.waitFor(func(s string) bool { return strings.Contains(s, "level=WARN") }, p.exited, waitTimeout)
	require.True(t, ok, "no warning on stderr: %q", logged)
	require.Contains(t, logged, log)
}

func TestCorruptionInTheMiddleRefusesToStart(t *testing.T) {
	dir, log := crashedDir(t)
	b, err := os.ReadFile(log)
	require.NoError(t, err)
	b[20] ^= 0xff // inside the first record, which valid ones follow
	require.NoError(t, os.WriteFile(log, b, 0o644))
	res := runToExit(t, nil, "-addr", "127.0.0.1:0", "-data-dir", dir)
	require.NotZero(t, res.code)
	require.Contains(t, res.stderr, log)
	require.Contains(t, res.stderr, "byte offset 8")
	require.NotContains(t, res.stdout, "listening")
}

// The clock's offset and the runs survive kill -9: a wall clock advanced
// by 48 hours is still ahead after the restart, and the run history and
// the report objects are there.
func TestClockAndRunsSurviveKill(t *testing.T) {
	dir := t.TempDir()
	p, endpoint := startServer(t, nil, "-data-dir", dir)
	inventoryWorld(t, endpoint)
	var runs struct {
		Runs json.RawMessage `json:"runs"`
	}
	require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodPost, "/_s3fake/inventory/run?bucket=src&id=daily", nil))
	require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodPost, "/_s3fake/clock/advance?by=48h", nil))
	require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodGet, "/_s3fake/inventory/runs?bucket=src&id=daily", &runs))
	require.NoError(t, p.cmd.Process.Kill())
	p.wait(t)

	_, endpoint = startServer(t, nil, "-data-dir", dir)
	var now map[string]string
	require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodGet, "/_s3fake/clock", &now))
	at, err := time.Parse(time.RFC3339, now["now"])
	require.NoError(t, err)
	require.Greater(t, at.Sub(time.Now()), 47*time.Hour, "the clock lost its offset: %s", at)
	var after struct {
		Runs json.RawMessage `json:"runs"`
	}
	require.Equal(t, http.StatusOK, adminCall(t, endpoint, http.MethodGet, "/_s3fake/inventory/runs?bucket=src&id=daily", &after))
	require.JSONEq(t, string(runs.Runs), string(after.Runs))
	var list []map[string]any
	require.NoError(t, json.Unmarshal(after.Runs, &list))
	require.GreaterOrEqual(t, len(list), 3, "the forced run and two scheduled ones")
	out, err := sdkClient(endpoint).ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String("dst")})
	require.NoError(t, err)
	require.NotEmpty(t, out.Contents, "the reports are gone")
}
