package xmlcodec

import "time"

// BucketEntry is one bucket of a ListBuckets answer.
type BucketEntry struct {
	Name    string
	Created time.Time
	// Region is written as <BucketRegion> when set: S3 sends it when the
	// request had one of ListBuckets' parameters.
	Region string
}

// ListBucketsResult is a ListBuckets answer.
type ListBucketsResult struct {
	OwnerID, OwnerName string
	Buckets            []BucketEntry
	// ContinuationToken, when set, resumes the listing after this page.
	ContinuationToken string
	// Prefix is echoed when set.
	Prefix string
}

// EncodeListBuckets returns the ListAllMyBucketsResult body of buckets,
// owned by the given owner, with no paging.
func EncodeListBuckets(ownerID, ownerName string, buckets []BucketEntry) []byte {
	return EncodeListBucketsResult(ListBucketsResult{OwnerID: ownerID, OwnerName: ownerName, Buckets: buckets})
}

// EncodeListBucketsResult returns the ListAllMyBucketsResult body.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
func EncodeListBucketsResult(r ListBucketsResult) []byte {
	var w writer
	w.raw(header)
	w.open("ListAllMyBucketsResult", Namespace)
	w.open("Owner", "")
	w.leaf("ID", r.OwnerID)
	w.leaf("DisplayName", r.OwnerName)
	w.close("Owner")
	w.open("Buckets", "")
	for _, b := range r.Buckets {
		w.open("Bucket", "")
		w.leaf("Name", b.Name)
		w.leaf("CreationDate", formatTime(b.Created))
		if b.Region != "" {
			w.leaf("BucketRegion", b.Region)
		}
		w.close("Bucket")
	}
	w.close("Buckets")
	if r.ContinuationToken != "" {
		w.leaf("ContinuationToken", r.ContinuationToken)
	}
	if r.Prefix != "" {
		textLeaf(&w, "Prefix", r.Prefix)
	}
	w.close("ListAllMyBucketsResult")
	return w.bytes()
}

// EncodeLocationConstraint returns GetBucketLocation's body: the bucket's
// location constraint, an empty element for us-east-1 (S3's legacy: its
// buckets have none).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
func EncodeLocationConstraint(location string) []byte {
	var w writer
	w.raw(header)
	if location == "" {
		w.raw(`<LocationConstraint xmlns="` + Namespace + `"/>`)
		return w.bytes()
	}
	w.open("LocationConstraint", Namespace)
	writeText(&w, location)
	w.close("LocationConstraint")
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

// Versioning is a VersioningConfiguration document.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html
type Versioning struct {
	// Status is "Enabled", "Suspended", or "" (none).
	Status string
	// MFADelete is "Enabled", "Disabled", or "" (none).
	MFADelete string
}

// EncodeVersioning returns GetBucketVersioning's body. A bucket that was
// never versioned answers an empty element: S3 sends no Status at all,
// not an empty one.
func EncodeVersioning(v Versioning) []byte {
	var w writer
	w.raw(header)
	if v.Status == "" && v.MFADelete == "" {
		w.raw(`<VersioningConfiguration xmlns="` + Namespace + `"/>`)
		return w.bytes()
	}
	w.open("VersioningConfiguration", Namespace)
	if v.Status != "" {
		w.leaf("Status", v.Status)
	}
	if v.MFADelete != "" {
		w.leaf("MfaDelete", v.MFADelete)
	}
	w.close("VersioningConfiguration")
	return w.bytes()
}

// versioningSchema is VersioningConfiguration's children.
var versioningSchema = schema{{name: "Status"}, {name: "MfaDelete"}}

// DecodeVersioning reads a PutBucketVersioning body strictly: the root
// VersioningConfiguration, at most one Status (Enabled or Suspended) and
// one MfaDelete (Enabled or Disabled), nothing else. Anything else,
// including an empty body, is a *MalformedError (MalformedXML).
func DecodeVersioning(data []byte) (Versioning, error) {
	var v Versioning
	if len(trimSpace(string(data))) == 0 {
		return v, malformed("empty VersioningConfiguration")
	}
	root, err := parseTree(data)
	if err != nil {
		return v, err
	}
	if root.name != "VersioningConfiguration" {
		return v, malformed("root element %s", root.name)
	}
	kids, err := root.childrenBy(versioningSchema)
	if err != nil {
		return v, err
	}
	if v.Status, err = enumLeaf(kids.get("Status"), "Enabled", "Suspended"); err != nil {
		return v, err
	}
	if v.MFADelete, err = enumLeaf(kids.get("MfaDelete"), "Enabled", "Disabled"); err != nil {
		return v, err
	}
	return v, nil
}

// enumLeaf returns the text of the optional leaf in ns, which must be one
// of values exactly ("" when absent).
func enumLeaf(ns []*node, values ...string) (string, error) {
	if len(ns) == 0 {
		return "", nil
	}
	text, err := ns[0].leaf()
	if err != nil {
		return "", err
	}
	for _, v := range values {
		if text == v {
			return text, nil
		}
	}
	return "", malformed("%s is not one of %v", ns[0].name, values)
}
