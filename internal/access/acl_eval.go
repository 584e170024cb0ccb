package access

// ACL grants in authorization. S3 evaluates a bucket's and an object's
// access control list only when the bucket's Object Ownership enables
// ACLs (ObjectWriter or BucketOwnerPreferred); under BucketOwnerEnforced
// (every new bucket) the caller skips this and uses Authorize alone.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-language-overview.html

import (
	"fmt"
	"strings"
)

// The permissions of an ACL grant.
const (
	ACLFullControl = "FULL_CONTROL"
	ACLRead        = "READ"
	ACLWrite       = "WRITE"
	ACLReadACP     = "READ_ACP"
	ACLWriteACP    = "WRITE_ACP"
)

// The grantee groups that take part in authorization. Both count as
// public for Block Public Access (IgnorePublicAcls).
const (
	GroupAllUsers           = "http://acs.amazonaws.com/groups/global/AllUsers"
	GroupAuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
)

// ACLGrant is one grant as authorization reads it: a canonical user id or
// a group URI, and a permission. Grants to e-mail addresses never reach
// here (s3fake refuses them when they are put).
type ACLGrant struct {
	CanonicalID string // set for a CanonicalUser grantee
	Group       string // set for a Group grantee
	Permission  string // an ACL* permission
}

// ACLScope says which ACL can grant an action.
type ACLScope int

const (
	ACLNone   ACLScope = iota // no ACL grants the action
	ACLBucket                 // the bucket's ACL
	ACLObject                 // the object version's ACL
)

// aclAction is the ACL that can grant an action and the permission it
// needs.
type aclAction struct {
	scope ACLScope
	perm  string
}

// aclActions maps the IAM actions an ACL can grant (as s3fake's operation
// table spells them) to the ACL and the
// permission that grants them (FULL_CONTROL grants them all), as S3's
// table of ACL permissions to access policy permissions lists them.
var aclActions = map[string]aclAction{
	"s3:ListBucket":                 {ACLBucket, ACLRead},
	"s3:ListBucketVersions":         {ACLBucket, ACLRead},
	"s3:ListBucketMultipartUploads": {ACLBucket, ACLRead},
	"s3:PutObject":                  {ACLBucket, ACLWrite},
	"s3:DeleteObject":               {ACLBucket, ACLWrite},
	"s3:GetBucketAcl":               {ACLBucket, ACLReadACP},
	"s3:PutBucketAcl":               {ACLBucket, ACLWriteACP},
	"s3:GetObject":                  {ACLObject, ACLRead},
	"s3:GetObjectVersion":           {ACLObject, ACLRead},
	"s3:GetObjectAcl":               {ACLObject, ACLReadACP},
	"s3:GetObjectVersionAcl":        {ACLObject, ACLReadACP},
	"s3:PutObjectAcl":               {ACLObject, ACLWriteACP},
	"s3:PutObjectVersionAcl":        {ACLObject, ACLWriteACP},
}

// ACLPermissionFor returns which ACL can grant action and with which
// permission; ACLNone (and "") for actions no ACL grants. Action names
// are case-insensitive. It runs for every authorized request, so it
// allocates nothing: s3fake's own names hit the table as spelled, and
// any other spelling is looked up lower-cased in a stack buffer.
func ACLPermissionFor(action string) (ACLScope, string) {
	if a, ok := aclActions[action]; ok {
		return a.scope, a.perm
	}
	var buf [64]byte
	if len(action) > len(buf) {
		return ACLNone, "" // longer than any action an ACL grants
	}
	for i := range len(action) {
		c := action[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if a, ok := aclActionsLower[string(buf[:len(action)])]; ok {
		return a.scope, a.perm
	}
	return ACLNone, ""
}

// aclActionsLower is aclActions keyed by lower-case names.
var aclActionsLower = func() map[string]aclAction {
	m := make(map[string]aclAction, len(aclActions))
	for name, a := range aclActions {
		m[strings.ToLower(name)] = a
	}
	return m
}()

// ACLInput is what AuthorizeWithACL needs besides the request.
type ACLInput struct {
	// Grants are the ACL of the bucket or object version the action is
	// on, as ACLPermissionFor's scope says.
	Grants []ACLGrant
	// Permission is the permission the action needs (ACLPermissionFor).
	Permission string
	// ObjectOwner is the account that owns the object version, for an
	// object action; "" for bucket actions and for an object that does not
	// exist. An object owned by another account than the bucket's is the
	// object owner's: the bucket owner's policy cannot grant it, and the
	// bucket owner itself needs a grant.
	ObjectOwner string
	// IgnorePublic drops the grants to AllUsers and AuthenticatedUsers:
	// the bucket's Block Public Access IgnorePublicAcls (true for new
	// buckets).
	IgnorePublic bool
}

// AuthorizeWithACL is Authorize for a bucket whose ACLs are enabled.
// An explicit deny still wins; otherwise an allow from either the
// policies or the ACL allows. For an object owned by another account
// than the bucket's, only the ACL and its owner count: the object owner's
// root (or a user its identity policy allows) may always read and write
// the object's ACL, and everyone else, the bucket owner included, needs a
// grant. A grant to an account lets its root act, and its users when
// their identity policy allows the action too.
func AuthorizeWithACL(req AuthzRequest, in ACLInput) Decision {
	d := Authorize(req)
	if d.ExplicitDeny || d.NotOwnerAccount {
		return d
	}
	p := req.Principal
	granted, grant := aclGrants(in, p)
	if granted && p.Type == PrincipalUser && !identityAllows(req) {
		granted = false
	}
	if in.ObjectOwner != "" && in.ObjectOwner != req.BucketOwner {
		ownACP := in.Permission == ACLReadACP || in.Permission == ACLWriteACP
		if ownACP && p.AccountID == in.ObjectOwner && (p.Type == PrincipalRoot || p.Type == PrincipalUser && identityAllows(req)) {
			return Decision{Allowed: true, Reason: "the object owner's account (" + in.ObjectOwner + ")"}
		}
		if granted {
			return Decision{Allowed: true, Reason: "the object ACL grants " + grant}
		}
		return Decision{Reason: fmt.Sprintf("the object is owned by account %s and its ACL grants %s no %s", in.ObjectOwner, p, in.Permission)}
	}
	if d.Allowed {
		return d
	}
	if granted {
		return Decision{Allowed: true, Reason: "the ACL grants " + grant}
	}
	return d
}

// aclGrants reports whether a grant of in gives p in.Permission, and
// which (for logs).
func aclGrants(in ACLInput, p Principal) (bool, string) {
	for _, g := range in.Grants {
		if g.Permission != in.Permission && g.Permission != ACLFullControl {
			continue
		}
		switch {
		case g.CanonicalID != "":
			if p.CanonicalID != "" && g.CanonicalID == p.CanonicalID {
				return true, g.Permission + " to " + g.CanonicalID
			}
		case in.IgnorePublic:
			// Block Public Access: public grants count for nothing.
		case g.Group == GroupAllUsers:
			return true, g.Permission + " to AllUsers"
		case g.Group == GroupAuthenticatedUsers:
			if p.Type == PrincipalRoot || p.Type == PrincipalUser {
				return true, g.Permission + " to AuthenticatedUsers"
			}
		}
	}
	return false, ""
}

// identityAllows reports whether the caller's identity policy allows the
// request: what a user needs besides a grant to its account.
func identityAllows(req AuthzRequest) bool {
	p := req.Principal
	_, ok := p.identityPolicy().find(effectAllow, strings.ToLower(req.Action), req.Resource, evalContext(req.Context, p), nil)
	return ok
}
