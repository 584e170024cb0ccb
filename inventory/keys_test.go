package inventory_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
)

// Report keys follow S3's layout; a prefix's own slashes are not doubled.
func TestReportKeys(t *testing.T) {
	cfg := fixtures.Minimal("daily", "dst")
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	assert.Equal(t, "src/daily", inventory.ReportKeyPrefix(cfg, "src"))
	assert.Equal(t, "src/daily/2026-01-02T03-04Z/manifest.json", inventory.ManifestKey(cfg, "src", at))
	assert.Equal(t, "src/daily/2026-01-02T03-04Z/manifest.checksum", inventory.ChecksumKey(cfg, "src", at))
	assert.Equal(t, "src/daily/hive/dt=2026-01-02-03-04/symlink.txt", inventory.SymlinkKey(cfg, "src", at))
	assert.Equal(t, "src/daily/data/x.csv.gz", inventory.DataKey(cfg, "src", "x.csv.gz"))
	prefix := "reports/"
	cfg.Destination.Prefix = &prefix
	assert.Equal(t, "reports/src/daily/2026-01-02T03-04Z/manifest.json", inventory.ManifestKey(cfg, "src", at))
}
