package s3fake_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
	"github.com/s3fake/s3fake/s3fake"
)

// orcWorld is reportWorld plus versions with every fact a report column
// shows: SSE-KMS with a bucket key, object lock, legal hold, replication,
// Intelligent-Tiering tiers, checksums, multipart uploads; data files of at
// most 7 rows, so that a report has several.
func orcWorld(t *testing.T) *s3fake.Server {
	t.Helper()
	srv := reportWorld(t, s3fake.WithMaxRowsPerFile(7))
	at := time.Date(2025, 12, 30, 8, 0, 0, 0, time.UTC)
	facts := []s3fake.ObjectFacts{
		{Encryption: "SSE-KMS", KMSKeyID: "arn:aws:kms:us-east-1:111122223333:key/k1", BucketKeyEnabled: true},
		{LockMode: "GOVERNANCE", LockRetainUntil: at.AddDate(1, 0, 0), LegalHold: "ON"},
		{LockMode: "COMPLIANCE", LockRetainUntil: at.AddDate(0, 6, 0), LegalHold: "OFF", ReplicationStatus: "COMPLETED"},
		{StorageClass: "INTELLIGENT_TIERING", AccessTier: "ARCHIVE_INSTANT_ACCESS", ChecksumAlgorithm: "CRC64NVME"},
		{StorageClass: "GLACIER", ReplicationStatus: "REPLICA", Encryption: "NOT-SSE"},
		{PartCount: 3, ChecksumAlgorithm: "CRC32"},
	}
	for i := 0; i < 18; i++ {
		key := fmt.Sprintf("orc/%02d/%s", i, []string{"plain.txt", "sp ace.bin", "ünï+cøde", "q\"uote,comma"}[i%4])
		_, err := srv.PutObject("src", key, []byte(strings.Repeat("x", i+1)),
			s3fake.At(at.Add(time.Duration(i)*time.Minute)), s3fake.WithFacts(facts[i%len(facts)]))
		require.NoError(t, err, key)
		if i%5 == 0 { // a second version, then for some a delete marker on top
			_, err = srv.PutObject("src", key, []byte("v2"), s3fake.At(at.Add(time.Hour+time.Duration(i)*time.Minute)))
			require.NoError(t, err)
		}
		if i%7 == 0 {
			_, err = srv.DeleteObject("src", key, s3fake.At(at.Add(2*time.Hour)))
			require.NoError(t, err)
		}
	}
	return srv
}

// RunInventory on an ORC configuration, All and Current versions, every
// optional field: the report read back through the SDK equals, row for
// row, the CSV report of the same objects; its manifest says ORC with S3's
// schema, its data files are .orc files whose manifest entries verify.
func TestORCRunEqualsCSVRun(t *testing.T) {
	for _, included := range []inventory.IncludedVersions{inventory.AllVersions, inventory.CurrentVersions} {
		t.Run(string(included), func(t *testing.T) {
			srv := orcWorld(t)
			configs := map[inventory.Format]inventory.Configuration{}
			for _, format := range []inventory.Format{inventory.FormatCSV, inventory.FormatORC} {
				cfg := allFieldsConfig("all-"+strings.ToLower(string(format)), format)
				cfg.IncludedObjectVersions = included
				require.NoError(t, srv.PutInventoryConfiguration("src", cfg))
				configs[format] = cfg
			}
			csvRun, err := srv.RunInventory("src", configs[inventory.FormatCSV].ID)
			require.NoError(t, err)
			orcRun, err := srv.RunInventory("src", configs[inventory.FormatORC].ID)
			require.NoError(t, err)
			_, csvRows := readReport(t, srv, csvRun)
			m, orcRows := readReport(t, srv, orcRun)

			require.NotEmpty(t, csvRows)
			require.Equal(t, csvRows, orcRows, "the ORC report is the CSV report, row for row")
			assert.Equal(t, csvRun.Rows, orcRun.Rows)
			if included == inventory.AllVersions {
				assert.Len(t, orcRows, len(srv.ObjectVersions("src", "")))
			}
			// The rows carry the facts: the comparison is not between empty
			// columns.
			seen := map[string]bool{}
			for _, r := range orcRows {
				seen["delete marker"] = seen["delete marker"] || r.IsDeleteMarker
				seen["lock"] = seen["lock"] || r.LockMode == "GOVERNANCE" && !r.LockRetainUntil.IsZero()
				seen["legal hold"] = seen["legal hold"] || r.LegalHold == "ON"
				seen["bucket key"] = seen["bucket key"] || r.BucketKeyStatus() == "ENABLED"
				seen["tier"] = seen["tier"] || r.AccessTier != ""
				seen["replica"] = seen["replica"] || r.ReplicationStatus == "REPLICA"
				seen["multipart"] = seen["multipart"] || r.IsMultipartUploaded
				seen["unicode key"] = seen["unicode key"] || strings.Contains(r.Key, "ünï+cøde")
			}
			for _, fact := range []string{"lock", "legal hold", "bucket key", "tier", "replica", "multipart", "unicode key"} {
				assert.True(t, seen[fact], fact)
			}
			assert.Equal(t, included == inventory.AllVersions, seen["delete marker"])

			assert.Equal(t, "ORC", m.FileFormat)
			var columnar []string
			for _, c := range inventory.Columns(configs[inventory.FormatORC]) {
				columnar = append(columnar, c.ColumnarName)
			}
			assert.Equal(t, columnar, m.Columns(), "fileSchema lists the configuration's columns, snake_case")
			assert.True(t, strings.HasPrefix(m.FileSchema, "struct<bucket:string,key:string,"), m.FileSchema)
			assert.Greater(t, len(m.Files), 1, "several data files of 7 rows")
			var symlink string
			for _, f := range m.Files {
				assert.True(t, strings.HasSuffix(f.Key, ".orc"), f.Key)
				body := getObject(t, srv.Client(), "dst", f.Key)
				require.NoError(t, f.VerifyFile(body))
				of, err := report.OpenORC(body)
				require.NoError(t, err)
				assert.Equal(t, m.FileSchema, of.Schema(), "the file's own schema is the manifest's")
				assert.Equal(t, "ZLIB", of.Compression())
				symlink += "s3://dst/" + f.Key + "\n"
			}
			symlinkKey := "inv/src/" + configs[inventory.FormatORC].ID + "/hive/dt=2026-01-01-00-00/symlink.txt"
			assert.Equal(t, symlink, string(getObject(t, srv.Client(), "dst", symlinkKey)))
		})
	}
}
