package report

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/s3fake/s3fake/inventory"
)

// RichVersions is richVersions for the external tests.
var RichVersions = richVersions

// richVersions is a bucket of n versions exercising every column: several
// versions per key, delete markers, null versions, keys that CSV must
// encode, every optional fact set on some rows and empty on others, times
// before and after the ORC epoch (2015).
func richVersions(n int) []inventory.ObjectVersion {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(vs ...string) string { return vs[rng.IntN(len(vs))] }
	at := func() time.Time {
		return time.Date(2009+rng.IntN(20), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60), 0, time.UTC)
	}
	maybe := func(t time.Time) time.Time {
		if rng.IntN(3) == 0 {
			return time.Time{}
		}
		return t
	}
	var out []inventory.ObjectVersion
	for i := 0; len(out) < n; i++ {
		key := fmt.Sprintf("%s/%05d %s", pick("data", "logs/2026", "é ü", "a+b", "100%", `q"uote`, "comma,key"), i, pick("", ".txt", "\tx"))
		versions := 1 + rng.IntN(3)
		for v := 0; v < versions && len(out) < n; v++ {
			ov := inventory.ObjectVersion{
				Key: key, VersionID: pick("", fmt.Sprintf("v%d.%d", i, v), "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"),
				IsLatest: v == 0, IsDeleteMarker: v == 0 && rng.IntN(5) == 0,
				Size: int64(rng.IntN(1 << 30)), LastModified: at(),
				ETag:                            pick("d41d8cd98f00b204e9800998ecf8427f", fmt.Sprintf("%032x-%d", rng.Uint64(), 1+rng.IntN(9))),
				StorageClass:                    pick("STANDARD", "GLACIER", "INTELLIGENT_TIERING", "STANDARD_IA"),
				IsMultipartUploaded:             rng.IntN(2) == 0,
				ReplicationStatus:               pick("", "", "COMPLETED", "PENDING", "FAILED", "REPLICA"),
				EncryptionStatus:                pick("SSE-S3", "SSE-KMS", "NOT-SSE"),
				ObjectLockRetainUntil:           maybe(at()),
				ObjectLockMode:                  pick("", "GOVERNANCE", "COMPLIANCE"),
				ObjectLockLegalHold:             pick("", "ON", "OFF"),
				ObjectLockEventHoldStatus:       pick("", "ON"),
				ObjectLockEventHoldDuration:     pick("", "P30D"),
				IntelligentTieringAccessTier:    pick("", "FREQUENT", "ARCHIVE_ACCESS"),
				IntelligentTieringReferenceDate: maybe(at()),
				BucketKeyStatus:                 pick("ENABLED", "DISABLED"),
				ChecksumAlgorithm:               pick("", "CRC32", "CRC64NVME", "SHA256"),
				ObjectACL:                       pick("", "eyJ2ZXJzaW9uIjoiMjAyMi0xMS0xMCJ9"),
				OwnerCanonicalID:                pick("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", ""),
				LifecycleExpiration:             maybe(at()),
			}
			if v == 0 && rng.IntN(10) == 0 {
				ov.LastModified = time.Time{} // no time at all: a null
			}
			out = append(out, ov)
		}
	}
	return out
}
