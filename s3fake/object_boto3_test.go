package s3fake_test

// boto3's zero-length PutObject (issue 10): botocore sends Expect:
// 100-continue with Content-Length: 0. Answered without an interim 100
// Continue, botocore keeps that answer's status line and misreads the next
// answer on the connection: a 60 s stall, a hidden retry, and one
// put_object leaving two versions.

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// boto3ZeroLengthScript puts an empty object, then a non-empty one, then
// an empty one again, on one client (so one connection), with a short
// read timeout and no retries, and prints each call's duration and retry
// count. It prints {"missing": ...} when boto3 cannot be imported.
const boto3ZeroLengthScript = `
import json, sys, time
try:
    import boto3
    from botocore.config import Config
except ImportError as exc:
    print(json.dumps({"missing": "boto3 is not importable: %s" % exc}))
    sys.exit(0)
endpoint, bucket = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
    aws_access_key_id="test", aws_secret_access_key="test",
    config=Config(s3={"addressing_style": "path"}, read_timeout=10, connect_timeout=5,
                  retries={"total_max_attempts": 1}))
calls = []
for key, body in [("empty", b""), ("full", b"hello"), ("empty2", b""), ("full2", b"x")]:
    start = time.time()
    resp = s3.put_object(Bucket=bucket, Key=key, Body=body)
    calls.append({"key": key, "seconds": time.time() - start,
                  "retries": resp["ResponseMetadata"]["RetryAttempts"],
                  "status": resp["ResponseMetadata"]["HTTPStatusCode"]})
print(json.dumps({"calls": calls}))
`

func TestBoto3ZeroLengthPutObject(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		boto3Unavailable(t, "python3 is not on PATH: %v", err)
	}
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("boto", s3fake.Versioned()))

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-c", boto3ZeroLengthScript, srv.URL(), "boto")
	cmd.Env = boto3Env()
	out, err := cmd.Output()
	var stderr []byte
	if ee, ok := err.(*exec.ExitError); ok {
		stderr = ee.Stderr
	}
	require.NoError(t, err, "boto3 script:\nstdout: %s\nstderr: %s", out, stderr)
	var res struct {
		Missing string
		Calls   []struct {
			Key     string
			Seconds float64
			Retries int
			Status  int
		}
	}
	require.NoError(t, json.Unmarshal(out, &res), "%s", out)
	if res.Missing != "" {
		boto3Unavailable(t, "%s", res.Missing)
	}
	require.Len(t, res.Calls, 4)
	for _, c := range res.Calls {
		assert.Equal(t, 200, c.Status, c.Key)
		assert.Zero(t, c.Retries, "%s: no hidden retry", c.Key)
		assert.Less(t, c.Seconds, 2.0, "%s: no stall", c.Key)
		assert.Equal(t, 1, versionCount(&fid{srv: srv}, "boto", c.Key), "%s: exactly one version", c.Key)
	}
}

// boto3Env is the test's environment without AWS_ variables, so that
// nothing on the machine changes what botocore sends.
func boto3Env() []string {
	var env []string
	for _, kv := range os.Environ() {
		if len(kv) < 4 || kv[:4] != "AWS_" {
			env = append(env, kv)
		}
	}
	return append(env, "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true")
}

// boto3Unavailable skips when python3 or boto3 is missing, except in CI
// (CI=true), where the image has both, as compat's tests do.
func boto3Unavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true, so a missing client is a failure: "+format, args...)
	}
	t.Skipf(format+" (boto3 comes with the image's pyenv Python)", args...)
}
