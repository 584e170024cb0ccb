package objstore

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/access"
)

func TestSeedObjectFacts(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "111122223333", VersioningEnabled))
	at := time.Date(2025, 10, 28, 14, 3, 55, 987654321, time.FixedZone("X", 3600))
	until := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	facts := Facts{
		StorageClass:      StorageIntelligentTiering,
		AccessTier:        "ARCHIVE_INSTANT_ACCESS",
		Encryption:        EncryptionSSEKMS,
		KMSKeyID:          "arn:aws:kms:us-east-1:111122223333:key/k",
		BucketKeyEnabled:  true,
		LockMode:          LockCompliance,
		LockRetainUntil:   until,
		LegalHold:         LegalHoldOff,
		ReplicationStatus: "REPLICA",
		ChecksumAlgorithm: ChecksumSHA256,
	}
	id, err := s.SeedObject("b", "k", Body{Data: []byte("data"), Metadata: map[string]string{"x-amz-meta-a": "1"}}, facts, at)
	require.NoError(t, err)
	require.Len(t, id, 32)

	v := latest(t, s, "b", "k")
	assert.Equal(t, id, v.VersionID)
	assert.True(t, v.LastModified.Equal(at.Truncate(time.Second)), "times are kept to the second")
	assert.Equal(t, time.UTC, v.LastModified.Location())
	want := facts
	want.OwnerAccount = "111122223333"
	want.OwnerID = access.CanonicalID("111122223333")
	want.ChecksumType = ChecksumFullObject
	want.Checksum = fullChecksum(ChecksumSHA256, []byte("data"), 0)
	assert.Equal(t, want, v.Facts)
	assert.Equal(t, int64(4), v.Size)
	assert.Equal(t, latestETag("data"), v.ETag)

	obj, err := s.ReadObject("b", "k", "")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"X-Amz-Meta-A": "1"}, obj.Header, "metadata names are canonicalised")
	assert.Equal(t, want, obj.Facts)
}

func TestSeedObjectDefaultsAndSizeOnly(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", Unversioned))
	id, err := s.SeedObject("b", "empty", Body{}, Facts{}, time.Time{})
	require.NoError(t, err)
	assert.Empty(t, id)
	v := latest(t, s, "b", "empty")
	assert.Equal(t, "d41d8cd98f00b204e9800998ecf8427e", v.ETag)
	assert.True(t, v.LastModified.Equal(clk.Now()), "zero time means the store's clock")
	assert.Equal(t, Facts{OwnerAccount: "acct", OwnerID: access.CanonicalID("acct"),
		StorageClass: StorageStandard, Encryption: EncryptionSSES3}, v.Facts,
		"seeding without facts gets S3's defaults and no checksum")

	_, err = s.SeedObject("b", "sized", Body{Size: 1 << 20}, Facts{}, time.Time{})
	require.NoError(t, err)
	sum := md5.Sum(make([]byte, 1<<20))
	assert.Equal(t, hex.EncodeToString(sum[:]), latest(t, s, "b", "sized").ETag)

	_, err = s.SeedObject("b", "huge", Body{Size: 5 << 40, ETag: `"0123456789abcdef0123456789abcdef-640"`}, Facts{}, time.Time{})
	require.NoError(t, err)
	v = latest(t, s, "b", "huge")
	assert.Equal(t, "0123456789abcdef0123456789abcdef-640", v.ETag, "an ETag saves hashing 5 TiB")
	assert.Equal(t, 640, v.PartCount)
	assert.Equal(t, int64(5<<40), v.Size)
}

func TestSeedMultipartETag(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	_, err := s.SeedObject("b", "mp", Body{Data: []byte("aaaabbbbc")}, Facts{PartCount: 3, ChecksumAlgorithm: ChecksumCRC32}, time.Time{})
	require.NoError(t, err)
	v := latest(t, s, "b", "mp")
	assert.Equal(t, multipartETag([]byte("aaa"), []byte("abb"), []byte("bbc")), v.ETag)
	assert.Equal(t, ChecksumComposite, v.ChecksumType)
	assert.True(t, strings.HasSuffix(v.Checksum, "-3"))
	assert.True(t, v.IsMultipart())
}

func TestSeedObjectRejectsBadInput(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	future := time.Now().Add(time.Hour)
	cases := map[string]struct {
		key   string
		body  Body
		facts Facts
	}{
		"empty key":              {"", Body{}, Facts{}},
		"long key":               {strings.Repeat("k", 1025), Body{}, Facts{}},
		"size and data differ":   {"k", Body{Data: []byte("ab"), Size: 3}, Facts{}},
		"negative size":          {"k", Body{Size: -1}, Facts{}},
		"bad etag":               {"k", Body{ETag: "xyz"}, Facts{}},
		"etag parts mismatch":    {"k", Body{ETag: strings.Repeat("0", 32) + "-2"}, Facts{PartCount: 3}},
		"etag lacks parts":       {"k", Body{ETag: strings.Repeat("0", 32)}, Facts{PartCount: 3}},
		"storage class":          {"k", Body{}, Facts{StorageClass: "COLD"}},
		"checksum algorithm":     {"k", Body{}, Facts{ChecksumAlgorithm: "MD5"}},
		"checksum without alg":   {"k", Body{}, Facts{Checksum: "AAAAAA=="}},
		"composite single part":  {"k", Body{}, Facts{ChecksumAlgorithm: ChecksumCRC32, ChecksumType: ChecksumComposite}},
		"full object SHA parts":  {"k", Body{}, Facts{ChecksumAlgorithm: ChecksumSHA1, ChecksumType: ChecksumFullObject, PartCount: 2}},
		"encryption":             {"k", Body{}, Facts{Encryption: "ROT13"}},
		"kms key without kms":    {"k", Body{}, Facts{KMSKeyID: "k"}},
		"bucket key without kms": {"k", Body{}, Facts{BucketKeyEnabled: true}},
		"lock mode alone":        {"k", Body{}, Facts{LockMode: LockGovernance}},
		"lock date alone":        {"k", Body{}, Facts{LockRetainUntil: future}},
		"legal hold":             {"k", Body{}, Facts{LegalHold: "on"}},
		"replication":            {"k", Body{}, Facts{ReplicationStatus: "DONE"}},
		"tier outside IT":        {"k", Body{}, Facts{AccessTier: TierFrequent}},
		"part count":             {"k", Body{}, Facts{PartCount: 10001}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := s.SeedObject("b", tc.key, tc.body, tc.facts, time.Time{})
			assert.Error(t, err)
		})
	}
	_, err := s.SeedObject("nob", "k", Body{}, Facts{}, time.Time{})
	requireCode(t, err, "NoSuchBucket")
	assert.Empty(t, keysIn(t, s, "b"))
}

func TestSeedDeleteAndDeleteVersion(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningSuspended))
	id, err := s.SeedObject("b", "k", Body{Data: []byte("x")}, Facts{}, time.Time{})
	require.NoError(t, err)
	assert.Equal(t, "null", id)
	at := clk.Now().Add(time.Hour)
	id, err = s.SeedDelete("b", "k", at)
	require.NoError(t, err)
	assert.Equal(t, "null", id)
	v := latest(t, s, "b", "k")
	assert.True(t, v.IsDeleteMarker)
	assert.True(t, v.LastModified.Equal(at))

	require.NoError(t, s.DeleteVersion("b", "k", "null"))
	assert.Empty(t, keysIn(t, s, "b"))
	requireCode(t, s.DeleteVersion("b", "k", "null"), "NoSuchVersion")
	requireCode(t, s.DeleteVersion("b", "k", "junk"), "InvalidArgument")
	requireCode(t, s.DeleteVersion("nob", "k", "null"), "NoSuchBucket")
	_, err = s.SeedDelete("nob", "k", time.Time{})
	requireCode(t, err, "NoSuchBucket")

	require.NoError(t, s.SeedBucket("u", "acct", Unversioned))
	_, err = s.SeedObject("u", "k", Body{}, Facts{}, time.Time{})
	require.NoError(t, err)
	id, err = s.SeedDelete("u", "k", time.Time{})
	require.NoError(t, err)
	assert.Empty(t, id)
	assert.Empty(t, keysIn(t, s, "u"))

	assert.Error(t, s.SeedBucket("x", "acct", "Sometimes"))
	requireCode(t, s.SeedBucket("u", "acct", Unversioned), "BucketAlreadyExists")
}

// TestSeedCacheDoesNotMixOwners: the facts cache must not hand a version
// of one bucket the owner of another.
func TestSeedCacheDoesNotMixOwners(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("one", "111111111111", Unversioned))
	require.NoError(t, s.SeedBucket("two", "222222222222", Unversioned))
	for _, b := range []string{"one", "two", "one"} {
		_, err := s.SeedObject(b, "k", Body{}, Facts{}, time.Time{})
		require.NoError(t, err)
	}
	assert.Equal(t, "111111111111", latest(t, s, "one", "k").OwnerAccount)
	assert.Equal(t, "222222222222", latest(t, s, "two", "k").OwnerAccount)
}

// A seeded multipart version was never uploaded in parts; a read splits it
// as seeding computed its ETag, so that ?partNumber= finds each part.
func TestSeededMultipartPartSizes(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	_, err := s.SeedObject("b", "mp", Body{Data: []byte("aaaabbbbc")}, Facts{PartCount: 3}, time.Time{})
	require.NoError(t, err)
	obj, err := s.ReadObject("b", "mp", "")
	require.NoError(t, err)
	assert.Equal(t, []int64{3, 3, 3}, obj.PartSizes)
	assert.Equal(t, `"`+multipartETag([]byte("aaa"), []byte("abb"), []byte("bbc"))+`"`, obj.ETag)

	_, err = s.SeedObject("b", "big", Body{Size: 10}, Facts{PartCount: 4}, time.Time{})
	require.NoError(t, err)
	obj, err = s.ReadObject("b", "big", "")
	require.NoError(t, err)
	assert.Equal(t, []int64{3, 3, 3, 1}, obj.PartSizes, "equal parts, the last one shorter")
}

// ReadCurrent reads back what the direct API wrote (report files).
func TestReadCurrent(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	_, err := s.SeedObject("b", "k", Body{Data: []byte("report")}, Facts{}, time.Time{})
	require.NoError(t, err)
	_, err = s.SeedObject("b", "zeros", Body{Size: 3}, Facts{}, time.Time{})
	require.NoError(t, err)
	got, err := s.ReadCurrent("b", "k")
	require.NoError(t, err)
	assert.Equal(t, "report", string(got))
	got[0] = 'X'
	assert.Equal(t, "report", getBody(t, s, "b", "k", ""), "the caller gets a copy")
	got, err = s.ReadCurrent("b", "zeros")
	require.NoError(t, err)
	assert.Equal(t, []byte{0, 0, 0}, got)

	_, err = s.SeedDelete("b", "k", time.Time{})
	require.NoError(t, err)
	_, err = s.ReadCurrent("b", "k")
	requireCode(t, err, "NoSuchKey")
	_, err = s.ReadCurrent("nob", "k")
	requireCode(t, err, "NoSuchBucket")
}
