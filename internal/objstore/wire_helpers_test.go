package objstore_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/johannesboyne/gofakes3"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/objstore"
)

// The wire tests drive the store through gofakes3 and Wrap with
// aws-sdk-go-v2, as s3fake serves it. Regression tests for the gofakes3
// pitfalls of ../../../shared/spec/gofakes3.md:
//
//	P1 aws-chunked bodies over TLS    TestWireChunkedBodiesOverTLS, TestWireMultipartETag/tls=true, TestWireChunkedRawBodies
//	P2 ranged GET checksums           TestWireChunkedBodiesOverTLS (ranged GET with validation on)
//	P3 panics after versioned deletes TestWireVersioningTransitions
//	P4 endless version paging         TestWireListObjectVersionsPaginator
//	P5 HEAD ignores versionId, leaks  TestWireHeadAndGetHonourVersionID, TestWireVersioningTransitions
//	P6 versioning semantics           TestWireVersioningTransitions, TestWireDeleteMissingKeyMakesDeleteMarker
//	P7 overwrites keep metadata       TestWireOverwriteDropsMetadata, TestWireCopyObjectVersions
//	P8 multipart ETag lost            TestWireMultipartETag, TestWireIfNoneMatchWithMultipartETag

// wire is a Store behind gofakes3 and objstore's Wrap, as s3fake serves
// it, with an aws-sdk-go-v2 client using the SDK's default checksum
// behaviour (what config.LoadDefaultConfig gives: checksums when
// supported, validated when supported).
type wire struct {
	store *objstore.Store
	c     *s3.Client
	clock *testClock
	url   string

	mu       sync.Mutex
	encoding []string // Content-Encoding of every request, to show what the SDK sent
}

// sawEncoding reports whether a request came with this Content-Encoding.
func (w *wire) sawEncoding(enc string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range w.encoding {
		if e == enc {
			return true
		}
	}
	return false
}

type wireOptions struct {
	tls         bool
	minPartSize int64
	wrap        objstore.WrapOptions
}

func newWire(t *testing.T, o wireOptions) *wire {
	t.Helper()
	w := &wire{clock: &testClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
	w.store = objstore.New(objstore.Config{
		Now: w.clock.Now, DefaultOwner: "000000000000", Seed: 1, MinPartSize: o.minPartSize,
	})
	fake := gofakes3.New(objstore.Legacy(w.store), gofakes3.WithTimeSkewLimit(0), gofakes3.WithTimeSource(w.clock))
	wrapped := w.store.Wrap(fake.Server(), o.wrap)
	handler := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.encoding = append(w.encoding, r.Header.Get("Content-Encoding"))
		w.mu.Unlock()
		wrapped.ServeHTTP(rw, r)
	})
	var srv *httptest.Server
	if o.tls {
		srv = httptest.NewTLSServer(handler)
	} else {
		srv = httptest.NewServer(handler)
	}
	t.Cleanup(srv.Close)
	w.url = srv.URL
	w.c = s3.New(s3.Options{
		Region:                     "us-east-1",
		BaseEndpoint:               aws.String(srv.URL),
		UsePathStyle:               true,
		Credentials:                credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:                 srv.Client(),
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	})
	return w
}

// testClock is a goroutine-safe clock that moves only when told; it is
// also gofakes3's TimeSource.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var ctx = context.Background()

func (w *wire) bucket(t *testing.T, name string, versioning types.BucketVersioningStatus) {
	t.Helper()
	_, err := w.c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
	require.NoError(t, err)
	if versioning != "" {
		w.versioning(t, name, versioning)
	}
}

func (w *wire) versioning(t *testing.T, bucket string, status types.BucketVersioningStatus) {
	t.Helper()
	_, err := w.c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(bucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: status},
	})
	require.NoError(t, err)
}

func (w *wire) put(t *testing.T, bucket, key, body string, edit ...func(*s3.PutObjectInput)) *s3.PutObjectOutput {
	t.Helper()
	in := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader([]byte(body))}
	for _, e := range edit {
		e(in)
	}
	out, err := w.c.PutObject(ctx, in)
	require.NoError(t, err)
	return out
}

// get reads an object (a version when id is not empty).
func (w *wire) get(t *testing.T, bucket, key, id string) (*s3.GetObjectOutput, string) {
	t.Helper()
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if id != "" {
		in.VersionId = aws.String(id)
	}
	out, err := w.c.GetObject(ctx, in)
	require.NoError(t, err)
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	require.NoError(t, err)
	return out, string(b)
}

func (w *wire) head(t *testing.T, bucket, key, id string) *s3.HeadObjectOutput {
	t.Helper()
	in := &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if id != "" {
		in.VersionId = aws.String(id)
	}
	out, err := w.c.HeadObject(ctx, in)
	require.NoError(t, err)
	return out
}

func (w *wire) del(t *testing.T, bucket, key, id string) *s3.DeleteObjectOutput {
	t.Helper()
	in := &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if id != "" {
		in.VersionId = aws.String(id)
	}
	out, err := w.c.DeleteObject(ctx, in)
	require.NoError(t, err)
	return out
}

// versionRow is one entry of ListObjectVersions as the SDK reports it.
type versionRow struct {
	Key, ID string
	Latest  bool
	DM      bool
}

// allVersions lists every version with the SDK paginator, pageSize at a
// time, and fails if paging does not end.
func (w *wire) allVersions(t *testing.T, bucket string, pageSize int32, edit ...func(*s3.ListObjectVersionsInput)) (rows []versionRow, pages int) {
	t.Helper()
	in := &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), MaxKeys: aws.Int32(pageSize)}
	for _, e := range edit {
		e(in)
	}
	p := s3.NewListObjectVersionsPaginator(w.c, in)
	for p.HasMorePages() {
		pages++
		require.Less(t, pages, 10000, "ListObjectVersions paging does not end (P4)")
		out, err := p.NextPage(ctx)
		require.NoError(t, err)
		rows = append(rows, pageRows(out)...)
	}
	return rows, pages
}

// pageRows merges a page's versions and delete markers back into S3's
// order (the SDK splits them into two lists): by key, then as sent.
func pageRows(out *s3.ListObjectVersionsOutput) []versionRow {
	var rows []versionRow
	vi, di := 0, 0
	for vi < len(out.Versions) || di < len(out.DeleteMarkers) {
		// Within a key the XML order is lost; the versions of one key are
		// ordered newest first by LastModified, and ties keep delete
		// markers first, which is how the tests create them.
		takeDM := vi == len(out.Versions) || di < len(out.DeleteMarkers) && dmFirst(out.DeleteMarkers[di], out.Versions[vi])
		if takeDM {
			d := out.DeleteMarkers[di]
			rows = append(rows, versionRow{aws.ToString(d.Key), aws.ToString(d.VersionId), aws.ToBool(d.IsLatest), true})
			di++
		} else {
			v := out.Versions[vi]
			rows = append(rows, versionRow{aws.ToString(v.Key), aws.ToString(v.VersionId), aws.ToBool(v.IsLatest), false})
			vi++
		}
	}
	return rows
}

func dmFirst(d types.DeleteMarkerEntry, v types.ObjectVersion) bool {
	dk, vk := aws.ToString(d.Key), aws.ToString(v.Key)
	if dk != vk {
		return dk < vk
	}
	return !aws.ToTime(d.LastModified).Before(aws.ToTime(v.LastModified))
}

// rawRequest sends a request with plain net/http, for what the SDK will
// not send.
func (w *wire) rawRequest(t *testing.T, method, path string, body io.Reader, header http.Header) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, w.url+path, body)
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}
