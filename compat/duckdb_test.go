package compat

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
	"github.com/s3fake/s3fake/s3fake"
)

// An independent reader in CI: DuckDB (npm @duckdb/node-api, through
// testdata/duckdb_read.mjs) reads s3fake's CSV.gz and Parquet data files
// with the column types of the Athena DDL AWS publishes for S3 Inventory
// (docs/inventory-report.md §6), and every row it reads agrees with
// the source bucket, field for field.

// athenaColumn is one report column as the test knows it, written out here
// rather than taken from package inventory: its fileSchema (CSV) name, its
// Athena / Parquet name, and the DuckDB type each format is read with.
type athenaColumn struct {
	csvName string
	name    string
	kind    string // "string", "bool", "int" or "time": what DuckDB must find in the Parquet file
	// csvType is the type read_csv is told. Athena's OpenCSVSerde DDL
	// declares size, last_modified_date and the lock date as string; the
	// test casts them, as a consumer of the table would: size BIGINT, dates
	// TIMESTAMP parsed from "2006-01-02T15:04:05.000Z".
	csvType string
	// parquetType is the type of Athena's Parquet (and ORC) DDL: note its
	// object_lock_retain_until_date bigint, the epoch milliseconds of the
	// file's TIMESTAMP_MILLIS column.
	parquetType string
}

// athenaColumns are the report columns in S3's order (docs/inventory-report.md
// §2.3): Bucket and Key, the three version columns of All reports, then
// the 19 optional fields. Athena's DDL stops at object_owner; the types of
// the two event-hold columns and the two later dates follow §4.
var athenaColumns = []athenaColumn{
	{"Bucket", "bucket", "string", "VARCHAR", "VARCHAR"},
	{"Key", "key", "string", "VARCHAR", "VARCHAR"},
	{"VersionId", "version_id", "string", "VARCHAR", "VARCHAR"},
	{"IsLatest", "is_latest", "bool", "BOOLEAN", "BOOLEAN"},
	{"IsDeleteMarker", "is_delete_marker", "bool", "BOOLEAN", "BOOLEAN"},
	{"Size", "size", "int", "BIGINT", "BIGINT"},
	{"LastModifiedDate", "last_modified_date", "time", "TIMESTAMP", "TIMESTAMP"},
	{"ETag", "e_tag", "string", "VARCHAR", "VARCHAR"},
	{"StorageClass", "storage_class", "string", "VARCHAR", "VARCHAR"},
	{"IsMultipartUploaded", "is_multipart_uploaded", "bool", "BOOLEAN", "BOOLEAN"},
	{"ReplicationStatus", "replication_status", "string", "VARCHAR", "VARCHAR"},
	{"EncryptionStatus", "encryption_status", "string", "VARCHAR", "VARCHAR"},
	{"ObjectLockRetainUntilDate", "object_lock_retain_until_date", "time", "TIMESTAMP", "BIGINT"},
	{"ObjectLockMode", "object_lock_mode", "string", "VARCHAR", "VARCHAR"},
	{"ObjectLockLegalHoldStatus", "object_lock_legal_hold_status", "string", "VARCHAR", "VARCHAR"},
	{"ObjectLockEventHoldStatus", "object_lock_event_hold_status", "string", "VARCHAR", "VARCHAR"},
	{"ObjectLockEventHoldDuration", "object_lock_event_hold_duration", "string", "VARCHAR", "VARCHAR"},
	{"IntelligentTieringAccessTier", "intelligent_tiering_access_tier", "string", "VARCHAR", "VARCHAR"},
	{"BucketKeyStatus", "bucket_key_status", "string", "VARCHAR", "VARCHAR"},
	{"ChecksumAlgorithm", "checksum_algorithm", "string", "VARCHAR", "VARCHAR"},
	{"ObjectAccessControlList", "object_access_control_list", "string", "VARCHAR", "VARCHAR"},
	{"ObjectOwner", "object_owner", "string", "VARCHAR", "VARCHAR"},
	{"LifecycleExpirationDate", "lifecycle_expiration_date", "time", "TIMESTAMP", "TIMESTAMP"},
	{"IntelligentTieringReferenceDate", "intelligent_tiering_reference_date", "time", "TIMESTAMP", "TIMESTAMP"},
}

// reportColumns are the columns of a report with every optional field:
// all of athenaColumns, without the version columns for Current.
func reportColumns(versions inventory.IncludedVersions) []athenaColumn {
	if versions == inventory.AllVersions {
		return athenaColumns
	}
	return append(append([]athenaColumn(nil), athenaColumns[:2]...), athenaColumns[5:]...)
}

// duckColumn is a column as DuckDB reports it.
type duckColumn struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// duckResult is what testdata/duckdb_read.mjs prints.
type duckResult struct {
	Missing        string       `json:"missing"`
	Version        string       `json:"version"`
	Columns        []duckColumn `json:"columns"`
	ParquetColumns []duckColumn `json:"parquetColumns"`
	Rows           [][]any      `json:"rows"`
}

// duckdbSeed is the source bucket: every kind of key and version the
// reports must carry, with facts in every column.
func duckdbSeed(t *testing.T, srv *s3fake.Server) {
	t.Helper()
	srv.CreateAccount(fixtures.Other)
	srv.CreateBucket("src") // versioning enabled below, after a null version
	srv.CreateBucket("dst")
	srv.PutBucketPolicy("dst", fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID))

	now := s3fake.DefaultStartTime.Add(-30 * 24 * time.Hour)
	tick := func() { now = now.Add(37*time.Minute + 11*time.Second); srv.SetTime(now) }
	put := func(key string, body []byte, f s3fake.ObjectFacts, opts ...s3fake.ObjectOption) {
		tick()
		srv.PutObject("src", key, body, append([]s3fake.ObjectOption{s3fake.WithFacts(f)}, opts...)...)
	}
	del := func(key string) { tick(); srv.DeleteObject("src", key) }
	kms := "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	retain := time.Date(2031, 3, 14, 15, 9, 26, 0, time.UTC)

	put("legacy/null-version.txt", []byte("written before versioning"), s3fake.ObjectFacts{})
	srv.SetVersioning("src", "Enabled")

	put("backups/db.tar", nil, s3fake.ObjectFacts{PartCount: 3, ChecksumAlgorithm: "CRC32C"}, s3fake.SizeOnly(15<<20+7))
	put("docs/report.txt", []byte("hello world\n"), s3fake.ObjectFacts{})
	del("docs/report.txt")
	put("deleted/twice.txt", []byte("one"), s3fake.ObjectFacts{})
	del("deleted/twice.txt")
	put("deleted/twice.txt", []byte("two"), s3fake.ObjectFacts{StorageClass: "ONEZONE_IA"})
	del("deleted/twice.txt")
	put("photos/summer trip/café.jpg", []byte("jpeg"), s3fake.ObjectFacts{StorageClass: "STANDARD_IA", ChecksumAlgorithm: "SHA256"})
	for i := range 3 {
		put("logs/a+b=c.log", []byte("v"+strconv.Itoa(i)), s3fake.ObjectFacts{ChecksumAlgorithm: "CRC32"})
	}
	put(`odd/100% "quoted", commas, & more.txt`, []byte("odd"), s3fake.ObjectFacts{})
	put("odd/ leading and trailing ", []byte("spaces"), s3fake.ObjectFacts{})
	put("odd/a//b/~tilde's #hash?q=1;x@y$z!*()[]{}|^`<>", []byte("punct"), s3fake.ObjectFacts{})
	put("odd/tab\there\nnewline", []byte("ctl"), s3fake.ObjectFacts{})
	put("unicode/日本語/ファイル 🎉.txt", []byte("uni"), s3fake.ObjectFacts{StorageClass: "GLACIER_IR"})
	put("kms/bucket-key.bin", []byte("kms"), s3fake.ObjectFacts{Encryption: "SSE-KMS", KMSKeyID: kms, BucketKeyEnabled: true, ReplicationStatus: "COMPLETED"})
	put("kms/no-bucket-key.bin", []byte("kms2"), s3fake.ObjectFacts{Encryption: "SSE-KMS", KMSKeyID: kms, ChecksumAlgorithm: "SHA1"})
	put("kms/dsse.bin", []byte("dsse"), s3fake.ObjectFacts{Encryption: "DSSE-KMS", KMSKeyID: kms})
	put("enc/sse-c.bin", []byte("ssec"), s3fake.ObjectFacts{Encryption: "SSE-C"})
	put("enc/not-sse.bin", []byte("plain"), s3fake.ObjectFacts{Encryption: "NOT-SSE", OwnerAccount: fixtures.Other})
	put("locked/compliance.pdf", []byte("pdf1"), s3fake.ObjectFacts{LockMode: "COMPLIANCE", LockRetainUntil: retain, LegalHold: "ON", ReplicationStatus: "PENDING"})
	put("locked/governance.pdf", []byte("pdf2"), s3fake.ObjectFacts{LockMode: "GOVERNANCE", LockRetainUntil: retain.Add(-400 * 24 * time.Hour), LegalHold: "OFF", ReplicationStatus: "REPLICA"})
	put("locked/hold-only.pdf", []byte("pdf3"), s3fake.ObjectFacts{LegalHold: "ON", ReplicationStatus: "FAILED"})
	put("tiering/archive.dat", []byte("tier"), s3fake.ObjectFacts{StorageClass: "INTELLIGENT_TIERING", AccessTier: "ARCHIVE_INSTANT_ACCESS", ChecksumAlgorithm: "CRC64NVME"})
	put("tiering/frequent.dat", []byte("tier2"), s3fake.ObjectFacts{StorageClass: "INTELLIGENT_TIERING"})
	put("glacier/deep.tar", []byte("deep"), s3fake.ObjectFacts{StorageClass: "DEEP_ARCHIVE"})
	put("glacier/flexible.tar", []byte("flex"), s3fake.ObjectFacts{StorageClass: "GLACIER", PartCount: 2})
	put("empty/folder/", nil, s3fake.ObjectFacts{})
	srv.SetTime(s3fake.DefaultStartTime)
}

// TestDuckDBReadsReports runs CSV and Parquet reports of every optional
// field, for All and Current versions, split into several data files, and
// has DuckDB read every data file.
func TestDuckDBReadsReports(t *testing.T) {
	node := duckdbNode(t)
	srv := s3fake.Start(t, s3fake.WithMaxRowsPerFile(16))
	duckdbSeed(t, srv)
	source := srv.ObjectVersions("src", "")
	require.Equal(t, 30, len(source), "versions and delete markers seeded")

	type report struct {
		id       string
		format   inventory.Format
		versions inventory.IncludedVersions
	}
	reports := []report{
		{"csv-all", inventory.FormatCSV, inventory.AllVersions},
		{"csv-current", inventory.FormatCSV, inventory.CurrentVersions},
		{"parquet-all", inventory.FormatParquet, inventory.AllVersions},
		{"parquet-current", inventory.FormatParquet, inventory.CurrentVersions},
	}
	runs := map[string]inventory.Run{}
	for _, r := range reports {
		cfg := fixtures.Minimal(r.id, "dst")
		cfg.Destination.Format = r.format
		cfg.IncludedObjectVersions = r.versions
		prefix := "inv"
		cfg.Destination.Prefix = &prefix
		cfg.OptionalFields = inventory.DialectAWS.OptionalFields()
		require.Len(t, cfg.OptionalFields, 19)
		srv.PutInventoryConfiguration("src", cfg)
		run, err := srv.RunInventory("src", r.id)
		require.NoError(t, err)
		require.True(t, run.Delivered, run.Reason)
		runs[r.id] = run
	}

	for _, r := range reports {
		t.Run(r.id, func(t *testing.T) {
			t.Parallel()
			cols := reportColumns(r.versions)
			var want []inventory.ObjectVersion
			for _, v := range source {
				if r.versions == inventory.AllVersions || v.IsLatest && !v.IsDeleteMarker {
					want = append(want, v)
				}
			}
			files := fetchReport(t, srv, runs[r.id], r.format, cols)
			require.Greater(t, len(files), 1, "WithMaxRowsPerFile(16) splits the report")
			var rows []map[string]any
			for _, f := range files {
				res := duckdbRead(t, node, f, r.format, cols)
				rows = append(rows, checkDuckResult(t, res, r.format, cols)...)
			}
			compareRows(t, r.format, cols, want, rows)
		})
	}
}

// duckdbNode returns node, once testdata/duckdb_read.mjs has shown that
// it finds @duckdb/node-api; otherwise the test is unavailable.
func duckdbNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable(t, "node is not on PATH (needed for @duckdb/node-api): %v", err)
	}
	res := runDuckDBScript(t, node, "--version")
	if res.Missing != "" {
		unavailable(t, "%s; .ci/install-clients.sh installs it (npm ci in compat/)", res.Missing)
	}
	t.Logf("reader: @duckdb/node-api %s", res.Version)
	return node
}

// runDuckDBScript runs testdata/duckdb_read.mjs with args and decodes what
// it prints.
func runDuckDBScript(t *testing.T, node string, args ...string) duckResult {
	t.Helper()
	script := filepath.Join(compatDir(t), "testdata", "duckdb_read.mjs")
	stdout, stderr, err := run(t, os.Environ(), node, append([]string{script}, args...)...)
	if err != nil {
		t.Fatalf("node duckdb_read.mjs %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args[:min(2, len(args))], " "), err, stdout, stderr)
	}
	var res duckResult
	if err := json.Unmarshal(stdout, &res); err != nil {
		t.Fatalf("duckdb_read.mjs printed no result: %v\nstdout:\n%s\nstderr:\n%s", err, stdout, stderr)
	}
	return res
}

// fetchReport reads the manifest of a delivered run through the SDK, checks its format
// and schema, fetches every data file it lists, checks size and MD5, and
// writes them to a temporary directory. It returns their paths, in the
// manifest's order.
func fetchReport(t *testing.T, srv *s3fake.Server, delivered inventory.Run, format inventory.Format, cols []athenaColumn) []string {
	t.Helper()
	var m struct {
		FileFormat string `json:"fileFormat"`
		FileSchema string `json:"fileSchema"`
		Files      []struct {
			Key         string `json:"key"`
			Size        int64  `json:"size"`
			MD5Checksum string `json:"MD5checksum"`
		} `json:"files"`
	}
	require.NoError(t, json.Unmarshal(sdkGet(t, srv, delivered.DestinationBucket, delivered.ManifestKey), &m))
	require.Equal(t, string(format), m.FileFormat)
	if format == inventory.FormatCSV {
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.csvName
		}
		require.Equal(t, strings.Join(names, ", "), m.FileSchema, "fileSchema names the columns DuckDB is told")
	}
	dir := t.TempDir()
	var paths []string
	for _, f := range m.Files {
		data := sdkGet(t, srv, delivered.DestinationBucket, f.Key)
		sum := md5.Sum(data)
		require.Equal(t, f.Size, int64(len(data)), f.Key)
		require.Equal(t, f.MD5Checksum, hex.EncodeToString(sum[:]), f.Key)
		p := filepath.Join(dir, path.Base(f.Key))
		require.NoError(t, os.WriteFile(p, data, 0o600))
		paths = append(paths, p)
	}
	return paths
}

// sdkGet reads bucket/key through the aws-sdk-go-v2 client.
func sdkGet(t *testing.T, srv *s3fake.Server, bucket, key string) []byte {
	t.Helper()
	out, err := srv.Client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	require.NoError(t, err, key)
	defer out.Body.Close()
	data, err := io.ReadAll(out.Body)
	require.NoError(t, err, key)
	return data
}

// duckdbRead runs testdata/duckdb_read.mjs on one data file.
func duckdbRead(t *testing.T, node, file string, format inventory.Format, cols []athenaColumn) duckResult {
	t.Helper()
	decl := make([]duckColumn, len(cols))
	for i, c := range cols {
		decl[i] = duckColumn{c.name, c.csvType}
		if format == inventory.FormatParquet {
			decl[i].Type = c.parquetType
		}
	}
	declJSON, err := json.Marshal(decl)
	require.NoError(t, err)
	res := runDuckDBScript(t, node, file, string(format), string(declJSON))
	require.Empty(t, res.Missing)
	t.Logf("DuckDB read %s: %d rows", filepath.Base(file), len(res.Rows))
	return res
}

// checkDuckResult checks the column names and types DuckDB gives and
// returns the rows as maps from column name to typed value: string, bool,
// int64, time.Time, or nil for NULL.
func checkDuckResult(t *testing.T, res duckResult, format inventory.Format, cols []athenaColumn) []map[string]any {
	t.Helper()
	wantCols := make([]duckColumn, len(cols))
	for i, c := range cols {
		wantCols[i] = duckColumn{c.name, c.csvType}
		if format == inventory.FormatParquet {
			wantCols[i].Type = c.parquetType
		}
	}
	require.Equal(t, wantCols, res.Columns, "the columns of Athena's DDL")
	if format == inventory.FormatParquet {
		// read_parquet takes names and types from the file: the types
		// Athena's ParquetHiveSerDe needs (string, boolean, bigint,
		// timestamp), in S3's column order.
		require.Len(t, res.ParquetColumns, len(cols))
		for i, c := range cols {
			got := res.ParquetColumns[i]
			want := map[string][]string{
				"string": {"VARCHAR"},
				"bool":   {"BOOLEAN"},
				"int":    {"BIGINT"},
				"time":   {"TIMESTAMP WITH TIME ZONE", "TIMESTAMP"},
			}[c.kind]
			assert.Equal(t, c.name, got.Name, "Parquet column %d", i)
			assert.Contains(t, want, got.Type, "Parquet type of %s", c.name)
		}
	}
	out := make([]map[string]any, len(res.Rows))
	for r, raw := range res.Rows {
		require.Len(t, raw, len(cols), "row %d", r)
		row := map[string]any{}
		for i, c := range res.Columns {
			row[c.Name] = duckValue(t, c, raw[i])
		}
		out[r] = row
	}
	return out
}

// duckValue decodes one value of duckdb_read.mjs's output.
func duckValue(t *testing.T, c duckColumn, v any) any {
	t.Helper()
	if v == nil {
		return nil
	}
	switch c.Type {
	case "VARCHAR":
		s, ok := v.(string)
		require.True(t, ok, "%s: %#v", c.Name, v)
		return s
	case "BOOLEAN":
		b, ok := v.(bool)
		require.True(t, ok, "%s: %#v", c.Name, v)
		return b
	case "BIGINT", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE":
		s, ok := v.(string)
		require.True(t, ok, "%s: %#v", c.Name, v)
		n, err := strconv.ParseInt(s, 10, 64)
		require.NoError(t, err, c.Name)
		if c.Type == "BIGINT" {
			return n
		}
		return time.UnixMicro(n).UTC()
	}
	t.Fatalf("%s: unexpected DuckDB type %s", c.Name, c.Type)
	return nil
}

// csvKeyEncoding is what a CSV key may hold: RFC 3986 unreserved
// characters, "/" and %XX escapes with upper-case hex (§3.2).
var csvKeyEncoding = regexp.MustCompile(`^(?:[A-Za-z0-9\-_.~/]|%[0-9A-F]{2})*$`)

// compareRows checks that DuckDB read exactly the versions of want, each
// field for field.
func compareRows(t *testing.T, format inventory.Format, cols []athenaColumn, want []inventory.ObjectVersion, rows []map[string]any) {
	t.Helper()
	hasVersions := cols[2].name == "version_id"
	identity := func(key string, versionID any) string { return fmt.Sprintf("%q %v", key, versionID) }
	got := map[string]map[string]any{}
	for i, row := range rows {
		key, ok := row["key"].(string)
		require.True(t, ok, "row %d has no key: %v", i, row)
		if format == inventory.FormatCSV {
			assert.Regexp(t, csvKeyEncoding, key, "CSV keys are URL-encoded")
			key, err := report.DecodeKey(key)
			require.NoError(t, err)
			row["key"] = key
		}
		id := identity(row["key"].(string), row["version_id"])
		require.NotContains(t, got, id, "row %d read twice", i)
		got[id] = row
	}
	require.Len(t, rows, len(want), "DuckDB reads as many rows as the source has versions")
	for _, v := range want {
		var vid any
		if hasVersions && v.VersionID != "" {
			vid = v.VersionID
		}
		row, ok := got[identity(v.Key, vid)]
		if !assert.True(t, ok, "no row for %q version %q", v.Key, v.VersionID) {
			continue
		}
		assert.Equal(t, expectedCells(format, cols, v), row, "%q version %q", v.Key, v.VersionID)
	}
}

// expectedCells is the row DuckDB must read for version v of bucket src:
// empty strings and zero times are NULL (CSV's "" and Parquet's null); a
// delete marker has only its key, version columns and LastModifiedDate.
func expectedCells(format inventory.Format, cols []athenaColumn, v inventory.ObjectVersion) map[string]any {
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	tm := func(tt time.Time, typ string) any {
		if tt.IsZero() {
			return nil
		}
		if typ == "BIGINT" {
			return tt.UnixMilli()
		}
		return tt.UTC()
	}
	all := map[string]func(typ string) any{
		"bucket":                             func(string) any { return "src" },
		"key":                                func(string) any { return v.Key },
		"version_id":                         func(string) any { return str(v.VersionID) },
		"is_latest":                          func(string) any { return v.IsLatest },
		"is_delete_marker":                   func(string) any { return v.IsDeleteMarker },
		"last_modified_date":                 func(typ string) any { return tm(v.LastModified, typ) },
		"size":                               func(string) any { return v.Size },
		"e_tag":                              func(string) any { return str(v.ETag) },
		"storage_class":                      func(string) any { return str(v.StorageClass) },
		"is_multipart_uploaded":              func(string) any { return v.IsMultipartUploaded },
		"replication_status":                 func(string) any { return str(v.ReplicationStatus) },
		"encryption_status":                  func(string) any { return str(v.Encryption) },
		"object_lock_retain_until_date":      func(typ string) any { return tm(v.LockRetainUntil, typ) },
		"object_lock_mode":                   func(string) any { return str(v.LockMode) },
		"object_lock_legal_hold_status":      func(string) any { return str(v.LegalHold) },
		"object_lock_event_hold_status":      func(string) any { return str(v.ObjectLockEventHoldStatus) },
		"object_lock_event_hold_duration":    func(string) any { return str(v.ObjectLockEventHoldDuration) },
		"intelligent_tiering_access_tier":    func(string) any { return str(v.AccessTier) },
		"bucket_key_status":                  func(string) any { return str(v.BucketKeyStatus()) },
		"checksum_algorithm":                 func(string) any { return str(v.ChecksumAlgorithm) },
		"object_access_control_list":         func(string) any { return str(v.ObjectACL) },
		"object_owner":                       func(string) any { return str(v.OwnerID) },
		"lifecycle_expiration_date":          func(typ string) any { return tm(v.LifecycleExpiration, typ) },
		"intelligent_tiering_reference_date": func(typ string) any { return tm(v.IntelligentTieringReferenceDate, typ) },
	}
	out := map[string]any{}
	for i, c := range cols {
		typ := c.csvType
		if format == inventory.FormatParquet {
			typ = c.parquetType
		}
		switch {
		case v.IsDeleteMarker && i >= 2 && c.name != "version_id" && c.name != "is_latest" &&
			c.name != "is_delete_marker" && c.name != "last_modified_date":
			out[c.name] = nil
		default:
			out[c.name] = all[c.name](typ)
		}
	}
	return out
}
