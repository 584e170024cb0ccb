package objstore

import "errors"

// Error is the store's one error type: an S3 error code (Code, exactly as
// S3 sends it in <Code>), the message S3 sends with it here, and the
// elements S3 adds to that error's body. The store knows nothing of HTTP:
// s3fake maps Code to a status and writes the body.
type Error struct {
	// Code is S3's error code, e.g. "NoSuchKey".
	Code string
	// Message is S3's message; "" means the code's usual message.
	Message string
	// BucketName, Key, VersionID, UploadID, ArgumentName, ArgumentValue
	// and Resource are the optional elements S3 puts in the error body.
	BucketName, Key, VersionID, UploadID string
	ArgumentName, ArgumentValue          string
	Resource                             string
	// Extra are further elements in order, e.g. InvalidRange's
	// ActualObjectSize and RangeRequested.
	Extra []Field
	// DeleteMarker is set when the error is about a delete marker: S3
	// then sends x-amz-delete-marker: true (and the marker's version id)
	// with it.
	DeleteMarker bool
	// LastModified is the delete marker's time (HTTP date), when DeleteMarker is set.
	LastModified string
}

// Field is one further element of an error body.
type Field struct{ Name, Value string }

// Error implements error.
func (e *Error) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}

// IsCode reports whether err is a store *Error with code.
func IsCode(err error, code string) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

func newError(code, msg string) *Error { return &Error{Code: code, Message: msg} }

func errNoSuchBucket(name string) error {
	return &Error{Code: "NoSuchBucket", BucketName: name}
}

func errNoSuchKey(key string) error { return &Error{Code: "NoSuchKey", Key: key} }

func errBucketNotEmpty(name string) error {
	return &Error{Code: "BucketNotEmpty", BucketName: name}
}

func errBucketAlreadyExists(name string) error {
	return &Error{Code: "BucketAlreadyExists", BucketName: name}
}

func errInvalidArgument(msg string) error { return newError("InvalidArgument", msg) }

func errInvalidRequest(msg string) error { return newError("InvalidRequest", msg) }

func errInvalidStorageClass() error {
	return newError("InvalidStorageClass", "The storage class you specified is not valid")
}

func errMetadataTooLarge() error {
	return newError("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size")
}

func errPreconditionFailed() error {
	return &Error{Code: "PreconditionFailed", Message: "At least one of the pre-conditions you specified did not hold",
		Extra: []Field{{"Condition", "If-Match"}}}
}

func errMalformedXML() error {
	return newError("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
}

// errInvalidVersionID is S3's answer to a version id it never issued.
func errInvalidVersionID(id string) error {
	return &Error{Code: "InvalidArgument", Message: "Invalid version id specified", ArgumentName: "versionId", ArgumentValue: id}
}

// errInvalidVersionIDMarker is errInvalidVersionID for a listing's marker.
func errInvalidVersionIDMarker(id string) error {
	return &Error{Code: "InvalidArgument", Message: "Invalid version id specified", ArgumentName: "version-id-marker", ArgumentValue: id}
}

func errNoSuchVersion(key, id string) error {
	return &Error{Code: "NoSuchVersion", Key: key, VersionID: id}
}

func errBadDigest(alg string) error {
	return newError("BadDigest", "The "+alg+" you specified did not match the calculated checksum.")
}

func errInvalidObjectState() error {
	return newError("InvalidObjectState", "The operation is not valid for the object's storage class")
}

func errNoSuchUpload(id string) error {
	return &Error{Code: "NoSuchUpload", UploadID: id,
		Message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."}
}

func errInvalidPart() error {
	return newError("InvalidPart",
		"One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
}

func errInvalidPartOrder() error {
	return newError("InvalidPartOrder",
		"The list of parts was not in ascending order. Parts must be ordered by part number.")
}

func errEntityTooSmall() error {
	return newError("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.")
}
