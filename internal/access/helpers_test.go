package access

import (
	"errors"
	"testing"
	"time"
)

// asError returns err as *Error, failing the test when it is not one.
func asError(t testing.TB, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *access.Error", err, err)
	}
	return e
}

// wantError checks code, status and (when non-empty) message of err.
func wantError(t testing.TB, err error, code string, status int, msg string) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	e := asError(t, err)
	if e.Code != code || e.Status != status {
		t.Fatalf("got %s %d %q, want %s %d", e.Code, e.Status, e.Message, code, status)
	}
	if msg != "" && e.Message != msg {
		t.Fatalf("message:\n got %q\nwant %q", e.Message, msg)
	}
	return e
}

// fixedClock returns a clock stopped at t.
func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// The credentials of AWS's SigV4 documentation examples.
const (
	exampleAKID   = "AKIAIOSFODNN7EXAMPLE"
	exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// exampleRegistry holds the default account and the documentation key.
func exampleRegistry(t testing.TB) *Registry {
	t.Helper()
	r := NewRegistry()
	if _, err := r.CreateAccount("111122223333", exampleAKID, exampleSecret); err != nil {
		t.Fatal(err)
	}
	return r
}
