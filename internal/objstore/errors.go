package objstore

import (
	"net/http"

	"github.com/johannesboyne/gofakes3"
)

// Error codes the store returns that gofakes3 does not declare. gofakes3
// answers codes it does not know with 500 (ErrorCode.Status), which SDKs
// retry, so Wrap restores S3's status for these (see codeStatus).
const (
	codeInvalidRequest      gofakes3.ErrorCode = "InvalidRequest"
	codeInvalidStorageClass gofakes3.ErrorCode = "InvalidStorageClass"
	codeEntityTooSmall      gofakes3.ErrorCode = "EntityTooSmall"
	codeInvalidObjectState  gofakes3.ErrorCode = "InvalidObjectState"
	codeEntityTooLarge      gofakes3.ErrorCode = "EntityTooLarge"
	codeInvalidChunkSize    gofakes3.ErrorCode = "InvalidChunkSizeError"
	codeMalformedTrailer    gofakes3.ErrorCode = "MalformedTrailerError"
	codeSignatureMismatch   gofakes3.ErrorCode = "SignatureDoesNotMatch"
)

// codeStatus is S3's HTTP status for the codes above.
var codeStatus = map[gofakes3.ErrorCode]int{
	codeInvalidRequest:           http.StatusBadRequest,
	codeInvalidStorageClass:      http.StatusBadRequest,
	codeEntityTooSmall:           http.StatusBadRequest,
	codeInvalidObjectState:       http.StatusForbidden,
	codeEntityTooLarge:           http.StatusBadRequest,
	codeInvalidChunkSize:         http.StatusForbidden,
	codeMalformedTrailer:         http.StatusBadRequest,
	codeSignatureMismatch:        http.StatusForbidden,
	gofakes3.ErrMethodNotAllowed: http.StatusMethodNotAllowed,
}

func errInvalidArgument(msg string) error {
	return gofakes3.ErrorMessage(gofakes3.ErrInvalidArgument, msg)
}

func errInvalidRequest(msg string) error { return gofakes3.ErrorMessage(codeInvalidRequest, msg) }

func errInvalidStorageClass() error {
	return gofakes3.ErrorMessage(codeInvalidStorageClass, "The storage class you specified is not valid")
}

// errInvalidVersionID is S3's answer to a version id it never issued.
func errInvalidVersionID(id string) error {
	return gofakes3.ErrorInvalidArgument("versionId", id, "Invalid version id specified")
}

func errNoSuchVersion(id string) error {
	return gofakes3.ResourceError(gofakes3.ErrNoSuchVersion, id)
}

// errDeleteMarkerVersion is S3's answer to GET or HEAD of a delete marker
// by version id.
func errDeleteMarkerVersion() error {
	return gofakes3.ErrorMessage(gofakes3.ErrMethodNotAllowed, "The specified method is not allowed against this resource.")
}

func errBadDigest(alg string) error {
	return gofakes3.ErrorMessage(gofakes3.ErrBadDigest, "The "+alg+" you specified did not match the calculated checksum.")
}

func errInvalidObjectState() error {
	return gofakes3.ErrorMessage(codeInvalidObjectState, "The operation is not valid for the object's storage class")
}

func errNoSuchUpload() error {
	return gofakes3.ErrorMessage(gofakes3.ErrNoSuchUpload,
		"The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
}

func errInvalidPart() error {
	return gofakes3.ErrorMessage(gofakes3.ErrInvalidPart,
		"One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
}

func errInvalidPartOrder() error {
	return gofakes3.ErrorMessage(gofakes3.ErrInvalidPartOrder,
		"The list of parts was not in ascending order. Parts must be ordered by part number.")
}

func errEntityTooSmall() error {
	return gofakes3.ErrorMessage(codeEntityTooSmall, "Your proposed upload is smaller than the minimum allowed object size.")
}
