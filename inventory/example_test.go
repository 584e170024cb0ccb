package inventory_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/s3fake/s3fake/inventory"
)

// Generate a report, then read it back as a consumer would: parse the
// manifest, verify the checksum and the data file, iterate typed rows.
func ExampleReadCSV() {
	cfg := inventory.Configuration{
		ID: "daily", IsEnabled: true, IncludedObjectVersions: inventory.CurrentVersions, Frequency: inventory.Daily,
		Destination:    inventory.Destination{BucketARN: "arn:aws:s3:::dst", Format: inventory.FormatCSV},
		OptionalFields: []inventory.Field{inventory.FieldSize, inventory.FieldETag},
	}
	rep, err := inventory.Generate(inventory.GenerateInput{
		SourceBucket: "src", Config: cfg, At: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
		NewFileName: func() string { return "data-file" },
		Versions: []inventory.ObjectVersion{
			{Key: "a b.txt", IsLatest: true, Size: 3, ETag: "900150983cd24fb0d6963f7d28e17f72"},
		},
	})
	if err != nil {
		panic(err)
	}

	manifest, err := inventory.ParseManifest(bytes.NewReader(rep.ManifestJSON.Body))
	if err != nil {
		panic(err)
	}
	fmt.Println(inventory.VerifyChecksum(rep.ManifestJSON.Body, rep.Checksum.Body))
	fmt.Println(manifest.FileSchema)
	for i, f := range manifest.Files {
		data := rep.DataFiles[i].Body // in real life: GetObject(destination, f.Key)
		fmt.Println(f.Key, f.VerifyFile(data))
		records, err := inventory.ReadCSV(bytes.NewReader(data), manifest.Columns())
		if err != nil {
			panic(err)
		}
		for _, r := range records {
			fmt.Printf("%s %q %d %s\n", r.Bucket, r.Key, r.Size, r.ETag)
		}
	}
	// Output:
	// <nil>
	// Bucket, Key, Size, ETag
	// src/daily/data/data-file.csv.gz <nil>
	// src "a b.txt" 3 900150983cd24fb0d6963f7d28e17f72
}
