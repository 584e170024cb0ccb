package s3fake

import (
	"errors"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
)

// Report reads a delivered run back from its destination bucket as a
// consumer would (report.ReadManifest, then report.ReadReport): it
// verifies manifest.checksum against manifest.json and every data file
// against its size and MD5 in the manifest, and returns the manifest and
// the rows of all data files in manifest order, whatever the report's
// format. It reads the store directly: no HTTP, no permissions. It
// returns an error for a run that delivered nothing, and for a report
// whose objects were changed or deleted since.
func (s *Server) Report(run inventory.Run) (report.Manifest, []report.Record, error) {
	if !run.Delivered {
		return report.Manifest{}, nil, errors.New("s3fake: Report: the run delivered nothing: " + run.Reason)
	}
	fetch := func(key string) ([]byte, error) { return s.objects.ReadCurrent(run.DestinationBucket, key) }
	m, err := report.ReadManifest(run.ManifestKey, fetch)
	if err != nil {
		return m, nil, err
	}
	rows, err := report.ReadReport(m, fetch)
	return m, rows, err
}
