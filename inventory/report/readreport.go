package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/s3fake/s3fake/inventory"
)

// Fetch returns the bytes of one object of a report's destination bucket,
// by key. It is how ReadManifest and ReadReport reach a report: wrap an S3
// client's GetObject (the bucket is Manifest.DestinationBucket without
// its "arn:aws:s3:::" prefix, see BucketFromARN), or a map in a unit test.
type Fetch func(key string) ([]byte, error)

// ReadManifest fetches manifestKey (".../YYYY-MM-DDTHH-MMZ/manifest.json")
// and the manifest.checksum beside it, verifies that the checksum is the
// MD5 of the manifest, and parses the manifest. A report is complete once
// its manifest.checksum exists: S3 writes it last.
func ReadManifest(manifestKey string, fetch Fetch) (Manifest, error) {
	dir, ok := strings.CutSuffix(manifestKey, "manifest.json")
	if !ok {
		return Manifest{}, fmt.Errorf("inventory: %q is not a manifest.json key", manifestKey)
	}
	body, err := fetch(manifestKey)
	if err != nil {
		return Manifest{}, fmt.Errorf("inventory: fetching %s: %w", manifestKey, err)
	}
	sum, err := fetch(dir + "manifest.checksum")
	if err != nil {
		return Manifest{}, fmt.Errorf("inventory: fetching %smanifest.checksum: %w", dir, err)
	}
	if err := VerifyChecksum(body, sum); err != nil {
		return Manifest{}, err
	}
	return ParseManifest(bytes.NewReader(body))
}

// ReadReport fetches every data file m lists, checks each against its size
// and MD5 in m, decodes it by m.FileFormat and returns the rows of all
// files in manifest order. Rows come as S3 wrote them, not sorted. A
// format ReadReport cannot decode returns ErrFormatNotSupported.
func ReadReport(m Manifest, fetch Fetch) ([]Record, error) {
	var out []Record
	for _, f := range m.Files {
		data, err := fetch(f.Key)
		if err != nil {
			return nil, fmt.Errorf("inventory: fetching %s: %w", f.Key, err)
		}
		if err := f.VerifyFile(data); err != nil {
			return nil, err
		}
		rows, err := decodeDataFile(m, data)
		if err != nil {
			return nil, fmt.Errorf("inventory: %s: %w", f.Key, err)
		}
		out = append(out, rows...)
	}
	return out, nil
}

// decodeDataFile decodes one data file of m by the manifest's format. It
// is the one place a reader is chosen: a new format's reader is one case
// here.
func decodeDataFile(m Manifest, data []byte) ([]Record, error) {
	switch inventory.Format(m.FileFormat) {
	case inventory.FormatCSV:
		return ReadCSV(bytes.NewReader(data), m.Columns())
	case inventory.FormatParquet:
		return ReadParquet(data)
	case inventory.FormatORC:
		return ReadORC(data)
	}
	return nil, fmt.Errorf("%w: %q", ErrFormatNotSupported, m.FileFormat)
}
