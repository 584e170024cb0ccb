package bucketcfg

// Lifecycle: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
// and https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"
	"unicode/utf8"
)

// Lifecycle limits.
const (
	// MaxLifecycleRules is the most rules a lifecycle configuration holds.
	MaxLifecycleRules = 1000
	// MaxRuleIDLength is the longest rule ID, in characters (lifecycle
	// and replication).
	MaxRuleIDLength = 255
)

// The values of x-amz-transition-default-minimum-object-size.
const (
	MinSizeAllStorageClasses128K = "all_storage_classes_128K" // the default since September 2024
	MinSizeVariesByStorageClass  = "varies_by_storage_class"
)

// Rule statuses (lifecycle and replication).
const (
	StatusEnabled  = "Enabled"
	StatusDisabled = "Disabled"
)

// Lifecycle is a bucket's lifecycle configuration.
type Lifecycle struct {
	Rules []LifecycleRule
	// MinimumObjectSize is the x-amz-transition-default-minimum-object-size
	// the configuration was put with (MinSizeAllStorageClasses128K when
	// the request named none).
	MinimumObjectSize string
}

// LifecycleRule is one rule. Nil pointers are absent elements.
type LifecycleRule struct {
	// ID is the rule's ID; S3 assigns one when the request has none
	// (AssignIDs).
	ID     string
	Status string // StatusEnabled or StatusDisabled
	// Prefix is the legacy top-level Prefix; a rule has it or Filter.
	Prefix *string
	Filter *LifecycleFilter

	Expiration                  *Expiration
	Transitions                 []Transition
	NoncurrentVersionTransition []NoncurrentTransition
	NoncurrentVersionExpiration *NoncurrentExpiration
	// AbortIncompleteMultipartUploadDays is DaysAfterInitiation.
	AbortIncompleteMultipartUploadDays *int32
}

// LifecycleFilter selects the objects of a rule: one predicate, or And.
// An empty filter selects every object.
type LifecycleFilter struct {
	Prefix                *string
	Tag                   *Tag
	ObjectSizeGreaterThan *int64
	ObjectSizeLessThan    *int64
	And                   *LifecycleAnd
}

// LifecycleAnd is the conjunction of several predicates.
type LifecycleAnd struct {
	Prefix                *string
	Tags                  []Tag
	ObjectSizeGreaterThan *int64
	ObjectSizeLessThan    *int64
}

// Expiration expires current versions: after Days, on Date, or (only)
// removes expired object delete markers.
type Expiration struct {
	Date                      *time.Time
	Days                      *int32
	ExpiredObjectDeleteMarker *bool
}

// Transition moves current versions to StorageClass after Days or on Date.
type Transition struct {
	Date         *time.Time
	Days         *int32
	StorageClass string
}

// NoncurrentTransition moves noncurrent versions.
type NoncurrentTransition struct {
	NoncurrentDays          *int32
	NewerNoncurrentVersions *int32
	StorageClass            string
}

// NoncurrentExpiration expires noncurrent versions.
type NoncurrentExpiration struct {
	NoncurrentDays          *int32
	NewerNoncurrentVersions *int32
}

// TransitionStorageClasses are the classes a transition may target.
var TransitionStorageClasses = []string{"GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"}

// Clone returns a copy that shares nothing with l.
func (l Lifecycle) Clone() Lifecycle {
	out := Lifecycle{MinimumObjectSize: l.MinimumObjectSize, Rules: make([]LifecycleRule, len(l.Rules))}
	for i, r := range l.Rules {
		r.Prefix = clonePtr(r.Prefix)
		if f := r.Filter; f != nil {
			c := LifecycleFilter{Prefix: clonePtr(f.Prefix), Tag: clonePtr(f.Tag),
				ObjectSizeGreaterThan: clonePtr(f.ObjectSizeGreaterThan), ObjectSizeLessThan: clonePtr(f.ObjectSizeLessThan)}
			if a := f.And; a != nil {
				c.And = &LifecycleAnd{Prefix: clonePtr(a.Prefix), Tags: cloneSlice(a.Tags),
					ObjectSizeGreaterThan: clonePtr(a.ObjectSizeGreaterThan), ObjectSizeLessThan: clonePtr(a.ObjectSizeLessThan)}
			}
			r.Filter = &c
		}
		if e := r.Expiration; e != nil {
			r.Expiration = &Expiration{Date: clonePtr(e.Date), Days: clonePtr(e.Days), ExpiredObjectDeleteMarker: clonePtr(e.ExpiredObjectDeleteMarker)}
		}
		if r.Transitions != nil {
			ts := make([]Transition, len(r.Transitions))
			for j, t := range r.Transitions {
				ts[j] = Transition{Date: clonePtr(t.Date), Days: clonePtr(t.Days), StorageClass: t.StorageClass}
			}
			r.Transitions = ts
		}
		if r.NoncurrentVersionTransition != nil {
			ts := make([]NoncurrentTransition, len(r.NoncurrentVersionTransition))
			for j, t := range r.NoncurrentVersionTransition {
				ts[j] = NoncurrentTransition{NoncurrentDays: clonePtr(t.NoncurrentDays),
					NewerNoncurrentVersions: clonePtr(t.NewerNoncurrentVersions), StorageClass: t.StorageClass}
			}
			r.NoncurrentVersionTransition = ts
		}
		if e := r.NoncurrentVersionExpiration; e != nil {
			r.NoncurrentVersionExpiration = &NoncurrentExpiration{NoncurrentDays: clonePtr(e.NoncurrentDays),
				NewerNoncurrentVersions: clonePtr(e.NewerNoncurrentVersions)}
		}
		r.AbortIncompleteMultipartUploadDays = clonePtr(r.AbortIncompleteMultipartUploadDays)
		out.Rules[i] = r
	}
	return out
}

// AssignIDs gives every rule without an ID one, as S3 does: S3's are
// random (the base64 of a UUID); these are derived from the rule's
// position and content, so the same request gives the same IDs.
func (l *Lifecycle) AssignIDs() {
	for i := range l.Rules {
		if l.Rules[i].ID == "" {
			l.Rules[i].ID = generatedID(fmt.Sprintf("lifecycle %d %+v", i, l.Rules[i]))
		}
	}
}

// generatedID is a rule ID in the shape S3 generates: the base64 of a
// UUID's text.
func generatedID(seed string) string {
	h := sha256.Sum256([]byte(seed))
	uuid := fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
	return base64.StdEncoding.EncodeToString([]byte(uuid))
}

// Validate applies S3's checks of a lifecycle configuration, rule by rule.
// Its answers: MalformedXML for what breaks the schema (no rule or more
// than MaxLifecycleRules, a rule with both or neither of Prefix and
// Filter, a filter with two predicates, an Expiration with more than one
// of Days, Date and ExpiredObjectDeleteMarker, a Transition with both or
// neither of Days and Date); InvalidArgument for an ID over 255
// characters, an ID used twice, a day count below one, a date not at
// midnight GMT, a transition to STANDARD_IA or ONEZONE_IA before 30 days;
// InvalidRequest for a rule without an action and for an
// AbortIncompleteMultipartUpload or ExpiredObjectDeleteMarker in a rule
// filtered by tags.
func (l Lifecycle) Validate() error {
	switch l.MinimumObjectSize {
	case MinSizeAllStorageClasses128K, MinSizeVariesByStorageClass:
	default:
		// An enumeration of S3's model; its message for another value is
		// not public.
		return invalidRequest("Invalid value for x-amz-transition-default-minimum-object-size header")
	}
	if len(l.Rules) == 0 || len(l.Rules) > MaxLifecycleRules {
		return malformed() // S3 documents the limit of 1,000 rules, not its answer
	}
	ids := make(map[string]bool, len(l.Rules))
	for _, r := range l.Rules {
		if utf8.RuneCountInString(r.ID) > MaxRuleIDLength {
			return invalidArgument("ID length should not exceed allowed limit of 255", "ID", r.ID)
		}
		if r.ID != "" {
			if ids[r.ID] {
				return invalidArgument("Rule ID must be unique. Found same ID for more than one rule", "ID", r.ID)
			}
			ids[r.ID] = true
		}
		if err := r.validate(); err != nil {
			return err
		}
	}
	return nil
}

func (r LifecycleRule) validate() error {
	if (r.Prefix == nil) == (r.Filter == nil) {
		return malformed()
	}
	tagged := false
	if f := r.Filter; f != nil {
		n := 0
		for _, set := range []bool{f.Prefix != nil, f.Tag != nil, f.ObjectSizeGreaterThan != nil, f.ObjectSizeLessThan != nil, f.And != nil} {
			if set {
				n++
			}
		}
		if n > 1 {
			return malformed()
		}
		tagged = f.Tag != nil || (f.And != nil && len(f.And.Tags) > 0)
	}
	if r.Expiration == nil && len(r.Transitions) == 0 && len(r.NoncurrentVersionTransition) == 0 &&
		r.NoncurrentVersionExpiration == nil && r.AbortIncompleteMultipartUploadDays == nil {
		return invalidRequest("At least one action needs to be specified in a rule")
	}
	if e := r.Expiration; e != nil {
		if err := e.validate(tagged); err != nil {
			return err
		}
	}
	for _, t := range r.Transitions {
		if err := t.validate(); err != nil {
			return err
		}
	}
	for _, t := range r.NoncurrentVersionTransition {
		if t.NoncurrentDays == nil || *t.NoncurrentDays < 0 {
			return invalidArgument("'NoncurrentDays' for NoncurrentVersionTransition action must be a nonnegative integer", "NoncurrentDays", intText(t.NoncurrentDays))
		}
		if err := transitionMinimum(t.StorageClass, *t.NoncurrentDays, "NoncurrentDays", "NoncurrentVersionTransition"); err != nil {
			return err
		}
	}
	if e := r.NoncurrentVersionExpiration; e != nil && (e.NoncurrentDays == nil || *e.NoncurrentDays <= 0) {
		return invalidArgument("'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer", "NoncurrentDays", intText(e.NoncurrentDays))
	}
	if d := r.AbortIncompleteMultipartUploadDays; d != nil {
		if tagged {
			return invalidRequest("AbortIncompleteMultipartUpload cannot be specified with Tags.")
		}
		if *d <= 0 {
			return invalidArgument("'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer", "DaysAfterInitiation", intText(d))
		}
	}
	return nil
}

func (e Expiration) validate(tagged bool) error {
	n := 0
	for _, set := range []bool{e.Date != nil, e.Days != nil, e.ExpiredObjectDeleteMarker != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return malformed()
	}
	switch {
	case e.Days != nil && *e.Days <= 0:
		return invalidArgument("'Days' for Expiration action must be a positive integer", "Days", intText(e.Days))
	case e.Date != nil && !midnight(*e.Date):
		return invalidArgument("'Date' must be at midnight GMT", "Date", e.Date.UTC().Format(time.RFC3339))
	case e.ExpiredObjectDeleteMarker != nil && tagged:
		// S3 documents the rule (delete markers have no tags), not its
		// message.
		return invalidRequest("ExpiredObjectDeleteMarker cannot be specified with object tagging.")
	}
	return nil
}

func (t Transition) validate() error {
	if (t.Days == nil) == (t.Date == nil) {
		return malformed()
	}
	if t.Date != nil {
		if !midnight(*t.Date) {
			return invalidArgument("'Date' must be at midnight GMT", "Date", t.Date.UTC().Format(time.RFC3339))
		}
		return nil
	}
	if *t.Days < 0 {
		return invalidArgument("'Days' for Transition action must be a nonnegative integer", "Days", intText(t.Days))
	}
	return transitionMinimum(t.StorageClass, *t.Days, "Days", "Transition")
}

// transitionMinimum is S3's 30-day minimum before the infrequent-access
// classes.
func transitionMinimum(class string, days int32, field, action string) error {
	if (class == "STANDARD_IA" || class == "ONEZONE_IA") && days < 30 {
		return invalidArgument(fmt.Sprintf("'%s' in %s action must be greater than or equal to 30 for storageClass '%s'", field, action, class),
			field, fmt.Sprint(days))
	}
	return nil
}

func midnight(t time.Time) bool {
	t = t.UTC()
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

func intText(p *int32) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}
