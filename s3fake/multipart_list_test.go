package s3fake_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// TestMultipartListPartsPaging: ListParts pages with max-parts and
// part-number-marker, and the SDK's paginator walks every part once.
func TestMultipartListPartsPaging(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	c := srv.Client()
	u := mpCreate(t, c, "bkt", "k")
	for _, n := range []int32{3, 1, 7, 5} {
		u.part(t, n, []byte(fmt.Sprint("part ", n)))
	}
	page, err := c.ListParts(mpCtx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id),
		MaxParts: aws.Int32(2), PartNumberMarker: aws.String("1")})
	require.NoError(t, err)
	require.Len(t, page.Parts, 2)
	assert.Equal(t, int32(3), aws.ToInt32(page.Parts[0].PartNumber))
	assert.Equal(t, int32(5), aws.ToInt32(page.Parts[1].PartNumber))
	assert.True(t, aws.ToBool(page.IsTruncated))
	assert.Equal(t, "5", aws.ToString(page.NextPartNumberMarker))
	assert.Equal(t, "1", aws.ToString(page.PartNumberMarker))
	assert.Equal(t, int32(2), aws.ToInt32(page.MaxParts))

	var got []int32
	p := s3.NewListPartsPaginator(c, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id), MaxParts: aws.Int32(1)})
	for pages := 0; p.HasMorePages(); pages++ {
		require.Less(t, pages, 10, "paging does not end")
		out, err := p.NextPage(mpCtx)
		require.NoError(t, err)
		for _, part := range out.Parts {
			got = append(got, aws.ToInt32(part.PartNumber))
		}
	}
	assert.Equal(t, []int32{1, 3, 5, 7}, got)

	page, err = c.ListParts(mpCtx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(u.id),
		MaxParts: aws.Int32(5000)})
	require.NoError(t, err)
	assert.Equal(t, int32(1000), aws.ToInt32(page.MaxParts), "max-parts is capped at 1000")
	assert.False(t, aws.ToBool(page.IsTruncated))
}

// TestMultipartListArgumentsValidated: ListParts' max-parts and
// part-number-marker and ListMultipartUploads' max-uploads and
// encoding-type are checked as S3 checks them (they were not checked at
// all).
func TestMultipartListArgumentsValidated(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	u := mpCreate(t, srv.Client(), "bkt", "k")
	parts := "/bkt/k?uploadId=" + u.id + "&"
	for _, tc := range []struct{ target, name, value, message string }{
		{parts + "max-parts=abc", "max-parts", "abc", "Provided max-parts not an integer or within integer range"},
		{parts + "max-parts=2147483648", "max-parts", "2147483648", "Provided max-parts not an integer or within integer range"},
		{parts + "max-parts=-1", "max-parts", "-1", "Argument max-parts must be an integer between 0 and 2147483647"},
		{parts + "part-number-marker=x", "part-number-marker", "x", "Provided part-number-marker not an integer or within integer range"},
		{parts + "part-number-marker=-42", "part-number-marker", "-42", "Argument part-number-marker must be an integer between 0 and 2147483647"},
		{"/bkt?uploads&max-uploads=1.5", "max-uploads", "1.5", "Provided max-uploads not an integer or within integer range"},
		{"/bkt?uploads&max-uploads=-3", "max-uploads", "-3", "Argument max-uploads must be an integer between 0 and 2147483647"},
		{"/bkt?uploads&encoding-type=xml", "encoding-type", "xml", "Invalid Encoding Method specified in Request"},
	} {
		status, h, body := goldenDo(t, srv, http.MethodGet, tc.target, nil, nil)
		requireS3Error(t, wireResponse{status: status, header: h, body: body}, wantS3Error{
			status: http.StatusBadRequest, code: "InvalidArgument", message: tc.message,
			values: map[string]string{"ArgumentName": tc.name, "ArgumentValue": tc.value},
		})
	}
}

// TestMultipartListUploads: ListMultipartUploads with prefix, delimiter,
// key-marker, upload-id-marker and max-uploads, paged by the SDK, and
// with encoding-type=url.
func TestMultipartListUploads(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("bkt")
	c := srv.Client()
	ids := map[string][]string{}
	for _, k := range []string{"a", "a", "dir/x", "dir/y", "b c+", "b"} {
		u := mpCreate(t, c, "bkt", k)
		ids[k] = append(ids[k], u.id)
	}
	done := mpCreate(t, c, "bkt", "gone")
	done.part(t, 1, []byte("x"))
	_, err := done.complete()
	require.NoError(t, err)

	list := func(in *s3.ListMultipartUploadsInput) *s3.ListMultipartUploadsOutput {
		t.Helper()
		in.Bucket = aws.String("bkt")
		out, err := c.ListMultipartUploads(mpCtx, in)
		require.NoError(t, err)
		return out
	}
	entries := func(out *s3.ListMultipartUploadsOutput) []string {
		var e []string
		for _, u := range out.Uploads {
			e = append(e, aws.ToString(u.Key)+"#"+aws.ToString(u.UploadId))
		}
		for _, p := range out.CommonPrefixes {
			e = append(e, aws.ToString(p.Prefix))
		}
		return e
	}
	all := list(&s3.ListMultipartUploadsInput{})
	assert.Equal(t, []string{"a#" + ids["a"][0], "a#" + ids["a"][1], "b#" + ids["b"][0], "b c+#" + ids["b c+"][0],
		"dir/x#" + ids["dir/x"][0], "dir/y#" + ids["dir/y"][0]}, entries(all), "by key, then by initiation; completed uploads are not listed")
	assert.False(t, aws.ToBool(all.IsTruncated))

	rolled := list(&s3.ListMultipartUploadsInput{Delimiter: aws.String("/")})
	assert.Equal(t, []string{"a#" + ids["a"][0], "a#" + ids["a"][1], "b#" + ids["b"][0], "b c+#" + ids["b c+"][0], "dir/"}, entries(rolled))
	assert.Equal(t, []string{"dir/y#" + ids["dir/y"][0]}, entries(list(&s3.ListMultipartUploadsInput{Prefix: aws.String("dir/y")})))

	after := list(&s3.ListMultipartUploadsInput{KeyMarker: aws.String("a"), UploadIdMarker: aws.String(ids["a"][0])})
	assert.Equal(t, "a#"+ids["a"][1], entries(after)[0], "after the marker upload of the key")
	after = list(&s3.ListMultipartUploadsInput{KeyMarker: aws.String("a")})
	assert.Equal(t, "b#"+ids["b"][0], entries(after)[0], "a key marker alone starts after the key")

	var paged []string
	p := s3.NewListMultipartUploadsPaginator(c, &s3.ListMultipartUploadsInput{Bucket: aws.String("bkt"), MaxUploads: aws.Int32(2)})
	for pages := 0; p.HasMorePages(); pages++ {
		require.Less(t, pages, 10, "paging does not end")
		out, err := p.NextPage(mpCtx)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(out.Uploads), 2)
		paged = append(paged, entries(out)...)
	}
	assert.Equal(t, entries(all), paged)

	status, _, body := goldenDo(t, srv, http.MethodGet, "/bkt?uploads&encoding-type=url&prefix=b%20", nil, nil)
	require.Equal(t, http.StatusOK, status, "%s", body)
	doc := string(body)
	for _, want := range []string{"<EncodingType>url</EncodingType>", "<Prefix>b%20</Prefix>", "<Key>b%20c%2B</Key>"} {
		assert.Contains(t, doc, want)
	}
	assert.Equal(t, 1, strings.Count(doc, "<Upload>"))
}
