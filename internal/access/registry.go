package access

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Registry holds accounts, their IAM users and every access key. It is
// safe for concurrent use. The zero value is not usable; call NewRegistry.
type Registry struct {
	mu       sync.RWMutex
	accounts map[string]*account // by account id
	keys     map[string]*Identity
	anyCreds bool
}

type account struct {
	root  *Identity
	users map[string]*Identity // by user name
}

// NewRegistry returns a registry holding the default account
// (DefaultAccountID) whose root signs with DefaultAccessKeyID /
// DefaultSecretAccessKey.
func NewRegistry() *Registry {
	r := &Registry{accounts: map[string]*account{}, keys: map[string]*Identity{}}
	if _, err := r.CreateAccount(DefaultAccountID, DefaultAccessKeyID, DefaultSecretAccessKey); err != nil {
		panic(err) // cannot happen: the registry is empty
	}
	return r
}

// CreateAccount registers account id with root credentials accessKeyID /
// secret and returns its root identity. It fails if id is not 12 digits,
// the account exists, the key is empty or the key is already in use.
func (r *Registry) CreateAccount(id, accessKeyID, secret string) (Identity, error) {
	if !ValidAccountID(id) {
		return Identity{}, fmt.Errorf("access: account id %q is not 12 digits", id)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.accounts[id]; ok {
		return Identity{}, fmt.Errorf("access: account %s already exists", id)
	}
	if err := r.checkKeyLocked(accessKeyID); err != nil {
		return Identity{}, err
	}
	root := &Identity{
		AccountID:       id,
		ARN:             RootARN(id),
		CanonicalID:     CanonicalID(id),
		AccessKeyID:     accessKeyID,
		SecretAccessKey: secret,
	}
	r.accounts[id] = &account{root: root, users: map[string]*Identity{}}
	r.keys[accessKeyID] = root
	return *root, nil
}

// CreateUser registers IAM user name in accountID with the given key and
// identity policy (nil or empty: no policy, so the user may do nothing
// unless a bucket policy grants it). The policy is parsed with
// ParseIdentityPolicy; its *Error is returned unchanged.
func (r *Registry) CreateUser(accountID, name, accessKeyID, secret string, policyJSON []byte) (Identity, error) {
	if !userNamePattern.MatchString(name) {
		return Identity{}, fmt.Errorf("access: user name %q breaks IAM's naming rules", name)
	}
	pol, err := parseOptionalIdentityPolicy(policyJSON)
	if err != nil {
		return Identity{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	acct, ok := r.accounts[accountID]
	if !ok {
		return Identity{}, fmt.Errorf("access: account %s does not exist", accountID)
	}
	if _, ok := acct.users[name]; ok {
		return Identity{}, fmt.Errorf("access: user %s already exists in account %s", name, accountID)
	}
	if err := r.checkKeyLocked(accessKeyID); err != nil {
		return Identity{}, err
	}
	u := &Identity{
		AccountID:       accountID,
		UserName:        name,
		ARN:             UserARN(accountID, name),
		CanonicalID:     acct.root.CanonicalID,
		AccessKeyID:     accessKeyID,
		SecretAccessKey: secret,
		Policy:          pol,
		PolicyJSON:      cloneBytes(policyJSON),
	}
	acct.users[name] = u
	r.keys[accessKeyID] = u
	return *u, nil
}

// PutUserPolicy replaces the identity policy of user name in accountID;
// nil or empty removes it.
func (r *Registry) PutUserPolicy(accountID, name string, policyJSON []byte) error {
	pol, err := parseOptionalIdentityPolicy(policyJSON)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	acct, ok := r.accounts[accountID]
	if !ok {
		return fmt.Errorf("access: account %s does not exist", accountID)
	}
	u, ok := acct.users[name]
	if !ok {
		return fmt.Errorf("access: user %s does not exist in account %s", name, accountID)
	}
	u.Policy, u.PolicyJSON = pol, cloneBytes(policyJSON)
	return nil
}

func parseOptionalIdentityPolicy(doc []byte) (*Policy, error) {
	if len(strings.TrimSpace(string(doc))) == 0 {
		return nil, nil
	}
	return ParseIdentityPolicy(doc)
}

func (r *Registry) checkKeyLocked(accessKeyID string) error {
	if accessKeyID == "" {
		return fmt.Errorf("access: empty access key id")
	}
	if _, ok := r.keys[accessKeyID]; ok {
		return fmt.Errorf("access: access key id %q is already in use", accessKeyID)
	}
	return nil
}

// LookupKey returns the identity that signs with accessKeyID. In
// any-credentials mode every non-empty key is the default account's root.
func (r *Registry) LookupKey(accessKeyID string) (Identity, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.anyCreds && accessKeyID != "" {
		return *r.accounts[DefaultAccountID].root, true
	}
	id, ok := r.keys[accessKeyID]
	if !ok {
		return Identity{}, false
	}
	return *id, true
}

// Account returns the root identity of account id.
func (r *Registry) Account(id string) (Identity, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	acct, ok := r.accounts[id]
	if !ok {
		return Identity{}, false
	}
	return *acct.root, true
}

// User returns IAM user name of account id.
func (r *Registry) User(accountID, name string) (Identity, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	acct, ok := r.accounts[accountID]
	if !ok {
		return Identity{}, false
	}
	u, ok := acct.users[name]
	if !ok {
		return Identity{}, false
	}
	return *u, true
}

// Accounts returns every account id, sorted.
func (r *Registry) Accounts() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	ids := make([]string, 0, len(r.accounts))
	for id := range r.accounts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// SetAnyCredentials turns any-credentials mode on or off. When on, every
// access key maps to the default account's root and signatures are not
// checked: a convenience for quick local use, off by default because it
// hides exactly the mistakes a fake should catch.
func (r *Registry) SetAnyCredentials(on bool) {
	r.mu.Lock()
	r.anyCreds = on
	r.mu.Unlock()
}

// AnyCredentials reports whether any-credentials mode is on.
func (r *Registry) AnyCredentials() bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.anyCreds
}

// PrincipalExists implements PrincipalChecker: a 12-digit account id or a
// root ARN exists when the account is registered, a user ARN when the user
// is. Anything else (roles, other partitions) does not exist here.
func (r *Registry) PrincipalExists(principal string) bool {
	if ValidAccountID(principal) {
		_, ok := r.Account(principal)
		return ok
	}
	acct, rest, ok := parseIAMARN(principal)
	if !ok {
		return false
	}
	if rest == "root" {
		_, ok := r.Account(acct)
		return ok
	}
	if name, ok := strings.CutPrefix(rest, "user/"); ok {
		// A user ARN may carry a path (user/division/name); the name is last.
		name = name[strings.LastIndexByte(name, '/')+1:]
		_, ok := r.User(acct, name)
		return ok
	}
	return false
}

func cloneBytes(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}
