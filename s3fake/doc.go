// Package s3fake is an in-memory fake of Amazon S3 for Go tests and local
// development, centred on bucket inventory. Import it as
// github.com/s3fake/s3fake/s3fake.
//
// # A test
//
//	import (
//		"context"
//		"testing"
//
//		"github.com/stretchr/testify/require"
//
//		"github.com/s3fake/s3fake/inventory"
//		"github.com/s3fake/s3fake/s3fake"
//	)
//
//	func TestConfigureInventory(t *testing.T) {
//		srv := s3fake.Start(t)                      // loopback server, closed by t.Cleanup
//		require.NoError(t, srv.CreateBucket("src")) // seed without HTTP
//		client := srv.Client()                      // ready aws-sdk-go-v2 *s3.Client
//
//		err := mypkg.ConfigureInventory(context.Background(), client, "src") // the code under test
//		require.NoError(t, err)
//
//		cfg, ok := srv.InventoryConfiguration("src", "daily") // inspect without HTTP
//		require.True(t, ok)
//		require.Equal(t, inventory.Daily, cfg.Frequency)
//	}
//
// Start serves plain HTTP on a free loopback port, with a fixed clock at
// DefaultStartTime, the default account (access key "test", secret "test")
// and region us-east-1. New does the same outside tests, with a wall
// clock; the binary (cmd/s3fake) is New behind flags.
//
// # What it serves
//
// The four inventory configuration calls behave like AWS S3 down to the
// status code, error code and message (or like IBM COS with
// WithDialect(DialectCOS)). Object, bucket, versioning, multipart, policy
// and listing calls are served by s3fake's own handlers over its store.
// Every request is authenticated (SigV4, presigned URLs) and authorized
// (bucket and identity policies) like S3. Operations s3fake does not serve
// get 501 NotImplemented, never a silent wrong answer.
//
// # Seeding and inspection
//
// CreateBucket, PutBucketPolicy, PutObject (with At, SizeOnly, WithFacts,
// WithETag, WithMetadata), DeleteObject, SetVersioning, Seed (a whole history such
// as fixtures.VersionedSource) and PutInventoryConfiguration set state
// without HTTP; ObjectVersions, InventoryConfigurations, BucketPolicy and
// Runs read it. Seeding calls return an error for input S3 would refuse;
// under Start they also report it with t.Errorf, which is safe from any
// goroutine. Every method is safe for concurrent use (docs/seeding.md).
//
// # Time and inventory runs
//
// Nothing happens behind a test's back: under Start the clock moves only
// by SetTime and Advance, and reports appear only when the test calls
// RunInventory (one configuration, now) or Advance (every configuration
// that becomes due, at its due time). A run checks delivery like AWS (the
// destination's bucket policy must let s3.amazonaws.com write; see
// fixtures.DeliveryPolicy) and writes the data files, manifest.json,
// symlink.txt and manifest.checksum into the destination bucket. Report
// reads a delivered run back, verified against its checksums; consumers
// outside Go tests use ReadManifest and ReadReport of package
// github.com/s3fake/s3fake/inventory/report (docs/inventory-runs.md).
//
// # Admin endpoints
//
// Paths under /_s3fake/ give HTTP clients (the binary's users) the same
// control: the clock, forced runs, the run history and the delivery
// policy, as JSON (docs/admin.md).
package s3fake
