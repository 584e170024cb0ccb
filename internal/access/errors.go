package access

import (
	"net/http"
	"strings"
)

// Field is one extra element of an S3 error body, such as
// <AWSAccessKeyId> or <StringToSign>, in the order AWS writes them.
type Field struct {
	Name  string
	Value string
}

// Error is an S3 error answer: the <Code>, the <Message>, the HTTP status,
// and the extra elements AWS adds after <Message>. The front handler writes
// it as the XML body; this package never encodes XML.
type Error struct {
	Code    string
	Message string
	Status  int
	Fields  []Field
}

// Error returns "Code: Message" so that logs and test failures read well.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Field returns the value of the extra element name, or "" when absent.
func (e *Error) Field(name string) string {
	for _, f := range e.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// S3 error codes this package returns.
const (
	CodeAccessDenied                      = "AccessDenied"
	CodeAuthorizationHeaderMalformed      = "AuthorizationHeaderMalformed"
	CodeAuthorizationQueryParametersError = "AuthorizationQueryParametersError"
	CodeInvalidAccessKeyID                = "InvalidAccessKeyId"
	CodeInvalidArgument                   = "InvalidArgument"
	CodeInvalidRequest                    = "InvalidRequest"
	CodeMalformedPolicy                   = "MalformedPolicy"
	CodeRequestTimeTooSkewed              = "RequestTimeTooSkewed"
	CodeSignatureDoesNotMatch             = "SignatureDoesNotMatch"
	CodeXAmzContentSHA256Mismatch         = "XAmzContentSHA256Mismatch"
)

// Messages AWS sends, byte for byte, as quoted from real S3 responses in
// public bug reports and in the test suites of S3-compatible servers that
// check themselves against S3. The AuthorizationHeaderMalformed details are
// built in authparse.go from the same sources.
const (
	msgInvalidAccessKeyID = "The AWS Access Key Id you provided does not exist in our records."
	msgSignatureMismatch  = "The request signature we calculated does not match the signature you provided. Check your key and signing method."
	msgTooSkewed          = "The difference between the request time and the current time is too large."
	msgExpired            = "Request has expired"
	msgNotYetValid        = "Request is not yet valid"
	msgHeadersNotSigned   = "There were headers present in the request which were not signed"
	msgNoDate             = "AWS authentication requires a valid Date or x-amz-date header"
	msgUnsupportedSigV    = "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."
	msgUnsupportedAuth    = "Unsupported Authorization Type"
	msgOneMechanism       = "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified"
	msgMissingSHA256      = "Missing required header for this request: x-amz-content-sha256"
	msgBadSHA256          = "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value."
	msgSHA256Mismatch     = "The provided 'x-amz-content-sha256' header does not match what was computed."
	msgMissingQueryParams = "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
	msgQueryAlgorithm     = `X-Amz-Algorithm only supports "AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256"`
	msgQueryDate          = `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`
	msgExpiresNumber      = "X-Amz-Expires should be a number"
	msgExpiresNegative    = "X-Amz-Expires must be non-negative"
	msgExpiresTooLarge    = "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds"
	prefixHeaderMalformed = "The authorization header is malformed; "
	prefixQueryCredential = "Error parsing the X-Amz-Credential parameter; "
)

// MaxSkewMilliseconds is how far a signed request's time may be from the
// wall clock before S3 answers RequestTimeTooSkewed: 15 minutes.
const MaxSkewMilliseconds = 900000

func newError(code string, status int, msg string, fields ...Field) *Error {
	return &Error{Code: code, Message: msg, Status: status, Fields: fields}
}

func invalidAccessKeyID(akid string) *Error {
	return newError(CodeInvalidAccessKeyID, http.StatusForbidden, msgInvalidAccessKeyID,
		Field{"AWSAccessKeyId", akid})
}

// signatureMismatch carries the elements AWS sends so that a client author
// can diff their canonical request against ours.
func signatureMismatch(akid, stringToSign, provided, canonicalRequest string) *Error {
	return newError(CodeSignatureDoesNotMatch, http.StatusForbidden, msgSignatureMismatch,
		Field{"AWSAccessKeyId", akid},
		Field{"StringToSign", stringToSign},
		Field{"SignatureProvided", provided},
		Field{"StringToSignBytes", hexBytes(stringToSign)},
		Field{"CanonicalRequest", canonicalRequest},
		Field{"CanonicalRequestBytes", hexBytes(canonicalRequest)},
	)
}

// hexBytes renders s the way AWS's *Bytes elements do: two lower-case hex
// digits per byte, separated by single spaces.
func hexBytes(s string) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	b.Grow(len(s) * 3)
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte(digits[s[i]>>4])
		b.WriteByte(digits[s[i]&0x0f])
	}
	return b.String()
}

func headerMalformed(detail string, fields ...Field) *Error {
	return newError(CodeAuthorizationHeaderMalformed, http.StatusBadRequest, prefixHeaderMalformed+detail, fields...)
}

func queryParamsError(msg string, fields ...Field) *Error {
	return newError(CodeAuthorizationQueryParametersError, http.StatusBadRequest, msg, fields...)
}

func accessDenied(msg string, fields ...Field) *Error {
	return newError(CodeAccessDenied, http.StatusForbidden, msg, fields...)
}

func malformedPolicy(msg string) *Error {
	return newError(CodeMalformedPolicy, http.StatusBadRequest, msg)
}
