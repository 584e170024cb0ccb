package xmlcodec

import (
	"encoding/xml"
	"net/http"
)

// Code is an S3 error code, exactly as it appears in <Code>.
type Code string

// The error codes s3fake sends. Each has a status in Status and a default
// message in Message; a table test keeps the three in step.
const (
	// AccessDenied: the caller may not do this, or the expected bucket owner differs.
	AccessDenied Code = "AccessDenied"
	// AccessControlListNotSupported: an ACL on a bucket whose Object Ownership is BucketOwnerEnforced.
	AccessControlListNotSupported Code = "AccessControlListNotSupported"
	// InvalidBucketAclWithObjectOwnership: CreateBucket with an ACL its BucketOwnerEnforced ownership refuses.
	InvalidBucketAclWithObjectOwnership Code = "InvalidBucketAclWithObjectOwnership"
	// MissingSecurityHeader: PutBucketAcl or PutObjectAcl with neither an ACL header nor a body.
	MissingSecurityHeader Code = "MissingSecurityHeader"
	// MalformedACLError: an AccessControlPolicy that does not follow S3's schema.
	MalformedACLError Code = "MalformedACLError"
	// UnresolvableGrantByEmailAddress: a grantee e-mail address no account has.
	UnresolvableGrantByEmailAddress Code = "UnresolvableGrantByEmailAddress"
	// BadDigest: the Content-MD5 or checksum did not match the body.
	BadDigest Code = "BadDigest"
	// BucketAlreadyExists: the name is taken by another account.
	BucketAlreadyExists Code = "BucketAlreadyExists"
	// BucketAlreadyOwnedByYou: the caller already owns the bucket.
	BucketAlreadyOwnedByYou Code = "BucketAlreadyOwnedByYou"
	// BucketNotEmpty: DeleteBucket of a bucket with objects.
	BucketNotEmpty Code = "BucketNotEmpty"
	// EntityTooSmall: a multipart part below the minimum size.
	EntityTooSmall Code = "EntityTooSmall"
	// IDMismatch: the document's Id differs from the query id (code IdMismatch).
	IDMismatch Code = "IdMismatch"
	// IllegalLocationConstraintException: a CreateBucket location other than the server's region.
	IllegalLocationConstraintException Code = "IllegalLocationConstraintException"
	// IncompleteBody: the body ended before Content-Length bytes.
	IncompleteBody Code = "IncompleteBody"
	// InternalError: a bug in s3fake; the detail is logged, never sent.
	InternalError Code = "InternalError"
	// InvalidArgument: a parameter or value is not acceptable.
	InvalidArgument Code = "InvalidArgument"
	// InvalidBucketName: the bucket name breaks the naming rules.
	InvalidBucketName Code = "InvalidBucketName"
	// InvalidBucketOwnerAWSAccountID: x-amz-expected-bucket-owner is not an account id.
	InvalidBucketOwnerAWSAccountID Code = "InvalidBucketOwnerAWSAccountID"
	// InvalidDigest: the Content-MD5 is not valid base64 MD5.
	InvalidDigest Code = "InvalidDigest"
	// InvalidEncryptionAlgorithmError: an SSE-C algorithm other than AES256.
	InvalidEncryptionAlgorithmError Code = "InvalidEncryptionAlgorithmError"
	// InvalidLocationConstraint: a LocationConstraint that is not valid here.
	InvalidLocationConstraint Code = "InvalidLocationConstraint"
	// InvalidPart: a part named in CompleteMultipartUpload is missing or differs.
	InvalidPart Code = "InvalidPart"
	// InvalidPartOrder: parts in CompleteMultipartUpload are not ascending.
	InvalidPartOrder Code = "InvalidPartOrder"
	// InvalidURI: a URI that cannot be parsed (e.g. a key that is not UTF-8).
	InvalidURI Code = "InvalidURI"
	// AccessForbidden: a CORS preflight that no CORS configuration allows.
	AccessForbidden Code = "AccessForbidden"
	// BadRequest: a request S3 cannot make sense of (an OPTIONS without Origin).
	BadRequest Code = "BadRequest"
	// InvalidRange: the Range header cannot be satisfied.
	InvalidRange Code = "InvalidRange"
	// InvalidRequest: the request as a whole is not acceptable.
	InvalidRequest Code = "InvalidRequest"
	// InvalidS3DestinationBucket: an inventory destination that is not a bucket ARN.
	InvalidS3DestinationBucket Code = "InvalidS3DestinationBucket"
	// KeyTooLongError: an object key over 1,024 bytes.
	KeyTooLongError Code = "KeyTooLongError"
	// MaxPostPreDataLengthExceeded: the fields before a browser-form POST's file exceed 20 KB.
	MaxPostPreDataLengthExceeded Code = "MaxPostPreDataLengthExceeded"
	// MalformedPOSTRequest: a browser-form POST that cannot be parsed.
	MalformedPOSTRequest Code = "MalformedPOSTRequest"
	// MalformedXML: a request document that is not well-formed or breaks the schema.
	MalformedXML Code = "MalformedXML"
	// MalformedPolicy: a bucket policy that does not parse or validate.
	MalformedPolicy Code = "MalformedPolicy"
	// MaxMessageLengthExceeded: a request document over MaxBodySize.
	MaxMessageLengthExceeded Code = "MaxMessageLengthExceeded"
	// MetadataTooLarge: user metadata over the limit.
	MetadataTooLarge Code = "MetadataTooLarge"
	// MethodNotAllowed: the method is not allowed on this resource.
	MethodNotAllowed Code = "MethodNotAllowed"
	// MissingContentLength: a PUT without Content-Length.
	MissingContentLength Code = "MissingContentLength"
	// NoSuchBucket: the bucket does not exist.
	NoSuchBucket Code = "NoSuchBucket"
	// NoSuchBucketPolicy: GetBucketPolicy of a bucket without a policy.
	NoSuchBucketPolicy Code = "NoSuchBucketPolicy"
	// NoSuchConfiguration: no inventory configuration with that id.
	NoSuchConfiguration Code = "NoSuchConfiguration"
	// NoSuchKey: the object does not exist.
	NoSuchKey Code = "NoSuchKey"
	// NoSuchUpload: the multipart upload does not exist.
	NoSuchUpload Code = "NoSuchUpload"
	// NoSuchVersion: the object version does not exist.
	NoSuchVersion Code = "NoSuchVersion"
	// NotImplemented: functionality s3fake does not serve.
	NotImplemented Code = "NotImplemented"
	// PreconditionFailed: an If-Match / If-None-Match condition failed.
	PreconditionFailed Code = "PreconditionFailed"
	// ServiceUnavailable: the service cannot handle the request now (retryable).
	ServiceUnavailable Code = "ServiceUnavailable"
	// SlowDown: reduce the request rate (retryable).
	SlowDown Code = "SlowDown"
	// TooManyConfigurations: the 1,000-configuration limit is reached.
	TooManyConfigurations Code = "TooManyConfigurations"
	// InvalidStorageClass: a storage class S3 does not have.
	InvalidStorageClass Code = "InvalidStorageClass"
	// InvalidObjectState: the object is archived (GLACIER, DEEP_ARCHIVE) and must be restored first.
	InvalidObjectState Code = "InvalidObjectState"
	// EntityTooLarge: a body over the size S3 allows.
	EntityTooLarge Code = "EntityTooLarge"
	// InvalidChunkSizeError: an aws-chunked chunk other than the last below 8 KiB.
	InvalidChunkSizeError Code = "InvalidChunkSizeError"
	// MalformedTrailerError: an aws-chunked trailer that cannot be parsed.
	MalformedTrailerError Code = "MalformedTrailerError"
	// SignatureDoesNotMatch: a signature (here: of an aws-chunked chunk) that does not verify.
	SignatureDoesNotMatch Code = "SignatureDoesNotMatch"
	// PolicyTooLarge: a bucket policy over 20 KB.
	PolicyTooLarge Code = "PolicyTooLarge"
	// InvalidPartNumber: partNumber outside the object's parts.
	InvalidPartNumber Code = "InvalidPartNumber"
	// InvalidTag: an object tag set that breaks S3's tag rules.
	InvalidTag Code = "InvalidTag"
	// InvalidBucketState: the bucket's state forbids the request (suspending versioning under Object Lock).
	InvalidBucketState Code = "InvalidBucketState"
	// IllegalVersioningConfig: a VersioningConfiguration with neither Status nor MfaDelete.
	IllegalVersioningConfig Code = "IllegalVersioningConfigurationException"
	// NoSuchTagSet: GetBucketTagging of a bucket without tags.
	NoSuchTagSet Code = "NoSuchTagSet"
	// NoSuchCORSConfiguration: GetBucketCors of a bucket without a CORS configuration.
	NoSuchCORSConfiguration Code = "NoSuchCORSConfiguration"
	// NoSuchWebsiteConfiguration: GetBucketWebsite of a bucket without a website configuration.
	NoSuchWebsiteConfiguration Code = "NoSuchWebsiteConfiguration"
	// NoSuchLifecycleConfiguration: GetBucketLifecycleConfiguration of a bucket without one.
	NoSuchLifecycleConfiguration Code = "NoSuchLifecycleConfiguration"
	// ReplicationConfigurationNotFoundError: GetBucketReplication of a bucket without one.
	ReplicationConfigurationNotFoundError Code = "ReplicationConfigurationNotFoundError"
	// ObjectLockConfigurationNotFoundError: GetObjectLockConfiguration of a bucket without Object Lock.
	ObjectLockConfigurationNotFoundError Code = "ObjectLockConfigurationNotFoundError"
	// NoSuchObjectLockConfiguration: GetObjectRetention or GetObjectLegalHold of a version without one.
	NoSuchObjectLockConfiguration Code = "NoSuchObjectLockConfiguration"
	// NoSuchPublicAccessBlockConfiguration: GetPublicAccessBlock after DeletePublicAccessBlock.
	NoSuchPublicAccessBlockConfiguration Code = "NoSuchPublicAccessBlockConfiguration"
	// OwnershipControlsNotFoundError: GetBucketOwnershipControls after DeleteBucketOwnershipControls.
	OwnershipControlsNotFoundError Code = "OwnershipControlsNotFoundError"
	// MissingRequestBodyError: a configuration PUT with an empty body.
	MissingRequestBodyError Code = "MissingRequestBodyError"
	// InvalidTargetBucketForLogging: a logging target bucket that does not exist or has another owner.
	InvalidTargetBucketForLogging Code = "InvalidTargetBucketForLogging"
	// CrossLocationLoggingProhibitted: a logging target bucket in another region (S3's spelling).
	CrossLocationLoggingProhibitted Code = "CrossLocationLoggingProhibitted"
)

type codeInfo struct {
	status  int
	message string
}

// codes is the single table of statuses and default messages.
var codes = map[Code]codeInfo{
	AccessDenied:                       {http.StatusForbidden, "Access Denied"},
	BadDigest:                          {http.StatusBadRequest, "The Content-MD5 you specified did not match what we received."},
	BucketAlreadyExists:                {http.StatusConflict, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again."},
	BucketAlreadyOwnedByYou:            {http.StatusConflict, "Your previous request to create the named bucket succeeded and you already own it."},
	BucketNotEmpty:                     {http.StatusConflict, "The bucket you tried to delete is not empty"},
	EntityTooSmall:                     {http.StatusBadRequest, "Your proposed upload is smaller than the minimum allowed object size."},
	IDMismatch:                         {http.StatusBadRequest, "Document ID does not match the specified configuration ID."},
	IllegalLocationConstraintException: {http.StatusBadRequest, "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."},
	IncompleteBody:                     {http.StatusBadRequest, "You did not provide the number of bytes specified by the Content-Length HTTP header."},
	InternalError:                      {http.StatusInternalServerError, "We encountered an internal error. Please try again."},
	InvalidArgument:                    {http.StatusBadRequest, "Invalid Argument"},
	InvalidBucketName:                  {http.StatusBadRequest, "The specified bucket is not valid."},
	InvalidBucketOwnerAWSAccountID:     {http.StatusBadRequest, "The value of the expected bucket owner parameter must be an AWS Account ID..."},
	InvalidDigest:                      {http.StatusBadRequest, "The Content-MD5 you specified is not valid."},
	InvalidEncryptionAlgorithmError:    {http.StatusBadRequest, "The Encryption request you specified is not valid. Supported value: AES256."},
	InvalidPart:                        {http.StatusBadRequest, "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."},
	InvalidPartOrder:                   {http.StatusBadRequest, "The list of parts was not in ascending order. The parts list must be specified in order by part number."},
	InvalidRange:                       {http.StatusRequestedRangeNotSatisfiable, "The requested range is not satisfiable"},
	InvalidRequest:                     {http.StatusBadRequest, "Invalid Request"},
	InvalidS3DestinationBucket:         {http.StatusBadRequest, "Invalid bucket ARN."},
	KeyTooLongError:                    {http.StatusBadRequest, "Your key is too long"},
	MaxPostPreDataLengthExceeded:       {http.StatusBadRequest, "Your POST request fields preceeding the upload file was too large."},
	MalformedPOSTRequest:               {http.StatusBadRequest, "The body of your POST request is not well-formed multipart/form-data."},
	MalformedXML:                       {http.StatusBadRequest, "The XML you provided was not well-formed or did not validate against our published schema"},
	MalformedPolicy:                    {http.StatusBadRequest, "Policies must be valid JSON and the first byte must be '{'"},
	MaxMessageLengthExceeded:           {http.StatusBadRequest, "Your request was too big."},
	MetadataTooLarge:                   {http.StatusBadRequest, "Your metadata headers exceed the maximum allowed metadata size."},
	MethodNotAllowed:                   {http.StatusMethodNotAllowed, "The specified method is not allowed against this resource."},
	MissingContentLength:               {http.StatusLengthRequired, "You must provide the Content-Length HTTP header."},
	NoSuchBucket:                       {http.StatusNotFound, "The specified bucket does not exist"},
	NoSuchBucketPolicy:                 {http.StatusNotFound, "The bucket policy does not exist"},
	NoSuchConfiguration:                {http.StatusNotFound, "The specified configuration does not exist."},
	NoSuchKey:                          {http.StatusNotFound, "The specified key does not exist."},
	NoSuchUpload:                       {http.StatusNotFound, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."},
	NoSuchVersion:                      {http.StatusNotFound, "The specified version does not exist."},
	NotImplemented:                     {http.StatusNotImplemented, "A header you provided implies functionality that is not implemented"},
	PreconditionFailed:                 {http.StatusPreconditionFailed, "At least one of the pre-conditions you specified did not hold"},
	TooManyConfigurations:              {http.StatusBadRequest, "You are attempting to create a new configuration but have already reached the 1,000-configuration limit."},
	InvalidURI:                         {http.StatusBadRequest, "Couldn't parse the specified URI."},
	AccessForbidden:                    {http.StatusForbidden, "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."},
	BadRequest:                         {http.StatusBadRequest, "Insufficient information. Origin request header needed."},
	ServiceUnavailable:                 {http.StatusServiceUnavailable, "Service is unable to handle request."},
	SlowDown:                           {http.StatusServiceUnavailable, "Please reduce your request rate."},
	InvalidLocationConstraint:          {http.StatusBadRequest, "The specified location-constraint is not valid"},
	InvalidStorageClass:                {http.StatusBadRequest, "The storage class you specified is not valid"},
	InvalidObjectState:                 {http.StatusForbidden, "The operation is not valid for the object's storage class"},
	EntityTooLarge:                     {http.StatusBadRequest, "Your proposed upload exceeds the maximum allowed size"},
	InvalidChunkSizeError:              {http.StatusForbidden, "Only the last chunk is allowed to have a size less than 8192 bytes"},
	MalformedTrailerError:              {http.StatusBadRequest, "The request contained trailing data that was not well-formed or did not conform to our published schema."},
	SignatureDoesNotMatch:              {http.StatusForbidden, "The request signature we calculated does not match the signature you provided. Check your key and signing method."},
	PolicyTooLarge:                     {http.StatusBadRequest, "Policy exceeds the maximum allowed document size."},
	InvalidPartNumber:                  {http.StatusRequestedRangeNotSatisfiable, "The requested partnumber is not satisfiable"},
	InvalidTag:                         {http.StatusBadRequest, "The TagKey you have provided is invalid"},
	InvalidBucketState:                 {http.StatusConflict, "The request is not valid with the current state of the bucket."},
	IllegalVersioningConfig:            {http.StatusBadRequest, "The Versioning element must be specified"},

	// The bucket configuration calls (api_bucketcfg_*.go).
	NoSuchTagSet:                          {http.StatusNotFound, "The TagSet does not exist"},
	NoSuchCORSConfiguration:               {http.StatusNotFound, "The CORS configuration does not exist"},
	NoSuchWebsiteConfiguration:            {http.StatusNotFound, "The specified bucket does not have a website configuration"},
	NoSuchLifecycleConfiguration:          {http.StatusNotFound, "The lifecycle configuration does not exist"},
	ReplicationConfigurationNotFoundError: {http.StatusNotFound, "The replication configuration was not found"},
	ObjectLockConfigurationNotFoundError:  {http.StatusNotFound, "Object Lock configuration does not exist for this bucket"},
	NoSuchObjectLockConfiguration:         {http.StatusNotFound, "The specified object does not have a ObjectLock configuration"},
	NoSuchPublicAccessBlockConfiguration:  {http.StatusNotFound, "The public access block configuration was not found"},
	OwnershipControlsNotFoundError:        {http.StatusNotFound, "The bucket ownership controls were not found"},
	MissingRequestBodyError:               {http.StatusBadRequest, "Request Body is empty"},
	InvalidTargetBucketForLogging:         {http.StatusBadRequest, "The target bucket for logging does not exist"},
	CrossLocationLoggingProhibitted:       {http.StatusForbidden, "Cross S3 location logging not allowed. "},

	// ACLs.
	AccessControlListNotSupported:       {http.StatusBadRequest, "The bucket does not allow ACLs"},
	InvalidBucketAclWithObjectOwnership: {http.StatusBadRequest, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"},
	MissingSecurityHeader:               {http.StatusBadRequest, "Your request was missing a required header"},
	MalformedACLError:                   {http.StatusBadRequest, "The XML you provided was not well-formed or did not validate against our published schema"},
	UnresolvableGrantByEmailAddress:     {http.StatusBadRequest, "The e-mail address you provided does not match any account on record."},
}

// Codes returns every code s3fake knows, for table tests and documentation.
func Codes() []Code {
	out := make([]Code, 0, len(codes))
	for c := range codes {
		out = append(out, c)
	}
	return out
}

// Known reports whether c is in the table.
func (c Code) Known() bool { _, ok := codes[c]; return ok }

// Status is the HTTP status S3 sends with c; 500 for an unknown code.
func (c Code) Status() int {
	if info, ok := codes[c]; ok {
		return info.status
	}
	return http.StatusInternalServerError
}

// Message is S3's default message for c; "" for an unknown code.
func (c Code) Message() string { return codes[c].message }

// ErrorBody is an S3 error: both a Go error and the <Error> document S3
// sends. Optional elements are omitted when empty.
type ErrorBody struct {
	XMLName       xml.Name `xml:"Error"`
	Code          Code     `xml:"Code"`
	Message       string   `xml:"Message"`
	BucketName    string   `xml:"BucketName,omitempty"`
	Key           string   `xml:"Key,omitempty"`
	Resource      string   `xml:"Resource,omitempty"`
	ArgumentName  string   `xml:"ArgumentName,omitempty"`
	ArgumentValue string   `xml:"ArgumentValue,omitempty"`
	// Extra are further elements, in order, after ArgumentValue: the
	// fields AWS adds to authentication errors (AWSAccessKeyId,
	// StringToSign, CanonicalRequest, ServerTime, ...).
	Extra     []ExtraField `xml:"-"`
	RequestID string       `xml:"RequestId"`
	HostID    string       `xml:"HostId"`

	// StatusCode overrides Code.Status() when not zero.
	StatusCode int `xml:"-"`
	// Headers are response headers S3 sends with this error (for example
	// x-amz-delete-marker and x-amz-version-id with a delete marker's
	// 404 or 405, Allow with a 405).
	Headers map[string]string `xml:"-"`
}

// NewError returns an error with code and message; an empty message means
// the code's default message.
func NewError(code Code, message string) *ErrorBody {
	if message == "" {
		message = code.Message()
	}
	return &ErrorBody{Code: code, Message: message}
}

// Error implements error.
func (e *ErrorBody) Error() string { return string(e.Code) + ": " + e.Message }

// Status is the HTTP status to send.
func (e *ErrorBody) Status() int {
	if e.StatusCode != 0 {
		return e.StatusCode
	}
	return e.Code.Status()
}

// ExtraField is one further element of an error body.
type ExtraField struct {
	Name, Value string
}

// Marshal returns the document with the XML prolog: Code, Message, the
// optional elements that are set, Extra in order, RequestId, HostId.
func (e *ErrorBody) Marshal() []byte {
	var w writer
	w.raw(header)
	w.open("Error", "")
	w.leaf("Code", string(e.Code))
	w.leaf("Message", e.Message)
	for _, f := range []ExtraField{
		{"BucketName", e.BucketName}, {"Key", e.Key}, {"Resource", e.Resource},
		{"ArgumentName", e.ArgumentName}, {"ArgumentValue", e.ArgumentValue},
	} {
		if f.Value != "" {
			w.leaf(f.Name, f.Value)
		}
	}
	for _, f := range e.Extra {
		w.leaf(f.Name, f.Value)
	}
	w.leaf("RequestId", e.RequestID)
	w.leaf("HostId", e.HostID)
	w.close("Error")
	return w.bytes()
}
