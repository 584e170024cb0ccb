package s3fake_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/require"
)

// An open multipart upload keeps its request's headers until it
// completes, and a data directory writes them to disk: never the
// request's credentials. The upload still completes after a restart.
func TestDataDirKeepsNoCredentials(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir)
	ctx := context.Background()
	c := s.Client()
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("uploads")})
	require.NoError(t, err)
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("uploads"), Key: aws.String("k"),
		ContentType: aws.String("text/plain")})
	require.NoError(t, err)
	s.Close()

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	read := 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		read += len(data)
		for _, secret := range []string{"AWS4-HMAC-SHA256", "Credential=", "Signature="} {
			require.NotContains(t, string(data), secret, "%s holds a request's credentials", e.Name())
		}
	}
	require.Positive(t, read, "the data directory holds the writes")

	s2 := openDir(t, dir)
	c2 := s2.Client()
	part, err := c2.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("uploads"), Key: aws.String("k"), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: strings.NewReader("hello")})
	require.NoError(t, err)
	_, err = c2.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("uploads"), Key: aws.String("k"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: part.ETag}}}})
	require.NoError(t, err)
	head, err := c2.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("uploads"), Key: aws.String("k")})
	require.NoError(t, err)
	require.Equal(t, "text/plain", aws.ToString(head.ContentType), "the upload's own headers were kept")
}
