package s3fake

import (
	"errors"
	"log/slog"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/awschunked"
	"github.com/s3fake/s3fake/internal/invstore"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/xmlcodec"
)

// toS3Error maps every error a handler can return to the S3 error sent:
// the one place where domain errors meet wire codes. An error it does not
// know is a bug: it is logged and sent as InternalError without its text.
func (s *Server) toS3Error(err error, req *request) *xmlcodec.ErrorBody {
	var (
		wire   *xmlcodec.ErrorBody
		schema *inventory.SchemaError
		unsup  *inventory.UnsupportedValueError
		dest   *inventory.DestinationError
		malf   *xmlcodec.MalformedError
	)
	var denied *access.Error
	var store *objstore.Error
	var chunk *awschunked.Error
	var tooLarge tooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return tooLarge.wire()
	case errors.As(err, &wire):
		return wire
	case errors.As(err, &store):
		return storeError(store)
	case errors.As(err, &chunk):
		return xmlcodec.NewError(xmlcodec.Code(chunk.S3Code()), chunk.Error())
	case errors.As(err, &denied):
		e := xmlcodec.NewError(xmlcodec.Code(denied.Code), denied.Message)
		e.StatusCode = denied.Status
		for _, f := range denied.Fields {
			e.Extra = append(e.Extra, xmlcodec.ExtraField{Name: f.Name, Value: f.Value})
		}
		return e
	case errors.As(err, &malf), errors.As(err, &schema):
		return xmlcodec.NewError(xmlcodec.MalformedXML, "")
	case errors.Is(err, xmlcodec.ErrIncompleteBody):
		return xmlcodec.NewError(xmlcodec.IncompleteBody, "")
	case errors.Is(err, xmlcodec.ErrBodyTooLarge):
		return xmlcodec.NewError(xmlcodec.MaxMessageLengthExceeded, "")
	case errors.As(err, &unsup):
		e := xmlcodec.NewError(xmlcodec.InvalidArgument, "")
		e.ArgumentName, e.ArgumentValue = unsup.Argument, unsup.Value
		return e
	case errors.Is(err, inventory.ErrIDMismatch):
		return xmlcodec.NewError(xmlcodec.IDMismatch, "")
	case errors.As(err, &dest):
		if dest.Problem == inventory.DestinationHasNamespace {
			return xmlcodec.NewError(xmlcodec.InvalidS3DestinationBucket, "Bucket ARN should not specify a namespace.")
		}
		return xmlcodec.NewError(xmlcodec.InvalidS3DestinationBucket, "Invalid bucket ARN.")
	case errors.Is(err, invstore.ErrTooManyConfigurations):
		return xmlcodec.NewError(xmlcodec.TooManyConfigurations, "")
	case errors.Is(err, invstore.ErrNoSuchConfiguration):
		return xmlcodec.NewError(xmlcodec.NoSuchConfiguration, "")
	case errors.Is(err, invstore.ErrInvalidContinuationToken):
		e := xmlcodec.NewError(xmlcodec.InvalidArgument, "The continuation token provided is incorrect")
		e.ArgumentName = "continuation-token"
		e.ArgumentValue = req.query.Get("continuation-token")
		return e
	}
	s.cfg.logger.Error("s3fake internal error", slog.String("path", req.r.URL.Path), slog.Any("err", err))
	return xmlcodec.NewError(xmlcodec.InternalError, "")
}

// noSuchBucket is S3's NoSuchBucket with the BucketName element.
func noSuchBucket(bucket string) *xmlcodec.ErrorBody {
	e := xmlcodec.NewError(xmlcodec.NoSuchBucket, "")
	e.BucketName = bucket
	return e
}

// storeError is the wire form of an object store error: its code, message
// and body elements, and the headers S3 sends with errors about a delete
// marker.
func storeError(se *objstore.Error) *xmlcodec.ErrorBody {
	e := xmlcodec.NewError(xmlcodec.Code(se.Code), se.Message)
	e.BucketName, e.Key, e.Resource = se.BucketName, se.Key, se.Resource
	e.ArgumentName, e.ArgumentValue = se.ArgumentName, se.ArgumentValue
	if se.VersionID != "" {
		e.Extra = append(e.Extra, xmlcodec.ExtraField{Name: "VersionId", Value: se.VersionID})
	}
	if se.UploadID != "" {
		e.Extra = append(e.Extra, xmlcodec.ExtraField{Name: "UploadId", Value: se.UploadID})
	}
	for _, f := range se.Extra {
		e.Extra = append(e.Extra, xmlcodec.ExtraField{Name: f.Name, Value: f.Value})
	}
	if se.DeleteMarker {
		e.Headers = map[string]string{"x-amz-delete-marker": "true"}
		if se.LastModified != "" {
			e.Headers["Last-Modified"] = se.LastModified
		}
		if e.Code == xmlcodec.MethodNotAllowed {
			e.Headers["Allow"] = "DELETE"
		}
	}
	return e
}
