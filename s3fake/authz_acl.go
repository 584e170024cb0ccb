package s3fake

// The ACL side of authorization: when a bucket's Object Ownership enables
// ACLs, the bucket's or the object's grants take part in the decision
// (internal/access AuthorizeWithACL). Under BucketOwnerEnforced, the
// setting of every new bucket, nothing here runs.

import (
	"strings"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/internal/objstore"
)

// aclInput returns what ACL evaluation needs for action on resource in
// bucket (versionID names the object version, "" the current one), and
// false when ACLs play no part: the bucket enforces ownership, or no ACL
// grants the action.
func (s *Server) aclInput(action, resource, bucket, versionID string) (access.ACLInput, bool) {
	scope, perm := access.ACLPermissionFor(action)
	if scope == access.ACLNone {
		return access.ACLInput{}, false
	}
	// A bucket whose ownership controls were deleted behaves as
	// ObjectWriter, as the store does.
	if o, ok, err := s.objects.BucketOwnershipControls(bucket); err != nil || ok && o.ObjectOwnership == bucketcfg.OwnershipBucketOwnerEnforced {
		return access.ACLInput{}, false
	}
	in := access.ACLInput{Permission: perm}
	if pab, ok, err := s.objects.BucketPublicAccessBlock(bucket); err == nil && ok {
		in.IgnorePublic = pab.IgnorePublicAcls
	}
	var acl objstore.ACL
	switch scope {
	case access.ACLBucket:
		a, err := s.objects.BucketACL(bucket)
		if err != nil {
			return access.ACLInput{}, false
		}
		acl = a
	case access.ACLObject:
		key, ok := strings.CutPrefix(resource, access.BucketARN(bucket)+"/")
		if !ok {
			return access.ACLInput{}, false
		}
		o, a, err := s.objects.ObjectACL(bucket, key, versionID)
		if err != nil || o.DeleteMarker {
			// No version to hold an ACL: the policies decide alone, and
			// the handler answers 404 to whoever they let through.
			return in, true
		}
		acl, in.ObjectOwner = a, a.OwnerAccount
	}
	for _, g := range acl.Grants {
		switch g.Type {
		case objstore.GranteeCanonicalUser:
			in.Grants = append(in.Grants, access.ACLGrant{CanonicalID: g.ID, Permission: g.Permission})
		case objstore.GranteeGroup:
			in.Grants = append(in.Grants, access.ACLGrant{Group: g.URI, Permission: g.Permission})
		}
	}
	return in, true
}
