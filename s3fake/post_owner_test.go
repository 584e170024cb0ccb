package s3fake_test

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

// A form signed by another account writes the object as that account,
// as its PutObject would: under ObjectWriter it owns it (and the bucket
// owner cannot read it); under BucketOwnerEnforced the bucket owner does.
func TestPostObjectOwnedBySigner(t *testing.T) {
	w := newCfgWorld(t)
	other := w.srv.CreateAccount(fixtures.Other)
	oc, _ := tappedClient(w.srv, other)
	require.NoError(t, w.srv.PutBucketPolicy(cfgBucket, fixtures.AllowAccount(cfgBucket, fixtures.Other, "s3:PutObject")))
	sig := v4Signer(w.srv, other)
	conditions := []string{`{"bucket": "` + cfgBucket + `"}`, `["starts-with", "$key", ""]`}
	file := &formFile{filename: "x.txt", body: []byte("x")}

	resp := postFormTo(t, w.srv, "/"+cfgBucket, sig.form([]formPart{{"key", "enforced"}}, conditions...), file)
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
	acl, err := w.c.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: aws.String(cfgBucket), Key: aws.String("enforced")})
	require.NoError(t, err)
	assert.Equal(t, w.owner.CanonicalID(), aws.ToString(acl.Owner.ID), "BucketOwnerEnforced: the bucket owner owns it")

	setOwnership(t, w, types.ObjectOwnershipObjectWriter)
	resp = postFormTo(t, w.srv, "/"+cfgBucket, sig.form([]formPart{{"key", "written"}}, conditions...), file)
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
	acl, err = oc.GetObjectAcl(cfgCtx, &s3.GetObjectAclInput{Bucket: aws.String(cfgBucket), Key: aws.String("written")})
	require.NoError(t, err)
	assert.Equal(t, other.CanonicalID(), aws.ToString(acl.Owner.ID), "ObjectWriter: the signer owns it")
	_, err = w.c.GetObject(cfgCtx, &s3.GetObjectInput{Bucket: aws.String(cfgBucket), Key: aws.String("written")})
	w.requireRefused(t, err, wantAccessDenied())
}
