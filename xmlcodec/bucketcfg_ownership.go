package xmlcodec

// The <OwnershipControls> document of PutBucketOwnershipControls and
// GetBucketOwnershipControls.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketOwnershipControls.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var (
	cfgOwnershipSchema     = schema{{name: "Rule", required: true, repeated: true}}
	cfgOwnershipRuleSchema = schema{{name: "ObjectOwnership", required: true}}
)

// DecodeOwnershipControls reads an <OwnershipControls> strictly: exactly
// one Rule whose ObjectOwnership is BucketOwnerEnforced,
// BucketOwnerPreferred or ObjectWriter; anything else is a *MalformedError.
func DecodeOwnershipControls(data []byte) (bucketcfg.OwnershipControls, error) {
	var o bucketcfg.OwnershipControls
	top, err := cfgRoot(data, "OwnershipControls", cfgOwnershipSchema)
	if err != nil {
		return o, err
	}
	rules := top.get("Rule")
	if len(rules) != 1 {
		return o, malformed("%d Rules", len(rules))
	}
	k, err := rules[0].childrenBy(cfgOwnershipRuleSchema)
	if err != nil {
		return o, err
	}
	o.ObjectOwnership, err = cfgRequiredEnum(k.get("ObjectOwnership"), bucketcfg.OwnershipBucketOwnerEnforced,
		bucketcfg.OwnershipBucketOwnerPreferred, bucketcfg.OwnershipObjectWriter)
	return o, err
}

// EncodeOwnershipControls returns GetBucketOwnershipControls's body.
func EncodeOwnershipControls(o bucketcfg.OwnershipControls) []byte {
	var w writer
	cfgStart(&w, "OwnershipControls")
	w.open("Rule", "")
	w.leaf("ObjectOwnership", o.ObjectOwnership)
	w.close("Rule")
	w.close("OwnershipControls")
	return w.bytes()
}
