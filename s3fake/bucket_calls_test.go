package s3fake_test

// The bucket calls through the SDK and raw signed HTTP: ListBuckets'
// paging, CreateBucket's location rules and Object Lock, DeleteBucket,
// HeadBucket, GetBucketLocation and the versioning configuration.

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

func bucketCreate(t *testing.T, c *s3.Client, name string, edit ...func(*s3.CreateBucketInput)) {
	t.Helper()
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	for _, e := range edit {
		e(in)
	}
	_, err := c.CreateBucket(listCtx, in)
	require.NoError(t, err, name)
}

func inRegion(region types.BucketLocationConstraint) func(*s3.CreateBucketInput) {
	return func(in *s3.CreateBucketInput) {
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: region}
	}
}

// bucketDo sends a signed request (as acct, default the default account).
func bucketDo(t *testing.T, srv *s3fake.Server, method, target, body string, acct ...s3fake.Account) wireResponse {
	t.Helper()
	var b []byte
	if body != "" {
		b = []byte(body)
	}
	req := newRawRequest(t, srv, method, target, b)
	require.NoError(t, srv.SignRequest(req, b, acct...))
	return sendRaw(t, req)
}

// Issue 10: ListBuckets honours prefix, max-buckets and
// continuation-token (the SDK paginator pages through), names each
// bucket's region once a paging parameter is sent, and still lists only
// the caller's buckets.
func TestListBucketsPaging(t *testing.T) {
	srv := s3fake.Start(t)
	owner, other := srv.CreateAccount(fixtures.Owner), srv.CreateAccount(fixtures.Other)
	c, tap := tappedClient(srv, owner)
	for _, name := range []string{"a-1", "a-2", "a-3", "b-1"} {
		bucketCreate(t, c, name)
	}
	bucketCreate(t, c, "a-4", inRegion("eu-west-2"))
	bucketCreate(t, srv.ClientFor(other), "a-other")

	var pages [][]string
	p := s3.NewListBucketsPaginator(c, &s3.ListBucketsInput{Prefix: aws.String("a-"), MaxBuckets: aws.Int32(2)})
	for i := 0; p.HasMorePages(); i++ {
		require.Less(t, i, 10)
		out, err := p.NextPage(listCtx)
		require.NoError(t, err)
		var names []string
		for _, b := range out.Buckets {
			names = append(names, aws.ToString(b.Name))
			assert.NotEmpty(t, aws.ToString(b.BucketRegion), "BucketRegion with a paging parameter")
		}
		pages = append(pages, names)
		assert.Equal(t, "a-", aws.ToString(out.Prefix))
	}
	assert.Equal(t, [][]string{{"a-1", "a-2"}, {"a-3", "a-4"}}, pages, "no empty last page; only the caller's buckets")

	out, err := c.ListBuckets(listCtx, &s3.ListBucketsInput{BucketRegion: aws.String("eu-west-2")})
	require.NoError(t, err)
	require.Len(t, out.Buckets, 1)
	assert.Equal(t, "a-4", aws.ToString(out.Buckets[0].Name))
	assert.Equal(t, "eu-west-2", aws.ToString(out.Buckets[0].BucketRegion))
	assert.Nil(t, out.ContinuationToken)

	out, err = c.ListBuckets(listCtx, &s3.ListBucketsInput{})
	require.NoError(t, err)
	assert.Len(t, out.Buckets, 5, "without parameters: every bucket, one page")
	assert.Nil(t, out.Buckets[0].BucketRegion, "and no BucketRegion")
	assert.Nil(t, out.Prefix)
	body := string(tap.response(t).body)
	assert.NotContains(t, body, "ContinuationToken")

	for _, v := range []string{"0", "10001", "x", ""} {
		resp := bucketDo(t, srv, http.MethodGet, "/?max-buckets="+v, "", owner)
		requireS3Error(t, resp, wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument",
			values: map[string]string{"ArgumentName": "max-buckets", "ArgumentValue": v}})
	}
	for _, token := range []string{"", "nope"} {
		resp := bucketDo(t, srv, http.MethodGet, "/?continuation-token="+token, "", owner)
		requireS3Error(t, resp, wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument",
			message: "The continuation token provided is incorrect",
			values:  map[string]string{"ArgumentName": "continuation-token", "ArgumentValue": token}})
	}
}

// Ported from internal/objstore/e2e_test.go "list buckets": creation
// dates come from the server's clock.
func TestListBucketsCreationDates(t *testing.T) {
	srv := s3fake.Start(t)
	c := srv.Client()
	bucketCreate(t, c, "bkt")
	srv.SetTime(srv.Now().Add(time.Hour))
	bucketCreate(t, c, "list")
	out, err := c.ListBuckets(listCtx, &s3.ListBucketsInput{})
	require.NoError(t, err)
	require.Len(t, out.Buckets, 2)
	assert.Equal(t, "bkt", aws.ToString(out.Buckets[0].Name))
	assert.True(t, srv.Now().Add(-time.Hour).Equal(aws.ToTime(out.Buckets[0].CreationDate)))
	assert.True(t, srv.Now().Equal(aws.ToTime(out.Buckets[1].CreationDate)))
}

// Issue 10: the us-east-1 endpoint accepts another region's
// LocationConstraint and creates the bucket there; GetBucketLocation
// and HeadBucket say so. Naming us-east-1 itself stays refused.
func TestCreateBucketInAnotherRegionFromUSEast1(t *testing.T) {
	srv := s3fake.Start(t) // us-east-1
	c, tap := tappedClient(srv, srv.DefaultAccount())
	bucketCreate(t, c, "euro", inRegion("eu-west-1"))
	assert.Equal(t, "http://euro.s3.amazonaws.com/", tap.response(t).header.Get("Location"))
	bucketCreate(t, c, "legacy-eu", inRegion("EU"))
	bucketCreate(t, c, "home")
	assert.Equal(t, "/home", tap.response(t).header.Get("Location"))

	for bucket, want := range map[string][2]string{
		"euro": {"eu-west-1", "eu-west-1"}, "legacy-eu": {"EU", "eu-west-1"}, "home": {"", "us-east-1"},
	} {
		loc, err := c.GetBucketLocation(listCtx, &s3.GetBucketLocationInput{Bucket: aws.String(bucket)})
		require.NoError(t, err)
		assert.Equal(t, types.BucketLocationConstraint(want[0]), loc.LocationConstraint, bucket)
		head, err := c.HeadBucket(listCtx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
		require.NoError(t, err)
		assert.Equal(t, want[1], aws.ToString(head.BucketRegion), bucket)
	}
	// A us-east-1 bucket's location is an empty element.
	resp := bucketDo(t, srv, http.MethodGet, "/home?location", "")
	assert.Equal(t, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`, string(resp.body))

	_, err := c.CreateBucket(listCtx, &s3.CreateBucketInput{Bucket: aws.String("named-home"),
		CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "us-east-1"}})
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidLocationConstraint"})
	_, err = c.CreateBucket(listCtx, &s3.CreateBucketInput{Bucket: aws.String("euro"), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}})
	requireSDKError(t, err, wantS3Error{status: http.StatusConflict, code: "BucketAlreadyOwnedByYou"})
	_, err = c.CreateBucket(listCtx, &s3.CreateBucketInput{Bucket: aws.String("euro")})
	requireSDKError(t, err, wantS3Error{status: http.StatusConflict, code: "BucketAlreadyOwnedByYou"})
	assert.False(t, srv.BucketExists("named-home"))
}

// Other endpoints keep S3's rule: the constraint must name their region.
func TestCreateBucketOutsideUSEast1(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithRegion("eu-west-1"))
	c := srv.Client()
	bucketCreate(t, c, "here", inRegion("eu-west-1"))
	loc, err := c.GetBucketLocation(listCtx, &s3.GetBucketLocationInput{Bucket: aws.String("here")})
	require.NoError(t, err)
	assert.Equal(t, types.BucketLocationConstraint("eu-west-1"), loc.LocationConstraint)

	_, err = c.CreateBucket(listCtx, &s3.CreateBucketInput{Bucket: aws.String("there"),
		CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "us-west-2"}})
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "IllegalLocationConstraintException"})
	resp := bucketDo(t, srv, http.MethodPut, "/nowhere", "")
	requireS3Error(t, resp, wantS3Error{status: http.StatusBadRequest, code: "IllegalLocationConstraintException",
		message: "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."})
	assert.False(t, srv.BucketExists("there"))
	assert.False(t, srv.BucketExists("nowhere"))
}

// Issue 10: ObjectLockEnabledForBucket turns versioning on, and such a
// bucket's versioning cannot be suspended (409 InvalidBucketState).
func TestCreateBucketWithObjectLock(t *testing.T) {
	srv := s3fake.Start(t)
	c, tap := tappedClient(srv, srv.DefaultAccount())
	bucketCreate(t, c, "locked", func(in *s3.CreateBucketInput) { in.ObjectLockEnabledForBucket = aws.Bool(true) })
	v, err := c.GetBucketVersioning(listCtx, &s3.GetBucketVersioningInput{Bucket: aws.String("locked")})
	require.NoError(t, err)
	assert.Equal(t, types.BucketVersioningStatusEnabled, v.Status)

	_, err = c.PutBucketVersioning(listCtx, &s3.PutBucketVersioningInput{Bucket: aws.String("locked"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
	want := wantS3Error{status: http.StatusConflict, code: "InvalidBucketState",
		message: "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed."}
	requireSDKError(t, err, want)
	requireS3Error(t, tap.response(t), want)
	v, err = c.GetBucketVersioning(listCtx, &s3.GetBucketVersioningInput{Bucket: aws.String("locked")})
	require.NoError(t, err)
	assert.Equal(t, types.BucketVersioningStatusEnabled, v.Status, "unchanged")
	id := aws.ToString(listPut(t, c, "locked", "k", "x").VersionId)
	assert.Len(t, id, 32, "objects get version ids")
}

// Issue 10: BucketNotEmpty names the bucket; an empty bucket is deleted
// with 204, and its inventory configurations and policy go with it.
func TestDeleteBucket(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateAccount(fixtures.Other) // the policy's principal
	c := srv.Client()
	bucketCreate(t, c, "bkt")
	listPut(t, c, "bkt", "k", "x")
	_, err := c.PutBucketInventoryConfiguration(listCtx, &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String("bkt"),
		Id: aws.String("report1"), InventoryConfiguration: validConfig("report1")})
	require.NoError(t, err)
	_, err = c.PutBucketPolicy(listCtx, &s3.PutBucketPolicyInput{Bucket: aws.String("bkt"),
		Policy: aws.String(fixtures.AllowAccount("bkt", fixtures.Other))})
	require.NoError(t, err)

	resp := bucketDo(t, srv, http.MethodDelete, "/bkt", "")
	requireS3Error(t, resp, wantS3Error{status: http.StatusConflict, code: "BucketNotEmpty",
		message: "The bucket you tried to delete is not empty", values: map[string]string{"BucketName": "bkt"}})
	assert.True(t, srv.BucketExists("bkt"))

	_, err = c.DeleteObject(listCtx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	require.NoError(t, err)
	resp = bucketDo(t, srv, http.MethodDelete, "/bkt", "")
	assert.Equal(t, http.StatusNoContent, resp.status, "body %s", resp.body)
	assert.Empty(t, resp.body)
	assert.False(t, srv.BucketExists("bkt"))

	_, err = c.DeleteBucket(listCtx, &s3.DeleteBucketInput{Bucket: aws.String("bkt")})
	requireSDKError(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchBucket"})

	bucketCreate(t, c, "bkt")
	list, err := c.ListBucketInventoryConfigurations(listCtx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	assert.Empty(t, list.InventoryConfigurationList, "the configurations went with the bucket")
	_, err = c.GetBucketPolicy(listCtx, &s3.GetBucketPolicyInput{Bucket: aws.String("bkt")})
	requireSDKError(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchBucketPolicy"})
}

// HeadBucket: 200 with the region and x-amz-access-point-alias; 404 and
// 403 with S3's status and no body.
func TestHeadBucket(t *testing.T) {
	srv := s3fake.Start(t)
	owner, other := srv.CreateAccount(fixtures.Owner), srv.CreateAccount(fixtures.Other)
	bucketCreate(t, srv.ClientFor(owner), "bkt")
	resp := bucketDo(t, srv, http.MethodHead, "/bkt", "", owner)
	assert.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, "us-east-1", resp.header.Get("x-amz-bucket-region"))
	assert.Equal(t, "false", resp.header.Get("x-amz-access-point-alias"))
	assert.Empty(t, resp.body)

	for _, c := range []struct {
		target string
		acct   s3fake.Account
		status int
	}{{"/nosuch", owner, http.StatusNotFound}, {"/bkt", other, http.StatusForbidden}} {
		resp := bucketDo(t, srv, http.MethodHead, c.target, "", c.acct)
		assert.Equal(t, c.status, resp.status, c.target)
		assert.Empty(t, resp.body, "a HEAD error has no body")
		if c.status == http.StatusForbidden {
			// S3 tells a caller it refuses where the bucket is.
			assert.Equal(t, "us-east-1", resp.header.Get("x-amz-bucket-region"))
		} else {
			assert.Empty(t, resp.header.Get("x-amz-bucket-region"))
		}
	}
	out, err := srv.ClientFor(owner).HeadBucket(listCtx, &s3.HeadBucketInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	assert.False(t, aws.ToBool(out.AccessPointAlias))
}

// Issue 10: a never-versioned bucket answers GetBucketVersioning without
// any Status element (S3 does not send an empty one).
func TestGetBucketVersioningNeverVersioned(t *testing.T) {
	srv := s3fake.Start(t)
	bucketCreate(t, srv.Client(), "bkt")
	resp := bucketDo(t, srv, http.MethodGet, "/bkt?versioning", "")
	require.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`, string(resp.body))
	assert.NotContains(t, string(resp.body), "Status")
}

// PutBucketVersioning reads its document strictly, needs x-amz-mfa for
// MfaDelete, and can never make a bucket unversioned again.
func TestPutBucketVersioning(t *testing.T) {
	srv := s3fake.Start(t)
	c := srv.Client()
	bucketCreate(t, c, "bkt")
	get := func() string { return string(bucketDo(t, srv, http.MethodGet, "/bkt?versioning", "").body) }
	never := get()
	doc := func(inner string) string { return "<VersioningConfiguration>" + inner + "</VersioningConfiguration>" }
	malformed := wantS3Error{status: http.StatusBadRequest, code: "MalformedXML",
		message: "The XML you provided was not well-formed or did not validate against our published schema"}
	for _, body := range []string{"", doc("<Status>On</Status>"), doc("<Status>enabled</Status>"), doc("<Status/>"),
		doc("<Status>Enabled</Status><Extra/>"), "<Versioning><Status>Enabled</Status></Versioning>", doc("<Status>Enabled</Status>")[:40]} {
		requireS3Error(t, bucketDo(t, srv, http.MethodPut, "/bkt?versioning", body), malformed)
	}
	requireS3Error(t, bucketDo(t, srv, http.MethodPut, "/bkt?versioning", doc("")), wantS3Error{status: http.StatusBadRequest,
		code: "IllegalVersioningConfigurationException"})
	requireS3Error(t, bucketDo(t, srv, http.MethodPut, "/bkt?versioning", doc("<Status>Enabled</Status><MfaDelete>Enabled</MfaDelete>")),
		wantS3Error{status: http.StatusForbidden, code: "AccessDenied", message: "Mfa Authentication must be used for this request"})
	assert.Equal(t, never, get(), "refused documents change nothing")

	mfa := func(v string) func(*s3.PutBucketVersioningInput) {
		return func(in *s3.PutBucketVersioningInput) { in.MFA = aws.String(v) }
	}
	put := func(cfg types.VersioningConfiguration, edit ...func(*s3.PutBucketVersioningInput)) error {
		in := &s3.PutBucketVersioningInput{Bucket: aws.String("bkt"), VersioningConfiguration: &cfg}
		for _, e := range edit {
			e(in)
		}
		_, err := c.PutBucketVersioning(listCtx, in)
		return err
	}
	err := put(types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled, MFADelete: types.MFADeleteEnabled}, mfa("no-token"))
	requireSDKError(t, err, wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument"})
	require.NoError(t, put(types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled, MFADelete: types.MFADeleteEnabled},
		mfa("arn:aws:iam::111111111111:mfa/root 123456")))
	v, err := c.GetBucketVersioning(listCtx, &s3.GetBucketVersioningInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	assert.Equal(t, types.BucketVersioningStatusEnabled, v.Status)
	assert.Equal(t, types.MFADeleteStatusEnabled, v.MFADelete)

	require.NoError(t, put(types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}))
	assert.Contains(t, get(), "<Status>Suspended</Status>", "suspended, never unversioned again")
	requireS3Error(t, bucketDo(t, srv, http.MethodPut, "/bkt?versioning", doc("<Status></Status>")), malformed)
	assert.Contains(t, get(), "<Status>Suspended</Status>")
}

// Issue 10 (access holes): a caller allowed only s3:PutObject cannot turn
// versioning on with PUT ?versioning on a key; on the bucket it is
// authorized as PutBucketVersioning.
func TestPutBucketVersioningIsAuthorized(t *testing.T) {
	srv := s3fake.Start(t)
	owner, other := srv.CreateAccount(fixtures.Owner), srv.CreateAccount(fixtures.Other)
	bucketCreate(t, srv.ClientFor(owner), "pub")
	_, err := srv.ClientFor(owner).PutBucketPolicy(listCtx, &s3.PutBucketPolicyInput{Bucket: aws.String("pub"),
		Policy: aws.String(fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::pub/public/*"}]}`, fixtures.Other))})
	require.NoError(t, err)
	body := "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"
	resp := bucketDo(t, srv, http.MethodPut, "/pub?versioning", body, other)
	requireS3Error(t, resp, wantAccessDenied())
	resp = bucketDo(t, srv, http.MethodPut, "/pub/public/x?versioning=", body, other)
	assert.GreaterOrEqual(t, resp.status, 400, "body %s", resp.body)
	v, err := srv.ClientFor(owner).GetBucketVersioning(listCtx, &s3.GetBucketVersioningInput{Bucket: aws.String("pub")})
	require.NoError(t, err)
	assert.Empty(t, v.Status, "versioning is still off")
	assert.False(t, strings.Contains(string(bucketDo(t, srv, http.MethodGet, "/pub?versioning", "", owner).body), "Status"))
}
