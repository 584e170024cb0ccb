package xmlcodec

// DeleteObjects: the <Delete> request and the <DeleteResult> answer.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html

import "strings"

// MaxDeleteObjects is the most <Object> entries one DeleteObjects may
// carry; S3 answers MalformedXML past it.
const MaxDeleteObjects = 1000

var (
	deleteSchema       = schema{{name: "Object", repeated: true}, {name: "Quiet"}}
	deleteObjectSchema = schema{
		{name: "Key", required: true},
		{name: "VersionId"},
		{name: "ETag"},
		// LastModifiedTime and Size are conditions S3 applies in
		// directory buckets only; general purpose buckets accept them.
		{name: "LastModifiedTime"},
		{name: "Size"},
	}
)

// DeleteRequestObject is one <Object> of a <Delete> request.
type DeleteRequestObject struct {
	Key       string
	VersionID string // "" when absent
	ETag      string // "" when absent
}

// DeleteRequest is a decoded <Delete> document.
type DeleteRequest struct {
	Objects []DeleteRequestObject
	Quiet   bool
}

// DecodeDelete parses a <Delete> document strictly: unknown or duplicated
// elements, no <Object>, more than MaxDeleteObjects, an empty <Key>, a
// <Quiet> other than true or false, or anything that is not well-formed
// is a *MalformedError (MalformedXML).
func DecodeDelete(data []byte) (DeleteRequest, error) {
	var req DeleteRequest
	root, err := parseTree(data)
	if err != nil {
		return req, err
	}
	if root.name != "Delete" {
		return req, malformed("root element %s", root.name)
	}
	top, err := root.childrenBy(deleteSchema)
	if err != nil {
		return req, err
	}
	objects := top.get("Object")
	switch {
	case len(objects) == 0:
		return req, malformed("no Object in Delete")
	case len(objects) > MaxDeleteObjects:
		return req, malformed("%d Objects in Delete, over %d", len(objects), MaxDeleteObjects)
	}
	if q := top.get("Quiet"); len(q) > 0 {
		v, err := q[0].leaf()
		if err != nil {
			return req, err
		}
		switch strings.ToLower(trimSpace(v)) {
		case "true":
			req.Quiet = true
		case "false":
		default:
			return req, malformed("Quiet %q", v)
		}
	}
	req.Objects = make([]DeleteRequestObject, len(objects))
	for i, o := range objects {
		kids, err := o.childrenBy(deleteObjectSchema)
		if err != nil {
			return req, err
		}
		obj := &req.Objects[i]
		if obj.Key, err = kids.get("Key")[0].leaf(); err != nil {
			return req, err
		}
		if obj.Key == "" {
			return req, malformed("empty Key") // S3's key length minimum is 1
		}
		if obj.VersionID, err = deleteLeaf(kids, "VersionId"); err != nil {
			return req, err
		}
		if obj.ETag, err = deleteLeaf(kids, "ETag"); err != nil {
			return req, err
		}
		for _, name := range []string{"LastModifiedTime", "Size"} {
			if _, err := deleteLeaf(kids, name); err != nil {
				return req, err
			}
		}
	}
	return req, nil
}

// deleteLeaf is the text of an optional leaf child, "" when absent.
func deleteLeaf(k kids, name string) (string, error) {
	n := k.get(name)
	if len(n) == 0 {
		return "", nil
	}
	return n[0].leaf()
}

// DeleteResultEntry is one entry of a <DeleteResult>: a <Deleted> or,
// when Code is set, an <Error>.
type DeleteResultEntry struct {
	Key       string
	VersionID string // as requested; "" writes none
	// DeleteMarker and DeleteMarkerVersionID describe the delete marker
	// the delete created or removed (<Deleted> only).
	DeleteMarker          bool
	DeleteMarkerVersionID string
	// Code and Message make the entry an <Error>.
	Code    Code
	Message string
}

// EncodeDeleteResult returns the <DeleteResult> body: the entries in
// request order; in quiet mode only the errors.
func EncodeDeleteResult(entries []DeleteResultEntry, quiet bool) []byte {
	var w writer
	w.raw(header)
	w.open("DeleteResult", Namespace)
	for _, e := range entries {
		if e.Code != "" {
			w.open("Error", "")
			w.leaf("Key", e.Key)
			if e.VersionID != "" {
				w.leaf("VersionId", e.VersionID)
			}
			w.leaf("Code", string(e.Code))
			w.leaf("Message", e.Message)
			w.close("Error")
			continue
		}
		if quiet {
			continue
		}
		w.open("Deleted", "")
		w.leaf("Key", e.Key)
		if e.VersionID != "" {
			w.leaf("VersionId", e.VersionID)
		}
		if e.DeleteMarker {
			w.leaf("DeleteMarker", "true")
			w.leaf("DeleteMarkerVersionId", e.DeleteMarkerVersionID)
		}
		w.close("Deleted")
	}
	w.close("DeleteResult")
	return w.bytes()
}
