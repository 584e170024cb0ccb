package s3fake_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/s3fake/s3fake/fixtures"
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
	srv.CreateBucket("src")

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
	srv.CreateBucket("src")

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
	srv.CreateBucket("src")
	srv.PutInventoryConfiguration("src", fixtures.Minimal("b-weekly", "dst"))
	srv.PutInventoryConfiguration("src", fixtures.Minimal("a-daily", "dst"))
	for _, cfg := range srv.InventoryConfigurations("src") {
		fmt.Println(cfg.ID)
	}
	// Output:
	// a-daily
	// b-weekly
}
