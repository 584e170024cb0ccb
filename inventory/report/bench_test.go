package report_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
)

// benchVersions is a bucket of n objects with every fact set.
func benchVersions(n int) []inventory.ObjectVersion {
	out := make([]inventory.ObjectVersion, n)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		out[i] = inventory.ObjectVersion{
			Key: fmt.Sprintf("data/2026/%03d/object %07d.parquet", i%1000, i), VersionID: fmt.Sprintf("v%031d", i),
			IsLatest: true, Size: int64(i * 37), LastModified: at.Add(time.Duration(i) * time.Second),
			ETag: "d41d8cd98f00b204e9800998ecf8427f", ObjectFacts: inventory.ObjectFacts{StorageClass: "STANDARD", Encryption: "SSE-S3", ChecksumAlgorithm: "CRC64NVME", OwnerID: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a"},
			ObjectACL: "eyJ2ZXJzaW9uIjoiMjAyMi0xMS0xMCJ9",
		}
	}
	return out
}

// peakHeap samples the heap while f runs and returns the largest value
// above the heap before f started.
func peakHeap(f func()) uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var s runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&s)
				if s.HeapAlloc > peak.Load() {
					peak.Store(s.HeapAlloc)
				}
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// benchConfig is the benchmarks' configuration: every version, every
// optional field, CSV.
func benchConfig() inventory.Configuration {
	return inventory.Configuration{
		ID: "bench", IsEnabled: true, IncludedObjectVersions: inventory.AllVersions, Frequency: inventory.Daily,
		Destination:    inventory.Destination{BucketARN: "arn:aws:s3:::dst", Format: inventory.FormatCSV},
		OptionalFields: inventory.DialectAWS.OptionalFields(),
	}
}

// benchGenerate generates the report of versions under benchConfig in
// format.
func benchGenerate(b *testing.B, versions []inventory.ObjectVersion, format inventory.Format) report.Report {
	cfg := benchConfig()
	cfg.Destination.Format = format
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: "src", Config: cfg, Versions: versions, At: time.Unix(0, 0),
		NewFileName: func() string { return "f" },
	})
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// BenchmarkReport1e6 generates a report of 1e6 objects with all optional
// fields as CSV.gz and as Parquet, and gzips the same CSV bytes alone, in
// one run; it reports each time, the ratios (goals: CSV <= 1.5x gzip alone,
// Parquet <= 2x CSV) and the peak heap of each generation.
func BenchmarkReport1e6(b *testing.B) {
	const n = 1_000_000
	versions := benchVersions(n)
	cfg := benchConfig()
	cols := inventory.Columns(cfg)
	var plain []byte
	for _, v := range versions {
		plain = report.AppendCSVLine(plain, cols, report.MakeRow(cols, "src", v))
	}
	gen := func(format inventory.Format) report.Report { return benchGenerate(b, versions, format) }
	var csvT, gzT, pqT time.Duration
	var csvPeak, pqPeak uint64
	var csvSize, pqSize int
	for b.Loop() {
		t0 := time.Now()
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(plain)
		_ = zw.Close()
		t1 := time.Now()
		csvPeak = peakHeap(func() { csvSize = len(gen(inventory.FormatCSV).DataFiles[0].Body) })
		t2 := time.Now()
		pqPeak = peakHeap(func() { pqSize = len(gen(inventory.FormatParquet).DataFiles[0].Body) })
		t3 := time.Now()
		gzT += t1.Sub(t0)
		csvT += t2.Sub(t1)
		pqT += t3.Sub(t2)
	}
	k := float64(b.N)
	b.ReportMetric(gzT.Seconds()/k, "gzip-s")
	b.ReportMetric(csvT.Seconds()/k, "csv-s")
	b.ReportMetric(pqT.Seconds()/k, "parquet-s")
	b.ReportMetric(float64(csvT)/float64(gzT), "csv/gzip")
	b.ReportMetric(float64(pqT)/float64(csvT), "parquet/csv")
	b.ReportMetric(float64(csvPeak)/(1<<20), "csv-peak-MiB")
	b.ReportMetric(float64(pqPeak)/(1<<20), "parquet-peak-MiB")
	b.ReportMetric(float64(csvSize)/(1<<20), "csv-gz-MiB")
	b.ReportMetric(float64(pqSize)/(1<<20), "parquet-MiB")
}
