package s3fake_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// A retrying client survives one SlowDown; a non-retrying one sees it.
func TestFailNextIsRetried(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("src")
	srv.FailNext("GetBucketInventoryConfiguration", s3fake.Fault{Code: "SlowDown"})
	attempts := 0
	client := srv.Client(func(o *s3.Options) {
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxBackoff = time.Millisecond
		})
		o.APIOptions = append(o.APIOptions, func(stack *middlewareStack) error { return countAttempts(stack, &attempts) })
	})
	_, err := client.GetBucketInventoryConfiguration(context.Background(), &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("src"), Id: aws.String("missing"),
	})
	var apiErr smithy.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "NoSuchConfiguration", apiErr.ErrorCode(), "the retry reached the real answer")
	assert.Equal(t, 2, attempts)
}

func TestFailAlwaysAndClear(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("src")
	client := srv.Client(func(o *s3.Options) { o.Retryer = aws.NopRetryer{} })
	ctx := context.Background()
	srv.FailAlways("PutObject", s3fake.Fault{Code: "InternalError"})
	for range 3 {
		_, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("k")})
		var re *awshttp.ResponseError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, http.StatusInternalServerError, re.HTTPStatusCode())
	}
	assert.Empty(t, srv.ObjectVersions("src", ""), "a failed request changes nothing")
	_, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("src")})
	require.NoError(t, err, "other operations are not affected")

	srv.ClearFaults()
	_, err = client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("k")})
	require.NoError(t, err)

	srv.FailAlways("*", s3fake.Fault{Code: "AccessDenied", Status: http.StatusForbidden, Message: "nope"})
	_, err = client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("src")})
	var re *awshttp.ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, http.StatusForbidden, re.HTTPStatusCode())
}

// A delay longer than the client's timeout makes the client time out.
func TestFaultDelay(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("src")
	srv.FailNext("HeadBucket", s3fake.Fault{Delay: 2 * time.Second})
	client := srv.Client(func(o *s3.Options) { o.Retryer = aws.NopRetryer{} })
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("src")})
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	_, err = client.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("src")})
	require.NoError(t, err, "FailNext is consumed")
}
