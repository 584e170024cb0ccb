// Package access decides who is calling s3fake and whether they may.
//
// It is pure: it reads *http.Request values and plain data, never serves
// anything, and never looks at the test clock (signature times are checked
// against the wall clock the caller passes in, because clients sign with
// real time).
//
// Three parts, each usable alone:
//
//   - Identities: a Registry of accounts (root credentials) and IAM users
//     with access keys, canonical ids, ARNs and identity policies.
//   - Authentication: a Verifier checks AWS Signature Version 4 as S3 does
//     it (Authorization header, presigned query, anonymous requests, the
//     x-amz-content-sha256 payload modes, aws-chunked chunk signatures) and
//     yields an Auth naming the caller, or an *Error carrying S3's code,
//     status, message and extra elements.
//   - Authorization: ParseBucketPolicy / ParseIdentityPolicy validate policy
//     documents with S3's MalformedPolicy messages; Authorize evaluates a
//     request against the caller's identity policy and the bucket policy
//     with AWS's rules (explicit deny wins, cross-account needs both sides).
package access
