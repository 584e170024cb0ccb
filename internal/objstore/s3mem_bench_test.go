package objstore_test

// The baseline of BenchmarkSeed: gofakes3's in-memory backend, s3mem,
// storing the same zero-byte objects through its Backend.PutObject. It is
// the only use of gofakes3 in this package, kept so that the README's
// seeding figures keep their comparison; the store itself does not
// import gofakes3.

import (
	"bytes"
	"runtime"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

func BenchmarkSeedS3mem(b *testing.B) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, order := range []string{"sorted", "random"} {
		b.Run(order, func(b *testing.B) {
			keys := benchKeys(b.N, order == "random")
			be := s3mem.New(s3mem.WithTimeSource(gofakes3.FixedTimeSource(at)))
			if err := be.CreateBucket("b"); err != nil {
				b.Fatal(err)
			}
			before := heapInUse()
			b.ResetTimer()
			for _, k := range keys {
				if _, err := be.PutObject("b", k, nil, bytes.NewReader(nil), 0, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(heapInUse()-before)/float64(b.N), "B/object")
			runtime.KeepAlive(be)
			runtime.KeepAlive(keys)
		})
	}
}
