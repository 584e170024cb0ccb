package objstore_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/johannesboyne/gofakes3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/objstore"
)

// e2e is a Store served by gofakes3 and an SDK client pointed at it.
type e2e struct {
	store  *objstore.Store
	client *s3.Client
	now    time.Time

	mu      sync.Mutex
	deleted []string
}

func newE2E(t *testing.T) *e2e {
	t.Helper()
	e := &e2e{now: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	e.store = objstore.New(objstore.Config{
		Now:          func() time.Time { return e.now },
		DefaultOwner: "123456789012",
		OnBucketDeleted: func(b string) {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.deleted = append(e.deleted, b)
		},
	})
	srv := httptest.NewServer(gofakes3.New(objstore.Legacy(e.store), gofakes3.WithTimeSkewLimit(0)).Server())
	t.Cleanup(srv.Close)
	e.client = s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	return e
}

func (e *e2e) deletedBuckets() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.deleted...)
}

func (e *e2e) put(t *testing.T, bucket, key, body string, meta map[string]string) *s3.PutObjectOutput {
	t.Helper()
	out, err := e.client.PutObject(context.Background(), &s3.PutObjectInput{
		Bucket:   aws.String(bucket),
		Key:      aws.String(key),
		Body:     bytes.NewReader([]byte(body)),
		Metadata: meta,
	})
	require.NoError(t, err)
	return out
}

func (e *e2e) get(t *testing.T, bucket, key, rng string) (*s3.GetObjectOutput, string) {
	t.Helper()
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if rng != "" {
		in.Range = aws.String(rng)
	}
	out, err := e.client.GetObject(context.Background(), in)
	require.NoError(t, err)
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	require.NoError(t, err)
	return out, string(b)
}

func requireAPIError(t *testing.T, err error, code string) {
	t.Helper()
	require.Error(t, err)
	// Matches smithy.APIError without importing smithy-go directly.
	var ae interface{ ErrorCode() string }
	require.Truef(t, errors.As(err, &ae), "not an API error: %v", err)
	assert.Equal(t, code, ae.ErrorCode())
}

func TestEndToEnd(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t)
	c := e.client

	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	_, err = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("other")})
	require.NoError(t, err)
	owner, ok := e.store.BucketOwner("bkt")
	require.True(t, ok)
	assert.Equal(t, "123456789012", owner)

	t.Run("put overwrite drops old metadata", func(t *testing.T) {
		e.put(t, "bkt", "meta.txt", "first", map[string]string{"old": "1", "both": "a"})
		out := e.put(t, "bkt", "meta.txt", "second", map[string]string{"both": "b"})
		assert.Equal(t, `"a9f0e61a137d86aa9db53465e0801612"`, aws.ToString(out.ETag)) // md5("second")

		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("meta.txt")})
		require.NoError(t, err)
		assert.Equal(t, map[string]string{"both": "b"}, head.Metadata)
		assert.Equal(t, int64(6), aws.ToInt64(head.ContentLength))
		assert.Equal(t, aws.ToString(out.ETag), aws.ToString(head.ETag))
	})

	t.Run("get full and ranged", func(t *testing.T) {
		e.put(t, "bkt", "digits", "0123456789", nil)
		out, body := e.get(t, "bkt", "digits", "")
		assert.Equal(t, "0123456789", body)
		assert.Equal(t, int64(10), aws.ToInt64(out.ContentLength))
		assert.Nil(t, out.ContentRange)

		out, body = e.get(t, "bkt", "digits", "bytes=2-4")
		assert.Equal(t, "234", body)
		assert.Equal(t, "bytes 2-4/10", aws.ToString(out.ContentRange))
		_, body = e.get(t, "bkt", "digits", "bytes=-3")
		assert.Equal(t, "789", body)
		_, body = e.get(t, "bkt", "digits", "bytes=8-")
		assert.Equal(t, "89", body)

		_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("missing")})
		var nsk *types.NoSuchKey
		assert.True(t, errors.As(err, &nsk), "want NoSuchKey, got %v", err)
	})

	t.Run("head object", func(t *testing.T) {
		e.put(t, "bkt", "h", "abc", map[string]string{"k": "v"})
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("h")})
		require.NoError(t, err)
		assert.Equal(t, int64(3), aws.ToInt64(head.ContentLength))
		assert.Equal(t, `"900150983cd24fb0d6963f7d28e17f72"`, aws.ToString(head.ETag)) // md5("abc")
		assert.Equal(t, "v", head.Metadata["k"])

		_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("nope")})
		var nf *types.NotFound
		assert.True(t, errors.As(err, &nf), "want NotFound, got %v", err)
	})

	t.Run("list with prefix, delimiter and paging", func(t *testing.T) {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("list")})
		require.NoError(t, err)
		for _, k := range []string{"dir/a", "dir/b", "dir/sub/c", "dir/sub/d", "dir/z", "other/x", "root1", "root2"} {
			e.put(t, "list", k, "data-"+k, nil)
		}

		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{
			Bucket: aws.String("list"), Prefix: aws.String("dir/"), Delimiter: aws.String("/"),
		})
		require.NoError(t, err)
		assert.Equal(t, []string{"dir/a", "dir/b", "dir/z"}, contentKeys(out.Contents))
		require.Len(t, out.CommonPrefixes, 1)
		assert.Equal(t, "dir/sub/", aws.ToString(out.CommonPrefixes[0].Prefix))
		assert.False(t, aws.ToBool(out.IsTruncated))
		assert.Equal(t, int32(4), aws.ToInt32(out.KeyCount))
		first := out.Contents[0]
		assert.Equal(t, int64(len("data-dir/a")), aws.ToInt64(first.Size))
		assert.Equal(t, types.ObjectStorageClassStandard, first.StorageClass)
		assert.True(t, e.now.Equal(aws.ToTime(first.LastModified)), "LastModified comes from Config.Now")
		assert.NotEmpty(t, aws.ToString(first.ETag))

		// Paging by hand across three pages of at most 3 keys.
		var pages [][]string
		in := &s3.ListObjectsV2Input{Bucket: aws.String("list"), MaxKeys: aws.Int32(3)}
		for i := 0; ; i++ {
			require.Less(t, i, 10)
			page, err := c.ListObjectsV2(ctx, in)
			require.NoError(t, err)
			pages = append(pages, contentKeys(page.Contents))
			if !aws.ToBool(page.IsTruncated) {
				break
			}
			require.NotEmpty(t, aws.ToString(page.NextContinuationToken))
			in.ContinuationToken = page.NextContinuationToken
		}
		assert.Equal(t, [][]string{
			{"dir/a", "dir/b", "dir/sub/c"},
			{"dir/sub/d", "dir/z", "other/x"},
			{"root1", "root2"},
		}, pages)

		// The SDK paginator with a delimiter sees each common prefix once.
		var keys, prefixes []string
		p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{
			Bucket: aws.String("list"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(1),
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			require.NoError(t, err)
			keys = append(keys, contentKeys(page.Contents)...)
			for _, cp := range page.CommonPrefixes {
				prefixes = append(prefixes, aws.ToString(cp.Prefix))
			}
		}
		assert.Equal(t, []string{"root1", "root2"}, keys)
		assert.Equal(t, []string{"dir/", "other/"}, prefixes)

		// Exactly MaxKeys matching items: not truncated.
		out, err = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{
			Bucket: aws.String("list"), Prefix: aws.String("root"), MaxKeys: aws.Int32(2),
		})
		require.NoError(t, err)
		assert.Equal(t, []string{"root1", "root2"}, contentKeys(out.Contents))
		assert.False(t, aws.ToBool(out.IsTruncated))
	})

	t.Run("copy object", func(t *testing.T) {
		e.put(t, "bkt", "src", "copy me", map[string]string{"src": "1"})
		out, err := c.CopyObject(ctx, &s3.CopyObjectInput{
			Bucket: aws.String("other"), Key: aws.String("dst"), CopySource: aws.String("bkt/src"),
		})
		require.NoError(t, err)
		require.NotNil(t, out.CopyObjectResult)
		assert.Equal(t, `"56fe0b1409a5662d70cfedc4555d4771"`, aws.ToString(out.CopyObjectResult.ETag)) // md5("copy me")

		got, body := e.get(t, "other", "dst", "")
		assert.Equal(t, "copy me", body)
		assert.Equal(t, "1", got.Metadata["src"], "metadata is copied by default")

		_, err = c.CopyObject(ctx, &s3.CopyObjectInput{
			Bucket: aws.String("other"), Key: aws.String("dst2"), CopySource: aws.String("bkt/missing"),
		})
		requireAPIError(t, err, "NoSuchKey")
	})

	t.Run("delete object and objects", func(t *testing.T) {
		for _, k := range []string{"d1", "d2", "d3"} {
			e.put(t, "other", k, k, nil)
		}
		_, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("other"), Key: aws.String("d1")})
		require.NoError(t, err)
		_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("other"), Key: aws.String("d1")})
		require.NoError(t, err, "deleting a missing key succeeds")

		out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{
			Bucket: aws.String("other"),
			Delete: &types.Delete{Objects: []types.ObjectIdentifier{
				{Key: aws.String("d2")}, {Key: aws.String("d3")}, {Key: aws.String("never")},
			}},
		})
		require.NoError(t, err)
		assert.Empty(t, out.Errors)
		var deleted []string
		for _, d := range out.Deleted {
			deleted = append(deleted, aws.ToString(d.Key))
		}
		assert.ElementsMatch(t, []string{"d2", "d3", "never"}, deleted)

		list, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("other")})
		require.NoError(t, err)
		assert.Equal(t, []string{"dst"}, contentKeys(list.Contents))
	})

	t.Run("delete bucket", func(t *testing.T) {
		_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("other")})
		requireAPIError(t, err, "BucketNotEmpty")
		assert.Empty(t, e.deletedBuckets())

		_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("other"), Key: aws.String("dst")})
		require.NoError(t, err)
		_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("other")})
		require.NoError(t, err)
		assert.Equal(t, []string{"other"}, e.deletedBuckets())

		_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("other")})
		requireAPIError(t, err, "NoSuchBucket")
	})

	t.Run("list buckets", func(t *testing.T) {
		out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
		require.NoError(t, err)
		var names []string
		for _, b := range out.Buckets {
			names = append(names, aws.ToString(b.Name))
			assert.True(t, e.now.Equal(aws.ToTime(b.CreationDate)))
		}
		assert.Equal(t, []string{"bkt", "list"}, names)
		assert.Equal(t, 2, e.store.BucketCount())
	})
}

func contentKeys(objs []types.Object) []string {
	var keys []string
	for _, o := range objs {
		keys = append(keys, aws.ToString(o.Key))
	}
	return keys
}
