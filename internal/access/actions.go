package access

import (
	"sort"
	"strings"
)

// resourceKind is what an action's resource is: S3 refuses a bucket
// policy statement whose actions apply to none of its resources.
type resourceKind int

const (
	onBucket  resourceKind = iota // arn:aws:s3:::bucket
	onObject                      // arn:aws:s3:::bucket/key
	onAccount                     // no bucket: never applies in a bucket policy
)

// s3Actions lists the S3 actions policies may name, after the Service
// Authorization Reference, with the resource each applies to. Every call
// s3fake serves or passes to gofakes3 has its action here.
var s3Actions = map[string]resourceKind{
	// Objects.
	"AbortMultipartUpload":             onObject,
	"BypassGovernanceRetention":        onObject,
	"DeleteObject":                     onObject,
	"DeleteObjectTagging":              onObject,
	"DeleteObjectVersion":              onObject,
	"DeleteObjectVersionTagging":       onObject,
	"GetObject":                        onObject,
	"GetObjectAcl":                     onObject,
	"GetObjectAttributes":              onObject,
	"GetObjectLegalHold":               onObject,
	"GetObjectRetention":               onObject,
	"GetObjectTagging":                 onObject,
	"GetObjectTorrent":                 onObject,
	"GetObjectVersion":                 onObject,
	"GetObjectVersionAcl":              onObject,
	"GetObjectVersionAttributes":       onObject,
	"GetObjectVersionForReplication":   onObject,
	"GetObjectVersionTagging":          onObject,
	"GetObjectVersionTorrent":          onObject,
	"InitiateReplication":              onObject,
	"ListMultipartUploadParts":         onObject,
	"ObjectOwnerOverrideToBucketOwner": onObject,
	"PutObject":                        onObject,
	"PutObjectAcl":                     onObject,
	"PutObjectLegalHold":               onObject,
	"PutObjectRetention":               onObject,
	"PutObjectTagging":                 onObject,
	"PutObjectVersionAcl":              onObject,
	"PutObjectVersionTagging":          onObject,
	"ReplicateDelete":                  onObject,
	"ReplicateObject":                  onObject,
	"ReplicateTags":                    onObject,
	"RestoreObject":                    onObject,

	// Buckets.
	"DeleteBucket":                           onBucket,
	"DeleteBucketOwnershipControls":          onBucket,
	"DeleteBucketPolicy":                     onBucket,
	"DeleteBucketWebsite":                    onBucket,
	"GetAccelerateConfiguration":             onBucket,
	"GetAnalyticsConfiguration":              onBucket,
	"GetBucketAcl":                           onBucket,
	"GetBucketCORS":                          onBucket,
	"GetBucketLocation":                      onBucket,
	"GetBucketLogging":                       onBucket,
	"GetBucketNotification":                  onBucket,
	"GetBucketObjectLockConfiguration":       onBucket,
	"GetBucketOwnershipControls":             onBucket,
	"GetBucketPolicy":                        onBucket,
	"GetBucketPolicyStatus":                  onBucket,
	"GetBucketPublicAccessBlock":             onBucket,
	"GetBucketRequestPayment":                onBucket,
	"GetBucketTagging":                       onBucket,
	"GetBucketVersioning":                    onBucket,
	"GetBucketWebsite":                       onBucket,
	"GetEncryptionConfiguration":             onBucket,
	"GetIntelligentTieringConfiguration":     onBucket,
	"GetInventoryConfiguration":              onBucket,
	"GetLifecycleConfiguration":              onBucket,
	"GetMetricsConfiguration":                onBucket,
	"GetReplicationConfiguration":            onBucket,
	"ListBucket":                             onBucket,
	"ListBucketMultipartUploads":             onBucket,
	"ListBucketVersions":                     onBucket,
	"PutAccelerateConfiguration":             onBucket,
	"PutAnalyticsConfiguration":              onBucket,
	"PutBucketAcl":                           onBucket,
	"PutBucketCORS":                          onBucket,
	"PutBucketLogging":                       onBucket,
	"PutBucketNotification":                  onBucket,
	"PutBucketObjectLockConfiguration":       onBucket,
	"PutBucketOwnershipControls":             onBucket,
	"PutBucketPolicy":                        onBucket,
	"PutBucketPublicAccessBlock":             onBucket,
	"PutBucketRequestPayment":                onBucket,
	"PutBucketTagging":                       onBucket,
	"PutBucketVersioning":                    onBucket,
	"PutBucketWebsite":                       onBucket,
	"PutEncryptionConfiguration":             onBucket,
	"PutIntelligentTieringConfiguration":     onBucket,
	"PutInventoryConfiguration":              onBucket,
	"PutLifecycleConfiguration":              onBucket,
	"PutMetricsConfiguration":                onBucket,
	"PutReplicationConfiguration":            onBucket,
	"CreateBucketMetadataTableConfiguration": onBucket,
	"DeleteBucketMetadataTableConfiguration": onBucket,
	"GetBucketMetadataTableConfiguration":    onBucket,

	// Account level. CreateBucket names a bucket ARN in identity policies,
	// but a bucket policy belongs to a bucket that already exists, and S3
	// refuses s3:CreateBucket in one; filing it here gives that refusal.
	"CreateBucket":                onAccount,
	"CreateJob":                   onAccount,
	"GetAccountPublicAccessBlock": onAccount,
	"ListAccessPoints":            onAccount,
	"ListAllMyBuckets":            onAccount,
	"ListJobs":                    onAccount,
	"PutAccountPublicAccessBlock": onAccount,
}

// lowerActions maps "s3:getobject" to its kind, for case-insensitive use:
// IAM action names are case-insensitive.
var lowerActions = func() map[string]resourceKind {
	m := make(map[string]resourceKind, len(s3Actions))
	for name, kind := range s3Actions {
		m["s3:"+strings.ToLower(name)] = kind
	}
	return m
}()

// KnownActions returns every S3 action name this package accepts in a
// bucket policy ("s3:GetObject", ...), sorted.
func KnownActions() []string {
	names := make([]string, 0, len(s3Actions))
	for name := range s3Actions {
		names = append(names, "s3:"+name)
	}
	sort.Strings(names)
	return names
}

// actionPatternValid reports whether a bucket policy may name pattern: "*",
// or "s3:" followed by a name or wildcard pattern matching a known action.
func actionPatternValid(pattern string) bool {
	p := strings.ToLower(pattern)
	if p == "*" {
		return true
	}
	if !strings.HasPrefix(p, "s3:") {
		return false
	}
	if _, ok := lowerActions[p]; ok {
		return true
	}
	if !strings.ContainsAny(p, "*?") {
		return false
	}
	for name := range lowerActions {
		if wildcardMatch(p, name) {
			return true
		}
	}
	return false
}
