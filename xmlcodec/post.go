package xmlcodec

// PostObject's 201 answer: <PostResponse> with Location, Bucket, Key and
// ETag, without a namespace, as S3 sends it (captures of S3's answers in
// s3rver's and ceph's trackers; ceph s3-tests parse it without one).

// EncodePostResponse returns the PostResponse body of a browser-form
// upload answered with success_action_status 201. etag is quoted.
func EncodePostResponse(location, bucket, key, etag string) []byte {
	var w writer
	w.raw(header)
	w.open("PostResponse", "")
	w.leaf("Location", location)
	w.leaf("Bucket", bucket)
	w.leaf("Key", key)
	w.leaf("ETag", etag)
	w.close("PostResponse")
	return w.bytes()
}

// PostTag is one tag of a form's tagging field.
type PostTag struct{ Key, Value string }

var (
	postTaggingSchema = schema{{name: "TagSet", required: true}}
	postTagSetSchema  = schema{{name: "Tag", repeated: true}}
	postTagSchema     = schema{{name: "Key", required: true}, {name: "Value", required: true}}
)

// DecodePostTagging reads the tagging field of a browser-form upload,
// <Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>...</TagSet>
// </Tagging>. A document that is not well-formed XML, or a Tagging that
// breaks the schema, is a *MalformedError; a well-formed document with
// another root element gives no tags, as S3 answered a form with
// <InvalidXmlTagging></InvalidXmlTagging> (LocalStack's AWS-validated
// recording).
func DecodePostTagging(data []byte) ([]PostTag, error) {
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	if root.name != "Tagging" {
		return nil, nil
	}
	top, err := root.childrenBy(postTaggingSchema)
	if err != nil {
		return nil, err
	}
	set, err := top.get("TagSet")[0].childrenBy(postTagSetSchema)
	if err != nil {
		return nil, err
	}
	var tags []PostTag
	for _, t := range set.get("Tag") {
		kids, err := t.childrenBy(postTagSchema)
		if err != nil {
			return nil, err
		}
		var tag PostTag
		if tag.Key, err = kids.get("Key")[0].leaf(); err != nil {
			return nil, err
		}
		if tag.Value, err = kids.get("Value")[0].leaf(); err != nil {
			return nil, err
		}
		tags = append(tags, tag)
	}
	return tags, nil
}
