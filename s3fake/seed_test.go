package s3fake_test

// Seeding without HTTP: errors instead of Fatal (bug 7), Seed with times,
// delete markers at a time, and SizeOnly that never hashes its zeros
// (bug 5).

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// recordingTB is the test a server is started for, recording what the
// server reports to it instead of failing the real test; Start's own
// Cleanup and Helper go to the real test.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
	fatal  bool
}

func (r *recordingTB) Errorf(format string, args ...any) { r.record(fmt.Sprintf(format, args...)) }
func (r *recordingTB) Error(args ...any)                 { r.record(fmt.Sprint(args...)) }
func (r *recordingTB) Fatalf(format string, args ...any) { r.setFatal() }
func (r *recordingTB) Fatal(args ...any)                 { r.setFatal() }
func (r *recordingTB) FailNow()                          { r.setFatal() }

func (r *recordingTB) record(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, msg)
}

func (r *recordingTB) setFatal() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fatal = true
}

func (r *recordingTB) reported() ([]string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errors...), r.fatal
}

// Bug 7: a seeding call with bad input, from a goroutine other than the
// test's, returns its error and reports it with Errorf (which Go allows
// from any goroutine), never FailNow.
func TestSeedingErrorFromAnotherGoroutine(t *testing.T) {
	rec := &recordingTB{TB: t}
	srv := s3fake.Start(rec)
	errs := make(chan error, 3)
	go func() {
		errs <- srv.CreateBucket("Not_A_Valid_Name")
		_, err := srv.PutObject("missing", "k", []byte("x"))
		errs <- err
		errs <- srv.PutInventoryConfiguration("missing", fixtures.Minimal("daily", "dst"))
	}()
	for range 3 {
		assert.Error(t, <-errs)
	}
	reported, fatal := rec.reported()
	assert.False(t, fatal, "FailNow must not be called off the test goroutine")
	require.Len(t, reported, 3)
	assert.Contains(t, reported[0], `CreateBucket("Not_A_Valid_Name")`)
	assert.Contains(t, reported[1], `PutObject("missing", "k")`)
	assert.Contains(t, reported[2], `PutInventoryConfiguration("missing", "daily")`)
}

// Bug 7 under New: the same calls return errors and do not panic.
func TestSeedingErrorsUnderNew(t *testing.T) {
	srv, err := s3fake.New()
	require.NoError(t, err)
	defer srv.Close()
	require.NoError(t, srv.CreateBucket("bkt"))

	assert.ErrorContains(t, srv.CreateBucket("bkt"), "CreateBucket")
	assert.Error(t, srv.CreateBucket("ccc", s3fake.OwnedBy("999999999999")), "unknown owner")
	assert.Error(t, srv.PutBucketPolicy("bkt", "not json"))
	assert.Error(t, srv.SetVersioning("bkt", "Sometimes"))
	_, err = srv.PutObject("bkt", "k", []byte("x"), s3fake.SizeOnly(1))
	assert.ErrorContains(t, err, "SizeOnly needs a nil body")
	_, err = srv.PutObject("bkt", "k", nil, s3fake.WithFacts(s3fake.ObjectFacts{StorageClass: "COLD"}))
	assert.Error(t, err)
	_, err = srv.DeleteObject("bkt", "k", s3fake.SizeOnly(1))
	assert.ErrorContains(t, err, "only the At option")
	bad := fixtures.Minimal("x", "dst")
	bad.Destination.BucketARN = "dst"
	assert.Error(t, srv.PutInventoryConfiguration("bkt", bad))
	assert.Error(t, srv.Seed("bkt", fixtures.SeedObject{Key: ""}))
	assert.Empty(t, srv.ObjectVersions("bkt", ""), "refused seeding changes nothing")
}

// srv.Seed applies a history with its times, delete markers included, and
// leaves the clock alone.
func TestSeedAppliesTheHistoryWithItsTimes(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("src", s3fake.Versioned()))
	history := fixtures.VersionedSource()
	require.NoError(t, srv.Seed("src", history...))
	assert.Equal(t, s3fake.DefaultStartTime, srv.Now(), "seeding does not move the clock")

	got := srv.ObjectVersions("src", "")
	require.Len(t, got, len(history))
	byTime := map[time.Time]string{}
	for _, v := range got {
		byTime[v.LastModified] = v.Key
	}
	for _, o := range history {
		assert.Equal(t, o.Key, byTime[o.At], "the step at %s", o.At)
	}
	marker := got[1]
	assert.Equal(t, "docs/report.txt", marker.Key)
	assert.True(t, marker.IsDeleteMarker)
	assert.True(t, marker.IsLatest)
	assert.Equal(t, history[2].At, marker.LastModified, "the delete marker has the step's time")
	db := got[0]
	assert.Equal(t, "backups/db.tar", db.Key)
	assert.Equal(t, int64(26214400), db.Size)
	assert.True(t, db.IsMultipartUploaded)
	assert.Regexp(t, `^[0-9a-f]{32}-5$`, db.ETag)
}

// DeleteObject takes the delete marker's time.
func TestDeleteObjectAt(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("bkt", s3fake.Versioned()))
	_, err := srv.PutObject("bkt", "k", []byte("x"))
	require.NoError(t, err)
	at := s3fake.DefaultStartTime.Add(-time.Hour)
	id, err := srv.DeleteObject("bkt", "k", s3fake.At(at))
	require.NoError(t, err)
	v := srv.ObjectVersions("bkt", "k")[0]
	assert.Equal(t, id, v.VersionID)
	assert.True(t, v.IsDeleteMarker)
	assert.Equal(t, at, v.LastModified)
}

// Bug 5: SizeOnly never reads its bytes. 1 TiB seeds at once, with the
// documented derived ETag, and reads back as zeros through the SDK.
func TestSizeOnlyIsCheap(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("bkt"))
	const huge = int64(1) << 40 // hashing it would take about half an hour
	start := time.Now()
	_, err := srv.PutObject("bkt", "huge", nil, s3fake.SizeOnly(huge))
	require.NoError(t, err)
	_, err = srv.PutObject("bkt", "parts", nil, s3fake.SizeOnly(huge), s3fake.WithFacts(s3fake.ObjectFacts{PartCount: 10000}))
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 5*time.Second, "SizeOnly must not hash its zeros")

	derived := func(seed string) string {
		sum := md5.Sum([]byte(seed))
		return hex.EncodeToString(sum[:])
	}
	versions := srv.ObjectVersions("bkt", "")
	require.Len(t, versions, 2)
	assert.Equal(t, derived("s3fake size-only 1099511627776"), versions[0].ETag)
	assert.Equal(t, derived("s3fake size-only 1099511627776 parts 10000")+"-10000", versions[1].ETag)

	out, err := srv.Client().GetObject(context.Background(), &s3.GetObjectInput{
		Bucket: aws.String("bkt"), Key: aws.String("huge"), Range: aws.String("bytes=1000-1003"),
	})
	require.NoError(t, err)
	defer out.Body.Close()
	data, err := io.ReadAll(out.Body)
	require.NoError(t, err)
	assert.Equal(t, []byte{0, 0, 0, 0}, data)
	assert.Equal(t, `"`+versions[0].ETag+`"`, aws.ToString(out.ETag))
}

// ObjectFacts.ETag is taken as given; an empty size-only object keeps the
// MD5 of nothing. (New, not Start: under Start the refused calls would
// also fail this test, by design.)
func TestSeedETag(t *testing.T) {
	srv, err := s3fake.New()
	require.NoError(t, err)
	defer srv.Close()
	require.NoError(t, srv.CreateBucket("bkt"))
	const etag = "0123456789abcdef0123456789abcdef"
	_, err = srv.PutObject("bkt", "given", nil, s3fake.SizeOnly(5<<30), s3fake.WithETag(etag))
	require.NoError(t, err)
	_, err = srv.PutObject("bkt", "multi", []byte("abc"), s3fake.WithETag(etag+"-3"))
	require.NoError(t, err)
	_, err = srv.PutObject("bkt", "empty", nil, s3fake.SizeOnly(0))
	require.NoError(t, err)
	_, err = srv.PutObject("bkt", "bad", nil, s3fake.WithETag("xyz"))
	assert.Error(t, err)
	_, err = srv.PutObject("bkt", "mismatch", nil, s3fake.WithETag(etag+"-3"), s3fake.WithFacts(s3fake.ObjectFacts{PartCount: 2}))
	assert.Error(t, err)

	v := srv.ObjectVersions("bkt", "")
	require.Len(t, v, 3)
	assert.Equal(t, "d41d8cd98f00b204e9800998ecf8427e", v[0].ETag, "empty")
	assert.Equal(t, etag, v[1].ETag, "given")
	assert.Equal(t, etag+"-3", v[2].ETag, "multi")
	assert.True(t, v[2].IsMultipartUploaded)
}

// Bug 5: seeding fixtures.VersionedSource (a 25 MiB multipart object among
// them) no longer hashes 25 MiB per test.
func BenchmarkSeedVersionedSource(b *testing.B) {
	srv, err := s3fake.New()
	require.NoError(b, err)
	defer srv.Close()
	history := fixtures.VersionedSource()
	for i := 0; b.Loop(); i++ {
		bucket := fmt.Sprintf("src-%d", i)
		if err := srv.CreateBucket(bucket, s3fake.Versioned()); err != nil {
			b.Fatal(err)
		}
		if err := srv.Seed(bucket, history...); err != nil {
			b.Fatal(err)
		}
	}
}
