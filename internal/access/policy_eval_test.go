package access

import (
	"testing"
)

// world is a small cross-account setup: bucket "bkt" owned by account
// owner, a second account other, and users with and without identity
// policies.
type world struct {
	ownerRoot, reader, nobody, denied Principal
	otherRoot, ext, extNoPolicy       Principal
}

const (
	ownerAcct = "111111111111"
	otherAcct = "222222222222"
)

func newWorld(t *testing.T) world {
	t.Helper()
	reg := NewRegistry()
	must := func(id Identity, err error) Principal {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id.Principal()
	}
	allowInv := []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetInventoryConfiguration","s3:PutInventoryConfiguration","s3:GetObject","s3:ListAllMyBuckets","s3:CreateBucket"],"Resource":["arn:aws:s3:::*"]},
		{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*/*"}]}`)
	denyInv := []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},
		{"Sid":"NoInventory","Effect":"Deny","Action":"s3:*InventoryConfiguration","Resource":"*"}]}`)
	return world{
		ownerRoot:   must(reg.CreateAccount(ownerAcct, "owner", "owner-secret")),
		reader:      must(reg.CreateUser(ownerAcct, "reader", "reader-key", "s", allowInv)),
		nobody:      must(reg.CreateUser(ownerAcct, "nobody", "nobody-key", "s", nil)),
		denied:      must(reg.CreateUser(ownerAcct, "denied", "denied-key", "s", denyInv)),
		otherRoot:   must(reg.CreateAccount(otherAcct, "other", "other-secret")),
		ext:         must(reg.CreateUser(otherAcct, "ext", "ext-key", "s", allowInv)),
		extNoPolicy: must(reg.CreateUser(otherAcct, "ext2", "ext2-key", "s", nil)),
	}
}

func mustPolicy(t *testing.T, doc string) *Policy {
	t.Helper()
	p, err := ParseBucketPolicy([]byte(doc), "bkt", nil)
	if err != nil {
		t.Fatalf("%v in %s", err, doc)
	}
	return p
}

func TestAuthorizeMatrix(t *testing.T) {
	w := newWorld(t)
	const (
		getInv = "s3:GetInventoryConfiguration"
		putInv = "s3:PutInventoryConfiguration"
		bucket = "arn:aws:s3:::bkt"
		object = "arn:aws:s3:::bkt/reports/a.csv"
	)
	grantAccount := mustPolicy(t, stmt(`"Sid":"Acct","Effect":"Allow","Principal":{"AWS":"`+otherAcct+`"},"Action":["s3:GetInventoryConfiguration","s3:PutInventoryConfiguration"],"Resource":"arn:aws:s3:::bkt"`))
	grantExtARN := mustPolicy(t, stmt(`"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+otherAcct+`:user/ext2"},"Action":"s3:GetInventoryConfiguration","Resource":"arn:aws:s3:::bkt"`))
	grantOwnAccount := mustPolicy(t, stmt(`"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+ownerAcct+`:root"},"Action":"s3:*","Resource":["arn:aws:s3:::bkt","arn:aws:s3:::bkt/*"]`))
	grantNobody := mustPolicy(t, stmt(`"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+ownerAcct+`:user/nobody"},"Action":"s3:GetInventoryConfiguration","Resource":"arn:aws:s3:::bkt"`))
	public := mustPolicy(t, stmt(`"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:GetBucketPolicy"],"Resource":["arn:aws:s3:::bkt/*","arn:aws:s3:::bkt"]`))
	denyAll := mustPolicy(t, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"AWS":"`+otherAcct+`"},"Action":"s3:*","Resource":["arn:aws:s3:::bkt","arn:aws:s3:::bkt/*"]},
		{"Sid":"NoPut","Effect":"Deny","Principal":"*","Action":["s3:PutInventoryConfiguration","s3:PutBucketPolicy","s3:GetBucketPolicy"],"Resource":"arn:aws:s3:::bkt"}]}`)
	denyNotOwner := mustPolicy(t, stmt(`"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::`+ownerAcct+`:root"]},"Action":"s3:*","Resource":"arn:aws:s3:::bkt"`))
	grantOtherPolicyOps := mustPolicy(t, stmt(`"Effect":"Allow","Principal":{"AWS":"`+otherAcct+`"},"Action":["s3:GetBucketPolicy","s3:PutBucketPolicy"],"Resource":"arn:aws:s3:::bkt"`))
	delivery := mustPolicy(t, deliveryPolicy("bkt", "src", ownerAcct))
	deliveryCtx := Context{"aws:SourceArn": {"arn:aws:s3:::src"}, "AWS:SOURCEACCOUNT": {ownerAcct}, "s3:x-amz-acl": {"bucket-owner-full-control"}}

	tests := []struct {
		name     string
		who      Principal
		action   string
		resource string
		owner    string
		policy   *Policy
		ctx      Context
		allowed  bool
		explicit bool
		notOwner bool
	}{
		{name: "owner root, no policy", who: w.ownerRoot, action: putInv, policy: nil, allowed: true},
		{name: "owner root, other's grant irrelevant", who: w.ownerRoot, action: getInv, policy: grantAccount, allowed: true},
		{name: "owner root, explicit deny", who: w.ownerRoot, action: putInv, policy: denyAll, explicit: true},
		{name: "owner root may always put the policy", who: w.ownerRoot, action: "s3:PutBucketPolicy", policy: denyAll, allowed: true},
		{name: "owner root may always get the policy", who: w.ownerRoot, action: "s3:GetBucketPolicy", policy: denyAll, allowed: true},
		{name: "owner root with NotPrincipal deny", who: w.ownerRoot, action: putInv, policy: denyNotOwner, allowed: true},

		{name: "owner user with identity grant", who: w.reader, action: getInv, allowed: true},
		{name: "owner user, action outside identity policy", who: w.reader, action: "s3:DeleteInventoryConfiguration"},
		{name: "owner user without policy", who: w.nobody, action: getInv},
		{name: "owner user named by bucket policy", who: w.nobody, action: getInv, policy: grantNobody, allowed: true},
		{name: "owner user, account-level grant delegates only", who: w.nobody, action: getInv, policy: grantOwnAccount},
		{name: "owner user, account-level grant plus identity", who: w.reader, action: getInv, policy: grantOwnAccount, allowed: true},
		{name: "owner user, identity deny beats bucket allow", who: w.denied, action: getInv, policy: grantOwnAccount, explicit: true},
		{name: "owner user, identity allows other actions", who: w.denied, action: "s3:GetObject", resource: object, allowed: true},
		{name: "owner user, bucket deny beats identity allow", who: w.reader, action: putInv, policy: denyAll, explicit: true},
		{name: "owner user, NotPrincipal deny", who: w.reader, action: getInv, policy: denyNotOwner, explicit: true},
		{name: "owner user may manage the policy by identity", who: w.reader, action: getInv, allowed: true},

		{name: "other root, no policy", who: w.otherRoot, action: getInv},
		{name: "other root, account grant", who: w.otherRoot, action: getInv, policy: grantAccount, allowed: true},
		{name: "other root, grant for another action", who: w.otherRoot, action: "s3:DeleteBucket", policy: grantAccount},
		{name: "other root, explicit deny", who: w.otherRoot, action: putInv, policy: denyAll, explicit: true},
		{name: "other user, both sides allow", who: w.ext, action: putInv, policy: grantAccount, allowed: true},
		{name: "other user, identity only", who: w.ext, action: putInv},
		{name: "other user, bucket only", who: w.extNoPolicy, action: getInv, policy: grantAccount},
		{name: "other user named by ARN, no identity policy", who: w.extNoPolicy, action: getInv, policy: grantExtARN},
		{name: "other user, bucket deny", who: w.ext, action: putInv, policy: denyAll, explicit: true},
		{name: "other account may not manage the policy (405)", who: w.otherRoot, action: "s3:GetBucketPolicy", policy: grantOtherPolicyOps, notOwner: true},

		{name: "anonymous, no policy", who: Anonymous(), action: "s3:GetObject", resource: object},
		{name: "anonymous, public read", who: Anonymous(), action: "s3:GetObject", resource: object, policy: public, allowed: true},
		{name: "anonymous, public read does not cover writes", who: Anonymous(), action: "s3:PutObject", resource: object, policy: public},
		{name: "anonymous, account grant", who: Anonymous(), action: getInv, policy: grantAccount},
		{name: "anonymous may not read the policy even if public (405)", who: Anonymous(), action: "s3:GetBucketPolicy", policy: public, notOwner: true},

		{name: "inventory delivery", who: ServicePrincipal("s3.amazonaws.com"), action: "s3:PutObject", resource: object,
			policy: delivery, ctx: deliveryCtx, allowed: true},
		{name: "inventory delivery, no policy", who: ServicePrincipal("s3.amazonaws.com"), action: "s3:PutObject", resource: object,
			ctx: deliveryCtx},
		{name: "inventory delivery, wrong source bucket", who: ServicePrincipal("s3.amazonaws.com"), action: "s3:PutObject", resource: object,
			policy: delivery, ctx: Context{"aws:SourceArn": {"arn:aws:s3:::other"}, "aws:SourceAccount": {ownerAcct}, "s3:x-amz-acl": {"bucket-owner-full-control"}}},
		{name: "inventory delivery, wrong source account", who: ServicePrincipal("s3.amazonaws.com"), action: "s3:PutObject", resource: object,
			policy: delivery, ctx: Context{"aws:SourceArn": {"arn:aws:s3:::src"}, "aws:SourceAccount": {otherAcct}, "s3:x-amz-acl": {"bucket-owner-full-control"}}},
		{name: "inventory delivery, no acl", who: ServicePrincipal("s3.amazonaws.com"), action: "s3:PutObject", resource: object,
			policy: delivery, ctx: Context{"aws:SourceArn": {"arn:aws:s3:::src"}, "aws:SourceAccount": {ownerAcct}}},
		{name: "another service", who: ServicePrincipal("logging.s3.amazonaws.com"), action: "s3:PutObject", resource: object,
			policy: delivery, ctx: deliveryCtx},
		{name: "a user is not the service", who: w.ext, action: "s3:PutObject", resource: object, policy: delivery, ctx: deliveryCtx},

		{name: "list buckets, root", who: w.otherRoot, action: "s3:ListAllMyBuckets", resource: "arn:aws:s3:::*", owner: "-", allowed: true},
		{name: "list buckets, user with grant", who: w.reader, action: "s3:ListAllMyBuckets", resource: "arn:aws:s3:::*", owner: "-", allowed: true},
		{name: "list buckets, user without", who: w.nobody, action: "s3:ListAllMyBuckets", resource: "arn:aws:s3:::*", owner: "-"},
		{name: "list buckets, anonymous", who: Anonymous(), action: "s3:ListAllMyBuckets", resource: "arn:aws:s3:::*", owner: "-"},
		{name: "create bucket, user with grant", who: w.reader, action: "s3:CreateBucket", resource: "arn:aws:s3:::new", owner: "-", allowed: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := AuthzRequest{Principal: tc.who, Action: tc.action, Resource: tc.resource,
				BucketOwner: tc.owner, BucketPolicy: tc.policy, Context: tc.ctx}
			if req.Resource == "" {
				req.Resource = bucket
			}
			switch req.BucketOwner {
			case "":
				req.BucketOwner = ownerAcct
			case "-":
				req.BucketOwner = ""
			}
			d := Authorize(req)
			if d.Allowed != tc.allowed || d.ExplicitDeny != tc.explicit || d.NotOwnerAccount != tc.notOwner {
				t.Fatalf("got %+v, want allowed=%v explicit=%v notOwner=%v", d, tc.allowed, tc.explicit, tc.notOwner)
			}
			if d.Reason == "" {
				t.Fatal("no reason")
			}
		})
	}
}

func TestAuthorizeContextDefaults(t *testing.T) {
	w := newWorld(t)
	p := mustPolicy(t, stmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*",
		"Condition":{"StringEquals":{"aws:PrincipalAccount":"`+otherAcct+`"}}`))
	req := AuthzRequest{Principal: w.otherRoot, Action: "s3:GetObject", Resource: "arn:aws:s3:::bkt/k", BucketOwner: ownerAcct, BucketPolicy: p}
	if d := Authorize(req); !d.Allowed {
		t.Fatalf("aws:PrincipalAccount not derived: %+v", d)
	}
	req.Principal = Anonymous()
	if d := Authorize(req); d.Allowed {
		t.Fatalf("anonymous has no principal account: %+v", d)
	}
	// A caller-supplied value wins over the derived one.
	req.Principal = w.otherRoot
	req.Context = Context{"aws:PrincipalAccount": {"333333333333"}}
	if d := Authorize(req); d.Allowed {
		t.Fatalf("explicit context ignored: %+v", d)
	}
}

func TestAuthorizeReasonNamesStatement(t *testing.T) {
	w := newWorld(t)
	p := mustPolicy(t, stmt(`"Sid":"Block","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bkt"`))
	d := Authorize(AuthzRequest{Principal: w.ownerRoot, Action: "s3:ListBucket", Resource: "arn:aws:s3:::bkt", BucketOwner: ownerAcct, BucketPolicy: p})
	if d.Allowed || d.Reason != `explicit deny in the bucket policy (statement "Block")` {
		t.Fatalf("%+v", d)
	}
}
