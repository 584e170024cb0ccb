package objstore

// SSE-C: server-side encryption with a customer-provided key. The store
// never sees the key: s3fake checks the request's algorithm, key and key
// MD5 (docs/sse-c.md) and passes the key's MD5 on, which the version
// keeps among its stored headers, so that GET and HEAD send it back as
// S3 does. Every later read must present a key of the same MD5.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html

import "strings"

// HeaderSSECKeyMD5 is the stored header that holds an SSE-C version's key
// MD5 (base64), in canonical form; absent for other versions.
const HeaderSSECKeyMD5 = "X-Amz-Server-Side-Encryption-Customer-Key-Md5"

const (
	hdrSSECKeyMD5           = "x-amz-server-side-encryption-customer-key-md5"
	hdrCopySourceSSECKeyMD5 = "x-amz-copy-source-server-side-encryption-customer-key-md5"
)

// CustomerKeyMD5 returns the key MD5 an SSE-C version was written with,
// from its stored headers; "" for any other version.
func CustomerKeyMD5(stored map[string]string) string { return stored[HeaderSSECKeyMD5] }

// CheckCustomerKey applies S3's rule for reading a version (GET, HEAD,
// GetObjectAttributes, the source of a copy): an SSE-C version needs the
// key it was written with, and the other versions refuse SSE-C
// parameters. encryption is the version's Facts.Encryption, storedMD5 its
// key MD5, sentMD5 the MD5 of the key the request sent ("" for none).
func CheckCustomerKey(encryption, storedMD5, sentMD5 string) error {
	switch {
	case encryption != EncryptionSSEC && sentMD5 != "":
		return errInvalidRequest("The encryption parameters are not applicable to this object.")
	case encryption != EncryptionSSEC:
		return nil
	case sentMD5 == "":
		return errInvalidRequest("The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")
	case sentMD5 != storedMD5:
		return newError("AccessDenied", "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.")
	}
	return nil
}

// checkPartEncryption applies S3's rule for UploadPart: a part carries
// the encryption parameters of its upload, with the same key.
func checkPartEncryption(u *upload, headers map[string]string) error {
	sent := ""
	for k, v := range headers {
		if strings.EqualFold(k, hdrSSECKeyMD5) {
			sent = v
		}
	}
	want := CustomerKeyMD5(u.req.stored)
	switch {
	case (sent == "") != (want == ""):
		return errInvalidRequest("The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.")
	case sent != want:
		return errInvalidRequest("The provided encryption parameters did not match the ones used originally.")
	}
	return nil
}

// withCustomerKey returns stored headers meta with the SSE-C key MD5 set to
// keyMD5 (removed when keyMD5 is ""), copying meta when it changes: a
// copy keeps its source's metadata but is encrypted as its own request
// says.
func withCustomerKey(meta map[string]string, keyMD5 string) map[string]string {
	if meta[HeaderSSECKeyMD5] == keyMD5 {
		return meta
	}
	out := make(map[string]string, len(meta)+1)
	for k, v := range meta {
		if k != HeaderSSECKeyMD5 {
			out[k] = v
		}
	}
	if keyMD5 != "" {
		out[HeaderSSECKeyMD5] = keyMD5
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
