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
