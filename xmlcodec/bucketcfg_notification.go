package xmlcodec

// The <NotificationConfiguration> document of
// PutBucketNotificationConfiguration and GetBucketNotificationConfiguration.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html

import (
	"strings"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

var (
	cfgNotificationSchema = schema{
		{name: "TopicConfiguration", repeated: true}, {name: "QueueConfiguration", repeated: true},
		{name: "CloudFunctionConfiguration", repeated: true}, {name: "EventBridgeConfiguration"},
	}
	cfgFilterSchema     = schema{{name: "S3Key"}}
	cfgS3KeySchema      = schema{{name: "FilterRule", repeated: true}}
	cfgFilterRuleSchema = schema{{name: "Name", required: true}, {name: "Value", required: true}}
)

// notificationKinds are the three destination elements: the element, and
// the element naming its ARN.
var notificationKinds = [3]struct{ element, arn string }{
	{"TopicConfiguration", "Topic"}, {"QueueConfiguration", "Queue"}, {"CloudFunctionConfiguration", "CloudFunction"},
}

// DecodeNotification reads a <NotificationConfiguration> strictly (an
// empty one removes every configuration); anything that breaks S3's
// schema is a *MalformedError. The rules are bucketcfg's.
func DecodeNotification(data []byte) (bucketcfg.Notification, error) {
	var n bucketcfg.Notification
	top, err := cfgRoot(data, "NotificationConfiguration", cfgNotificationSchema)
	if err != nil {
		return n, err
	}
	lists := [3]*[]bucketcfg.NotificationTarget{&n.Topics, &n.Queues, &n.Lambdas}
	for i, kind := range notificationKinds {
		s := schema{{name: "Id"}, {name: kind.arn, required: true}, {name: "Event", repeated: true}, {name: "Filter"}}
		for _, c := range top.get(kind.element) {
			t, err := decodeNotificationTarget(c, s, kind.arn)
			if err != nil {
				return n, err
			}
			*lists[i] = append(*lists[i], t)
		}
	}
	if eb := top.get("EventBridgeConfiguration"); len(eb) == 1 {
		if len(eb[0].children) > 0 || trimSpace(eb[0].text) != "" {
			return n, malformed("EventBridgeConfiguration has content")
		}
		n.EventBridge = true
	}
	return n, nil
}

func decodeNotificationTarget(c *node, s schema, arnElement string) (bucketcfg.NotificationTarget, error) {
	var t bucketcfg.NotificationTarget
	k, err := c.childrenBy(s)
	if err != nil {
		return t, err
	}
	if t.ID, err = cfgText(k.get("Id")); err != nil {
		return t, err
	}
	if t.ARN, err = cfgText(k.get(arnElement)); err != nil {
		return t, err
	}
	if t.Events, err = cfgTexts(k.get("Event")); err != nil {
		return t, err
	}
	f := k.get("Filter")
	if len(f) == 0 {
		return t, nil
	}
	t.HasFilter = true
	fk, err := f[0].childrenBy(cfgFilterSchema)
	if err != nil {
		return t, err
	}
	key := fk.get("S3Key")
	if len(key) == 0 {
		return t, nil
	}
	kk, err := key[0].childrenBy(cfgS3KeySchema)
	if err != nil {
		return t, err
	}
	for _, r := range kk.get("FilterRule") {
		rk, err := r.childrenBy(cfgFilterRuleSchema)
		if err != nil {
			return t, err
		}
		var rule bucketcfg.FilterRule
		if rule.Name, err = cfgText(rk.get("Name")); err != nil {
			return t, err
		}
		if rule.Value, err = cfgText(rk.get("Value")); err != nil {
			return t, err
		}
		t.Filters = append(t.Filters, rule)
	}
	return t, nil
}

// EncodeNotification returns GetBucketNotificationConfiguration's body: an
// empty NotificationConfiguration for a bucket without one. Filter rule
// names are written Prefix and Suffix, as S3 answers them whatever case
// they were sent in.
func EncodeNotification(n bucketcfg.Notification) []byte {
	if len(n.Topics)+len(n.Queues)+len(n.Lambdas) == 0 && !n.EventBridge {
		return cfgEmpty("NotificationConfiguration")
	}
	var w writer
	cfgStart(&w, "NotificationConfiguration")
	for i, list := range [3][]bucketcfg.NotificationTarget{n.Topics, n.Queues, n.Lambdas} {
		kind := notificationKinds[i]
		for _, t := range list {
			w.open(kind.element, "")
			w.cfgNonEmpty("Id", t.ID)
			w.leaf(kind.arn, t.ARN)
			for _, e := range t.Events {
				w.leaf("Event", e)
			}
			if t.HasFilter {
				w.open("Filter", "")
				w.open("S3Key", "")
				for _, r := range t.Filters {
					w.open("FilterRule", "")
					w.leaf("Name", filterRuleName(r.Name))
					w.leaf("Value", r.Value)
					w.close("FilterRule")
				}
				w.close("S3Key")
				w.close("Filter")
			}
			w.close(kind.element)
		}
	}
	if n.EventBridge {
		w.empty("EventBridgeConfiguration")
	}
	w.close("NotificationConfiguration")
	return w.bytes()
}

func filterRuleName(name string) string {
	switch strings.ToLower(name) {
	case "prefix":
		return "Prefix"
	case "suffix":
		return "Suffix"
	}
	return name
}
