package s3fake_test

// Put/Get/DeleteBucketPolicy over the wire: the document round trip,
// NoSuchBucketPolicy, MalformedPolicy with the access package's messages,
// who may call them (405 for another account, the owner root's exemption
// from deny), and the inventory delivery policy of fixtures.

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// policyWorld is a server with accounts Owner and Other and bucket "src"
// of Owner, with no policy.
type policyWorld struct {
	srv          *s3fake.Server
	owner, other s3fake.Account
}

func newPolicyWorld(t *testing.T) *policyWorld {
	t.Helper()
	srv := s3fake.Start(t)
	w := &policyWorld{srv: srv, owner: srv.CreateAccount(fixtures.Owner), other: srv.CreateAccount(fixtures.Other)}
	srv.CreateBucket(matrixBucket, s3fake.OwnedBy(fixtures.Owner))
	return w
}

func policyPut(c *s3.Client, bucket, doc string) error {
	_, err := c.PutBucketPolicy(context.Background(), &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(doc)})
	return err
}

func policyGet(c *s3.Client, bucket string) (string, error) {
	out, err := c.GetBucketPolicy(context.Background(), &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Policy), nil
}

func policyDelete(c *s3.Client, bucket string) error {
	_, err := c.DeleteBucketPolicy(context.Background(), &s3.DeleteBucketPolicyInput{Bucket: aws.String(bucket)})
	return err
}

func wantNoSuchBucketPolicy(bucket string) wantS3Error {
	return wantS3Error{status: http.StatusNotFound, code: "NoSuchBucketPolicy", message: "The bucket policy does not exist",
		values: map[string]string{"BucketName": bucket}}
}

func wantMalformedPolicy(message string) wantS3Error {
	return wantS3Error{status: http.StatusBadRequest, code: "MalformedPolicy", message: message}
}

// oddlyFormatted is a valid policy with indentation, an Id, a Sid, a
// single Statement object and string (not list) values: GET must return
// these bytes unchanged.
const oddlyFormatted = "{\n  \"Id\": \"odd\",\n\t\"Version\":\"2012-10-17\",\n  \"Statement\": {\"Sid\": \"ReadInventory\", \"Effect\": \"Allow\",\n" +
	"    \"Principal\": {\"AWS\": \"arn:aws:iam::222222222222:root\"},\n" +
	"    \"Action\": \"s3:GetInventoryConfiguration\",   \"Resource\": \"arn:aws:s3:::src\"}\n}\n"

func TestBucketPolicyRoundTrip(t *testing.T) {
	t.Parallel()
	w := newPolicyWorld(t)
	c, tap := tappedClient(w.srv, w.owner)

	_, err := policyGet(c, matrixBucket)
	requireSDKError(t, err, wantNoSuchBucketPolicy(matrixBucket))
	requireS3Error(t, tap.response(t), wantNoSuchBucketPolicy(matrixBucket))

	require.NoError(t, policyPut(c, matrixBucket, oddlyFormatted))
	assert.Equal(t, http.StatusNoContent, tap.response(t).status)
	got, err := policyGet(c, matrixBucket)
	require.NoError(t, err)
	assert.Equal(t, oddlyFormatted, got, "byte for byte")
	assert.Equal(t, oddlyFormatted, string(tap.response(t).body))
	assert.Equal(t, "application/json", tap.response(t).header.Get("Content-Type"))
	stored, ok := w.srv.BucketPolicy(matrixBucket)
	require.True(t, ok)
	assert.Equal(t, oddlyFormatted, stored)

	// The policy is in force: the other account may now read inventory.
	other, _ := tappedClient(w.srv, w.other)
	_, err = other.ListBucketInventoryConfigurations(context.Background(),
		&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(matrixBucket)})
	require.NoError(t, err)

	// A second PUT replaces the first.
	replacement := fixtures.AllowAccount(matrixBucket, fixtures.Other, "s3:GetObject")
	require.NoError(t, policyPut(c, matrixBucket, replacement))
	got, err = policyGet(c, matrixBucket)
	require.NoError(t, err)
	assert.Equal(t, replacement, got)

	require.NoError(t, policyDelete(c, matrixBucket))
	assert.Equal(t, http.StatusNoContent, tap.response(t).status)
	_, err = policyGet(c, matrixBucket)
	requireSDKError(t, err, wantNoSuchBucketPolicy(matrixBucket))
	requireS3Error(t, tap.response(t), wantNoSuchBucketPolicy(matrixBucket))
	_, ok = w.srv.BucketPolicy(matrixBucket)
	assert.False(t, ok)

	// The grant went with the policy.
	_, err = other.ListBucketInventoryConfigurations(context.Background(),
		&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(matrixBucket)})
	requireSDKError(t, err, wantAccessDenied())

	// Deleting a policy that is not there succeeds, as in S3.
	require.NoError(t, policyDelete(c, matrixBucket))
	assert.Equal(t, http.StatusNoContent, tap.response(t).status)
}

func TestBucketPolicyNoSuchBucket(t *testing.T) {
	t.Parallel()
	w := newPolicyWorld(t)
	c, tap := tappedClient(w.srv, w.owner)
	want := wantS3Error{status: http.StatusNotFound, code: "NoSuchBucket", message: "The specified bucket does not exist",
		values: map[string]string{"BucketName": "nosuch"}}
	_, err := policyGet(c, "nosuch")
	requireSDKError(t, err, want)
	requireS3Error(t, tap.response(t), want)
	requireSDKError(t, policyPut(c, "nosuch", fixtures.DenyAll("nosuch")), want)
	requireSDKError(t, policyDelete(c, "nosuch"), want)
	assert.False(t, w.srv.BucketExists("nosuch"))
}

func TestBucketPolicyMalformed(t *testing.T) {
	t.Parallel()
	const (
		msgFirstByte        = "Policies must be valid JSON and the first byte must be '{'"
		msgInvalidJSON      = "This policy contains invalid Json"
		msgMissingStatement = "Missing required field Statement"
		msgInvalidPrincipal = "Invalid principal in policy"
		msgInvalidAction    = "Policy has invalid action"
		msgInvalidResource  = "Policy has invalid resource"
		msgResourceMismatch = "Action does not apply to any resource(s) in statement"
		msgMissingPrincipal = "Missing required field Principal"
		msgInvalidVersion   = "The policy must contain a valid version string"
	)
	// stmt is a one-statement policy of "src" with the given principal,
	// action and resource JSON.
	stmt := func(principal, action, resource string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal +
			`,"Action":` + action + `,"Resource":` + resource + `}]}`
	}
	const otherRoot = `{"AWS":"arn:aws:iam::222222222222:root"}`
	cases := []struct {
		name, doc, message string
	}{
		{"not JSON", "allow everything", msgFirstByte},
		{"leading space", ` {"Version":"2012-10-17"}`, msgFirstByte},
		{"truncated JSON", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow"`, msgInvalidJSON},
		{"trailing garbage", fixtures.DenyAll(matrixBucket) + "x", msgInvalidJSON},
		{"no Statement", `{"Version":"2012-10-17"}`, msgMissingStatement},
		{"bad Version", `{"Version":"2024-01-01","Statement":[]}`, msgInvalidVersion},
		{"unknown top-level field", `{"Version":"2012-10-17","Statements":[]}`, "Unknown field Statements"},
		{"no Principal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::src/*"}]}`, msgMissingPrincipal},
		{"unknown action", stmt(otherRoot, `"s3:FlyToTheMoon"`, `"arn:aws:s3:::src"`), msgInvalidAction},
		{"action of another service", stmt(otherRoot, `"ec2:RunInstances"`, `"arn:aws:s3:::src"`), msgInvalidAction},
		{"action without service", stmt(otherRoot, `"GetObject"`, `"arn:aws:s3:::src/*"`), msgInvalidAction},
		{"principal not an ARN", stmt(`{"AWS":"not-an-arn"}`, `"s3:GetObject"`, `"arn:aws:s3:::src/*"`), msgInvalidPrincipal},
		{"principal of an unknown account", stmt(`{"AWS":"arn:aws:iam::999999999999:root"}`, `"s3:GetObject"`, `"arn:aws:s3:::src/*"`), msgInvalidPrincipal},
		{"principal an unknown user", stmt(`{"AWS":"arn:aws:iam::222222222222:user/ghost"}`, `"s3:GetObject"`, `"arn:aws:s3:::src/*"`), msgInvalidPrincipal},
		{"principal a string other than *", stmt(`"222222222222"`, `"s3:GetObject"`, `"arn:aws:s3:::src/*"`), msgInvalidPrincipal},
		{"principal of an unknown kind", stmt(`{"Robot":"r2d2"}`, `"s3:GetObject"`, `"arn:aws:s3:::src/*"`), msgInvalidPrincipal},
		{"resource in another bucket", stmt(otherRoot, `"s3:GetObject"`, `"arn:aws:s3:::elsewhere/*"`), msgInvalidResource},
		{"resource not an ARN", stmt(otherRoot, `"s3:GetObject"`, `"src/*"`), msgInvalidResource},
		{"resource of another service", stmt(otherRoot, `"s3:GetObject"`, `"arn:aws:sqs:us-east-1:111111111111:q"`), msgInvalidResource},
		{"object action on the bucket", stmt(otherRoot, `"s3:GetObject"`, `"arn:aws:s3:::src"`), msgResourceMismatch},
		{"bucket action on objects only", stmt(otherRoot, `"s3:GetInventoryConfiguration"`, `"arn:aws:s3:::src/k"`), msgResourceMismatch},
	}
	kept := fixtures.AllowAccount(matrixBucket, fixtures.Other, "s3:GetObject")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newPolicyWorld(t)
			w.srv.PutBucketPolicy(matrixBucket, kept)
			c, tap := tappedClient(w.srv, w.owner)
			err := policyPut(c, matrixBucket, tc.doc)
			requireSDKError(t, err, wantMalformedPolicy(tc.message))
			requireS3Error(t, tap.response(t), wantMalformedPolicy(tc.message))
			got, ok := w.srv.BucketPolicy(matrixBucket)
			require.True(t, ok)
			assert.Equal(t, kept, got, "a refused policy replaced the stored one")
		})
	}
}

func TestBucketPolicyCallers(t *testing.T) {
	t.Parallel()
	policyActions := []string{"s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"}

	// requireAllThree runs Get, Put (of replacement) and Delete as c,
	// requiring want from each and the stored policy unchanged.
	requireAllThree := func(t *testing.T, srv *s3fake.Server, acct s3fake.Account, want wantS3Error) {
		t.Helper()
		c, tap := tappedClient(srv, acct)
		before, _ := srv.BucketPolicy(matrixBucket)
		_, err := policyGet(c, matrixBucket)
		requireSDKError(t, err, want)
		requireS3Error(t, tap.response(t), want)
		assert.NotContains(t, string(tap.response(t).body), "Statement", "the refusal revealed the policy")
		requireSDKError(t, policyPut(c, matrixBucket, fixtures.DenyAll(matrixBucket)), want)
		requireS3Error(t, tap.response(t), want)
		requireSDKError(t, policyDelete(c, matrixBucket), want)
		requireS3Error(t, tap.response(t), want)
		after, ok := srv.BucketPolicy(matrixBucket)
		assert.True(t, ok)
		assert.Equal(t, before, after, "a refused call changed the policy")
	}

	t.Run("other account allowed by the policy gets 405", func(t *testing.T) {
		t.Parallel()
		w := newPolicyWorld(t)
		w.srv.PutBucketPolicy(matrixBucket, fixtures.AllowAccount(matrixBucket, fixtures.Other, policyActions...))
		requireAllThree(t, w.srv, w.other, wantMethodNotAllowed())
	})
	t.Run("other account user allowed by both policies gets 405", func(t *testing.T) {
		t.Parallel()
		w := newPolicyWorld(t)
		w.srv.PutBucketPolicy(matrixBucket, fixtures.AllowAccount(matrixBucket, fixtures.Other, policyActions...))
		user := w.srv.CreateUser(fixtures.Other, "admin", fixtures.IdentityPolicy(matrixBucket, policyActions...))
		requireAllThree(t, w.srv, user, wantMethodNotAllowed())
	})
	t.Run("other account not allowed gets 403", func(t *testing.T) {
		t.Parallel()
		w := newPolicyWorld(t)
		w.srv.PutBucketPolicy(matrixBucket, fixtures.AllowAccount(matrixBucket, fixtures.Other, "s3:GetObject"))
		requireAllThree(t, w.srv, w.other, wantAccessDenied())
	})
	t.Run("owner user without the actions gets 403", func(t *testing.T) {
		t.Parallel()
		w := newPolicyWorld(t)
		w.srv.PutBucketPolicy(matrixBucket, fixtures.AllowAccount(matrixBucket, fixtures.Other, "s3:GetObject"))
		user := w.srv.CreateUser(fixtures.Owner, "objects", fixtures.IdentityPolicy(matrixBucket, "s3:GetObject"))
		requireAllThree(t, w.srv, user, wantAccessDenied())
	})
	t.Run("owner user with the actions may", func(t *testing.T) {
		t.Parallel()
		w := newPolicyWorld(t)
		user := w.srv.CreateUser(fixtures.Owner, "admin", fixtures.IdentityPolicy(matrixBucket, policyActions...))
		c, _ := tappedClient(w.srv, user)
		doc := fixtures.AllowAccount(matrixBucket, fixtures.Other, "s3:GetObject")
		require.NoError(t, policyPut(c, matrixBucket, doc))
		got, err := policyGet(c, matrixBucket)
		require.NoError(t, err)
		assert.Equal(t, doc, got)
		require.NoError(t, policyDelete(c, matrixBucket))
		_, ok := w.srv.BucketPolicy(matrixBucket)
		assert.False(t, ok)
	})
	t.Run("anonymous gets 403", func(t *testing.T) {
		t.Parallel()
		w := newPolicyWorld(t)
		doc := fixtures.AllowAccount(matrixBucket, fixtures.Other, "s3:GetObject")
		w.srv.PutBucketPolicy(matrixBucket, doc)
		requireS3Error(t, sendRaw(t, newRawRequest(t, w.srv, http.MethodGet, "/src?policy=", nil)), wantAccessDenied())
		requireS3Error(t, sendRaw(t, newRawRequest(t, w.srv, http.MethodPut, "/src?policy=", []byte(fixtures.DenyAll(matrixBucket)))), wantAccessDenied())
		requireS3Error(t, sendRaw(t, newRawRequest(t, w.srv, http.MethodDelete, "/src?policy=", nil)), wantAccessDenied())
		got, _ := w.srv.BucketPolicy(matrixBucket)
		assert.Equal(t, doc, got)
	})
	t.Run("a deny-all policy does not lock out the owner root", func(t *testing.T) {
		t.Parallel()
		w := newPolicyWorld(t)
		w.srv.PutInventoryConfiguration(matrixBucket, fixtures.Minimal(seededID, seededReports))
		lockout := fixtures.DenyAll(matrixBucket)
		w.srv.PutBucketPolicy(matrixBucket, lockout)
		c, _ := tappedClient(w.srv, w.owner)

		// Everything else is denied, to the owner root too ...
		_, err := c.ListBucketInventoryConfigurations(context.Background(),
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(matrixBucket)})
		requireSDKError(t, err, wantAccessDenied())
		// ... but it may read, replace and delete the policy.
		got, err := policyGet(c, matrixBucket)
		require.NoError(t, err)
		assert.Equal(t, lockout, got)
		require.NoError(t, policyPut(c, matrixBucket, lockout))
		require.NoError(t, policyDelete(c, matrixBucket))
		_, err = c.ListBucketInventoryConfigurations(context.Background(),
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(matrixBucket)})
		require.NoError(t, err, "the owner root is back in")

		// Its users have no such exemption.
		w.srv.PutBucketPolicy(matrixBucket, lockout)
		admin := w.srv.CreateUser(fixtures.Owner, "admin", fixtures.IdentityPolicy(matrixBucket))
		requireAllThree(t, w.srv, admin, wantAccessDenied())
	})
}

// TestDeliveryPolicyAccepted puts the inventory delivery policy of
// docs/inventory-report.md §5 on a destination bucket of another account, over
// the wire, as its owner would.
func TestDeliveryPolicyAccepted(t *testing.T) {
	t.Parallel()
	w := newPolicyWorld(t)
	world := fixtures.CrossAccountWorld()
	require.Equal(t, fixtures.Other, world.DestinationAccount)
	w.srv.CreateBucket(world.Destination, s3fake.OwnedBy(world.DestinationAccount))
	w.srv.CreateBucket(world.Source, s3fake.OwnedBy(world.SourceAccount))

	c, tap := tappedClient(w.srv, w.other)
	require.NoError(t, policyPut(c, world.Destination, world.DeliveryPolicy))
	assert.Equal(t, http.StatusNoContent, tap.response(t).status)
	got, err := policyGet(c, world.Destination)
	require.NoError(t, err)
	assert.Equal(t, world.DeliveryPolicy, got)

	// The same document for a same-account destination ("src" reporting
	// to itself) is accepted too.
	self := fixtures.DeliveryPolicy(matrixBucket, matrixBucket, fixtures.Owner)
	owner, _ := tappedClient(w.srv, w.owner)
	require.NoError(t, policyPut(owner, matrixBucket, self))

	// It grants S3 the service, not the source account: the source's
	// owner may not write into the destination.
	_, err = owner.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(world.Destination),
		Key: aws.String("planted"), ACL: "bucket-owner-full-control", Body: http.NoBody})
	requireSDKError(t, err, wantAccessDenied())
}
