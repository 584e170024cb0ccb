package s3fake_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// persistStart is the fixed clock of the persistence tests.
var persistStart = time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)

// openDir starts a server on data directory dir.
func openDir(t *testing.T, dir string, opts ...s3fake.Option) *s3fake.Server {
	t.Helper()
	s, err := s3fake.New(append([]s3fake.Option{s3fake.WithDataDir(dir), s3fake.WithStartTime(persistStart)}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	return s
}

// writeEverything writes, through the SDK and the test API, one of each
// kind of state the data directory keeps.
func writeEverything(t *testing.T, s *s3fake.Server) s3fake.Account {
	t.Helper()
	ctx := context.Background()
	c := s.Client()
	for _, in := range []*s3.CreateBucketInput{
		{Bucket: aws.String("src")},
		{Bucket: aws.String("dst")},
		{Bucket: aws.String("locked"), ObjectLockEnabledForBucket: aws.Bool(true)},
		{Bucket: aws.String("doomed")},
	} {
		_, err := c.CreateBucket(ctx, in)
		require.NoError(t, err)
	}
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("src"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	require.NoError(t, err)
	_, err = c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String("src"),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}}}})
	require.NoError(t, err)
	_, err = c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String("src"),
		PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(false),
			IgnorePublicAcls: aws.Bool(false), BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true)}})
	require.NoError(t, err)
	_, err = c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String("src"),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("team"), Value: aws.String("data")}}}})
	require.NoError(t, err)
	_, err = c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String("src"),
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{
			ID: aws.String("expire-tmp"), Status: types.ExpirationStatusEnabled,
			Filter:     &types.LifecycleRuleFilter{Prefix: aws.String("tmp/")},
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(7)}}}}})
	require.NoError(t, err)
	_, err = c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String("src"), CORSConfiguration: &types.CORSConfiguration{
		CORSRules: []types.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"https://example.com"}}}}})
	require.NoError(t, err)
	_, err = c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String("src"),
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKms,
				KMSMasterKeyID: aws.String("arn:aws:kms:us-east-1:000000000000:key/k")}, BucketKeyEnabled: aws.Bool(true)}}}})
	require.NoError(t, err)
	_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("dst"),
		Policy: aws.String(fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID))})
	require.NoError(t, err)
	for i, body := range []string{"first", "second version", strings.Repeat("big", 100000)} {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("a/k"),
			Body: strings.NewReader(body), Tagging: aws.String(fmt.Sprintf("n=%d", i)),
			Metadata: map[string]string{"who": "test"}, ContentType: aws.String("text/plain")})
		require.NoError(t, err)
	}
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("gone"), Body: strings.NewReader("x")})
	require.NoError(t, err)
	_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("src"), Key: aws.String("gone")})
	require.NoError(t, err)
	_, err = c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String("src"), Key: aws.String("a/k"),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("retagged"), Value: aws.String("yes")}}}})
	require.NoError(t, err)
	_, err = c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String("src"), Key: aws.String("a/k"), ACL: types.ObjectCannedACLPublicRead})
	require.NoError(t, err)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("locked"), Key: aws.String("held"), Body: strings.NewReader("keep"),
		ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: aws.Time(persistStart.AddDate(1, 0, 0))})
	require.NoError(t, err)
	_, err = c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String("locked"), Key: aws.String("held"),
		LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}})
	require.NoError(t, err)
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("src"), Key: aws.String("upload")})
	require.NoError(t, err)
	_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("src"), Key: aws.String("upload"), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: bytes.NewReader(bytes.Repeat([]byte("p"), 1000))})
	require.NoError(t, err)
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("doomed")})
	require.NoError(t, err)

	cfg := fixtures.Minimal("daily", "dst")
	_, err = c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String("src"),
		Id: aws.String("daily"), InventoryConfiguration: sdkConfig(cfg)})
	require.NoError(t, err)
	run, err := s.RunInventory("src", "daily")
	require.NoError(t, err)
	require.True(t, run.Delivered, run.Reason)
	runs := s.Advance(36 * time.Hour) // one scheduled run, and the clock moves
	require.Len(t, runs, 1)
	return s.CreateAccount("444455556666")
}

// dump describes everything a client can read back: buckets, every
// version with its body, tags, ACL and lock, the bucket documents, the
// inventory configurations, the runs, the uploads and the clock.
func dump(t *testing.T, s *s3fake.Server) string {
	t.Helper()
	ctx := context.Background()
	c := s.Client()
	var b strings.Builder
	fmt.Fprintf(&b, "now %s\n", s.Now().Format(time.RFC3339))
	lb, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
	require.NoError(t, err)
	for _, bk := range lb.Buckets {
		name := aws.ToString(bk.Name)
		fmt.Fprintf(&b, "bucket %s created %s\n", name, bk.CreationDate.Format(time.RFC3339))
		ver, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: &name})
		require.NoError(t, err)
		fmt.Fprintf(&b, "  versioning %q\n", ver.Status)
		if tg, err := c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: &name}); err == nil {
			for _, tag := range tg.TagSet {
				fmt.Fprintf(&b, "  tag %s=%s\n", aws.ToString(tag.Key), aws.ToString(tag.Value))
			}
		}
		if o, err := c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: &name}); err == nil {
			fmt.Fprintf(&b, "  ownership %s\n", o.OwnershipControls.Rules[0].ObjectOwnership)
		}
		if pab, err := c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: &name}); err == nil {
			p := pab.PublicAccessBlockConfiguration
			fmt.Fprintf(&b, "  public access block %v %v %v %v\n", aws.ToBool(p.BlockPublicAcls), aws.ToBool(p.IgnorePublicAcls),
				aws.ToBool(p.BlockPublicPolicy), aws.ToBool(p.RestrictPublicBuckets))
		}
		if lc, err := c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: &name}); err == nil {
			for _, r := range lc.Rules {
				fmt.Fprintf(&b, "  lifecycle %s %s %s %d\n", aws.ToString(r.ID), r.Status, aws.ToString(r.Filter.Prefix), aws.ToInt32(r.Expiration.Days))
			}
		}
		if cors, err := c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: &name}); err == nil {
			for _, r := range cors.CORSRules {
				fmt.Fprintf(&b, "  cors %v %v\n", r.AllowedMethods, r.AllowedOrigins)
			}
		}
		enc, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: &name})
		require.NoError(t, err)
		for _, r := range enc.ServerSideEncryptionConfiguration.Rules {
			d := r.ApplyServerSideEncryptionByDefault
			fmt.Fprintf(&b, "  encryption %s %s %v\n", d.SSEAlgorithm, aws.ToString(d.KMSMasterKeyID), aws.ToBool(r.BucketKeyEnabled))
		}
		if p, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: &name}); err == nil {
			fmt.Fprintf(&b, "  policy %s\n", aws.ToString(p.Policy))
		}
		inv, err := c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: &name})
		require.NoError(t, err)
		for _, cfg := range inv.InventoryConfigurationList {
			id := aws.ToString(cfg.Id)
			got, err := c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: &name, Id: &id})
			require.NoError(t, err)
			fmt.Fprintf(&b, "  inventory %s %s %s\n", id, got.InventoryConfiguration.Schedule.Frequency,
				aws.ToString(got.InventoryConfiguration.Destination.S3BucketDestination.Bucket))
			for _, r := range s.Runs(name, id) {
				fmt.Fprintf(&b, "  run %+v\n", r)
			}
		}
		vs, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: &name})
		require.NoError(t, err)
		for _, m := range vs.DeleteMarkers {
			fmt.Fprintf(&b, "  marker %s %s latest=%v %s\n", aws.ToString(m.Key), aws.ToString(m.VersionId),
				aws.ToBool(m.IsLatest), m.LastModified.Format(time.RFC3339))
		}
		for _, v := range vs.Versions {
			key, id := aws.ToString(v.Key), aws.ToString(v.VersionId)
			obj, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &name, Key: &key, VersionId: &id})
			require.NoError(t, err)
			body, err := io.ReadAll(obj.Body)
			obj.Body.Close()
			require.NoError(t, err)
			fmt.Fprintf(&b, "  version %s %s latest=%v %s %s size=%d body=%x... meta=%v type=%s lock=%s/%s hold=%s\n",
				key, id, aws.ToBool(v.IsLatest), v.LastModified.Format(time.RFC3339), aws.ToString(v.ETag), aws.ToInt64(v.Size),
				body[:min(8, len(body))], obj.Metadata, aws.ToString(obj.ContentType), obj.ObjectLockMode,
				obj.ObjectLockRetainUntilDate, obj.ObjectLockLegalHoldStatus)
			require.Equal(t, aws.ToInt64(v.Size), int64(len(body)))
			tags, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: &name, Key: &key, VersionId: &id})
			require.NoError(t, err)
			for _, tag := range tags.TagSet {
				fmt.Fprintf(&b, "    tag %s=%s\n", aws.ToString(tag.Key), aws.ToString(tag.Value))
			}
			acl, err := c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: &name, Key: &key, VersionId: &id})
			require.NoError(t, err)
			for _, g := range acl.Grants {
				fmt.Fprintf(&b, "    grant %s %s %s\n", g.Permission, aws.ToString(g.Grantee.ID), aws.ToString(g.Grantee.URI))
			}
		}
		ups, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: &name})
		require.NoError(t, err)
		for _, u := range ups.Uploads {
			parts, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: &name, Key: u.Key, UploadId: u.UploadId})
			require.NoError(t, err)
			fmt.Fprintf(&b, "  upload %s %s %s\n", aws.ToString(u.Key), aws.ToString(u.UploadId), u.Initiated.Format(time.RFC3339))
			for _, p := range parts.Parts {
				fmt.Fprintf(&b, "    part %d %s %d\n", aws.ToInt32(p.PartNumber), aws.ToString(p.ETag), aws.ToInt64(p.Size))
			}
		}
	}
	return b.String()
}

func TestDataDirKeepsEverythingAcrossARestart(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir)
	acct := writeEverything(t, s)
	want := dump(t, s)
	s.Close()

	s2 := openDir(t, dir)
	require.Equal(t, want, dump(t, s2))
	// The account added at run time signs after the restart.
	_, err := s2.ClientFor(acct).ListBuckets(context.Background(), &s3.ListBucketsInput{})
	require.NoError(t, err)
	s2.Close()
	s3 := openDir(t, dir)
	require.Equal(t, want, dump(t, s3))
}

// copyDir copies the files of a live data directory: every acknowledged
// write is on disk, so the copy is what a crash would leave. A compaction
// may be renaming and deleting files meanwhile: the copy is made again
// until the directory lists the same files before and after it.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	list := func() []string {
		entries, err := os.ReadDir(from)
		require.NoError(t, err)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	for {
		to := t.TempDir()
		before, whole := list(), true
		for _, name := range before {
			data, err := os.ReadFile(filepath.Join(from, name))
			if os.IsNotExist(err) {
				whole = false
				break
			}
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(to, name), data, 0o644))
		}
		if whole && slices.Equal(before, list()) {
			return to
		}
	}
}

func TestDataDirRecoversFromTheLogAlone(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir)
	writeEverything(t, s)
	want := dump(t, s)
	crashed := copyDir(t, dir) // no Close: no compaction, only the log
	restored := openDir(t, crashed)
	require.Equal(t, want, dump(t, restored))
	// Both go on alike: the next scheduled run has the same report keys
	// (the file-name source was saved) and the next write the same id.
	a, b := s.Advance(24*time.Hour), restored.Advance(24*time.Hour)
	require.Len(t, a, 1)
	require.Len(t, b, 1)
	require.Equal(t, a[0].Keys, b[0].Keys)
	put := func(s *s3fake.Server) string {
		out, err := s.Client().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("src"),
			Key: aws.String("next"), Body: strings.NewReader("n")})
		require.NoError(t, err)
		return aws.ToString(out.VersionId)
	}
	require.Equal(t, put(s), put(restored))
}

func TestDataDirCompactsWhileServing(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir, s3fake.WithCompactAt(4<<10))
	writeEverything(t, s)
	want := dump(t, s)
	require.Eventually(t, func() bool {
		m, _ := filepath.Glob(filepath.Join(dir, "snapshot-*"))
		return len(m) == 1
	}, 10*time.Second, 10*time.Millisecond, "no snapshot was written")
	crashed := copyDir(t, dir)
	names := func(d string) []string {
		es, _ := os.ReadDir(d)
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		sort.Strings(out)
		return out
	}
	t.Logf("after compaction: %v", names(crashed))
	require.Equal(t, want, dump(t, openDir(t, crashed)))
}

// A write that cannot be persisted is refused with 500 InternalError and
// changes nothing.
func TestDataDirFailureRefusesTheWrite(t *testing.T) {
	s := openDir(t, t.TempDir())
	ctx := context.Background()
	c := s.Client()
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), Body: strings.NewReader("old")})
	require.NoError(t, err)
	before := dump(t, s)

	s3fake.BreakDataDir(s)
	internal := func(err error) {
		t.Helper()
		var apiErr smithy.APIError
		require.ErrorAs(t, err, &apiErr)
		require.Equal(t, "InternalError", apiErr.ErrorCode())
		var resp *awshttp.ResponseError
		require.ErrorAs(t, err, &resp)
		require.Equal(t, 500, resp.HTTPStatusCode())
	}
	noRetry := func(o *s3.Options) { o.RetryMaxAttempts = 1 }
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), Body: strings.NewReader("new")}, noRetry)
	internal(err)
	_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")}, noRetry)
	internal(err)
	_, err = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("fresh-bucket-x")}, noRetry)
	internal(err)
	_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("bkt"),
		Policy: aws.String(fixtures.DeliveryPolicy("bkt", "src", s3fake.DefaultAccountID))}, noRetry)
	internal(err)
	_, err = c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String("bkt"),
		Id: aws.String("daily"), InventoryConfiguration: sdkConfig(fixtures.Minimal("daily", "bkt"))}, noRetry)
	internal(err)
	require.Equal(t, before, dump(t, s))
}

func TestWithoutDataDirNothingTouchesTheDisk(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	s := s3fake.Start(t)
	writeEverything(t, s)
	s.Close()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Empty(t, entries)
}

// Compactions while writers write: the snapshot and the log after it
// together are every write, none twice.
func TestDataDirCompactsUnderConcurrentWrites(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir, s3fake.WithCompactAt(32<<10))
	ctx := context.Background()
	c := s.Client()
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("busy")})
	require.NoError(t, err)
	_, err = c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("busy"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				body := bytes.Repeat([]byte{byte(w), byte(i)}, 1000+i)
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("busy"),
					Key: aws.String(fmt.Sprintf("w%d/%d", w, i%7)), Body: bytes.NewReader(body)})
				if err != nil {
					t.Error(err)
					return
				}
				if i%10 == 0 {
					id := fmt.Sprintf("w%d-%d", w, i)
					_, err = c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String("busy"),
						Id: aws.String(id), InventoryConfiguration: sdkConfig(fixtures.Minimal(id, "busy"))})
					if err != nil {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	want := dump(t, s)
	crashed := copyDir(t, dir)
	m, _ := filepath.Glob(filepath.Join(crashed, "snapshot-*"))
	require.NotEmpty(t, m, "no compaction happened")
	require.Equal(t, want, dump(t, openDir(t, crashed)))
}

// An account or user the server refused was logged before it was
// refused: the restart refuses it again and starts.
func TestDataDirRefusedAccountsDoNotStopARestart(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir)
	for _, bad := range []func(){
		func() { s.CreateAccount("not-an-account") },
		func() { s.CreateUser("999999999999", "nobody", "") },
	} {
		func() {
			defer func() { require.NotNil(t, recover(), "New's seeding panics on bad input") }()
			bad()
		}()
	}
	good := s.CreateAccount("444455556666")
	crashed := copyDir(t, dir) // the log, as a crash leaves it
	s.Close()                  // and a snapshot
	for _, d := range []string{crashed, dir} {
		s2 := openDir(t, d)
		_, err := s2.ClientFor(good).ListBuckets(context.Background(), &s3.ListBucketsInput{})
		require.NoError(t, err)
		s2.Close()
	}
}

// Version ids derive from WithSeed's seed: a directory written with one
// seed refuses to start with another rather than rename every version.
func TestDataDirRefusesAnotherSeed(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir, s3fake.WithSeed(7))
	require.NoError(t, s.CreateBucket("seeded"))
	s.Close()
	_, err := s3fake.New(s3fake.WithDataDir(dir), s3fake.WithSeed(8))
	require.ErrorContains(t, err, "seed 7")
	s = openDir(t, dir, s3fake.WithSeed(7))
	require.True(t, s.BucketExists("seeded"))
}
