package access

import "testing"

// AuthorizeWithACL's rules, one case per rule: ACL grants add to the
// policies, an explicit deny still wins, public grants fall to
// IgnorePublicAcls, users need their identity policy too, and an object
// owned by another account than the bucket's is the object owner's.
func TestAuthorizeWithACL(t *testing.T) {
	w := newWorld(t)
	const object = "arn:aws:s3:::bkt/k"
	deny := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"}]}`)
	allowOther := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+otherAcct+`"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"}]}`)
	toOther := []ACLGrant{{CanonicalID: w.otherRoot.CanonicalID, Permission: ACLRead}}
	toOwnerFull := []ACLGrant{{CanonicalID: w.ownerRoot.CanonicalID, Permission: ACLFullControl}}
	public := []ACLGrant{{Group: GroupAllUsers, Permission: ACLRead}}
	authenticated := []ACLGrant{{Group: GroupAuthenticatedUsers, Permission: ACLFullControl}}
	for _, c := range []struct {
		name   string
		p      Principal
		policy *Policy
		action string
		in     ACLInput
		want   bool
	}{
		{"no grant, no policy: another account is refused", w.otherRoot, nil, "s3:GetObject", ACLInput{Permission: ACLRead}, false},
		{"a READ grant to the account lets its root read", w.otherRoot, nil, "s3:GetObject", ACLInput{Permission: ACLRead, Grants: toOther}, true},
		{"READ does not grant READ_ACP", w.otherRoot, nil, "s3:GetObjectAcl", ACLInput{Permission: ACLReadACP, Grants: toOther}, false},
		{"FULL_CONTROL grants every permission", w.otherRoot, nil, "s3:PutObjectAcl",
			ACLInput{Permission: ACLWriteACP, Grants: []ACLGrant{{CanonicalID: w.otherRoot.CanonicalID, Permission: ACLFullControl}}}, true},
		{"the account's user needs its identity policy too", w.extNoPolicy, nil, "s3:GetObject", ACLInput{Permission: ACLRead, Grants: toOther}, false},
		{"the account's user with an identity allow", w.ext, nil, "s3:GetObject", ACLInput{Permission: ACLRead, Grants: toOther}, true},
		{"an explicit deny beats a grant", w.otherRoot, deny, "s3:GetObject", ACLInput{Permission: ACLRead, Grants: toOther}, false},
		{"AllUsers READ lets anonymous read", Anonymous(), nil, "s3:GetObject", ACLInput{Permission: ACLRead, Grants: public}, true},
		{"IgnorePublicAcls drops AllUsers", Anonymous(), nil, "s3:GetObject", ACLInput{Permission: ACLRead, Grants: public, IgnorePublic: true}, false},
		{"AuthenticatedUsers is not anonymous", Anonymous(), nil, "s3:GetObject", ACLInput{Permission: ACLRead, Grants: authenticated}, false},
		{"AuthenticatedUsers lets any account's root", w.otherRoot, nil, "s3:GetObject", ACLInput{Permission: ACLRead, Grants: authenticated}, true},
		{"IgnorePublicAcls drops AuthenticatedUsers", w.otherRoot, nil, "s3:GetObject",
			ACLInput{Permission: ACLRead, Grants: authenticated, IgnorePublic: true}, false},
		{"a foreign object: the bucket owner needs a grant", w.ownerRoot, nil, "s3:GetObject",
			ACLInput{Permission: ACLRead, ObjectOwner: otherAcct, Grants: []ACLGrant{{CanonicalID: w.otherRoot.CanonicalID, Permission: ACLFullControl}}}, false},
		{"a foreign object: a grant to the bucket owner", w.ownerRoot, nil, "s3:GetObject",
			ACLInput{Permission: ACLRead, ObjectOwner: otherAcct, Grants: toOwnerFull}, true},
		{"a foreign object: the bucket policy grants nothing on it", w.otherRoot, allowOther, "s3:GetObject",
			ACLInput{Permission: ACLRead, ObjectOwner: "333333333333"}, false},
		{"a foreign object: its owner may always read its ACL", w.otherRoot, nil, "s3:GetObjectAcl",
			ACLInput{Permission: ACLReadACP, ObjectOwner: otherAcct}, true},
		{"the bucket owner's own object: the policies still allow", w.ownerRoot, nil, "s3:GetObject",
			ACLInput{Permission: ACLRead, ObjectOwner: ownerAcct}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := AuthorizeWithACL(AuthzRequest{Principal: c.p, Action: c.action, Resource: object, BucketOwner: ownerAcct, BucketPolicy: c.policy}, c.in)
			if d.Allowed != c.want {
				t.Fatalf("Allowed = %v, want %v (%s)", d.Allowed, c.want, d.Reason)
			}
		})
	}
}

func TestACLPermissionFor(t *testing.T) {
	for action, want := range map[string]struct {
		scope ACLScope
		perm  string
	}{
		"s3:ListBucket": {ACLBucket, ACLRead}, "s3:ListBucketVersions": {ACLBucket, ACLRead},
		"s3:ListBucketMultipartUploads": {ACLBucket, ACLRead}, "s3:PutObject": {ACLBucket, ACLWrite},
		"s3:DeleteObject": {ACLBucket, ACLWrite}, "s3:GetBucketAcl": {ACLBucket, ACLReadACP}, "s3:PutBucketAcl": {ACLBucket, ACLWriteACP},
		"s3:GetObject": {ACLObject, ACLRead}, "s3:GetObjectVersion": {ACLObject, ACLRead},
		"s3:GetObjectAcl": {ACLObject, ACLReadACP}, "s3:PutObjectVersionAcl": {ACLObject, ACLWriteACP},
		"s3:GetObjectTagging": {ACLNone, ""}, "s3:PutBucketPolicy": {ACLNone, ""}, "S3:GETOBJECT": {ACLObject, ACLRead},
	} {
		scope, perm := ACLPermissionFor(action)
		if scope != want.scope || perm != want.perm {
			t.Errorf("%s: got %v %q, want %v %q", action, scope, perm, want.scope, want.perm)
		}
	}
}

// ACLPermissionFor runs on every authorized request: neither a hit, a
// miss nor another spelling allocates.
func TestACLPermissionForAllocatesNothing(t *testing.T) {
	for _, action := range []string{"s3:GetObject", "s3:PutInventoryConfiguration", "S3:GETOBJECT"} {
		if n := testing.AllocsPerRun(100, func() { ACLPermissionFor(action) }); n != 0 {
			t.Errorf("%s: %v allocations", action, n)
		}
	}
}
