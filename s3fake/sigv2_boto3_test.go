package s3fake_test

// boto3 signs with Signature Version 2 by default in us-east-1 where it
// presigns: generate_presigned_url and generate_presigned_post (issue 10:
// "Python users' ordinary presigned URLs fail with 400"). This drives the
// real boto3 against s3fake: presigned GET (with a response-* override),
// presigned PUT, presigned POST in SigV2 and SigV4, and a client that
// signs every call with SigV2 (signature_version="s3"), DeleteObjects
// included. Under WithStrictSigV4 the presigned GET gets S3's refusal.

import (
	"context"
	"encoding/json"
	"os/exec"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// boto3SigV2Script prints one JSON object of what each call answered, or
// {"missing": ...} when boto3 cannot be imported.
const boto3SigV2Script = `
import json, sys
try:
    import boto3, urllib3
    from botocore.config import Config
except ImportError as exc:
    print(json.dumps({"missing": "boto3 is not importable: %s" % exc}))
    sys.exit(0)
endpoint, bucket, mode = sys.argv[1], sys.argv[2], sys.argv[3]
def client(**cfg):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 1}, **cfg))
s3 = client()
http = urllib3.PoolManager(retries=False)
def answer(r):
    return {"status": r.status, "body": r.data.decode("utf-8", "replace"),
            "content_type": r.headers.get("Content-Type", ""), "location": r.headers.get("Location", "")}
out = {}
url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "hello world.txt"}, ExpiresIn=300)
out["get_url"] = url
out["get"] = answer(http.request("GET", url))
if mode == "strict":
    print(json.dumps(out))
    sys.exit(0)
url = s3.generate_presigned_url("get_object", ExpiresIn=300,
    Params={"Bucket": bucket, "Key": "hello world.txt", "ResponseContentType": "text/x-override"})
out["get_override"] = answer(http.request("GET", url))
url = s3.generate_presigned_url("put_object", ExpiresIn=300,
    Params={"Bucket": bucket, "Key": "put.txt", "ContentType": "text/plain"})
out["put_url"] = url
out["put"] = answer(http.request("PUT", url, body=b"put body", headers={"Content-Type": "text/plain"}))
post = s3.generate_presigned_post(bucket, "post/${filename}", ExpiresIn=300)
out["post_fields"] = sorted(post["fields"])
fields = dict(post["fields"])
fields["file"] = ("posted.txt", b"posted body")
out["post"] = answer(http.request("POST", post["url"], fields=fields))
v4 = client(signature_version="s3v4")
post = v4.generate_presigned_post(bucket, "post4.txt", ExpiresIn=300,
    Fields={"success_action_status": "201"}, Conditions=[{"success_action_status": "201"}])
out["post4_fields"] = sorted(post["fields"])
fields = dict(post["fields"])
fields["file"] = ("ignored.txt", b"post4 body")
out["post4"] = answer(http.request("POST", post["url"], fields=fields))
v2 = client(signature_version="s3")
v2.put_object(Bucket=bucket, Key="v2/header object.txt", Body=b"v2 body", Metadata={"note": "sigv2"})
obj = v2.get_object(Bucket=bucket, Key="v2/header object.txt")
out["v2_get"] = {"body": obj["Body"].read().decode(), "meta": obj["Metadata"]}
out["v2_list"] = [o["Key"] for o in v2.list_objects_v2(Bucket=bucket, Prefix="v2/").get("Contents", [])]
deleted = v2.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "v2/header object.txt"}, {"Key": "put.txt"}]})
out["v2_delete"] = sorted(d["Key"] for d in deleted.get("Deleted", []))
print(json.dumps(out))
`

type boto3Answer struct {
	Status      int
	Body        string
	ContentType string `json:"content_type"`
	Location    string
}

type boto3SigV2Result struct {
	Missing     string
	GetURL      string `json:"get_url"`
	Get         boto3Answer
	GetOverride boto3Answer `json:"get_override"`
	PutURL      string      `json:"put_url"`
	Put         boto3Answer
	PostFields  []string `json:"post_fields"`
	Post        boto3Answer
	Post4Fields []string `json:"post4_fields"`
	Post4       boto3Answer
	V2Get       struct {
		Body string
		Meta map[string]string
	} `json:"v2_get"`
	V2List   []string `json:"v2_list"`
	V2Delete []string `json:"v2_delete"`
}

func runBoto3SigV2(t *testing.T, srv *s3fake.Server, mode string) boto3SigV2Result {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		boto3Unavailable(t, "python3 is not on PATH: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-c", boto3SigV2Script, srv.URL(), "pyb", mode)
	cmd.Env = boto3Env()
	out, err := cmd.Output()
	var stderr []byte
	if ee, ok := err.(*exec.ExitError); ok {
		stderr = ee.Stderr
	}
	require.NoError(t, err, "boto3 script:\nstdout: %s\nstderr: %s", out, stderr)
	var res boto3SigV2Result
	require.NoError(t, json.Unmarshal(out, &res), "%s", out)
	if res.Missing != "" {
		boto3Unavailable(t, "%s", res.Missing)
	}
	return res
}

func TestBoto3SigV2(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("pyb"))
	_, err := srv.PutObject("pyb", "hello world.txt", []byte("hello from s3fake"))
	require.NoError(t, err)
	res := runBoto3SigV2(t, srv, "default")

	assert.Contains(t, res.GetURL, "AWSAccessKeyId=", "boto3 presigns with SigV2 here")
	assert.NotContains(t, res.GetURL, "X-Amz-Algorithm")
	assert.Equal(t, boto3Answer{Status: 200, Body: "hello from s3fake", ContentType: "binary/octet-stream"}, res.Get)
	assert.Equal(t, 200, res.GetOverride.Status, res.GetOverride.Body)
	assert.Equal(t, "text/x-override", res.GetOverride.ContentType)

	assert.Contains(t, res.PutURL, "content-type=text%2Fplain", "botocore moves the signed Content-Type into the query")
	assert.Equal(t, 200, res.Put.Status, res.Put.Body)

	assert.Equal(t, []string{"AWSAccessKeyId", "key", "policy", "signature"}, res.PostFields)
	assert.Equal(t, 204, res.Post.Status, res.Post.Body)
	assert.Equal(t, srv.URL()+"/pyb/post%2Fposted.txt", res.Post.Location)
	assert.Equal(t, []string{"key", "policy", "success_action_status", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature"},
		res.Post4Fields)
	assert.Equal(t, 201, res.Post4.Status, res.Post4.Body)
	assert.Contains(t, res.Post4.Body, "<Key>post4.txt</Key>")

	assert.Equal(t, "v2 body", res.V2Get.Body)
	assert.Equal(t, map[string]string{"note": "sigv2"}, res.V2Get.Meta)
	assert.Equal(t, []string{"v2/header object.txt"}, res.V2List)
	assert.Equal(t, []string{"put.txt", "v2/header object.txt"}, res.V2Delete)

	got := map[string]string{}
	for _, v := range srv.ObjectVersions("pyb", "") {
		got[v.Key] = v.ETag
	}
	assert.Equal(t, []string{"hello world.txt", "post/posted.txt", "post4.txt"}, sortedKeys(got))
	_, body := getObjectBody(t, srv.Client(), "pyb", "post/posted.txt")
	assert.Equal(t, "posted body", body)
}

func TestBoto3SigV2Strict(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithStrictSigV4())
	require.NoError(t, srv.CreateBucket("pyb"))
	res := runBoto3SigV2(t, srv, "strict")
	assert.Equal(t, 400, res.Get.Status)
	assert.Contains(t, res.Get.Body, "<Code>InvalidRequest</Code><Message>The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.</Message>")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
