package inventory

import (
	"errors"
	"fmt"
)

// ErrIDMismatch: the document's Id differs from the id the request named
// (CheckPut). Package s3fake maps it, like every error of this package, to
// its S3 error code in one place; this package never speaks the wire.
var ErrIDMismatch = errors.New("inventory: document id does not match the request id")

// SchemaError is a configuration that does not satisfy S3's schema: a
// missing required element, a value outside an enum, a bad Id. S3 answers
// all of them with MalformedXML.
type SchemaError struct {
	// Field is the element at fault, as a path (for example
	// "Destination/S3BucketDestination/Format").
	Field string
	// Reason says what is wrong, for logs and tests.
	Reason string
}

// Error implements error.
func (e *SchemaError) Error() string {
	return fmt.Sprintf("inventory: schema: %s: %s", e.Field, e.Reason)
}

// UnsupportedValueError is a value that is valid for AWS but outside what
// the dialect supports (IBM COS: a format other than CSV, an optional field
// outside its ten, Encryption). S3fake answers it with InvalidArgument.
type UnsupportedValueError struct {
	// Dialect is the dialect that refused the value.
	Dialect Dialect
	// Argument is the element name (Format, Field, Encryption).
	Argument string
	// Value is the refused value.
	Value string
}

// Error implements error.
func (e *UnsupportedValueError) Error() string {
	return fmt.Sprintf("inventory: dialect %s does not support %s %q", e.Dialect, e.Argument, e.Value)
}

// DestinationProblem tells why a destination bucket ARN was refused.
type DestinationProblem int

const (
	// DestinationNotBucketARN: not an S3 bucket ARN at all.
	DestinationNotBucketARN DestinationProblem = iota + 1
	// DestinationHasNamespace: an S3 ARN that names a region or account.
	DestinationHasNamespace
)

// DestinationError is a destination Bucket that is not a namespace-less S3
// bucket ARN (S3: InvalidS3DestinationBucket).
type DestinationError struct {
	// Problem is what is wrong with ARN.
	Problem DestinationProblem
	// ARN is the value sent.
	ARN string
}

// Error implements error.
func (e *DestinationError) Error() string {
	if e.Problem == DestinationHasNamespace {
		return fmt.Sprintf("inventory: destination %q specifies a namespace", e.ARN)
	}
	return fmt.Sprintf("inventory: destination %q is not a bucket ARN", e.ARN)
}
