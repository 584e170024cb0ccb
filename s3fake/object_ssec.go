package s3fake

// SSE-C, server-side encryption with customer-provided keys: the checks of
// the algorithm, key and key-MD5 headers on every call that writes or
// reads an object, and the bucket setting that blocks SSE-C writes. The
// store keeps only the key's MD5 (objstore/ssec.go); the key itself is
// dropped from the request here, before the store sees its headers. The
// choices where S3's behaviour is not on record are in docs/sse-c.md.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html

import (
	"crypto/md5"
	"encoding/base64"
	"net/http"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// The two header families that carry a customer key: the object's own,
// and a copy's source's.
const (
	ssecPrefix           = "X-Amz-Server-Side-Encryption-Customer-"
	ssecCopySourcePrefix = "X-Amz-Copy-Source-Server-Side-Encryption-Customer-"
)

// ssecKeyBytes is the length of an SSE-C key: AES-256.
const ssecKeyBytes = 32

// customerKeyMD5 checks the SSE-C headers of one family (prefix) and
// returns the base64 MD5 of the key they carry, "" when they carry none.
// For a write (strict) the key must be 32 bytes; a read compares MD5s
// only, so a key of another length is simply the wrong key (403), as S3
// answers it. A missing key MD5 is computed (docs/sse-c.md).
func customerKeyMD5(h http.Header, prefix string, strict bool) (string, error) {
	alg, hasAlg := sentHeader(h, prefix+"Algorithm")
	key, hasKey := sentHeader(h, prefix+"Key")
	sentMD5, hasMD5 := sentHeader(h, prefix+"Key-Md5")
	if prefix == ssecPrefix && hasAlg {
		if sse, ok := sentHeader(h, "X-Amz-Server-Side-Encryption"); ok {
			return "", ssecArgError("Server Side Encryption with Customer provided key is incompatible with the encryption method specified", sse)
		}
	}
	switch {
	case !hasAlg && !hasKey && !hasMD5:
		return "", nil
	case !hasAlg:
		return "", ssecArgError("Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.", "null")
	case alg != "AES256":
		e := xmlcodec.NewError(xmlcodec.InvalidEncryptionAlgorithmError, "")
		e.ArgumentName, e.ArgumentValue = "x-amz-server-side-encryption", alg
		return "", e
	case !hasKey || key == "":
		return "", ssecArgError("Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.", "null")
	}
	raw, err := base64.StdEncoding.DecodeString(key)
	sum := md5.Sum(raw)
	got := base64.StdEncoding.EncodeToString(sum[:])
	switch {
	case hasMD5 && (err != nil || sentMD5 != got):
		return "", ssecArgError("The calculated MD5 hash of the key did not match the hash that was provided.", "null")
	case err != nil || strict && len(raw) != ssecKeyBytes:
		return "", ssecArgError("The secret key was invalid for the specified algorithm.", "null")
	}
	return got, nil
}

// sentHeader is h's first value for name, and whether it was sent.
func sentHeader(h http.Header, name string) (string, bool) {
	v, ok := h[name]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

func ssecArgError(msg, value string) *xmlcodec.ErrorBody {
	e := xmlcodec.NewError(xmlcodec.InvalidArgument, msg)
	e.ArgumentName, e.ArgumentValue = "x-amz-server-side-encryption", value
	return e
}

// sealCustomerKey replaces a family's key header by its checked MD5, so
// that what reaches the store (and, for an upload, stays with it) never
// holds the key.
func sealCustomerKey(h http.Header, prefix, keyMD5 string) {
	h.Del(prefix + "Key")
	if keyMD5 != "" {
		h.Set(prefix+"Key-Md5", keyMD5)
	}
}

// checkCustomerKeyWrite checks the SSE-C headers of a call that writes an
// object (PutObject, CopyObject's destination, CreateMultipartUpload,
// UploadPart), refuses them in a bucket that blocks SSE-C writes, and
// seals the key. action is the one S3 names in that refusal.
func (s *Server) checkCustomerKeyWrite(req *request, action string) error {
	return s.checkCustomerKeyHeader(req, req.key, req.r.Header, action)
}

// checkCustomerKeyHeader is checkCustomerKeyWrite for a write of key
// described by h (a POST form's fields, or the request's own headers).
func (s *Server) checkCustomerKeyHeader(req *request, key string, h http.Header, action string) error {
	if _, ok := sentHeader(h, ssecPrefix+"Algorithm"); ok {
		if enc, err := s.objects.BucketEncryption(req.bucket); err == nil && enc.SSECBlocked() {
			return ssecBlocked(req.auth.Principal(), action, access.ObjectARN(req.bucket, key))
		}
	}
	keyMD5, err := customerKeyMD5(h, ssecPrefix, true)
	if err != nil {
		return err
	}
	sealCustomerKey(h, ssecPrefix, keyMD5)
	return nil
}

// checkCopySourceKey checks and seals the copy-source SSE-C headers of a
// CopyObject; the store compares the MD5 with the source's.
func checkCopySourceKey(req *request) error {
	keyMD5, err := customerKeyMD5(req.r.Header, ssecCopySourcePrefix, false)
	if err != nil {
		return err
	}
	sealCustomerKey(req.r.Header, ssecCopySourcePrefix, keyMD5)
	return nil
}

// checkCustomerKeyRead applies S3's rule for reading o (GetObject,
// HeadObject, GetObjectAttributes): an SSE-C object needs its key, other
// objects refuse SSE-C headers.
func checkCustomerKeyRead(req *request, o *objstore.Object) error {
	keyMD5, err := customerKeyMD5(req.r.Header, ssecPrefix, false)
	if err != nil {
		return err
	}
	return objstore.CheckCustomerKey(o.Facts.Encryption, objstore.CustomerKeyMD5(o.Header), keyMD5)
}

// ssecBlocked is S3's 403 for an SSE-C write to a bucket whose default
// encryption blocks SSE-C (new buckets do), worded as S3 words it.
func ssecBlocked(p access.Principal, action, resource string) error {
	who := p.ARN
	if who == "" {
		who = p.String()
	}
	return xmlcodec.NewError(xmlcodec.AccessDenied, "User: "+who+" is not authorized to perform: "+action+
		` on resource: "`+resource+`" because this bucket has blocked upload requests that specify Server Side Encryption with Customer provided keys (SSE-C). Please specify a different server-side encryption type`)
}

// ssecKeyHeader adds the key MD5 of a checked SSE-C request to a write's
// answer, as S3 sends it back for the client's integrity check.
func ssecKeyHeader(h map[string]string, req *request) {
	if v := req.r.Header.Get(ssecPrefix + "Key-Md5"); v != "" {
		h["x-amz-server-side-encryption-customer-key-MD5"] = v
	}
}
