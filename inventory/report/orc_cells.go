package report

import (
	"time"

	"github.com/s3fake/s3fake/inventory"
)

// orcGetter reads one report column's cell from a version without copying
// the version (cell takes it by value, which costs more than the encoding
// on million-row reports). The rules are cell's: a delete marker has its
// key, version columns and LastModifiedDate, every other cell null; empty
// strings and zero times are null. TestORCReportEqualsCSV holds the two to
// the same rows.
type orcGetter struct {
	str  func(bucket string, v *inventory.ObjectVersion) string
	bool func(v *inventory.ObjectVersion) bool
	int  func(v *inventory.ObjectVersion) int64
	time func(v *inventory.ObjectVersion) time.Time
	// always marks the cells a delete marker keeps.
	always bool
	// nullable marks columns whose empty string or zero time is null
	// (Bucket and Key are never null).
	nullable bool
}

// orcGetters maps a column's CSV name to its getter.
var orcGetters = map[string]orcGetter{
	"Bucket":         {str: func(b string, _ *inventory.ObjectVersion) string { return b }, always: true},
	"Key":            {str: func(_ string, v *inventory.ObjectVersion) string { return v.Key }, always: true},
	"VersionId":      {str: func(_ string, v *inventory.ObjectVersion) string { return v.VersionID }, always: true, nullable: true},
	"IsLatest":       {bool: func(v *inventory.ObjectVersion) bool { return v.IsLatest }, always: true},
	"IsDeleteMarker": {bool: func(v *inventory.ObjectVersion) bool { return v.IsDeleteMarker }, always: true},
	"LastModifiedDate": {time: func(v *inventory.ObjectVersion) time.Time { return v.LastModified }, always: true,
		nullable: true},
	"Size":                {int: func(v *inventory.ObjectVersion) int64 { return v.Size }},
	"ETag":                {str: func(_ string, v *inventory.ObjectVersion) string { return v.ETag }, nullable: true},
	"StorageClass":        {str: func(_ string, v *inventory.ObjectVersion) string { return v.StorageClass }, nullable: true},
	"IsMultipartUploaded": {bool: func(v *inventory.ObjectVersion) bool { return v.IsMultipartUploaded }},
	"ReplicationStatus":   {str: func(_ string, v *inventory.ObjectVersion) string { return v.ReplicationStatus }, nullable: true},
	"EncryptionStatus":    {str: func(_ string, v *inventory.ObjectVersion) string { return v.Encryption }, nullable: true},
	"ObjectLockRetainUntilDate": {time: func(v *inventory.ObjectVersion) time.Time { return v.LockRetainUntil },
		nullable: true},
	"ObjectLockMode": {str: func(_ string, v *inventory.ObjectVersion) string { return v.LockMode }, nullable: true},
	"ObjectLockLegalHoldStatus": {str: func(_ string, v *inventory.ObjectVersion) string { return v.LegalHold },
		nullable: true},
	"ObjectLockEventHoldStatus": {str: func(_ string, v *inventory.ObjectVersion) string { return v.ObjectLockEventHoldStatus },
		nullable: true},
	"ObjectLockEventHoldDuration": {str: func(_ string, v *inventory.ObjectVersion) string { return v.ObjectLockEventHoldDuration },
		nullable: true},
	"IntelligentTieringAccessTier": {str: func(_ string, v *inventory.ObjectVersion) string { return v.AccessTier },
		nullable: true},
	"BucketKeyStatus":   {str: func(_ string, v *inventory.ObjectVersion) string { return v.BucketKeyStatus() }, nullable: true},
	"ChecksumAlgorithm": {str: func(_ string, v *inventory.ObjectVersion) string { return v.ChecksumAlgorithm }, nullable: true},
	"ObjectAccessControlList": {str: func(_ string, v *inventory.ObjectVersion) string { return v.ObjectACL },
		nullable: true},
	"ObjectOwner": {str: func(_ string, v *inventory.ObjectVersion) string { return v.OwnerID }, nullable: true},
	"LifecycleExpirationDate": {time: func(v *inventory.ObjectVersion) time.Time { return v.LifecycleExpiration },
		nullable: true},
	"IntelligentTieringReferenceDate": {time: func(v *inventory.ObjectVersion) time.Time { return v.IntelligentTieringReferenceDate },
		nullable: true},
}

// null reports whether the cell of g for v is null, given its value's
// emptiness.
func (g *orcGetter) null(v *inventory.ObjectVersion, empty bool) bool {
	return v.IsDeleteMarker && !g.always || g.nullable && empty
}
