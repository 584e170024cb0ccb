package access

// Evaluation of a request against the caller's identity policy and the
// bucket policy, after IAM's evaluation logic:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// and S3's cross-account rules:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-language-overview.html

import (
	"fmt"
	"strings"
)

// AuthzRequest is one authorization question: may Principal perform Action
// on Resource?
type AuthzRequest struct {
	Principal    Principal
	Action       string  // an IAM action name, "s3:GetObject"
	Resource     string  // BucketARN or ObjectARN; "arn:aws:s3:::*" for ListAllMyBuckets
	BucketOwner  string  // the account owning the bucket; "" when there is none (ListBuckets, CreateBucket)
	BucketPolicy *Policy // nil when the bucket has none
	Context      Context // condition keys; may be nil
}

// Decision is Authorize's answer.
type Decision struct {
	Allowed bool
	// ExplicitDeny is set when a Deny statement decided; nothing can
	// override it.
	ExplicitDeny bool
	// NotOwnerAccount is set for Get/Put/DeleteBucketPolicy by a caller
	// outside the bucket owner's account who would otherwise be allowed:
	// S3 answers those 405 MethodNotAllowed, not 403. Allowed is false.
	NotOwnerAccount bool
	// Reason says why, for logs: which statement decided, or what was missing.
	Reason string
}

// BucketARN is the policy resource of a bucket.
func BucketARN(bucket string) string { return s3ARNPrefix + bucket }

// ObjectARN is the policy resource of an object.
func ObjectARN(bucket, key string) string { return s3ARNPrefix + bucket + "/" + key }

// bucketPolicyActions are the calls the owner account's root may always
// make, even when the bucket policy denies them: AWS's guard against a
// bucket policy that locks everyone out.
var bucketPolicyActions = map[string]bool{
	"s3:getbucketpolicy": true, "s3:putbucketpolicy": true, "s3:deletebucketpolicy": true,
}

// Authorize decides req with these rules, in order:
//
//  1. An explicit Deny that applies, in the identity policy or the bucket
//     policy, wins. Exception: the root of the bucket owner's account may
//     always get, put and delete the bucket policy (as AWS guarantees);
//     every other action of the owner's root is subject to bucket-policy
//     denies, as in AWS.
//  2. The bucket owner's root may do anything else to its bucket. Where
//     there is no bucket (ListBuckets, CreateBucket), any root may act and
//     a user needs its identity policy.
//  3. A user of the owner's account needs an Allow in its identity policy,
//     or a bucket policy Allow naming it (its ARN, its canonical id or "*").
//     A bucket policy naming only the account delegates to the account's
//     identity policies and grants the user nothing by itself.
//  4. A principal of another account needs a bucket policy Allow (naming
//     its account, its ARN or "*"), and a user also an identity Allow.
//  5. Anonymous callers and service principals need a bucket policy Allow
//     naming "*" (or, for a service, the service).
func Authorize(req AuthzRequest) Decision {
	p := req.Principal
	identity := p.identityPolicy()
	ownerRoot := p.Type == PrincipalRoot && req.BucketOwner != "" && p.AccountID == req.BucketOwner
	if ownerRoot && identity == nil && req.BucketPolicy == nil {
		// No policy that could deny: the owner's root, decided without
		// building the condition context (most calls of a test suite).
		return Decision{Allowed: true, Reason: "the bucket owner's root user"}
	}
	action := strings.ToLower(req.Action)
	ctx := evalContext(req.Context, p)

	if st, ok := identity.find(effectDeny, action, req.Resource, ctx, nil); ok {
		return Decision{ExplicitDeny: true, Reason: "explicit deny in the identity policy" + st.label()}
	}
	if !(ownerRoot && bucketPolicyActions[action]) {
		if st, ok := req.BucketPolicy.find(effectDeny, action, req.Resource, ctx, &p); ok {
			return Decision{ExplicitDeny: true, Reason: "explicit deny in the bucket policy" + st.label()}
		}
	}
	if ownerRoot {
		return Decision{Allowed: true, Reason: "the bucket owner's root user"}
	}
	if req.BucketOwner == "" {
		return authorizeWithoutBucket(p, identity, action, req.Resource, ctx)
	}

	idAllow, idOK := identity.find(effectAllow, action, req.Resource, ctx, nil)
	bpAllow, level := req.BucketPolicy.findAllow(action, req.Resource, ctx, p)
	sameAccount := (p.Type == PrincipalRoot || p.Type == PrincipalUser) && p.AccountID == req.BucketOwner
	var d Decision
	switch {
	case p.Type == PrincipalAnonymous || p.Type == PrincipalService:
		d = allowIf(level != matchNone, "the bucket policy"+bpAllow.label(),
			fmt.Sprintf("no bucket policy statement allows %s %s on %s", p, req.Action, req.Resource))
	case sameAccount: // a user: the owner's root returned above
		switch {
		case idOK:
			d = Decision{Allowed: true, Reason: "the identity policy" + idAllow.label()}
		case level == matchDirect:
			d = Decision{Allowed: true, Reason: "the bucket policy" + bpAllow.label()}
		default:
			d = Decision{Reason: fmt.Sprintf("neither the identity policy of %s nor the bucket policy allows %s on %s", p, req.Action, req.Resource)}
		}
	case p.Type == PrincipalRoot: // another account's root
		d = allowIf(level != matchNone, "the bucket policy"+bpAllow.label(),
			fmt.Sprintf("cross-account: no bucket policy statement allows %s %s on %s", p, req.Action, req.Resource))
	default: // another account's user: both sides must agree
		switch {
		case level == matchNone:
			d = Decision{Reason: fmt.Sprintf("cross-account: no bucket policy statement allows %s %s on %s", p, req.Action, req.Resource)}
		case !idOK:
			d = Decision{Reason: fmt.Sprintf("cross-account: the identity policy of %s does not allow %s on %s", p, req.Action, req.Resource)}
		default:
			d = Decision{Allowed: true, Reason: "cross-account: the bucket policy" + bpAllow.label() + " and the identity policy" + idAllow.label()}
		}
	}
	if d.Allowed && bucketPolicyActions[action] && !sameAccount {
		return Decision{NotOwnerAccount: true, Reason: "only the bucket owner's account may " + req.Action}
	}
	return d
}

func authorizeWithoutBucket(p Principal, identity *Policy, action, resource string, ctx Context) Decision {
	switch p.Type {
	case PrincipalRoot:
		return Decision{Allowed: true, Reason: "an account root user"}
	case PrincipalUser:
		if st, ok := identity.find(effectAllow, action, resource, ctx, nil); ok {
			return Decision{Allowed: true, Reason: "the identity policy" + st.label()}
		}
		return Decision{Reason: fmt.Sprintf("the identity policy of %s does not allow %s on %s", p, action, resource)}
	}
	return Decision{Reason: fmt.Sprintf("%s may not %s", p, action)}
}

func allowIf(ok bool, yes, no string) Decision {
	if ok {
		return Decision{Allowed: true, Reason: yes}
	}
	return Decision{Reason: no}
}

// identityPolicy is the policy that applies to p as an identity: only
// users have one (a root user's is ignored, as in AWS).
func (p Principal) identityPolicy() *Policy {
	if p.Type == PrincipalUser {
		return p.Policy
	}
	return nil
}

// evalContext lower-cases the keys of ctx and adds the keys AWS derives
// from the caller, unless the caller set them.
func evalContext(ctx Context, p Principal) Context {
	out := make(Context, len(ctx)+4)
	for k, v := range ctx {
		out[strings.ToLower(k)] = v
	}
	add := func(k, v string) {
		if _, ok := out[k]; !ok && v != "" {
			out[k] = []string{v}
		}
	}
	switch p.Type {
	case PrincipalRoot:
		add("aws:principalaccount", p.AccountID)
		add("aws:principalarn", p.ARN)
		add("aws:principaltype", "Account")
	case PrincipalUser:
		add("aws:principalaccount", p.AccountID)
		add("aws:principalarn", p.ARN)
		add("aws:principaltype", "User")
		add("aws:username", p.ARN[strings.LastIndexByte(p.ARN, '/')+1:])
	case PrincipalAnonymous:
		add("aws:principaltype", "Anonymous")
	}
	return out
}

type principalMatch int

const (
	matchNone    principalMatch = iota
	matchAccount                // the statement names the caller's account
	matchDirect                 // the statement names the caller, or "*"
)

// find returns the first statement of p with effect that applies. For a
// bucket policy, caller is the principal to match (any level counts);
// for an identity policy it is nil.
func (p *Policy) find(eff effect, action, resource string, ctx Context, caller *Principal) (*statement, bool) {
	if p == nil {
		return nil, false
	}
	for i := range p.statements {
		st := &p.statements[i]
		if st.effect != eff || !st.applies(action, resource, ctx) {
			continue
		}
		if caller != nil && st.principalLevel(*caller) == matchNone {
			continue
		}
		return st, true
	}
	return nil, false
}

// findAllow returns the Allow statement of a bucket policy that names the
// caller most directly, and how directly.
func (p *Policy) findAllow(action, resource string, ctx Context, caller Principal) (*statement, principalMatch) {
	if p == nil {
		return nil, matchNone
	}
	var best *statement
	level := matchNone
	for i := range p.statements {
		st := &p.statements[i]
		if st.effect != effectAllow || !st.applies(action, resource, ctx) {
			continue
		}
		if l := st.principalLevel(caller); l > level {
			best, level = st, l
		}
	}
	return best, level
}

// applies reports whether the statement's actions, resources and
// conditions cover the request.
func (st *statement) applies(action, resource string, ctx Context) bool {
	if st.actions != nil && !anyMatch(st.actions, action) ||
		st.notActions != nil && anyMatch(st.notActions, action) ||
		st.resources != nil && !anyMatch(st.resources, resource) ||
		st.notResources != nil && anyMatch(st.notResources, resource) {
		return false
	}
	for _, c := range st.conditions {
		if !c.eval(ctx) {
			return false
		}
	}
	return true
}

func anyMatch(patterns []string, s string) bool {
	for _, p := range patterns {
		if p == "*" || wildcardMatch(p, s) {
			return true
		}
	}
	return false
}

// principalLevel is how the statement's Principal (or NotPrincipal)
// names the caller. A NotPrincipal statement applies, directly, to every
// caller it does not name directly: naming an account's root exempts the
// root, not the account's users (AWS's example lists both
// "user/Bob" and ":root" to deny "everyone except Bob").
func (st *statement) principalLevel(p Principal) principalMatch {
	if st.notPrincipal != nil {
		if st.notPrincipal.match(p) == matchDirect {
			return matchNone
		}
		return matchDirect
	}
	if st.principal == nil {
		return matchNone
	}
	return st.principal.match(p)
}

func (s *principalSet) match(p Principal) principalMatch {
	if s.any {
		return matchDirect
	}
	level := matchNone
	switch p.Type {
	case PrincipalService:
		for _, svc := range s.services {
			if svc == p.Service {
				return matchDirect
			}
		}
	case PrincipalRoot, PrincipalUser:
		// Naming the account (id, root ARN or its canonical id) names the
		// root directly and a user only through its account.
		accountLevel := matchAccount
		if p.Type == PrincipalRoot {
			accountLevel = matchDirect
		}
		for _, a := range s.aws {
			switch a {
			case p.ARN:
				return matchDirect
			case p.AccountID, RootARN(p.AccountID):
				level = accountLevel
			}
		}
		for _, c := range s.canonical {
			if c == p.CanonicalID && accountLevel > level {
				level = accountLevel
			}
		}
	}
	return level
}

// label names a statement in reasons: ` (statement "Sid")`, or "" when
// there is none to name.
func (st *statement) label() string {
	if st == nil || st.sid == "" {
		return ""
	}
	return fmt.Sprintf(" (statement %q)", st.sid)
}
