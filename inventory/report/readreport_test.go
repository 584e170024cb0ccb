package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
)

// buildReport generates a small report of format and returns it with a Fetch
// over its files, as a destination bucket would serve them.
func buildReport(t *testing.T, format inventory.Format) (report.Report, map[string][]byte, report.Fetch) {
	t.Helper()
	cfg := inventory.Configuration{
		ID: "r", IsEnabled: true, IncludedObjectVersions: inventory.AllVersions, Frequency: inventory.Daily,
		Destination:    inventory.Destination{BucketARN: "arn:aws:s3:::dst", Format: format},
		OptionalFields: []inventory.Field{inventory.FieldETag, inventory.FieldSize, inventory.FieldLastModifiedDate},
	}
	n := 0
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: "src", Config: cfg, At: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), MaxRowsPerFile: 2,
		NewFileName: func() string { n++; return fmt.Sprintf("file-%d", n) },
		Versions: []inventory.ObjectVersion{
			{Key: "a b", VersionID: "v2", IsLatest: true, Size: 3, ETag: "900150983cd24fb0d6963f7d28e17f72",
				LastModified: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)},
			{Key: "a b", VersionID: "v1", Size: 1, ETag: "0cc175b9c0f1b6a831c399e269772661",
				LastModified: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)},
			{Key: "c+d", VersionID: "m1", IsLatest: true, IsDeleteMarker: true, LastModified: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
		},
	})
	require.NoError(t, err)
	objects := map[string][]byte{}
	for _, f := range rep.Files() {
		objects[f.Key] = f.Body
	}
	fetch := func(key string) ([]byte, error) {
		data, ok := objects[key]
		if !ok {
			return nil, errors.New("NoSuchKey")
		}
		return data, nil
	}
	return rep, objects, fetch
}

// ReadManifest and ReadReport read back every row of every data file, in
// every format, with the same values.
func TestReadReportRoundTrip(t *testing.T) {
	var byFormat [][]report.Record
	for _, format := range []inventory.Format{inventory.FormatCSV, inventory.FormatParquet, inventory.FormatORC} {
		rep, _, fetch := buildReport(t, format)
		require.Len(t, rep.DataFiles, 2, "MaxRowsPerFile splits the rows")
		m, err := report.ReadManifest(rep.ManifestJSON.Key, fetch)
		require.NoError(t, err)
		assert.Equal(t, rep.Manifest, m)
		rows, err := report.ReadReport(m, fetch)
		require.NoError(t, err)
		require.Len(t, rows, 3)
		byFormat = append(byFormat, rows)
	}
	assert.Equal(t, byFormat[0], byFormat[1], "CSV and Parquet read alike")
	assert.Equal(t, byFormat[0], byFormat[2], "CSV and ORC read alike")
	rows := byFormat[0]
	assert.Equal(t, "a b", rows[0].Key)
	assert.Equal(t, "v2", rows[0].VersionID)
	assert.Equal(t, int64(3), rows[0].Size)
	assert.Equal(t, time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), rows[0].LastModified)
	assert.Equal(t, "c+d", rows[2].Key)
	assert.True(t, rows[2].IsDeleteMarker)
	assert.Empty(t, rows[2].ETag)
}

// Changed, missing or truncated objects are refused with the key at fault.
func TestReadReportVerifies(t *testing.T) {
	rep, objects, fetch := buildReport(t, inventory.FormatCSV)
	dataKey := rep.DataFiles[1].Key

	objects[rep.Checksum.Key] = []byte("00000000000000000000000000000000\n")
	_, err := report.ReadManifest(rep.ManifestJSON.Key, fetch)
	assert.ErrorContains(t, err, "manifest checksum")
	objects[rep.Checksum.Key] = rep.Checksum.Body

	delete(objects, rep.Checksum.Key)
	_, err = report.ReadManifest(rep.ManifestJSON.Key, fetch)
	assert.ErrorContains(t, err, "manifest.checksum")
	objects[rep.Checksum.Key] = rep.Checksum.Body

	_, err = report.ReadManifest("src/r/data/file-1.csv.gz", fetch)
	assert.ErrorContains(t, err, "not a manifest.json key")

	m, err := report.ReadManifest(rep.ManifestJSON.Key, fetch)
	require.NoError(t, err)
	tampered := bytes.Clone(objects[dataKey])
	tampered[len(tampered)-1] ^= 1
	objects[dataKey] = tampered
	_, err = report.ReadReport(m, fetch)
	assert.ErrorContains(t, err, dataKey+": MD5")

	objects[dataKey] = tampered[:10]
	_, err = report.ReadReport(m, fetch)
	assert.ErrorContains(t, err, dataKey+": size")

	delete(objects, dataKey)
	_, err = report.ReadReport(m, fetch)
	assert.ErrorContains(t, err, "fetching "+dataKey)

	m.FileFormat = "JSON"
	m.Files = m.Files[:1]
	_, err = report.ReadReport(m, fetch)
	assert.ErrorIs(t, err, report.ErrFormatNotSupported)
}

// Bug 1: ReadCSV needs the columns; it refuses none and unknown names
// instead of returning empty records.
func TestReadCSVNeedsColumns(t *testing.T) {
	rep, _, _ := buildReport(t, inventory.FormatCSV)
	data := rep.DataFiles[0].Body
	for _, cols := range [][]string{nil, {}} {
		_, err := report.ReadCSV(bytes.NewReader(data), cols)
		assert.ErrorContains(t, err, "no columns")
	}
	_, err := report.ReadCSV(bytes.NewReader(data), []string{"Bucket", "Key", "Colour", "IsLatest", "IsDeleteMarker", "Size", "LastModifiedDate", "ETag"})
	assert.ErrorContains(t, err, `"Colour"`)
	_, err = report.ReadCSV(bytes.NewReader(data), []string{"Bucket", "Key"})
	assert.Error(t, err, "a line with more fields than columns")
	recs, err := report.ReadCSV(bytes.NewReader(data), rep.Manifest.Columns())
	require.NoError(t, err)
	assert.Len(t, recs, 2)
}

// Manifest.Columns splits every format's schema into names.
func TestManifestColumns(t *testing.T) {
	want := map[inventory.Format][]string{
		inventory.FormatCSV: {"Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size", "LastModifiedDate", "ETag"},
		inventory.FormatParquet: {"bucket", "key", "version_id", "is_latest", "is_delete_marker", "size",
			"last_modified_date", "e_tag"},
	}
	for format, cols := range want {
		rep, _, _ := buildReport(t, format)
		assert.Equal(t, cols, rep.Manifest.Columns(), format)
	}
	orc := report.Manifest{FileFormat: "ORC",
		FileSchema: "struct<bucket:string,key:string,size:bigint,last_modified_date:timestamp>"}
	assert.Equal(t, []string{"bucket", "key", "size", "last_modified_date"}, orc.Columns())
	assert.Empty(t, report.Manifest{FileFormat: "CSV"}.Columns(), "no schema, no columns")
}
