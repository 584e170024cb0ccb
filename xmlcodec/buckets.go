package xmlcodec

import "time"

// BucketEntry is one bucket of a ListBuckets answer.
type BucketEntry struct {
	Name    string
	Created time.Time
}

// EncodeListBuckets returns the ListAllMyBucketsResult body.
func EncodeListBuckets(ownerID, ownerName string, buckets []BucketEntry) []byte {
	var w writer
	w.raw(header)
	w.open("ListAllMyBucketsResult", Namespace)
	w.open("Owner", "")
	w.leaf("ID", ownerID)
	w.leaf("DisplayName", ownerName)
	w.close("Owner")
	w.open("Buckets", "")
	for _, b := range buckets {
		w.open("Bucket", "")
		w.leaf("Name", b.Name)
		w.leaf("CreationDate", b.Created.UTC().Format("2006-01-02T15:04:05.000Z"))
		w.close("Bucket")
	}
	w.close("Buckets")
	w.close("ListAllMyBucketsResult")
	return w.bytes()
}

// createBucketSchema is CreateBucketConfiguration's children.
var createBucketSchema = schema{{name: "LocationConstraint"}, {name: "Location"}, {name: "Bucket"}, {name: "Tags"}}

// DecodeLocationConstraint reads a CreateBucketConfiguration body ("" when
// the body is empty) as strictly as every other document, and returns its
// LocationConstraint.
func DecodeLocationConstraint(data []byte) (string, error) {
	if len(trimSpace(string(data))) == 0 {
		return "", nil
	}
	root, err := parseTree(data)
	if err != nil {
		return "", err
	}
	if root.name != "CreateBucketConfiguration" {
		return "", malformed("root element %s", root.name)
	}
	kids, err := root.childrenBy(createBucketSchema)
	if err != nil {
		return "", err
	}
	lc := kids.get("LocationConstraint")
	if len(lc) == 0 {
		return "", nil
	}
	return lc[0].leaf()
}
