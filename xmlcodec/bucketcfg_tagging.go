package xmlcodec

// The <Tagging> document of PutBucketTagging and GetBucketTagging (the
// same document as object tagging).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var (
	cfgTaggingSchema = schema{{name: "TagSet", required: true}}
	cfgTagSetSchema  = schema{{name: "Tag", repeated: true}}
)

// DecodeTagging reads a <Tagging> document strictly: a TagSet of Tags
// with a Key and a Value each. Anything else is a *MalformedError. Tag
// rules are bucketcfg's.
func DecodeTagging(data []byte) (bucketcfg.Tagging, error) {
	var t bucketcfg.Tagging
	top, err := cfgRoot(data, "Tagging", cfgTaggingSchema)
	if err != nil {
		return t, err
	}
	set, err := top.get("TagSet")[0].childrenBy(cfgTagSetSchema)
	if err != nil {
		return t, err
	}
	t.Tags, err = cfgTags(set.get("Tag"))
	return t, err
}

// EncodeTagging returns the <Tagging> body of GetBucketTagging.
func EncodeTagging(t bucketcfg.Tagging) []byte {
	var w writer
	cfgStart(&w, "Tagging")
	w.open("TagSet", "")
	for _, tag := range t.Tags {
		w.cfgTag(tag)
	}
	w.close("TagSet")
	w.close("Tagging")
	return w.bytes()
}
