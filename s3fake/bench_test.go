package s3fake_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// BenchmarkStart starts (and closes) an s3fake server and, interleaved in
// the same loop, a bare gofakes3 server over s3mem, and reports both start
// times and their ratio (goal: ratio <= 2).
func BenchmarkStart(b *testing.B) {
	var ours, bare time.Duration
	for b.Loop() {
		t0 := time.Now()
		srv, err := s3fake.New()
		t1 := time.Now()
		if err != nil {
			b.Fatal(err)
		}
		srv.Close()

		t2 := time.Now()
		ts := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
		t3 := time.Now()
		ts.Close()
		ours += t1.Sub(t0)
		bare += t3.Sub(t2)
	}
	n := float64(b.N)
	b.ReportMetric(float64(ours.Microseconds())/n, "s3fake-µs/start")
	b.ReportMetric(float64(bare.Microseconds())/n, "gofakes3-µs/start")
	b.ReportMetric(float64(ours)/float64(bare), "ratio")
}

// BenchmarkPutInventoryHandler serves a PutBucketInventoryConfiguration of
// the 19-optional-field document through the front handler with no network
// (goal: <= 10 µs/op and <= 40 allocs/op, the request and writer included).
func BenchmarkPutInventoryHandler(b *testing.B) {
	srv := s3fake.Start(b)
	srv.CreateBucket("src")
	body := fixtures.ValidDocument("every-field")
	// Sign once; the server verifies the signature and payload hash on
	// every iteration, as it would for a client's request.
	signed := httptest.NewRequest(http.MethodPut, "/src?inventory=&id=report1", nil)
	signed.Host = "example.com"
	if err := srv.SignRequest(signed, body); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		// A request as net/http's server hands it over, and a writer that
		// drops the answer (both in bench_objects_test.go).
		w := newDiscardWriter()
		srv.ServeHTTP(w, serverRequest(signed, "/src?inventory=&id=report1", body))
		if w.code != http.StatusNoContent {
			b.Fatalf("status %d", w.code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e3, "µs/put")
	// CPU time per call (the collector's share included), which a busy
	// machine does not inflate as it does wall time.
	b.ReportMetric(float64((processCPU()-cpu0).Nanoseconds())/float64(b.N)/1e3, "cpu-µs/put")
}

// BenchmarkSDKInventoryVsHeadBucket times an SDK Put+Get inventory round
// trip and an SDK HeadBucket on the same server, interleaved, and reports
// the per-call ratio (Put+Get)/2 : HeadBucket (goal: <= 1.2), and the Put
// and the Get each against HeadBucket (put-ratio, get-ratio), since most
// of what separates them is the SDK's own XML work: serializing the Put's
// document, decoding the Get's.
func BenchmarkSDKInventoryVsHeadBucket(b *testing.B) {
	srv := s3fake.Start(b)
	srv.CreateBucket("src")
	srv.CreateBucket("dst")
	client := srv.Client()
	ctx := context.Background()
	cfg := fixtures.EveryField("report1", "dst", s3fake.DefaultAccountID)
	in := sdkConfig(cfg)
	var put, get, head time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String("src"), Id: aws.String("report1"), InventoryConfiguration: in,
		}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
			Bucket: aws.String("src"), Id: aws.String("report1"),
		}); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if _, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("src")}); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		put += t1.Sub(t0)
		get += t2.Sub(t1)
		head += t3.Sub(t2)
	}
	n := float64(b.N)
	b.ReportMetric(float64((put+get).Microseconds())/n/2, "inventory-µs/call")
	b.ReportMetric(float64(head.Microseconds())/n, "headbucket-µs/call")
	b.ReportMetric(float64(put+get)/2/float64(head), "ratio")
	b.ReportMetric(float64(put)/float64(head), "put-ratio")
	b.ReportMetric(float64(get)/float64(head), "get-ratio")
}
