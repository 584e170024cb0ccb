package report

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/s3fake/s3fake/inventory"
)

// Record is one row of a report read back: the source bucket and the
// version's facts, typed. Columns a report does not have stay zero.
type Record struct {
	Bucket string
	inventory.ObjectVersion
}

// ReadCSV reads a gzip-compressed CSV data file of a report: no header,
// every value quoted, keys URL-encoded (decoded here). columns are the
// file's columns in order, as the manifest names them (Manifest.Columns);
// a CSV file does not name its own columns, so ReadCSV refuses nil or
// empty columns, unknown names and lines with another number of fields.
// To read a whole report whatever its format, use ReadReport.
func ReadCSV(gz io.Reader, columns []string) ([]Record, error) {
	if len(columns) == 0 {
		return nil, errors.New("inventory: csv: no columns: pass the manifest's (Manifest.Columns)")
	}
	for _, name := range columns {
		// An empty cell is valid for every known column: this checks names only.
		if err := setField(&Record{}, name, ""); err != nil {
			return nil, fmt.Errorf("inventory: csv: column %q: %w", name, err)
		}
	}
	zr, err := gzip.NewReader(gz)
	if err != nil {
		return nil, fmt.Errorf("inventory: csv: %w", err)
	}
	r := csv.NewReader(zr)
	r.FieldsPerRecord = len(columns)
	var out []Record
	for {
		fields, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("inventory: csv: %w", err)
		}
		var rec Record
		for i, name := range columns {
			if err := setField(&rec, name, fields[i]); err != nil {
				return nil, fmt.Errorf("inventory: csv line %d: %s: %w", len(out)+1, name, err)
			}
		}
		out = append(out, rec)
	}
}

// setField stores one CSV cell, by column name, in rec.
func setField(rec *Record, name, v string) error {
	var err error
	t := func(dst *time.Time) {
		if v != "" {
			*dst, err = time.Parse(TimeLayout, v)
		}
	}
	b := func(dst *bool) {
		if v != "" {
			*dst, err = strconv.ParseBool(v)
		}
	}
	o := &rec.ObjectVersion
	switch name {
	case "Bucket":
		rec.Bucket = v
	case "Key":
		o.Key, err = DecodeKey(v)
	case "VersionId":
		o.VersionID = v
	case "IsLatest":
		b(&o.IsLatest)
	case "IsDeleteMarker":
		b(&o.IsDeleteMarker)
	case "Size":
		if v != "" {
			o.Size, err = strconv.ParseInt(v, 10, 64)
		}
	case "LastModifiedDate":
		t(&o.LastModified)
	case "ETag":
		o.ETag = v
	case "StorageClass":
		o.StorageClass = v
	case "IsMultipartUploaded":
		b(&o.IsMultipartUploaded)
	case "ReplicationStatus":
		o.ReplicationStatus = v
	case "EncryptionStatus":
		o.Encryption = v
	case "ObjectLockRetainUntilDate":
		t(&o.LockRetainUntil)
	case "ObjectLockMode":
		o.LockMode = v
	case "ObjectLockLegalHoldStatus":
		o.LegalHold = v
	case "ObjectLockEventHoldStatus":
		o.ObjectLockEventHoldStatus = v
	case "ObjectLockEventHoldDuration":
		o.ObjectLockEventHoldDuration = v
	case "IntelligentTieringAccessTier":
		o.AccessTier = v
	case "BucketKeyStatus":
		switch v {
		case "ENABLED":
			o.BucketKeyEnabled = true
		case "DISABLED", "":
		default:
			err = fmt.Errorf("BucketKeyStatus %q is not ENABLED or DISABLED", v)
		}
	case "ChecksumAlgorithm":
		o.ChecksumAlgorithm = v
	case "ObjectAccessControlList":
		o.ObjectACL = v
	case "ObjectOwner":
		o.OwnerID = v
	case "LifecycleExpirationDate":
		t(&o.LifecycleExpiration)
	case "IntelligentTieringReferenceDate":
		t(&o.IntelligentTieringReferenceDate)
	default:
		return fmt.Errorf("unknown column")
	}
	return err
}

// columnarToCSV maps ORC/Parquet column names back to CSV names, and
// columnByName finds a column by its CSV name.
var columnarToCSV, columnByName = func() (map[string]string, map[string]inventory.Column) {
	toCSV, byName := map[string]string{}, map[string]inventory.Column{}
	for _, c := range inventory.AllColumns() {
		toCSV[c.ColumnarName] = c.Name
		byName[c.Name] = c
	}
	return toCSV, byName
}()

// ReadParquet reads a Parquet data file of a report, whatever its columns:
// a Parquet file carries its own schema, so no column list is needed. Keys
// are not URL-encoded in Parquet. To read a whole report whatever its
// format, use ReadReport.
func ReadParquet(data []byte) ([]Record, error) {
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("inventory: parquet: %w", err)
	}
	fields := f.Schema().Fields()
	names := make([]string, len(fields))
	for i, fld := range fields {
		name, ok := columnarToCSV[fld.Name()]
		if !ok {
			return nil, fmt.Errorf("inventory: parquet: unknown column %s", fld.Name())
		}
		names[i] = name
	}
	reader := parquet.NewReader(bytes.NewReader(data), f.Schema())
	defer reader.Close()
	var out []Record
	rows := make([]parquet.Row, 64)
	for {
		n, err := reader.ReadRows(rows)
		for _, row := range rows[:n] {
			var rec Record
			for _, v := range row {
				name := names[v.Column()]
				if v.IsNull() {
					continue
				}
				var cell string
				switch v.Kind() {
				case parquet.Boolean:
					cell = strconv.FormatBool(v.Boolean())
				case parquet.Int64:
					if isTimeColumn(name) {
						cell = time.UnixMilli(v.Int64()).UTC().Format(TimeLayout)
					} else {
						cell = strconv.FormatInt(v.Int64(), 10)
					}
				default:
					cell = string(v.ByteArray())
				}
				if name == "Key" {
					rec.Key = cell // Parquet keys are not URL-encoded
					continue
				}
				if err := setField(&rec, name, cell); err != nil {
					return nil, fmt.Errorf("inventory: parquet: %s: %w", name, err)
				}
			}
			out = append(out, rec)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("inventory: parquet: %w", err)
		}
	}
}

func isTimeColumn(name string) bool {
	return columnByName[name].Kind == inventory.KindTime
}
