// Package xmlcodec owns the S3 wire format: strict decoding of request
// documents, canonical encoding of responses, and the one vocabulary of S3
// error codes with their HTTP statuses and default messages.
//
// It is the only package where the wire and the inventory model meet.
package xmlcodec

// Namespace is the S3 XML namespace carried by every response root and
// accepted (or omitted) on request roots.
const Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// MaxBodySize is the largest request document accepted (1 MiB); a larger one
// is MaxMessageLengthExceeded.
const MaxBodySize = 1 << 20

// header is the XML prolog on every body we write.
const header = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
