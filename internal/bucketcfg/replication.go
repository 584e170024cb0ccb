package bucketcfg

// Replication: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html
// and https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-add-config.html
// (the V1 schema: a rule with Prefix; V2: a rule with Filter).

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxReplicationRules is the most rules a replication configuration holds.
const MaxReplicationRules = 1000

// Replication is a bucket's replication configuration.
type Replication struct {
	// Role is the IAM role S3 assumes to replicate.
	Role  string
	Rules []ReplicationRule
}

// ReplicationRule is one rule. Nil pointers and "" statuses are absent
// elements.
type ReplicationRule struct {
	ID       string // S3 assigns one when the request has none (AssignIDs)
	Priority *int32
	// Prefix is the V1 schema's selector; Filter is V2's.
	Prefix                    *string
	Filter                    *ReplicationFilter
	Status                    string // StatusEnabled or StatusDisabled
	SourceSelectionCriteria   *SourceSelectionCriteria
	ExistingObjectReplication string // StatusEnabled, StatusDisabled or ""
	DeleteMarkerReplication   string // StatusEnabled, StatusDisabled or ""
	Destination               ReplicationDestination
}

// ReplicationFilter selects the objects of a V2 rule: one predicate, or
// And; empty selects every object.
type ReplicationFilter struct {
	Prefix *string
	Tag    *Tag
	And    *ReplicationAnd
}

// ReplicationAnd is the conjunction of a prefix and tags.
type ReplicationAnd struct {
	Prefix *string
	Tags   []Tag
}

// SourceSelectionCriteria are the statuses of SseKmsEncryptedObjects and
// ReplicaModifications ("" when absent).
type SourceSelectionCriteria struct {
	SSEKMSEncryptedObjects string
	ReplicaModifications   string
}

// ReplicationDestination is where a rule replicates to.
type ReplicationDestination struct {
	// Bucket is the destination bucket's ARN (arn:aws:s3:::name).
	Bucket       string
	Account      string // "" for none
	StorageClass string // "" for the source's
	// AccessControlOwner is AccessControlTranslation's Owner ("" for none).
	AccessControlOwner string
	// ReplicaKMSKeyID is EncryptionConfiguration's ReplicaKmsKeyID; nil
	// when there is no EncryptionConfiguration.
	ReplicaKMSKeyID *string
	ReplicationTime *ReplicationTime
	Metrics         *ReplicationMetrics
}

// ReplicationTime is S3 Replication Time Control.
type ReplicationTime struct {
	Status  string
	Minutes int32
}

// ReplicationMetrics are the replication metrics of a rule.
type ReplicationMetrics struct {
	Status string
	// EventThresholdMinutes is nil when there is no EventThreshold.
	EventThresholdMinutes *int32
}

// Clone returns a copy that shares nothing with r.
func (r Replication) Clone() Replication {
	out := Replication{Role: r.Role, Rules: make([]ReplicationRule, len(r.Rules))}
	for i, rule := range r.Rules {
		rule.Priority = clonePtr(rule.Priority)
		rule.Prefix = clonePtr(rule.Prefix)
		if f := rule.Filter; f != nil {
			c := ReplicationFilter{Prefix: clonePtr(f.Prefix), Tag: clonePtr(f.Tag)}
			if a := f.And; a != nil {
				c.And = &ReplicationAnd{Prefix: clonePtr(a.Prefix), Tags: cloneSlice(a.Tags)}
			}
			rule.Filter = &c
		}
		rule.SourceSelectionCriteria = clonePtr(rule.SourceSelectionCriteria)
		d := &rule.Destination
		d.ReplicaKMSKeyID = clonePtr(d.ReplicaKMSKeyID)
		d.ReplicationTime = clonePtr(d.ReplicationTime)
		if m := d.Metrics; m != nil {
			d.Metrics = &ReplicationMetrics{Status: m.Status, EventThresholdMinutes: clonePtr(m.EventThresholdMinutes)}
		}
		out.Rules[i] = rule
	}
	return out
}

// AssignIDs gives every rule without an ID one, as S3 does.
func (r *Replication) AssignIDs() {
	for i := range r.Rules {
		if r.Rules[i].ID == "" {
			r.Rules[i].ID = generatedID(fmt.Sprintf("replication %d %+v", i, r.Rules[i]))
		}
	}
}

// DestinationBucket is the name in a destination bucket ARN, and false
// when arn is not arn:aws:s3:::name (or another partition's).
func DestinationBucket(arn string) (string, bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || !strings.HasPrefix(parts[1], "aws") || parts[2] != "s3" ||
		parts[3] != "" || parts[4] != "" || parts[5] == "" || strings.Contains(parts[5], "/") {
		return "", false
	}
	return parts[5], true
}

// V2 reports whether the rule uses the V2 schema (Filter).
func (r ReplicationRule) V2() bool { return r.Filter != nil }

// Validate applies S3's checks of a replication configuration (the
// bucket's versioning and the destination's are the caller's): a Role and
// 1 to MaxReplicationRules rules, none with both Prefix and Filter
// (MalformedXML); an ID up to 255 characters, used once, and a
// destination that is a bucket ARN (InvalidArgument); DeleteMarkerReplication
// in every V2 rule and in no V1 rule, not enabled with a tag filter, and a
// priority used once among V2 rules (InvalidRequest). The
// DeleteMarkerReplication messages are S3's (as its users report them);
// those for a bad ARN, a duplicated ID and a duplicated priority are not
// public and are s3fake's.
func (r Replication) Validate() error {
	if r.Role == "" || len(r.Rules) == 0 || len(r.Rules) > MaxReplicationRules {
		return malformed()
	}
	ids := map[string]bool{}
	priorities := map[int32]bool{}
	for _, rule := range r.Rules {
		if utf8.RuneCountInString(rule.ID) > MaxRuleIDLength {
			return invalidArgument("ID length should not exceed allowed limit of 255", "ID", rule.ID)
		}
		if rule.ID != "" {
			if ids[rule.ID] {
				return invalidArgument("Rule Id must be unique", "ID", rule.ID)
			}
			ids[rule.ID] = true
		}
		if rule.Prefix != nil && rule.Filter != nil {
			return malformed()
		}
		if err := rule.validate(); err != nil {
			return err
		}
		if rule.V2() && rule.Priority != nil {
			if priorities[*rule.Priority] && len(r.Rules) > 1 {
				return invalidRequest(fmt.Sprintf("Found duplicate priority %d", *rule.Priority))
			}
			priorities[*rule.Priority] = true
		}
	}
	return nil
}

func (rule ReplicationRule) validate() error {
	if _, ok := DestinationBucket(rule.Destination.Bucket); !ok {
		return invalidArgument("Invalid bucket ARN", "Destination.Bucket", rule.Destination.Bucket)
	}
	if !rule.V2() {
		if rule.DeleteMarkerReplication != "" {
			return invalidRequest("DeleteMarkerReplication cannot be used for this version of Cross Region Replication configuration schema. Please refer to S3 Developer Guide for more information.")
		}
		return nil
	}
	if rule.DeleteMarkerReplication == "" {
		return invalidRequest("DeleteMarkerReplication must be specified for this version of Cross Region Replication configuration schema. Please refer to S3 Developer Guide for more information.")
	}
	f := rule.Filter
	n := 0
	for _, set := range []bool{f.Prefix != nil, f.Tag != nil, f.And != nil} {
		if set {
			n++
		}
	}
	if n > 1 {
		return malformed()
	}
	tagged := f.Tag != nil || (f.And != nil && len(f.And.Tags) > 0)
	if tagged && rule.DeleteMarkerReplication == StatusEnabled {
		return invalidRequest("Delete marker replication is not supported if any Tag filter is specified. Please refer to S3 Developer Guide for more information.")
	}
	return nil
}
