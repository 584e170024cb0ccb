package s3fake_test

// Bucket and object ACLs through aws-sdk-go-v2: the default ACL, canned
// ACLs, grant headers and AccessControlPolicy bodies, Object Ownership
// (BucketOwnerEnforced refuses ACLs; ObjectWriter stores them and gives
// the writer the object), validation errors and AccessDenied.

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
)

const allUsers = "http://acs.amazonaws.com/groups/global/AllUsers"

func wantACLNotSupported() wantS3Error {
	return wantInvalid("AccessControlListNotSupported", "The bucket does not allow ACLs")
}

// grantsOf renders grants as "type:who:permission" for comparison.
func grantsOf(gs []types.Grant) []string {
	var out []string
	for _, g := range gs {
		who := aws.ToString(g.Grantee.ID) + aws.ToString(g.Grantee.URI)
		out = append(out, string(g.Grantee.Type)+":"+who+":"+string(g.Permission))
	}
	return out
}

func setOwnership(t *testing.T, w *cfgWorld, o types.ObjectOwnership) {
	t.Helper()
	require.NoError(t, putOwnership(w, types.OwnershipControlsRule{ObjectOwnership: o}))
}

func TestBucketACL(t *testing.T) {
	w := newCfgWorld(t)
	b := aws.String(cfgBucket)
	ownerID := w.owner.CanonicalID()
	out, err := w.c.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: b})
	require.NoError(t, err)
	assert.Equal(t, ownerID, aws.ToString(out.Owner.ID))
	assert.Equal(t, fixtures.Owner, aws.ToString(out.Owner.DisplayName))
	assert.Equal(t, []string{"CanonicalUser:" + ownerID + ":FULL_CONTROL"}, grantsOf(out.Grants), "the default ACL")
	assert.Contains(t, string(w.lastBody(t)), `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">`)

	// BucketOwnerEnforced (a new bucket): ACLs are refused, but
	// bucket-owner-full-control is accepted.
	_, err = w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPublicRead})
	w.requireRefused(t, err, wantACLNotSupported())
	_, err = w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, GrantRead: aws.String(`uri="` + allUsers + `"`)})
	w.requireRefused(t, err, wantACLNotSupported())
	resp := w.raw(t, http.MethodPut, "acl", "", map[string]string{"x-amz-acl": "bucket-owner-full-control"})
	assert.Equal(t, http.StatusOK, resp.status, "body %s", resp.body)

	// ObjectWriter enables ACLs, but Block Public Access (on for every new
	// bucket) still refuses a public one, and keeps the ACL as it was.
	setOwnership(t, w, types.ObjectOwnershipObjectWriter)
	_, err = w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPublicRead})
	w.requireRefused(t, err, wantAccessDenied())
	_, err = w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, GrantRead: aws.String(`uri="http://acs.amazonaws.com/groups/global/AuthenticatedUsers"`)})
	w.requireRefused(t, err, wantAccessDenied())
	out, err = w.c.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: b})
	require.NoError(t, err)
	assert.Equal(t, []string{"CanonicalUser:" + ownerID + ":FULL_CONTROL"}, grantsOf(out.Grants), "a refused ACL changes nothing")
	_, err = w.c.DeletePublicAccessBlock(cfgCtx, &s3.DeletePublicAccessBlockInput{Bucket: b})
	require.NoError(t, err)
	_, err = w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPublicRead})
	require.NoError(t, err)
	out, err = w.c.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: b})
	require.NoError(t, err)
	assert.Equal(t, []string{"CanonicalUser:" + ownerID + ":FULL_CONTROL", "Group:" + allUsers + ":READ"}, grantsOf(out.Grants))

	// An AccessControlPolicy body, echoed as sent.
	_, err = w.c.PutBucketAcl(cfgCtx, &s3.PutBucketAclInput{Bucket: b, AccessControlPolicy: &types.AccessControlPolicy{
		Owner: &types.Owner{ID: aws.String(ownerID)},
		Grants: []types.Grant{
			{Grantee: &types.Grantee{Type: types.TypeCanonicalUser, ID: aws.String(ownerID)}, Permission: types.PermissionFullControl},
			{Grantee: &types.Grantee{Type: types.TypeGroup, URI: aws.String("http://acs.amazonaws.com/groups/s3/LogDelivery")}, Permission: types.PermissionWrite},
		}}})
	require.NoError(t, err)
	out, err = w.c.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: b})
	require.NoError(t, err)
	assert.Equal(t, []string{"CanonicalUser:" + ownerID + ":FULL_CONTROL", "Group:http://acs.amazonaws.com/groups/s3/LogDelivery:WRITE"}, grantsOf(out.Grants))

	// Validation: nothing changes.
	for _, c := range []struct {
		name   string
		header map[string]string
		body   string
		want   wantS3Error
	}{
		{"unknown canned ACL", map[string]string{"x-amz-acl": "world-writable"}, "", wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument",
			values: map[string]string{"ArgumentName": "x-amz-acl", "ArgumentValue": "world-writable"}}},
		{"canned and grants", map[string]string{"x-amz-acl": "private", "x-amz-grant-read": `uri="` + allUsers + `"`}, "",
			wantInvalid("InvalidRequest", "Specifying both Canned ACLs and Header Grants is not allowed")},
		{"unknown group", map[string]string{"x-amz-grant-read": `uri="http://example.com/everyone"`}, "", wantInvalid("InvalidArgument", "Invalid group uri")},
		{"e-mail grantee", map[string]string{"x-amz-grant-read": `emailAddress="a@example.com"`}, "",
			wantInvalid("UnresolvableGrantByEmailAddress", "The e-mail address you provided does not match any account on record.")},
		{"malformed body", nil, xmlDoc("AccessControlPolicy", "<AccessControlList><Grant><Permission>READ</Permission></Grant></AccessControlList>"),
			wantInvalid("MalformedACLError", "The XML you provided was not well-formed or did not validate against our published schema")},
		{"unknown permission", nil, xmlDoc("AccessControlPolicy", `<AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>`+allUsers+`</URI></Grantee><Permission>EVERYTHING</Permission></Grant></AccessControlList>`),
			wantInvalid("MalformedACLError", "The XML you provided was not well-formed or did not validate against our published schema")},
		{"nothing", nil, "", wantS3Error{status: http.StatusBadRequest, code: "MissingSecurityHeader", values: map[string]string{"MissingHeaderName": "x-amz-acl"}}},
	} {
		resp := w.raw(t, http.MethodPut, "acl", c.body, c.header)
		requireS3Error(t, resp, c.want)
	}
	out, err = w.c.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: b})
	require.NoError(t, err)
	assert.Len(t, out.Grants, 2, "a refused PutBucketAcl changed the ACL")
}

func TestACLAccessDenied(t *testing.T) {
	w := newCfgWorld(t)
	other, tap := tappedClient(w.srv, w.srv.CreateAccount(fixtures.Other))
	_, err := w.c.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: aws.String(cfgBucket), Key: aws.String("k")})
	require.NoError(t, err)
	require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other, "s3:GetObject", "s3:ListBucket")))
	_, err = other.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: aws.String(cfgBucket)})
	requireSDKError(t, err, wantAccessDenied())
	requireS3Error(t, tap.response(t), wantAccessDenied())
	_, err = other.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: aws.String(cfgBucket), Key: aws.String("k")})
	requireSDKError(t, err, wantAccessDenied())
	_, err = other.PutObjectAcl(cfgCtx, &s3.PutObjectAclInput{Bucket: aws.String(cfgBucket), Key: aws.String("k"), ACL: types.ObjectCannedACLBucketOwnerFullControl})
	requireSDKError(t, err, wantAccessDenied())

	require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other, "s3:GetBucketAcl", "s3:GetObjectAcl")))
	_, err = other.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	_, err = other.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: aws.String(cfgBucket), Key: aws.String("k")})
	require.NoError(t, err)
}

func TestObjectACL(t *testing.T) {
	w := newCfgWorld(t)
	b := aws.String(cfgBucket)
	ownerID := w.owner.CanonicalID()
	other := w.srv.CreateAccount(fixtures.Other)
	oc, otap := tappedClient(w.srv, other)
	require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other)))

	// BucketOwnerEnforced: an ACL on a write is refused, and the bucket
	// owner owns what another account writes.
	_, err := w.c.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: b, Key: aws.String("k"), ACL: types.ObjectCannedACLPublicRead})
	w.requireRefused(t, err, wantACLNotSupported())
	_, err = oc.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: b, Key: aws.String("k"), ACL: types.ObjectCannedACLBucketOwnerFullControl})
	require.NoError(t, err)
	acl, err := w.c.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("k")})
	require.NoError(t, err)
	assert.Equal(t, ownerID, aws.ToString(acl.Owner.ID), "the bucket owner owns every object under BucketOwnerEnforced")
	assert.Equal(t, []string{"CanonicalUser:" + ownerID + ":FULL_CONTROL"}, grantsOf(acl.Grants))
	_, err = w.c.PutObjectAcl(cfgCtx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("k"), ACL: types.ObjectCannedACLPublicRead})
	w.requireRefused(t, err, wantACLNotSupported())
	_, err = w.c.CreateMultipartUpload(cfgCtx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("m"), GrantRead: aws.String(`uri="` + allUsers + `"`)})
	w.requireRefused(t, err, wantACLNotSupported())

	// ObjectWriter: the writer owns its object, and ACLs are stored, per
	// version. The bucket owner may not read or change another account's
	// object's ACL (acl_authz_test.go), so the writer does.
	setOwnership(t, w, types.ObjectOwnershipObjectWriter)
	_, err = w.c.PutBucketVersioning(cfgCtx, &s3.PutBucketVersioningInput{Bucket: b,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	require.NoError(t, err)
	// Block Public Access refuses a public ACL on a write, and the write
	// with it.
	_, err = oc.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: b, Key: aws.String("w"), ACL: types.ObjectCannedACLPublicRead})
	requireSDKError(t, err, wantAccessDenied())
	requireS3Error(t, otap.response(t), wantAccessDenied())
	_, err = w.c.HeadObject(cfgCtx, &s3.HeadObjectInput{Bucket: b, Key: aws.String("w")})
	var nf *types.NotFound
	require.ErrorAs(t, err, &nf, "a write refused for its ACL stored nothing")
	_, err = oc.CreateMultipartUpload(cfgCtx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("m"), ACL: types.ObjectCannedACLAuthenticatedRead})
	requireSDKError(t, err, wantAccessDenied())
	requireS3Error(t, otap.response(t), wantAccessDenied())
	_, err = w.c.DeletePublicAccessBlock(cfgCtx, &s3.DeletePublicAccessBlockInput{Bucket: b})
	require.NoError(t, err)
	v1, err := oc.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: b, Key: aws.String("w"), ACL: types.ObjectCannedACLPublicRead})
	require.NoError(t, err)
	v2, err := oc.PutObject(cfgCtx, &s3.PutObjectInput{Bucket: b, Key: aws.String("w"), ACL: types.ObjectCannedACLBucketOwnerRead})
	require.NoError(t, err)
	acl, err = oc.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("w"), VersionId: v1.VersionId})
	require.NoError(t, err)
	assert.Equal(t, other.CanonicalID(), aws.ToString(acl.Owner.ID), "the writer owns its object under ObjectWriter")
	assert.Equal(t, []string{"CanonicalUser:" + other.CanonicalID() + ":FULL_CONTROL", "Group:" + allUsers + ":READ"}, grantsOf(acl.Grants))
	acl, err = oc.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("w")})
	require.NoError(t, err)
	assert.Equal(t, []string{"CanonicalUser:" + other.CanonicalID() + ":FULL_CONTROL", "CanonicalUser:" + ownerID + ":READ"}, grantsOf(acl.Grants))

	// PutObjectAcl on one version by id: the other keeps its ACL.
	_, err = oc.PutObjectAcl(cfgCtx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("w"), VersionId: v1.VersionId, ACL: types.ObjectCannedACLPrivate})
	require.NoError(t, err)
	acl, err = oc.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("w"), VersionId: v1.VersionId})
	require.NoError(t, err)
	assert.Len(t, acl.Grants, 1)
	acl, err = oc.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("w"), VersionId: v2.VersionId})
	require.NoError(t, err)
	assert.Len(t, acl.Grants, 2)

	// CopyObject and multipart uploads store their ACL headers.
	_, err = w.c.CopyObject(cfgCtx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("copy"), CopySource: aws.String(cfgBucket + "/w"),
		GrantFullControl: aws.String(`id="` + other.CanonicalID() + `"`)})
	require.NoError(t, err)
	acl, err = w.c.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("copy")})
	require.NoError(t, err)
	assert.Equal(t, []string{"CanonicalUser:" + other.CanonicalID() + ":FULL_CONTROL"}, grantsOf(acl.Grants), "grant headers replace the owner's grant")
	up, err := w.c.CreateMultipartUpload(cfgCtx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("m"), ACL: types.ObjectCannedACLAuthenticatedRead})
	require.NoError(t, err)
	part, err := w.c.UploadPart(cfgCtx, &s3.UploadPartInput{Bucket: b, Key: aws.String("m"), UploadId: up.UploadId, PartNumber: aws.Int32(1)})
	require.NoError(t, err)
	_, err = w.c.CompleteMultipartUpload(cfgCtx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: aws.String("m"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
	require.NoError(t, err)
	acl, err = w.c.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("m")})
	require.NoError(t, err)
	assert.Equal(t, []string{"CanonicalUser:" + ownerID + ":FULL_CONTROL", "Group:http://acs.amazonaws.com/groups/global/AuthenticatedUsers:READ"}, grantsOf(acl.Grants))

	// A delete marker has no ACL: 404 for the current version, 405 by id.
	del, err := w.c.DeleteObject(cfgCtx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String("w")})
	require.NoError(t, err)
	resp := w.raw(t, http.MethodGet, "acl", "", nil)
	require.Equal(t, http.StatusOK, resp.status)
	_, err = w.c.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("w")})
	w.requireRefused(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey"})
	_, err = w.c.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("w"), VersionId: del.VersionId})
	w.requireRefused(t, err, wantS3Error{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed"})
	_, err = w.c.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("nothing")})
	w.requireRefused(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey"})
}

func TestCreateBucketACL(t *testing.T) {
	w := newCfgWorld(t)
	_, err := w.c.CreateBucket(cfgCtx, &s3.CreateBucketInput{Bucket: aws.String("private-acl"), ACL: types.BucketCannedACLPrivate})
	w.requireRefused(t, err, wantInvalid("InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"))
	_, err = w.c.HeadBucket(cfgCtx, &s3.HeadBucketInput{Bucket: aws.String("private-acl")})
	require.Error(t, err, "a refused CreateBucket created the bucket")

	_, err = w.c.CreateBucket(cfgCtx, &s3.CreateBucketInput{Bucket: aws.String("writer-acl"), ACL: types.BucketCannedACL("log-delivery-write"),
		ObjectOwnership: types.ObjectOwnershipObjectWriter})
	require.NoError(t, err)
	out, err := w.c.GetBucketAcl(cfgCtx, &s3.GetBucketAclInput{Bucket: aws.String("writer-acl")})
	require.NoError(t, err)
	logs := "Group:http://acs.amazonaws.com/groups/s3/LogDelivery:"
	assert.Equal(t, []string{"CanonicalUser:" + w.owner.CanonicalID() + ":FULL_CONTROL", logs + "WRITE", logs + "READ_ACP"}, grantsOf(out.Grants))
	own, err := w.c.GetBucketOwnershipControls(cfgCtx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String("writer-acl")})
	require.NoError(t, err)
	assert.Equal(t, types.ObjectOwnershipObjectWriter, own.OwnershipControls.Rules[0].ObjectOwnership)
}
