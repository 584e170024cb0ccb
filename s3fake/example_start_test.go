package s3fake_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/s3fake"
)

// configureInventory is the code under test: it puts a daily CSV inventory
// of bucket into dest through any *s3.Client.
func configureInventory(ctx context.Context, client *s3.Client, bucket, dest string) error {
	_, err := client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String(bucket),
		Id:     aws.String("daily"),
		InventoryConfiguration: &types.InventoryConfiguration{
			Id:                     aws.String("daily"),
			IsEnabled:              aws.Bool(true),
			IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
			Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
			OptionalFields:         []types.InventoryOptionalField{types.InventoryOptionalFieldSize},
			Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
				Bucket: aws.String("arn:aws:s3:::" + dest),
				Format: types.InventoryFormatCsv,
			}},
		},
	})
	return err
}

// testConfigureInventory is what a test of configureInventory looks like:
// in your code it is func TestConfigureInventory(t *testing.T).
func testConfigureInventory(t testing.TB) {
	srv := s3fake.Start(t) // loopback server, fixed clock, closed by t.Cleanup
	if err := srv.CreateBucket("src"); err != nil {
		t.Fatal(err)
	}

	if err := configureInventory(context.Background(), srv.Client(), "src", "dst"); err != nil {
		t.Fatal(err)
	}

	cfg, ok := srv.InventoryConfiguration("src", "daily") // inspect without HTTP
	if !ok || cfg.Frequency != inventory.Daily || cfg.Destination.BucketARN != "arn:aws:s3:::dst" {
		t.Fatalf("stored %+v", cfg)
	}
	fmt.Println(cfg.ID, cfg.Frequency, cfg.Destination.Format, cfg.OptionalFields)
}

// Start in a test. Examples get no *testing.T, so this one runs the test
// function once with the *testing.B that testing.Benchmark provides (also
// a testing.TB); in your code, go test calls TestConfigureInventory.
func ExampleStart() {
	testing.Benchmark(func(b *testing.B) {
		testConfigureInventory(b)
		b.SkipNow() // once is enough: this is no benchmark
	})
	// Output: daily Daily CSV [Size]
}
