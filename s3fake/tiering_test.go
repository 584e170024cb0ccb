package s3fake_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/s3fake"
)

// An object written to INTELLIGENT_TIERING over the API shows its access
// tier and its reference date (its write: s3fake records no access) in
// every report format; other storage classes leave both empty.
func TestIntelligentTieringReferenceDate(t *testing.T) {
	srv := s3fake.Start(t)
	c := srv.Client()
	ctx := context.Background()
	for _, b := range []string{"src", "dst"} {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)})
		require.NoError(t, err)
	}
	_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("dst"),
		Policy: aws.String(fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID))})
	require.NoError(t, err)

	written := srv.Now().UTC().Truncate(time.Second)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("tiered"),
		Body: strings.NewReader("t"), StorageClass: types.StorageClassIntelligentTiering})
	require.NoError(t, err)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("standard"),
		Body: strings.NewReader("s")})
	require.NoError(t, err)
	srv.Advance(40 * 24 * time.Hour) // no run is scheduled; only the clock moves

	for _, format := range []inventory.Format{inventory.FormatCSV, inventory.FormatParquet, inventory.FormatORC} {
		id := "tiering-" + strings.ToLower(string(format))
		_, err = c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String("src"), Id: aws.String(id),
			InventoryConfiguration: &types.InventoryConfiguration{
				Id: aws.String(id), IsEnabled: aws.Bool(true),
				IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
				Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
				Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
					Bucket: aws.String("arn:aws:s3:::dst"), Format: types.InventoryFormat(format)}},
				OptionalFields: []types.InventoryOptionalField{types.InventoryOptionalFieldStorageClass,
					types.InventoryOptionalFieldIntelligentTieringAccessTier, types.InventoryOptionalFieldIntelligentTieringReferenceDate},
			}})
		require.NoError(t, err, format)
		run, err := srv.RunInventory("src", id)
		require.NoError(t, err, format)
		_, rows, err := srv.Report(run)
		require.NoError(t, err, format)
		require.Len(t, rows, 2, format)
		byKey := map[string]inventory.ObjectVersion{}
		for _, r := range rows {
			byKey[r.Key] = r.ObjectVersion
		}
		tiered, standard := byKey["tiered"], byKey["standard"]
		assert.Equal(t, "INTELLIGENT_TIERING", tiered.StorageClass, format)
		assert.Equal(t, "FREQUENT", tiered.AccessTier, format)
		assert.True(t, tiered.IntelligentTieringReferenceDate.Equal(written), "%s: reference date %v, written %v", format, tiered.IntelligentTieringReferenceDate, written)
		assert.Equal(t, "STANDARD", standard.StorageClass, format)
		assert.Empty(t, standard.AccessTier, format)
		assert.True(t, standard.IntelligentTieringReferenceDate.IsZero(), "%s: STANDARD has no reference date", format)
	}
}
