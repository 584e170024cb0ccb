package report_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
)

// generate runs Generate on versions for cfg in format.
func generate(t *testing.T, cfg inventory.Configuration, format inventory.Format, versions []inventory.ObjectVersion, maxRows int) report.Report {
	t.Helper()
	cfg.Destination.Format = format
	n := 0
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: "src-bucket", Config: cfg, Versions: versions,
		At: time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC), MaxRowsPerFile: maxRows,
		NewFileName: func() string { n++; return fmt.Sprintf("f%03d", n) },
	})
	require.NoError(t, err)
	return rep
}

// An ORC report of a snapshot reads back equal, row for row, to the CSV
// report of the same snapshot: All and Current versions, every optional
// field or none, split into several data files.
func TestORCReportEqualsCSV(t *testing.T) {
	versions := report.RichVersions(2500)
	for _, included := range []inventory.IncludedVersions{inventory.AllVersions, inventory.CurrentVersions} {
		for _, fields := range [][]inventory.Field{inventory.DialectAWS.OptionalFields(), nil, {"Size", "ETag"}} {
			t.Run(fmt.Sprintf("%s/%d-fields", included, len(fields)), func(t *testing.T) {
				cfg := inventory.Configuration{
					ID: "orc", IsEnabled: true, IncludedObjectVersions: included, Frequency: inventory.Daily,
					Destination:    inventory.Destination{BucketARN: "arn:aws:s3:::dst"},
					OptionalFields: fields,
				}
				csvRep := generate(t, cfg, inventory.FormatCSV, versions, 1000)
				orcRep := generate(t, cfg, inventory.FormatORC, versions, 1000)
				require.Equal(t, len(csvRep.DataFiles), len(orcRep.DataFiles))
				assert.Equal(t, csvRep.Rows, orcRep.Rows)
				columns, err := report.ParseManifest(bytes.NewReader(csvRep.ManifestJSON.Body))
				require.NoError(t, err)
				var csvRows, orcRows []report.Record
				for i := range csvRep.DataFiles {
					rows, err := report.ReadCSV(bytes.NewReader(csvRep.DataFiles[i].Body), columns.Columns())
					require.NoError(t, err)
					csvRows = append(csvRows, rows...)
					rows, err = report.ReadORC(orcRep.DataFiles[i].Body)
					require.NoError(t, err)
					orcRows = append(orcRows, rows...)
				}
				require.Len(t, orcRows, csvRep.Rows)
				require.NotEmpty(t, orcRows)
				for i := range csvRows {
					require.Equal(t, csvRows[i], orcRows[i], "row %d", i)
				}
			})
		}
	}
}

// The ORC report's manifest: fileFormat "ORC", S3's struct schema, data
// files named .orc whose size and MD5 the manifest lists, a symlink per
// data file and a checksum of the manifest, as for the other formats.
func TestORCReportManifest(t *testing.T) {
	cfg := inventory.Configuration{
		ID: "orc", IsEnabled: true, IncludedObjectVersions: inventory.AllVersions, Frequency: inventory.Daily,
		Destination:    inventory.Destination{BucketARN: "arn:aws:s3:::dst"},
		OptionalFields: inventory.DialectAWS.OptionalFields(),
	}
	rep := generate(t, cfg, inventory.FormatORC, report.RichVersions(30), 20)
	require.Len(t, rep.DataFiles, 2)
	m, err := report.ParseManifest(bytes.NewReader(rep.ManifestJSON.Body))
	require.NoError(t, err)
	assert.Equal(t, "ORC", m.FileFormat)
	cols := inventory.Columns(cfg)
	assert.Equal(t, report.FileSchema(inventory.FormatORC, cols), m.FileSchema)
	require.NoError(t, report.VerifyChecksum(rep.ManifestJSON.Body, rep.Checksum.Body))
	var symlink string
	for i, f := range rep.DataFiles {
		assert.Equal(t, fmt.Sprintf("src-bucket/orc/data/f%03d.orc", i+1), f.Key)
		assert.Equal(t, "application/octet-stream", f.ContentType)
		require.NoError(t, m.Files[i].VerifyFile(f.Body))
		symlink += "s3://dst/" + f.Key + "\n"
		// The file's own schema is the manifest's.
		of, err := report.OpenORC(f.Body)
		require.NoError(t, err)
		assert.Equal(t, m.FileSchema, of.Schema())
		assert.Equal(t, "0.12", of.Version())
		assert.Equal(t, "ZLIB", of.Compression())
	}
	assert.Equal(t, symlink, string(rep.Symlink.Body))
	// S3's schema, field by field, in S3's order and types.
	assert.Equal(t, "struct<bucket:string,key:string,version_id:string,is_latest:boolean,is_delete_marker:boolean,"+
		"size:bigint,last_modified_date:timestamp,e_tag:string,storage_class:string,is_multipart_uploaded:boolean,"+
		"replication_status:string,encryption_status:string,object_lock_retain_until_date:timestamp,"+
		"object_lock_mode:string,object_lock_legal_hold_status:string,object_lock_event_hold_status:string,"+
		"object_lock_event_hold_duration:string,intelligent_tiering_access_tier:string,bucket_key_status:string,"+
		"checksum_algorithm:string,object_access_control_list:string,object_owner:string,"+
		"lifecycle_expiration_date:timestamp,intelligent_tiering_reference_date:timestamp>", m.FileSchema)
}

// An empty bucket gives one ORC data file with no rows (and no stripes),
// as Apache's own empty file.
func TestORCReportEmpty(t *testing.T) {
	cfg := inventory.Configuration{
		ID: "orc", IsEnabled: true, IncludedObjectVersions: inventory.CurrentVersions, Frequency: inventory.Daily,
		Destination: inventory.Destination{BucketARN: "arn:aws:s3:::dst"}, OptionalFields: []inventory.Field{"Size"},
	}
	rep := generate(t, cfg, inventory.FormatORC, nil, 0)
	require.Len(t, rep.DataFiles, 1)
	rows, err := report.ReadORC(rep.DataFiles[0].Body)
	require.NoError(t, err)
	assert.Empty(t, rows)
	f, err := report.OpenORC(rep.DataFiles[0].Body)
	require.NoError(t, err)
	assert.Zero(t, f.NumRows())
	assert.Zero(t, f.NumStripes())
	assert.Equal(t, "struct<bucket:string,key:string,size:bigint>", f.Schema())
}
