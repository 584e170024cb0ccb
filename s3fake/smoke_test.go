package s3fake_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

func TestSmoke(t *testing.T) {
	srv := s3fake.Start(t)
	c := srv.Client()
	ctx := context.Background()
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("src")})
	require.NoError(t, err)
	_, err = c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("src"), Id: aws.String("r1"),
		InventoryConfiguration: &types.InventoryConfiguration{
			Id: aws.String("r1"), IsEnabled: aws.Bool(true), IncludedObjectVersions: types.InventoryIncludedObjectVersionsAll,
			Schedule:    &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
			Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{Bucket: aws.String("arn:aws:s3:::dst"), Format: types.InventoryFormatCsv}},
		},
	})
	require.NoError(t, err)
	out, err := c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String("src"), Id: aws.String("r1")})
	require.NoError(t, err)
	require.Equal(t, "r1", aws.ToString(out.InventoryConfiguration.Id))
	l, err := c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("src")})
	require.NoError(t, err)
	require.Len(t, l.InventoryConfigurationList, 1)
	_, err = c.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{Bucket: aws.String("src"), Id: aws.String("r1")})
	require.NoError(t, err)
	_, err = c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String("src"), Id: aws.String("r1")})
	require.ErrorContains(t, err, "NoSuchConfiguration")
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("k")})
	require.NoError(t, err)
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("src"), Key: aws.String("nokey")})
	require.ErrorContains(t, err, "NoSuchKey")
}
