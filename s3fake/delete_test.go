package s3fake_test

// DeleteObjects served by s3fake: S3's <Deleted> fields (DeleteMarker,
// DeleteMarkerVersionId), per-key errors, quiet mode, the 1,000-key limit,
// strict decoding, the required Content-MD5 or checksum, and per-key
// authorization (issue 10).

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// deleteKeys is a DeleteObjectsInput for bucket and keys (no versions).
func deleteKeys(bucket string, keys ...string) *s3.DeleteObjectsInput {
	in := &s3.DeleteObjectsInput{Bucket: aws.String(bucket), Delete: &types.Delete{}}
	for _, k := range keys {
		in.Delete.Objects = append(in.Delete.Objects, types.ObjectIdentifier{Key: aws.String(k)})
	}
	return in
}

// deletedKeys and errorKeys list the keys of a DeleteObjects answer.
func deletedKeys(out *s3.DeleteObjectsOutput) []string {
	var keys []string
	for _, d := range out.Deleted {
		keys = append(keys, aws.ToString(d.Key))
	}
	sort.Strings(keys)
	return keys
}

// versionRows is "key id latest marker" for every version of bucket.
func versionRows(srv *s3fake.Server, bucket string) []string {
	var rows []string
	for _, v := range srv.ObjectVersions(bucket, "") {
		rows = append(rows, fmt.Sprintf("%s %s latest=%v marker=%v", v.Key, v.VersionID, v.IsLatest, v.IsDeleteMarker))
	}
	return rows
}

func TestDeleteObjectsUnversioned(t *testing.T) {
	srv := s3fake.Start(t)
	c := srv.Client()
	ctx := context.Background()
	require.NoError(t, srv.CreateBucket("other"))
	for _, k := range []string{"d2", "d3", "dst"} {
		_, err := srv.PutObject("other", k, []byte(k))
		require.NoError(t, err)
	}
	out, err := c.DeleteObjects(ctx, deleteKeys("other", "d2", "d3", "never"))
	require.NoError(t, err)
	assert.Empty(t, out.Errors)
	assert.Equal(t, []string{"d2", "d3", "never"}, deletedKeys(out), "a key that does not exist is reported deleted")
	for _, d := range out.Deleted {
		assert.Nil(t, d.DeleteMarker, "no delete marker in an unversioned bucket")
		assert.Nil(t, d.VersionId)
	}
	list, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("other")})
	require.NoError(t, err)
	require.Len(t, list.Contents, 1)
	assert.Equal(t, "dst", aws.ToString(list.Contents[0].Key))

	_, err = c.DeleteObjects(ctx, deleteKeys("nobucket", "k"))
	requireSDKError(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchBucket"})
}

// S3 reports the delete marker a plain delete created, and the marker a
// versioned delete removed (issue 10: "DeleteObjects answers without the
// DeleteMarker/DeleteMarkerVersionId fields").
func TestDeleteObjectsDeleteMarkers(t *testing.T) {
	srv := s3fake.Start(t)
	c := srv.Client()
	ctx := context.Background()
	require.NoError(t, srv.CreateBucket("bkt"))
	require.NoError(t, srv.SetVersioning("bkt", "Enabled"))
	v1, err := srv.PutObject("bkt", "a", []byte("1"))
	require.NoError(t, err)
	_, err = srv.PutObject("bkt", "a", []byte("2"))
	require.NoError(t, err)
	_, err = srv.PutObject("bkt", "b", []byte("1"))
	require.NoError(t, err)

	// The scenario of the old wire test: a version by id, and a key.
	out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{
		Objects: []types.ObjectIdentifier{{Key: aws.String("a"), VersionId: aws.String(v1)}, {Key: aws.String("b")}},
	}})
	require.NoError(t, err)
	require.Len(t, out.Deleted, 2)
	assert.Empty(t, out.Errors)
	byKey := map[string]types.DeletedObject{}
	for _, d := range out.Deleted {
		byKey[aws.ToString(d.Key)] = d
	}
	assert.Equal(t, v1, aws.ToString(byKey["a"].VersionId))
	assert.Nil(t, byKey["a"].DeleteMarker, "removing a version that is not a marker names no marker")
	assert.True(t, aws.ToBool(byKey["b"].DeleteMarker), "a plain delete creates a marker")
	assert.Nil(t, byKey["b"].VersionId, "the entry echoes the request, which had no version id")
	marker := aws.ToString(byKey["b"].DeleteMarkerVersionId)
	require.Len(t, marker, 32)
	rows := versionRows(srv, "bkt")
	require.Len(t, rows, 3)
	assert.Equal(t, "b "+marker+" latest=true marker=true", rows[1])
	assert.NotContains(t, strings.Join(rows, "\n"), v1)

	// Deleting the marker by its id reports it and brings b back.
	out, err = c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{
		Objects: []types.ObjectIdentifier{{Key: aws.String("b"), VersionId: aws.String(marker)}},
	}})
	require.NoError(t, err)
	require.Len(t, out.Deleted, 1)
	d := out.Deleted[0]
	assert.Equal(t, marker, aws.ToString(d.VersionId))
	assert.True(t, aws.ToBool(d.DeleteMarker))
	assert.Equal(t, marker, aws.ToString(d.DeleteMarkerVersionId))
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("b")})
	require.NoError(t, err)
	got.Body.Close()

	// Versioning suspended: the marker is the null version.
	require.NoError(t, srv.SetVersioning("bkt", "Suspended"))
	out, err = c.DeleteObjects(ctx, deleteKeys("bkt", "b"))
	require.NoError(t, err)
	require.Len(t, out.Deleted, 1)
	assert.True(t, aws.ToBool(out.Deleted[0].DeleteMarker))
	assert.Equal(t, "null", aws.ToString(out.Deleted[0].DeleteMarkerVersionId))
}

// A version id S3 never issued fails its own entry with InvalidArgument;
// the other keys are deleted. Quiet mode leaves the successes out.
func TestDeleteObjectsPerKeyErrorsAndQuiet(t *testing.T) {
	srv := s3fake.Start(t)
	c, tap := tappedClient(srv, srv.DefaultAccount())
	ctx := context.Background()
	require.NoError(t, srv.CreateBucket("bkt"))
	require.NoError(t, srv.SetVersioning("bkt", "Enabled"))
	for _, k := range []string{"a", "b"} {
		_, err := srv.PutObject("bkt", k, []byte(k))
		require.NoError(t, err)
	}
	out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{
		Objects: []types.ObjectIdentifier{{Key: aws.String("a")}, {Key: aws.String("b"), VersionId: aws.String("not-a-version")}},
	}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, tap.response(t).status)
	assert.Equal(t, []string{"a"}, deletedKeys(out))
	require.Len(t, out.Errors, 1)
	e := out.Errors[0]
	assert.Equal(t, "b", aws.ToString(e.Key))
	assert.Equal(t, "not-a-version", aws.ToString(e.VersionId))
	assert.Equal(t, "InvalidArgument", aws.ToString(e.Code))
	assert.Equal(t, "Invalid version id specified", aws.ToString(e.Message))

	out, err = c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{
		Quiet:   aws.Bool(true),
		Objects: []types.ObjectIdentifier{{Key: aws.String("b")}, {Key: aws.String("c"), VersionId: aws.String("bad")}},
	}})
	require.NoError(t, err)
	assert.Empty(t, out.Deleted, "quiet mode reports only errors")
	require.Len(t, out.Errors, 1)
	assert.Equal(t, "c", aws.ToString(out.Errors[0].Key))
	assert.Contains(t, versionRows(srv, "bkt"), fmt.Sprintf("b %s latest=true marker=true",
		srv.ObjectVersions("bkt", "b")[0].VersionID), "the quiet delete still deleted b")
}

// S3 allows 1,000 keys per request and answers MalformedXML past that
// (issue 10: "DeleteObjects accepts more than 1,000 keys").
func TestDeleteObjectsLimit(t *testing.T) {
	srv := s3fake.Start(t)
	c := srv.Client()
	ctx := context.Background()
	require.NoError(t, srv.CreateBucket("bkt"))
	keys := make([]string, 1001)
	for i := range keys {
		keys[i] = fmt.Sprintf("k%04d", i)
	}
	_, err := srv.PutObject("bkt", "k0000", []byte("x"))
	require.NoError(t, err)

	_, err = c.DeleteObjects(ctx, deleteKeys("bkt", keys...))
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "MalformedXML"})
	assert.Len(t, srv.ObjectVersions("bkt", ""), 1, "nothing was deleted")

	out, err := c.DeleteObjects(ctx, deleteKeys("bkt", keys[:1000]...))
	require.NoError(t, err)
	assert.Len(t, out.Deleted, 1000)
	assert.Empty(t, srv.ObjectVersions("bkt", ""))
}

// deleteRequest is a signed raw DeleteObjects with doc as its body and
// header set before signing.
func deleteRequest(t *testing.T, srv *s3fake.Server, bucket, doc string, header map[string]string, acct ...s3fake.Account) *http.Request {
	t.Helper()
	req := newRawRequest(t, srv, http.MethodPost, "/"+bucket+"?delete", []byte(doc))
	for k, v := range header {
		req.Header.Set(k, v)
	}
	require.NoError(t, srv.SignRequest(req, []byte(doc), acct...))
	return req
}

func contentMD5(doc string) string {
	sum := md5.Sum([]byte(doc))
	return base64.StdEncoding.EncodeToString(sum[:])
}

func TestDeleteObjectsBadRequests(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("bkt"))
	_, err := srv.PutObject("bkt", "k", []byte("x"))
	require.NoError(t, err)
	const doc = `<Delete><Object><Key>k</Key></Object></Delete>`
	crc := func(s string) string {
		b := crc32.NewIEEE()
		b.Write([]byte(s))
		return base64.StdEncoding.EncodeToString(b.Sum(nil))
	}
	malformed := wantS3Error{status: http.StatusBadRequest, code: "MalformedXML",
		message: "The XML you provided was not well-formed or did not validate against our published schema"}
	tests := []struct {
		name   string
		doc    string
		header map[string]string
		want   wantS3Error
	}{
		{"no Content-MD5", doc, nil, wantS3Error{status: http.StatusBadRequest, code: "InvalidRequest",
			message: "Missing required header for this request: Content-MD5"}},
		{"Content-MD5 of another body", doc, map[string]string{"Content-MD5": contentMD5("other")},
			wantS3Error{status: http.StatusBadRequest, code: "BadDigest", message: "The Content-MD5 you specified did not match what we received.",
				values: map[string]string{"CalculatedDigest": contentMD5(doc)}, present: []string{"ExpectedDigest"}}},
		{"Content-MD5 not an MD5", doc, map[string]string{"Content-MD5": "abc"},
			wantS3Error{status: http.StatusBadRequest, code: "InvalidDigest", message: "The Content-MD5 you specified is not valid."}},
		{"CRC32 of another body", doc, map[string]string{"X-Amz-Checksum-Crc32": crc("other")},
			wantS3Error{status: http.StatusBadRequest, code: "BadDigest", message: "The CRC32 you specified did not match the calculated checksum."}},
		{"CRC32 not a CRC32", doc, map[string]string{"X-Amz-Checksum-Crc32": "AAAA"},
			wantS3Error{status: http.StatusBadRequest, code: "InvalidRequest", message: "Value for x-amz-checksum-crc32 header is invalid."}},
		{"garbage", "this is not XML", map[string]string{"Content-MD5": contentMD5("this is not XML")}, malformed},
		{"unknown element", `<Delete><Object><Key>k</Key><Owner>me</Owner></Object></Delete>`, nil, malformed},
		{"no object", `<Delete><Quiet>true</Quiet></Delete>`, nil, malformed},
		{"empty body", "", map[string]string{"Content-MD5": contentMD5("")}, malformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.header
			if h == nil {
				h = map[string]string{"Content-MD5": contentMD5(tc.doc)}
				if tc.name == "no Content-MD5" {
					h = nil
				}
			}
			requireS3Error(t, sendRaw(t, deleteRequest(t, srv, "bkt", tc.doc, h)), tc.want)
			assert.Len(t, srv.ObjectVersions("bkt", ""), 1, "nothing was deleted")
		})
	}

	// A correct CRC32 alone is enough.
	resp := sendRaw(t, deleteRequest(t, srv, "bkt", doc, map[string]string{"X-Amz-Checksum-Crc32": crc(doc)}))
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Empty(t, srv.ObjectVersions("bkt", ""))
}

// deleteResult is a <DeleteResult> as S3 writes it.
type deleteResult struct {
	XMLName xml.Name `xml:"DeleteResult"`
	Deleted []struct {
		Key string
	} `xml:"Deleted"`
	Errors []struct {
		Key, VersionId, Code, Message string
	} `xml:"Error"`
}

// DeleteObjects is authorized per key: a caller allowed s3:DeleteObject on
// public/* only deletes the public keys and gets AccessDenied entries for
// the others, which stay (issue 10: "DeleteObjects is also authorized
// once, not per key").
func TestDeleteObjectsAuthorizedPerKey(t *testing.T) {
	srv := s3fake.Start(t)
	other := srv.CreateAccount("111111111111")
	require.NoError(t, srv.CreateBucket("pub"))
	require.NoError(t, srv.SetVersioning("pub", "Enabled"))
	require.NoError(t, srv.PutBucketPolicy("pub", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:DeleteObject","Resource":"arn:aws:s3:::pub/public/*"},
		{"Effect":"Allow","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::pub/anon/*"},
		{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::pub/public/locked/*"}]}`))
	var pv string
	for _, k := range []string{"public/a", "public/b", "public/locked/c", "private/d", "anon/e"} {
		id, err := srv.PutObject("pub", k, []byte(k))
		require.NoError(t, err)
		if k == "public/b" {
			pv = id
		}
	}
	ctx := context.Background()
	c, tap := tappedClient(srv, other)
	out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("pub"), Delete: &types.Delete{Objects: []types.ObjectIdentifier{
		{Key: aws.String("public/a")},
		{Key: aws.String("public/b"), VersionId: aws.String(pv)}, // needs s3:DeleteObjectVersion
		{Key: aws.String("public/locked/c")},
		{Key: aws.String("private/d")},
	}}})
	require.NoError(t, err, "per-key denials are entries, not a failed request")
	assert.Equal(t, http.StatusOK, tap.response(t).status)
	assert.Equal(t, []string{"public/a"}, deletedKeys(out))
	var res deleteResult
	require.NoError(t, xml.Unmarshal(tap.response(t).body, &res))
	require.Len(t, res.Errors, 3)
	for i, key := range []string{"public/b", "public/locked/c", "private/d"} {
		assert.Equal(t, key, res.Errors[i].Key)
		assert.Equal(t, "AccessDenied", res.Errors[i].Code)
		assert.Equal(t, "Access Denied", res.Errors[i].Message)
	}
	assert.Equal(t, pv, res.Errors[0].VersionId)

	var current []string
	for _, v := range srv.ObjectVersions("pub", "") {
		if v.IsLatest && !v.IsDeleteMarker {
			current = append(current, v.Key)
		}
	}
	assert.Equal(t, []string{"anon/e", "private/d", "public/b", "public/locked/c"}, current, "only public/a got a delete marker")

	// Anonymous callers are authorized per key too.
	doc := `<Delete><Object><Key>anon/e</Key></Object><Object><Key>public/a</Key></Object></Delete>`
	req := newRawRequest(t, srv, http.MethodPost, "/pub?delete", []byte(doc))
	req.Header.Set("Content-MD5", contentMD5(doc))
	resp := sendRaw(t, req)
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	res = deleteResult{}
	require.NoError(t, xml.Unmarshal(resp.body, &res))
	require.Len(t, res.Deleted, 1)
	assert.Equal(t, "anon/e", res.Deleted[0].Key)
	require.Len(t, res.Errors, 1)
	assert.Equal(t, "public/a", res.Errors[0].Key)
	assert.True(t, bytes.Contains(resp.body, []byte("<Code>AccessDenied</Code>")))
}
