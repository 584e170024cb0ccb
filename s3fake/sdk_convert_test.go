package s3fake_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3fake/s3fake/inventory"
)

// sdkConfig converts a model configuration to the SDK's input type, so that
// tests can send fixtures through the real client.
func sdkConfig(c inventory.Configuration) *types.InventoryConfiguration {
	d := c.Destination
	out := &types.InventoryConfiguration{
		Id:                     aws.String(c.ID),
		IsEnabled:              aws.Bool(c.IsEnabled),
		IncludedObjectVersions: types.InventoryIncludedObjectVersions(c.IncludedObjectVersions),
		Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequency(c.Frequency)},
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			AccountId: d.AccountID,
			Bucket:    aws.String(d.BucketARN),
			Format:    types.InventoryFormat(d.Format),
			Prefix:    d.Prefix,
		}},
	}
	if e := d.Encryption; e != nil {
		enc := &types.InventoryEncryption{}
		if e.SSES3 {
			enc.SSES3 = &types.SSES3{}
		}
		if e.SSEKMS != nil {
			enc.SSEKMS = &types.SSEKMS{KeyId: aws.String(e.SSEKMS.KeyID)}
		}
		out.Destination.S3BucketDestination.Encryption = enc
	}
	if c.Filter != nil {
		out.Filter = &types.InventoryFilter{Prefix: aws.String(c.Filter.Prefix)}
	}
	for _, f := range c.OptionalFields {
		out.OptionalFields = append(out.OptionalFields, types.InventoryOptionalField(f))
	}
	return out
}
