package compat

import (
	"encoding/json"
	"regexp"
	"strconv"
	"testing"

	"github.com/s3fake/s3fake/s3fake"
)

// The AWS CLI (v1 and v2 alike) logs each HTTP exchange under --debug as
//
//	... urllib3.connectionpool - DEBUG - http://127.0.0.1:PORT "PUT /b?inventory&id=x HTTP/1.1" 204 0
//
// and ends a failed service call with
//
//	An error occurred (IdMismatch) when calling the PutBucketInventoryConfiguration operation: Document ID ...
//
// (v2 may put "(reached max retries: 0)" before the colon).
var (
	cliHTTPStatus = regexp.MustCompile(`"(?:GET|PUT|POST|DELETE|HEAD) \S+ HTTP/1\.1" (\d{3})\b`)
	cliError      = regexp.MustCompile(`(?m)^An error occurred \(([^)]*)\) when calling the (\w+) operation(?: \([^)]*\))?: (.*)$`)
)

// runAWSCLI runs the plan through AWS CLI major version major, one
// `aws s3api` process per call (the CLI cannot batch), each with --debug
// so that the HTTP status it received can be read.
func runAWSCLI(t *testing.T, srv *s3fake.Server, p plan, major int) transcript {
	t.Helper()
	bin, version, err := awsCLI(t, major)
	if err != nil {
		unavailable(t, "%v", err)
	}
	env := clientEnv(t, srv)
	// call runs `aws s3api args...` and returns its step result and stdout.
	call := func(step string, args ...string) (stepResult, []byte) {
		t.Helper()
		full := append([]string{"--debug", "--endpoint-url", srv.URL(), "--output", "json", "s3api"}, args...)
		stdout, stderr, err := run(t, env, bin, full...)
		r := stepResult{Step: step}
		statuses := cliHTTPStatus.FindAllSubmatch(stderr, -1)
		if len(statuses) == 0 {
			t.Fatalf("%s: aws %v made no HTTP request (exit %v); stderr ends:\n%s", step, args, err, tail(stderr, 3000))
		}
		r.Status, _ = strconv.Atoi(string(statuses[len(statuses)-1][1]))
		if err != nil {
			m := cliError.FindAllSubmatch(stderr, -1)
			if len(m) == 0 {
				t.Fatalf("%s: aws %v failed (%v) without a service error; stderr ends:\n%s", step, args, err, tail(stderr, 3000))
			}
			last := m[len(m)-1]
			r.Code, r.Message = string(last[1]), string(last[3])
		}
		return r, stdout
	}
	decode := func(step string, stdout []byte, v any) {
		t.Helper()
		if err := json.Unmarshal(stdout, v); err != nil {
			t.Fatalf("%s: aws printed no JSON: %v\n%s", step, err, stdout)
		}
	}
	list := func(step, bucket string) stepResult {
		t.Helper()
		r := stepResult{Step: step}
		token := ""
		for range 20 { // 20 pages is far past any plan
			args := []string{"list-bucket-inventory-configurations", "--bucket", bucket}
			if token != "" {
				args = append(args, "--continuation-token", token)
			}
			page, stdout := call(step, args...)
			r.Status, r.Code, r.Message = page.Status, page.Code, page.Message
			if page.Code != "" {
				break
			}
			var out struct {
				InventoryConfigurationList []struct{ Id string }
				IsTruncated                bool
				NextContinuationToken      string
			}
			decode(step, stdout, &out)
			for _, c := range out.InventoryConfigurationList {
				r.IDs = append(r.IDs, c.Id)
			}
			r.Pages = append(r.Pages, len(out.InventoryConfigurationList))
			r.Truncated = append(r.Truncated, out.IsTruncated)
			if !out.IsTruncated {
				break
			}
			token = out.NextContinuationToken
		}
		return r
	}
	get := func(step, id string) stepResult {
		t.Helper()
		r, stdout := call(step, "get-bucket-inventory-configuration", "--bucket", p.Bucket, "--id", id)
		if r.Code == "" {
			var out struct{ InventoryConfiguration map[string]any }
			decode(step, stdout, &out)
			r.Config = out.InventoryConfiguration
		}
		return r
	}
	put := func(step, id string, cfg json.RawMessage) stepResult {
		t.Helper()
		r, _ := call(step, "put-bucket-inventory-configuration", "--bucket", p.Bucket, "--id", id,
			"--inventory-configuration", string(cfg))
		return r
	}

	var steps []stepResult
	r, _ := call("create-bucket", "create-bucket", "--bucket", p.Bucket)
	steps = append(steps, r)
	steps = append(steps, put("put-valid", p.ID, p.Valid))
	steps = append(steps, get("get-valid", p.ID))
	steps = append(steps, list("list-one", p.Bucket))
	steps = append(steps, put("put-malformed", p.MalformedID, p.Malformed))
	steps = append(steps, put("put-mismatch", p.MismatchID, p.Mismatch))
	steps = append(steps, list("list-paged", p.PagedBucket))
	steps = append(steps, get("get-missing", p.MissingID))
	r, _ = call("delete", "delete-bucket-inventory-configuration", "--bucket", p.Bucket, "--id", p.ID)
	steps = append(steps, r)
	r, _ = call("head-bucket", "head-bucket", "--bucket", p.Bucket)
	steps = append(steps, r)
	steps = append(steps, get("get-deleted", p.ID))
	return transcript{Client: version + " (" + bin + ")", Steps: steps}
}

// tail is the last n bytes of b.
func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
