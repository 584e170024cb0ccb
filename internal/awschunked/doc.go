// Package awschunked decodes request bodies sent with
// Content-Encoding: aws-chunked, the framing S3 clients use to stream a
// payload whose length or checksum is only known at the end
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html).
//
// Four framings exist, named by the request's x-amz-content-sha256 value:
//
//	STREAMING-UNSIGNED-PAYLOAD-TRAILER          size\r\n data\r\n ... 0\r\n trailers \r\n
//	STREAMING-AWS4-HMAC-SHA256-PAYLOAD          size;chunk-signature=sig\r\n data\r\n ... 0;chunk-signature=sig\r\n \r\n
//	STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER  as above, then trailers and x-amz-trailer-signature:sig\r\n \r\n
//	STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD[-TRAILER]  as the HMAC forms, with SigV4a signatures
//
// Decode checks the framing strictly (S3 rejects what this package
// rejects, so a client bug shows up in tests rather than in production)
// and returns the payload and the trailing headers. Verifying signatures is
// left to a ChunkVerifier, so that this package knows nothing of keys;
// verifying trailing checksums against the payload is left to the caller.
package awschunked
