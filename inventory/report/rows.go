package report

import (
	"strings"
	"time"

	"github.com/s3fake/s3fake/inventory"
)

// Value is one cell of a report row. Null cells are "" in CSV and null in
// Parquet.
type Value struct {
	Kind inventory.ColumnKind
	Null bool
	Str  string
	Bool bool
	Int  int64
	Time time.Time
}

// Row is one report row, a Value per column.
type Row []Value

// selectVersions returns the versions a report of cfg lists (versions
// itself when it keeps them all; the result must not be modified), in
// snapshot order: all versions and delete markers for All, and for Current only
// latest versions that are not delete markers; in either case only keys
// under the configuration's filter prefix.
func selectVersions(cfg inventory.Configuration, versions []inventory.ObjectVersion) []inventory.ObjectVersion {
	prefix := ""
	if cfg.Filter != nil {
		prefix = cfg.Filter.Prefix
	}
	keep := func(v *inventory.ObjectVersion) bool {
		return strings.HasPrefix(v.Key, prefix) &&
			(cfg.IncludedObjectVersions == inventory.AllVersions || v.IsLatest && !v.IsDeleteMarker)
	}
	first := 0 // versions[:first] are all kept: no copy while nothing is dropped
	for first < len(versions) && keep(&versions[first]) {
		first++
	}
	if first == len(versions) {
		return versions
	}
	out := append(make([]inventory.ObjectVersion, 0, len(versions)), versions[:first]...)
	for i := first + 1; i < len(versions); i++ {
		if keep(&versions[i]) {
			out = append(out, versions[i])
		}
	}
	return out
}

// MakeRow returns the cells of v for cols. A delete marker has its key,
// version columns and LastModifiedDate; every other cell is null.
func MakeRow(cols []inventory.Column, bucket string, v inventory.ObjectVersion) Row {
	return appendRow(make(Row, 0, len(cols)), cols, bucket, v)
}

// appendRow appends the cells of v for cols to dst: MakeRow without the
// allocation, for callers that reuse a row.
func appendRow(dst Row, cols []inventory.Column, bucket string, v inventory.ObjectVersion) Row {
	for _, c := range cols {
		dst = append(dst, cell(c, bucket, v))
	}
	return dst
}

func cell(c inventory.Column, bucket string, v inventory.ObjectVersion) Value {
	str := func(s string) Value { return Value{Kind: inventory.KindString, Str: s, Null: s == ""} }
	tm := func(t time.Time) Value { return Value{Kind: inventory.KindTime, Time: t.UTC(), Null: t.IsZero()} }
	switch c.Name {
	case "Bucket":
		return Value{Kind: inventory.KindString, Str: bucket}
	case "Key":
		return Value{Kind: inventory.KindString, Str: v.Key}
	case "VersionId":
		return str(v.VersionID)
	case "IsLatest":
		return Value{Kind: inventory.KindBool, Bool: v.IsLatest}
	case "IsDeleteMarker":
		return Value{Kind: inventory.KindBool, Bool: v.IsDeleteMarker}
	case "LastModifiedDate":
		return tm(v.LastModified)
	}
	if v.IsDeleteMarker {
		return Value{Kind: c.Kind, Null: true}
	}
	switch c.Name {
	case "Size":
		return Value{Kind: inventory.KindInt, Int: v.Size}
	case "ETag":
		return str(v.ETag)
	case "StorageClass":
		return str(v.StorageClass)
	case "IsMultipartUploaded":
		return Value{Kind: inventory.KindBool, Bool: v.IsMultipartUploaded}
	case "ReplicationStatus":
		return str(v.ReplicationStatus)
	case "EncryptionStatus":
		return str(v.Encryption)
	case "ObjectLockRetainUntilDate":
		return tm(v.LockRetainUntil)
	case "ObjectLockMode":
		return str(v.LockMode)
	case "ObjectLockLegalHoldStatus":
		return str(v.LegalHold)
	case "ObjectLockEventHoldStatus":
		return str(v.ObjectLockEventHoldStatus)
	case "ObjectLockEventHoldDuration":
		return str(v.ObjectLockEventHoldDuration)
	case "IntelligentTieringAccessTier":
		return str(v.AccessTier)
	case "BucketKeyStatus":
		return str(v.BucketKeyStatus())
	case "ChecksumAlgorithm":
		return str(v.ChecksumAlgorithm)
	case "ObjectAccessControlList":
		return str(v.ObjectACL)
	case "ObjectOwner":
		return str(v.OwnerID)
	case "LifecycleExpirationDate":
		return tm(v.LifecycleExpiration)
	case "IntelligentTieringReferenceDate":
		return tm(v.IntelligentTieringReferenceDate)
	}
	return Value{Kind: c.Kind, Null: true}
}
