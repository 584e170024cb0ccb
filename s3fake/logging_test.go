package s3fake_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Every request, ours or gofakes3's, successful or not, gets one log record
// with method, bucket, operation, status and duration.
func TestRequestLog(t *testing.T) {
	var out syncBuffer
	srv := s3fake.Start(t, s3fake.WithLogger(slog.New(slog.NewTextHandler(&out, nil))))
	c := srv.Client()
	ctx := context.Background()
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("logged")})
	require.NoError(t, err)
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("logged"), Key: aws.String("missing")})
	require.Error(t, err)
	_, err = c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String("logged"), Id: aws.String("x")})
	require.Error(t, err)
	log := out.String()
	assert.Contains(t, log, "method=PUT bucket=logged key=\"\" op=CreateBucket status=200 duration=")
	assert.Contains(t, log, "method=GET bucket=logged key=missing op=GetObject status=404 duration=")
	assert.Contains(t, log, "op=GetBucketInventoryConfiguration status=404")
	assert.Equal(t, 3, bytes.Count([]byte(log), []byte("msg=request ")))
}
