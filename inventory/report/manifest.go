package report

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// ManifestVersion is the only manifest version S3 writes.
const ManifestVersion = "2016-11-30"

// Manifest is manifest.json, fields in the order S3 writes them
// (docs/inventory-report.md §2).
type Manifest struct {
	// SourceBucket is the inventoried bucket's name.
	SourceBucket string `json:"sourceBucket"`
	// DestinationBucket is the destination bucket's ARN,
	// "arn:aws:s3:::<bucket>" (BucketFromARN gives the name).
	DestinationBucket string `json:"destinationBucket"`
	// Version is always ManifestVersion, "2016-11-30".
	Version string `json:"version"`
	// CreationTimestamp is the scan's start in milliseconds since the
	// epoch, as a decimal string.
	CreationTimestamp string `json:"creationTimestamp"`
	// FileFormat is "CSV", "ORC" or "Parquet" (a Format).
	FileFormat string `json:"fileFormat"`
	// FileSchema lists the columns in the format's syntax: "Bucket, Key,
	// ..." for CSV, "struct<bucket:string,...>" for ORC, "message
	// s3.inventory { required binary bucket (STRING); ...}" for Parquet.
	// Columns splits it into names.
	FileSchema string `json:"fileSchema"`
	// Files are the run's data files, in order.
	Files []ManifestFile `json:"files"`
}

// ManifestFile is one data file of a run.
type ManifestFile struct {
	// Key is the data file's key in the destination bucket.
	Key string `json:"key"`
	// Size is the stored (compressed) size in bytes.
	Size int64 `json:"size"`
	// MD5Checksum is the lower-case hex MD5 of the stored bytes.
	MD5Checksum string `json:"MD5checksum"`
}

// Marshal returns manifest.json as written: two-space indentation and a
// trailing newline.
func (m Manifest) Marshal() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	// A struct of strings and ints always encodes.
	_ = enc.Encode(m)
	return buf.Bytes()
}

// ParseManifest reads a manifest.json.
func ParseManifest(r io.Reader) (Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(r)
	if err := dec.Decode(&m); err != nil {
		return m, fmt.Errorf("inventory: manifest: %w", err)
	}
	if m.Version != ManifestVersion {
		return m, fmt.Errorf("inventory: manifest version %q, want %q", m.Version, ManifestVersion)
	}
	return m, nil
}

// Columns returns the column names the manifest's fileSchema lists, in
// order, in its format's own names: "Bucket", "Key", ... for CSV (what
// ReadCSV takes); "bucket", "key", ... for ORC and Parquet.
func (m Manifest) Columns() []string { return schemaColumns(m.FileFormat, m.FileSchema) }

// checksumOf returns manifest.checksum for the manifest bytes: the lower
// case hex MD5 and a newline.
func checksumOf(manifestJSON []byte) []byte {
	sum := md5.Sum(manifestJSON)
	return []byte(hex.EncodeToString(sum[:]) + "\n")
}

// VerifyChecksum reports whether checksum (manifest.checksum, surrounding
// white space ignored) is the MD5 of manifestJSON.
func VerifyChecksum(manifestJSON, checksum []byte) error {
	want := strings.TrimSpace(string(checksumOf(manifestJSON)))
	if got := strings.TrimSpace(string(checksum)); got != want {
		return fmt.Errorf("inventory: manifest checksum %q, want %q", got, want)
	}
	return nil
}

// VerifyFile checks a data file's bytes against its manifest entry.
func (f ManifestFile) VerifyFile(data []byte) error {
	if int64(len(data)) != f.Size {
		return fmt.Errorf("inventory: %s: size %d, manifest says %d", f.Key, len(data), f.Size)
	}
	sum := md5.Sum(data)
	if got := hex.EncodeToString(sum[:]); got != f.MD5Checksum {
		return fmt.Errorf("inventory: %s: MD5 %s, manifest says %s", f.Key, got, f.MD5Checksum)
	}
	return nil
}
