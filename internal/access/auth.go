package access

import "time"

// Auth is an authenticated request: who signed it and how. For a
// streaming (aws-chunked) upload it also verifies the chunk signatures.
type Auth struct {
	Method        Method
	Identity      Identity      // the signer; zero for anonymous requests
	Region        string        // from the credential scope
	AmzDate       string        // signing time as in the string to sign (20060102T150405Z)
	Time          time.Time     // signing time
	Scope         string        // credential scope: DATE/REGION/s3/aws4_request
	SignedHeaders []string      // lower-case, in the client's order
	Signature     string        // the request's signature: the seed of a chunked upload
	PayloadHash   string        // x-amz-content-sha256 as sent (UNSIGNED-PAYLOAD for most presigned URLs)
	Expires       time.Duration // presigned: X-Amz-Expires

	key            []byte // signing key; nil for anonymous and any-credentials
	anyCredentials bool   // signatures are not checked, chunks included
}

// Anonymous reports whether the request carried no credentials.
func (a *Auth) Anonymous() bool { return a.Method == MethodAnonymous }

// Principal returns the caller for Authorize: the signer, or Anonymous().
func (a *Auth) Principal() Principal {
	if a.Anonymous() {
		return Anonymous()
	}
	return a.Identity.Principal()
}

// SeedSignature is the signature of the request itself, which the first
// chunk of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body chains from.
func (a *Auth) SeedSignature() string { return a.Signature }
