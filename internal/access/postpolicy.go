package access

// Authentication of browser-form POST uploads: the form carries a base64
// POST policy and its signature, SigV4 (x-amz-algorithm, x-amz-credential,
// x-amz-date, x-amz-signature) or SigV2 (AWSAccessKeyId, signature):
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html
// The string to sign is the policy field exactly as received, before it
// is decoded. A form with none of the signature fields is anonymous.

import (
	"net/http"
	"strings"
	"time"
)

// PostFields looks a form field up by its lower-case name (form field
// names are case-insensitive); ok is false when the form lacks it.
type PostFields func(lowerName string) (value string, ok bool)

// VerifyPost authenticates a browser-form POST from its fields. It
// returns the anonymous caller when the form carries no signature field,
// and otherwise the signer or S3's error: InvalidArgument naming a missing
// field, InvalidAccessKeyId, SignatureDoesNotMatch (whose StringToSign is
// the policy), or InvalidRequest for SigV2 while SigV2 is refused.
func (v *Verifier) VerifyPost(field PostFields) (*Auth, error) {
	has := func(name string) bool { _, ok := field(name); return ok }
	var a *Auth
	var err *Error
	switch {
	case has("x-amz-algorithm") || has("x-amz-credential") || has("x-amz-signature"):
		a, err = v.verifyPostV4(field)
	case has("awsaccesskeyid") || has("signature"):
		if !v.sigV2.Load() {
			return nil, newError(CodeInvalidRequest, http.StatusBadRequest, msgUnsupportedSigV)
		}
		a, err = v.verifyPostV2(field)
	default:
		return &Auth{Method: MethodAnonymous}, nil
	}
	if err != nil {
		return nil, err
	}
	return a, nil
}

// requireFields returns the values of names, or S3's answer naming the
// first one missing (or empty) in the spelling S3 uses.
func requireFields(field PostFields, names ...string) ([]string, *Error) {
	values := make([]string, len(names))
	for i, n := range names {
		v, _ := field(strings.ToLower(n))
		if v == "" {
			return nil, MissingPostField(n)
		}
		values[i] = v
	}
	return values, nil
}

// MissingPostField is S3's answer to a form without the required field
// name, spelled as S3 names it (two spaces after the first sentence, as
// S3 writes it).
func MissingPostField(name string) *Error {
	return newError(CodeInvalidArgument, http.StatusBadRequest,
		"Bucket POST must contain a field named '"+name+"'.  If it is specified, please check the order of the fields.",
		Field{"ArgumentName", name}, Field{"ArgumentValue", ""})
}

func (v *Verifier) verifyPostV4(field PostFields) (*Auth, *Error) {
	vals, err := requireFields(field, "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature", "Policy")
	if err != nil {
		return nil, err
	}
	alg, credValue, date, sig, policy := vals[0], vals[1], vals[2], vals[3], vals[4]
	if alg != algorithm {
		// S3's answer is unrecorded; this is the query form's wording.
		return nil, newError(CodeInvalidArgument, http.StatusBadRequest, msgQueryAlgorithm,
			Field{"ArgumentName", "X-Amz-Algorithm"}, Field{"ArgumentValue", alg})
	}
	cred, err := parseCredential(credValue, false, v.region)
	if err != nil {
		// S3 answers a bad form credential with the header form's detail,
		// as InvalidArgument naming the field.
		fields := append([]Field{{"ArgumentName", "X-Amz-Credential"}, {"ArgumentValue", credValue}}, err.Fields...)
		return nil, newError(CodeInvalidArgument, http.StatusBadRequest,
			strings.TrimPrefix(err.Message, prefixHeaderMalformed), fields...)
	}
	t, perr := time.Parse(amzDateLayout, date)
	if perr != nil {
		return nil, newError(CodeInvalidArgument, http.StatusBadRequest, "X-Amz-Date must be formated via ISO8601 Long format",
			Field{"ArgumentName", "X-Amz-Date"}, Field{"ArgumentValue", date})
	}
	id, ok := v.registry.LookupKey(cred.AccessKeyID)
	if !ok {
		return nil, invalidAccessKeyID(cred.AccessKeyID)
	}
	a := &Auth{Method: MethodPostPolicy, Identity: id, Region: cred.Region, AmzDate: date, Time: t,
		Scope: cred.Scope, Signature: sig}
	if v.registry.AnyCredentials() {
		a.anyCredentials = true
		return a, nil
	}
	key := v.signingKey(id.SecretAccessKey, cred.Date, cred.Region, cred.Service)
	if !hmacEqualHex(hmacSHA256(key, policy), sig) {
		return nil, postSignatureMismatch(cred.AccessKeyID, policy, sig)
	}
	return a, nil
}

func (v *Verifier) verifyPostV2(field PostFields) (*Auth, *Error) {
	vals, err := requireFields(field, "AWSAccessKeyId", "Signature", "Policy")
	if err != nil {
		return nil, err
	}
	akid, sig, policy := vals[0], vals[1], vals[2]
	id, ok := v.registry.LookupKey(akid)
	if !ok {
		return nil, invalidAccessKeyID(akid)
	}
	a := &Auth{Method: MethodPostPolicy, Identity: id, Signature: sig}
	if v.registry.AnyCredentials() {
		a.anyCredentials = true
		return a, nil
	}
	if !equalStrings(SignV2(id.SecretAccessKey, policy), sig) {
		return nil, postSignatureMismatch(akid, policy, sig)
	}
	return a, nil
}

// postSignatureMismatch is SignatureDoesNotMatch for a form: the string to
// sign is the policy and there is no canonical request.
func postSignatureMismatch(akid, policy, sig string) *Error {
	return newError(CodeSignatureDoesNotMatch, http.StatusForbidden, msgSignatureMismatch,
		Field{"AWSAccessKeyId", akid},
		Field{"StringToSign", policy},
		Field{"SignatureProvided", sig},
		Field{"StringToSignBytes", hexBytes(policy)})
}
