package objstore

import (
	"strings"
	"testing"
)

// lowerName's table of constants must agree with strings.ToLower for
// every name it lists, and fall back to it for any other.
func TestLowerNameIsToLower(t *testing.T) {
	for _, k := range []string{
		"Authorization", "Content-Length", "Content-Type", "Content-Md5",
		"Content-Encoding", "User-Agent", "Accept-Encoding", "Expect",
		"X-Amz-Date", "X-Amz-Content-Sha256", "X-Amz-Decoded-Content-Length",
		"X-Amz-Sdk-Checksum-Algorithm", "X-Amz-Checksum-Crc32",
		"X-Amz-Checksum-Crc64nvme", "X-Amz-Trailer", "Amz-Sdk-Invocation-Id",
		"Amz-Sdk-Request", "X-Amz-Security-Token",
		"X-Amz-Meta-Color", "x-amz-meta-Mixed", "X-AMZ-STORAGE-CLASS", "",
	} {
		if got, want := lowerName(k), strings.ToLower(k); got != want {
			t.Errorf("lowerName(%q) = %q, want %q", k, got, want)
		}
	}
}
