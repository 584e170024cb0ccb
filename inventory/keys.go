package inventory

import (
	"strings"
	"time"
)

// The keys of a delivered report, in S3's layout (docs/inventory-report.md
// §1): every key of configuration cfg of source bucket source starts with
// ReportKeyPrefix; each run's manifest.json and manifest.checksum sit in a
// folder named after the run's minute, data files under data/, the Hive
// symlink under hive/dt=.../.

// ReportKeyPrefix is where a configuration's reports go in the
// destination bucket: <destination-prefix>/<source-bucket>/<config-id>,
// without a trailing slash.
func ReportKeyPrefix(cfg Configuration, source string) string {
	prefix := ""
	if cfg.Destination.Prefix != nil {
		prefix = *cfg.Destination.Prefix
	}
	return joinKey(prefix, source, cfg.ID)
}

// ManifestKey is the key of manifest.json of the run at at:
// <ReportKeyPrefix>/YYYY-MM-DDTHH-MMZ/manifest.json, the minute in UTC.
func ManifestKey(cfg Configuration, source string, at time.Time) string {
	return joinKey(runFolder(cfg, source, at), "manifest.json")
}

// ChecksumKey is the key of manifest.checksum, beside ManifestKey. It is
// written last: its presence means the report is complete.
func ChecksumKey(cfg Configuration, source string, at time.Time) string {
	return joinKey(runFolder(cfg, source, at), "manifest.checksum")
}

// SymlinkKey is the key of the run's Hive symlink.txt:
// <ReportKeyPrefix>/hive/dt=YYYY-MM-DD-HH-MM/symlink.txt.
func SymlinkKey(cfg Configuration, source string, at time.Time) string {
	return joinKey(ReportKeyPrefix(cfg, source), "hive", "dt="+at.UTC().Format("2006-01-02-15-04"), "symlink.txt")
}

// DataKey is the key of a data file named name (a UUID and the format's
// extension): <ReportKeyPrefix>/data/<name>.
func DataKey(cfg Configuration, source, name string) string {
	return joinKey(ReportKeyPrefix(cfg, source), "data", name)
}

// runFolder is <ReportKeyPrefix>/YYYY-MM-DDTHH-MMZ.
func runFolder(cfg Configuration, source string, at time.Time) string {
	return joinKey(ReportKeyPrefix(cfg, source), at.UTC().Format("2006-01-02T15-04Z"))
}

// joinKey joins key parts with single slashes, dropping empty parts and the
// parts' own leading and trailing slashes (S3 once wrote "prefix//src" for a
// prefix ending in "/"; the fake does not reproduce that bug).
func joinKey(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.Trim(p, "/"); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "/")
}
