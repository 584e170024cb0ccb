package objstore

// Access control lists: the grants of a bucket and of each object version,
// as PutBucketAcl, PutObjectAcl, the x-amz-acl and x-amz-grant-* headers of
// the writes and CreateBucket set them, and the Object Ownership rules that
// decide whether ACLs are accepted at all and who owns a new version.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html

import (
	"slices"

	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/internal/canonical"
)

// Grantee types, as the xsi:type of a Grantee names them.
const (
	GranteeCanonicalUser = "CanonicalUser"
	GranteeGroup         = "Group"
	GranteeEmail         = "AmazonCustomerByEmail"
)

// Permissions of a grant.
const (
	PermFullControl = "FULL_CONTROL"
	PermRead        = "READ"
	PermWrite       = "WRITE"
	PermReadACP     = "READ_ACP"
	PermWriteACP    = "WRITE_ACP"
)

// The predefined groups S3 grants to.
const (
	GroupAllUsers           = "http://acs.amazonaws.com/groups/global/AllUsers"
	GroupAuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	GroupLogDelivery        = "http://acs.amazonaws.com/groups/s3/LogDelivery"
)

// The canned ACLs of x-amz-acl.
const (
	CannedPrivate                = "private"
	CannedPublicRead             = "public-read"
	CannedPublicReadWrite        = "public-read-write"
	CannedAuthenticatedRead      = "authenticated-read"
	CannedAWSExecRead            = "aws-exec-read"
	CannedBucketOwnerRead        = "bucket-owner-read"
	CannedBucketOwnerFullControl = "bucket-owner-full-control"
	CannedLogDeliveryWrite       = "log-delivery-write"
)

// ec2CanonicalID is the canonical user aws-exec-read grants READ to: the
// Amazon EC2 account that reads AMI bundles from S3.
const ec2CanonicalID = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c"

var (
	cannedACLs  = []string{CannedPrivate, CannedPublicRead, CannedPublicReadWrite, CannedAuthenticatedRead, CannedAWSExecRead, CannedBucketOwnerRead, CannedBucketOwnerFullControl, CannedLogDeliveryWrite}
	permissions = []string{PermFullControl, PermRead, PermWrite, PermReadACP, PermWriteACP}
	groups      = []string{GroupAllUsers, GroupAuthenticatedUsers, GroupLogDelivery}
)

// Grant is one grantee and its permission. Exactly one of ID (a canonical
// user id), URI (a group) and Email is set, as Type says.
type Grant struct {
	Type       string // a Grantee* constant
	ID         string
	URI        string
	Email      string
	Permission string // a Perm* constant
}

// ACL is a bucket's or a version's access control list.
type ACL struct {
	// OwnerAccount and OwnerID are the resource owner's account and
	// canonical id.
	OwnerAccount, OwnerID string
	// Grants are the grants in order; a resource that was never given an
	// ACL has one: its owner with FULL_CONTROL.
	Grants []Grant
}

// ACLRequest is an ACL a request asks for: a canned ACL (x-amz-acl), or
// explicit grants (x-amz-grant-* headers or an AccessControlPolicy body).
// The zero value asks for nothing.
type ACLRequest struct {
	Canned string
	Grants []Grant
	// Explicit marks explicit grants, even an empty list.
	Explicit bool
}

// None reports whether the request asks for no ACL at all.
func (r ACLRequest) None() bool { return r.Canned == "" && !r.Explicit }

// Validate checks a request's canned ACL and grants as S3 does: a known
// canned ACL, known permissions and groups, canonical ids of 64 hex
// digits (InvalidArgument), and no e-mail grantee, which no s3fake
// account has (UnresolvableGrantByEmailAddress).
func (r ACLRequest) Validate() error {
	if r.Canned != "" && !contains(cannedACLs, r.Canned) {
		return &Error{Code: "InvalidArgument", Message: "", ArgumentName: "x-amz-acl", ArgumentValue: r.Canned}
	}
	for _, g := range r.Grants {
		if !contains(permissions, g.Permission) {
			return errMalformedACL()
		}
		switch g.Type {
		case GranteeCanonicalUser:
			if !canonicalIDShape(g.ID) {
				return &Error{Code: "InvalidArgument", Message: "Invalid id", ArgumentName: "CanonicalUser/ID", ArgumentValue: g.ID}
			}
		case GranteeGroup:
			if !contains(groups, g.URI) {
				return &Error{Code: "InvalidArgument", Message: "Invalid group uri", ArgumentName: "Group/URI", ArgumentValue: g.URI}
			}
		case GranteeEmail:
			return &Error{Code: "UnresolvableGrantByEmailAddress", Message: "The e-mail address you provided does not match any account on record."}
		default:
			return errMalformedACL()
		}
	}
	return nil
}

func canonicalIDShape(id string) bool {
	if len(id) != 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func errMalformedACL() error {
	return newError("MalformedACLError", "The XML you provided was not well-formed or did not validate against our published schema")
}

// errACLNotSupported is S3's answer to an ACL on a bucket whose Object
// Ownership is BucketOwnerEnforced.
func errACLNotSupported() error {
	return newError("AccessControlListNotSupported", "The bucket does not allow ACLs")
}

// ownershipLocked is b's Object Ownership; a bucket whose ownership
// controls were deleted behaves as ObjectWriter (S3's setting before
// ownership controls existed).
func (b *bucket) ownershipLocked() string {
	o, ok := b.configs.ownership.get(bucketcfg.DefaultOwnershipControls)
	if !ok {
		return bucketcfg.OwnershipObjectWriter
	}
	return o.ObjectOwnership
}

// grantsFor expands r into the grants of a resource owned by ownerID in a
// bucket owned by bucketOwnerID; nil means the default ACL (the owner
// with FULL_CONTROL). forBucket applies the bucket meanings of the canned
// ACLs (bucket-owner-* are the owner's own grant on a bucket).
func grantsFor(r ACLRequest, ownerID, bucketOwnerID string, forBucket bool) []Grant {
	if r.Explicit {
		if len(r.Grants) == 0 {
			return []Grant{} // an ACL that grants nothing, not the default
		}
		return slices.Clone(r.Grants)
	}
	owner := Grant{Type: GranteeCanonicalUser, ID: ownerID, Permission: PermFullControl}
	group := func(uri, perm string) Grant { return Grant{Type: GranteeGroup, URI: uri, Permission: perm} }
	out := []Grant{owner}
	switch r.Canned {
	case CannedPublicRead:
		out = append(out, group(GroupAllUsers, PermRead))
	case CannedPublicReadWrite:
		out = append(out, group(GroupAllUsers, PermRead), group(GroupAllUsers, PermWrite))
	case CannedAuthenticatedRead:
		out = append(out, group(GroupAuthenticatedUsers, PermRead))
	case CannedAWSExecRead:
		out = append(out, Grant{Type: GranteeCanonicalUser, ID: ec2CanonicalID, Permission: PermRead})
	case CannedBucketOwnerRead:
		if !forBucket && bucketOwnerID != ownerID {
			out = append(out, Grant{Type: GranteeCanonicalUser, ID: bucketOwnerID, Permission: PermRead})
		}
	case CannedBucketOwnerFullControl:
		if !forBucket && bucketOwnerID != ownerID {
			out = append(out, Grant{Type: GranteeCanonicalUser, ID: bucketOwnerID, Permission: PermFullControl})
		}
	case CannedLogDeliveryWrite:
		out = append(out, group(GroupLogDelivery, PermWrite), group(GroupLogDelivery, PermReadACP))
	}
	if len(out) == 1 {
		return nil
	}
	return out
}

// enforcedAllows reports whether r is an ACL a bucket with
// BucketOwnerEnforced accepts: none, bucket-owner-full-control, or its
// equivalent in grants (the bucket owner alone with FULL_CONTROL).
func enforcedAllows(r ACLRequest, bucketOwnerID string) bool {
	switch {
	case r.None(), r.Canned == CannedBucketOwnerFullControl:
		return true
	case r.Explicit:
		return len(r.Grants) == 1 && r.Grants[0] == Grant{Type: GranteeCanonicalUser, ID: bucketOwnerID, Permission: PermFullControl}
	}
	return false
}

// newVersionOwnerLocked applies Object Ownership to a write by writer (an
// account id; "" is the bucket owner) asking for acl: the account that
// owns the new version and its grants. BucketOwnerEnforced refuses every
// ACL but bucket-owner-full-control and gives the bucket owner the
// version; BucketOwnerPreferred gives it to the bucket owner when the
// writer sent bucket-owner-full-control; otherwise the writer owns it.
func newVersionOwnerLocked(b *bucket, writer string, acl ACLRequest) (owner string, grants []Grant, err error) {
	if err := acl.Validate(); err != nil {
		return "", nil, err
	}
	if writer == "" {
		writer = b.owner
	}
	bucketOwnerID := canonical.ID(b.owner)
	ownership := b.ownershipLocked()
	if ownership == bucketcfg.OwnershipBucketOwnerEnforced {
		if !enforcedAllows(acl, bucketOwnerID) {
			return "", nil, errACLNotSupported()
		}
		return b.owner, nil, nil
	}
	// ACLs are enabled: a public one still meets Block Public Access.
	if err := checkPublicACLLocked(b, acl); err != nil {
		return "", nil, err
	}
	if ownership == bucketcfg.OwnershipBucketOwnerPreferred && acl.Canned == CannedBucketOwnerFullControl {
		return b.owner, nil, nil
	}
	return writer, grantsFor(acl, canonical.ID(writer), bucketOwnerID, false), nil
}

// ACLOf returns a version's ACL from its owner and stored grants.
func aclOf(ownerAccount, ownerID string, grants []Grant) ACL {
	a := ACL{OwnerAccount: ownerAccount, OwnerID: ownerID, Grants: slices.Clone(grants)}
	if grants == nil {
		a.Grants = []Grant{{Type: GranteeCanonicalUser, ID: ownerID, Permission: PermFullControl}}
	}
	return a
}

// grantList returns the version's stored grants; nil is the default ACL.
func (v *version) grantList() []Grant {
	if v.extra == nil {
		return nil
	}
	return v.extra.grants
}
