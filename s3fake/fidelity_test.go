package s3fake_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/s3fake"
)

// Regression tests for the gofakes3 pitfalls of docs/gofakes3.md
// §5 through the complete server (authentication, authorization, the front
// handler, gofakes3 and the object store), driven by aws-sdk-go-v2 with the
// SDK's default checksum behaviour, over plain HTTP and over TLS (where
// the SDK sends PutObject and UploadPart bodies aws-chunked with trailing
// checksums):
//
//	P1 bodies arrive intact            TestFidelityP1PutObjectBodies, TestFidelityP1UploadPartBodies
//	P2 ranged GET checksums            TestFidelityP2RangedGetWithValidation, TestFidelityP8MultipartETag
//	P3 panics after versioned deletes  TestFidelityP3VersionedDeletes
//	P4 endless version paging          TestFidelityP4ListObjectVersionsPaginator
//	P5 HEAD ignores versionId, leaks   TestFidelityP5HeadByVersionID, TestFidelityP5UnversionedHasNoVersionIDs
//	P6 versioning semantics            TestFidelityP6NullVersionsAndDeleteMarkers
//	P7 overwrites keep metadata        TestFidelityP7OverwriteDropsMetadata
//	P8 multipart ETag lost             TestFidelityP8MultipartETag
//
// TestFidelityConcurrentWritesAndSnapshots writes, deletes and lists one
// versioned bucket from 32 goroutines while snapshots are taken.

var fidCtx = context.Background()

// fidSDKDefaults are the SDK's own checksum defaults (what
// config.LoadDefaultConfig gives); Server.Client alone uses WhenRequired.
func fidSDKDefaults(o *s3.Options) {
	o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenSupported
	o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenSupported
}

// fid is one server with an SDK client using the SDK's default checksums.
type fid struct {
	srv *s3fake.Server
	c   *s3.Client
	hc  *http.Client // c's HTTP client
	tls bool
}

// fidEach runs f against a plain-HTTP server and against a TLS server.
func fidEach(t *testing.T, f func(t *testing.T, fx *fid)) {
	t.Helper()
	for _, tls := range []bool{false, true} {
		name, opts := "http", []s3fake.Option(nil)
		if tls {
			name, opts = "tls", []s3fake.Option{s3fake.WithTLS()}
		}
		t.Run(name, func(t *testing.T) {
			srv := s3fake.Start(t, opts...)
			f(t, &fid{srv: srv, c: srv.Client(fidSDKDefaults), hc: srv.HTTPClient(), tls: tls})
		})
	}
}

// tick moves the server clock one second on, so that versions written
// before and after have different LastModified.
// pool makes the client keep up to n idle connections, instead of
// net/http's default of 2 per host, with which concurrent TLS clients
// spend their time in handshakes (docs/gofakes3.md P15).
func (fx *fid) pool(t *testing.T, n int) {
	tr := fx.srv.HTTPClient().Transport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = n
	t.Cleanup(tr.CloseIdleConnections)
	fx.hc = &http.Client{Transport: tr}
	fx.c = fx.srv.Client(fidSDKDefaults, func(o *s3.Options) { o.HTTPClient = fx.hc })
}

func (fx *fid) tick() { fx.srv.SetTime(fx.srv.Now().Add(time.Second)) }

// fidCapture is an HTTP client that keeps the last exchange it carried:
// the request headers as sent (signed) and the response headers and body.
type fidCapture struct {
	base s3.HTTPClient

	mu        sync.Mutex
	req, resp http.Header
	body      []byte
}

func (c *fidCapture) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.base.Do(r)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	c.mu.Lock()
	defer c.mu.Unlock()
	c.req, c.resp, c.body = r.Header.Clone(), resp.Header.Clone(), body
	return resp, nil
}

// last returns the last exchange's request and response headers and body.
func (c *fidCapture) last() (req, resp http.Header, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.req, c.resp, c.body
}

// capture returns a capturing client and the per-call option that sends
// one SDK call through it.
func (fx *fid) capture() (*fidCapture, func(*s3.Options)) {
	c := &fidCapture{base: fx.hc}
	return c, func(o *s3.Options) { o.HTTPClient = c }
}

// requireChunked fails unless, over TLS, the captured request went
// aws-chunked: the case gofakes3 alone stores with its framing (P1).
func (fx *fid) requireChunked(t *testing.T, c *fidCapture) {
	t.Helper()
	if !fx.tls {
		return
	}
	req, _, _ := c.last()
	require.Contains(t, req.Get("Content-Encoding"), "aws-chunked",
		"over TLS the SDK sends the body aws-chunked, which is what this test covers (P1)")
}

func (fx *fid) bucket(t *testing.T, name string, status types.BucketVersioningStatus) {
	t.Helper()
	_, err := fx.c.CreateBucket(fidCtx, &s3.CreateBucketInput{Bucket: aws.String(name)})
	require.NoError(t, err)
	if status != "" {
		fx.versioning(t, name, status)
	}
}

func (fx *fid) versioning(t *testing.T, bucket string, status types.BucketVersioningStatus) {
	t.Helper()
	_, err := fx.c.PutBucketVersioning(fidCtx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(bucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: status},
	})
	require.NoError(t, err)
}

func (fx *fid) put(t *testing.T, bucket, key string, body []byte, edit ...func(*s3.PutObjectInput)) *s3.PutObjectOutput {
	t.Helper()
	in := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)}
	for _, e := range edit {
		e(in)
	}
	out, err := fx.c.PutObject(fidCtx, in)
	require.NoError(t, err)
	return out
}

// get reads an object, or one version of it when id is not empty.
func (fx *fid) get(t *testing.T, bucket, key, id string, edit ...func(*s3.GetObjectInput)) (*s3.GetObjectOutput, []byte) {
	t.Helper()
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if id != "" {
		in.VersionId = aws.String(id)
	}
	for _, e := range edit {
		e(in)
	}
	out, err := fx.c.GetObject(fidCtx, in)
	require.NoError(t, err)
	defer out.Body.Close()
	body, err := io.ReadAll(out.Body)
	require.NoError(t, err, "reading the body (the SDK validates its checksum here)")
	return out, body
}

func (fx *fid) head(t *testing.T, bucket, key, id string, edit ...func(*s3.HeadObjectInput)) *s3.HeadObjectOutput {
	t.Helper()
	in := &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if id != "" {
		in.VersionId = aws.String(id)
	}
	for _, e := range edit {
		e(in)
	}
	out, err := fx.c.HeadObject(fidCtx, in)
	require.NoError(t, err)
	return out
}

func (fx *fid) del(t *testing.T, bucket, key, id string) *s3.DeleteObjectOutput {
	t.Helper()
	in := &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if id != "" {
		in.VersionId = aws.String(id)
	}
	out, err := fx.c.DeleteObject(fidCtx, in)
	require.NoError(t, err)
	return out
}

// listKeys lists bucket with ListObjectsV2, paging through it.
func (fx *fid) listKeys(t *testing.T, bucket string) []types.Object {
	t.Helper()
	var objs []types.Object
	p := s3.NewListObjectsV2Paginator(fx.c, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), MaxKeys: aws.Int32(100)})
	for pages := 0; p.HasMorePages(); pages++ {
		require.Less(t, pages, 1000, "ListObjectsV2 paging does not end")
		out, err := p.NextPage(fidCtx)
		require.NoError(t, err)
		objs = append(objs, out.Contents...)
	}
	return objs
}

func objectKeys(objs []types.Object) []string {
	keys := make([]string, len(objs))
	for i, o := range objs {
		keys[i] = aws.ToString(o.Key)
	}
	return keys
}

// fidRow is one entry of a version listing, a delete marker or a version.
type fidRow struct {
	Key, VersionID string
	Latest, DM     bool
	Size           int64
	ETag           string // without quotes
	LastModified   time.Time
}

// short is the row without size, ETag and time, for comparing orders.
func (r fidRow) short() fidRow {
	return fidRow{Key: r.Key, VersionID: r.VersionID, Latest: r.Latest, DM: r.DM}
}

func shortRows(rows []fidRow) []fidRow {
	out := make([]fidRow, len(rows))
	for i, r := range rows {
		out[i] = r.short()
	}
	return out
}

// fidVersionsXML is a ListObjectVersions response body. Its Version and
// DeleteMarker entries are read in the order sent: the SDK splits them
// into two lists and loses the order between them.
type fidVersionsXML struct {
	Entries []struct {
		XMLName      xml.Name
		Key          string
		VersionID    string `xml:"VersionId"`
		IsLatest     bool
		LastModified string
		ETag         string
		Size         int64
	} `xml:",any"`
}

// listVersions lists every version of bucket with the SDK paginator,
// maxKeys at a time, and returns the entries in S3's order (read from the
// response bodies) and the pages as the SDK parsed them. It fails if
// paging does not end.
func (fx *fid) listVersions(t *testing.T, bucket string, maxKeys int32) ([]fidRow, []*s3.ListObjectVersionsOutput) {
	t.Helper()
	var rows []fidRow
	var pages []*s3.ListObjectVersionsOutput
	p := s3.NewListObjectVersionsPaginator(fx.c, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), MaxKeys: aws.Int32(maxKeys)})
	for p.HasMorePages() {
		require.Less(t, len(pages), 1000, "ListObjectVersions paging does not end (P4)")
		c, opt := fx.capture()
		out, err := p.NextPage(fidCtx, opt)
		require.NoError(t, err)
		pages = append(pages, out)
		_, _, body := c.last()
		rows = append(rows, parseVersionRows(t, body)...)
	}
	return rows, pages
}

func parseVersionRows(t *testing.T, body []byte) []fidRow {
	t.Helper()
	var doc fidVersionsXML
	require.NoError(t, xml.Unmarshal(body, &doc), "ListObjectVersions body: %s", body)
	var rows []fidRow
	for _, e := range doc.Entries {
		if e.XMLName.Local != "Version" && e.XMLName.Local != "DeleteMarker" {
			continue
		}
		at, err := time.Parse(time.RFC3339, e.LastModified)
		require.NoError(t, err)
		rows = append(rows, fidRow{
			Key: e.Key, VersionID: e.VersionID, Latest: e.IsLatest, DM: e.XMLName.Local == "DeleteMarker",
			Size: e.Size, ETag: strings.Trim(e.ETag, `"`), LastModified: at.UTC(),
		})
	}
	return rows
}

// snapshotRows is what Server.ObjectVersions returns, as listing rows
// (the null version's id is "" there, "null" on the wire).
func snapshotRows(vs []inventory.ObjectVersion) []fidRow {
	rows := make([]fidRow, len(vs))
	for i, v := range vs {
		id := v.VersionID
		if id == "" {
			id = "null"
		}
		rows[i] = fidRow{Key: v.Key, VersionID: id, Latest: v.IsLatest, DM: v.IsDeleteMarker,
			Size: v.Size, ETag: v.ETag, LastModified: v.LastModified.UTC()}
	}
	return rows
}

func fidStatus(err error) int {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

func fidCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

var (
	fidDataOnce sync.Once
	fidDataBuf  []byte
)

// fidData returns n deterministic pseudo-random bytes (n ≤ 16 MiB),
// shared: callers must not modify them.
func fidData(n int) []byte {
	fidDataOnce.Do(func() {
		fidDataBuf = make([]byte, 16<<20)
		_, _ = rand.NewChaCha8([32]byte{'s', '3', 'f', 'a', 'k', 'e'}).Read(fidDataBuf)
	})
	return fidDataBuf[:n:n]
}

func md5ETag(b []byte) string { return fmt.Sprintf(`"%x"`, md5.Sum(b)) }

// multipartETag is S3's ETag of an object uploaded in parts.
func multipartETag(parts [][]byte) string {
	var sums []byte
	for _, p := range parts {
		s := md5.Sum(p)
		sums = append(sums, s[:]...)
	}
	return fmt.Sprintf(`"%x-%d"`, md5.Sum(sums), len(parts))
}

// rawSum is the raw checksum of b with algorithm alg (CRC32 or SHA256).
func rawSum(alg types.ChecksumAlgorithm, b []byte) []byte {
	switch alg {
	case types.ChecksumAlgorithmCrc32:
		return binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b))
	case types.ChecksumAlgorithmSha256:
		s := sha256.Sum256(b)
		return s[:]
	}
	panic("fidelity: no checksum " + string(alg))
}

// fullSum is the base64 full-object checksum S3 reports.
func fullSum(alg types.ChecksumAlgorithm, b []byte) string {
	return base64.StdEncoding.EncodeToString(rawSum(alg, b))
}

// compositeSum is S3's composite checksum of a multipart object: the
// checksum of the parts' raw checksums, then -N.
func compositeSum(alg types.ChecksumAlgorithm, parts [][]byte) string {
	var sums []byte
	for _, p := range parts {
		sums = append(sums, rawSum(alg, p)...)
	}
	return fullSum(alg, sums) + fmt.Sprintf("-%d", len(parts))
}

// pick returns the checksum of alg among a response's CRC32 and SHA256.
func pick(alg types.ChecksumAlgorithm, crc, sha *string) string {
	if alg == types.ChecksumAlgorithmSha256 {
		return aws.ToString(sha)
	}
	return aws.ToString(crc)
}

// ---------------------------------------------------------------------------
// P1: bodies arrive intact.

// TestFidelityP1PutObjectBodies: PutObject bodies are stored as sent, with
// the SDK's default checksum (CRC32) and with SHA256 and CRC32 asked for
// explicitly; size, ETag and the stored checksum are right.
func TestFidelityP1PutObjectBodies(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-p1", "")
		for _, tc := range []struct {
			name string
			alg  types.ChecksumAlgorithm // asked for; "" for the SDK's default
			want types.ChecksumAlgorithm // stored
			body []byte
		}{
			{"default", "", types.ChecksumAlgorithmCrc32, []byte("hello")},
			{"empty", "", types.ChecksumAlgorithmCrc32, []byte{}},
			{"sha256", types.ChecksumAlgorithmSha256, types.ChecksumAlgorithmSha256, fidData(1<<20 + 123)},
			{"crc32", types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc32, fidData(1<<20 + 4567)},
		} {
			t.Run(tc.name, func(t *testing.T) {
				key := "obj-" + tc.name
				c, opt := fx.capture()
				out, err := fx.c.PutObject(fidCtx, &s3.PutObjectInput{
					Bucket: aws.String("fid-p1"), Key: aws.String(key), Body: bytes.NewReader(tc.body),
					ChecksumAlgorithm: tc.alg,
				}, opt)
				require.NoError(t, err)
				if len(tc.body) > 0 {
					fx.requireChunked(t, c)
				}
				wantSum := fullSum(tc.want, tc.body)
				assert.Equal(t, md5ETag(tc.body), aws.ToString(out.ETag), "PUT ETag is the MD5 of the payload")

				get, body := fx.get(t, "fid-p1", key, "", func(in *s3.GetObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
				require.Equal(t, len(tc.body), len(body), "GET size")
				require.True(t, bytes.Equal(tc.body, body), "GET returns exactly the bytes sent")
				assert.Equal(t, int64(len(tc.body)), aws.ToInt64(get.ContentLength))
				assert.Equal(t, md5ETag(tc.body), aws.ToString(get.ETag))
				assert.Equal(t, wantSum, pick(tc.want, get.ChecksumCRC32, get.ChecksumSHA256), "GET with ChecksumMode ENABLED returns the stored checksum")
				assert.Equal(t, types.ChecksumTypeFullObject, get.ChecksumType)

				head := fx.head(t, "fid-p1", key, "", func(in *s3.HeadObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
				assert.Equal(t, int64(len(tc.body)), aws.ToInt64(head.ContentLength))
				assert.Equal(t, md5ETag(tc.body), aws.ToString(head.ETag))
				assert.Equal(t, wantSum, pick(tc.want, head.ChecksumCRC32, head.ChecksumSHA256))

				vs := fx.srv.ObjectVersions("fid-p1", key)
				require.Len(t, vs, 1)
				assert.Equal(t, int64(len(tc.body)), vs[0].Size)
				assert.Equal(t, strings.Trim(md5ETag(tc.body), `"`), vs[0].ETag)
				assert.Equal(t, string(tc.want), vs[0].ChecksumAlgorithm)
			})
		}
	})
}

// TestFidelityP1UploadPartBodies: UploadPart bodies are stored as sent,
// with a SHA256 (composite) and a CRC32 (full-object) checksum; the
// completed object's checksum is S3's and GET returns it.
func TestFidelityP1UploadPartBodies(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-p1mp", "")
		data := fidData(5<<20 + 777)
		parts := [][]byte{data[:5<<20], data[5<<20:]}
		for _, tc := range []struct {
			alg types.ChecksumAlgorithm
			typ types.ChecksumType
		}{
			{types.ChecksumAlgorithmSha256, types.ChecksumTypeComposite},
			{types.ChecksumAlgorithmCrc32, types.ChecksumTypeFullObject},
		} {
			t.Run(string(tc.alg), func(t *testing.T) {
				key := "mp-" + string(tc.alg)
				created, err := fx.c.CreateMultipartUpload(fidCtx, &s3.CreateMultipartUploadInput{
					Bucket: aws.String("fid-p1mp"), Key: aws.String(key), ChecksumAlgorithm: tc.alg, ChecksumType: tc.typ,
				})
				require.NoError(t, err)
				var completed []types.CompletedPart
				for i, p := range parts {
					c, opt := fx.capture()
					out, err := fx.c.UploadPart(fidCtx, &s3.UploadPartInput{
						Bucket: aws.String("fid-p1mp"), Key: aws.String(key), UploadId: created.UploadId,
						PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(p), ChecksumAlgorithm: tc.alg,
					}, opt)
					require.NoError(t, err)
					fx.requireChunked(t, c)
					assert.Equal(t, md5ETag(p), aws.ToString(out.ETag), "part ETag is the MD5 of the part's payload")
					cp := types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(int32(i + 1))}
					if tc.alg == types.ChecksumAlgorithmSha256 {
						cp.ChecksumSHA256 = aws.String(fullSum(tc.alg, p))
					} else {
						cp.ChecksumCRC32 = aws.String(fullSum(tc.alg, p))
					}
					completed = append(completed, cp)
				}
				wantSum := fullSum(tc.alg, data)
				if tc.typ == types.ChecksumTypeComposite {
					wantSum = compositeSum(tc.alg, parts)
				}
				done, err := fx.c.CompleteMultipartUpload(fidCtx, &s3.CompleteMultipartUploadInput{
					Bucket: aws.String("fid-p1mp"), Key: aws.String(key), UploadId: created.UploadId, ChecksumType: tc.typ,
					MultipartUpload: &types.CompletedMultipartUpload{Parts: completed},
				})
				require.NoError(t, err)
				assert.Equal(t, multipartETag(parts), aws.ToString(done.ETag))

				get, body := fx.get(t, "fid-p1mp", key, "", func(in *s3.GetObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
				require.Equal(t, len(data), len(body), "GET size")
				require.True(t, bytes.Equal(data, body), "GET returns exactly the parts' bytes")
				assert.Equal(t, multipartETag(parts), aws.ToString(get.ETag))
				assert.Equal(t, wantSum, pick(tc.alg, get.ChecksumCRC32, get.ChecksumSHA256), "GET with ChecksumMode ENABLED returns the stored checksum")
				assert.Equal(t, tc.typ, get.ChecksumType)

				vs := fx.srv.ObjectVersions("fid-p1mp", key)
				require.Len(t, vs, 1)
				assert.Equal(t, int64(len(data)), vs[0].Size)
				assert.Equal(t, string(tc.alg), vs[0].ChecksumAlgorithm)
				assert.True(t, vs[0].IsMultipartUploaded)
			})
		}
	})
}

// TestFidelityChecksumEchoOnWrites: S3 answers the write calls with the
// checksums it stored, without x-amz-checksum-mode (that header is for GET
// and HEAD): PutObject and UploadPart with x-amz-checksum-<alg> (PutObject
// also with x-amz-checksum-type), CreateMultipartUpload with
// x-amz-checksum-algorithm and x-amz-checksum-type, CompleteMultipartUpload
// with the object's checksum and type in its XML.
func TestFidelityChecksumEchoOnWrites(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-echo", "")
		body := []byte("hello, checksums")
		for _, tc := range []struct {
			alg types.ChecksumAlgorithm
			typ types.ChecksumType // of the multipart upload
		}{
			{types.ChecksumAlgorithmCrc32, types.ChecksumTypeFullObject},
			{types.ChecksumAlgorithmSha256, types.ChecksumTypeComposite},
		} {
			t.Run(string(tc.alg), func(t *testing.T) {
				put := fx.put(t, "fid-echo", "put-"+string(tc.alg), body, func(in *s3.PutObjectInput) { in.ChecksumAlgorithm = tc.alg })
				assert.Equal(t, fullSum(tc.alg, body), pick(tc.alg, put.ChecksumCRC32, put.ChecksumSHA256), "PutObject: x-amz-checksum-%s", tc.alg)
				assert.Equal(t, types.ChecksumTypeFullObject, put.ChecksumType, "PutObject: x-amz-checksum-type")

				key := "mp-" + string(tc.alg)
				created, err := fx.c.CreateMultipartUpload(fidCtx, &s3.CreateMultipartUploadInput{
					Bucket: aws.String("fid-echo"), Key: aws.String(key), ChecksumAlgorithm: tc.alg, ChecksumType: tc.typ,
				})
				require.NoError(t, err)
				assert.Equal(t, tc.alg, created.ChecksumAlgorithm, "CreateMultipartUpload: x-amz-checksum-algorithm")
				assert.Equal(t, tc.typ, created.ChecksumType, "CreateMultipartUpload: x-amz-checksum-type")
				part, err := fx.c.UploadPart(fidCtx, &s3.UploadPartInput{
					Bucket: aws.String("fid-echo"), Key: aws.String(key), UploadId: created.UploadId,
					PartNumber: aws.Int32(1), Body: bytes.NewReader(body), ChecksumAlgorithm: tc.alg,
				})
				require.NoError(t, err)
				assert.Equal(t, fullSum(tc.alg, body), pick(tc.alg, part.ChecksumCRC32, part.ChecksumSHA256), "UploadPart: x-amz-checksum-%s", tc.alg)
				cp := types.CompletedPart{ETag: part.ETag, PartNumber: aws.Int32(1)}
				if tc.alg == types.ChecksumAlgorithmSha256 {
					cp.ChecksumSHA256 = aws.String(fullSum(tc.alg, body))
				} else {
					cp.ChecksumCRC32 = aws.String(fullSum(tc.alg, body))
				}
				done, err := fx.c.CompleteMultipartUpload(fidCtx, &s3.CompleteMultipartUploadInput{
					Bucket: aws.String("fid-echo"), Key: aws.String(key), UploadId: created.UploadId, ChecksumType: tc.typ,
					MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{cp}},
				})
				require.NoError(t, err)
				wantSum := fullSum(tc.alg, body)
				if tc.typ == types.ChecksumTypeComposite {
					wantSum = compositeSum(tc.alg, [][]byte{body})
				}
				assert.Equal(t, wantSum, pick(tc.alg, done.ChecksumCRC32, done.ChecksumSHA256), "CompleteMultipartUpload: Checksum%s", tc.alg)
				assert.Equal(t, tc.typ, done.ChecksumType, "CompleteMultipartUpload: ChecksumType")

				// What the store keeps is right: GET with ChecksumMode shows it.
				get, got := fx.get(t, "fid-echo", key, "", func(in *s3.GetObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
				assert.Equal(t, body, got)
				assert.Equal(t, wantSum, pick(tc.alg, get.ChecksumCRC32, get.ChecksumSHA256))
				assert.Equal(t, tc.typ, get.ChecksumType)
			})
		}
	})
}

// ---------------------------------------------------------------------------
// P2: ranged GET with checksum validation.

// TestFidelityP2RangedGetWithValidation: with response validation on (the
// SDK then sends x-amz-checksum-mode: ENABLED), a ranged GET returns the
// range and no full-object checksum that would fail validation.
func TestFidelityP2RangedGetWithValidation(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-p2", "")
		data := fidData(100_000)
		fx.put(t, "fid-p2", "crc", data)
		fx.put(t, "fid-p2", "sha", data, func(in *s3.PutObjectInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256 })
		for _, key := range []string{"crc", "sha"} {
			for _, tc := range []struct {
				rng    string
				lo, hi int // the range [lo, hi)
			}{
				{"bytes=10-14", 10, 15},
				{"bytes=65530-65545", 65530, 65546},
				{"bytes=99990-", 99990, 100_000},
				{"bytes=-7", 100_000 - 7, 100_000},
			} {
				c, opt := fx.capture()
				out, err := fx.c.GetObject(fidCtx, &s3.GetObjectInput{
					Bucket: aws.String("fid-p2"), Key: aws.String(key), Range: aws.String(tc.rng),
				}, opt)
				require.NoError(t, err, "%s %s", key, tc.rng)
				req, _, _ := c.last()
				require.Equal(t, "ENABLED", req.Get("X-Amz-Checksum-Mode"), "the SDK asked for checksums, so this covers P2")
				body, err := io.ReadAll(out.Body)
				out.Body.Close()
				require.NoError(t, err, "%s %s: a ranged GET must not fail checksum validation (P2)", key, tc.rng)
				assert.True(t, bytes.Equal(data[tc.lo:tc.hi], body), "%s %s returns the range", key, tc.rng)
				assert.Equal(t, int64(tc.hi-tc.lo), aws.ToInt64(out.ContentLength))
				assert.Equal(t, fmt.Sprintf("bytes %d-%d/%d", tc.lo, tc.hi-1, len(data)), aws.ToString(out.ContentRange))
				assert.Nil(t, out.ChecksumCRC32, "no full-object checksum on a range")
				assert.Nil(t, out.ChecksumSHA256, "no full-object checksum on a range")
			}
		}
	})
}

// ---------------------------------------------------------------------------
// P3: versioned deletes.

// TestFidelityP3VersionedDeletes: deleting the current version by id
// promotes the previous one; DeleteObject in a Suspended bucket adds a
// null delete marker; afterwards listing, HEAD and GET work.
func TestFidelityP3VersionedDeletes(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-p3", types.BucketVersioningStatusEnabled)
		v1 := aws.ToString(fx.put(t, "fid-p3", "k", []byte("one")).VersionId)
		fx.tick()
		v2 := aws.ToString(fx.put(t, "fid-p3", "k", []byte("two!")).VersionId)
		fx.tick()
		v3 := aws.ToString(fx.put(t, "fid-p3", "k", []byte("three")).VersionId)
		other := aws.ToString(fx.put(t, "fid-p3", "other", []byte("x")).VersionId)
		require.NotEmpty(t, v1)
		require.NotEqual(t, v1, v2)
		require.NotEqual(t, v2, v3)

		// Delete the current version by id: v2 becomes current.
		del := fx.del(t, "fid-p3", "k", v3)
		assert.Equal(t, v3, aws.ToString(del.VersionId))
		assert.False(t, aws.ToBool(del.DeleteMarker), "a version, not a delete marker, was deleted")
		get, body := fx.get(t, "fid-p3", "k", "")
		assert.Equal(t, "two!", string(body), "deleting the current version promotes the previous one (P3)")
		assert.Equal(t, v2, aws.ToString(get.VersionId))
		assert.Equal(t, md5ETag([]byte("two!")), aws.ToString(get.ETag))
		head := fx.head(t, "fid-p3", "k", "")
		assert.Equal(t, v2, aws.ToString(head.VersionId))
		assert.Equal(t, int64(4), aws.ToInt64(head.ContentLength))
		objs := fx.listKeys(t, "fid-p3")
		require.Equal(t, []string{"k", "other"}, objectKeys(objs))
		assert.Equal(t, int64(4), aws.ToInt64(objs[0].Size))
		assert.Equal(t, md5ETag([]byte("two!")), aws.ToString(objs[0].ETag))
		rows, _ := fx.listVersions(t, "fid-p3", 1000)
		assert.Equal(t, []fidRow{
			{Key: "k", VersionID: v2, Latest: true}, {Key: "k", VersionID: v1}, {Key: "other", VersionID: other, Latest: true},
		}, shortRows(rows))

		// Suspended: DELETE adds a null delete marker on top.
		fx.versioning(t, "fid-p3", types.BucketVersioningStatusSuspended)
		fx.tick()
		del = fx.del(t, "fid-p3", "k", "")
		assert.True(t, aws.ToBool(del.DeleteMarker))
		assert.Equal(t, "null", aws.ToString(del.VersionId))
		_, err := fx.c.HeadObject(fidCtx, &s3.HeadObjectInput{Bucket: aws.String("fid-p3"), Key: aws.String("k")})
		assert.Equal(t, http.StatusNotFound, fidStatus(err), "HEAD of a deleted key: 404, not a panic (P3)")
		_, err = fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("fid-p3"), Key: aws.String("k")})
		assert.Equal(t, "NoSuchKey", fidCode(err), "GET of a deleted key (P3)")
		assert.Equal(t, []string{"other"}, objectKeys(fx.listKeys(t, "fid-p3")))
		_, body = fx.get(t, "fid-p3", "k", v2)
		assert.Equal(t, "two!", string(body), "older versions survive")
		rows, _ = fx.listVersions(t, "fid-p3", 1000)
		assert.Equal(t, []fidRow{
			{Key: "k", VersionID: "null", Latest: true, DM: true}, {Key: "k", VersionID: v2}, {Key: "k", VersionID: v1},
			{Key: "other", VersionID: other, Latest: true},
		}, shortRows(rows))

		// Suspended: a null version, then DELETE: the null marker replaces it.
		fx.tick()
		assert.Equal(t, "null", aws.ToString(fx.put(t, "fid-p3", "k2", []byte("s")).VersionId))
		fx.tick()
		del = fx.del(t, "fid-p3", "k2", "")
		assert.True(t, aws.ToBool(del.DeleteMarker))
		assert.Equal(t, "null", aws.ToString(del.VersionId))
		rows, _ = fx.listVersions(t, "fid-p3", 1000)
		assert.Equal(t, []fidRow{
			{Key: "k", VersionID: "null", Latest: true, DM: true}, {Key: "k", VersionID: v2}, {Key: "k", VersionID: v1},
			{Key: "k2", VersionID: "null", Latest: true, DM: true},
			{Key: "other", VersionID: other, Latest: true},
		}, shortRows(rows))

		// Deleting the null delete marker by id brings v2 back.
		del = fx.del(t, "fid-p3", "k", "null")
		assert.True(t, aws.ToBool(del.DeleteMarker), "the version deleted was a delete marker")
		assert.Equal(t, "null", aws.ToString(del.VersionId))
		get, body = fx.get(t, "fid-p3", "k", "")
		assert.Equal(t, "two!", string(body))
		assert.Equal(t, v2, aws.ToString(get.VersionId))
		assert.Equal(t, v2, aws.ToString(fx.head(t, "fid-p3", "k", "").VersionId))
		assert.Equal(t, []string{"k", "other"}, objectKeys(fx.listKeys(t, "fid-p3")))
		_, body = fx.get(t, "fid-p3", "other", "")
		assert.Equal(t, "x", string(body))
	})
}

// ---------------------------------------------------------------------------
// P4: ListObjectVersions paging.

// TestFidelityP4ListObjectVersionsPaginator pages through 9 versions and
// delete markers of four keys two at a time: the SDK paginator ends and
// sees every entry exactly once, keys ascending and newest first per key.
func TestFidelityP4ListObjectVersionsPaginator(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-p4", types.BucketVersioningStatusEnabled)
		written := map[string][]fidRow{} // per key, oldest first
		put := func(key string) {
			fx.tick()
			id := aws.ToString(fx.put(t, "fid-p4", key, []byte(key+fmt.Sprint(len(written[key])))).VersionId)
			written[key] = append(written[key], fidRow{Key: key, VersionID: id})
		}
		del := func(key string) {
			fx.tick()
			out := fx.del(t, "fid-p4", key, "")
			require.True(t, aws.ToBool(out.DeleteMarker))
			written[key] = append(written[key], fidRow{Key: key, VersionID: aws.ToString(out.VersionId), DM: true})
		}
		// Interleaved, so that no key's versions are written together.
		put("b/x")
		put("a")
		put("c")
		put("a")
		put("b/x")
		del("b/x")
		put("a")
		put("c")
		del("d")
		var want []fidRow
		for _, key := range []string{"a", "b/x", "c", "d"} {
			w := written[key]
			for i := len(w) - 1; i >= 0; i-- {
				r := w[i]
				r.Latest = i == len(w)-1
				want = append(want, r)
			}
		}
		require.Len(t, want, 9)

		for _, size := range []int32{2, 1, 4, 1000} {
			rows, pages := fx.listVersions(t, "fid-p4", size)
			assert.Equal(t, want, shortRows(rows), "MaxKeys %d: every version once, in S3's order", size)
			assert.Len(t, pages, (len(want)+int(size)-1)/int(size), "MaxKeys %d: pages", size)
			for i, p := range pages {
				last := i == len(pages)-1
				assert.Equal(t, !last, aws.ToBool(p.IsTruncated), "MaxKeys %d page %d: IsTruncated", size, i)
				if !last {
					assert.NotEmpty(t, aws.ToString(p.NextKeyMarker), "MaxKeys %d page %d: NextKeyMarker", size, i)
					assert.NotEmpty(t, aws.ToString(p.NextVersionIdMarker), "MaxKeys %d page %d: NextVersionIdMarker", size, i)
				}
			}
			for i := 1; i < len(rows); i++ {
				if rows[i].Key == rows[i-1].Key {
					assert.False(t, rows[i].LastModified.After(rows[i-1].LastModified), "%s: newest first", rows[i].Key)
				}
			}
		}
		assert.Equal(t, want, shortRows(snapshotRows(fx.srv.ObjectVersions("fid-p4", ""))), "ObjectVersions lists the same")
	})
}

// ---------------------------------------------------------------------------
// P5: HEAD honours versionId; no version ids on unversioned buckets.

// TestFidelityP5HeadByVersionID: HEAD (and GET) with a version id return
// that version's size, ETag, metadata and id, not the latest version's.
func TestFidelityP5HeadByVersionID(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-p5", types.BucketVersioningStatusEnabled)
		bodies := [][]byte{[]byte("a"), []byte("bbbb"), []byte("cccccccc")}
		var ids []string
		for i, b := range bodies {
			fx.tick()
			out := fx.put(t, "fid-p5", "k", b, func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"gen": fmt.Sprint(i)} })
			ids = append(ids, aws.ToString(out.VersionId))
		}
		for i, id := range ids {
			head := fx.head(t, "fid-p5", "k", id)
			assert.Equal(t, id, aws.ToString(head.VersionId), "HEAD versionId=%s (P5)", id)
			assert.Equal(t, int64(len(bodies[i])), aws.ToInt64(head.ContentLength), "HEAD versionId=%s size", id)
			assert.Equal(t, md5ETag(bodies[i]), aws.ToString(head.ETag), "HEAD versionId=%s ETag", id)
			assert.Equal(t, fmt.Sprint(i), head.Metadata["gen"], "HEAD versionId=%s metadata", id)
			get, body := fx.get(t, "fid-p5", "k", id)
			assert.Equal(t, bodies[i], body)
			assert.Equal(t, id, aws.ToString(get.VersionId))
			assert.Equal(t, md5ETag(bodies[i]), aws.ToString(get.ETag))
		}
		head := fx.head(t, "fid-p5", "k", "")
		assert.Equal(t, ids[2], aws.ToString(head.VersionId), "HEAD without an id: the latest")
		assert.Equal(t, int64(8), aws.ToInt64(head.ContentLength))
	})
}

// TestFidelityP5UnversionedHasNoVersionIDs: a bucket that never had
// versioning sends no x-amz-version-id on PUT, HEAD, GET or DELETE.
func TestFidelityP5UnversionedHasNoVersionIDs(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-p5u", "")
		noVersionHeader := func(what string, c *fidCapture) {
			t.Helper()
			_, resp, _ := c.last()
			require.NotNil(t, resp, what)
			assert.Empty(t, resp.Values("X-Amz-Version-Id"), "%s: no internal version id leaks (P5)", what)
		}
		for i, body := range []string{"first", "second, an overwrite"} {
			c, opt := fx.capture()
			put, err := fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String("fid-p5u"), Key: aws.String("k"), Body: strings.NewReader(body)}, opt)
			require.NoError(t, err)
			assert.Nil(t, put.VersionId)
			noVersionHeader(fmt.Sprintf("PUT %d", i), c)

			c, opt = fx.capture()
			head, err := fx.c.HeadObject(fidCtx, &s3.HeadObjectInput{Bucket: aws.String("fid-p5u"), Key: aws.String("k")}, opt)
			require.NoError(t, err)
			assert.Nil(t, head.VersionId)
			assert.Equal(t, int64(len(body)), aws.ToInt64(head.ContentLength))
			noVersionHeader(fmt.Sprintf("HEAD %d", i), c)

			c, opt = fx.capture()
			get, err := fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("fid-p5u"), Key: aws.String("k")}, opt)
			require.NoError(t, err)
			got, err := io.ReadAll(get.Body)
			get.Body.Close()
			require.NoError(t, err)
			assert.Equal(t, body, string(got))
			assert.Nil(t, get.VersionId)
			noVersionHeader(fmt.Sprintf("GET %d", i), c)
		}
		c, opt := fx.capture()
		del, err := fx.c.DeleteObject(fidCtx, &s3.DeleteObjectInput{Bucket: aws.String("fid-p5u"), Key: aws.String("k")}, opt)
		require.NoError(t, err)
		assert.Nil(t, del.VersionId)
		assert.False(t, aws.ToBool(del.DeleteMarker))
		noVersionHeader("DELETE", c)
		assert.Empty(t, fx.listKeys(t, "fid-p5u"))
	})
}

// ---------------------------------------------------------------------------
// P6: versioning semantics.

// TestFidelityP6NullVersionsAndDeleteMarkers: objects from before
// versioning are the "null" version; Suspended PUTs write the null
// version and keep the others; DELETE of a missing key adds a delete
// marker.
func TestFidelityP6NullVersionsAndDeleteMarkers(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-p6", "")
		fx.put(t, "fid-p6", "k", []byte("pre"))
		fx.put(t, "fid-p6", "j", []byte("pre-j"))
		rows, _ := fx.listVersions(t, "fid-p6", 1000)
		assert.Equal(t, []fidRow{{Key: "j", VersionID: "null", Latest: true}, {Key: "k", VersionID: "null", Latest: true}}, shortRows(rows),
			"objects of an unversioned bucket are null versions")

		fx.versioning(t, "fid-p6", types.BucketVersioningStatusEnabled)
		fx.tick()
		v1 := aws.ToString(fx.put(t, "fid-p6", "k", []byte("v1")).VersionId)
		require.NotEmpty(t, v1)
		require.NotEqual(t, "null", v1)
		fx.tick()
		v2 := aws.ToString(fx.put(t, "fid-p6", "k", []byte("v2")).VersionId)
		rows, _ = fx.listVersions(t, "fid-p6", 1000)
		assert.Equal(t, []fidRow{
			{Key: "j", VersionID: "null", Latest: true},
			{Key: "k", VersionID: v2, Latest: true}, {Key: "k", VersionID: v1}, {Key: "k", VersionID: "null"},
		}, shortRows(rows), "the object from before versioning stays as the null version (P6)")
		vs := fx.srv.ObjectVersions("fid-p6", "k")
		require.Len(t, vs, 3)
		assert.Empty(t, vs[2].VersionID, "ObjectVersions: the null version")
		_, body := fx.get(t, "fid-p6", "k", "null")
		assert.Equal(t, "pre", string(body))

		// Suspended: PUT writes the null version, reports "null", and keeps
		// the versions with ids: three versions, as in S3.
		fx.versioning(t, "fid-p6", types.BucketVersioningStatusSuspended)
		fx.tick()
		assert.Equal(t, "null", aws.ToString(fx.put(t, "fid-p6", "k", []byte("s1")).VersionId), "Suspended PUT reports VersionId null (P6)")
		rows, _ = fx.listVersions(t, "fid-p6", 1000)
		want := []fidRow{
			{Key: "j", VersionID: "null", Latest: true},
			{Key: "k", VersionID: "null", Latest: true}, {Key: "k", VersionID: v2}, {Key: "k", VersionID: v1},
		}
		assert.Equal(t, want, shortRows(rows), "Suspended PUT replaces only the null version (P6)")
		fx.tick()
		assert.Equal(t, "null", aws.ToString(fx.put(t, "fid-p6", "k", []byte("s2")).VersionId))
		rows, _ = fx.listVersions(t, "fid-p6", 1000)
		assert.Equal(t, want, shortRows(rows), "a second Suspended PUT replaces the null version again")
		_, body = fx.get(t, "fid-p6", "k", "")
		assert.Equal(t, "s2", string(body))
		_, body = fx.get(t, "fid-p6", "k", v1)
		assert.Equal(t, "v1", string(body))
		head := fx.head(t, "fid-p6", "k", "")
		assert.Equal(t, "null", aws.ToString(head.VersionId))

		// DELETE of a missing key in a Suspended bucket: a null delete marker.
		fx.tick()
		del := fx.del(t, "fid-p6", "ghost-suspended", "")
		assert.True(t, aws.ToBool(del.DeleteMarker))
		assert.Equal(t, "null", aws.ToString(del.VersionId))

		// DELETE of a missing key in an Enabled bucket: a delete marker.
		fx.versioning(t, "fid-p6", types.BucketVersioningStatusEnabled)
		fx.tick()
		del = fx.del(t, "fid-p6", "ghost", "")
		assert.True(t, aws.ToBool(del.DeleteMarker), "S3 adds a delete marker for a missing key (P6)")
		dm := aws.ToString(del.VersionId)
		assert.NotEmpty(t, dm, "the delete marker's version id")
		assert.NotEqual(t, "null", dm)
		rows, _ = fx.listVersions(t, "fid-p6", 1000)
		assert.Equal(t, []fidRow{
			{Key: "ghost", VersionID: dm, Latest: true, DM: true},
			{Key: "ghost-suspended", VersionID: "null", Latest: true, DM: true},
			{Key: "j", VersionID: "null", Latest: true},
			{Key: "k", VersionID: "null", Latest: true}, {Key: "k", VersionID: v2}, {Key: "k", VersionID: v1},
		}, shortRows(rows))
		_, err := fx.c.HeadObject(fidCtx, &s3.HeadObjectInput{Bucket: aws.String("fid-p6"), Key: aws.String("ghost")})
		assert.Equal(t, http.StatusNotFound, fidStatus(err))
		assert.Equal(t, []string{"j", "k"}, objectKeys(fx.listKeys(t, "fid-p6")))
	})
}

// ---------------------------------------------------------------------------
// P7: overwrites do not inherit.

// TestFidelityP7OverwriteDropsMetadata: an overwrite keeps nothing of the
// version it replaces: user metadata, storage class, content type,
// checksum. In a versioned bucket the old version keeps its own.
func TestFidelityP7OverwriteDropsMetadata(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		for _, versioning := range []types.BucketVersioningStatus{"", types.BucketVersioningStatusEnabled} {
			name := "unversioned"
			if versioning != "" {
				name = "versioned"
			}
			t.Run(name, func(t *testing.T) {
				bucket := "fid-p7-" + name
				fx.bucket(t, bucket, versioning)
				first := fx.put(t, bucket, "k", []byte("first"), func(in *s3.PutObjectInput) {
					in.Metadata = map[string]string{"foo": "bar", "keep": "1"}
					in.StorageClass = types.StorageClassStandardIa
					in.ContentType = aws.String("text/old")
					in.ChecksumAlgorithm = types.ChecksumAlgorithmSha256
				})
				head := fx.head(t, bucket, "k", "")
				require.Equal(t, "bar", head.Metadata["foo"])
				require.Equal(t, types.StorageClassStandardIa, head.StorageClass)

				fx.tick()
				fx.put(t, bucket, "k", []byte("second"), func(in *s3.PutObjectInput) { in.Metadata = map[string]string{"keep": "2"} })
				head = fx.head(t, bucket, "k", "", func(in *s3.HeadObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
				assert.Equal(t, map[string]string{"keep": "2"}, head.Metadata, "an overwrite without x-amz-meta-foo does not keep foo (P7)")
				assert.Empty(t, head.StorageClass, "STANDARD: the old STANDARD_IA does not survive (P7)")
				assert.NotEqual(t, "text/old", aws.ToString(head.ContentType))
				assert.Nil(t, head.ChecksumSHA256, "the old SHA256 checksum does not survive")
				assert.Equal(t, fullSum(types.ChecksumAlgorithmCrc32, []byte("second")), aws.ToString(head.ChecksumCRC32))
				get, body := fx.get(t, bucket, "k", "")
				assert.Equal(t, "second", string(body))
				assert.Equal(t, map[string]string{"keep": "2"}, get.Metadata)
				assert.Empty(t, get.StorageClass)
				objs := fx.listKeys(t, bucket)
				require.Len(t, objs, 1)
				assert.Equal(t, types.ObjectStorageClassStandard, objs[0].StorageClass)
				vs := fx.srv.ObjectVersions(bucket, "")
				require.NotEmpty(t, vs)
				assert.Equal(t, "STANDARD", vs[0].StorageClass)
				assert.Equal(t, "CRC32", vs[0].ChecksumAlgorithm)

				if versioning != "" {
					require.Len(t, vs, 2)
					assert.Equal(t, "STANDARD_IA", vs[1].StorageClass, "the old version keeps its own facts")
					assert.Equal(t, "SHA256", vs[1].ChecksumAlgorithm)
					old := fx.head(t, bucket, "k", aws.ToString(first.VersionId))
					assert.Equal(t, map[string]string{"foo": "bar", "keep": "1"}, old.Metadata)
					assert.Equal(t, types.StorageClassStandardIa, old.StorageClass)
					assert.Equal(t, "text/old", aws.ToString(old.ContentType))
				} else {
					assert.Len(t, vs, 1)
				}
			})
		}
	})
}

// ---------------------------------------------------------------------------
// P8: multipart ETags.

// TestFidelityP8MultipartETag uploads 3 parts of 5 MiB and a small last
// part: Complete, HEAD, GET, ListObjectsV2 and ListObjectVersions all
// report "<md5 of the part md5s>-4", and the store knows the object was
// uploaded in parts. A ranged GET across a part boundary works (P2).
func TestFidelityP8MultipartETag(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		fx.bucket(t, "fid-p8", "")
		const partSize = 5 << 20
		data := fidData(3*partSize + 1234)
		parts := [][]byte{data[:partSize], data[partSize : 2*partSize], data[2*partSize : 3*partSize], data[3*partSize:]}
		want := multipartETag(parts)

		created, err := fx.c.CreateMultipartUpload(fidCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String("fid-p8"), Key: aws.String("big")})
		require.NoError(t, err)
		var completed []types.CompletedPart
		for i, p := range parts {
			c, opt := fx.capture()
			out, err := fx.c.UploadPart(fidCtx, &s3.UploadPartInput{
				Bucket: aws.String("fid-p8"), Key: aws.String("big"), UploadId: created.UploadId,
				PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(p),
			}, opt)
			require.NoError(t, err)
			fx.requireChunked(t, c)
			assert.Equal(t, md5ETag(p), aws.ToString(out.ETag), "part %d ETag", i+1)
			completed = append(completed, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(int32(i + 1))})
		}
		done, err := fx.c.CompleteMultipartUpload(fidCtx, &s3.CompleteMultipartUploadInput{
			Bucket: aws.String("fid-p8"), Key: aws.String("big"), UploadId: created.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: completed},
		})
		require.NoError(t, err)
		assert.Equal(t, want, aws.ToString(done.ETag), "Complete")
		assert.Nil(t, done.VersionId, "unversioned bucket")

		head := fx.head(t, "fid-p8", "big", "")
		assert.Equal(t, want, aws.ToString(head.ETag), "HEAD (P8)")
		assert.Equal(t, int64(len(data)), aws.ToInt64(head.ContentLength))
		get, body := fx.get(t, "fid-p8", "big", "")
		assert.Equal(t, want, aws.ToString(get.ETag), "GET (P8)")
		require.Equal(t, len(data), len(body))
		require.True(t, bytes.Equal(data, body), "GET returns the parts' bytes in order")

		rng, rbody := fx.get(t, "fid-p8", "big", "", func(in *s3.GetObjectInput) {
			in.Range = aws.String(fmt.Sprintf("bytes=%d-%d", partSize-10, partSize+9))
		})
		assert.True(t, bytes.Equal(data[partSize-10:partSize+10], rbody), "ranged GET across a part boundary")
		assert.Equal(t, want, aws.ToString(rng.ETag))

		objs := fx.listKeys(t, "fid-p8")
		require.Len(t, objs, 1)
		assert.Equal(t, want, aws.ToString(objs[0].ETag), "ListObjectsV2 (P8)")
		assert.Equal(t, int64(len(data)), aws.ToInt64(objs[0].Size))
		rows, _ := fx.listVersions(t, "fid-p8", 1000)
		require.Len(t, rows, 1)
		assert.Equal(t, strings.Trim(want, `"`), rows[0].ETag, "ListObjectVersions")
		assert.Equal(t, "null", rows[0].VersionID)

		vs := fx.srv.ObjectVersions("fid-p8", "")
		require.Len(t, vs, 1)
		assert.True(t, vs[0].IsMultipartUploaded, "the store knows the object was uploaded in parts")
		assert.Equal(t, strings.Trim(want, `"`), vs[0].ETag)
		assert.Equal(t, int64(len(data)), vs[0].Size)

		uploads, err := fx.c.ListMultipartUploads(fidCtx, &s3.ListMultipartUploadsInput{Bucket: aws.String("fid-p8")})
		require.NoError(t, err)
		assert.Empty(t, uploads.Uploads, "the completed upload is gone")
	})
}

// ---------------------------------------------------------------------------
// Concurrency.

// TestFidelityConcurrentWritesAndSnapshots has 32 goroutines write,
// delete and list one versioned bucket through the SDK while other
// goroutines take ObjectVersions snapshots. The work runs in phases, one
// clock second each, so that LastModified orders versions of different
// phases. Every snapshot must be consistent: keys ascending, per key
// exactly one IsLatest (the first entry), newest first, no duplicate ids.
// At the end ObjectVersions, ListObjectVersions, ListObjectsV2 and what the
// clients did all agree.
func TestFidelityConcurrentWritesAndSnapshots(t *testing.T) {
	fidEach(t, func(t *testing.T, fx *fid) {
		const (
			bucket      = "fid-race"
			workers     = 32
			phases      = 4
			opsPerPhase = 5
			hotKeys     = 6
			snapshotter = 3
		)
		fx.pool(t, workers)
		fx.bucket(t, bucket, types.BucketVersioningStatusEnabled)

		type written struct{ key, id string }
		created := make([][]written, workers) // every version and marker a worker made, in order
		deleted := make([][]written, workers) // the versions it deleted by id
		live := make([][]written, workers)    // its own keys' versions still there, oldest first

		stop := make(chan struct{})
		var snaps atomic.Int64
		var snapWG sync.WaitGroup
		for s := range snapshotter {
			snapWG.Add(1)
			go func() {
				defer snapWG.Done()
				prefix := ""
				if s == snapshotter-1 {
					prefix = "hot/"
				}
				for {
					select {
					case <-stop:
						return
					default:
					}
					checkFidSnapshot(t, fx.srv.ObjectVersions(bucket, prefix), prefix)
					snaps.Add(1)
					time.Sleep(time.Millisecond)
				}
			}()
		}

		op := func(w, i int) {
			hot := fmt.Sprintf("hot/%d", (w*7+i)%hotKeys)
			own := fmt.Sprintf("own/w%02d/%d", w, i%2)
			putOwn := func() {
				out, err := fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(own),
					Body: strings.NewReader(fmt.Sprintf("w%d i%d", w, i))})
				if assert.NoError(t, err) {
					v := written{own, aws.ToString(out.VersionId)}
					created[w] = append(created[w], v)
					live[w] = append(live[w], v)
				}
			}
			switch (w + i) % 5 {
			case 0:
				out, err := fx.c.PutObject(fidCtx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(hot),
					Body: strings.NewReader(strings.Repeat("h", w+i))})
				if assert.NoError(t, err) {
					created[w] = append(created[w], written{hot, aws.ToString(out.VersionId)})
				}
			case 1:
				putOwn()
			case 2:
				out, err := fx.c.DeleteObject(fidCtx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(hot)})
				if assert.NoError(t, err) {
					assert.True(t, aws.ToBool(out.DeleteMarker))
					created[w] = append(created[w], written{hot, aws.ToString(out.VersionId)})
				}
			case 3:
				if len(live[w]) == 0 {
					putOwn()
					return
				}
				v := live[w][0]
				out, err := fx.c.DeleteObject(fidCtx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(v.key), VersionId: aws.String(v.id)})
				if assert.NoError(t, err) {
					assert.Equal(t, v.id, aws.ToString(out.VersionId))
					assert.False(t, aws.ToBool(out.DeleteMarker))
					live[w] = live[w][1:]
					deleted[w] = append(deleted[w], v)
				}
			case 4:
				_, err := fx.c.ListObjectsV2(fidCtx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String("hot/"), MaxKeys: aws.Int32(4)})
				assert.NoError(t, err)
				out, err := fx.c.ListObjectVersions(fidCtx, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), MaxKeys: aws.Int32(6)})
				if assert.NoError(t, err) {
					// A first page holds the newest entries of each key it
					// shows, so each of its keys has exactly one IsLatest.
					latest := map[string]int{}
					count := func(key *string, isLatest *bool) {
						n := latest[aws.ToString(key)]
						if aws.ToBool(isLatest) {
							n++
						}
						latest[aws.ToString(key)] = n
					}
					for _, v := range out.Versions {
						count(v.Key, v.IsLatest)
					}
					for _, d := range out.DeleteMarkers {
						count(d.Key, d.IsLatest)
					}
					for k, n := range latest {
						assert.Equal(t, 1, n, "ListObjectVersions page: %s has %d latest entries", k, n)
					}
				}
			}
		}

		for p := range phases {
			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for j := range opsPerPhase {
						op(w, p*opsPerPhase+j)
					}
				}()
			}
			wg.Wait()
			fx.tick()
		}
		close(stop)
		snapWG.Wait()
		require.Positive(t, snaps.Load(), "snapshots were taken")
		t.Logf("%d snapshots checked", snaps.Load())

		// The final state: the snapshot and the listing agree entry for
		// entry, facts included.
		snap := snapshotRows(fx.srv.ObjectVersions(bucket, ""))
		checkFidSnapshot(t, fx.srv.ObjectVersions(bucket, ""), "")
		rows, _ := fx.listVersions(t, bucket, 100)
		require.Equal(t, snap, rows, "ObjectVersions agrees with ListObjectVersions")

		// They hold exactly the versions and markers the clients made and
		// did not delete, and each worker's own keys in its order.
		want := map[string][]string{}
		for w := range workers {
			gone := map[written]bool{}
			for _, v := range deleted[w] {
				gone[v] = true
			}
			for _, v := range created[w] {
				if !gone[v] {
					want[v.key] = append(want[v.key], v.id)
				}
			}
		}
		got := map[string][]string{}
		for _, r := range rows {
			got[r.Key] = append(got[r.Key], r.VersionID)
		}
		for key, ids := range want {
			if strings.HasPrefix(key, "own/") {
				slices.Reverse(ids)
				assert.Equal(t, ids, got[key], "%s: one writer's versions, newest first", key)
			} else {
				assert.ElementsMatch(t, ids, got[key], "%s: every version and marker written, none lost", key)
			}
		}
		assert.Len(t, got, len(want), "no keys nobody wrote")

		var current []string
		for _, r := range rows {
			if r.Latest && !r.DM {
				current = append(current, r.Key)
			}
		}
		assert.Equal(t, current, objectKeys(fx.listKeys(t, bucket)), "ListObjectsV2 shows the current versions")
	})
}

// checkFidSnapshot reports an inconsistent snapshot: keys not ascending or
// outside prefix, a key without exactly one IsLatest on its first entry,
// versions not newest first, duplicate or null ids in an Enabled bucket.
// It reports with t.Errorf (at most one error per snapshot), as it runs in
// goroutines.
func checkFidSnapshot(t *testing.T, vs []inventory.ObjectVersion, prefix string) {
	ids := map[string]bool{}
	for i, v := range vs {
		var problem string
		first := i == 0 || vs[i-1].Key != v.Key
		switch {
		case !strings.HasPrefix(v.Key, prefix):
			problem = "outside the prefix " + prefix
		case first && i > 0 && v.Key < vs[i-1].Key:
			problem = "keys not ascending after " + vs[i-1].Key
		case first && !v.IsLatest:
			problem = "newest entry not IsLatest"
		case !first && v.IsLatest:
			problem = "a second IsLatest"
		case !first && v.LastModified.After(vs[i-1].LastModified):
			problem = "versions not newest first"
		case v.VersionID == "":
			problem = "a null version in a bucket always Enabled"
		case ids[v.Key+"\x00"+v.VersionID]:
			problem = "duplicate version id"
		case v.IsDeleteMarker && v.Size != 0:
			problem = "a delete marker with a size"
		case !v.IsDeleteMarker && v.ETag == "":
			problem = "a version without an ETag"
		}
		if problem != "" {
			t.Errorf("inconsistent snapshot of %d entries at %d (%s %s): %s", len(vs), i, v.Key, v.VersionID, problem)
			return
		}
		ids[v.Key+"\x00"+v.VersionID] = true
	}
}
