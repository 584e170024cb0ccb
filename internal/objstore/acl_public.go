package objstore

// Block Public Access, the ACL half: a bucket whose BlockPublicAcls is
// true (every new bucket) refuses a public ACL, whichever call puts it:
// PutBucketAcl, PutObjectAcl, and the ACL headers of PutObject,
// CopyObject and CreateMultipartUpload. S3 answers 403 AccessDenied.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-options

import "github.com/s3fake/s3fake/internal/bucketcfg"

// public reports whether r grants anything to everyone: S3 calls an ACL
// public when it grants a permission to AllUsers or AuthenticatedUsers,
// which the canned ACLs public-read, public-read-write and
// authenticated-read do.
func (r ACLRequest) public() bool {
	switch r.Canned {
	case CannedPublicRead, CannedPublicReadWrite, CannedAuthenticatedRead:
		return true
	}
	for _, g := range r.Grants {
		if g.Type == GranteeGroup && (g.URI == GroupAllUsers || g.URI == GroupAuthenticatedUsers) {
			return true
		}
	}
	return false
}

// checkPublicACLLocked refuses r when b blocks public ACLs.
func checkPublicACLLocked(b *bucket, r ACLRequest) error {
	if !r.public() {
		return nil
	}
	if pab, _ := b.configs.publicAccess.get(bucketcfg.DefaultPublicAccessBlock); pab.BlockPublicAcls {
		return errAccessDenied()
	}
	return nil
}
