package report

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/s3fake/s3fake/inventory"
)

// DefaultMaxRowsPerFile is how many rows one data file holds before the
// generator starts another.
const DefaultMaxRowsPerFile = 1_000_000

// ErrFormatNotSupported is a run of a format the generator cannot write.
var ErrFormatNotSupported = errors.New("inventory: output format not supported")

// GenerateInput is everything a run needs: no store, no network.
type GenerateInput struct {
	// SourceBucket is the inventoried bucket's name.
	SourceBucket string
	// Config is the configuration being run.
	Config inventory.Configuration
	// Versions is a consistent snapshot of the source bucket, in key order
	// and newest version first per key.
	Versions []inventory.ObjectVersion
	// At is the run's start (the scan time).
	At time.Time
	// NewFileName returns a fresh data file name (a UUID) per call.
	NewFileName func() string
	// MaxRowsPerFile splits data files; 0 means DefaultMaxRowsPerFile.
	MaxRowsPerFile int
}

// File is one object a run writes to the destination bucket.
type File struct {
	// Key is the destination key.
	Key string
	// Body is the stored bytes.
	Body []byte
	// ContentType is the Content-Type to store.
	ContentType string
}

// Report is what one run delivers, in the order it must be written:
// DataFiles, then ManifestJSON, then Symlink, then Checksum last (its
// creation is S3's completion signal).
type Report struct {
	DataFiles    []File
	Manifest     Manifest
	ManifestJSON File
	Symlink      File
	Checksum     File
	// Rows is the number of rows across the data files.
	Rows int
}

// Files returns every file of the report in delivery order.
func (r Report) Files() []File {
	out := append([]File(nil), r.DataFiles...)
	return append(out, r.ManifestJSON, r.Symlink, r.Checksum)
}

// Generate builds a report from a snapshot.
func Generate(in GenerateInput) (Report, error) {
	cfg := in.Config
	cols := inventory.Columns(cfg)
	versions := selectVersions(cfg, in.Versions)
	maxRows := in.MaxRowsPerFile
	if maxRows <= 0 {
		maxRows = DefaultMaxRowsPerFile
	}
	var enc func(cols []inventory.Column, bucket string, versions []inventory.ObjectVersion) ([]byte, error)
	ext, contentType := "", ""
	switch cfg.Destination.Format {
	case inventory.FormatCSV:
		enc, ext, contentType = encodeCSVGzip, ".csv.gz", "application/x-gzip"
	case inventory.FormatParquet:
		enc, ext, contentType = encodeParquet, ".parquet", "application/octet-stream"
	case inventory.FormatORC:
		enc, ext, contentType = writeORC, ".orc", "application/octet-stream"
	default:
		return Report{}, ErrFormatNotSupported
	}
	destBucket := inventory.BucketFromARN(cfg.Destination.BucketARN)
	rep := Report{Rows: len(versions)}
	var symlink strings.Builder
	for start := 0; start < len(versions) || (start == 0 && len(rep.DataFiles) == 0); start += maxRows {
		end := min(start+maxRows, len(versions))
		body, err := enc(cols, in.SourceBucket, versions[start:end])
		if err != nil {
			return Report{}, err
		}
		f := File{Key: inventory.DataKey(cfg, in.SourceBucket, in.NewFileName()+ext), Body: body, ContentType: contentType}
		rep.DataFiles = append(rep.DataFiles, f)
		sum := md5.Sum(body)
		rep.Manifest.Files = append(rep.Manifest.Files, ManifestFile{Key: f.Key, Size: int64(len(body)), MD5Checksum: hex.EncodeToString(sum[:])})
		symlink.WriteString("s3://" + destBucket + "/" + f.Key + "\n")
		if end == len(versions) {
			break
		}
	}
	at := in.At.UTC()
	rep.Manifest.SourceBucket = in.SourceBucket
	rep.Manifest.DestinationBucket = cfg.Destination.BucketARN
	rep.Manifest.Version = ManifestVersion
	rep.Manifest.CreationTimestamp = strconv.FormatInt(at.UnixMilli(), 10)
	rep.Manifest.FileFormat = string(cfg.Destination.Format)
	rep.Manifest.FileSchema = fileSchema(cfg.Destination.Format, cols)

	manifest := rep.Manifest.Marshal()
	rep.ManifestJSON = File{Key: inventory.ManifestKey(cfg, in.SourceBucket, at), Body: manifest, ContentType: "application/json"}
	rep.Checksum = File{Key: inventory.ChecksumKey(cfg, in.SourceBucket, at), Body: checksumOf(manifest), ContentType: "text/plain"}
	rep.Symlink = File{Key: inventory.SymlinkKey(cfg, in.SourceBucket, at), Body: []byte(symlink.String()), ContentType: "text/plain"}
	return rep, nil
}

// fileSchema is the manifest's fileSchema for format and cols.
func fileSchema(format inventory.Format, cols []inventory.Column) string {
	names := make([]string, len(cols))
	switch format {
	case inventory.FormatParquet:
		var b strings.Builder
		b.WriteString("message s3.inventory { ")
		for i, c := range cols {
			req := "optional"
			if i < 2 {
				req = "required"
			}
			b.WriteString(" " + req + " " + parquetSchemaType(c) + " " + c.ColumnarName + parquetAnnotation(c) + "; ")
		}
		return strings.TrimSuffix(b.String(), " ") + "}"
	case inventory.FormatORC:
		for i, c := range cols {
			names[i] = c.ColumnarName + ":" + orcType(c)
		}
		return "struct<" + strings.Join(names, ",") + ">"
	}
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

func parquetSchemaType(c inventory.Column) string {
	switch c.Kind {
	case inventory.KindBool:
		return "boolean"
	case inventory.KindInt, inventory.KindTime:
		return "int64"
	}
	return "binary"
}

func parquetAnnotation(c inventory.Column) string {
	switch c.Kind {
	case inventory.KindString:
		return " (STRING)"
	case inventory.KindTime:
		return " (TIMESTAMP(MILLIS,true))"
	}
	return ""
}

func orcType(c inventory.Column) string {
	switch c.Kind {
	case inventory.KindBool:
		return "boolean"
	case inventory.KindInt:
		return "bigint"
	case inventory.KindTime:
		return "timestamp"
	}
	return "string"
}

// encodeCSVGzip writes the rows as CSV and gzips them with a zero header
// time, so that equal reports are equal bytes.
func encodeCSVGzip(cols []inventory.Column, bucket string, versions []inventory.ObjectVersion) ([]byte, error) {
	var out bytes.Buffer
	zw := newGzipWriter(&out, gzip.DefaultCompression)
	// Rows are batched into 64 KiB writes: gzip is cheaper fed in blocks.
	buf := make([]byte, 0, 80<<10)
	for _, v := range versions {
		buf = appendCSVRecord(buf, cols, bucket, v)
		if len(buf) >= 64<<10 {
			if _, err := zw.Write(buf); err != nil {
				return nil, err
			}
			buf = buf[:0]
		}
	}
	if _, err := zw.Write(buf); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
