package xmlcodec

// The <ObjectLockConfiguration> document of PutObjectLockConfiguration and
// GetObjectLockConfiguration.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLockConfiguration.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var (
	cfgObjectLockSchema = schema{{name: "ObjectLockEnabled", required: true}, {name: "Rule"}}
	cfgLockRuleSchema   = schema{{name: "DefaultRetention", required: true}}
	cfgRetentionSchema  = schema{{name: "Mode"}, {name: "Days"}, {name: "Years"}, {name: "DefaultEventHold"}}
	cfgPeriodSchema     = schema{{name: "Days"}, {name: "Years"}}
)

// DecodeObjectLock reads an <ObjectLockConfiguration> strictly: an
// ObjectLockEnabled of Enabled (S3's only value; an empty
// ObjectLockConfiguration is malformed, as S3 answers), an optional Rule
// with a DefaultRetention whose Mode is GOVERNANCE or COMPLIANCE and whose
// periods are integers. Anything else is a *MalformedError; the rules are
// bucketcfg's.
func DecodeObjectLock(data []byte) (bucketcfg.ObjectLock, error) {
	var o bucketcfg.ObjectLock
	top, err := cfgRoot(data, "ObjectLockConfiguration", cfgObjectLockSchema)
	if err != nil {
		return o, err
	}
	if _, err := cfgRequiredEnum(top.get("ObjectLockEnabled"), "Enabled"); err != nil {
		return o, err
	}
	rule := top.get("Rule")
	if len(rule) == 0 {
		return o, nil
	}
	rk, err := rule[0].childrenBy(cfgLockRuleSchema)
	if err != nil {
		return o, err
	}
	k, err := rk.get("DefaultRetention")[0].childrenBy(cfgRetentionSchema)
	if err != nil {
		return o, err
	}
	r := &bucketcfg.ObjectLockRule{}
	if r.Mode, err = enumLeaf(k.get("Mode"), bucketcfg.ModeGovernance, bucketcfg.ModeCompliance); err != nil {
		return o, err
	}
	if r.Days, r.Years, err = cfgPeriod(k); err != nil {
		return o, err
	}
	if h := k.get("DefaultEventHold"); len(h) == 1 {
		hk, err := h[0].childrenBy(cfgPeriodSchema)
		if err != nil {
			return o, err
		}
		hold := &bucketcfg.EventHoldDuration{}
		if hold.Days, hold.Years, err = cfgPeriod(hk); err != nil {
			return o, err
		}
		r.EventHold = hold
	}
	o.Rule = r
	return o, nil
}

// cfgPeriod reads the Days and Years of k (whose schema has both).
func cfgPeriod(k kids) (days, years *int32, err error) {
	if days, err = cfgInt32(k.get("Days")); err != nil {
		return nil, nil, err
	}
	years, err = cfgInt32(k.get("Years"))
	return days, years, err
}

// EncodeObjectLock returns GetObjectLockConfiguration's body for a bucket
// with Object Lock: Enabled, and the default retention when there is one.
func EncodeObjectLock(o bucketcfg.ObjectLock) []byte {
	var w writer
	cfgStart(&w, "ObjectLockConfiguration")
	w.leaf("ObjectLockEnabled", "Enabled")
	if r := o.Rule; r != nil {
		w.open("Rule", "")
		w.open("DefaultRetention", "")
		w.cfgNonEmpty("Mode", r.Mode)
		w.cfgInt32Leaf("Days", r.Days)
		w.cfgInt32Leaf("Years", r.Years)
		if h := r.EventHold; h != nil {
			w.open("DefaultEventHold", "")
			w.cfgInt32Leaf("Days", h.Days)
			w.cfgInt32Leaf("Years", h.Years)
			w.close("DefaultEventHold")
		}
		w.close("DefaultRetention")
		w.close("Rule")
	}
	w.close("ObjectLockConfiguration")
	return w.bytes()
}
