package s3fake_test

// The web console's page and read-only JSON (console.go, console_api.go):
// what it serves, only under WithConsole, and that its numbers and rows
// are the store's and the reports' own. console_browser_test.go drives
// the page in a real browser.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
	"github.com/s3fake/s3fake/s3fake"
	"github.com/s3fake/s3fake/xmlcodec"
)

// consoleGet sends GET path with header h to srv and returns the response
// and its body.
func consoleGet(t *testing.T, srv *s3fake.Server, path string, h http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL()+path, nil)
	require.NoError(t, err)
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

// consoleAPI is GET /_s3fake/api/<path>, decoded into a T, with its status.
func consoleAPI[T any](t *testing.T, srv *s3fake.Server, path string) (int, T) {
	t.Helper()
	return adminJSON[T](t, srv, http.MethodGet, "/_s3fake/api/"+path)
}

type apiBucket struct {
	Name, Owner, Region, Versioning, Policy string
	ObjectLock                              bool
	Objects, Versions, Configs              int
	Size, VersionsSize                      int64
}

type apiEntry struct {
	Key, VersionID, ETag, StorageClass string
	IsLatest, DeleteMarker             bool
	Size                               int64
}

type apiObjects struct {
	Entries                     []apiEntry
	Truncated                   bool
	NextAfter, NextAfterVersion string
	Versioning                  string
}

type apiRun struct {
	Index int
	inventory.Run
}

type apiConfig struct {
	ID, Frequency, Format, IncludedVersions, Destination, DestinationPrefix, FilterPrefix, Encryption, XML string
	Enabled                                                                                                bool
	Columns                                                                                                []string
	NextDue                                                                                                string
	RunCount                                                                                               int
	Runs                                                                                                   []apiRun
}

type apiReport struct {
	Format, FileSchema string
	Files, Columns     []string
	Rows               [][]string
	Total, Offset      int
	Run                apiRun
}

// TestConsoleOnlyWithOption: without WithConsole no console path is
// served, and the admin API is unchanged.
func TestConsoleOnlyWithOption(t *testing.T) {
	srv := s3fake.Start(t)
	for _, path := range []string{"/_s3fake/", "/_s3fake/console/console.js", "/_s3fake/api/buckets", "/_s3fake/api/object?bucket=b&key=k"} {
		resp, body := consoleGet(t, srv, path, nil)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, path)
		assert.Contains(t, string(body), "no admin endpoint", path)
	}
	status, _ := admin(t, srv, http.MethodGet, "/_s3fake/clock")
	assert.Equal(t, http.StatusOK, status)
}

// TestConsolePageAndAssets: the page and its two assets, with headers
// that keep foreign scripts and frames out; no other method.
func TestConsolePageAndAssets(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithConsole())
	cases := map[string]string{
		"/_s3fake/":                    "text/html; charset=utf-8",
		"/_s3fake/console/console.js":  "text/javascript; charset=utf-8",
		"/_s3fake/console/console.css": "text/css; charset=utf-8",
	}
	for path, ctype := range cases {
		resp, body := consoleGet(t, srv, path, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, path)
		assert.Equal(t, ctype, resp.Header.Get("Content-Type"), path)
		assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "script-src 'self'", path)
		assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'", path)
		assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), path)
		assert.NotEmpty(t, body, path)
	}
	_, page := consoleGet(t, srv, "/_s3fake/", nil)
	assert.Contains(t, string(page), `<script src="/_s3fake/console/console.js" defer></script>`)
	_, js := consoleGet(t, srv, "/_s3fake/console/console.js", nil)
	assert.NotContains(t, string(js), "innerHTML", "the script never parses data as HTML")
	assert.NotContains(t, string(js), "http://", "the script loads nothing from the network")
	assert.NotContains(t, string(js), "https://", "the script loads nothing from the network")

	status, e := adminJSON[map[string]string](t, srv, http.MethodPost, "/_s3fake/api/buckets")
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	assert.Contains(t, e["error"], "POST is not allowed")
	status, _ = admin(t, srv, http.MethodGet, "/_s3fake/api/nothing")
	assert.Equal(t, http.StatusNotFound, status)
}

// TestConsoleAPIKeepsAdminChecks: the JSON answers a foreign Origin with
// 403 and, under WithAdminToken, wants the token; the page itself holds no
// data and loads without it.
func TestConsoleAPIKeepsAdminChecks(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithConsole(), s3fake.WithAdminToken("s3cr3t"))
	resp, _ := consoleGet(t, srv, "/_s3fake/", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	resp, body := consoleGet(t, srv, "/_s3fake/api/buckets", nil)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "%s", body)
	bearer := http.Header{"Authorization": {"Bearer s3cr3t"}}
	resp, body = consoleGet(t, srv, "/_s3fake/api/buckets", bearer)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	bearer.Set("Origin", "http://evil.example")
	resp, body = consoleGet(t, srv, "/_s3fake/api/buckets", bearer)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, "%s", body)
	assert.Contains(t, string(body), "cross-origin")
	bearer.Set("Origin", srv.URL())
	resp, _ = consoleGet(t, srv, "/_s3fake/api/buckets", bearer)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the console's own origin is accepted")
}

// TestConsoleBuckets: owner, versioning, policy and totals, for buckets
// seeded directly and created and filled through the SDK; pages of 100.
func TestConsoleBuckets(t *testing.T) {
	srv := reportWorld(t, s3fake.WithConsole())
	ctx, c := context.Background(), srv.Client()
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("sdk-bucket")})
	require.NoError(t, err)
	for i, body := range []string{"first", "second body"} {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("sdk-bucket"),
			Key: aws.String(fmt.Sprintf("k%d", i)), Body: strings.NewReader(body)})
		require.NoError(t, err)
	}

	status, got := consoleAPI[struct {
		Now       string
		Buckets   []apiBucket
		Truncated bool
	}](t, srv, "buckets")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "2026-01-01T00:00:00Z", got.Now)
	assert.False(t, got.Truncated)
	require.Len(t, got.Buckets, 3)
	byName := map[string]apiBucket{}
	for _, b := range got.Buckets {
		byName[b.Name] = b
	}
	assert.Equal(t, []string{"dst", "sdk-bucket", "src"}, []string{got.Buckets[0].Name, got.Buckets[1].Name, got.Buckets[2].Name})

	// src's totals, from the versions the store reports.
	var objects, versions int
	var size, versionsSize int64
	for _, v := range srv.ObjectVersions("src", "") {
		versions++
		versionsSize += v.Size
		if v.IsLatest && !v.IsDeleteMarker {
			objects++
			size += v.Size
		}
	}
	src := byName["src"]
	assert.Equal(t, apiBucket{Name: "src", Owner: s3fake.DefaultAccountID, Region: "us-east-1", Versioning: "Enabled",
		Objects: objects, Versions: versions, Size: size, VersionsSize: versionsSize}, src)
	assert.Greater(t, versions, objects, "the fixture has old versions and a delete marker")

	policy, _ := srv.BucketPolicy("dst")
	assert.Equal(t, policy, byName["dst"].Policy)
	assert.Equal(t, "Unversioned", byName["dst"].Versioning)
	sdk := byName["sdk-bucket"]
	assert.Equal(t, 2, sdk.Objects)
	assert.Equal(t, int64(len("first")+len("second body")), sdk.Size)

	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	_, again := consoleAPI[struct{ Buckets []apiBucket }](t, srv, "buckets")
	assert.Equal(t, 1, again.Buckets[2].Configs)

	// Paging: 100 a page, then after= the last name.
	for i := range 105 {
		require.NoError(t, srv.CreateBucket(fmt.Sprintf("many-%03d", i)))
	}
	_, page := consoleAPI[struct {
		Buckets   []apiBucket
		Truncated bool
	}](t, srv, "buckets")
	require.Len(t, page.Buckets, 100)
	assert.True(t, page.Truncated)
	_, rest := consoleAPI[struct {
		Buckets   []apiBucket
		Truncated bool
	}](t, srv, "buckets?after="+page.Buckets[99].Name)
	assert.Len(t, rest.Buckets, 108-100)
	assert.False(t, rest.Truncated)
}

// TestConsoleObjects: current objects or every version, under a prefix,
// in pages that a walk puts back together; the page size is capped.
func TestConsoleObjects(t *testing.T) {
	srv := reportWorld(t, s3fake.WithConsole())

	status, cur := consoleAPI[apiObjects](t, srv, "objects?bucket=src")
	require.Equal(t, http.StatusOK, status)
	var want []string
	for _, v := range srv.ObjectVersions("src", "") {
		if v.IsLatest && !v.IsDeleteMarker {
			want = append(want, v.Key)
		}
	}
	assert.Equal(t, want, entryKeys(cur.Entries))
	assert.Equal(t, "Enabled", cur.Versioning)

	_, logs := consoleAPI[apiObjects](t, srv, "objects?bucket=src&prefix=logs/")
	require.Len(t, logs.Entries, 1)
	assert.Equal(t, "logs/a+b=c.log", logs.Entries[0].Key)
	assert.Equal(t, int64(2), logs.Entries[0].Size)

	// Every version, two at a time.
	all := srv.ObjectVersions("src", "")
	var walked []apiEntry
	after, afterVersion := "", ""
	for range 20 {
		_, page := consoleAPI[apiObjects](t, srv, "objects?"+url.Values{"bucket": {"src"}, "versions": {"1"}, "limit": {"2"},
			"after": {after}, "afterVersion": {afterVersion}}.Encode())
		assert.LessOrEqual(t, len(page.Entries), 2)
		walked = append(walked, page.Entries...)
		if !page.Truncated {
			break
		}
		after, afterVersion = page.NextAfter, page.NextAfterVersion
	}
	require.Len(t, walked, len(all))
	for i, v := range all {
		assert.Equal(t, v.Key, walked[i].Key)
		assert.Equal(t, v.VersionID, walked[i].VersionID)
		assert.Equal(t, v.IsDeleteMarker, walked[i].DeleteMarker)
		assert.Equal(t, v.IsLatest, walked[i].IsLatest)
	}

	// The cap: 600 keys, limit=100000 gives 500.
	require.NoError(t, srv.CreateBucket("big"))
	for i := range 600 {
		_, err := srv.PutObject("big", fmt.Sprintf("k%04d", i), nil, s3fake.SizeOnly(1))
		require.NoError(t, err)
	}
	_, big := consoleAPI[apiObjects](t, srv, "objects?bucket=big&limit=100000")
	assert.Len(t, big.Entries, 500)
	assert.True(t, big.Truncated)
	assert.Equal(t, "k0499", big.NextAfter)
	_, def := consoleAPI[apiObjects](t, srv, "objects?bucket=big")
	assert.Len(t, def.Entries, 100, "the default page")

	status, e := consoleAPI[map[string]string](t, srv, "objects?bucket=nope")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, e["error"], "no bucket")
	status, _ = consoleAPI[map[string]string](t, srv, "objects?bucket=big&limit=-1")
	assert.Equal(t, http.StatusBadRequest, status)
}

func entryKeys(es []apiEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Key)
	}
	return out
}

// TestConsoleObjectInfoAndDownload: an object written through the SDK
// with metadata and tags; its facts; its bytes, and an older version's,
// always as an attachment of type application/octet-stream.
func TestConsoleObjectInfoAndDownload(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithConsole())
	ctx, c := context.Background(), srv.Client()
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("web")})
	require.NoError(t, err)
	_, err = c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("web"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	require.NoError(t, err)
	key := "pages/<script>alert(1)</script>.html"
	put := func(body string) string {
		out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("web"), Key: aws.String(key),
			Body: strings.NewReader(body), ContentType: aws.String("text/html"),
			Metadata: map[string]string{"team": "web"}, Tagging: aws.String("env=dev"),
			ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c})
		require.NoError(t, err)
		return aws.ToString(out.VersionId)
	}
	v1 := put("<h1>one</h1>")
	v2 := put("<script>alert(document.domain)</script>")

	q := url.Values{"bucket": {"web"}, "key": {key}}
	status, info := consoleAPI[struct {
		Key, VersionID, ETag string
		Size                 int64
		Headers, Tags        map[string]string
		Facts                [][2]string
	}](t, srv, "object-info?"+q.Encode())
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, key, info.Key)
	assert.Equal(t, v2, info.VersionID)
	assert.Equal(t, "text/html", info.Headers["Content-Type"])
	assert.Equal(t, "web", info.Headers["X-Amz-Meta-Team"])
	assert.Equal(t, map[string]string{"env": "dev"}, info.Tags)
	facts := map[string]string{}
	for _, f := range info.Facts {
		facts[f[0]] = f[1]
	}
	assert.Equal(t, "CRC32C", facts["Checksum algorithm"])
	assert.Equal(t, "STANDARD", facts["Storage class"])
	assert.Equal(t, s3fake.DefaultAccountID, facts["Owner account"])

	download := func(versionID string) (*http.Response, []byte) {
		q := url.Values{"bucket": {"web"}, "key": {key}}
		if versionID != "" {
			q.Set("versionId", versionID)
		}
		return consoleGet(t, srv, "/_s3fake/api/object?"+q.Encode(), nil)
	}
	resp, body := download("")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "<script>alert(document.domain)</script>", string(body))
	assert.Equal(t, "application/octet-stream", resp.Header.Get("Content-Type"), "never the stored text/html")
	assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
	assert.Equal(t, `attachment; filename="script>.html"`, resp.Header.Get("Content-Disposition"), "the key's last segment, quoted")
	resp, body = download(v1)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "<h1>one</h1>", string(body))

	// A delete marker has no content; a missing key is 404.
	del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("web"), Key: aws.String(key)})
	require.NoError(t, err)
	resp, _ = download("")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	resp, _ = download(aws.ToString(del.VersionId))
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	status, dm := consoleAPI[map[string]any](t, srv, "object-info?"+q.Encode())
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, true, dm["deleteMarker"])
	status, _ = consoleAPI[map[string]any](t, srv, "object-info?bucket=web&key=missing")
	assert.Equal(t, http.StatusNotFound, status)
}

// TestConsoleConfigsRunsAndReports: configurations put through the SDK
// and the direct API, summarised and as XML that decodes back to them;
// runs made through the admin API; each report's rows, in CSV, Parquet
// and ORC, are the rows Server.Report reads.
func TestConsoleConfigsRunsAndReports(t *testing.T) {
	srv := reportWorld(t, s3fake.WithConsole())
	ctx := context.Background()
	_, err := srv.Client().PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("src"), Id: aws.String("a-sdk"), InventoryConfiguration: validConfig("a-sdk")})
	require.NoError(t, err)
	for _, f := range []inventory.Format{inventory.FormatCSV, inventory.FormatParquet, inventory.FormatORC} {
		require.NoError(t, srv.PutInventoryConfiguration("src", allFieldsConfig("all-"+strings.ToLower(string(f)), f)))
	}
	off := fixtures.Minimal("off", "dst")
	off.IsEnabled = false
	require.NoError(t, srv.PutInventoryConfiguration("src", off))

	status, got := consoleAPI[struct {
		Configs []apiConfig
		Total   int
	}](t, srv, "configs?bucket=src")
	require.Equal(t, http.StatusOK, status)
	require.Len(t, got.Configs, 5)
	assert.Equal(t, 5, got.Total)
	for _, c := range got.Configs {
		stored, ok := srv.InventoryConfiguration("src", c.ID)
		require.True(t, ok, c.ID)
		decoded, err := xmlcodec.DecodeInventoryConfiguration([]byte(c.XML))
		require.NoError(t, err, c.XML)
		assert.Equal(t, stored, decoded, "the XML is the stored configuration")
		assert.Equal(t, string(stored.Destination.Format), c.Format)
		assert.Equal(t, "dst", c.Destination)
		assert.Empty(t, c.Runs)
	}
	csv := got.Configs[1]
	assert.Equal(t, "all-csv", csv.ID)
	assert.Equal(t, "Daily", csv.Frequency)
	assert.Equal(t, "inv", csv.DestinationPrefix)
	assert.Equal(t, "2026-01-02T00:00:00Z", csv.NextDue)
	assert.Equal(t, []string{"Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size"}, csv.Columns[:6])
	assert.Empty(t, got.Configs[4].NextDue, "a disabled configuration is never due")

	for _, id := range []string{"all-csv", "all-parquet", "all-orc"} {
		t.Run(id, func(t *testing.T) {
			status, run := adminJSON[inventory.Run](t, srv, http.MethodPost, "/_s3fake/inventory/run?bucket=src&id="+id)
			require.Equal(t, http.StatusOK, status)
			require.True(t, run.Delivered, run.Reason)
			_, cfgs := consoleAPI[struct{ Configs []apiConfig }](t, srv, "configs?bucket=src&id="+id)
			require.Len(t, cfgs.Configs, 1)
			require.Len(t, cfgs.Configs[0].Runs, 1)
			assert.Equal(t, apiRun{0, run}, cfgs.Configs[0].Runs[0])

			m, recs, err := srv.Report(run)
			require.NoError(t, err)
			status, rep := consoleAPI[apiReport](t, srv, "report?bucket=src&id="+id+"&run=0")
			require.Equal(t, http.StatusOK, status)
			assert.Equal(t, m.FileFormat, rep.Format)
			assert.Equal(t, m.Columns(), rep.Columns)
			require.Equal(t, len(recs), rep.Total)
			require.Len(t, rep.Rows, len(recs))
			keyCol := 1
			for i, rec := range recs {
				assert.Equal(t, "src", rep.Rows[i][0])
				assert.Equal(t, rec.Key, rep.Rows[i][keyCol], "keys are decoded")
				assert.Len(t, rep.Rows[i], len(rep.Columns))
			}
			// The same cells in every format: compare with the CSV run.
			if id != "all-csv" {
				_, csvRep := consoleAPI[apiReport](t, srv, "report?bucket=src&id=all-csv&run=0")
				assert.Equal(t, csvRep.Rows, rep.Rows, "%s rows read like CSV ones", m.FileFormat)
			}
			// Paging.
			_, part := consoleAPI[apiReport](t, srv, "report?bucket=src&id="+id+"&run=0&offset=2&limit=3")
			assert.Equal(t, rep.Rows[2:5], part.Rows)
			assert.Equal(t, 2, part.Offset)
		})
	}

	// A refused run shows its reason, and has no report.
	status, run := adminJSON[inventory.Run](t, srv, http.MethodPost, "/_s3fake/inventory/run?bucket=src&id=off")
	require.Equal(t, http.StatusOK, status)
	require.False(t, run.Delivered)
	_, offCfg := consoleAPI[struct{ Configs []apiConfig }](t, srv, "configs?bucket=src&id=off")
	assert.Equal(t, run.Reason, offCfg.Configs[0].Runs[0].Reason)
	status, e := consoleAPI[map[string]string](t, srv, "report?bucket=src&id=off&run=0")
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, e["error"], "delivered nothing")
	status, _ = consoleAPI[map[string]string](t, srv, "report?bucket=src&id=all-csv&run=7")
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = consoleAPI[map[string]string](t, srv, "configs?bucket=nope")
	assert.Equal(t, http.StatusNotFound, status)

	// The report files download like any object.
	csvRun := srv.Runs("src", "all-csv")[0]
	resp, body := consoleGet(t, srv, "/_s3fake/api/object?"+url.Values{"bucket": {"dst"}, "key": {csvRun.ManifestKey}}.Encode(), nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var manifest report.Manifest
	require.NoError(t, json.NewDecoder(bytes.NewReader(body)).Decode(&manifest))
	assert.Equal(t, "src", manifest.SourceBucket)
}

// TestConsoleRunHistoryIsBounded: a configuration's latest 50 runs,
// newest first, with the whole count.
func TestConsoleRunHistoryIsBounded(t *testing.T) {
	srv := reportWorld(t, s3fake.WithConsole())
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	srv.Advance(60 * 24 * 3600e9) // 60 days: 60 scheduled runs
	_, got := consoleAPI[struct{ Configs []apiConfig }](t, srv, "configs?bucket=src")
	require.Len(t, got.Configs, 1)
	c := got.Configs[0]
	assert.Equal(t, 60, c.RunCount)
	require.Len(t, c.Runs, 50)
	assert.Equal(t, 59, c.Runs[0].Index)
	assert.Equal(t, 10, c.Runs[49].Index)
	assert.True(t, c.Runs[0].At.After(c.Runs[1].At))
}
