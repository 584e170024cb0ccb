// Package bucketcfg holds the bucket configuration documents S3 keeps per
// bucket (tagging, default encryption, CORS, website, lifecycle,
// replication, ownership controls, public access block, Object Lock,
// logging, accelerate, request payment and notification), each as a
// plain model with the checks S3 applies to it and S3's error codes and
// messages.
//
// It is pure: no XML (xmlcodec decodes and encodes the documents), no
// HTTP, no state (internal/objstore keeps the documents per bucket). A
// check that needs other state (the bucket's versioning, another
// bucket's owner) is the caller's.
//
// Where S3's exact answer is not documented anywhere public, a comment
// says so and names the choice made.
package bucketcfg
