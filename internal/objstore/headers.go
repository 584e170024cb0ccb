package objstore

import (
	"encoding/base64"
	"net/textproto"
	"strings"
	"time"
)

// Request and response header names, in lower case for lookups.
const (
	hdrStorageClass      = "x-amz-storage-class"
	hdrSSE               = "x-amz-server-side-encryption"
	hdrSSEKMSKeyID       = "x-amz-server-side-encryption-aws-kms-key-id"
	hdrSSEBucketKey      = "x-amz-server-side-encryption-bucket-key-enabled"
	hdrSSECAlgorithm     = "x-amz-server-side-encryption-customer-algorithm"
	hdrLockMode          = "x-amz-object-lock-mode"
	hdrLockRetainUntil   = "x-amz-object-lock-retain-until-date"
	hdrLegalHold         = "x-amz-object-lock-legal-hold"
	hdrReplication       = "x-amz-replication-status"
	hdrChecksumAlg       = "x-amz-checksum-algorithm"
	hdrSDKChecksumAlg    = "x-amz-sdk-checksum-algorithm"
	hdrChecksumType      = "x-amz-checksum-type"
	hdrChecksumPrefix    = "x-amz-checksum-"
	hdrMetaPrefix        = "x-amz-meta-"
	hdrMetadataDirective = "x-amz-metadata-directive"
	hdrContentEncoding   = "content-encoding"
	hdrContentType       = "content-type"
)

// storedHeaders are the request headers S3 keeps with an object and sends
// back on GET and HEAD, besides x-amz-meta-*. Everything else a request
// carries is either turned into Facts or not kept at all.
var storedHeaders = map[string]bool{
	"content-type":                    true,
	"content-disposition":             true,
	"content-encoding":                true,
	"content-language":                true,
	"cache-control":                   true,
	"expires":                         true,
	"x-amz-website-redirect-location": true,
}

// encryptionHeaderValues maps x-amz-server-side-encryption to Facts.
var encryptionHeaderValues = map[string]string{
	"AES256":       EncryptionSSES3,
	"aws:kms":      EncryptionSSEKMS,
	"aws:kms:dsse": EncryptionDSSEKMS,
}

// request is what a PUT, copy or CreateMultipartUpload said about the new
// object, read from the request's headers.
type request struct {
	facts    Facts             // without owner: normalize fills it in
	checksum string            // the x-amz-checksum-<alg> value sent, if any
	stored   map[string]string // headers to keep; nil when none
	lower    map[string]string // every header, by lower-case name
}

// parseRequest reads meta (header name -> value, any case). now is the
// store's time, against which lock dates must lie in the future; multipart
// tells CreateMultipartUpload from a single PUT.
func parseRequest(meta map[string]string, now time.Time, multipart bool) (request, error) {
	r := request{lower: make(map[string]string, len(meta))}
	for k, v := range meta {
		r.lower[lowerName(k)] = v
	}
	for k, v := range r.lower {
		if strings.HasPrefix(k, hdrMetaPrefix) || storedHeaders[k] {
			if k == hdrContentEncoding {
				if v = withoutAWSChunked(v); v == "" {
					continue
				}
			}
			if r.stored == nil {
				r.stored = make(map[string]string)
			}
			r.stored[textproto.CanonicalMIMEHeaderKey(k)] = v
		}
	}
	if err := r.checkUserMetadataSize(); err != nil {
		return request{}, err
	}
	for _, step := range []func(*request, time.Time, bool) error{
		(*request).parseStorageClass, (*request).parseEncryption, (*request).parseLock, (*request).parseChecksum,
	} {
		if err := step(&r, now, multipart); err != nil {
			return request{}, err
		}
	}
	return r, nil
}

// lowerName is strings.ToLower(k) without allocating for the names every
// SDK request carries in canonical form (net/http canonicalizes them), so
// a PutObject does not allocate a lower-case copy of each.
func lowerName(k string) string {
	switch k {
	case "Authorization":
		return "authorization"
	case "Content-Length":
		return "content-length"
	case "Content-Type":
		return "content-type"
	case "Content-Md5":
		return "content-md5"
	case "Content-Encoding":
		return "content-encoding"
	case "User-Agent":
		return "user-agent"
	case "Accept-Encoding":
		return "accept-encoding"
	case "Expect":
		return "expect"
	case "X-Amz-Date":
		return "x-amz-date"
	case "X-Amz-Content-Sha256":
		return "x-amz-content-sha256"
	case "X-Amz-Decoded-Content-Length":
		return "x-amz-decoded-content-length"
	case "X-Amz-Sdk-Checksum-Algorithm":
		return "x-amz-sdk-checksum-algorithm"
	case "X-Amz-Checksum-Crc32":
		return "x-amz-checksum-crc32"
	case "X-Amz-Checksum-Crc64nvme":
		return "x-amz-checksum-crc64nvme"
	case "X-Amz-Trailer":
		return "x-amz-trailer"
	case "Amz-Sdk-Invocation-Id":
		return "amz-sdk-invocation-id"
	case "Amz-Sdk-Request":
		return "amz-sdk-request"
	case "X-Amz-Security-Token":
		return "x-amz-security-token"
	}
	return strings.ToLower(k)
}

// maxUserMetadata is S3's limit on user-defined metadata: the bytes of
// every x-amz-meta-* name (without the prefix) and value. Other headers do
// not count, however many X-Amz-* headers an SDK sends (docs/gofakes3.md P10).
const maxUserMetadata = 2 << 10

func (r *request) checkUserMetadataSize() error {
	n := 0
	for k, v := range r.lower {
		if name, ok := strings.CutPrefix(k, hdrMetaPrefix); ok {
			n += len(name) + len(v)
		}
	}
	if n > maxUserMetadata {
		return errMetadataTooLarge()
	}
	return nil
}

func (r *request) parseStorageClass(time.Time, bool) error {
	v, ok := r.lower[hdrStorageClass]
	if !ok {
		return nil
	}
	r.facts.StorageClass = v
	if v == "" || !contains(storageClasses, v) {
		return errInvalidStorageClass()
	}
	return nil
}

func (r *request) parseEncryption(time.Time, bool) error {
	sse, hasSSE := r.lower[hdrSSE]
	ssec, hasSSEC := r.lower[hdrSSECAlgorithm]
	switch {
	case hasSSE && hasSSEC:
		return errInvalidArgument("Server Side Encryption with Customer provided key is incompatible with the encryption method specified")
	case hasSSEC:
		if ssec != "AES256" {
			return &Error{Code: "InvalidEncryptionAlgorithmError", Message: "The Encryption request you specified is not valid. Supported value: AES256.",
				ArgumentName: hdrSSE, ArgumentValue: ssec}
		}
		r.facts.Encryption = EncryptionSSEC
		if md5 := r.lower[hdrSSECKeyMD5]; md5 != "" { // checked against the key by s3fake (ssec.go)
			if r.stored == nil {
				r.stored = make(map[string]string)
			}
			r.stored[HeaderSSECKeyMD5] = md5
		}
	case hasSSE:
		enc, ok := encryptionHeaderValues[sse]
		if !ok {
			return errInvalidArgument("The encryption method specified is not supported")
		}
		r.facts.Encryption = enc
	}
	kms := r.facts.Encryption == EncryptionSSEKMS || r.facts.Encryption == EncryptionDSSEKMS
	if id, ok := r.lower[hdrSSEKMSKeyID]; ok {
		if !kms {
			return errInvalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms")
		}
		r.facts.KMSKeyID = id
	}
	if v, ok := r.lower[hdrSSEBucketKey]; ok {
		switch strings.ToLower(v) {
		case "true":
			if r.facts.Encryption != EncryptionSSEKMS {
				return errInvalidArgument("Bucket Key can only be enabled with SSE-KMS")
			}
			r.facts.BucketKeyEnabled = true
		case "false":
		default:
			return errInvalidArgument("Invalid value for x-amz-server-side-encryption-bucket-key-enabled")
		}
	}
	return nil
}

func (r *request) parseLock(now time.Time, _ bool) error {
	mode, hasMode := r.lower[hdrLockMode]
	until, hasUntil := r.lower[hdrLockRetainUntil]
	if hasMode != hasUntil {
		return errInvalidArgument("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied")
	}
	if hasMode {
		if !contains(lockModes, mode) {
			return errInvalidArgument("Unknown wormMode directive.")
		}
		t, err := time.Parse(time.RFC3339, until)
		if err != nil {
			return errInvalidArgument("The retain until date must be provided in ISO 8601 format")
		}
		if !t.After(now) {
			return errInvalidArgument("The retain until date must be in the future!")
		}
		r.facts.LockMode, r.facts.LockRetainUntil = mode, t
	}
	if v, ok := r.lower[hdrLegalHold]; ok {
		if !contains(legalHolds, v) {
			return errInvalidArgument("Legal Hold must be either of 'ON' or 'OFF'")
		}
		r.facts.LegalHold = v
	}
	return nil
}

// parseChecksum reads the checksum algorithm, type and value. A single PUT
// carries at most one x-amz-checksum-<alg> value (in a header or, decoded
// by s3fake, an aws-chunked trailer); CreateMultipartUpload names only the
// algorithm and type.
func (r *request) parseChecksum(_ time.Time, multipart bool) error {
	alg := r.lower[hdrChecksumAlg]
	if a := r.lower[hdrSDKChecksumAlg]; a != "" {
		if alg != "" && !strings.EqualFold(a, alg) {
			return errInvalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.")
		}
		alg = a
	}
	alg = strings.ToUpper(alg)
	if alg != "" && !contains(checksumAlgorithms, alg) {
		return errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
	}
	for _, a := range checksumAlgorithms {
		v, ok := r.lower[hdrChecksumPrefix+strings.ToLower(a)]
		if !ok {
			continue
		}
		switch {
		case multipart:
			return errInvalidRequest("The x-amz-checksum-" + strings.ToLower(a) + " header is not allowed when creating a multipart upload")
		case r.checksum != "":
			return errInvalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
		case alg != "" && alg != a:
			return errInvalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.")
		case !validChecksumValue(a, v):
			return errInvalidRequest("Value for x-amz-checksum-" + strings.ToLower(a) + " header is invalid.")
		}
		alg, r.checksum = a, v
	}
	typ := strings.ToUpper(r.lower[hdrChecksumType])
	if typ != "" && alg == "" {
		return errInvalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
	}
	if alg == "" {
		return nil
	}
	if typ == "" {
		typ = defaultChecksumType(alg, multipart)
	}
	if !checksumTypeAllowed(alg, typ, multipart) {
		return errInvalidRequest("The " + alg + " checksum algorithm is not supported with the " + typ + " checksum type.")
	}
	r.facts.ChecksumAlgorithm, r.facts.ChecksumType = alg, typ
	return nil
}

// validChecksumValue reports whether v is base64 of a digest of alg's size.
func validChecksumValue(alg, v string) bool {
	b, err := base64.StdEncoding.DecodeString(v)
	return err == nil && len(b) == newChecksum(alg).Size()
}

// withoutAWSChunked drops the aws-chunked coding, which describes the
// request body only, from a Content-Encoding value.
func withoutAWSChunked(v string) string {
	var keep []string
	for _, c := range strings.Split(v, ",") {
		if c = strings.TrimSpace(c); c != "" && !strings.EqualFold(c, "aws-chunked") {
			keep = append(keep, c)
		}
	}
	return strings.Join(keep, ",")
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}
