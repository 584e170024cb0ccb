package s3fake

// The ACL and Object Ownership of CreateBucket: x-amz-acl or
// x-amz-grant-* headers, and x-amz-object-ownership.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html

import (
	"net/http"

	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// createBucketACL reads and checks CreateBucket's ownership and ACL
// headers before the bucket exists. A new bucket is BucketOwnerEnforced
// unless x-amz-object-ownership says otherwise, and then S3 refuses every
// ACL but bucket-owner-full-control with InvalidBucketAclWithObjectOwnership
// (the answer IaC tools met in April 2023 when they still sent
// x-amz-acl: private).
func createBucketACL(req *request) (string, objstore.ACLRequest, error) {
	ownership := req.r.Header.Get("X-Amz-Object-Ownership")
	if _, sent := req.r.Header[http.CanonicalHeaderKey("X-Amz-Object-Ownership")]; sent {
		if err := (bucketcfg.OwnershipControls{ObjectOwnership: ownership}).Validate(); err != nil {
			e := xmlcodec.NewError(xmlcodec.InvalidArgument, "Invalid x-amz-object-ownership header: "+ownership)
			e.ArgumentName, e.ArgumentValue = "x-amz-object-ownership", ownership
			return "", objstore.ACLRequest{}, e
		}
	}
	acl, err := objstore.ParseACLHeaders(headerMap(req.r.Header))
	if err != nil {
		return "", acl, err
	}
	enforced := ownership == "" || ownership == bucketcfg.OwnershipBucketOwnerEnforced
	if enforced && !acl.None() && acl.Canned != objstore.CannedBucketOwnerFullControl {
		return "", acl, xmlcodec.NewError(xmlcodec.InvalidBucketAclWithObjectOwnership, "")
	}
	return ownership, acl, nil
}

// applyCreateBucketACL gives the new bucket the ownership and ACL its
// CreateBucket asked for.
func (s *Server) applyCreateBucketACL(bucket, ownership string, acl objstore.ACLRequest) error {
	if ownership != "" {
		if err := s.objects.PutBucketOwnershipControls(bucket, bucketcfg.OwnershipControls{ObjectOwnership: ownership}); err != nil {
			return err
		}
	}
	if acl.None() {
		return nil
	}
	return s.objects.PutBucketACL(bucket, acl)
}
