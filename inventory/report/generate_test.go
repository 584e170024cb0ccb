package report_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
)

// workedExample is the source bucket of docs/inventory-report.md §8.
func workedExample() []inventory.ObjectVersion {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	return []inventory.ObjectVersion{
		{Key: "backups/db.tar", VersionID: "Uo3Pq8Lm2Ns6Tt9Vv1Ww4Xx7Yy0Zz.a", IsLatest: true, Size: 26214400,
			LastModified: at("2026-11-21T08:15:42Z"), ETag: "8f14e45fceea167a5a36dedd4bea2543-5",
			ObjectFacts: inventory.ObjectFacts{StorageClass: "STANDARD", Encryption: "SSE-S3"}, IsMultipartUploaded: true},
		{Key: "docs/report.txt", VersionID: "DMk3xQ9rT2vY6uW1zA4bC7dE0fG.hJ5s", IsLatest: true, IsDeleteMarker: true,
			LastModified: at("2026-11-22T17:30:00Z")},
		{Key: "docs/report.txt", VersionID: "Qp7Rs0Tu3Vw6Xy9Za2Bc5De8Fg1Hi.Jk", Size: 12,
			LastModified: at("2026-11-20T09:00:05Z"), ETag: "6f5902ac237024bdd0c176cb93063dc4",
			ObjectFacts: inventory.ObjectFacts{StorageClass: "STANDARD", Encryption: "SSE-S3"}},
		{Key: "photos/summer trip/café.jpg", VersionID: "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", IsLatest: true, Size: 52341,
			LastModified: at("2026-11-19T14:02:11Z"), ETag: "d41d8cd98f00b204e9800998ecf8427f",
			ObjectFacts: inventory.ObjectFacts{StorageClass: "STANDARD", Encryption: "SSE-S3"}},
	}
}

func workedConfig() inventory.Configuration {
	prefix := "inv"
	return inventory.Configuration{
		ID: "daily-all", IsEnabled: true, IncludedObjectVersions: inventory.AllVersions, Frequency: inventory.Daily,
		Destination: inventory.Destination{BucketARN: "arn:aws:s3:::dst-bucket", Format: inventory.FormatCSV, Prefix: &prefix},
		// Deliberately not in canonical order: the report orders columns itself.
		OptionalFields: []inventory.Field{"EncryptionStatus", "Size", "LastModifiedDate", "ETag", "StorageClass",
			"IsMultipartUploaded", "ReplicationStatus", "Size"},
	}
}

func fixedName() func() string {
	return func() string { return "0f8fad5b-d9cb-469f-a165-70867728950e" }
}

func gunzip(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	out, err := io.ReadAll(zr)
	require.NoError(t, err)
	return string(out)
}

// The worked example of docs/inventory-report.md §8: CSV lines byte for byte as
// the spec gives them, the keys, and golden manifest, checksum and symlink.
func TestWorkedExample(t *testing.T) {
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: "src-bucket", Config: workedConfig(), Versions: workedExample(),
		At: time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC), NewFileName: fixedName(),
	})
	require.NoError(t, err)
	require.Len(t, rep.DataFiles, 1)
	assert.Equal(t, "inv/src-bucket/daily-all/data/0f8fad5b-d9cb-469f-a165-70867728950e.csv.gz", rep.DataFiles[0].Key)
	assert.Equal(t, "inv/src-bucket/daily-all/2026-11-24T01-00Z/manifest.json", rep.ManifestJSON.Key)
	assert.Equal(t, "inv/src-bucket/daily-all/2026-11-24T01-00Z/manifest.checksum", rep.Checksum.Key)
	assert.Equal(t, "inv/src-bucket/daily-all/hive/dt=2026-11-24-01-00/symlink.txt", rep.Symlink.Key)

	want := `"src-bucket","backups/db.tar","Uo3Pq8Lm2Ns6Tt9Vv1Ww4Xx7Yy0Zz.a","true","false","26214400","2026-11-21T08:15:42.000Z","8f14e45fceea167a5a36dedd4bea2543-5","STANDARD","true","","SSE-S3"
"src-bucket","docs/report.txt","DMk3xQ9rT2vY6uW1zA4bC7dE0fG.hJ5s","true","true","","2026-11-22T17:30:00.000Z","","","","",""
"src-bucket","docs/report.txt","Qp7Rs0Tu3Vw6Xy9Za2Bc5De8Fg1Hi.Jk","false","false","12","2026-11-20T09:00:05.000Z","6f5902ac237024bdd0c176cb93063dc4","STANDARD","false","","SSE-S3"
"src-bucket","photos/summer%20trip/caf%C3%A9.jpg","3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY","true","false","52341","2026-11-19T14:02:11.000Z","d41d8cd98f00b204e9800998ecf8427f","STANDARD","false","","SSE-S3"
`
	assert.Equal(t, want, gunzip(t, rep.DataFiles[0].Body))
	assert.Equal(t, "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, StorageClass, IsMultipartUploaded, ReplicationStatus, EncryptionStatus",
		rep.Manifest.FileSchema)
	assert.Equal(t, "1795482000000", rep.Manifest.CreationTimestamp)
	golden.Compare(t, "worked-example-manifest.json", rep.ManifestJSON.Body)
	golden.Compare(t, "worked-example-manifest.checksum", rep.Checksum.Body)
	golden.Compare(t, "worked-example-symlink.txt", rep.Symlink.Body)

	// The manifest reads back and verifies against the stored bytes.
	m, err := report.ParseManifest(bytes.NewReader(rep.ManifestJSON.Body))
	require.NoError(t, err)
	require.NoError(t, report.VerifyChecksum(rep.ManifestJSON.Body, rep.Checksum.Body))
	require.NoError(t, m.Files[0].VerifyFile(rep.DataFiles[0].Body))
	assert.Equal(t, rep.Files()[len(rep.Files())-1].Key, rep.Checksum.Key, "manifest.checksum is delivered last")
}

// With Current, the version columns go and the deleted key disappears.
func TestWorkedExampleCurrent(t *testing.T) {
	cfg := workedConfig()
	cfg.IncludedObjectVersions = inventory.CurrentVersions
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: "src-bucket", Config: cfg, Versions: workedExample(),
		At: time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC), NewFileName: fixedName(),
	})
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(gunzip(t, rep.DataFiles[0].Body), "\n"), "\n")
	require.Len(t, lines, 2)
	assert.True(t, strings.HasPrefix(lines[0], `"src-bucket","backups/db.tar","26214400",`))
	assert.Equal(t, "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass, IsMultipartUploaded, ReplicationStatus, EncryptionStatus", rep.Manifest.FileSchema)
}

func TestSplitIntoSeveralFiles(t *testing.T) {
	var versions []inventory.ObjectVersion
	for i := 0; i < 25; i++ {
		versions = append(versions, inventory.ObjectVersion{Key: string(rune('a' + i)), IsLatest: true})
	}
	n := 0
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: "s", Config: workedConfig(), Versions: versions, At: time.Unix(0, 0),
		NewFileName: func() string { n++; return "f" + string(rune('0'+n)) }, MaxRowsPerFile: 10,
	})
	require.NoError(t, err)
	require.Len(t, rep.DataFiles, 3)
	require.Len(t, rep.Manifest.Files, 3)
	total := 0
	for i, f := range rep.DataFiles {
		require.NoError(t, rep.Manifest.Files[i].VerifyFile(f.Body))
		total += strings.Count(gunzip(t, f.Body), "\n")
	}
	assert.Equal(t, 25, total)
	assert.Equal(t, 3, strings.Count(string(rep.Symlink.Body), "\n"))
}

func TestEmptyBucketWritesOneEmptyFile(t *testing.T) {
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: "s", Config: workedConfig(), At: time.Unix(0, 0), NewFileName: fixedName(),
	})
	require.NoError(t, err)
	require.Len(t, rep.DataFiles, 1)
	assert.Equal(t, "", gunzip(t, rep.DataFiles[0].Body))
}

func TestKeyEncoding(t *testing.T) {
	cases := map[string]string{
		"a/b c":           "a/b%20c",
		"café":            "caf%C3%A9",
		"a+b=c&d?e#f%g~h": "a%2Bb%3Dc%26d%3Fe%23f%25g~h",
		"plain-_.~/":      "plain-_.~/",
	}
	for in, want := range cases {
		assert.Equal(t, want, report.EncodeKey(in))
		back, err := report.DecodeKey(want)
		require.NoError(t, err)
		assert.Equal(t, in, back)
	}
	_, err := report.DecodeKey("bad%2")
	assert.Error(t, err)
}

// A Parquet report reads back through parquet-go's own reader with S3's
// column names, order and types.
func TestParquetReport(t *testing.T) {
	cfg := workedConfig()
	cfg.Destination.Format = inventory.FormatParquet
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: "src-bucket", Config: cfg, Versions: workedExample(),
		At: time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC), NewFileName: fixedName(),
	})
	require.NoError(t, err)
	require.Len(t, rep.DataFiles, 1)
	assert.True(t, strings.HasSuffix(rep.DataFiles[0].Key, ".parquet"))
	golden.Compare(t, "worked-example-parquet-schema.txt", []byte(rep.Manifest.FileSchema+"\n"))

	f, err := parquet.OpenFile(bytes.NewReader(rep.DataFiles[0].Body), int64(len(rep.DataFiles[0].Body)))
	require.NoError(t, err)
	var names []string
	for _, field := range f.Schema().Fields() {
		names = append(names, field.Name())
	}
	assert.Equal(t, []string{"bucket", "key", "version_id", "is_latest", "is_delete_marker", "size", "last_modified_date",
		"e_tag", "storage_class", "is_multipart_uploaded", "replication_status", "encryption_status"}, names)
	golden.Compare(t, "worked-example-parquet-schema-file.txt", []byte(f.Schema().String()+"\n"))

	rows := make([]parquet.Row, 10)
	reader := parquet.NewReader(bytes.NewReader(rep.DataFiles[0].Body), f.Schema())
	n, _ := reader.ReadRows(rows)
	require.Equal(t, 4, n)
	var got []string
	for _, r := range rows[:n] {
		var cells []string
		for _, v := range r {
			if v.IsNull() {
				cells = append(cells, "NULL")
				continue
			}
			cells = append(cells, v.String())
		}
		got = append(got, strings.Join(cells, "|"))
	}
	golden.Compare(t, "worked-example-parquet-rows.txt", []byte(strings.Join(got, "\n")+"\n"))
	assert.Contains(t, got[3], "photos/summer trip/café.jpg", "Parquet keys are not URL-encoded")
}

// The fast CSV path writes exactly what the general one does, for every
// column and for delete markers, zero times and quotes.
func TestAppendCSVRecordMatchesRow(t *testing.T) {
	cfg := workedConfig()
	cfg.OptionalFields = inventory.DialectAWS.OptionalFields()
	cols := inventory.Columns(cfg)
	lock := time.Date(2030, 5, 6, 7, 8, 9, 500, time.UTC)
	versions := append(workedExample(),
		inventory.ObjectVersion{Key: `we"ird,key`, IsLatest: true,
			ObjectFacts: inventory.ObjectFacts{LockRetainUntil: lock, LockMode: "GOVERNANCE", LegalHold: "ON",
				AccessTier: "ARCHIVE", ReplicationStatus: "COMPLETED", OwnerID: "abc", BucketKeyEnabled: true, ChecksumAlgorithm: "CRC32"},
			LifecycleExpiration: lock, IntelligentTieringReferenceDate: lock, ObjectACL: "e30K",
			ObjectLockEventHoldStatus: "ON", ObjectLockEventHoldDuration: "P1D"})
	for _, v := range versions {
		want := report.AppendCSVLine(nil, cols, report.MakeRow(cols, "b", v))
		got := report.AppendCSVRecord(nil, cols, "b", v)
		assert.Equal(t, string(want), string(got))
	}
}
