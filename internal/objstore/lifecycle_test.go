package objstore

// Lifecycle expiration dates (lifecycle.go), as a snapshot reports them
// for the inventory's LifecycleExpirationDate.

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// expireRule is an enabled rule expiring current versions under prefix
// after days.
func expireRule(id, prefix string, days int32) bucketcfg.LifecycleRule {
	return bucketcfg.LifecycleRule{ID: id, Status: bucketcfg.StatusEnabled,
		Filter: &bucketcfg.LifecycleFilter{Prefix: ptr(prefix)}, Expiration: &bucketcfg.Expiration{Days: ptr(days)}}
}

func putLifecycle(t *testing.T, s *Store, bucket string, rules ...bucketcfg.LifecycleRule) {
	t.Helper()
	require.NoError(t, s.PutBucketLifecycle(bucket, bucketcfg.Lifecycle{Rules: rules}))
}

// expirations are the LifecycleExpiration of every version of bucket
// under prefix, by "key@versionID" (versionID "" in an unversioned bucket).
func expirations(t *testing.T, s *Store, bucket, prefix string) map[string]time.Time {
	t.Helper()
	snap, err := s.Snapshot(bucket, prefix)
	require.NoError(t, err)
	out := map[string]time.Time{}
	for vi := range snap.All() {
		out[vi.Key+"@"+vi.VersionID] = vi.LifecycleExpiration
	}
	return out
}

func expiration(t *testing.T, s *Store, bucket, key string) time.Time {
	t.Helper()
	got, ok := expirations(t, s, bucket, key)[key+"@"]
	require.True(t, ok, "no null version of %q", key)
	return got
}

// Days count from the creation time and round up to the next midnight
// UTC: AWS's example is an object created 1/15 10:30 UTC with 3 days,
// expiring 1/19 00:00 UTC.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html
func TestLifecycleDaysRoundUpToMidnight(t *testing.T) {
	s, clk := newTestStore(t) // 2024-05-06 07:08:09 UTC
	mkBucket(t, s, "b")
	putLifecycle(t, s, "b", expireRule("one", "one/", 1), expireRule("thirty", "thirty/", 30))
	mustPut(t, s, "b", "one/a", "x", nil)
	mustPut(t, s, "b", "thirty/a", "x", nil)
	assert.Equal(t, day(2024, 5, 8), expiration(t, s, "b", "one/a"))
	assert.Equal(t, day(2024, 6, 6), expiration(t, s, "b", "thirty/a"))

	// One second before midnight still rounds up to that midnight.
	clk.Advance(day(2024, 5, 6).Add(24*time.Hour - time.Second).Sub(clk.Now()))
	mustPut(t, s, "b", "one/late", "x", nil)
	assert.Equal(t, day(2024, 5, 8), expiration(t, s, "b", "one/late"))
	// Created exactly at midnight: the sum is already a midnight, which
	// s3fake keeps (S3 documents no example of this edge).
	clk.Advance(time.Second)
	mustPut(t, s, "b", "one/midnight", "x", nil)
	assert.Equal(t, day(2024, 5, 8), expiration(t, s, "b", "one/midnight"))

	// The date moves with the version: an overwrite counts from its own
	// creation.
	clk.Advance(36 * time.Hour)
	mustPut(t, s, "b", "one/a", "again", nil)
	assert.Equal(t, day(2024, 5, 10), expiration(t, s, "b", "one/a"))
}

func TestLifecycleDateRule(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	at := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	putLifecycle(t, s, "b", bucketcfg.LifecycleRule{ID: "d", Status: bucketcfg.StatusEnabled,
		Filter: &bucketcfg.LifecycleFilter{}, Expiration: &bucketcfg.Expiration{Date: &at}})
	mustPut(t, s, "b", "k", "x", nil)
	assert.Equal(t, at, expiration(t, s, "b", "k"), "an empty filter selects every object")
}

// Rules apply only when enabled and when their filter matches; of several,
// the shortest expiration wins: "if two expiration policies overlap, the
// shorter expiration policy is honored".
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-conflicts.html
func TestLifecycleRuleStatusAndOverlap(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	disabled := expireRule("disabled", "", 1)
	disabled.Status = bucketcfg.StatusDisabled
	putLifecycle(t, s, "b", disabled, expireRule("all-long", "", 10), expireRule("logs-short", "logs/", 2))
	mustPut(t, s, "b", "logs/a", "x", nil)
	mustPut(t, s, "b", "data/a", "x", nil)
	assert.Equal(t, day(2024, 5, 9), expiration(t, s, "b", "logs/a"), "the shorter of 10 and 2 days")
	assert.Equal(t, day(2024, 5, 17), expiration(t, s, "b", "data/a"), "the disabled 1-day rule takes no part")

	// Rules without a version expiration give no date.
	putLifecycle(t, s, "b", bucketcfg.LifecycleRule{ID: "other", Status: bucketcfg.StatusEnabled, Filter: &bucketcfg.LifecycleFilter{},
		Expiration:                         &bucketcfg.Expiration{ExpiredObjectDeleteMarker: ptr(true)},
		Transitions:                        []bucketcfg.Transition{{Days: ptr(int32(1)), StorageClass: StorageGlacier}},
		NoncurrentVersionExpiration:        &bucketcfg.NoncurrentExpiration{NoncurrentDays: ptr(int32(1))},
		AbortIncompleteMultipartUploadDays: ptr(int32(1))}, disabled)
	assert.True(t, expiration(t, s, "b", "logs/a").IsZero())

	require.NoError(t, s.DeleteBucketLifecycle("b"))
	assert.True(t, expiration(t, s, "b", "data/a").IsZero(), "no configuration, no date")
}

func TestLifecycleFilters(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	legacy := expireRule("legacy", "", 1)
	legacy.Filter, legacy.Prefix = nil, ptr("legacy/")
	tag := expireRule("tag", "", 2)
	tag.Filter = &bucketcfg.LifecycleFilter{Tag: &bucketcfg.Tag{Key: "temp", Value: "yes"}}
	size := expireRule("size", "", 3)
	size.Filter = &bucketcfg.LifecycleFilter{ObjectSizeGreaterThan: ptr(int64(2)), ObjectSizeLessThan: ptr(int64(5))}
	and := expireRule("and", "", 4)
	and.Filter = &bucketcfg.LifecycleFilter{And: &bucketcfg.LifecycleAnd{Prefix: ptr("and/"),
		Tags: []bucketcfg.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}, ObjectSizeGreaterThan: ptr(int64(0))}}
	putLifecycle(t, s, "b", legacy, tag, size, and)

	for key, c := range map[string]struct {
		body, tags string
		want       time.Time
	}{
		"legacy/a":   {"x", "", day(2024, 5, 8)},
		"legacyx":    {"x", "", time.Time{}},
		"t/yes":      {"x", "temp=yes", day(2024, 5, 9)},
		"t/no":       {"x", "temp=no", time.Time{}},
		"size/3":     {"abc", "", day(2024, 5, 10)},
		"size/2":     {"ab", "", time.Time{}},    // not greater than 2
		"size/5":     {"abcde", "", time.Time{}}, // not less than 5
		"and/all":    {"x", "a=1&b=2", day(2024, 5, 11)},
		"and/one":    {"x", "a=1", time.Time{}},
		"and/empty":  {"", "a=1&b=2", time.Time{}}, // size 0 is not greater than 0
		"elsewhere":  {"x", "a=1&b=2", time.Time{}},
		"t/and/both": {"abcd", "temp=yes", day(2024, 5, 9)}, // tag (2 days) and size (3): the shorter
	} {
		var h map[string]string
		if c.tags != "" {
			h = map[string]string{"x-amz-tagging": c.tags}
		}
		mustPut(t, s, "b", key, c.body, h)
		assert.Equal(t, c.want, expiration(t, s, "b", key), key)
	}
}

// Expiration acts on current versions: noncurrent versions and delete
// markers carry no date.
func TestLifecycleCurrentVersionsOnly(t *testing.T) {
	s, clk := newTestStore(t)
	mkVersioned(t, s, "b")
	putLifecycle(t, s, "b", expireRule("r", "", 1))
	old := putVersion(t, s, "b", "k", "one")
	clk.Advance(24 * time.Hour)
	cur := putVersion(t, s, "b", "k", "two")
	gone := putVersion(t, s, "b", "d", "x")
	dm, err := s.RemoveObject("b", "d", "")
	require.NoError(t, err)

	got := expirations(t, s, "b", "")
	assert.Equal(t, map[string]time.Time{
		"k@" + cur:          day(2024, 5, 9),
		"k@" + old:          {},
		"d@" + dm.VersionID: {},
		"d@" + gone:         {},
	}, got)
}
