package s3fake_test

// Transfer Acceleration, Requester Pays and event notifications through
// aws-sdk-go-v2: Put and Get, with the answers of a bucket that never
// set them.

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
	"github.com/s3fake/s3fake/s3fake"
)

func TestBucketAccelerate(t *testing.T) {
	w := newCfgWorld(t)
	out, err := w.c.GetBucketAccelerateConfiguration(cfgCtx, &s3.GetBucketAccelerateConfigurationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Empty(t, out.Status, "a bucket that never set it answers an empty AccelerateConfiguration")
	w.requireGolden(t, "accelerate-none.xml")

	for _, st := range []types.BucketAccelerateStatus{types.BucketAccelerateStatusEnabled, types.BucketAccelerateStatusSuspended} {
		_, err := w.c.PutBucketAccelerateConfiguration(cfgCtx, &s3.PutBucketAccelerateConfigurationInput{Bucket: aws.String(cfgBucket),
			AccelerateConfiguration: &types.AccelerateConfiguration{Status: st}})
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, w.tap.response(t).status)
		out, err := w.c.GetBucketAccelerateConfiguration(cfgCtx, &s3.GetBucketAccelerateConfigurationInput{Bucket: aws.String(cfgBucket)})
		require.NoError(t, err)
		assert.Equal(t, st, out.Status)
	}
	w.requireGolden(t, "accelerate-suspended.xml")
}

func TestBucketAccelerateRefusals(t *testing.T) {
	w := newCfgWorld(t)
	require.NoError(t, w.srv.CreateBucket("with.dots", s3fake.OwnedBy(fixtures.Owner)))
	_, err := w.c.PutBucketAccelerateConfiguration(cfgCtx, &s3.PutBucketAccelerateConfigurationInput{Bucket: aws.String("with.dots"),
		AccelerateConfiguration: &types.AccelerateConfiguration{Status: types.BucketAccelerateStatusEnabled}})
	w.requireRefused(t, err, wantInvalid("InvalidRequest", "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names"))

	_, err = w.c.PutBucketAccelerateConfiguration(cfgCtx, &s3.PutBucketAccelerateConfigurationInput{Bucket: aws.String(cfgBucket),
		AccelerateConfiguration: &types.AccelerateConfiguration{Status: "On"}})
	w.requireRefused(t, err, wantMalformed())
	requireS3Error(t, w.raw(t, http.MethodPut, "accelerate", xmlDoc("AccelerateConfiguration", ``), nil), wantMalformed())
	out, err := w.c.GetBucketAccelerateConfiguration(cfgCtx, &s3.GetBucketAccelerateConfigurationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Empty(t, out.Status)
}

func TestBucketRequestPayment(t *testing.T) {
	w := newCfgWorld(t)
	out, err := w.c.GetBucketRequestPayment(cfgCtx, &s3.GetBucketRequestPaymentInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, types.PayerBucketOwner, out.Payer)
	w.requireGolden(t, "request-payment-default.xml")

	_, err = w.c.PutBucketRequestPayment(cfgCtx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(cfgBucket),
		RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: types.PayerRequester}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	out, err = w.c.GetBucketRequestPayment(cfgCtx, &s3.GetBucketRequestPaymentInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, types.PayerRequester, out.Payer)

	_, err = w.c.PutBucketRequestPayment(cfgCtx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(cfgBucket),
		RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: "Nobody"}})
	w.requireRefused(t, err, wantMalformed())
	requireS3Error(t, w.raw(t, http.MethodPut, "requestPayment", xmlDoc("RequestPaymentConfiguration", `<Payer>Requester</Payer><Payer>Requester</Payer>`), nil), wantMalformed())
	requireS3Error(t, w.raw(t, http.MethodPut, "requestPayment", "", nil), wantMissingBody())
	out, err = w.c.GetBucketRequestPayment(cfgCtx, &s3.GetBucketRequestPaymentInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, types.PayerRequester, out.Payer, "refusals changed nothing")
}

const (
	topicARN  = "arn:aws:sns:us-east-1:111111111111:uploads"
	queueARN  = "arn:aws:sqs:us-east-1:111111111111:uploads"
	lambdaARN = "arn:aws:lambda:us-east-1:111111111111:function:thumbnail"
)

func putNotification(w *cfgWorld, n types.NotificationConfiguration) error {
	_, err := w.c.PutBucketNotificationConfiguration(cfgCtx, &s3.PutBucketNotificationConfigurationInput{
		Bucket: aws.String(cfgBucket), NotificationConfiguration: &n})
	return err
}

func keyFilter(prefix, suffix string) *types.NotificationConfigurationFilter {
	return &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{
		{Name: types.FilterRuleNamePrefix, Value: aws.String(prefix)}, {Name: types.FilterRuleNameSuffix, Value: aws.String(suffix)}}}}
}

func TestBucketNotification(t *testing.T) {
	w := newCfgWorld(t)
	out, err := w.c.GetBucketNotificationConfiguration(cfgCtx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Empty(t, out.TopicConfigurations)
	w.requireGolden(t, "notification-none.xml")

	cfg := types.NotificationConfiguration{
		TopicConfigurations: []types.TopicConfiguration{{Id: aws.String("images"), TopicArn: aws.String(topicARN),
			Events: []types.Event{types.EventS3ObjectCreated}, Filter: keyFilter("images/", ".jpg")}},
		QueueConfigurations: []types.QueueConfiguration{{Id: aws.String("removals"), QueueArn: aws.String(queueARN),
			Events: []types.Event{types.EventS3ObjectRemovedDelete, types.EventS3ObjectRemovedDeleteMarkerCreated}}},
		LambdaFunctionConfigurations: []types.LambdaFunctionConfiguration{{Id: aws.String("thumbs"), LambdaFunctionArn: aws.String(lambdaARN),
			Events: []types.Event{types.EventS3ObjectCreatedPut}, Filter: keyFilter("raw/", ".png")}},
		EventBridgeConfiguration: &types.EventBridgeConfiguration{},
	}
	require.NoError(t, putNotification(w, cfg))
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	out, err = w.c.GetBucketNotificationConfiguration(cfgCtx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	// S3 answers the filter rule names as Prefix and Suffix, whatever case
	// they were sent in (aws/aws-sdk-go-v2#1595).
	for _, r := range []*types.NotificationConfigurationFilter{cfg.TopicConfigurations[0].Filter, cfg.LambdaFunctionConfigurations[0].Filter} {
		r.Key.FilterRules[0].Name, r.Key.FilterRules[1].Name = "Prefix", "Suffix"
	}
	assert.Equal(t, cfg.TopicConfigurations, out.TopicConfigurations)
	assert.Equal(t, cfg.QueueConfigurations, out.QueueConfigurations)
	assert.Equal(t, cfg.LambdaFunctionConfigurations, out.LambdaFunctionConfigurations)
	assert.NotNil(t, out.EventBridgeConfiguration)
	w.requireGolden(t, "notification.xml")

	// S3 names a configuration without an Id; an empty configuration
	// removes them all.
	require.NoError(t, putNotification(w, types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{
		{QueueArn: aws.String(queueARN), Events: []types.Event{types.EventS3ObjectRestoreCompleted}}}}))
	out, err = w.c.GetBucketNotificationConfiguration(cfgCtx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	require.Len(t, out.QueueConfigurations, 1)
	assert.NotEmpty(t, aws.ToString(out.QueueConfigurations[0].Id))
	require.NoError(t, putNotification(w, types.NotificationConfiguration{}))
	out, err = w.c.GetBucketNotificationConfiguration(cfgCtx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Empty(t, out.QueueConfigurations)
	w.requireGolden(t, "notification-none.xml")
}

func TestBucketNotificationRefusals(t *testing.T) {
	w := newCfgWorld(t)
	topic := func(arn string, events []types.Event, f *types.NotificationConfigurationFilter) types.NotificationConfiguration {
		return types.NotificationConfiguration{TopicConfigurations: []types.TopicConfiguration{
			{TopicArn: aws.String(arn), Events: events, Filter: f}}}
	}
	created := []types.Event{types.EventS3ObjectCreated}
	overlap := topic(topicARN, created, keyFilter("a/", ""))
	overlap.QueueConfigurations = []types.QueueConfiguration{{QueueArn: aws.String(queueARN),
		Events: []types.Event{types.EventS3ObjectCreatedCopy}, Filter: keyFilter("a/b/", "")}}
	cases := []struct {
		name string
		cfg  types.NotificationConfiguration
		msg  string
		arg  string
	}{
		{"a queue ARN for a topic", topic(queueARN, created, nil), "The ARN is not well formed", "Topic"},
		{"not an ARN", topic("uploads", created, nil), "The ARN is not well formed", "Topic"},
		{"an event S3 does not have", topic(topicARN, []types.Event{"s3:ObjectCreated:Teleport"}, nil),
			"The event is not supported for notifications", "Event"},
		{"a filter rule named neither prefix nor suffix", topic(topicARN, created,
			&types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{{Name: "contains", Value: aws.String("x")}}}}),
			"filter rule name must be either prefix or suffix", "FilterRule.Name"},
		{"two prefix rules", topic(topicARN, created,
			&types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{
				{Name: types.FilterRuleNamePrefix, Value: aws.String("a")}, {Name: types.FilterRuleNamePrefix, Value: aws.String("b")}}}}),
			"Cannot specify more than one prefix rule in a filter.", "FilterRule.Name"},
		{"overlapping configurations", overlap,
			"Configurations overlap. Configurations on the same bucket cannot share a common event type.", "Event"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w.requireRefused(t, putNotification(w, c.cfg), wantInvalid("InvalidArgument", c.msg))
			assert.Equal(t, c.arg, errorElements(t, w.lastBody(t))["ArgumentName"])
			out, err := w.c.GetBucketNotificationConfiguration(cfgCtx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(cfgBucket)})
			require.NoError(t, err)
			assert.Empty(t, out.TopicConfigurations)
		})
	}
	t.Run("disjoint prefixes share an event type", func(t *testing.T) {
		ok := topic(topicARN, created, keyFilter("a/", ""))
		ok.QueueConfigurations = []types.QueueConfiguration{{QueueArn: aws.String(queueARN), Events: created, Filter: keyFilter("b/", "")}}
		require.NoError(t, putNotification(w, ok))
	})
	t.Run("a configuration without an event", func(t *testing.T) {
		body := xmlDoc("NotificationConfiguration", `<TopicConfiguration><Topic>`+topicARN+`</Topic></TopicConfiguration>`)
		requireS3Error(t, w.raw(t, http.MethodPut, "notification", body, nil), wantMalformed())
	})
	t.Run("an unknown destination", func(t *testing.T) {
		body := xmlDoc("NotificationConfiguration", `<PigeonConfiguration/>`)
		resp := w.raw(t, http.MethodPut, "notification", body, nil)
		requireS3Error(t, resp, wantMalformed())
		assert.False(t, strings.Contains(string(resp.body), "Pigeon"), "the error does not echo the document")
	})
}
