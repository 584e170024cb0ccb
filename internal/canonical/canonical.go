// Package canonical derives an account's canonical user id: the 64 hex
// digits S3 shows as Owner ID in listings, ACLs and inventory reports. It
// is shared by internal/access (policies name CanonicalUser principals) and
// internal/objstore (owners of buckets and versions), which must not
// depend on each other.
package canonical

import (
	"crypto/sha256"
	"encoding/hex"
)

// ID returns the canonical user id of account: a reproducible 64-digit hex
// string derived from the account id, as S3's are opaque and stable.
func ID(account string) string {
	sum := sha256.Sum256([]byte("s3fake canonical user " + account))
	return hex.EncodeToString(sum[:])
}
