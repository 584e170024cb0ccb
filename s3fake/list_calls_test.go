package s3fake_test

// ListObjects, ListObjectsV2 and ListObjectVersions through the SDK and,
// where the SDK cannot send or show it, raw signed HTTP.

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

var listCtx = context.Background()

// listWorld is a server, its default client and bucket "bkt" with keys.
func listWorld(t *testing.T, keys ...string) (*s3fake.Server, *s3.Client) {
	t.Helper()
	srv := s3fake.Start(t)
	c := srv.Client()
	_, err := c.CreateBucket(listCtx, &s3.CreateBucketInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	for _, k := range keys {
		listPut(t, c, "bkt", k, "data-"+k)
	}
	return srv, c
}

func listPut(t *testing.T, c *s3.Client, bucket, key, body string) *s3.PutObjectOutput {
	t.Helper()
	out, err := c.PutObject(listCtx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)})
	require.NoError(t, err)
	return out
}

// listGet sends a signed GET to target and returns the response.
func listGet(t *testing.T, srv *s3fake.Server, target string) wireResponse {
	t.Helper()
	status, h, body := goldenDo(t, srv, http.MethodGet, target, nil, nil)
	return wireResponse{status: status, header: h, body: body}
}

// listDoc is a listing body's elements, as sent.
type listDoc struct {
	Name, Prefix, Delimiter, EncodingType, Marker    string
	NextMarker, StartAfter, KeyMarker, NextKeyMarker string
	ContinuationToken, NextContinuationToken         string
	MaxKeys, KeyCount                                *int
	IsTruncated                                      bool
	Contents                                         []listDocEntry `xml:"Contents"`
	Versions                                         []listDocEntry `xml:"Version"`
	DeleteMarkers                                    []listDocEntry `xml:"DeleteMarker"`
	CommonPrefixes                                   []struct{ Prefix string }
}

type listDocEntry struct {
	Key       string
	VersionID string `xml:"VersionId"`
	Owner     *struct{ ID string }
}

func parseListDoc(t *testing.T, body []byte) listDoc {
	t.Helper()
	var d listDoc
	require.NoError(t, xml.Unmarshal(body, &d), "body %s", body)
	return d
}

func (d listDoc) keys() []string {
	var keys []string
	for _, e := range d.Contents {
		keys = append(keys, e.Key)
	}
	return keys
}

func (d listDoc) prefixes() []string {
	var out []string
	for _, p := range d.CommonPrefixes {
		out = append(out, p.Prefix)
	}
	return out
}

// hasElement reports whether body has an element name, empty or not.
func hasElement(body []byte, name string) bool {
	return bytes.Contains(body, []byte("<"+name+">")) || bytes.Contains(body, []byte("<"+name+"/>"))
}

// Issue 10: ListObjects v1 has <MaxKeys>, and max-keys=0 returns no keys
// (and is not truncated, as s3-tests' test_bucket_list_maxkeys_zero
// expects of S3).
func TestListObjectsV1MaxKeys(t *testing.T) {
	srv, c := listWorld(t, "bar", "baz", "foo", "quxx")
	out, err := c.ListObjects(listCtx, &s3.ListObjectsInput{Bucket: aws.String("bkt"), MaxKeys: aws.Int32(0)})
	require.NoError(t, err)
	assert.Empty(t, out.Contents)
	assert.False(t, aws.ToBool(out.IsTruncated))
	assert.Equal(t, int32(0), aws.ToInt32(out.MaxKeys))

	body := listGet(t, srv, "/bkt").body
	d := parseListDoc(t, body)
	require.NotNil(t, d.MaxKeys, "ListObjects v1 has <MaxKeys>")
	assert.Equal(t, 1000, *d.MaxKeys)
	assert.True(t, hasElement(body, "Marker"), "v1 always has <Marker>")
	assert.False(t, hasElement(body, "KeyCount"))

	d = parseListDoc(t, listGet(t, srv, "/bkt?list-type=2&max-keys=0").body)
	assert.Empty(t, d.Contents)
	assert.False(t, d.IsTruncated)
	assert.Equal(t, 0, *d.KeyCount)

	d = parseListDoc(t, listGet(t, srv, "/bkt?max-keys=2000").body)
	assert.Equal(t, 1000, *d.MaxKeys, "ListObjects caps max-keys at 1000")
	assert.Len(t, d.Contents, 4)
}

// v1 shows every object's owner; v2 only with fetch-owner=true.
func TestListObjectsOwner(t *testing.T) {
	srv, c := listWorld(t, "k")
	owner := srv.DefaultAccount().CanonicalID()
	v1, err := c.ListObjects(listCtx, &s3.ListObjectsInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	require.Len(t, v1.Contents, 1)
	require.NotNil(t, v1.Contents[0].Owner, "v1 always shows Owner")
	assert.Equal(t, owner, aws.ToString(v1.Contents[0].Owner.ID))

	v2, err := c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	assert.Nil(t, v2.Contents[0].Owner, "no owner without fetch-owner")
	v2, err = c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), FetchOwner: aws.Bool(true)})
	require.NoError(t, err)
	require.NotNil(t, v2.Contents[0].Owner)
	assert.Equal(t, owner, aws.ToString(v2.Contents[0].Owner.ID))
}

// max-keys that is not an integer in int32, or negative, is
// InvalidArgument on all three listings; the checks come before the
// listing, and nothing is listed.
func TestListInvalidMaxKeys(t *testing.T) {
	srv, _ := listWorld(t, "k")
	notInt := "Provided max-keys not an integer or within integer range"
	for _, c := range []struct{ target, message, value string }{
		{"/bkt?max-keys=abc", notInt, "abc"},
		{"/bkt?list-type=2&max-keys=1.5", notInt, "1.5"},
		{"/bkt?list-type=2&max-keys=2147483648", notInt, "2147483648"},
		{"/bkt?versions&max-keys=x&encoding-type=", notInt, "x"}, // max-keys is checked first
		// A negative value: S3 names the argument but not its value.
		{"/bkt?max-keys=-1", "Argument maxKeys must be an integer between 0 and 2147483647", ""},
		{"/bkt?versions&max-keys=-1", "max-keys cannot be negative", ""},
	} {
		el := requireS3Error(t, listGet(t, srv, c.target), wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument",
			message: c.message, values: map[string]string{"ArgumentName": "max-keys", "ArgumentValue": c.value}})
		_, hasValue := el["ArgumentValue"]
		assert.Equal(t, c.value != "", hasValue, c.target)
	}
}

// Issue 10: an empty continuation token is refused, as a token s3fake did
// not issue is.
func TestListObjectsV2ContinuationToken(t *testing.T) {
	srv, c := listWorld(t, "a", "b", "c")
	for _, token := range []string{"", "garbage", "AQ"} {
		resp := listGet(t, srv, "/bkt?list-type=2&continuation-token="+url.QueryEscape(token))
		requireS3Error(t, resp, wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument",
			message: "The continuation token provided is incorrect",
			values:  map[string]string{"ArgumentName": "continuation-token", "ArgumentValue": token}})
	}
	_, err := c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), ContinuationToken: aws.String("")})
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument"})

	page, err := c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), MaxKeys: aws.Int32(1), StartAfter: aws.String("a")})
	require.NoError(t, err)
	assert.Equal(t, []string{"b"}, objectKeys(page.Contents))
	assert.Equal(t, "a", aws.ToString(page.StartAfter))
	assert.Equal(t, int32(1), aws.ToInt32(page.KeyCount))
	require.True(t, aws.ToBool(page.IsTruncated))
	next, err := c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), StartAfter: aws.String("a"),
		ContinuationToken: page.NextContinuationToken})
	require.NoError(t, err)
	assert.Equal(t, []string{"c"}, objectKeys(next.Contents), "the token resumes; start-after no longer applies")
	assert.Equal(t, aws.ToString(page.NextContinuationToken), aws.ToString(next.ContinuationToken))
	assert.Empty(t, aws.ToString(next.StartAfter), "S3 echoes start-after only without a token")
	assert.False(t, aws.ToBool(next.IsTruncated))
	assert.Nil(t, next.NextContinuationToken)
}

// Ported from internal/objstore/e2e_test.go: prefix, delimiter, paging by
// hand and with the paginator, and exactly MaxKeys matches not truncated.
func TestListObjectsPrefixDelimiterPaging(t *testing.T) {
	_, c := listWorld(t, "dir/a", "dir/b", "dir/sub/c", "dir/sub/d", "dir/z", "other/x", "root1", "root2")
	out, err := c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), Prefix: aws.String("dir/"), Delimiter: aws.String("/")})
	require.NoError(t, err)
	assert.Equal(t, []string{"dir/a", "dir/b", "dir/z"}, objectKeys(out.Contents))
	require.Len(t, out.CommonPrefixes, 1)
	assert.Equal(t, "dir/sub/", aws.ToString(out.CommonPrefixes[0].Prefix))
	assert.False(t, aws.ToBool(out.IsTruncated))
	assert.Equal(t, int32(4), aws.ToInt32(out.KeyCount))
	assert.Equal(t, int64(len("data-dir/a")), aws.ToInt64(out.Contents[0].Size))
	assert.Equal(t, types.ObjectStorageClassStandard, out.Contents[0].StorageClass)
	assert.NotEmpty(t, aws.ToString(out.Contents[0].ETag))

	var pages [][]string
	in := &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), MaxKeys: aws.Int32(3)}
	for i := 0; ; i++ {
		require.Less(t, i, 10)
		page, err := c.ListObjectsV2(listCtx, in)
		require.NoError(t, err)
		pages = append(pages, objectKeys(page.Contents))
		if !aws.ToBool(page.IsTruncated) {
			break
		}
		in.ContinuationToken = page.NextContinuationToken
	}
	assert.Equal(t, [][]string{{"dir/a", "dir/b", "dir/sub/c"}, {"dir/sub/d", "dir/z", "other/x"}, {"root1", "root2"}}, pages)

	var keys, prefixes []string
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(1)})
	for i := 0; p.HasMorePages(); i++ {
		require.Less(t, i, 10)
		page, err := p.NextPage(listCtx)
		require.NoError(t, err)
		keys = append(keys, objectKeys(page.Contents)...)
		for _, cp := range page.CommonPrefixes {
			prefixes = append(prefixes, aws.ToString(cp.Prefix))
		}
	}
	assert.Equal(t, []string{"root1", "root2"}, keys)
	assert.Equal(t, []string{"dir/", "other/"}, prefixes)

	out, err = c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), Prefix: aws.String("root"), MaxKeys: aws.Int32(2)})
	require.NoError(t, err)
	assert.Equal(t, []string{"root1", "root2"}, objectKeys(out.Contents))
	assert.False(t, aws.ToBool(out.IsTruncated), "exactly MaxKeys: no empty extra page")

	// v1: NextMarker only with a delimiter; the marker resumes.
	v1, err := c.ListObjects(listCtx, &s3.ListObjectsInput{Bucket: aws.String("bkt"), MaxKeys: aws.Int32(2)})
	require.NoError(t, err)
	assert.True(t, aws.ToBool(v1.IsTruncated))
	assert.Nil(t, v1.NextMarker, "S3 sends NextMarker only with a delimiter")
	v1, err = c.ListObjects(listCtx, &s3.ListObjectsInput{Bucket: aws.String("bkt"), MaxKeys: aws.Int32(2), Delimiter: aws.String("/")})
	require.NoError(t, err)
	assert.Equal(t, "other/", aws.ToString(v1.NextMarker))
	v1, err = c.ListObjects(listCtx, &s3.ListObjectsInput{Bucket: aws.String("bkt"), Delimiter: aws.String("/"), Marker: v1.NextMarker})
	require.NoError(t, err)
	assert.Equal(t, []string{"root1", "root2"}, objectKeys(v1.Contents))
	assert.Empty(t, v1.CommonPrefixes, "a common prefix equal to the marker is not repeated")
	assert.Equal(t, "other/", aws.ToString(v1.Marker))
}

// listKeys are keys a listing must give back exactly: spaces, "+", "%",
// XML's specials, non-ASCII, and control characters.
var listKeys = []string{"a b/c", "a+b", "100%.csv", "x&y<z>\"", "한글/x", "ctl\x01\x1bend", "cr\rlf\n"}

// Issue 10: encoding-type=url is honoured on all three listings (keys,
// prefixes, delimiter and markers percent-encoded, EncodingType echoed),
// so keys with control characters round-trip through the SDK, which
// hands them back encoded for the caller to decode.
func TestListEncodingTypeURL(t *testing.T) {
	srv, c := listWorld(t, listKeys...)
	_, err := c.PutBucketVersioning(listCtx, &s3.PutBucketVersioningInput{Bucket: aws.String("bkt"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	require.NoError(t, err)
	want := append([]string(nil), listKeys...)
	sortStrings(want)
	decode := func(s string) string {
		d, err := url.PathUnescape(s)
		require.NoError(t, err, s)
		return d
	}

	v2, err := c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), EncodingType: types.EncodingTypeUrl})
	require.NoError(t, err)
	assert.Equal(t, types.EncodingTypeUrl, v2.EncodingType)
	var got []string
	for _, o := range v2.Contents {
		got = append(got, decode(aws.ToString(o.Key)))
	}
	assert.Equal(t, want, got, "ListObjectsV2")
	assert.Contains(t, objectKeys(v2.Contents), "a%20b/c")
	assert.Contains(t, objectKeys(v2.Contents), "a%2Bb")

	v1, err := c.ListObjects(listCtx, &s3.ListObjectsInput{Bucket: aws.String("bkt"), EncodingType: types.EncodingTypeUrl})
	require.NoError(t, err)
	got = nil
	for _, o := range v1.Contents {
		got = append(got, decode(aws.ToString(o.Key)))
	}
	assert.Equal(t, want, got, "ListObjects")

	vs, err := c.ListObjectVersions(listCtx, &s3.ListObjectVersionsInput{Bucket: aws.String("bkt"), EncodingType: types.EncodingTypeUrl})
	require.NoError(t, err)
	got = nil
	for _, v := range vs.Versions {
		got = append(got, decode(aws.ToString(v.Key)))
	}
	assert.Equal(t, want, got, "ListObjectVersions")

	// Prefix, delimiter, markers and common prefixes are encoded too.
	d := parseListDoc(t, listGet(t, srv, "/bkt?encoding-type=url&prefix=a%20&delimiter=%2F&marker=a%20a").body)
	assert.Equal(t, "url", d.EncodingType)
	assert.Equal(t, "a%20", d.Prefix)
	assert.Equal(t, "/", d.Delimiter)
	assert.Equal(t, "a%20a", d.Marker)
	assert.Equal(t, []string{"a%20b/"}, d.prefixes())
	d = parseListDoc(t, listGet(t, srv, "/bkt?list-type=2&encoding-type=url&start-after=a%2B&max-keys=1").body)
	assert.Equal(t, "a%2B", d.StartAfter)
	assert.Equal(t, []string{"a%2Bb"}, d.keys())
	d = parseListDoc(t, listGet(t, srv, "/bkt?versions&encoding-type=url&key-marker=a%20b%2Fc&delimiter=%2F&max-keys=1").body)
	assert.Equal(t, "a%20b/c", d.KeyMarker)
	require.Len(t, d.Versions, 1)
	assert.Equal(t, "a%2Bb", d.Versions[0].Key)
	assert.Equal(t, "a%2Bb", d.NextKeyMarker)

	// encoding-type other than url is refused, an empty one included.
	for _, v := range []string{"", "base64"} {
		requireS3Error(t, listGet(t, srv, "/bkt?list-type=2&encoding-type="+v), wantS3Error{status: http.StatusBadRequest,
			code: "InvalidArgument", message: "Invalid Encoding Method specified in Request",
			values: map[string]string{"ArgumentName": "encoding-type", "ArgumentValue": v}})
	}
}

// Issue 10: without encoding-type, a key with a control character comes
// back as S3 writes it, an XML character reference (&#x1;), never as
// U+FFFD; the other keys are exact.
func TestListControlCharacterKeysWithoutEncoding(t *testing.T) {
	srv, _ := listWorld(t, listKeys...)
	for _, target := range []string{"/bkt", "/bkt?list-type=2", "/bkt?versions"} {
		resp := listGet(t, srv, target)
		require.Equal(t, http.StatusOK, resp.status)
		assert.NotContains(t, string(resp.body), "\uFFFD", target)
		assert.Contains(t, string(resp.body), "<Key>ctl&#x1;&#x1b;end</Key>", target)
		assert.Contains(t, string(resp.body), "<Key>cr&#xd;lf\n</Key>", target)
		assert.Contains(t, string(resp.body), "<Key>x&amp;y&lt;z&gt;&quot;</Key>", target)
		assert.Contains(t, string(resp.body), "<Key>한글/x</Key>", target)
	}
}

// NUL or bytes that are not UTF-8 in a key-like parameter are refused.
func TestListRefusesNulInParameters(t *testing.T) {
	srv, _ := listWorld(t, "k")
	for target, name := range map[string]string{
		"/bkt?prefix=%00":                   "prefix",
		"/bkt?list-type=2&start-after=a%00": "start-after",
		"/bkt?versions&key-marker=%FF":      "key-marker",
		"/bkt?marker=%00":                   "marker",
	} {
		requireS3Error(t, listGet(t, srv, target), wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument",
			message: "Value must be a sequence of Unicode characters and cannot include Null.",
			values:  map[string]string{"ArgumentName": name}})
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
