package s3fake_test

// Regressions for the access holes of the two-router design (issue 10):
// a request is authorized as the operation the table routes it to, and a
// subresource its target does not have is refused, never served as a
// bare-verb twin that was authorized for something else.

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// holesWorld is bucket "pub" of the default account with public/ and
// private/ objects, a policy that lets anyone GetObject public/* and
// account B PutObject public/*.
func holesWorld(t *testing.T) (*s3fake.Server, s3fake.Account) {
	t.Helper()
	srv := s3fake.Start(t)
	b := srv.CreateAccount("222222222222")
	require.NoError(t, srv.CreateBucket("pub"))
	_, err := srv.PutObject("pub", "public/a.txt", []byte("public"))
	require.NoError(t, err)
	_, err = srv.PutObject("pub", "private/secret.txt", []byte("secret"))
	require.NoError(t, err)
	require.NoError(t, srv.PutBucketPolicy("pub", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pub/public/*"},
		{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::pub/public/*"}]}`))
	return srv, b
}

func TestAccessHoleAnonymousVersionsOnAnObjectKey(t *testing.T) {
	srv, _ := holesWorld(t)
	resp := sendRaw(t, newRawRequest(t, srv, http.MethodGet, "/pub/public/a.txt?versions", nil))
	assert.NotEqual(t, http.StatusOK, resp.status)
	assert.NotContains(t, string(resp.body), "private/")
	requireS3Error(t, resp, wantS3Error{status: http.StatusNotImplemented, code: "NotImplemented"})
	// The object itself is still readable, as the policy allows.
	resp = sendRaw(t, newRawRequest(t, srv, http.MethodGet, "/pub/public/a.txt", nil))
	assert.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, "public", string(resp.body))
}

func TestAccessHoleBucketSubresourcesOnAnObjectKey(t *testing.T) {
	srv, b := holesWorld(t)
	for _, tc := range []struct {
		method, target string
		want           wantS3Error
	}{
		{http.MethodPut, "/pub/public/x?versioning=", wantS3Error{status: http.StatusNotImplemented, code: "NotImplemented"}},
		{http.MethodGet, "/pub/public/x?versioning", wantS3Error{status: http.StatusNotImplemented, code: "NotImplemented"}},
		{http.MethodGet, "/pub/public/x?uploads", wantMethodNotAllowed()},
		{http.MethodGet, "/pub/public/x?location", wantS3Error{status: http.StatusNotImplemented, code: "NotImplemented"}},
		{http.MethodDelete, "/pub/public/x?policy", wantS3Error{status: http.StatusNotImplemented, code: "NotImplemented"}},
	} {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			body := []byte(nil)
			if tc.method == http.MethodPut {
				body = []byte(`<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>`)
			}
			req := newRawRequest(t, srv, tc.method, tc.target, body)
			require.NoError(t, srv.SignRequest(req, body, b))
			requireS3Error(t, sendRaw(t, req), tc.want)
		})
	}
	// Versioning is still off, the policy still there, no object "x".
	out, err := srv.Client().GetBucketVersioning(t.Context(), &s3.GetBucketVersioningInput{Bucket: aws.String("pub")})
	require.NoError(t, err)
	assert.Empty(t, out.Status)
	_, ok := srv.BucketPolicy("pub")
	assert.True(t, ok)
	_, err = srv.Client().HeadObject(t.Context(), &s3.HeadObjectInput{Bucket: aws.String("pub"), Key: aws.String("public/x")})
	require.Error(t, err)
}

// TestAccessCopySourceVersionNeedsGetObjectVersion: copying a named
// version reads that version, which s3:GetObject alone does not allow.
func TestAccessCopySourceVersionNeedsGetObjectVersion(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("src", s3fake.Versioned()))
	require.NoError(t, srv.CreateBucket("dst"))
	v1, err := srv.PutObject("src", "k", []byte("one"))
	require.NoError(t, err)
	_, err = srv.PutObject("src", "k", []byte("two"))
	require.NoError(t, err)
	copier := srv.CreateUser(s3fake.DefaultAccountID, "copier", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`)
	c, tap := tappedClient(srv, copier)

	_, err = c.CopyObject(t.Context(), &s3.CopyObjectInput{Bucket: aws.String("dst"), Key: aws.String("latest"),
		CopySource: aws.String("src/k")})
	require.NoError(t, err, "the current version needs s3:GetObject only")

	_, err = c.CopyObject(t.Context(), &s3.CopyObjectInput{Bucket: aws.String("dst"), Key: aws.String("old"),
		CopySource: aws.String("src/k?versionId=" + v1)})
	require.Error(t, err)
	requireS3Error(t, tap.response(t), wantS3Error{status: http.StatusForbidden, code: "AccessDenied", message: wantMsgAccessDenied})

	_, err = srv.Client().HeadObject(t.Context(), &s3.HeadObjectInput{Bucket: aws.String("dst"), Key: aws.String("old")})
	var nf *types.NotFound
	assert.ErrorAs(t, err, &nf, "a refused copy wrote nothing")
}
