package bucketcfg

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func p[T any](v T) *T { return &v }

// requireRefused checks err is an *Error with code and, when set, message.
func requireRefused(t *testing.T, err error, code, message string) {
	t.Helper()
	var e *Error
	require.True(t, errors.As(err, &e), "want %s, got %v", code, err)
	assert.Equal(t, code, e.Code)
	if message != "" {
		assert.Equal(t, message, e.Message)
	}
}

func TestNotificationOverlap(t *testing.T) {
	q := func(prefix, suffix string, events ...string) NotificationTarget {
		var f []FilterRule
		if prefix != "" {
			f = append(f, FilterRule{Name: "Prefix", Value: prefix})
		}
		if suffix != "" {
			f = append(f, FilterRule{Name: "suffix", Value: suffix})
		}
		return NotificationTarget{ARN: "arn:aws:sqs:us-east-1:1:q", Events: events, Filters: f}
	}
	const overlap = "Configurations overlap. Configurations on the same bucket cannot share a common event type."
	cases := []struct {
		name string
		a, b NotificationTarget
		ok   bool
	}{
		{"same event, no filters", q("", "", "s3:ObjectCreated:Put"), q("", "", "s3:ObjectCreated:Put"), false},
		{"a wildcard covers its family", q("", "", "s3:ObjectCreated:*"), q("", "", "s3:ObjectCreated:Copy"), false},
		{"different families", q("", "", "s3:ObjectCreated:*"), q("", "", "s3:ObjectRemoved:*"), true},
		{"nested prefixes", q("a/", "", "s3:ObjectCreated:*"), q("a/b/", "", "s3:ObjectCreated:*"), false},
		{"disjoint prefixes", q("a/", "", "s3:ObjectCreated:*"), q("b/", "", "s3:ObjectCreated:*"), true},
		{"disjoint suffixes", q("", ".jpg", "s3:ObjectCreated:*"), q("", ".png", "s3:ObjectCreated:*"), true},
		{"nested suffixes", q("", ".jpg", "s3:ObjectCreated:*"), q("", "x.jpg", "s3:ObjectCreated:*"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Notification{Queues: []NotificationTarget{c.a, c.b}}.Validate()
			if c.ok {
				assert.NoError(t, err)
				return
			}
			requireRefused(t, err, CodeInvalidArgument, overlap)
		})
	}
}

func TestWebsiteCodes(t *testing.T) {
	index := p("index.html")
	rule := func(cond *Condition, r Redirect) Website {
		return Website{IndexSuffix: index, RoutingRules: []RoutingRule{{Condition: cond, Redirect: r}}}
	}
	assert.NoError(t, rule(&Condition{HTTPErrorCodeReturnedEquals: p("404")}, Redirect{HTTPRedirectCode: p("301")}).Validate())
	requireRefused(t, rule(&Condition{HTTPErrorCodeReturnedEquals: p("200")}, Redirect{HostName: p("h")}).Validate(),
		CodeInvalidArgument, "The provided HTTP error code (200) is not valid. Valid codes are 4XX or 5XX.")
	requireRefused(t, rule(nil, Redirect{HTTPRedirectCode: p("3xx")}).Validate(),
		CodeInvalidArgument, "The provided HTTP redirect code (3xx) is not valid. Valid codes are 3XX except 300.")
	requireRefused(t, rule(nil, Redirect{}).Validate(), CodeMalformedXML, "")
	requireRefused(t, Website{IndexSuffix: index, ErrorKey: p("")}.Validate(), CodeInvalidArgument, "The ErrorDocument Key is not well formed")
}

func TestLifecycleChecks(t *testing.T) {
	rule := func(edit func(*LifecycleRule)) Lifecycle {
		r := LifecycleRule{ID: "r", Status: StatusEnabled, Filter: &LifecycleFilter{}, Expiration: &Expiration{Days: p(int32(1))}}
		edit(&r)
		return Lifecycle{Rules: []LifecycleRule{r}, MinimumObjectSize: MinSizeAllStorageClasses128K}
	}
	assert.NoError(t, rule(func(*LifecycleRule) {}).Validate())
	requireRefused(t, rule(func(r *LifecycleRule) {
		r.Filter = &LifecycleFilter{Prefix: p("a"), Tag: &Tag{Key: "k"}}
	}).Validate(), CodeMalformedXML, "")
	requireRefused(t, rule(func(r *LifecycleRule) {
		r.NoncurrentVersionExpiration = &NoncurrentExpiration{NoncurrentDays: p(int32(0))}
	}).Validate(), CodeInvalidArgument, "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer")
	requireRefused(t, rule(func(r *LifecycleRule) {
		r.NoncurrentVersionTransition = []NoncurrentTransition{{NoncurrentDays: p(int32(10)), StorageClass: "ONEZONE_IA"}}
	}).Validate(), CodeInvalidArgument, "'NoncurrentDays' in NoncurrentVersionTransition action must be greater than or equal to 30 for storageClass 'ONEZONE_IA'")
	requireRefused(t, rule(func(r *LifecycleRule) {
		r.Filter = &LifecycleFilter{And: &LifecycleAnd{Tags: []Tag{{Key: "k"}}}}
		r.Expiration = &Expiration{ExpiredObjectDeleteMarker: p(true)}
	}).Validate(), CodeInvalidRequest, "ExpiredObjectDeleteMarker cannot be specified with object tagging.")
	requireRefused(t, rule(func(r *LifecycleRule) {
		r.Transitions = []Transition{{Date: p(time.Date(2030, 1, 1, 0, 0, 1, 0, time.UTC)), StorageClass: "GLACIER"}}
	}).Validate(), CodeInvalidArgument, "'Date' must be at midnight GMT")
	bad := rule(func(*LifecycleRule) {})
	bad.MinimumObjectSize = "tiny"
	requireRefused(t, bad.Validate(), CodeInvalidRequest, "")
}

// S3's generated IDs: the base64 of a UUID, the same for the same rules.
func TestGeneratedIDs(t *testing.T) {
	l := Lifecycle{Rules: []LifecycleRule{{Status: StatusEnabled}, {Status: StatusEnabled}, {ID: "mine"}}}
	l2 := l.Clone()
	l.AssignIDs()
	l2.AssignIDs()
	assert.Equal(t, l.Rules, l2.Rules, "deterministic")
	assert.Len(t, l.Rules[0].ID, 48)
	assert.NotEqual(t, l.Rules[0].ID, l.Rules[1].ID)
	assert.Equal(t, "mine", l.Rules[2].ID)
}

func TestObjectLockPeriods(t *testing.T) {
	lock := func(days, years *int32) ObjectLock {
		return ObjectLock{Rule: &ObjectLockRule{Mode: ModeGovernance, Days: days, Years: years}}
	}
	assert.NoError(t, lock(p(int32(MaxRetentionDays)), nil).Validate())
	assert.NoError(t, lock(nil, p(int32(MaxRetentionYears))).Validate())
	requireRefused(t, lock(p(int32(MaxRetentionDays+1)), nil).Validate(), CodeInvalidArgument, "Default retention period is too large")
	requireRefused(t, lock(nil, p(int32(0))).Validate(), CodeInvalidArgument, "Default retention period must be a positive integer value")
	hold := lock(p(int32(1)), nil)
	hold.Rule.EventHold = &EventHoldDuration{}
	requireRefused(t, hold.Validate(), CodeMalformedXML, "")
}

func TestDestinationBucket(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:s3:::dest":       "dest",
		"arn:aws-cn:s3:::dest":    "dest",
		"arn:aws:s3:::":           "",
		"arn:aws:s3:::dest/key":   "",
		"arn:aws:s3:eu-west-1::d": "",
		"dest":                    "",
		"arn:aws:sqs:::dest":      "",
	} {
		got, ok := DestinationBucket(arn)
		assert.Equal(t, want, got, arn)
		assert.Equal(t, want != "", ok, arn)
	}
}

func TestTagTextAndEncryption(t *testing.T) {
	assert.NoError(t, Tagging{Tags: []Tag{{Key: "Ünïcode + - = . _ : / @", Value: ""}}}.ValidateBucket())
	requireRefused(t, Tagging{Tags: []Tag{{Key: "k", Value: "tab\x00"}}}.ValidateBucket(), CodeInvalidTag, "The TagValue you have provided is invalid")
	requireRefused(t, Tagging{Tags: []Tag{{Key: "AWS:Upper", Value: "v"}}}.ValidateBucket(), CodeInvalidTag, "Your TagKey cannot be prefixed with aws:")
	requireRefused(t, Encryption{Algorithm: AlgorithmKMS, BlockedTypes: []string{BlockNone, BlockSSEC}}.Validate(), CodeInvalidArgument, "")
	assert.True(t, DefaultEncryption().SSECBlocked())
	assert.False(t, Encryption{Algorithm: AlgorithmAES256, BlockedTypes: []string{BlockNone}}.SSECBlocked())
}

// Clones share nothing with their originals.
func TestClones(t *testing.T) {
	w := Website{IndexSuffix: p("i"), RoutingRules: []RoutingRule{{Condition: &Condition{KeyPrefixEquals: p("a")}, Redirect: Redirect{HostName: p("h")}}}}
	c := w.Clone()
	*c.RoutingRules[0].Condition.KeyPrefixEquals = "changed"
	*c.RoutingRules[0].Redirect.HostName = "changed"
	assert.Equal(t, "a", *w.RoutingRules[0].Condition.KeyPrefixEquals)
	assert.Equal(t, "h", *w.RoutingRules[0].Redirect.HostName)

	r := Replication{Role: "r", Rules: []ReplicationRule{{Filter: &ReplicationFilter{And: &ReplicationAnd{Tags: []Tag{{Key: "k"}}}}}}}
	rc := r.Clone()
	rc.Rules[0].Filter.And.Tags[0].Key = "changed"
	assert.Equal(t, "k", r.Rules[0].Filter.And.Tags[0].Key)

	n := Notification{Topics: []NotificationTarget{{Events: []string{"e"}}}}
	nc := n.Clone()
	nc.Topics[0].Events[0] = "changed"
	assert.Equal(t, "e", n.Topics[0].Events[0])

	cors := CORS{Rules: []CORSRule{{AllowedMethods: []string{"GET"}, MaxAgeSeconds: p(int32(1))}}}
	cc := cors.Clone()
	cc.Rules[0].AllowedMethods[0] = "PUT"
	*cc.Rules[0].MaxAgeSeconds = 2
	assert.Equal(t, "GET", cors.Rules[0].AllowedMethods[0])
	assert.Equal(t, int32(1), *cors.Rules[0].MaxAgeSeconds)
}
