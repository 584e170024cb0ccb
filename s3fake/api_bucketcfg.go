package s3fake

// What the bucket configuration calls (api_bucketcfg_*.go) share: reading
// a configuration document, the wire form of a refused one, and the
// "none yet" answers. The documents are internal/bucketcfg models, kept
// per bucket by internal/objstore and coded by xmlcodec.

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/xmlcodec"
)

// digestRequired says whether a configuration PUT must carry Content-MD5
// or an x-amz-checksum-* header. S3 refuses PutBucketTagging, PutBucketCors,
// PutBucketLifecycleConfiguration, PutBucketReplication and
// PutObjectLockConfiguration without one (recorded answers of S3); the
// SDKs send a CRC32 for every configuration PUT, and a digest that is
// sent is always checked.
type digestRequired bool

const (
	digestOptional  digestRequired = false
	digestMandatory digestRequired = true
)

// configDocument reads a configuration PUT's document: an empty body is
// S3's MissingRequestBodyError; the integrity header is checked as need
// says.
func (s *Server) configDocument(req *request, need digestRequired) ([]byte, error) {
	data, err := req.readDocument()
	if err != nil {
		return nil, err
	}
	if err := checkConfigDigest(req.r.Header, data, need); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, xmlcodec.NewError(xmlcodec.MissingRequestBodyError, "")
	}
	return data, nil
}

// checkConfigDigest verifies the Content-MD5 or x-amz-checksum-* header
// of a configuration document, and requires one when need is mandatory
// (S3's message since the checksum headers: "Content-MD5 OR
// x-amz-checksum-*").
func checkConfigDigest(h http.Header, body []byte, need digestRequired) error {
	sent := h.Get("Content-Md5") != ""
	for _, c := range deleteChecksums {
		if _, ok := h[http.CanonicalHeaderKey("X-Amz-Checksum-"+c.name)]; ok {
			sent = true
		}
	}
	if !sent {
		if need == digestMandatory {
			return xmlcodec.NewError(xmlcodec.InvalidRequest, "Missing required header for this request: Content-MD5 OR x-amz-checksum-*")
		}
		return nil
	}
	return checkDeleteDigest(h, body)
}

// configError is the wire form of a document bucketcfg refuses (other
// errors pass through to toS3Error).
func configError(err error) error {
	var ce *bucketcfg.Error
	if !errors.As(err, &ce) {
		return err
	}
	e := xmlcodec.NewError(xmlcodec.Code(ce.Code), ce.Message)
	e.ArgumentName, e.ArgumentValue = ce.ArgumentName, ce.ArgumentValue
	return e
}

// configNotFound is a "none yet" answer: code, its status and message,
// and the BucketName element S3 sends with it.
func configNotFound(code xmlcodec.Code, bucket string) error {
	e := xmlcodec.NewError(code, "")
	e.BucketName = bucket
	return e
}

// cfgOK and cfgNoContent are the empty success answers of the PUTs (200) and
// DELETEs (204).
var (
	cfgOK        = response{status: http.StatusOK}
	cfgNoContent = response{status: http.StatusNoContent}
)

// cfgXML is a 200 with a document.
func cfgXML(body []byte) response { return response{status: http.StatusOK, body: body} }
