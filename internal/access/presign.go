package access

// Query-string authentication (presigned URLs):
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
// A presigned URL is judged by its own expiry against the wall clock, not
// by the 15-minute skew rule: a URL may be valid for up to a week.

import (
	"net/http"
	"strconv"
	"time"
)

// verifyPresigned checks a presigned request: parameters, expiry,
// credential scope, key, unsigned headers, signature.
func (v *Verifier) verifyPresigned(r *http.Request, host string) (*Auth, *Error) {
	q := r.URL.Query()
	p, err := parsePresign(q)
	if err != nil {
		return nil, err
	}
	// Expiry comes before the credential checks: S3 answers "Request has
	// expired" even for a URL whose X-Amz-Date was edited after signing.
	now := v.now()
	expires := p.Time.Add(time.Duration(p.Expires) * time.Second)
	switch {
	case now.After(expires):
		return nil, accessDenied(msgExpired,
			Field{"X-Amz-Expires", strconv.FormatInt(p.Expires, 10)},
			Field{"Expires", formatServerTime(expires)},
			Field{"ServerTime", formatServerTime(now)})
	case p.Time.Sub(now) > maxSkew:
		return nil, accessDenied(msgNotYetValid,
			Field{"X-Amz-Date", strconv.FormatInt(p.Time.UnixMilli(), 10)},
			Field{"Expires", formatServerTime(expires)},
			Field{"ServerTime", formatServerTime(now)})
	}
	cred, err := parseCredential(p.Credential, true, v.region)
	if err != nil {
		return nil, err
	}
	if day := p.Time.Format(scopeDateLayout); cred.Date != day {
		return nil, queryParamsError(`Invalid credential date "` + cred.Date + `". This date is not the same as X-Amz-Date: "` + day + `".`)
	}
	id, ok := v.registry.LookupKey(cred.AccessKeyID)
	if !ok {
		return nil, invalidAccessKeyID(cred.AccessKeyID)
	}
	if err := checkAllSigned(r, p.SignedHeaders); err != nil {
		return nil, err
	}
	a := &Auth{
		Method:        MethodPresigned,
		Identity:      id,
		Region:        cred.Region,
		AmzDate:       p.AmzDate,
		Time:          p.Time,
		Scope:         cred.Scope,
		SignedHeaders: p.SignedHeaders,
		Signature:     p.Signature,
		Expires:       time.Duration(p.Expires) * time.Second,
	}
	// A presigned URL signs its payload as UNSIGNED-PAYLOAD unless the
	// signer put a hash in the query or in a signed header.
	switch {
	case q.Get("X-Amz-Content-Sha256") != "":
		a.PayloadHash = q.Get("X-Amz-Content-Sha256")
	case r.Header.Get("X-Amz-Content-Sha256") != "":
		a.PayloadHash = r.Header.Get("X-Amz-Content-Sha256")
	default:
		a.PayloadHash = unsignedPayload
	}
	if err := checkPayloadHashValue(a.PayloadHash); err != nil {
		return nil, err
	}
	return a, v.checkSignature(a, r, host, true, cred)
}
