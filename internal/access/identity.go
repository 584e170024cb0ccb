package access

import (
	"regexp"

	"github.com/s3fake/s3fake/internal/canonical"
)

// Defaults shared with s3fake's options: LocalStack's account and key, so
// that existing setups work unchanged.
const (
	DefaultAccountID       = "000000000000"
	DefaultAccessKeyID     = "test"
	DefaultSecretAccessKey = "test"
)

// Identity is a caller with credentials: an account's root or one of its
// IAM users. Values are copies; changing one changes nothing registered.
type Identity struct {
	AccountID       string // 12 digits
	UserName        string // "" for the account root
	ARN             string // arn:aws:iam::ACCOUNT:root or arn:aws:iam::ACCOUNT:user/NAME
	CanonicalID     string // 64 hex digits, the account's (see CanonicalID)
	AccessKeyID     string
	SecretAccessKey string
	Policy          *Policy // the user's identity policy; nil for roots and users without one
	PolicyJSON      []byte  // the document Policy was parsed from, as given
}

// IsRoot reports whether the identity is its account's root user.
func (id Identity) IsRoot() bool { return id.UserName == "" }

// Principal returns the identity as an Authorize caller.
func (id Identity) Principal() Principal {
	p := Principal{
		Type:        PrincipalUser,
		AccountID:   id.AccountID,
		ARN:         id.ARN,
		CanonicalID: id.CanonicalID,
		Policy:      id.Policy,
	}
	if id.IsRoot() {
		p.Type = PrincipalRoot
		p.Policy = nil // identity policies never apply to the root user
	}
	return p
}

// RootARN is the ARN of account's root user.
func RootARN(account string) string { return "arn:aws:iam::" + account + ":root" }

// UserARN is the ARN of IAM user name in account (path "/").
func UserARN(account, name string) string { return "arn:aws:iam::" + account + ":user/" + name }

// CanonicalID derives account's canonical user id: 64 hex digits, stable
// across runs so that owners in listings and inventory reports are
// reproducible. It is per account, not per user, because that is what S3
// does: objects an IAM user writes are owned by the account's canonical id.
func CanonicalID(account string) string { return canonical.ID(account) }

var (
	accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)
	// userNamePattern is IAM's rule for user names.
	userNamePattern = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)
	// canonicalIDPattern is what a CanonicalUser principal must look like.
	canonicalIDPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// ValidAccountID reports whether s is a 12-digit AWS account id.
func ValidAccountID(s string) bool { return accountIDPattern.MatchString(s) }
