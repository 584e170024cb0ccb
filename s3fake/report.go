package s3fake

import (
	"errors"

	"github.com/s3fake/s3fake/inventory"
)

// Report reads a delivered run back from its destination bucket as a
// consumer would (inventory.ReadManifest, then inventory.ReadReport): it
// verifies manifest.checksum against manifest.json and every data file
// against its size and MD5 in the manifest, and returns the manifest and
// the rows of all data files in manifest order, whatever the report's
// format. It reads the store directly: no HTTP, no permissions. It
// returns an error for a run that delivered nothing, and for a report
// whose objects were changed or deleted since.
func (s *Server) Report(run inventory.Run) (inventory.Manifest, []inventory.Record, error) {
	if !run.Delivered {
		return inventory.Manifest{}, nil, errors.New("s3fake: Report: the run delivered nothing: " + run.Reason)
	}
	fetch := func(key string) ([]byte, error) { return s.objects.ReadCurrent(run.DestinationBucket, key) }
	m, err := inventory.ReadManifest(run.ManifestKey, fetch)
	if err != nil {
		return m, nil, err
	}
	rows, err := inventory.ReadReport(m, fetch)
	return m, rows, err
}
