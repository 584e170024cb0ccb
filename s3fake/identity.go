package s3fake

// Accounts, users and credentials. Every server starts with the default
// account (DefaultAccountID, key DefaultAccessKeyID / DefaultSecretAccessKey);
// more come from WithAccount, CreateAccount and CreateUser.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3fake/s3fake/internal/access"
)

// Account is a set of credentials: an account's root (UserName "") or one
// of its IAM users.
type Account struct {
	// ID is the 12-digit account id.
	ID string
	// UserName is the IAM user's name; "" for the account root.
	UserName string
	// AccessKeyID and SecretAccessKey sign requests.
	AccessKeyID, SecretAccessKey string
}

// ARN is the principal's ARN: arn:aws:iam::ID:root or ...:user/NAME.
func (a Account) ARN() string {
	if a.UserName == "" {
		return access.RootARN(a.ID)
	}
	return access.UserARN(a.ID, a.UserName)
}

// CanonicalID is the account's canonical user id (64 hex digits), the
// owner id S3 shows in listings and inventory reports.
func (a Account) CanonicalID() string { return access.CanonicalID(a.ID) }

// DefaultAccount is the root of DefaultAccountID with key test/test.
func (s *Server) DefaultAccount() Account {
	return Account{ID: DefaultAccountID, AccessKeyID: DefaultAccessKeyID, SecretAccessKey: DefaultSecretAccessKey}
}

// accountKeys derives reproducible credentials for generated identities.
func accountKeys(seed string) (keyID, secret string) {
	sum := sha256.Sum256([]byte(seed))
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	return "AKIA" + h[:16], "s3fake/" + hex.EncodeToString(sum[8:28])
}

// CreateAccount adds account id (12 digits) with a root access key derived
// from the id, and returns its credentials. It fails the test (panics
// under New) if id is invalid or exists.
func (s *Server) CreateAccount(id string) Account {
	if s.tb != nil {
		s.tb.Helper()
	}
	key, secret := accountKeys("root:" + id)
	err := s.journalAccount(stateChange{Kind: chAccount, Account: id}, func() error { // persist_state.go
		_, err := s.registry.CreateAccount(id, key, secret)
		return err
	})
	if err != nil {
		s.fail("CreateAccount(%q): %v", id, err)
	}
	return Account{ID: id, AccessKeyID: key, SecretAccessKey: secret}
}

// CreateUser adds IAM user name to account accountID with identity policy
// policyJSON ("" for none: the user may then do nothing in its own account
// that a bucket policy does not grant), and returns its credentials. It
// fails the test (panics under New) on an unknown account, a duplicate
// user or a malformed policy.
func (s *Server) CreateUser(accountID, name, policyJSON string) Account {
	if s.tb != nil {
		s.tb.Helper()
	}
	key, secret := accountKeys("user:" + accountID + ":" + name)
	var doc []byte
	if policyJSON != "" {
		doc = []byte(policyJSON)
	}
	err := s.journalAccount(stateChange{Kind: chUser, Account: accountID, User: name, Policy: policyJSON}, func() error {
		_, err := s.registry.CreateUser(accountID, name, key, secret, doc)
		return err
	})
	if err != nil {
		s.fail("CreateUser(%q, %q): %v", accountID, name, err)
	}
	return Account{ID: accountID, UserName: name, AccessKeyID: key, SecretAccessKey: secret}
}

// ClientFor returns a client like Client that signs as a.
func (s *Server) ClientFor(a Account, optFns ...func(*s3.Options)) *s3.Client {
	return s.Client(append([]func(*s3.Options){func(o *s3.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider(a.AccessKeyID, a.SecretAccessKey, "")
	}}, optFns...)...)
}

// SignRequest signs req as a (the default account when a is omitted) with
// the AWS SDK's SigV4 signer and the wall clock, for tests that must send
// raw HTTP an SDK cannot produce. body must be the request's body (nil for
// none); req.Body is reset to it.
func (s *Server) SignRequest(req *http.Request, body []byte, a ...Account) error {
	sum := sha256.Sum256(body)
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	return s.SignRequestHash(req, hex.EncodeToString(sum[:]), a...)
}

// SignRequestHash signs req like SignRequest, with payloadHash as
// x-amz-content-sha256 (a hex SHA-256, UNSIGNED-PAYLOAD, or a STREAMING-*
// value) and without touching its body: for bodies too large to hold.
func (s *Server) SignRequestHash(req *http.Request, payloadHash string, a ...Account) error {
	acct := s.DefaultAccount()
	if len(a) > 0 {
		acct = a[0]
	}
	req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	creds := aws.Credentials{AccessKeyID: acct.AccessKeyID, SecretAccessKey: acct.SecretAccessKey}
	// S3 signs the path as sent, not escaped again (as the SDK's S3 client does).
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	if err := signer.SignHTTP(context.Background(), creds, req, payloadHash, "s3", s.cfg.region, time.Now()); err != nil {
		return fmt.Errorf("s3fake: sign: %w", err)
	}
	return nil
}
