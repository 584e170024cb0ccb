package compat

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// The messages S3 sends with these codes, as AWS-validated suites recorded
// them (docs/peers.md §5). They are written out here rather than
// taken from s3fake so that the suite checks s3fake against S3.
const (
	msgMalformedXML        = "The XML you provided was not well-formed or did not validate against our published schema"
	msgIDMismatch          = "Document ID does not match the specified configuration ID."
	msgNoSuchConfiguration = "The specified configuration does not exist."
)

// pagedCount configurations are seeded on the paged bucket: more than one
// page of List (100).
const pagedCount = 150

// Configurations in the JSON shape every client but the Go SDK takes as
// input (botocore's and the JS SDK's member names; the AWS CLI's
// --inventory-configuration). The Go SDK decodes the same JSON into its
// types.
const (
	// validConfig uses every kind of element, so that each client's
	// serializer and parser meet all of them.
	validConfig = `{
  "Id": "compat-1",
  "IsEnabled": true,
  "IncludedObjectVersions": "Current",
  "Schedule": {"Frequency": "Weekly"},
  "Filter": {"Prefix": "logs/"},
  "Destination": {"S3BucketDestination": {
    "AccountId": "000000000000",
    "Bucket": "arn:aws:s3:::compat-dst",
    "Format": "Parquet",
    "Prefix": "inventory",
    "Encryption": {"SSEKMS": {"KeyId": "arn:aws:kms:us-east-1:000000000000:key/compat"}}
  }},
  "OptionalFields": ["Size", "LastModifiedDate", "ETag", "ObjectOwner"]
}`
	// malformedConfig has a Format outside CSV, ORC and Parquet.
	malformedConfig = `{
  "Id": "compat-bad",
  "IsEnabled": true,
  "IncludedObjectVersions": "All",
  "Schedule": {"Frequency": "Daily"},
  "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::compat-dst", "Format": "JSON"}}
}`
	// mismatchConfig is valid but its Id is not the one in the query.
	mismatchConfig = `{
  "Id": "compat-other",
  "IsEnabled": true,
  "IncludedObjectVersions": "All",
  "Schedule": {"Frequency": "Daily"},
  "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::compat-dst", "Format": "CSV"}}
}`
)

// plan is the scenario every client runs, handed to the scripts as JSON.
type plan struct {
	Bucket      string          `json:"bucket"`      // created by the client
	PagedBucket string          `json:"pagedBucket"` // seeded by the test with pagedCount configurations
	ID          string          `json:"id"`
	Valid       json.RawMessage `json:"valid"`
	MalformedID string          `json:"malformedId"`
	Malformed   json.RawMessage `json:"malformed"`
	MismatchID  string          `json:"mismatchId"`
	Mismatch    json.RawMessage `json:"mismatch"`
	MissingID   string          `json:"missingId"`
}

func newPlan() plan {
	return plan{
		Bucket:      "compat-src",
		PagedBucket: "compat-paged",
		ID:          "compat-1",
		Valid:       json.RawMessage(validConfig),
		MalformedID: "compat-bad",
		Malformed:   json.RawMessage(malformedConfig),
		MismatchID:  "compat-2",
		Mismatch:    json.RawMessage(mismatchConfig),
		MissingID:   "no-such-id",
	}
}

// stepNames are the steps of the plan, in the order clients run them:
//
//	create-bucket  CreateBucket on plan.Bucket
//	put-valid      PutBucketInventoryConfiguration of validConfig
//	get-valid      GetBucketInventoryConfiguration of it
//	list-one       ListBucketInventoryConfigurations of plan.Bucket, every page
//	put-malformed  Put of malformedConfig
//	put-mismatch   Put of mismatchConfig under plan.MismatchID
//	list-paged     List of plan.PagedBucket, every page
//	get-missing    Get of plan.MissingID
//	delete         DeleteBucketInventoryConfiguration of plan.ID
//	head-bucket    HeadBucket on plan.Bucket: the Delete left it alone
//	get-deleted    Get of plan.ID again
var stepNames = []string{
	"create-bucket", "put-valid", "get-valid", "list-one", "put-malformed", "put-mismatch",
	"list-paged", "get-missing", "delete", "head-bucket", "get-deleted",
}

// stepResult is what a client reported for one step.
type stepResult struct {
	Step    string `json:"step"`
	Status  int    `json:"status"`            // HTTP status as the client saw it
	Code    string `json:"code,omitempty"`    // error code, when the call failed
	Message string `json:"message,omitempty"` // error message, when the call failed
	// Get: the configuration as the client parsed it, in the input shape.
	Config map[string]any `json:"config,omitempty"`
	// List: the Ids of every page, the size of each page and its IsTruncated.
	IDs       []string `json:"ids,omitempty"`
	Pages     []int    `json:"pages,omitempty"`
	Truncated []bool   `json:"truncated,omitempty"`
}

// transcript is a client's report of the whole plan.
type transcript struct {
	Client  string       `json:"client"`  // name and version
	Missing string       `json:"missing"` // set by a script whose client is not installed
	Steps   []stepResult `json:"steps"`
}

// TestClients runs the plan through each real client against its own
// s3fake server and asserts what the client saw.
func TestClients(t *testing.T) {
	clients := []struct {
		name string
		run  func(t *testing.T, srv *s3fake.Server, p plan) transcript
	}{
		{"aws-sdk-go-v2", runGoSDK},
		{"aws-cli-v1", func(t *testing.T, srv *s3fake.Server, p plan) transcript { return runAWSCLI(t, srv, p, 1) }},
		{"aws-cli-v2", func(t *testing.T, srv *s3fake.Server, p plan) transcript { return runAWSCLI(t, srv, p, 2) }},
		{"boto3", func(t *testing.T, srv *s3fake.Server, p plan) transcript {
			return runScript(t, srv, p, "python3", "boto3_inventory.py")
		}},
		{"aws-sdk-js-v3", func(t *testing.T, srv *s3fake.Server, p plan) transcript {
			return runScript(t, srv, p, "node", "sdk_js_inventory.mjs")
		}},
	}
	for _, c := range clients {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			// Real clients sign with the wall clock.
			srv := s3fake.Start(t, s3fake.WithWallClock())
			p := newPlan()
			srv.CreateBucket(p.PagedBucket)
			var pagedIDs []string
			for _, cfg := range fixtures.Numbered("page", pagedCount, "compat-dst") {
				srv.PutInventoryConfiguration(p.PagedBucket, cfg)
				pagedIDs = append(pagedIDs, cfg.ID)
			}

			tr := c.run(t, srv, p)
			t.Logf("client: %s", tr.Client)
			checkTranscript(t, tr, p, pagedIDs)

			// The server's state agrees with what the client saw.
			if !srv.BucketExists(p.Bucket) {
				t.Errorf("bucket %s is gone after DeleteBucketInventoryConfiguration", p.Bucket)
			}
			if left := srv.InventoryConfigurations(p.Bucket); len(left) != 0 {
				t.Errorf("bucket %s still holds %d configurations (first %q); the refused puts must store nothing and the delete must remove %s",
					p.Bucket, len(left), left[0].ID, p.ID)
			}
			if n := len(srv.InventoryConfigurations(p.PagedBucket)); n != pagedCount {
				t.Errorf("paged bucket holds %d configurations after listing, want %d", n, pagedCount)
			}
		})
	}
}

// checkTranscript asserts every step of a client's report.
func checkTranscript(t *testing.T, tr transcript, p plan, pagedIDs []string) {
	t.Helper()
	var names []string
	steps := map[string]stepResult{}
	for _, s := range tr.Steps {
		names = append(names, s.Step)
		steps[s.Step] = s
	}
	if !slices.Equal(names, stepNames) {
		t.Fatalf("client reported steps %v, want %v", names, stepNames)
	}
	ok := func(step string, status int) stepResult {
		t.Helper()
		r := steps[step]
		if r.Status != status || r.Code != "" || r.Message != "" {
			t.Errorf("%s: got status %d, error %q %q; want status %d and no error", step, r.Status, r.Code, r.Message, status)
		}
		return r
	}
	refused := func(step string, status int, code, message string) {
		t.Helper()
		r := steps[step]
		if r.Status != status || r.Code != code || r.Message != message {
			t.Errorf("%s: got status %d, error %q %q; want %d %q %q", step, r.Status, r.Code, r.Message, status, code, message)
		}
	}
	list := func(step string, ids []string, pages []int, truncated []bool) {
		t.Helper()
		r := ok(step, 200)
		if !slices.Equal(r.IDs, ids) {
			t.Errorf("%s: got %d ids %v, want %d ids %v", step, len(r.IDs), abbreviate(r.IDs), len(ids), abbreviate(ids))
		}
		if !slices.Equal(r.Pages, pages) || !slices.Equal(r.Truncated, truncated) {
			t.Errorf("%s: got page sizes %v with IsTruncated %v, want %v with %v", step, r.Pages, r.Truncated, pages, truncated)
		}
	}

	ok("create-bucket", 200)
	ok("put-valid", 204)
	got := ok("get-valid", 200)
	var want map[string]any
	if err := json.Unmarshal(p.Valid, &want); err != nil {
		t.Fatal(err)
	}
	if g := prune(got.Config); !reflect.DeepEqual(g, prune(want)) {
		gj, _ := json.MarshalIndent(g, "", "  ")
		t.Errorf("get-valid: the client parsed\n%s\nwant what was put:\n%s", gj, p.Valid)
	}
	list("list-one", []string{p.ID}, []int{1}, []bool{false})
	refused("put-malformed", 400, "MalformedXML", msgMalformedXML)
	refused("put-mismatch", 400, "IdMismatch", msgIDMismatch)
	list("list-paged", pagedIDs, []int{100, pagedCount - 100}, []bool{true, false})
	refused("get-missing", 404, "NoSuchConfiguration", msgNoSuchConfiguration)
	ok("delete", 204)
	ok("head-bucket", 200)
	refused("get-deleted", 404, "NoSuchConfiguration", msgNoSuchConfiguration)
}

// prune drops JSON nulls and the objects that are empty without them, so
// that clients which spell an absent member as null (the Go SDK) compare
// equal to those which leave it out.
func prune(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			if e = prune(e); e != nil {
				out[k] = e
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = prune(e)
		}
		return out
	}
	return v
}

// abbreviate shortens a long id list for messages.
func abbreviate(ids []string) []string {
	if len(ids) <= 6 {
		return ids
	}
	return append(append(slices.Clone(ids[:3]), "..."), ids[len(ids)-2:]...)
}

// runScript runs testdata/script with interpreter (python3, node) and
// returns the transcript it prints.
func runScript(t *testing.T, srv *s3fake.Server, p plan, interpreter, script string) transcript {
	t.Helper()
	var tr transcript
	runClientScript(t, srv, p, interpreter, script, &tr)
	if tr.Missing != "" {
		unavailable(t, "%s", tr.Missing)
	}
	return tr
}

// runClientScript runs testdata/script with interpreter (python3, node),
// its one argument input as JSON, in the environment of a client of srv,
// and decodes the JSON it prints into out. The caller checks out's
// "missing" member.
func runClientScript(t *testing.T, srv *s3fake.Server, input any, interpreter, script string, out any) {
	t.Helper()
	bin, err := exec.LookPath(interpreter)
	if err != nil {
		unavailable(t, "%s is not on PATH: %v", interpreter, err)
	}
	inputJSON, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(compatDir(t), "testdata", script)
	stdout, stderr, err := run(t, clientEnv(t, srv), bin, path, string(inputJSON))
	if err != nil {
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", interpreter, script, err, tail(stdout, 3000), stderr)
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("%s %s printed no result: %v\nstdout:\n%s\nstderr:\n%s", interpreter, script, err, tail(stdout, 3000), stderr)
	}
}

// runGoSDK runs the plan through aws-sdk-go-v2, in process (Server.Client).
func runGoSDK(t *testing.T, srv *s3fake.Server, p plan) transcript {
	t.Helper()
	ctx := t.Context()
	c := srv.Client()
	decode := func(raw json.RawMessage) *types.InventoryConfiguration {
		var cfg types.InventoryConfiguration
		if err := json.Unmarshal(raw, &cfg); err != nil {
			t.Fatalf("decode %s: %v", raw, err)
		}
		return &cfg
	}
	var steps []stepResult
	add := func(r stepResult) { steps = append(steps, r) }

	out1, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(p.Bucket)})
	add(goStep("create-bucket", metadata(out1, err, func(o *s3.CreateBucketOutput) middleware.Metadata { return o.ResultMetadata }), err))

	put := func(step, id string, raw json.RawMessage) {
		out, err := c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String(p.Bucket), Id: aws.String(id), InventoryConfiguration: decode(raw),
		})
		add(goStep(step, metadata(out, err, func(o *s3.PutBucketInventoryConfigurationOutput) middleware.Metadata { return o.ResultMetadata }), err))
	}
	get := func(step, id string) {
		out, err := c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
			Bucket: aws.String(p.Bucket), Id: aws.String(id),
		})
		r := goStep(step, metadata(out, err, func(o *s3.GetBucketInventoryConfigurationOutput) middleware.Metadata { return o.ResultMetadata }), err)
		if err == nil {
			// The SDK's types marshal to the input shape's member names.
			data, jerr := json.Marshal(out.InventoryConfiguration)
			if jerr == nil {
				jerr = json.Unmarshal(data, &r.Config)
			}
			if jerr != nil {
				t.Fatal(jerr)
			}
		}
		add(r)
	}
	list := func(step, bucket string) {
		r := stepResult{Step: step}
		var token *string
		for range 20 { // 20 pages is far past any plan
			out, err := c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{
				Bucket: aws.String(bucket), ContinuationToken: token,
			})
			page := goStep(step, metadata(out, err, func(o *s3.ListBucketInventoryConfigurationsOutput) middleware.Metadata { return o.ResultMetadata }), err)
			r.Status, r.Code, r.Message = page.Status, page.Code, page.Message
			if err != nil {
				break
			}
			for _, cfg := range out.InventoryConfigurationList {
				r.IDs = append(r.IDs, aws.ToString(cfg.Id))
			}
			r.Pages = append(r.Pages, len(out.InventoryConfigurationList))
			r.Truncated = append(r.Truncated, aws.ToBool(out.IsTruncated))
			if !aws.ToBool(out.IsTruncated) {
				break
			}
			token = out.NextContinuationToken
		}
		add(r)
	}

	put("put-valid", p.ID, p.Valid)
	get("get-valid", p.ID)
	list("list-one", p.Bucket)
	put("put-malformed", p.MalformedID, p.Malformed)
	put("put-mismatch", p.MismatchID, p.Mismatch)
	list("list-paged", p.PagedBucket)
	get("get-missing", p.MissingID)
	outD, err := c.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{
		Bucket: aws.String(p.Bucket), Id: aws.String(p.ID),
	})
	add(goStep("delete", metadata(outD, err, func(o *s3.DeleteBucketInventoryConfigurationOutput) middleware.Metadata { return o.ResultMetadata }), err))
	outH, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(p.Bucket)})
	add(goStep("head-bucket", metadata(outH, err, func(o *s3.HeadBucketOutput) middleware.Metadata { return o.ResultMetadata }), err))
	get("get-deleted", p.ID)

	return transcript{Client: "aws-sdk-go-v2 service/s3 " + moduleVersion(t, "github.com/aws/aws-sdk-go-v2/service/s3") + " (in process)", Steps: steps}
}

// moduleVersion is the version of module path that the main module's
// go.mod requires (test binaries carry no build info for their
// dependencies).
func moduleVersion(t *testing.T, path string) string {
	data, err := os.ReadFile(filepath.Join(compatDir(t), "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == path {
			return f[1]
		}
	}
	return "(version not in go.mod)"
}

// metadata is out's result metadata, or none when the call failed.
func metadata[O any](out *O, err error, md func(*O) middleware.Metadata) middleware.Metadata {
	if err != nil || out == nil {
		return middleware.Metadata{}
	}
	return md(out)
}

// goStep is the step result of one Go SDK call: its HTTP status, and the
// error code and message the SDK parsed.
func goStep(step string, md middleware.Metadata, err error) stepResult {
	r := stepResult{Step: step}
	if err != nil {
		var apiErr smithy.APIError
		if errors.As(err, &apiErr) {
			r.Code, r.Message = apiErr.ErrorCode(), apiErr.ErrorMessage()
		} else {
			r.Message = err.Error()
		}
		var withStatus interface{ HTTPStatusCode() int }
		if errors.As(err, &withStatus) {
			r.Status = withStatus.HTTPStatusCode()
		}
		return r
	}
	if resp, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response); ok {
		r.Status = resp.StatusCode
	}
	return r
}
