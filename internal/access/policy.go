package access

// Policy is a parsed and validated policy document: a bucket policy (from
// ParseBucketPolicy) or a user's identity policy (from
// ParseIdentityPolicy). It is immutable and safe for concurrent use.
type Policy struct {
	version    string
	id         string
	statements []statement
}

// Version returns the policy language version, "2008-10-17" when the
// document named none (S3's default).
func (p *Policy) Version() string { return p.version }

// ID returns the document's optional Id element.
func (p *Policy) ID() string { return p.id }

// Sids returns the Sid of every statement, "" where a statement has none,
// in document order.
func (p *Policy) Sids() []string {
	sids := make([]string, len(p.statements))
	for i, s := range p.statements {
		sids[i] = s.sid
	}
	return sids
}

// effect is a statement's Effect, spelled as policies spell it.
type effect string

const (
	effectAllow effect = "Allow"
	effectDeny  effect = "Deny"
)

// statement is one Statement element. Action patterns are lower-cased
// (action names are case-insensitive); resources are kept as written
// (resource ARNs are case-sensitive).
type statement struct {
	sid          string
	effect       effect
	principal    *principalSet // nil in identity policies
	notPrincipal *principalSet
	actions      []string
	notActions   []string
	resources    []string
	notResources []string
	conditions   []condition
}

// principalSet is a Principal or NotPrincipal element.
type principalSet struct {
	any       bool     // "*" or {"AWS": "*"}
	aws       []string // account ids and IAM ARNs
	services  []string // "s3.amazonaws.com"
	canonical []string // canonical user ids
	federated []string // accepted, never matched: s3fake has no federation
}
