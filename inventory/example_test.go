package inventory_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/s3fake/s3fake/inventory"
)

// Validate a configuration as PutBucketInventoryConfiguration does, and
// list the columns its reports will have.
func ExampleCheckPut() {
	cfg := inventory.Configuration{
		ID: "daily", IsEnabled: true, Frequency: inventory.Daily,
		IncludedObjectVersions: inventory.CurrentVersions,
		Destination:            inventory.Destination{BucketARN: "arn:aws:s3:::dst", Format: inventory.FormatCSV},
		OptionalFields:         []inventory.Field{inventory.FieldETag, inventory.FieldSize},
	}
	fmt.Println(inventory.CheckPut("daily", cfg, inventory.DialectAWS))
	var names []string
	for _, c := range inventory.Columns(cfg) {
		names = append(names, c.Name)
	}
	fmt.Println(strings.Join(names, " "))

	cfg.Destination.BucketARN = "arn:aws:s3:us-east-1::dst"
	var dest *inventory.DestinationError
	err := inventory.CheckPut("daily", cfg, inventory.DialectAWS)
	fmt.Println(errors.As(err, &dest), dest.Problem == inventory.DestinationHasNamespace)
	// Output:
	// <nil>
	// Bucket Key Size ETag
	// true true
}

// Due times of a weekly schedule, and where the first run's manifest goes.
func ExampleDueRuns() {
	put := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC) // a Thursday
	for _, t := range inventory.DueRuns(inventory.Weekly, put, put.AddDate(0, 0, 14)) {
		fmt.Println(t.Format(time.RFC3339))
	}
	prefix := "reports"
	cfg := inventory.Configuration{ID: "weekly", Destination: inventory.Destination{Prefix: &prefix}}
	fmt.Println(inventory.ManifestKey(cfg, "src", inventory.NextRun(inventory.Weekly, put)))
	// Output:
	// 2026-01-04T00:00:00Z
	// 2026-01-11T00:00:00Z
	// reports/src/weekly/2026-01-04T00-00Z/manifest.json
}
