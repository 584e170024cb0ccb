package access

import (
	"fmt"
	"sync"
	"testing"
)

func TestRegistryDefaults(t *testing.T) {
	r := NewRegistry()
	id, ok := r.LookupKey(DefaultAccessKeyID)
	if !ok || id.AccountID != DefaultAccountID || !id.IsRoot() || id.SecretAccessKey != DefaultSecretAccessKey {
		t.Fatalf("default identity %+v", id)
	}
	if id.ARN != "arn:aws:iam::000000000000:root" || len(id.CanonicalID) != 64 || id.CanonicalID != CanonicalID(DefaultAccountID) {
		t.Fatalf("default identity %+v", id)
	}
	if p := id.Principal(); p.Type != PrincipalRoot || p.AccountID != DefaultAccountID {
		t.Fatalf("principal %+v", p)
	}
	if _, ok := r.LookupKey("unknown"); ok {
		t.Fatal("unknown key found")
	}
}

func TestRegistryUsers(t *testing.T) {
	r := NewRegistry()
	if _, err := r.CreateAccount("111122223333", "k1", "s1"); err != nil {
		t.Fatal(err)
	}
	policy := []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	u, err := r.CreateUser("111122223333", "alice", "k2", "s2", policy)
	if err != nil {
		t.Fatal(err)
	}
	if u.IsRoot() || u.ARN != "arn:aws:iam::111122223333:user/alice" || u.CanonicalID != CanonicalID("111122223333") || u.Policy == nil {
		t.Fatalf("user %+v", u)
	}
	if p := u.Principal(); p.Type != PrincipalUser || p.Policy == nil {
		t.Fatalf("principal %+v", p)
	}
	if got, ok := r.LookupKey("k2"); !ok || got.UserName != "alice" {
		t.Fatalf("lookup %+v", got)
	}
	if err := r.PutUserPolicy("111122223333", "alice", nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := r.User("111122223333", "alice"); got.Policy != nil || got.PolicyJSON != nil {
		t.Fatalf("policy not removed: %+v", got)
	}
	if got := fmt.Sprint(r.Accounts()); got != "[000000000000 111122223333]" {
		t.Fatalf("accounts %s", got)
	}
	for name, err := range map[string]error{
		"bad account id":      second(r.CreateAccount("12", "k3", "s")),
		"duplicate account":   second(r.CreateAccount("111122223333", "k3", "s")),
		"duplicate key":       second(r.CreateAccount("444455556666", "k1", "s")),
		"empty key":           second(r.CreateAccount("444455556666", "", "s")),
		"user of no account":  second(r.CreateUser("999999999999", "bob", "k4", "s", nil)),
		"duplicate user":      second(r.CreateUser("111122223333", "alice", "k4", "s", nil)),
		"bad user name":       second(r.CreateUser("111122223333", "bob smith", "k4", "s", nil)),
		"policy of no user":   r.PutUserPolicy("111122223333", "bob", nil),
		"policy of no acct":   r.PutUserPolicy("999999999999", "alice", nil),
		"malformed policy":    second(r.CreateUser("111122223333", "bob", "k4", "s", []byte(`{"Statement":[]}`))),
		"principal in policy": r.PutUserPolicy("111122223333", "alice", []byte(stmt(okStmt))),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestRegistryConcurrent(t *testing.T) {
	r := NewRegistry()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acct := fmt.Sprintf("1000000000%02d", i)
			if _, err := r.CreateAccount(acct, "key-"+acct, "s"); err != nil {
				t.Error(err)
				return
			}
			if _, err := r.CreateUser(acct, "u", "user-"+acct, "s", nil); err != nil {
				t.Error(err)
			}
			_ = r.PutUserPolicy(acct, "u", nil)
			r.SetAnyCredentials(i%2 == 0)
			_, _ = r.LookupKey("key-" + acct)
			_ = r.PrincipalExists(UserARN(acct, "u"))
			_ = r.Accounts()
		}()
	}
	wg.Wait()
	if len(r.Accounts()) != 21 {
		t.Fatalf("%d accounts", len(r.Accounts()))
	}
}

func TestAnyCredentialsLookup(t *testing.T) {
	r := NewRegistry()
	r.SetAnyCredentials(true)
	if !r.AnyCredentials() {
		t.Fatal("mode not on")
	}
	id, ok := r.LookupKey("anything")
	if !ok || id.AccountID != DefaultAccountID || !id.IsRoot() {
		t.Fatalf("got %+v", id)
	}
	if _, ok := r.LookupKey(""); ok {
		t.Fatal("the empty key maps to nothing")
	}
}
