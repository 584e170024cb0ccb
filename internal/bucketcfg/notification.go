package bucketcfg

// Event notifications: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
// and https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
// s3fake delivers no notifications: it stores the configuration, checks
// it as S3 does, and answers it back. S3 also checks that it may publish
// to each destination; s3fake checks only the shape of the ARN.

import (
	"fmt"
	"strings"
)

// Notification is a bucket's notification configuration.
type Notification struct {
	Topics  []NotificationTarget // TopicConfiguration (SNS)
	Queues  []NotificationTarget // QueueConfiguration (SQS)
	Lambdas []NotificationTarget // CloudFunctionConfiguration (Lambda)
	// EventBridge is an EventBridgeConfiguration element.
	EventBridge bool
}

// NotificationTarget is one destination with its events and key filter.
type NotificationTarget struct {
	ID      string // S3 assigns one when the request has none (AssignIDs)
	ARN     string
	Events  []string
	Filters []FilterRule // S3Key FilterRules; nil for none
	// HasFilter records a Filter element, even an empty one.
	HasFilter bool
}

// FilterRule is a key name filter: Name is prefix or suffix.
type FilterRule struct{ Name, Value string }

// NotificationEvents are the event types S3 publishes.
var NotificationEvents = []string{
	"s3:ReducedRedundancyLostObject",
	"s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
	"s3:ObjectCreated:CompleteMultipartUpload",
	"s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
	"s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
	"s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
	"s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
	"s3:LifecycleTransition", "s3:IntelligentTiering", "s3:ObjectAcl:Put",
	"s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
	"s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
	"s3:ObjectAnnotation:*", "s3:ObjectAnnotation:Put", "s3:ObjectAnnotation:Delete",
	"s3:ObjectRetention:Put",
}

var knownEvents = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range NotificationEvents {
		m[e] = true
	}
	return m
}()

// Clone returns a copy that shares nothing with n.
func (n Notification) Clone() Notification {
	cl := func(ts []NotificationTarget) []NotificationTarget {
		if ts == nil {
			return nil
		}
		out := make([]NotificationTarget, len(ts))
		for i, t := range ts {
			t.Events = cloneSlice(t.Events)
			t.Filters = cloneSlice(t.Filters)
			out[i] = t
		}
		return out
	}
	return Notification{Topics: cl(n.Topics), Queues: cl(n.Queues), Lambdas: cl(n.Lambdas), EventBridge: n.EventBridge}
}

// AssignIDs gives every configuration without an Id one, as S3 does.
func (n *Notification) AssignIDs() {
	i := 0
	for _, ts := range [][]NotificationTarget{n.Topics, n.Queues, n.Lambdas} {
		for j := range ts {
			if ts[j].ID == "" {
				ts[j].ID = generatedID(fmt.Sprintf("notification %d %+v", i, ts[j]))
			}
			i++
		}
	}
}

// Validate applies S3's checks (InvalidArgument, with S3's messages; the
// ArgumentName and ArgumentValue s3fake adds name what was refused): an ARN of the
// destination's service (loosely: arn:partition:service:region:account:name),
// known event types, filter rules named prefix or suffix at most once
// each, and no two configurations that share an event type over
// overlapping key filters.
func (n Notification) Validate() error {
	type svc struct {
		name    string
		service string
		targets []NotificationTarget
	}
	var all []NotificationTarget
	for _, s := range []svc{{"Topic", "sns", n.Topics}, {"Queue", "sqs", n.Queues}, {"CloudFunction", "lambda", n.Lambdas}} {
		for _, t := range s.targets {
			if !wellFormedARN(t.ARN, s.service) {
				return invalidArgument("The ARN is not well formed", s.name, t.ARN)
			}
			if err := t.validate(); err != nil {
				return err
			}
			all = append(all, t)
		}
	}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			if all[i].overlaps(all[j]) {
				return invalidArgument("Configurations overlap. Configurations on the same bucket cannot share a common event type.",
					"Event", "")
			}
		}
	}
	return nil
}

func (t NotificationTarget) validate() error {
	if len(t.Events) == 0 {
		return malformed()
	}
	for _, e := range t.Events {
		if !knownEvents[e] {
			return invalidArgument("The event is not supported for notifications", "Event", e)
		}
	}
	seen := map[string]bool{}
	for _, f := range t.Filters {
		name := strings.ToLower(f.Name)
		if name != "prefix" && name != "suffix" {
			return invalidArgument("filter rule name must be either prefix or suffix", "FilterRule.Name", f.Name)
		}
		if seen[name] {
			return invalidArgument("Cannot specify more than one "+name+" rule in a filter.", "FilterRule.Name", f.Name)
		}
		seen[name] = true
	}
	return nil
}

// wellFormedARN is a loose check: six colon-separated parts, the right
// service, an account and a name.
func wellFormedARN(arn, service string) bool {
	p := strings.SplitN(arn, ":", 6)
	return len(p) == 6 && p[0] == "arn" && strings.HasPrefix(p[1], "aws") && p[2] == service && p[4] != "" && p[5] != ""
}

// overlaps reports whether t and u share an event type (a wildcard covers
// its family) for keys both their filters can match.
func (t NotificationTarget) overlaps(u NotificationTarget) bool {
	shared := false
	for _, a := range t.Events {
		for _, b := range u.Events {
			if eventsOverlap(a, b) {
				shared = true
			}
		}
	}
	if !shared {
		return false
	}
	tp, ts := t.filter()
	up, us := u.filter()
	return (strings.HasPrefix(tp, up) || strings.HasPrefix(up, tp)) &&
		(strings.HasSuffix(ts, us) || strings.HasSuffix(us, ts))
}

func (t NotificationTarget) filter() (prefix, suffix string) {
	for _, f := range t.Filters {
		if strings.EqualFold(f.Name, "prefix") {
			prefix = f.Value
		} else {
			suffix = f.Value
		}
	}
	return prefix, suffix
}

func eventsOverlap(a, b string) bool {
	if a == b {
		return true
	}
	fa, wa := strings.CutSuffix(a, "*")
	fb, wb := strings.CutSuffix(b, "*")
	return (wa && strings.HasPrefix(b, fa)) || (wb && strings.HasPrefix(a, fb))
}
