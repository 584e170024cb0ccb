package xmlcodec

// The <BucketLoggingStatus> document of PutBucketLogging and
// GetBucketLogging.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLogging.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var (
	cfgLoggingStatusSchema = schema{{name: "LoggingEnabled"}}
	// TargetGrants is not in the schema: its Grantee carries an xsi:type
	// attribute the strict scanner refuses, and buckets created today
	// (BucketOwnerEnforced) cannot take grants anyway.
	cfgLoggingEnabledSchema = schema{
		{name: "TargetBucket", required: true}, {name: "TargetPrefix", required: true}, {name: "TargetObjectKeyFormat"},
	}
	cfgKeyFormatSchema   = schema{{name: "SimplePrefix"}, {name: "PartitionedPrefix"}}
	cfgPartitionedSchema = schema{{name: "PartitionDateSource"}}
)

// DecodeLogging reads a <BucketLoggingStatus> strictly: nil when it has
// no LoggingEnabled (logging off), otherwise the target bucket, prefix
// and key format. Anything else is a *MalformedError.
func DecodeLogging(data []byte) (*bucketcfg.Logging, error) {
	top, err := cfgRoot(data, "BucketLoggingStatus", cfgLoggingStatusSchema)
	if err != nil {
		return nil, err
	}
	le := top.get("LoggingEnabled")
	if len(le) == 0 {
		return nil, nil
	}
	k, err := le[0].childrenBy(cfgLoggingEnabledSchema)
	if err != nil {
		return nil, err
	}
	l := &bucketcfg.Logging{}
	if l.TargetBucket, err = cfgText(k.get("TargetBucket")); err != nil {
		return nil, err
	}
	if l.TargetPrefix, err = cfgText(k.get("TargetPrefix")); err != nil {
		return nil, err
	}
	if f := k.get("TargetObjectKeyFormat"); len(f) == 1 {
		fk, err := f[0].childrenBy(cfgKeyFormatSchema)
		if err != nil {
			return nil, err
		}
		simple, part := fk.get("SimplePrefix"), fk.get("PartitionedPrefix")
		if len(simple)+len(part) != 1 {
			return nil, malformed("TargetObjectKeyFormat needs one of SimplePrefix and PartitionedPrefix")
		}
		format := &bucketcfg.LogKeyFormat{}
		if len(simple) == 1 {
			if _, err := cfgText(simple); err != nil {
				return nil, err
			}
		} else {
			pk, err := part[0].childrenBy(cfgPartitionedSchema)
			if err != nil {
				return nil, err
			}
			format.Partitioned = true
			if format.PartitionDateSource, err = enumLeaf(pk.get("PartitionDateSource"),
				bucketcfg.PartitionEventTime, bucketcfg.PartitionDeliveryTime); err != nil {
				return nil, err
			}
		}
		l.KeyFormat = format
	}
	return l, nil
}

// EncodeLogging returns GetBucketLogging's body: an empty
// BucketLoggingStatus when logging is off (l nil).
func EncodeLogging(l *bucketcfg.Logging) []byte {
	if l == nil {
		return cfgEmpty("BucketLoggingStatus")
	}
	var w writer
	cfgStart(&w, "BucketLoggingStatus")
	w.open("LoggingEnabled", "")
	w.leaf("TargetBucket", l.TargetBucket)
	w.leaf("TargetPrefix", l.TargetPrefix)
	if f := l.KeyFormat; f != nil {
		w.open("TargetObjectKeyFormat", "")
		if f.Partitioned {
			w.open("PartitionedPrefix", "")
			w.cfgNonEmpty("PartitionDateSource", f.PartitionDateSource)
			w.close("PartitionedPrefix")
		} else {
			w.empty("SimplePrefix")
		}
		w.close("TargetObjectKeyFormat")
	}
	w.close("LoggingEnabled")
	w.close("BucketLoggingStatus")
	return w.bytes()
}
