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
			// Fields are drawn in a fixed order, one statement each, so that
			// the seed gives the same versions whatever the struct layout.
			ov := inventory.ObjectVersion{Key: key}
			ov.VersionID = pick("", fmt.Sprintf("v%d.%d", i, v), "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")
			ov.IsLatest, ov.IsDeleteMarker = v == 0, v == 0 && rng.IntN(5) == 0
			ov.Size, ov.LastModified = int64(rng.IntN(1<<30)), at()
			ov.ETag = pick("d41d8cd98f00b204e9800998ecf8427f", fmt.Sprintf("%032x-%d", rng.Uint64(), 1+rng.IntN(9)))
			ov.StorageClass = pick("STANDARD", "GLACIER", "INTELLIGENT_TIERING", "STANDARD_IA")
			ov.IsMultipartUploaded = rng.IntN(2) == 0
			ov.ReplicationStatus = pick("", "", "COMPLETED", "PENDING", "FAILED", "REPLICA")
			ov.Encryption = pick("SSE-S3", "SSE-KMS", "NOT-SSE")
			ov.LockRetainUntil = maybe(at())
			ov.LockMode = pick("", "GOVERNANCE", "COMPLIANCE")
			ov.LegalHold = pick("", "ON", "OFF")
			ov.ObjectLockEventHoldStatus = pick("", "ON")
			ov.ObjectLockEventHoldDuration = pick("", "P30D")
			ov.AccessTier = pick("", "FREQUENT", "ARCHIVE_ACCESS")
			ov.IntelligentTieringReferenceDate = maybe(at())
			ov.BucketKeyEnabled = pick("ENABLED", "DISABLED") == "ENABLED"
			ov.ChecksumAlgorithm = pick("", "CRC32", "CRC64NVME", "SHA256")
			ov.ObjectACL = pick("", "eyJ2ZXJzaW9uIjoiMjAyMi0xMS0xMCJ9")
			ov.OwnerID = pick("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "")
			ov.LifecycleExpiration = maybe(at())
			if v == 0 && rng.IntN(10) == 0 {
				ov.LastModified = time.Time{} // no time at all: a null
			}
			out = append(out, ov)
		}
	}
	return out
}
