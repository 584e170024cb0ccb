package report_test

import (
	"testing"
	"time"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
)

// BenchmarkReportORC1e6 generates a report of 1e6 objects with all
// optional fields as CSV.gz and as ORC in one run; it reports each time,
// the time per object, the ratio (goal: ORC <= 2x CSV.gz), each peak heap
// and each size.
func BenchmarkReportORC1e6(b *testing.B) {
	const n = 1_000_000
	versions := benchVersions(n)
	gen := func(format inventory.Format) report.Report { return benchGenerate(b, versions, format) }
	var csvT, orcT time.Duration
	var csvPeak, orcPeak uint64
	var csvSize, orcSize int
	for b.Loop() {
		t0 := time.Now()
		csvPeak = peakHeap(func() { csvSize = len(gen(inventory.FormatCSV).DataFiles[0].Body) })
		t1 := time.Now()
		orcPeak = peakHeap(func() { orcSize = len(gen(inventory.FormatORC).DataFiles[0].Body) })
		t2 := time.Now()
		csvT += t1.Sub(t0)
		orcT += t2.Sub(t1)
	}
	k := float64(b.N)
	b.ReportMetric(csvT.Seconds()/k, "csv-s")
	b.ReportMetric(orcT.Seconds()/k, "orc-s")
	b.ReportMetric(float64(orcT.Nanoseconds())/k/n, "orc-ns/object")
	b.ReportMetric(float64(orcT)/float64(csvT), "orc/csv")
	b.ReportMetric(float64(csvPeak)/(1<<20), "csv-peak-MiB")
	b.ReportMetric(float64(orcPeak)/(1<<20), "orc-peak-MiB")
	b.ReportMetric(float64(csvSize)/(1<<20), "csv-gz-MiB")
	b.ReportMetric(float64(orcSize)/(1<<20), "orc-MiB")
}
