package access

import "strings"

// PrincipalType tells what kind of caller a Principal is.
type PrincipalType int

// The kinds of caller. The zero value is anonymous, so that a forgotten
// Principal has the least rights, never the most.
const (
	PrincipalAnonymous PrincipalType = iota // no credentials: policy principal "*"
	PrincipalRoot                           // an account's root user
	PrincipalUser                           // an IAM user
	PrincipalService                        // an AWS service, e.g. s3.amazonaws.com delivering inventory
)

// String names the type for logs.
func (t PrincipalType) String() string {
	switch t {
	case PrincipalRoot:
		return "root"
	case PrincipalUser:
		return "user"
	case PrincipalService:
		return "service"
	default:
		return "anonymous"
	}
}

// Principal is the caller Authorize judges.
type Principal struct {
	Type        PrincipalType
	AccountID   string  // root and user; "" otherwise
	ARN         string  // root and user; "*" for anonymous; "" for a service
	CanonicalID string  // root and user
	Service     string  // service principals: "s3.amazonaws.com"
	Policy      *Policy // a user's identity policy; ignored for other types
}

// Anonymous is the caller of an unsigned request: principal "*".
func Anonymous() Principal { return Principal{Type: PrincipalAnonymous, ARN: "*"} }

// ServicePrincipal is an AWS service acting on its own, such as
// "s3.amazonaws.com" writing inventory reports to a destination bucket.
func ServicePrincipal(service string) Principal {
	return Principal{Type: PrincipalService, Service: service}
}

// String describes the caller for logs.
func (p Principal) String() string {
	switch p.Type {
	case PrincipalService:
		return "service " + p.Service
	case PrincipalAnonymous:
		return "anonymous"
	default:
		return p.ARN
	}
}

// parseIAMARN splits arn:aws:iam::ACCOUNT:REST. It accepts only the aws
// partition because s3fake has no other.
func parseIAMARN(s string) (account, rest string, ok bool) {
	rest, ok = strings.CutPrefix(s, "arn:aws:iam::")
	if !ok {
		return "", "", false
	}
	account, rest, ok = strings.Cut(rest, ":")
	if !ok || !ValidAccountID(account) || rest == "" {
		return "", "", false
	}
	return account, rest, true
}
