package compat

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
	"github.com/s3fake/s3fake/s3fake"
)

// Reading a delivered report: each client lists the destination bucket,
// downloads manifest.json and manifest.checksum, then every data file the
// manifest names, through its own S3 API, and hands the bytes back; the Go
// test parses and verifies them (issue 6, item 4).

// The report every client reads, and what its manifest must say. The
// schema is written out here rather than taken from package inventory: the
// optional fields are put in another order than S3's, which fileSchema
// follows (docs/inventory-report.md §2.3).
const (
	reportSource       = "src"
	reportDestination  = "dst"
	reportConfigID     = "compat-report"
	reportPrefix       = "inventory"
	reportFileSchema   = "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, StorageClass"
	reportDestARN      = "arn:aws:s3:::" + reportDestination
	reportManifestName = "manifest.json"
	reportChecksumName = "manifest.checksum"
)

// reportPlan tells a client which report to read, as JSON for the scripts.
// The client finds the data files itself, in the manifest it downloaded.
type reportPlan struct {
	Bucket      string `json:"bucket"` // the destination bucket, listed whole
	ManifestKey string `json:"manifestKey"`
	ChecksumKey string `json:"checksumKey"`
}

// download is one GetObject as the client saw it.
type download struct {
	Key           string `json:"key"`
	ContentLength int64  `json:"contentLength"` // the Content-Length the client parsed
	ETag          string `json:"etag"`          // as the client parsed it, quotes and all
	Body          []byte `json:"body"`          // the bytes the client read (base64 in JSON)
}

// reportRead is a client's account of reading the report.
type reportRead struct {
	Client  string `json:"client"`  // name and version
	Missing string `json:"missing"` // set by a script whose client is not installed
	// Listed are the keys of the destination bucket, every page of
	// ListObjectsV2, in the order listed.
	Listed []string `json:"listed"`
	// Downloads are manifest.json, manifest.checksum, then the manifest's
	// files in its order.
	Downloads []download `json:"downloads"`
}

// TestClientReports has each client read a CSV report that s3fake
// delivered, against its own server, and asserts what it read.
func TestClientReports(t *testing.T) {
	t.Parallel()
	clients := []struct {
		name string
		read func(t *testing.T, srv *s3fake.Server, p reportPlan) reportRead
	}{
		{"aws-sdk-go-v2", readReportGoSDK},
		{"aws-cli-v1", func(t *testing.T, srv *s3fake.Server, p reportPlan) reportRead { return readReportCLI(t, srv, p, 1) }},
		{"aws-cli-v2", func(t *testing.T, srv *s3fake.Server, p reportPlan) reportRead { return readReportCLI(t, srv, p, 2) }},
		{"boto3", func(t *testing.T, srv *s3fake.Server, p reportPlan) reportRead {
			var r reportRead
			runClientScript(t, srv, p, "python3", "boto3_report.py", &r)
			return r
		}},
		{"aws-sdk-js-v3", func(t *testing.T, srv *s3fake.Server, p reportPlan) reportRead {
			var r reportRead
			runClientScript(t, srv, p, "node", "sdk_js_report.mjs", &r)
			return r
		}},
	}
	for _, c := range clients {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := s3fake.Start(t, s3fake.WithWallClock())
			run := deliverReport(t, srv)
			p := reportPlan{
				Bucket:      run.DestinationBucket,
				ManifestKey: run.ManifestKey,
				ChecksumKey: strings.TrimSuffix(run.ManifestKey, reportManifestName) + reportChecksumName,
			}
			r := c.read(t, srv, p)
			if r.Missing != "" {
				unavailable(t, "%s", r.Missing)
			}
			t.Logf("client: %s", r.Client)
			checkReportRead(t, srv, run, p, r)
		})
	}
}

// deliverReport seeds the source bucket (versions, a delete marker, keys
// with a space, a unicode character and characters CSV must encode), lets
// S3 deliver to the destination bucket, puts a CSV configuration of all
// versions and runs it.
func deliverReport(t *testing.T, srv *s3fake.Server) inventory.Run {
	t.Helper()
	srv.CreateBucket(reportSource, s3fake.Versioned())
	srv.CreateBucket(reportDestination)
	srv.PutBucketPolicy(reportDestination, fixtures.DeliveryPolicy(reportDestination, reportSource, s3fake.DefaultAccountID))
	at := time.Date(2025, 11, 30, 8, 15, 42, 0, time.UTC)
	srv.PutObject(reportSource, "docs/read me.txt", []byte("hello world\n"), s3fake.At(at))
	srv.PutObject(reportSource, "photos/summer trip/café.jpg", []byte("jpeg"), s3fake.At(at.Add(time.Hour)),
		s3fake.WithFacts(s3fake.ObjectFacts{StorageClass: "STANDARD_IA"}))
	srv.PutObject(reportSource, "logs/a+b=c,d.log", []byte("v1"), s3fake.At(at.Add(2*time.Hour)))
	srv.PutObject(reportSource, "logs/a+b=c,d.log", []byte("v2, longer"), s3fake.At(at.Add(3*time.Hour)))
	srv.PutObject(reportSource, "tmp/gone.txt", []byte("soon deleted"), s3fake.At(at.Add(4*time.Hour)))
	srv.DeleteObject(reportSource, "tmp/gone.txt")

	cfg := fixtures.Minimal(reportConfigID, reportDestination)
	prefix := reportPrefix
	cfg.Destination.Prefix = &prefix
	cfg.OptionalFields = []inventory.Field{
		inventory.FieldETag, inventory.FieldStorageClass, inventory.FieldSize, inventory.FieldLastModifiedDate,
	}
	srv.PutInventoryConfiguration(reportSource, cfg)
	run, err := srv.RunInventory(reportSource, reportConfigID)
	if err != nil {
		t.Fatal(err)
	}
	if !run.Delivered {
		t.Fatalf("RunInventory delivered nothing: %s", run.Reason)
	}
	if !strings.HasPrefix(run.ManifestKey, reportPrefix+"/"+reportSource+"/"+reportConfigID+"/") ||
		!strings.HasSuffix(run.ManifestKey, "/"+reportManifestName) {
		t.Fatalf("manifest key %q is not %s/%s/%s/<date>/%s", run.ManifestKey, reportPrefix, reportSource, reportConfigID, reportManifestName)
	}
	return run
}

// checkReportRead asserts what a client read: the listing holds the
// report's keys, every download is whole, the manifest parses and says the
// right things, the checksum verifies against the manifest bytes the client
// got, every data file matches its manifest entry, and the rows are the
// source bucket's versions.
func checkReportRead(t *testing.T, srv *s3fake.Server, run inventory.Run, p reportPlan, r reportRead) {
	t.Helper()
	wantListed := slices.Sorted(slices.Values(run.Keys))
	if !slices.Equal(r.Listed, wantListed) {
		t.Errorf("ListObjectsV2 of %s: got keys %q, want the report's keys %q", p.Bucket, r.Listed, wantListed)
	}

	var keys []string
	for _, d := range r.Downloads {
		keys = append(keys, d.Key)
		if d.ContentLength != int64(len(d.Body)) {
			t.Errorf("GetObject %s: Content-Length %d, but the client read %d bytes", d.Key, d.ContentLength, len(d.Body))
		}
		sum := md5.Sum(d.Body)
		if want := `"` + hex.EncodeToString(sum[:]) + `"`; d.ETag != want {
			t.Errorf("GetObject %s: ETag %s, want the MD5 of the bytes read, %s", d.Key, d.ETag, want)
		}
	}
	if len(r.Downloads) < 3 || keys[0] != p.ManifestKey || keys[1] != p.ChecksumKey {
		t.Fatalf("the client downloaded %q; want %s, %s, then the data files", keys, p.ManifestKey, p.ChecksumKey)
	}

	manifestJSON := r.Downloads[0].Body
	m, err := report.ParseManifest(bytes.NewReader(manifestJSON))
	if err != nil {
		t.Fatalf("manifest.json as downloaded: %v\n%s", err, manifestJSON)
	}
	if m.SourceBucket != reportSource || m.DestinationBucket != reportDestARN || m.FileFormat != "CSV" || m.FileSchema != reportFileSchema {
		t.Errorf("manifest says sourceBucket %q, destinationBucket %q, fileFormat %q, fileSchema %q; want %q, %q, %q, %q",
			m.SourceBucket, m.DestinationBucket, m.FileFormat, m.FileSchema, reportSource, reportDestARN, "CSV", reportFileSchema)
	}
	if err := report.VerifyChecksum(manifestJSON, r.Downloads[1].Body); err != nil {
		t.Errorf("manifest.checksum as downloaded: %v", err)
	}

	var fileKeys []string
	for _, f := range m.Files {
		fileKeys = append(fileKeys, f.Key)
	}
	if len(fileKeys) == 0 || !slices.Equal(keys[2:], fileKeys) {
		t.Fatalf("the client downloaded data files %q; the manifest lists %q", keys[2:], fileKeys)
	}
	var rows []report.Record
	for i, f := range m.Files {
		data := r.Downloads[2+i].Body
		if err := f.VerifyFile(data); err != nil {
			t.Errorf("data file as downloaded: %v", err)
			continue
		}
		recs, err := report.ReadCSV(bytes.NewReader(data), m.Columns())
		if err != nil {
			t.Errorf("data file %s as downloaded: %v", f.Key, err)
			continue
		}
		rows = append(rows, recs...)
	}
	if t.Failed() {
		return
	}

	want := srv.ObjectVersions(reportSource, "")
	if len(want) != 6 {
		t.Fatalf("the source bucket holds %d versions and delete markers, want the 6 seeded", len(want))
	}
	if len(rows) != len(want) {
		t.Fatalf("the report has %d rows, the source bucket %d versions and delete markers", len(rows), len(want))
	}
	for i, w := range want {
		g := rows[i]
		if g.Bucket != reportSource || g.Key != w.Key || g.VersionID != w.VersionID || g.IsLatest != w.IsLatest || g.IsDeleteMarker != w.IsDeleteMarker {
			t.Errorf("row %d: bucket %q key %q version %q latest %v delete marker %v; want %q %q %q %v %v",
				i+1, g.Bucket, g.Key, g.VersionID, g.IsLatest, g.IsDeleteMarker, reportSource, w.Key, w.VersionID, w.IsLatest, w.IsDeleteMarker)
			continue
		}
		if wantAt := w.LastModified.UTC().Truncate(time.Second); !g.LastModified.Equal(wantAt) {
			t.Errorf("row %d (%s): LastModifiedDate %v, want %v", i+1, w.Key, g.LastModified, wantAt)
		}
		if w.IsDeleteMarker {
			continue
		}
		if g.Size != w.Size || g.ETag != w.ETag || g.StorageClass != w.StorageClass {
			t.Errorf("row %d (%s): size %d ETag %q storage class %q; want %d %q %q",
				i+1, w.Key, g.Size, g.ETag, g.StorageClass, w.Size, w.ETag, w.StorageClass)
		}
	}
}

// readReportGoSDK reads the report through aws-sdk-go-v2, in process.
func readReportGoSDK(t *testing.T, srv *s3fake.Server, p reportPlan) reportRead {
	t.Helper()
	ctx := t.Context()
	c := srv.Client()
	r := reportRead{Client: "aws-sdk-go-v2 service/s3 " + moduleVersion(t, "github.com/aws/aws-sdk-go-v2/service/s3") + " (in process)"}
	pages := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(p.Bucket)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("ListObjectsV2 %s: %v", p.Bucket, err)
		}
		for _, o := range page.Contents {
			r.Listed = append(r.Listed, aws.ToString(o.Key))
		}
	}
	get := func(key string) download {
		t.Helper()
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(p.Bucket), Key: aws.String(key)})
		if err != nil {
			t.Fatalf("GetObject %s: %v", key, err)
		}
		defer out.Body.Close()
		var body bytes.Buffer
		if _, err := body.ReadFrom(out.Body); err != nil {
			t.Fatalf("GetObject %s: reading the body: %v", key, err)
		}
		return download{Key: key, ContentLength: aws.ToInt64(out.ContentLength), ETag: aws.ToString(out.ETag), Body: body.Bytes()}
	}
	manifest := get(p.ManifestKey)
	r.Downloads = append(r.Downloads, manifest, get(p.ChecksumKey))
	for _, key := range manifestFileKeys(t, manifest.Body) {
		r.Downloads = append(r.Downloads, get(key))
	}
	return r
}

// readReportCLI reads the report through AWS CLI major version major:
// list-objects-v2, then one get-object per file (the CLI cannot batch):
// the manifest, its checksum, and the data files the manifest names.
func readReportCLI(t *testing.T, srv *s3fake.Server, p reportPlan, major int) reportRead {
	t.Helper()
	bin, version, err := awsCLI(t, major)
	if err != nil {
		unavailable(t, "%v", err)
	}
	env := clientEnv(t, srv)
	dir := t.TempDir()
	s3api := func(args ...string) []byte {
		t.Helper()
		full := append([]string{"--endpoint-url", srv.URL(), "--output", "json", "s3api"}, args...)
		stdout, stderr, err := run(t, env, bin, full...)
		if err != nil {
			t.Fatalf("aws s3api %s: %v\nstderr ends:\n%s", strings.Join(args, " "), err, tail(stderr, 3000))
		}
		return stdout
	}
	r := reportRead{Client: version + " (" + bin + ")"}
	var listed struct{ Contents []struct{ Key string } }
	if out := s3api("list-objects-v2", "--bucket", p.Bucket); len(bytes.TrimSpace(out)) > 0 {
		// An empty bucket prints nothing at all.
		if err := json.Unmarshal(out, &listed); err != nil {
			t.Fatalf("aws s3api list-objects-v2 printed no JSON: %v\n%s", err, out)
		}
	}
	for _, o := range listed.Contents {
		r.Listed = append(r.Listed, o.Key)
	}
	get := func(key string) download {
		t.Helper()
		outfile := filepath.Join(dir, "download")
		stdout := s3api("get-object", "--bucket", p.Bucket, "--key", key, outfile)
		var out struct {
			ContentLength int64
			ETag          string
		}
		if err := json.Unmarshal(stdout, &out); err != nil {
			t.Fatalf("aws s3api get-object %s printed no JSON: %v\n%s", key, err, stdout)
		}
		body, err := os.ReadFile(outfile)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(outfile); err != nil {
			t.Fatal(err)
		}
		return download{Key: key, ContentLength: out.ContentLength, ETag: out.ETag, Body: body}
	}
	manifest := get(p.ManifestKey)
	r.Downloads = append(r.Downloads, manifest, get(p.ChecksumKey))
	for _, key := range manifestFileKeys(t, manifest.Body) {
		r.Downloads = append(r.Downloads, get(key))
	}
	return r
}

// manifestFileKeys are the data file keys of a downloaded manifest.json,
// read the way a consumer that knows only the JSON would (the test parses
// it with package inventory later).
func manifestFileKeys(t *testing.T, manifestJSON []byte) []string {
	t.Helper()
	var m struct{ Files []struct{ Key string } }
	if err := json.Unmarshal(manifestJSON, &m); err != nil {
		t.Fatalf("manifest.json as downloaded is not JSON: %v\n%s", err, manifestJSON)
	}
	var keys []string
	for _, f := range m.Files {
		keys = append(keys, f.Key)
	}
	return keys
}
