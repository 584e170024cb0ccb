package report_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
	"github.com/s3fake/s3fake/s3fake"
)

// must stops an example at the first error (examples have no *testing.T).
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// deliver starts an s3fake server (fixed clock), seeds bucket src with
// two objects, and runs a Current-versions inventory of it in format into
// bucket dst: the report a consumer then finds in dst. The caller closes
// the server.
func deliver(format inventory.Format) (*s3fake.Server, inventory.Run) {
	srv, err := s3fake.New(s3fake.WithStartTime(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)))
	must(err)
	must(srv.CreateBucket("src"))
	must(srv.CreateBucket("dst"))
	must(srv.PutBucketPolicy("dst", fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID)))
	_, err = srv.PutObject("src", "a b.txt", []byte("abc"))
	must(err)
	_, err = srv.PutObject("src", "logs/x+y.log", []byte("hello"))
	must(err)
	cfg := fixtures.Minimal("daily", "dst")
	cfg.IncludedObjectVersions = inventory.CurrentVersions
	cfg.Destination.Format = format
	cfg.OptionalFields = []inventory.Field{inventory.FieldETag, inventory.FieldSize}
	must(srv.PutInventoryConfiguration("src", cfg))
	run, err := srv.RunInventory("src", "daily")
	must(err)
	return srv, run
}

// fetchFrom is a consumer's report.Fetch: GetObject with any S3 client.
func fetchFrom(client *s3.Client, bucket string) report.Fetch {
	return func(key string) ([]byte, error) {
		out, err := client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			return nil, err
		}
		defer out.Body.Close()
		return io.ReadAll(out.Body)
	}
}

// Read a delivered CSV report as a consumer does, with the AWS SDK: the
// manifest names the data files and their columns; each file is checked
// against its MD5 and decoded (keys come back URL-decoded).
func ExampleReadCSV() {
	srv, run := deliver(inventory.FormatCSV)
	defer srv.Close()
	fetch := fetchFrom(srv.Client(), run.DestinationBucket)

	body, err := fetch(run.ManifestKey)
	must(err)
	manifest, err := report.ParseManifest(bytes.NewReader(body))
	must(err)
	fmt.Println(manifest.Columns())
	for _, f := range manifest.Files {
		data, err := fetch(f.Key)
		must(err)
		must(f.VerifyFile(data))
		records, err := report.ReadCSV(bytes.NewReader(data), manifest.Columns())
		must(err)
		for _, r := range records {
			fmt.Printf("%s %q %d %s\n", r.Bucket, r.Key, r.Size, r.ETag)
		}
	}
	// Output:
	// [Bucket Key Size ETag]
	// src "a b.txt" 3 900150983cd24fb0d6963f7d28e17f72
	// src "logs/x+y.log" 5 5d41402abc4b2a76b9719d911017c592
}

// Read a delivered Parquet data file: the file carries its own schema.
func ExampleReadParquet() {
	srv, run := deliver(inventory.FormatParquet)
	defer srv.Close()
	fetch := fetchFrom(srv.Client(), run.DestinationBucket)

	manifest, err := report.ReadManifest(run.ManifestKey, fetch)
	must(err)
	data, err := fetch(manifest.Files[0].Key)
	must(err)
	must(manifest.Files[0].VerifyFile(data))
	records, err := report.ReadParquet(data)
	must(err)
	for _, r := range records {
		fmt.Printf("%q %d %s\n", r.Key, r.Size, r.ETag)
	}
	// Output:
	// "a b.txt" 3 900150983cd24fb0d6963f7d28e17f72
	// "logs/x+y.log" 5 5d41402abc4b2a76b9719d911017c592
}

// Read a whole delivered report, whatever its format: ReadManifest checks
// manifest.checksum, ReadReport every data file's MD5.
func ExampleReadReport() {
	srv, run := deliver(inventory.FormatParquet)
	defer srv.Close()
	fetch := fetchFrom(srv.Client(), run.DestinationBucket)

	manifest, err := report.ReadManifest(run.ManifestKey, fetch)
	must(err)
	rows, err := report.ReadReport(manifest, fetch)
	must(err)
	fmt.Println(manifest.SourceBucket, manifest.FileFormat, manifest.CreationTimestamp, len(rows), "rows")
	for _, r := range rows {
		fmt.Printf("%q %d\n", r.Key, r.Size)
	}
	// Output:
	// src Parquet 1767312000000 2 rows
	// "a b.txt" 3
	// "logs/x+y.log" 5
}

// A manifest's columns, in each format's own names.
func ExampleManifest_Columns() {
	for _, format := range []inventory.Format{inventory.FormatCSV, inventory.FormatParquet, inventory.FormatORC} {
		srv, run := deliver(format)
		manifest, err := report.ReadManifest(run.ManifestKey, fetchFrom(srv.Client(), run.DestinationBucket))
		must(err)
		fmt.Println(manifest.FileFormat, manifest.Columns())
		srv.Close()
	}
	// Output:
	// CSV [Bucket Key Size ETag]
	// Parquet [bucket key size e_tag]
	// ORC [bucket key size e_tag]
}

// Generate a report without a server, from a snapshot given as data.
func ExampleGenerate() {
	cfg := inventory.Configuration{
		ID: "daily", IsEnabled: true, IncludedObjectVersions: inventory.CurrentVersions, Frequency: inventory.Daily,
		Destination:    inventory.Destination{BucketARN: "arn:aws:s3:::dst", Format: inventory.FormatCSV},
		OptionalFields: []inventory.Field{inventory.FieldSize, inventory.FieldETag},
	}
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: "src", Config: cfg, At: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
		NewFileName: func() string { return "data-file" },
		Versions: []inventory.ObjectVersion{
			{Key: "a b.txt", IsLatest: true, Size: 3, ETag: "900150983cd24fb0d6963f7d28e17f72"},
		},
	})
	must(err)
	for _, f := range rep.Files() {
		fmt.Println(f.Key)
	}
	fmt.Println(report.VerifyChecksum(rep.ManifestJSON.Body, rep.Checksum.Body))
	// Output:
	// src/daily/data/data-file.csv.gz
	// src/daily/2026-01-02T00-00Z/manifest.json
	// src/daily/hive/dt=2026-01-02-00-00/symlink.txt
	// src/daily/2026-01-02T00-00Z/manifest.checksum
	// <nil>
}
