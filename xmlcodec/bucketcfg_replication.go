package xmlcodec

// The <ReplicationConfiguration> document of PutBucketReplication and
// GetBucketReplication.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var (
	cfgReplicationSchema = schema{{name: "Role", required: true}, {name: "Rule", required: true, repeated: true}}
	cfgReplRuleSchema    = schema{
		{name: "ID"}, {name: "Priority"}, {name: "Prefix"}, {name: "Filter"},
		{name: "Status", required: true}, {name: "SourceSelectionCriteria"}, {name: "ExistingObjectReplication"},
		{name: "Destination", required: true}, {name: "DeleteMarkerReplication"},
	}
	cfgReplFilterSchema = schema{{name: "Prefix"}, {name: "Tag"}, {name: "And"}}
	cfgReplAndSchema    = schema{{name: "Prefix"}, {name: "Tag", repeated: true}}
	cfgStatusSchema     = schema{{name: "Status", required: true}}
	cfgSourceSelSchema  = schema{{name: "SseKmsEncryptedObjects"}, {name: "ReplicaModifications"}}
	cfgReplDestSchema   = schema{
		{name: "Bucket", required: true}, {name: "Account"}, {name: "StorageClass"},
		{name: "AccessControlTranslation"}, {name: "EncryptionConfiguration"},
		{name: "ReplicationTime"}, {name: "Metrics"},
	}
	cfgACLTranslationSchema = schema{{name: "Owner", required: true}}
	cfgReplEncryptionSchema = schema{{name: "ReplicaKmsKeyID"}}
	cfgReplTimeSchema       = schema{{name: "Status", required: true}, {name: "Time", required: true}}
	cfgReplMetricsSchema    = schema{{name: "Status", required: true}, {name: "EventThreshold"}}
	cfgMinutesSchema        = schema{{name: "Minutes", required: true}}
)

// cfgStatus reads an element whose one child is a Status of Enabled or
// Disabled ("" when the element is absent).
func cfgStatus(ns []*node) (string, error) {
	if len(ns) == 0 {
		return "", nil
	}
	k, err := ns[0].childrenBy(cfgStatusSchema)
	if err != nil {
		return "", err
	}
	return cfgRequiredEnum(k.get("Status"), bucketcfg.StatusEnabled, bucketcfg.StatusDisabled)
}

// cfgMinutes reads an element whose one child is an integer Minutes.
func cfgMinutes(n *node) (*int32, error) {
	k, err := n.childrenBy(cfgMinutesSchema)
	if err != nil {
		return nil, err
	}
	return cfgInt32(k.get("Minutes"))
}

// DecodeReplication reads a <ReplicationConfiguration> strictly (a
// *MalformedError for what breaks S3's schema); the rules are bucketcfg's.
func DecodeReplication(data []byte) (bucketcfg.Replication, error) {
	var r bucketcfg.Replication
	top, err := cfgRoot(data, "ReplicationConfiguration", cfgReplicationSchema)
	if err != nil {
		return r, err
	}
	if r.Role, err = cfgText(top.get("Role")); err != nil {
		return r, err
	}
	for _, n := range top.get("Rule") {
		rule, err := decodeReplicationRule(n)
		if err != nil {
			return r, err
		}
		r.Rules = append(r.Rules, rule)
	}
	return r, nil
}

func decodeReplicationRule(n *node) (bucketcfg.ReplicationRule, error) {
	var r bucketcfg.ReplicationRule
	k, err := n.childrenBy(cfgReplRuleSchema)
	if err != nil {
		return r, err
	}
	if r.ID, err = cfgText(k.get("ID")); err != nil {
		return r, err
	}
	if r.Priority, err = cfgInt32(k.get("Priority")); err != nil {
		return r, err
	}
	if r.Prefix, err = cfgOptional(k.get("Prefix")); err != nil {
		return r, err
	}
	if r.Status, err = cfgRequiredEnum(k.get("Status"), bucketcfg.StatusEnabled, bucketcfg.StatusDisabled); err != nil {
		return r, err
	}
	if f := k.get("Filter"); len(f) == 1 {
		if r.Filter, err = decodeReplicationFilter(f[0]); err != nil {
			return r, err
		}
	}
	if s := k.get("SourceSelectionCriteria"); len(s) == 1 {
		sk, err := s[0].childrenBy(cfgSourceSelSchema)
		if err != nil {
			return r, err
		}
		c := &bucketcfg.SourceSelectionCriteria{}
		if c.SSEKMSEncryptedObjects, err = cfgStatus(sk.get("SseKmsEncryptedObjects")); err != nil {
			return r, err
		}
		if c.ReplicaModifications, err = cfgStatus(sk.get("ReplicaModifications")); err != nil {
			return r, err
		}
		r.SourceSelectionCriteria = c
	}
	if r.ExistingObjectReplication, err = cfgStatus(k.get("ExistingObjectReplication")); err != nil {
		return r, err
	}
	if r.DeleteMarkerReplication, err = cfgStatus(k.get("DeleteMarkerReplication")); err != nil {
		return r, err
	}
	r.Destination, err = decodeReplicationDestination(k.get("Destination")[0])
	return r, err
}

func decodeReplicationFilter(n *node) (*bucketcfg.ReplicationFilter, error) {
	k, err := n.childrenBy(cfgReplFilterSchema)
	if err != nil {
		return nil, err
	}
	f := &bucketcfg.ReplicationFilter{}
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
	if a := k.get("And"); len(a) == 1 {
		ak, err := a[0].childrenBy(cfgReplAndSchema)
		if err != nil {
			return nil, err
		}
		and := &bucketcfg.ReplicationAnd{}
		if and.Prefix, err = cfgOptional(ak.get("Prefix")); err != nil {
			return nil, err
		}
		if and.Tags, err = cfgTags(ak.get("Tag")); err != nil {
			return nil, err
		}
		f.And = and
	}
	return f, nil
}

func decodeReplicationDestination(n *node) (bucketcfg.ReplicationDestination, error) {
	var d bucketcfg.ReplicationDestination
	k, err := n.childrenBy(cfgReplDestSchema)
	if err != nil {
		return d, err
	}
	if d.Bucket, err = cfgText(k.get("Bucket")); err != nil {
		return d, err
	}
	if d.Account, err = cfgText(k.get("Account")); err != nil {
		return d, err
	}
	if d.StorageClass, err = cfgText(k.get("StorageClass")); err != nil {
		return d, err
	}
	if a := k.get("AccessControlTranslation"); len(a) == 1 {
		ak, err := a[0].childrenBy(cfgACLTranslationSchema)
		if err != nil {
			return d, err
		}
		if d.AccessControlOwner, err = cfgRequiredEnum(ak.get("Owner"), "Destination"); err != nil {
			return d, err
		}
	}
	if e := k.get("EncryptionConfiguration"); len(e) == 1 {
		ek, err := e[0].childrenBy(cfgReplEncryptionSchema)
		if err != nil {
			return d, err
		}
		v, err := cfgText(ek.get("ReplicaKmsKeyID"))
		if err != nil {
			return d, err
		}
		d.ReplicaKMSKeyID = &v
	}
	if t := k.get("ReplicationTime"); len(t) == 1 {
		tk, err := t[0].childrenBy(cfgReplTimeSchema)
		if err != nil {
			return d, err
		}
		rt := &bucketcfg.ReplicationTime{}
		if rt.Status, err = cfgRequiredEnum(tk.get("Status"), bucketcfg.StatusEnabled, bucketcfg.StatusDisabled); err != nil {
			return d, err
		}
		m, err := cfgMinutes(tk.get("Time")[0])
		if err != nil {
			return d, err
		}
		rt.Minutes = *m
		d.ReplicationTime = rt
	}
	if m := k.get("Metrics"); len(m) == 1 {
		mk, err := m[0].childrenBy(cfgReplMetricsSchema)
		if err != nil {
			return d, err
		}
		rm := &bucketcfg.ReplicationMetrics{}
		if rm.Status, err = cfgRequiredEnum(mk.get("Status"), bucketcfg.StatusEnabled, bucketcfg.StatusDisabled); err != nil {
			return d, err
		}
		if e := mk.get("EventThreshold"); len(e) == 1 {
			if rm.EventThresholdMinutes, err = cfgMinutes(e[0]); err != nil {
				return d, err
			}
		}
		d.Metrics = rm
	}
	return d, nil
}

// EncodeReplication returns GetBucketReplication's body.
func EncodeReplication(r bucketcfg.Replication) []byte {
	var w writer
	cfgStart(&w, "ReplicationConfiguration")
	w.leaf("Role", r.Role)
	for _, rule := range r.Rules {
		w.open("Rule", "")
		w.cfgNonEmpty("ID", rule.ID)
		w.cfgInt32Leaf("Priority", rule.Priority)
		w.cfgOpt("Prefix", rule.Prefix)
		if f := rule.Filter; f != nil {
			w.open("Filter", "")
			w.cfgOpt("Prefix", f.Prefix)
			if f.Tag != nil {
				w.cfgTag(*f.Tag)
			}
			if a := f.And; a != nil {
				w.open("And", "")
				w.cfgOpt("Prefix", a.Prefix)
				for _, t := range a.Tags {
					w.cfgTag(t)
				}
				w.close("And")
			}
			w.close("Filter")
		}
		w.leaf("Status", rule.Status)
		if c := rule.SourceSelectionCriteria; c != nil {
			w.open("SourceSelectionCriteria", "")
			w.cfgStatusElement("SseKmsEncryptedObjects", c.SSEKMSEncryptedObjects)
			w.cfgStatusElement("ReplicaModifications", c.ReplicaModifications)
			w.close("SourceSelectionCriteria")
		}
		w.cfgStatusElement("ExistingObjectReplication", rule.ExistingObjectReplication)
		writeReplicationDestination(&w, rule.Destination)
		w.cfgStatusElement("DeleteMarkerReplication", rule.DeleteMarkerReplication)
		w.close("Rule")
	}
	w.close("ReplicationConfiguration")
	return w.bytes()
}

func writeReplicationDestination(w *writer, d bucketcfg.ReplicationDestination) {
	w.open("Destination", "")
	w.leaf("Bucket", d.Bucket)
	w.cfgNonEmpty("Account", d.Account)
	w.cfgNonEmpty("StorageClass", d.StorageClass)
	if d.AccessControlOwner != "" {
		w.open("AccessControlTranslation", "")
		w.leaf("Owner", d.AccessControlOwner)
		w.close("AccessControlTranslation")
	}
	if d.ReplicaKMSKeyID != nil {
		w.open("EncryptionConfiguration", "")
		w.cfgNonEmpty("ReplicaKmsKeyID", *d.ReplicaKMSKeyID)
		w.close("EncryptionConfiguration")
	}
	if t := d.ReplicationTime; t != nil {
		w.open("ReplicationTime", "")
		w.leaf("Status", t.Status)
		w.open("Time", "")
		w.cfgInt32Leaf("Minutes", &t.Minutes)
		w.close("Time")
		w.close("ReplicationTime")
	}
	if m := d.Metrics; m != nil {
		w.open("Metrics", "")
		w.leaf("Status", m.Status)
		if m.EventThresholdMinutes != nil {
			w.open("EventThreshold", "")
			w.cfgInt32Leaf("Minutes", m.EventThresholdMinutes)
			w.close("EventThreshold")
		}
		w.close("Metrics")
	}
	w.close("Destination")
}

// cfgStatusElement writes <name><Status>status</Status></name> unless
// status is "".
func (w *writer) cfgStatusElement(name, status string) {
	if status == "" {
		return
	}
	w.open(name, "")
	w.leaf("Status", status)
	w.close(name)
}
