package xmlcodec

// The <LifecycleConfiguration> document of PutBucketLifecycleConfiguration
// and GetBucketLifecycleConfiguration.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html

import (
	"github.com/s3fake/s3fake/internal/bucketcfg"
)

var (
	cfgLifecycleSchema     = schema{{name: "Rule", required: true, repeated: true}}
	cfgLifecycleRuleSchema = schema{
		{name: "ID"},
		{name: "Prefix"},
		{name: "Filter"},
		{name: "Status", required: true},
		{name: "Expiration"},
		{name: "Transition", repeated: true},
		{name: "NoncurrentVersionTransition", repeated: true},
		{name: "NoncurrentVersionExpiration"},
		{name: "AbortIncompleteMultipartUpload"},
	}
	cfgLifecycleFilterSchema = schema{
		{name: "Prefix"}, {name: "Tag"}, {name: "ObjectSizeGreaterThan"}, {name: "ObjectSizeLessThan"}, {name: "And"},
	}
	cfgLifecycleAndSchema = schema{
		{name: "Prefix"}, {name: "Tag", repeated: true}, {name: "ObjectSizeGreaterThan"}, {name: "ObjectSizeLessThan"},
	}
	cfgExpirationSchema   = schema{{name: "Date"}, {name: "Days"}, {name: "ExpiredObjectDeleteMarker"}}
	cfgTransitionSchema   = schema{{name: "Date"}, {name: "Days"}, {name: "StorageClass", required: true}}
	cfgNCTransitionSchema = schema{{name: "NoncurrentDays"}, {name: "NewerNoncurrentVersions"}, {name: "StorageClass", required: true}}
	cfgNCExpirationSchema = schema{{name: "NoncurrentDays"}, {name: "NewerNoncurrentVersions"}}
	cfgAbortMPUSchema     = schema{{name: "DaysAfterInitiation", required: true}}
)

// DecodeLifecycle reads a <LifecycleConfiguration> strictly: unknown or
// repeated elements, a Status other than Enabled or Disabled, a storage
// class S3 cannot transition to, numbers, booleans and ISO 8601 dates
// that do not parse are a *MalformedError. MinimumObjectSize is left for
// the caller (it is a header). The rules are bucketcfg's.
func DecodeLifecycle(data []byte) (bucketcfg.Lifecycle, error) {
	var l bucketcfg.Lifecycle
	top, err := cfgRoot(data, "LifecycleConfiguration", cfgLifecycleSchema)
	if err != nil {
		return l, err
	}
	for _, n := range top.get("Rule") {
		r, err := decodeLifecycleRule(n)
		if err != nil {
			return l, err
		}
		l.Rules = append(l.Rules, r)
	}
	return l, nil
}

func decodeLifecycleRule(n *node) (bucketcfg.LifecycleRule, error) {
	var r bucketcfg.LifecycleRule
	k, err := n.childrenBy(cfgLifecycleRuleSchema)
	if err != nil {
		return r, err
	}
	if r.ID, err = cfgText(k.get("ID")); err != nil {
		return r, err
	}
	if r.Prefix, err = cfgOptional(k.get("Prefix")); err != nil {
		return r, err
	}
	if r.Status, err = cfgRequiredEnum(k.get("Status"), bucketcfg.StatusEnabled, bucketcfg.StatusDisabled); err != nil {
		return r, err
	}
	if f := k.get("Filter"); len(f) == 1 {
		if r.Filter, err = decodeLifecycleFilter(f[0]); err != nil {
			return r, err
		}
	}
	if e := k.get("Expiration"); len(e) == 1 {
		ek, err := e[0].childrenBy(cfgExpirationSchema)
		if err != nil {
			return r, err
		}
		x := &bucketcfg.Expiration{}
		if x.Date, err = cfgTime(ek.get("Date")); err != nil {
			return r, err
		}
		if x.Days, err = cfgInt32(ek.get("Days")); err != nil {
			return r, err
		}
		if x.ExpiredObjectDeleteMarker, err = cfgBool(ek.get("ExpiredObjectDeleteMarker")); err != nil {
			return r, err
		}
		r.Expiration = x
	}
	for _, t := range k.get("Transition") {
		tk, err := t.childrenBy(cfgTransitionSchema)
		if err != nil {
			return r, err
		}
		var x bucketcfg.Transition
		if x.Date, err = cfgTime(tk.get("Date")); err != nil {
			return r, err
		}
		if x.Days, err = cfgInt32(tk.get("Days")); err != nil {
			return r, err
		}
		if x.StorageClass, err = cfgRequiredEnum(tk.get("StorageClass"), bucketcfg.TransitionStorageClasses...); err != nil {
			return r, err
		}
		r.Transitions = append(r.Transitions, x)
	}
	for _, t := range k.get("NoncurrentVersionTransition") {
		tk, err := t.childrenBy(cfgNCTransitionSchema)
		if err != nil {
			return r, err
		}
		var x bucketcfg.NoncurrentTransition
		if x.NoncurrentDays, err = cfgInt32(tk.get("NoncurrentDays")); err != nil {
			return r, err
		}
		if x.NewerNoncurrentVersions, err = cfgInt32(tk.get("NewerNoncurrentVersions")); err != nil {
			return r, err
		}
		if x.StorageClass, err = cfgRequiredEnum(tk.get("StorageClass"), bucketcfg.TransitionStorageClasses...); err != nil {
			return r, err
		}
		r.NoncurrentVersionTransition = append(r.NoncurrentVersionTransition, x)
	}
	if e := k.get("NoncurrentVersionExpiration"); len(e) == 1 {
		ek, err := e[0].childrenBy(cfgNCExpirationSchema)
		if err != nil {
			return r, err
		}
		x := &bucketcfg.NoncurrentExpiration{}
		if x.NoncurrentDays, err = cfgInt32(ek.get("NoncurrentDays")); err != nil {
			return r, err
		}
		if x.NewerNoncurrentVersions, err = cfgInt32(ek.get("NewerNoncurrentVersions")); err != nil {
			return r, err
		}
		r.NoncurrentVersionExpiration = x
	}
	if a := k.get("AbortIncompleteMultipartUpload"); len(a) == 1 {
		ak, err := a[0].childrenBy(cfgAbortMPUSchema)
		if err != nil {
			return r, err
		}
		if r.AbortIncompleteMultipartUploadDays, err = cfgInt32(ak.get("DaysAfterInitiation")); err != nil {
			return r, err
		}
	}
	return r, nil
}

func decodeLifecycleFilter(n *node) (*bucketcfg.LifecycleFilter, error) {
	k, err := n.childrenBy(cfgLifecycleFilterSchema)
	if err != nil {
		return nil, err
	}
	f := &bucketcfg.LifecycleFilter{}
	if f.Prefix, err = cfgOptional(k.get("Prefix")); err != nil {
		return nil, err
	}
	tags, err := cfgTags(k.get("Tag"))
	if err != nil {
		return nil, err
	}
	if len(tags) == 1 {
		f.Tag = &tags[0]
	}
	if f.ObjectSizeGreaterThan, err = cfgInt64(k.get("ObjectSizeGreaterThan")); err != nil {
		return nil, err
	}
	if f.ObjectSizeLessThan, err = cfgInt64(k.get("ObjectSizeLessThan")); err != nil {
		return nil, err
	}
	if a := k.get("And"); len(a) == 1 {
		ak, err := a[0].childrenBy(cfgLifecycleAndSchema)
		if err != nil {
			return nil, err
		}
		and := &bucketcfg.LifecycleAnd{}
		if and.Prefix, err = cfgOptional(ak.get("Prefix")); err != nil {
			return nil, err
		}
		if and.Tags, err = cfgTags(ak.get("Tag")); err != nil {
			return nil, err
		}
		if and.ObjectSizeGreaterThan, err = cfgInt64(ak.get("ObjectSizeGreaterThan")); err != nil {
			return nil, err
		}
		if and.ObjectSizeLessThan, err = cfgInt64(ak.get("ObjectSizeLessThan")); err != nil {
			return nil, err
		}
		f.And = and
	}
	return f, nil
}

// EncodeLifecycle returns GetBucketLifecycleConfiguration's body (the
// minimum object size is a header, not in it).
func EncodeLifecycle(l bucketcfg.Lifecycle) []byte {
	var w writer
	cfgStart(&w, "LifecycleConfiguration")
	for _, r := range l.Rules {
		w.open("Rule", "")
		w.cfgNonEmpty("ID", r.ID)
		w.cfgOpt("Prefix", r.Prefix)
		if f := r.Filter; f != nil {
			w.open("Filter", "")
			w.cfgOpt("Prefix", f.Prefix)
			if f.Tag != nil {
				w.cfgTag(*f.Tag)
			}
			w.cfgInt64Leaf("ObjectSizeGreaterThan", f.ObjectSizeGreaterThan)
			w.cfgInt64Leaf("ObjectSizeLessThan", f.ObjectSizeLessThan)
			if a := f.And; a != nil {
				w.open("And", "")
				w.cfgOpt("Prefix", a.Prefix)
				for _, t := range a.Tags {
					w.cfgTag(t)
				}
				w.cfgInt64Leaf("ObjectSizeGreaterThan", a.ObjectSizeGreaterThan)
				w.cfgInt64Leaf("ObjectSizeLessThan", a.ObjectSizeLessThan)
				w.close("And")
			}
			w.close("Filter")
		}
		w.leaf("Status", r.Status)
		if e := r.Expiration; e != nil {
			w.open("Expiration", "")
			if e.Date != nil {
				w.leaf("Date", formatTime(*e.Date))
			}
			w.cfgInt32Leaf("Days", e.Days)
			if e.ExpiredObjectDeleteMarker != nil {
				w.leaf("ExpiredObjectDeleteMarker", boolText(*e.ExpiredObjectDeleteMarker))
			}
			w.close("Expiration")
		}
		for _, t := range r.Transitions {
			w.open("Transition", "")
			if t.Date != nil {
				w.leaf("Date", formatTime(*t.Date))
			}
			w.cfgInt32Leaf("Days", t.Days)
			w.leaf("StorageClass", t.StorageClass)
			w.close("Transition")
		}
		for _, t := range r.NoncurrentVersionTransition {
			w.open("NoncurrentVersionTransition", "")
			w.cfgInt32Leaf("NoncurrentDays", t.NoncurrentDays)
			w.cfgInt32Leaf("NewerNoncurrentVersions", t.NewerNoncurrentVersions)
			w.leaf("StorageClass", t.StorageClass)
			w.close("NoncurrentVersionTransition")
		}
		if e := r.NoncurrentVersionExpiration; e != nil {
			w.open("NoncurrentVersionExpiration", "")
			w.cfgInt32Leaf("NoncurrentDays", e.NoncurrentDays)
			w.cfgInt32Leaf("NewerNoncurrentVersions", e.NewerNoncurrentVersions)
			w.close("NoncurrentVersionExpiration")
		}
		if d := r.AbortIncompleteMultipartUploadDays; d != nil {
			w.open("AbortIncompleteMultipartUpload", "")
			w.cfgInt32Leaf("DaysAfterInitiation", d)
			w.close("AbortIncompleteMultipartUpload")
		}
		w.close("Rule")
	}
	w.close("LifecycleConfiguration")
	return w.bytes()
}
