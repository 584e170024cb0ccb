package s3fake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// listBoto3Script pages through the bucket with boto3's paginators, two
// entries a page. boto3 sets encoding-type=url itself on all three
// listings and decodes the keys (and the markers its paginators send
// back), so the keys it prints must be the keys stored.
const listBoto3Script = `
import json, sys, boto3
from botocore.config import Config
endpoint, key, secret, bucket = sys.argv[1:5]
c = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key,
                 aws_secret_access_key=secret, config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
out = {"v1": [], "v2": [], "versions": [], "prefixes": []}
for page in c.get_paginator("list_objects").paginate(Bucket=bucket, PaginationConfig={"PageSize": 2}):
    out["v1"] += [o["Key"] for o in page.get("Contents", [])]
for page in c.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 2}):
    out["v2"] += [o["Key"] for o in page.get("Contents", [])]
for page in c.get_paginator("list_object_versions").paginate(Bucket=bucket, PaginationConfig={"PageSize": 2}):
    out["versions"] += [v["Key"] for v in page.get("Versions", [])]
for page in c.get_paginator("list_objects_v2").paginate(Bucket=bucket, Delimiter="/", PaginationConfig={"PageSize": 1}):
    out["prefixes"] += [p["Prefix"] for p in page.get("CommonPrefixes", [])]
json.dump(out, sys.stdout)
`

// Issue 10: boto3 always sends encoding-type=url; keys with spaces, "+",
// "%", XML's specials and control characters come back exact through its
// three paginators.
func TestListBoto3EncodingRoundTrip(t *testing.T) {
	python := listBoto3(t)
	srv := s3fake.Start(t)
	c := srv.Client()
	_, err := c.CreateBucket(listCtx, &s3.CreateBucketInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	_, err = c.PutBucketVersioning(listCtx, &s3.PutBucketVersioningInput{Bucket: aws.String("bkt"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	require.NoError(t, err)
	for _, k := range listKeys {
		listPut(t, c, "bkt", k, k)
	}
	want := append([]string(nil), listKeys...)
	sortStrings(want)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	creds := srv.Credentials()
	cmd := exec.CommandContext(ctx, python, "-c", listBoto3Script, srv.URL(), creds.AccessKeyID, creds.SecretAccessKey, "bkt")
	cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "boto3: %s", stderr.Bytes())
	var got map[string][]string
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &got), stdout.String())
	for _, listing := range []string{"v1", "v2", "versions"} {
		assert.Equal(t, want, got[listing], listing)
	}
	assert.Equal(t, []string{"a b/", "한글/"}, got["prefixes"])
}

// listBoto3 returns a python with boto3. Where there is none it skips,
// except in CI, where .ci/install-clients.sh has installed it.
func listBoto3(t *testing.T) string {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(python, "-c", "import boto3").Run()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and no python3 with boto3: %v", err)
		}
		t.Skipf("no python3 with boto3 (%v); the image's pyenv Python has it", err)
	}
	return python
}
