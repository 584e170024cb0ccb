package xmlcodec

// The <ServerSideEncryptionConfiguration> document of PutBucketEncryption
// and GetBucketEncryption.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html

import (
	"strconv"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

var (
	cfgSSESchema     = schema{{name: "Rule", required: true, repeated: true}}
	cfgSSERuleSchema = schema{
		{name: "ApplyServerSideEncryptionByDefault"},
		{name: "BlockedEncryptionTypes"},
		{name: "BucketKeyEnabled"},
	}
	cfgSSEDefaultSchema = schema{{name: "SSEAlgorithm", required: true}, {name: "KMSMasterKeyID"}}
	cfgSSEBlockedSchema = schema{{name: "EncryptionType", required: true, repeated: true}}
)

// DecodeEncryption reads a <ServerSideEncryptionConfiguration> strictly:
// one Rule (S3 keeps a single default), an SSEAlgorithm of AES256,
// aws:kms or aws:kms:dsse, EncryptionTypes NONE or SSE-C, a boolean
// BucketKeyEnabled; anything else is a *MalformedError. A rule without
// ApplyServerSideEncryptionByDefault keeps SSE-S3; BlockedTypes is nil
// when the document has no BlockedEncryptionTypes.
func DecodeEncryption(data []byte) (bucketcfg.Encryption, error) {
	e := bucketcfg.Encryption{Algorithm: bucketcfg.AlgorithmAES256}
	top, err := cfgRoot(data, "ServerSideEncryptionConfiguration", cfgSSESchema)
	if err != nil {
		return e, err
	}
	rules := top.get("Rule")
	if len(rules) != 1 {
		return e, malformed("%d Rules", len(rules))
	}
	rule, err := rules[0].childrenBy(cfgSSERuleSchema)
	if err != nil {
		return e, err
	}
	if d := rule.get("ApplyServerSideEncryptionByDefault"); len(d) == 1 {
		def, err := d[0].childrenBy(cfgSSEDefaultSchema)
		if err != nil {
			return e, err
		}
		if e.Algorithm, err = cfgRequiredEnum(def.get("SSEAlgorithm"),
			bucketcfg.AlgorithmAES256, bucketcfg.AlgorithmKMS, bucketcfg.AlgorithmKMSDSSE); err != nil {
			return e, err
		}
		if e.KMSKeyID, err = cfgText(def.get("KMSMasterKeyID")); err != nil {
			return e, err
		}
	}
	if b := rule.get("BlockedEncryptionTypes"); len(b) == 1 {
		blocked, err := b[0].childrenBy(cfgSSEBlockedSchema)
		if err != nil {
			return e, err
		}
		for _, n := range blocked.get("EncryptionType") {
			v, err := cfgRequiredEnum([]*node{n}, bucketcfg.BlockNone, bucketcfg.BlockSSEC)
			if err != nil {
				return e, err
			}
			e.BlockedTypes = append(e.BlockedTypes, v)
		}
	}
	key, err := cfgBool(rule.get("BucketKeyEnabled"))
	if key != nil {
		e.BucketKeyEnabled = *key
	}
	return e, err
}

// EncodeEncryption returns GetBucketEncryption's body: the rule with its
// algorithm, key, blocked types and BucketKeyEnabled (always written, as
// S3 does).
func EncodeEncryption(e bucketcfg.Encryption) []byte {
	var w writer
	cfgStart(&w, "ServerSideEncryptionConfiguration")
	w.open("Rule", "")
	w.open("ApplyServerSideEncryptionByDefault", "")
	w.leaf("SSEAlgorithm", e.Algorithm)
	w.cfgNonEmpty("KMSMasterKeyID", e.KMSKeyID)
	w.close("ApplyServerSideEncryptionByDefault")
	if len(e.BlockedTypes) > 0 {
		w.open("BlockedEncryptionTypes", "")
		for _, t := range e.BlockedTypes {
			w.leaf("EncryptionType", t)
		}
		w.close("BlockedEncryptionTypes")
	}
	w.leaf("BucketKeyEnabled", strconv.FormatBool(e.BucketKeyEnabled))
	w.close("Rule")
	w.close("ServerSideEncryptionConfiguration")
	return w.bytes()
}
