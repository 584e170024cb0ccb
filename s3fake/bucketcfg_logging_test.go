package s3fake_test

// Server access logging configuration through aws-sdk-go-v2.

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

func putLogging(w *cfgWorld, le *types.LoggingEnabled) error {
	_, err := w.c.PutBucketLogging(cfgCtx, &s3.PutBucketLoggingInput{Bucket: aws.String(cfgBucket),
		BucketLoggingStatus: &types.BucketLoggingStatus{LoggingEnabled: le}})
	return err
}

func getLogging(t *testing.T, w *cfgWorld) *types.LoggingEnabled {
	t.Helper()
	out, err := w.c.GetBucketLogging(cfgCtx, &s3.GetBucketLoggingInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	return out.LoggingEnabled
}

func TestBucketLogging(t *testing.T) {
	w := newCfgWorld(t)
	require.NoError(t, w.srv.CreateBucket("cfg-logs", s3fake.OwnedBy(fixtures.Owner)))
	assert.Nil(t, getLogging(t, w), "a new bucket does not log")
	w.requireGolden(t, "logging-off.xml")

	le := &types.LoggingEnabled{TargetBucket: aws.String("cfg-logs"), TargetPrefix: aws.String("access/"),
		TargetObjectKeyFormat: &types.TargetObjectKeyFormat{PartitionedPrefix: &types.PartitionedPrefix{
			PartitionDateSource: types.PartitionDateSourceEventTime}}}
	require.NoError(t, putLogging(w, le))
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	assert.Equal(t, le, getLogging(t, w))
	w.requireGolden(t, "logging-on.xml")

	simple := &types.LoggingEnabled{TargetBucket: aws.String(cfgBucket), TargetPrefix: aws.String(""),
		TargetObjectKeyFormat: &types.TargetObjectKeyFormat{SimplePrefix: &types.SimplePrefix{}}}
	require.NoError(t, putLogging(w, simple), "a bucket may log into itself")
	assert.Equal(t, simple, getLogging(t, w))

	require.NoError(t, putLogging(w, nil), "an empty BucketLoggingStatus turns logging off")
	assert.Nil(t, getLogging(t, w))
}

func TestBucketLoggingRefusals(t *testing.T) {
	w := newCfgWorld(t)
	w.srv.CreateAccount(fixtures.Other)
	require.NoError(t, w.srv.CreateBucket("someone-elses", s3fake.OwnedBy(fixtures.Other)))
	bucketCreate(t, w.c, "cfg-logs-eu", inRegion("eu-west-2"))
	to := func(bucket string) *types.LoggingEnabled {
		return &types.LoggingEnabled{TargetBucket: aws.String(bucket), TargetPrefix: aws.String("p/")}
	}
	cases := []struct {
		name   string
		target string
		want   wantS3Error
	}{
		{"a target that does not exist", "no-such-target", wantS3Error{status: http.StatusBadRequest,
			code: "InvalidTargetBucketForLogging", message: "The target bucket for logging does not exist",
			values: map[string]string{"TargetBucket": "no-such-target"}}},
		{"a target of another owner", "someone-elses", wantS3Error{status: http.StatusBadRequest,
			code: "InvalidTargetBucketForLogging", message: "The owner for the bucket to be logged and the target bucket must be the same.",
			values: map[string]string{"TargetBucket": "someone-elses"}}},
		{"a target in another region", "cfg-logs-eu", wantS3Error{status: http.StatusForbidden,
			code: "CrossLocationLoggingProhibitted", message: "Cross S3 location logging not allowed. ",
			values: map[string]string{"SourceBucketLocation": "us-east-1", "TargetBucketLocation": "eu-west-2"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w.requireRefused(t, putLogging(w, to(c.target)), c.want)
			assert.Nil(t, getLogging(t, w))
		})
	}
	for name, inner := range map[string]string{
		"no TargetPrefix": `<LoggingEnabled><TargetBucket>` + cfgBucket + `</TargetBucket></LoggingEnabled>`,
		"both key formats": `<LoggingEnabled><TargetBucket>` + cfgBucket + `</TargetBucket><TargetPrefix/>` +
			`<TargetObjectKeyFormat><SimplePrefix/><PartitionedPrefix/></TargetObjectKeyFormat></LoggingEnabled>`,
		"a date source S3 does not have": `<LoggingEnabled><TargetBucket>` + cfgBucket + `</TargetBucket><TargetPrefix/>` +
			`<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>Now</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat></LoggingEnabled>`,
	} {
		t.Run(name, func(t *testing.T) {
			requireS3Error(t, w.raw(t, http.MethodPut, "logging", xmlDoc("BucketLoggingStatus", inner), nil), wantMalformed())
		})
	}
}
