package s3fake_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// BenchmarkDataDir is the cost of WithDataDir (-data-dir): the same call
// through the SDK to an in-memory server and to one with a data directory
// (every write fsynced before its answer), alternating which goes first.
// It reports both times and ratio = data directory / in memory. The disk
// is the machine's; the ratio is mostly the fsync latency over the call's
// own time.
//
//	go test ./s3fake -run '^$' -bench BenchmarkDataDir -benchtime 200x
func BenchmarkDataDir(b *testing.B) {
	for _, size := range []int{1 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("PutObject%dKiB", size>>10), func(b *testing.B) {
			body := bytes.Repeat([]byte("s3fake"), size/6+1)[:size]
			benchBoth(b, func(c *s3.Client, i int) error {
				_, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("bench"),
					Key: aws.String(fmt.Sprintf("k%d", i%16)), Body: bytes.NewReader(body)})
				return err
			})
		})
	}
	b.Run("PutBucketInventoryConfiguration", func(b *testing.B) {
		benchBoth(b, func(c *s3.Client, i int) error {
			id := fmt.Sprintf("c%d", i%100)
			_, err := c.PutBucketInventoryConfiguration(context.Background(), &s3.PutBucketInventoryConfigurationInput{
				Bucket: aws.String("bench"), Id: aws.String(id), InventoryConfiguration: sdkConfig(fixtures.Minimal(id, "bench"))})
			return err
		})
	})
}

// benchBoth times call against both servers, each with the bucket bench.
func benchBoth(b *testing.B, call func(c *s3.Client, i int) error) {
	mem := s3fake.Start(b)
	disk, err := s3fake.New(s3fake.WithDataDir(b.TempDir()), s3fake.WithStartTime(s3fake.DefaultStartTime))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(disk.Close)
	clients := []*s3.Client{mem.Client(), disk.Client()}
	for _, c := range clients {
		if _, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("bench")}); err != nil {
			b.Fatal(err)
		}
	}
	var elapsed [2]time.Duration
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			which := (i + k) % 2
			t0 := time.Now()
			if err := call(clients[which], i); err != nil {
				b.Fatal(err)
			}
			elapsed[which] += time.Since(t0)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(elapsed[0].Microseconds())/n, "mem-µs/op")
	b.ReportMetric(float64(elapsed[1].Microseconds())/n, "disk-µs/op")
	b.ReportMetric(float64(elapsed[1])/float64(elapsed[0]), "ratio")
}
