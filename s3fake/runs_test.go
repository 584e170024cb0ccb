package s3fake_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
	"github.com/s3fake/s3fake/s3fake"
)

// reportWorld is fixtures.VersionedSource in bucket src (a multipart
// object, keys with spaces and unicode, overwrites, a delete marker) and a
// destination bucket dst whose policy lets S3 deliver.
func reportWorld(t *testing.T, opts ...s3fake.Option) *s3fake.Server {
	t.Helper()
	srv := s3fake.Start(t, opts...)
	require.NoError(t, srv.CreateBucket("src", s3fake.Versioned()))
	require.NoError(t, srv.CreateBucket("dst"))
	require.NoError(t, srv.PutBucketPolicy("dst", fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID)))
	require.NoError(t, srv.Seed("src", fixtures.VersionedSource()...))
	return srv
}

func allFieldsConfig(id string, format inventory.Format) inventory.Configuration {
	cfg := fixtures.Minimal(id, "dst")
	cfg.Destination.Format = format
	prefix := "inv"
	cfg.Destination.Prefix = &prefix
	cfg.OptionalFields = inventory.DialectAWS.OptionalFields()
	return cfg
}

// getObject reads bucket/key through the SDK.
func getObject(t *testing.T, c *s3.Client, bucket, key string) []byte {
	t.Helper()
	data, err := sdkFetch(c, bucket)(key)
	require.NoError(t, err, key)
	return data
}

// sdkFetch is an report.Fetch over the SDK: how a consumer outside
// s3fake reads a report.
func sdkFetch(c *s3.Client, bucket string) report.Fetch {
	return func(key string) ([]byte, error) {
		out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			return nil, err
		}
		defer out.Body.Close()
		return io.ReadAll(out.Body)
	}
}

// readReport reads a delivered run back through the SDK, as a consumer
// would, checks that srv.Report reads the same, and returns the rows.
func readReport(t *testing.T, srv *s3fake.Server, run inventory.Run) (report.Manifest, []report.Record) {
	t.Helper()
	require.True(t, run.Delivered, run.Reason)
	require.Equal(t, run.ChecksumKey, run.Keys[len(run.Keys)-1], "manifest.checksum is written last")
	require.Equal(t, strings.TrimSuffix(run.ManifestKey, "manifest.json")+"manifest.checksum", run.ChecksumKey)
	fetch := sdkFetch(srv.Client(), run.DestinationBucket)
	m, err := report.ReadManifest(run.ManifestKey, fetch)
	require.NoError(t, err)
	rows, err := report.ReadReport(m, fetch)
	require.NoError(t, err)

	direct, directRows, err := srv.Report(run)
	require.NoError(t, err)
	assert.Equal(t, m, direct, "srv.Report reads the manifest the SDK reads")
	assert.Equal(t, rows, directRows, "srv.Report reads the rows the SDK reads")
	return m, rows
}

// The report agrees with the source bucket row for row, in every format.
func TestRunInventoryMatchesSource(t *testing.T) {
	for _, format := range []inventory.Format{inventory.FormatCSV, inventory.FormatParquet, inventory.FormatORC} {
		t.Run(string(format), func(t *testing.T) {
			srv := reportWorld(t)
			require.NoError(t, srv.PutInventoryConfiguration("src", allFieldsConfig("all", format)))
			run, err := srv.RunInventory("src", "all")
			require.NoError(t, err)
			assert.False(t, run.Scheduled)
			assert.Equal(t, s3fake.DefaultStartTime, run.At)
			m, rows := readReport(t, srv, run)
			assert.Equal(t, "src", m.SourceBucket)
			assert.Equal(t, "arn:aws:s3:::dst", m.DestinationBucket)
			assert.Equal(t, "1767225600000", m.CreationTimestamp)
			assert.Equal(t, "inv/src/all/2026-01-01T00-00Z/manifest.json", run.ManifestKey)

			want := srv.ObjectVersions("src", "")
			require.Len(t, rows, len(want))
			require.Equal(t, 6, run.Rows)
			for i, w := range want {
				got := rows[i]
				assert.Equal(t, "src", got.Bucket)
				assert.Equal(t, w.Key, got.Key)
				assert.Equal(t, w.VersionID, got.VersionID)
				assert.Equal(t, w.IsLatest, got.IsLatest)
				assert.Equal(t, w.IsDeleteMarker, got.IsDeleteMarker, w.Key)
				assert.Equal(t, w.LastModified, got.LastModified)
				if w.IsDeleteMarker {
					assert.Empty(t, got.ETag)
					continue
				}
				assert.Equal(t, w.Size, got.Size)
				assert.Equal(t, w.ETag, got.ETag)
				assert.Equal(t, w.StorageClass, got.StorageClass)
				assert.Equal(t, w.IsMultipartUploaded, got.IsMultipartUploaded)
				assert.Equal(t, w.Encryption, got.Encryption)
				assert.Equal(t, w.ChecksumAlgorithm, got.ChecksumAlgorithm)
				assert.Equal(t, w.OwnerID, got.OwnerID)
				assert.Equal(t, w.BucketKeyStatus(), got.BucketKeyStatus())
			}
			assert.Equal(t, "backups/db.tar", rows[0].Key)
			assert.True(t, rows[0].IsMultipartUploaded)
			assert.Regexp(t, `^[0-9a-f]{32}-5$`, rows[0].ETag)
			assert.Equal(t, "photos/summer trip/café.jpg", rows[5].Key)
			assert.Equal(t, "STANDARD_IA", rows[5].StorageClass)
			assert.Equal(t, "SSE-S3", rows[5].Encryption)
		})
	}
}

// A run's objects are ordinary objects of the destination bucket, owned by
// its owner, and the CSV keys are URL-encoded on the wire.
func TestReportObjectsAreOrdinaryObjects(t *testing.T) {
	srv := reportWorld(t)
	cfg := allFieldsConfig("enc", inventory.FormatCSV)
	cfg.Destination.Encryption = &inventory.Encryption{SSEKMS: &inventory.SSEKMS{KeyID: "arn:aws:kms:us-east-1:000000000000:key/k"}}
	require.NoError(t, srv.PutInventoryConfiguration("src", cfg))
	run, err := srv.RunInventory("src", "enc")
	require.NoError(t, err)
	require.True(t, run.Delivered, run.Reason)
	list, err := srv.Client().ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String("dst")})
	require.NoError(t, err)
	assert.Len(t, list.Contents, len(run.Keys))
	head, err := srv.Client().HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("dst"), Key: aws.String(run.Keys[0])})
	require.NoError(t, err)
	assert.Equal(t, "aws:kms", string(head.ServerSideEncryption))
	assert.Equal(t, "arn:aws:kms:us-east-1:000000000000:key/k", aws.ToString(head.SSEKMSKeyId))
	for _, v := range srv.ObjectVersions("dst", "") {
		assert.Equal(t, "SSE-KMS", v.Encryption, v.Key)
	}
}

// Advance runs what becomes due, at its due time, in order; nothing runs
// otherwise; disabled configurations never run on schedule.
func TestAdvanceRunsDueConfigurations(t *testing.T) {
	srv := reportWorld(t) // the clock starts on Thursday 2026-01-01 00:00
	daily := fixtures.Minimal("daily", "dst")
	weekly := fixtures.Minimal("weekly", "dst")
	weekly.Frequency = inventory.Weekly
	disabled := fixtures.Minimal("off", "dst")
	disabled.IsEnabled = false
	for _, c := range []inventory.Configuration{daily, weekly, disabled} {
		require.NoError(t, srv.PutInventoryConfiguration("src", c))
	}
	assert.Empty(t, srv.Advance(23*time.Hour), "nothing is due before midnight")
	runs := srv.Advance(4 * 24 * time.Hour) // to Monday 2026-01-05 23:00
	var got []string
	for _, r := range runs {
		assert.True(t, r.Scheduled)
		assert.True(t, r.Delivered, r.Reason)
		got = append(got, r.ConfigID+"@"+r.At.Format("01-02"))
	}
	assert.Equal(t, []string{"daily@01-02", "daily@01-03", "daily@01-04", "weekly@01-04", "daily@01-05"}, got)
	assert.Equal(t, time.Date(2026, 1, 5, 23, 0, 0, 0, time.UTC), srv.Now())
	assert.Len(t, srv.Runs("src", "daily"), 4)
	assert.Empty(t, srv.Runs("src", "off"))

	forced, err := srv.RunInventory("src", "off")
	require.NoError(t, err)
	assert.False(t, forced.Delivered)
	assert.Contains(t, forced.Reason, "disabled")
}

// Every refused delivery says why and writes nothing.
func TestRefusedDeliveries(t *testing.T) {
	cases := map[string]struct {
		setup  func(t *testing.T, srv *s3fake.Server) inventory.Configuration
		reason string
	}{
		"no destination bucket": {func(t *testing.T, srv *s3fake.Server) inventory.Configuration {
			return fixtures.Minimal("r", "nosuch-bucket")
		}, "does not exist"},
		"no policy": {func(t *testing.T, srv *s3fake.Server) inventory.Configuration {
			require.NoError(t, srv.CreateBucket("bare"))
			return fixtures.Minimal("r", "bare")
		}, "does not let s3.amazonaws.com"},
		"policy for another source": {func(t *testing.T, srv *s3fake.Server) inventory.Configuration {
			require.NoError(t, srv.CreateBucket("other-dst"))
			require.NoError(t, srv.PutBucketPolicy("other-dst", fixtures.DeliveryPolicy("other-dst", "some-other-src", s3fake.DefaultAccountID)))
			return fixtures.Minimal("r", "other-dst")
		}, "does not let s3.amazonaws.com"},
		"policy for another account": {func(t *testing.T, srv *s3fake.Server) inventory.Configuration {
			require.NoError(t, srv.CreateBucket("acct-dst"))
			require.NoError(t, srv.PutBucketPolicy("acct-dst", fixtures.DeliveryPolicy("acct-dst", "src", fixtures.Other)))
			return fixtures.Minimal("r", "acct-dst")
		}, "does not let s3.amazonaws.com"},
		"AccountId mismatch": {func(t *testing.T, srv *s3fake.Server) inventory.Configuration {
			cfg := fixtures.Minimal("r", "dst")
			other := fixtures.Other
			cfg.Destination.AccountID = &other
			return cfg
		}, "not by AccountId 222222222222"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			srv := reportWorld(t)
			cfg := c.setup(t, srv)
			require.NoError(t, srv.PutInventoryConfiguration("src", cfg))
			dest := inventory.BucketFromARN(cfg.Destination.BucketARN)
			before := len(srv.ObjectVersions(dest, ""))
			run, err := srv.RunInventory("src", "r")
			require.NoError(t, err)
			assert.False(t, run.Delivered)
			assert.Contains(t, run.Reason, c.reason)
			assert.Empty(t, run.Keys)
			assert.Len(t, srv.ObjectVersions(dest, ""), before, "a refused run writes nothing")
		})
	}
}

// Cross-account delivery: the destination in another account, with its
// owner's delivery policy, receives reports it owns.
func TestCrossAccountDelivery(t *testing.T) {
	srv := s3fake.Start(t)
	w := fixtures.CrossAccountWorld()
	srv.CreateAccount(w.SourceAccount)
	srv.CreateAccount(w.DestinationAccount)
	require.NoError(t, srv.CreateBucket(w.Source, s3fake.OwnedBy(w.SourceAccount)))
	require.NoError(t, srv.CreateBucket(w.Destination, s3fake.OwnedBy(w.DestinationAccount)))
	require.NoError(t, srv.PutBucketPolicy(w.Destination, w.DeliveryPolicy))
	_, err := srv.PutObject(w.Source, "k", []byte("x"))
	require.NoError(t, err)
	require.NoError(t, srv.PutInventoryConfiguration(w.Source, w.Configuration("cross")))
	run, err := srv.RunInventory(w.Source, "cross")
	require.NoError(t, err)
	require.True(t, run.Delivered, run.Reason)
	for _, v := range srv.ObjectVersions(w.Destination, "") {
		assert.Equal(t, s3fake.Account{ID: w.DestinationAccount}.CanonicalID(), v.OwnerID)
	}
}

// The admin endpoints give the binary's users the same control.
func TestAdminEndpoints(t *testing.T) {
	srv := reportWorld(t)
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	post := func(path string) (int, map[string]any) {
		resp, err := http.Post(srv.URL()+path, "application/json", nil)
		require.NoError(t, err)
		defer resp.Body.Close()
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		var out map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		return resp.StatusCode, out
	}
	status, run := post("/_s3fake/inventory/run?bucket=src&id=daily")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, true, run["delivered"])
	assert.Equal(t, "src/daily/2026-01-01T00-00Z/manifest.json", run["manifestKey"])

	status, adv := post("/_s3fake/clock/advance?by=24h")
	assert.Equal(t, http.StatusOK, status)
	assert.Len(t, adv["runs"], 1)
	assert.Equal(t, "2026-01-02T00:00:00Z", adv["now"])

	status, bad := post("/_s3fake/inventory/run?bucket=src&id=nope")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, bad["error"], "no configuration")
	status, _ = post("/_s3fake/clock/advance?by=yesterday")
	assert.Equal(t, http.StatusBadRequest, status)
}

// Reports are reproducible: the same seed and history give the same keys
// and bytes.
func TestReportsAreReproducible(t *testing.T) {
	digest := func() []string {
		srv := reportWorld(t)
		require.NoError(t, srv.PutInventoryConfiguration("src", allFieldsConfig("all", inventory.FormatCSV)))
		run, err := srv.RunInventory("src", "all")
		require.NoError(t, err)
		var out []string
		for _, k := range run.Keys {
			out = append(out, k, string(getObject(t, srv.Client(), "dst", k)))
		}
		return out
	}
	assert.Equal(t, digest(), digest())
}

// Bug 2: forced runs in one minute each get their own report folder (the
// next free minute), and every earlier report stays whole: its manifest,
// checksum, symlink and data files.
func TestForcedRunsInOneMinuteGetDistinctReports(t *testing.T) {
	srv := reportWorld(t)
	require.NoError(t, srv.PutInventoryConfiguration("src", allFieldsConfig("all", inventory.FormatCSV)))
	var runs []inventory.Run
	for range 3 {
		run, err := srv.RunInventory("src", "all")
		require.NoError(t, err)
		require.True(t, run.Delivered, run.Reason)
		runs = append(runs, run)
	}
	assert.Equal(t, s3fake.DefaultStartTime, srv.Now(), "the clock does not move")
	for i, run := range runs {
		at := s3fake.DefaultStartTime.Add(time.Duration(i) * time.Minute)
		assert.Equal(t, at, run.At)
		assert.Equal(t, "inv/src/all/"+at.Format("2006-01-02T15-04Z")+"/manifest.json", run.ManifestKey)
		m, rows := readReport(t, srv, run) // each report is intact after the later ones
		assert.Equal(t, strconv.FormatInt(at.UnixMilli(), 10), m.CreationTimestamp)
		assert.Len(t, rows, 6)
		symlink := getObject(t, srv.Client(), "dst", "inv/src/all/hive/dt="+at.Format("2006-01-02-15-04")+"/symlink.txt")
		assert.Equal(t, "s3://dst/"+m.Files[0].Key+"\n", string(symlink))
	}
	// Every data file in the destination belongs to exactly one manifest.
	listed := map[string]int{}
	for _, run := range runs {
		m, _, err := srv.Report(run)
		require.NoError(t, err)
		for _, f := range m.Files {
			listed[f.Key]++
		}
	}
	for _, v := range srv.ObjectVersions("dst", "inv/src/all/data/") {
		assert.Equal(t, 1, listed[v.Key], "data file %s", v.Key)
	}
	assert.Len(t, listed, 3)
}

// A forced run in the minute of a scheduled one moves on too.
func TestForcedRunAfterScheduledRunInOneMinute(t *testing.T) {
	srv := reportWorld(t)
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	scheduled := srv.Advance(24 * time.Hour)
	require.Len(t, scheduled, 1)
	forced, err := srv.RunInventory("src", "daily")
	require.NoError(t, err)
	assert.Equal(t, "src/daily/2026-01-02T00-00Z/manifest.json", scheduled[0].ManifestKey)
	assert.Equal(t, "src/daily/2026-01-02T00-01Z/manifest.json", forced.ManifestKey)
	assert.Equal(t, []inventory.Run{scheduled[0], forced}, srv.Runs("src", "daily"))
}

// Bug 3: under New (a wall clock) Advance and SetTime shift the clock and
// it keeps moving: object times follow.
func TestWallClockKeepsMovingAfterAdvance(t *testing.T) {
	srv, err := s3fake.New()
	require.NoError(t, err)
	defer srv.Close()
	wall := time.Now()
	srv.Advance(48 * time.Hour)
	first := srv.Now()
	assert.WithinDuration(t, wall.Add(48*time.Hour), first, time.Minute)
	assert.Eventually(t, func() bool { return srv.Now().After(first) }, 5*time.Second, time.Millisecond,
		"the clock still moves after Advance")

	target := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	srv.SetTime(target)
	assert.Eventually(t, func() bool { return srv.Now().After(target) }, 5*time.Second, time.Millisecond,
		"the clock still moves after SetTime")

	require.NoError(t, srv.CreateBucket("bkt"))
	c := srv.Client()
	_, err = c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), Body: strings.NewReader("x")})
	require.NoError(t, err)
	head, err := c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	require.NoError(t, err)
	assert.WithinDuration(t, target, aws.ToTime(head.LastModified), time.Minute, "objects get the shifted time")
}

// midnightSoon sets srv's wall clock just before a midnight and returns it.
func midnightSoon(srv *s3fake.Server, before time.Duration) time.Time {
	midnight := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	srv.SetTime(midnight.Add(-before))
	return midnight
}

// Bug 3: on a wall clock, Advance(0) runs what wall time itself has made
// due (the binary calls it every second), once.
func TestAdvanceZeroRunsWhatWallTimePassed(t *testing.T) {
	srv, err := s3fake.New()
	require.NoError(t, err)
	defer srv.Close()
	require.NoError(t, srv.CreateBucket("src"))
	require.NoError(t, srv.CreateBucket("dst"))
	require.NoError(t, srv.PutBucketPolicy("dst", fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID)))
	midnight := midnightSoon(srv, 300*time.Millisecond)
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	assert.Empty(t, srv.Advance(0), "not due yet")

	var runs []inventory.Run
	require.Eventually(t, func() bool {
		runs = append(runs, srv.Advance(0)...)
		return len(runs) > 0
	}, 5*time.Second, 20*time.Millisecond)
	require.Len(t, runs, 1)
	assert.True(t, runs[0].Scheduled)
	assert.True(t, runs[0].Delivered, runs[0].Reason)
	assert.Equal(t, midnight, runs[0].At)
	assert.Empty(t, srv.Advance(0), "a due time runs once")
}

// Under Start nothing runs behind the test's back, even on a wall clock:
// due times pass, and only the test's Advance runs them.
func TestNothingRunsBehindAStartTest(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithWallClock())
	require.NoError(t, srv.CreateBucket("src"))
	require.NoError(t, srv.CreateBucket("dst"))
	require.NoError(t, srv.PutBucketPolicy("dst", fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID)))
	midnight := midnightSoon(srv, 50*time.Millisecond)
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	for srv.Now().Before(midnight.Add(200 * time.Millisecond)) {
		time.Sleep(20 * time.Millisecond)
	}
	assert.Empty(t, srv.Runs("src", "daily"), "no run without the test asking")
	assert.Empty(t, srv.ObjectVersions("dst", ""))
	runs := srv.Advance(0)
	require.Len(t, runs, 1)
	assert.Equal(t, midnight, runs[0].At)
}

// SetTime skips the schedules it jumps over, forwards and backwards.
func TestSetTimeRunsNothing(t *testing.T) {
	srv := reportWorld(t)
	require.NoError(t, srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst")))
	srv.SetTime(s3fake.DefaultStartTime.Add(10 * 24 * time.Hour))
	assert.Empty(t, srv.Runs("src", "daily"))
	runs := srv.Advance(24 * time.Hour)
	require.Len(t, runs, 1, "only the due time after the jump")
	assert.Equal(t, s3fake.DefaultStartTime.Add(11*24*time.Hour), runs[0].At)
}
