package s3fake_test

// ACL grants in authorization, through aws-sdk-go-v2 with two accounts:
// where a bucket's Object Ownership enables ACLs, bucket grants allow
// listing, writing and the bucket ACL calls, object grants allow reading
// and the object ACL calls; an explicit deny still wins; public grants
// fall to Block Public Access; and under ObjectWriter the bucket owner
// cannot read what another account wrote unless granted.

import (
	"bytes"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
)

// grantID is the x-amz-grant-* value naming an account's canonical id.
func grantID(id string) *string { return aws.String(`id="` + id + `"`) }

// deniedVia checks that a call through tap's client was refused with
// S3's AccessDenied, both as the SDK reports it and on the wire.
func deniedVia(t *testing.T, tap *wireTap) func(error) {
	return func(err error) {
		t.Helper()
		requireSDKError(t, err, wantAccessDenied())
		requireS3Error(t, tap.response(t), wantAccessDenied())
	}
}

func TestACLBucketGrantsAuthorize(t *testing.T) {
	w := newCfgWorld(t)
	b := aws.String(cfgBucket)
	other := w.srv.CreateAccount(fixtures.Other)
	oc, tap := tappedClient(w.srv, other)
	denied := deniedVia(t, tap)
	list := func() error {
		_, err := oc.ListObjectsV2(cfgCtx, &s3.ListObjectsV2Input{Bucket: b})
		return err
	}
	put := func(key string) error {
		_, err := oc.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: b, Key: aws.String(key), Body: bytes.NewReader([]byte("x"))})
		return err
	}
	setOwnership(t, w, types.ObjectOwnershipObjectWriter)
	denied(list())
	denied(put("k"))

	// READ: the three listings, and nothing else.
	_, err := w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, GrantRead: grantID(other.CanonicalID())})
	require.NoError(t, err)
	require.NoError(t, list())
	_, err = oc.ListObjectVersions(cfgCtx, &s3.ListObjectVersionsInput{Bucket: b})
	require.NoError(t, err)
	_, err = oc.ListMultipartUploads(cfgCtx, &s3.ListMultipartUploadsInput{Bucket: b})
	require.NoError(t, err)
	denied(put("k"))
	_, err = oc.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: b})
	denied(err)
	assert.Empty(t, w.srv.ObjectVersions(cfgBucket, "k"), "the refused PutObject wrote nothing")

	// WRITE: PutObject and DeleteObject; READ_ACP and WRITE_ACP: the
	// bucket ACL calls.
	_, err = w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, GrantWrite: grantID(other.CanonicalID()),
		GrantReadACP: grantID(other.CanonicalID()), GrantFullControl: grantID(w.owner.CanonicalID())})
	require.NoError(t, err)
	require.NoError(t, put("k"))
	_, err = oc.DeleteObject(cfgCtx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String("k")})
	require.NoError(t, err)
	denied(list())
	acl, err := oc.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: b})
	require.NoError(t, err)
	assert.Len(t, acl.Grants, 3)
	_, err = oc.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, GrantRead: grantID(other.CanonicalID())})
	denied(err)

	// FULL_CONTROL: all of them, WRITE_ACP included.
	_, err = w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, GrantFullControl: grantID(other.CanonicalID())})
	require.NoError(t, err)
	require.NoError(t, list())
	require.NoError(t, put("k2"))
	_, err = oc.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, GrantFullControl: grantID(w.owner.CanonicalID())})
	require.NoError(t, err, "WRITE_ACP by FULL_CONTROL")
	denied(list())

	// An explicit deny in the bucket policy beats a grant.
	_, err = w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, GrantFullControl: grantID(other.CanonicalID())})
	require.NoError(t, err)
	require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"`+
		fixtures.Other+`"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::`+cfgBucket+`"}]}`))
	denied(list())
	require.NoError(t, put("k3"), "the deny names ListBucket only")

	// BucketOwnerEnforced: ACLs grant nothing.
	_, err = w.c.DeleteBucketPolicy(cfgCtx, &s3.DeleteBucketPolicyInput{Bucket: b})
	require.NoError(t, err)
	require.NoError(t, list())
	setOwnership(t, w, types.ObjectOwnershipBucketOwnerEnforced)
	denied(list())
	denied(put("k4"))
}

func TestACLObjectGrantsAuthorize(t *testing.T) {
	w := newCfgWorld(t)
	b := aws.String(cfgBucket)
	other := w.srv.CreateAccount(fixtures.Other)
	oc, tap := tappedClient(w.srv, other)
	denied := deniedVia(t, tap)
	setOwnership(t, w, types.ObjectOwnershipBucketOwnerPreferred)
	_, err := w.c.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: b, Key: aws.String("o"), Body: bytes.NewReader([]byte("data")),
		GrantRead: grantID(other.CanonicalID())})
	require.NoError(t, err)

	// READ: GetObject and HeadObject, not the ACL.
	out, err := oc.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: b, Key: aws.String("o")})
	require.NoError(t, err)
	out.Body.Close()
	_, err = oc.HeadObject(cfgCtx, &s3.HeadObjectInput{Bucket: b, Key: aws.String("o")})
	require.NoError(t, err)
	_, err = oc.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("o")})
	denied(err)
	_, err = oc.PutObjectAcl(cfgCtx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("o"), GrantFullControl: grantID(other.CanonicalID())})
	denied(err)
	_, err = oc.GetObjectTagging(cfgCtx, &s3.GetObjectTaggingInput{Bucket: b, Key: aws.String("o")})
	denied(err) // no ACL grants tagging

	// READ_ACP and WRITE_ACP: the object ACL calls.
	_, err = w.c.PutObjectAcl(cfgCtx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("o"),
		GrantReadACP: grantID(other.CanonicalID()), GrantWriteACP: grantID(other.CanonicalID())})
	require.NoError(t, err)
	_, err = oc.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: b, Key: aws.String("o")})
	denied(err)
	acl, err := oc.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("o")})
	require.NoError(t, err)
	assert.Len(t, acl.Grants, 2)
	_, err = oc.PutObjectAcl(cfgCtx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("o"), GrantFullControl: grantID(other.CanonicalID())})
	require.NoError(t, err)
	out, err = oc.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: b, Key: aws.String("o")})
	require.NoError(t, err, "FULL_CONTROL grants READ")
	out.Body.Close()

	// Public grants: refused while BlockPublicAcls is on (new buckets),
	// ignored while IgnorePublicAcls is.
	anon, atap := tappedClient(w.srv, other, func(o *s3.Options) { o.Credentials = aws.AnonymousCredentials{} })
	_, err = w.c.PutObjectAcl(cfgCtx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("o"), GrantRead: aws.String(`uri="` + allUsers + `"`)})
	w.requireRefused(t, err, wantAccessDenied())
	_, err = w.c.PutPublicAccessBlock(cfgCtx, &s3.PutPublicAccessBlockInput{Bucket: b,
		PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(false), IgnorePublicAcls: aws.Bool(true)}})
	require.NoError(t, err)
	_, err = w.c.PutObjectAcl(cfgCtx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("o"), GrantRead: aws.String(`uri="` + allUsers + `"`)})
	require.NoError(t, err)
	_, err = anon.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: b, Key: aws.String("o")})
	requireSDKError(t, err, wantAccessDenied())
	requireS3Error(t, atap.response(t), wantAccessDenied())
	_, err = w.c.DeletePublicAccessBlock(cfgCtx, &s3.DeletePublicAccessBlockInput{Bucket: b})
	require.NoError(t, err)
	out, err = anon.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: b, Key: aws.String("o")})
	require.NoError(t, err, "AllUsers READ once Block Public Access is off")
	out.Body.Close()
}

// Under ObjectWriter, what another account writes is its own: the bucket
// owner may not read it, nor its ACL, until the writer grants it; it may
// still delete it (a bucket permission).
func TestACLObjectWriterBucketOwnerCannotRead(t *testing.T) {
	w := newCfgWorld(t)
	b := aws.String(cfgBucket)
	other := w.srv.CreateAccount(fixtures.Other)
	oc, _ := tappedClient(w.srv, other)
	setOwnership(t, w, types.ObjectOwnershipObjectWriter)
	_, err := w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, GrantWrite: grantID(other.CanonicalID()),
		GrantFullControl: grantID(w.owner.CanonicalID())})
	require.NoError(t, err)
	_, err = oc.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: b, Key: aws.String("theirs"), Body: bytes.NewReader([]byte("mine"))})
	require.NoError(t, err)

	out, err := oc.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: b, Key: aws.String("theirs")})
	require.NoError(t, err, "the writer reads its object")
	out.Body.Close()
	_, err = w.c.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: b, Key: aws.String("theirs")})
	w.requireRefused(t, err, wantAccessDenied())
	_, err = w.c.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("theirs")})
	w.requireRefused(t, err, wantAccessDenied())
	_, err = w.c.CopyObject(cfgCtx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("copy"), CopySource: aws.String(cfgBucket + "/theirs")})
	w.requireRefused(t, err, wantAccessDenied())
	assert.Empty(t, w.srv.ObjectVersions(cfgBucket, "copy"))

	// The writer grants the bucket owner READ (bucket-owner-read).
	_, err = oc.PutObjectAcl(cfgCtx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("theirs"), ACL: types.ObjectCannedACLBucketOwnerRead})
	require.NoError(t, err)
	out, err = w.c.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: b, Key: aws.String("theirs")})
	require.NoError(t, err)
	out.Body.Close()
	_, err = w.c.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("theirs")})
	w.requireRefused(t, err, wantAccessDenied())

	_, err = w.c.DeleteObject(cfgCtx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String("theirs")})
	require.NoError(t, err, "the bucket owner may delete any object")
}
