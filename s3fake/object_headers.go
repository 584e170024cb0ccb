package s3fake

// The response headers of the object calls: what GetObject and HeadObject
// say about a version, and the encryption headers every write answers
// with.

import (
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/s3fake/s3fake/internal/objstore"
)

// userMetaPrefix is the prefix of user metadata headers; S3 sends their
// names in lower case (serve writes them as given).
const userMetaPrefix = "x-amz-meta-"

// isUserMeta reports whether a header name is user metadata.
func isUserMeta(name string) bool {
	return len(name) >= len(userMetaPrefix) && strings.EqualFold(name[:len(userMetaPrefix)], userMetaPrefix)
}

// objectHeaders are the headers of a GetObject or HeadObject answer for o:
// its stored headers (user metadata in lower case), ETag, Last-Modified,
// the version id in a versioned bucket, and its facts as S3 reports them.
// The checksum is added by the caller, only when asked for and only for
// the whole object.
func objectHeaders(o *objstore.Object) map[string]string {
	h := make(map[string]string, len(o.Header)+12)
	for k, v := range o.Header {
		if isUserMeta(k) {
			k = strings.ToLower(k)
		}
		h[k] = v
	}
	if _, ok := h["Content-Type"]; !ok {
		h["Content-Type"] = "binary/octet-stream" // S3's default
	}
	h["ETag"] = o.ETag
	h["Last-Modified"] = o.LastModified.Format(http.TimeFormat)
	h["Accept-Ranges"] = "bytes"
	if o.Versioned {
		h["x-amz-version-id"] = o.VersionID
	}
	f := o.Facts
	if f.StorageClass != objstore.StorageStandard {
		h["x-amz-storage-class"] = f.StorageClass // S3 omits STANDARD
	}
	encryptionHeaders(h, f)
	if f.LockMode != "" {
		h["x-amz-object-lock-mode"] = f.LockMode
		h["x-amz-object-lock-retain-until-date"] = f.LockRetainUntil.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	if f.LegalHold != "" {
		h["x-amz-object-lock-legal-hold"] = f.LegalHold
	}
	if f.ReplicationStatus != "" {
		h["x-amz-replication-status"] = f.ReplicationStatus
	}
	return h
}

// encryptionHeaders adds the server-side encryption headers S3 sends for
// facts f, on reads and on writes alike.
func encryptionHeaders(h map[string]string, f objstore.Facts) {
	switch f.Encryption {
	case objstore.EncryptionSSES3:
		h["x-amz-server-side-encryption"] = "AES256"
	case objstore.EncryptionSSEKMS, objstore.EncryptionDSSEKMS:
		h["x-amz-server-side-encryption"] = "aws:kms"
		if f.Encryption == objstore.EncryptionDSSEKMS {
			h["x-amz-server-side-encryption"] = "aws:kms:dsse"
		}
		if f.KMSKeyID != "" {
			h["x-amz-server-side-encryption-aws-kms-key-id"] = f.KMSKeyID
		}
		if f.BucketKeyEnabled {
			h["x-amz-server-side-encryption-bucket-key-enabled"] = "true"
		}
	case objstore.EncryptionSSEC:
		h["x-amz-server-side-encryption-customer-algorithm"] = "AES256"
	}
}

// checksumHeaders adds x-amz-checksum-<alg> and x-amz-checksum-type for
// facts f, when it has a checksum.
func checksumHeaders(h map[string]string, f objstore.Facts) {
	if f.ChecksumAlgorithm == "" || f.Checksum == "" {
		return
	}
	h[textproto.CanonicalMIMEHeaderKey("x-amz-checksum-"+strings.ToLower(f.ChecksumAlgorithm))] = f.Checksum
	if f.ChecksumType != "" {
		h["x-amz-checksum-type"] = f.ChecksumType
	}
}

// headerMap flattens a request's headers to one value per name, as the
// store reads them.
func headerMap(h http.Header) map[string]string {
	m := make(map[string]string, len(h))
	for k, v := range h {
		if len(v) > 0 {
			m[k] = v[0]
		}
	}
	return m
}

// httpDate parses an HTTP date header; zero when it is absent or, as S3
// then ignores it, not a date.
func httpDate(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return time.Time{}
	}
	return t
}

// contentLength is the Content-Length header value of n bytes.
func contentLength(n int64) string { return strconv.FormatInt(n, 10) }
