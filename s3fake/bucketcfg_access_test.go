package s3fake_test

// Every bucket configuration call is authorized as its own IAM action: a
// second account granted every other configuration action is refused
// (AccessDenied, nothing changes), and granted just that action it gets
// through.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
)

// cfgCall is one configuration call: its IAM action, the subresource the
// owner reads to see the bucket's state, and the call itself.
type cfgCall struct {
	op, action, sub string
	call            func(c *s3.Client) error
}

func cfgCalls() []cfgCall {
	b := aws.String(cfgBucket)
	ok := func(_ any, err error) error { return err }
	return []cfgCall{
		{"PutBucketTagging", "s3:PutBucketTagging", "tagging", func(c *s3.Client) error {
			return ok(c.PutBucketTagging(cfgCtx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: &types.Tagging{TagSet: tagSet("a", "b")}}))
		}},
		{"GetBucketTagging", "s3:GetBucketTagging", "tagging", func(c *s3.Client) error {
			return ok(c.GetBucketTagging(cfgCtx, &s3.GetBucketTaggingInput{Bucket: b}))
		}},
		{"DeleteBucketTagging", "s3:PutBucketTagging", "tagging", func(c *s3.Client) error {
			return ok(c.DeleteBucketTagging(cfgCtx, &s3.DeleteBucketTaggingInput{Bucket: b}))
		}},
		{"PutBucketEncryption", "s3:PutEncryptionConfiguration", "encryption", func(c *s3.Client) error {
			return ok(c.PutBucketEncryption(cfgCtx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{
				Rules: []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKms}}}}}))
		}},
		{"GetBucketEncryption", "s3:GetEncryptionConfiguration", "encryption", func(c *s3.Client) error {
			return ok(c.GetBucketEncryption(cfgCtx, &s3.GetBucketEncryptionInput{Bucket: b}))
		}},
		{"DeleteBucketEncryption", "s3:PutEncryptionConfiguration", "encryption", func(c *s3.Client) error {
			return ok(c.DeleteBucketEncryption(cfgCtx, &s3.DeleteBucketEncryptionInput{Bucket: b}))
		}},
		{"PutBucketCors", "s3:PutBucketCORS", "cors", func(c *s3.Client) error {
			return ok(c.PutBucketCors(cfgCtx, &s3.PutBucketCorsInput{Bucket: b, CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{corsRule("GET")}}}))
		}},
		{"GetBucketCors", "s3:GetBucketCORS", "cors", func(c *s3.Client) error {
			return ok(c.GetBucketCors(cfgCtx, &s3.GetBucketCorsInput{Bucket: b}))
		}},
		{"DeleteBucketCors", "s3:PutBucketCORS", "cors", func(c *s3.Client) error {
			return ok(c.DeleteBucketCors(cfgCtx, &s3.DeleteBucketCorsInput{Bucket: b}))
		}},
		{"PutBucketWebsite", "s3:PutBucketWebsite", "website", func(c *s3.Client) error {
			return ok(c.PutBucketWebsite(cfgCtx, &s3.PutBucketWebsiteInput{Bucket: b, WebsiteConfiguration: &types.WebsiteConfiguration{
				IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")}}}))
		}},
		{"GetBucketWebsite", "s3:GetBucketWebsite", "website", func(c *s3.Client) error {
			return ok(c.GetBucketWebsite(cfgCtx, &s3.GetBucketWebsiteInput{Bucket: b}))
		}},
		{"DeleteBucketWebsite", "s3:DeleteBucketWebsite", "website", func(c *s3.Client) error {
			return ok(c.DeleteBucketWebsite(cfgCtx, &s3.DeleteBucketWebsiteInput{Bucket: b}))
		}},
		{"PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration", "lifecycle", func(c *s3.Client) error {
			return ok(c.PutBucketLifecycleConfiguration(cfgCtx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b,
				LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{expireRule("r", 1)}}}))
		}},
		{"GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration", "lifecycle", func(c *s3.Client) error {
			return ok(c.GetBucketLifecycleConfiguration(cfgCtx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b}))
		}},
		{"DeleteBucketLifecycle", "s3:PutLifecycleConfiguration", "lifecycle", func(c *s3.Client) error {
			return ok(c.DeleteBucketLifecycle(cfgCtx, &s3.DeleteBucketLifecycleInput{Bucket: b}))
		}},
		{"PutBucketReplication", "s3:PutReplicationConfiguration", "replication", func(c *s3.Client) error {
			return ok(c.PutBucketReplication(cfgCtx, &s3.PutBucketReplicationInput{Bucket: b, ReplicationConfiguration: &types.ReplicationConfiguration{
				Role: aws.String(replRole), Rules: []types.ReplicationRule{v2Rule("r", 1, "", "elsewhere")}}}))
		}},
		{"GetBucketReplication", "s3:GetReplicationConfiguration", "replication", func(c *s3.Client) error {
			return ok(c.GetBucketReplication(cfgCtx, &s3.GetBucketReplicationInput{Bucket: b}))
		}},
		{"DeleteBucketReplication", "s3:PutReplicationConfiguration", "replication", func(c *s3.Client) error {
			return ok(c.DeleteBucketReplication(cfgCtx, &s3.DeleteBucketReplicationInput{Bucket: b}))
		}},
		{"PutBucketOwnershipControls", "s3:PutBucketOwnershipControls", "ownershipControls", func(c *s3.Client) error {
			return ok(c.PutBucketOwnershipControls(cfgCtx, &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: &types.OwnershipControls{
				Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}}))
		}},
		{"GetBucketOwnershipControls", "s3:GetBucketOwnershipControls", "ownershipControls", func(c *s3.Client) error {
			return ok(c.GetBucketOwnershipControls(cfgCtx, &s3.GetBucketOwnershipControlsInput{Bucket: b}))
		}},
		{"DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls", "ownershipControls", func(c *s3.Client) error {
			return ok(c.DeleteBucketOwnershipControls(cfgCtx, &s3.DeleteBucketOwnershipControlsInput{Bucket: b}))
		}},
		{"PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock", "publicAccessBlock", func(c *s3.Client) error {
			return ok(c.PutPublicAccessBlock(cfgCtx, &s3.PutPublicAccessBlockInput{Bucket: b, PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{
				BlockPublicAcls: aws.Bool(false)}}))
		}},
		{"GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock", "publicAccessBlock", func(c *s3.Client) error {
			return ok(c.GetPublicAccessBlock(cfgCtx, &s3.GetPublicAccessBlockInput{Bucket: b}))
		}},
		{"DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock", "publicAccessBlock", func(c *s3.Client) error {
			return ok(c.DeletePublicAccessBlock(cfgCtx, &s3.DeletePublicAccessBlockInput{Bucket: b}))
		}},
		{"PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration", "object-lock", func(c *s3.Client) error {
			return putObjectLock(c, cfgBucket, retention(types.ObjectLockRetentionModeGovernance, aws.Int32(1), nil))
		}},
		{"GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration", "object-lock", func(c *s3.Client) error {
			return ok(c.GetObjectLockConfiguration(cfgCtx, &s3.GetObjectLockConfigurationInput{Bucket: b}))
		}},
		{"PutBucketLogging", "s3:PutBucketLogging", "logging", func(c *s3.Client) error {
			return ok(c.PutBucketLogging(cfgCtx, &s3.PutBucketLoggingInput{Bucket: b, BucketLoggingStatus: &types.BucketLoggingStatus{
				LoggingEnabled: &types.LoggingEnabled{TargetBucket: b, TargetPrefix: aws.String("logs/")}}}))
		}},
		{"GetBucketLogging", "s3:GetBucketLogging", "logging", func(c *s3.Client) error {
			return ok(c.GetBucketLogging(cfgCtx, &s3.GetBucketLoggingInput{Bucket: b}))
		}},
		{"PutBucketAccelerateConfiguration", "s3:PutAccelerateConfiguration", "accelerate", func(c *s3.Client) error {
			return ok(c.PutBucketAccelerateConfiguration(cfgCtx, &s3.PutBucketAccelerateConfigurationInput{Bucket: b,
				AccelerateConfiguration: &types.AccelerateConfiguration{Status: types.BucketAccelerateStatusEnabled}}))
		}},
		{"GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration", "accelerate", func(c *s3.Client) error {
			return ok(c.GetBucketAccelerateConfiguration(cfgCtx, &s3.GetBucketAccelerateConfigurationInput{Bucket: b}))
		}},
		{"PutBucketRequestPayment", "s3:PutBucketRequestPayment", "requestPayment", func(c *s3.Client) error {
			return ok(c.PutBucketRequestPayment(cfgCtx, &s3.PutBucketRequestPaymentInput{Bucket: b,
				RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: types.PayerRequester}}))
		}},
		{"GetBucketRequestPayment", "s3:GetBucketRequestPayment", "requestPayment", func(c *s3.Client) error {
			return ok(c.GetBucketRequestPayment(cfgCtx, &s3.GetBucketRequestPaymentInput{Bucket: b}))
		}},
		{"PutBucketNotificationConfiguration", "s3:PutBucketNotification", "notification", func(c *s3.Client) error {
			return ok(c.PutBucketNotificationConfiguration(cfgCtx, &s3.PutBucketNotificationConfigurationInput{Bucket: b,
				NotificationConfiguration: &types.NotificationConfiguration{EventBridgeConfiguration: &types.EventBridgeConfiguration{}}}))
		}},
		{"GetBucketNotificationConfiguration", "s3:GetBucketNotification", "notification", func(c *s3.Client) error {
			return ok(c.GetBucketNotificationConfiguration(cfgCtx, &s3.GetBucketNotificationConfigurationInput{Bucket: b}))
		}},
	}
}

func TestBucketConfigurationAccess(t *testing.T) {
	t.Parallel()
	calls := cfgCalls()
	var actions []string
	for _, c := range calls {
		actions = append(actions, c.action)
	}
	for _, c := range calls {
		t.Run(c.op, func(t *testing.T) {
			t.Parallel()
			w := newCfgWorld(t)
			other, tap := tappedClient(w.srv, w.srv.CreateAccount(fixtures.Other))
			var others []string
			for _, a := range actions {
				if a != c.action {
					others = append(others, a)
				}
			}
			require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other, others...)))
			before := w.raw(t, http.MethodGet, c.sub, "", nil)

			err := c.call(other)
			requireSDKError(t, err, wantAccessDenied())
			requireS3Error(t, tap.response(t), wantAccessDenied())
			after := w.raw(t, http.MethodGet, c.sub, "", nil)
			assert.Equal(t, before.status, after.status, "a refused %s changed the bucket", c.op)
			assert.Equal(t, stripIDs(before.body), stripIDs(after.body), "a refused %s changed the bucket", c.op)

			require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other, c.action)))
			_ = c.call(other)
			assert.NotEqual(t, http.StatusForbidden, tap.response(t).status, "%s granted %s: body %s", c.op, c.action, tap.response(t).body)
		})
	}
}

// stripIDs drops the request ids of an error body, which differ from call
// to call.
func stripIDs(body []byte) string {
	s := string(body)
	if i := strings.Index(s, "<RequestId>"); i >= 0 {
		s = s[:i]
	}
	return s
}
