package s3fake_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/s3fake"
)

// A server from New, a bucket seeded without HTTP, and an inventory
// configuration put and read back through the real SDK.
func ExampleNew() {
	srv, err := s3fake.New()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	if err := srv.CreateBucket("src"); err != nil {
		panic(err)
	}

	client := srv.Client()
	ctx := context.Background()
	_, err = client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("src"),
		Id:     aws.String("daily"),
		InventoryConfiguration: &types.InventoryConfiguration{
			Id:                     aws.String("daily"),
			IsEnabled:              aws.Bool(true),
			IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
			Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
			Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
				Bucket: aws.String("arn:aws:s3:::dst"),
				Format: types.InventoryFormatCsv,
			}},
		},
	})
	if err != nil {
		panic(err)
	}
	out, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("src"), Id: aws.String("daily"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(*out.InventoryConfiguration.Id, out.InventoryConfiguration.Schedule.Frequency)
	// Output: daily Daily
}

// Errors carry AWS's exact code and message.
func ExampleServer_Client_errors() {
	srv, err := s3fake.New()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	if err := srv.CreateBucket("src"); err != nil {
		panic(err)
	}

	_, err = srv.Client().GetBucketInventoryConfiguration(context.Background(), &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("src"), Id: aws.String("missing"),
	})
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.ErrorCode()+":", apiErr.ErrorMessage())
	}
	// Output: NoSuchConfiguration: The specified configuration does not exist.
}

// Configurations can be seeded and inspected without HTTP.
func ExampleServer_PutInventoryConfiguration() {
	srv, err := s3fake.New()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	for _, err := range []error{
		srv.CreateBucket("src"),
		srv.PutInventoryConfiguration("src", fixtures.Minimal("b-weekly", "dst")),
		srv.PutInventoryConfiguration("src", fixtures.Minimal("a-daily", "dst")),
	} {
		if err != nil {
			panic(err)
		}
	}
	for _, cfg := range srv.InventoryConfigurations("src") {
		fmt.Println(cfg.ID)
	}
	// Output:
	// a-daily
	// b-weekly
}

// must stops an example at the first error: examples have no *testing.T
// (in a test, use require.NoError).
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// reportServer is a server with a fixed clock (2026-01-01T00:00:00Z, as
// under Start), a versioned source bucket seeded with
// fixtures.VersionedSource, and a destination whose policy lets S3 deliver.
func reportServer() *s3fake.Server {
	srv, err := s3fake.New(s3fake.WithStartTime(s3fake.DefaultStartTime))
	must(err)
	must(srv.CreateBucket("src", s3fake.Versioned()))
	must(srv.CreateBucket("dst"))
	must(srv.PutBucketPolicy("dst", fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID)))
	must(srv.Seed("src", fixtures.VersionedSource()...))
	return srv
}

// Seed a source bucket's history, times and delete markers included, and
// look at it as an inventory report will.
func ExampleServer_Seed() {
	srv, err := s3fake.New(s3fake.WithStartTime(s3fake.DefaultStartTime))
	must(err)
	defer srv.Close()
	must(srv.CreateBucket("src", s3fake.Versioned()))
	at := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	must(srv.Seed("src",
		fixtures.SeedObject{Key: "a.txt", Body: []byte("v1"), At: at},
		fixtures.SeedObject{Key: "a.txt", Body: []byte("v2"), At: at.Add(time.Hour)},
		fixtures.SeedObject{Key: "big.tar", Size: 5 << 30, Facts: s3fake.ObjectFacts{PartCount: 512}, At: at}, // 5 GiB, no bytes stored
		fixtures.SeedObject{Key: "gone.txt", Body: []byte("x"), At: at},
		fixtures.SeedObject{Key: "gone.txt", Delete: true, At: at.Add(2 * time.Hour)},
	))
	for _, v := range srv.ObjectVersions("src", "") {
		fmt.Println(v.Key, v.LastModified.Format(time.Kitchen), v.Size, v.IsLatest, v.IsDeleteMarker, v.IsMultipartUploaded)
	}
	// Output:
	// a.txt 10:00AM 2 true false false
	// a.txt 9:00AM 2 false false false
	// big.tar 9:00AM 5368709120 true false true
	// gone.txt 11:00AM 0 true true false
	// gone.txt 9:00AM 1 false false false
}

// Run a configuration now, then read the delivered report back, verified
// against its checksums.
func ExampleServer_RunInventory() {
	srv := reportServer()
	defer srv.Close()
	cfg := fixtures.Minimal("daily", "dst")
	cfg.OptionalFields = []inventory.Field{inventory.FieldSize}
	must(srv.PutInventoryConfiguration("src", cfg))

	run, err := srv.RunInventory("src", "daily")
	must(err)
	fmt.Println(run.Delivered, run.At, run.Rows)
	fmt.Println(run.ManifestKey)
	fmt.Println(run.ChecksumKey)

	// A second run in the same minute gets the next free minute.
	again, err := srv.RunInventory("src", "daily")
	must(err)
	fmt.Println(again.ManifestKey)
	// Output:
	// true 2026-01-01 00:00:00 +0000 UTC 6
	// src/daily/2026-01-01T00-00Z/manifest.json
	// src/daily/2026-01-01T00-00Z/manifest.checksum
	// src/daily/2026-01-01T00-01Z/manifest.json
}

// Move the clock: every configuration that becomes due runs at its due
// time, in order.
func ExampleServer_Advance() {
	srv := reportServer() // Thursday 2026-01-01 00:00 UTC
	defer srv.Close()
	weekly := fixtures.Minimal("weekly", "dst")
	weekly.Frequency = inventory.Weekly
	must(srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	must(srv.PutInventoryConfiguration("src", weekly))

	for _, run := range srv.Advance(72 * time.Hour) {
		fmt.Println(run.ConfigID, run.At.Format("Mon 2006-01-02 15:04"), run.Scheduled, run.Delivered)
	}
	fmt.Println(srv.Now())
	// Output:
	// daily Fri 2026-01-02 00:00 true true
	// daily Sat 2026-01-03 00:00 true true
	// daily Sun 2026-01-04 00:00 true true
	// weekly Sun 2026-01-04 00:00 true true
	// 2026-01-04 00:00:00 +0000 UTC
}

// Read a delivered report back: the manifest and every row, whatever the
// format, verified against manifest.checksum and the data files' MD5s.
func ExampleServer_Report() {
	srv := reportServer()
	defer srv.Close()
	cfg := fixtures.Minimal("all", "dst")
	cfg.Destination.Format = inventory.FormatParquet
	cfg.OptionalFields = []inventory.Field{inventory.FieldSize, inventory.FieldStorageClass}
	must(srv.PutInventoryConfiguration("src", cfg))
	run, err := srv.RunInventory("src", "all")
	must(err)

	manifest, rows, err := srv.Report(run)
	must(err)
	fmt.Println(manifest.FileFormat, len(manifest.Files), "file")
	for _, r := range rows {
		fmt.Printf("%-30q latest=%-5v marker=%-5v %8d %q\n", r.Key, r.IsLatest, r.IsDeleteMarker, r.Size, r.StorageClass)
	}
	// Output:
	// Parquet 1 file
	// "backups/db.tar"               latest=true  marker=false 26214400 "STANDARD"
	// "docs/report.txt"              latest=true  marker=true         0 ""
	// "docs/report.txt"              latest=false marker=false       12 "STANDARD"
	// "logs/a+b=c.log"               latest=true  marker=false        2 "STANDARD"
	// "logs/a+b=c.log"               latest=false marker=false        2 "STANDARD"
	// "photos/summer trip/café.jpg"  latest=true  marker=false        4 "STANDARD_IA"
}
