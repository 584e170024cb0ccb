package s3fake_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a test leaves goroutines behind: a server
// that does not close, a run that keeps going.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
