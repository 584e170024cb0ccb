package s3fake_test

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A form's SSE-C and Object Lock fields are checked as a PUT's headers:
// SSE-C is refused in a bucket that blocks it, its key checked, and the
// object read with that key only; lock fields need Object Lock.
func TestPostObjectSSECAndLockFields(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "forms", "")
	sig := v4Signer(fx.srv, fx.srv.DefaultAccount())
	// signed is fields with a policy that lets every one of them through.
	signed := func(fields ...formPart) []formPart {
		conditions := []string{`{"bucket": "forms"}`}
		for _, f := range fields {
			conditions = append(conditions, `["starts-with", "$`+f.name+`", ""]`)
		}
		return sig.form(fields, conditions...)
	}
	file := &formFile{filename: "x.txt", body: []byte("form body")}
	ssec := func(key string, k ssecKey) []formPart {
		return signed(formPart{"key", key}, formPart{"x-amz-server-side-encryption-customer-algorithm", "AES256"},
			formPart{"x-amz-server-side-encryption-customer-key", k.key}, formPart{"x-amz-server-side-encryption-customer-key-md5", k.md5})
	}

	resp := postFormTo(t, fx.srv, "/forms", ssec("blocked", keyA), file)
	requireObjError(t, resp, http.StatusForbidden, "AccessDenied", nil)
	assert.Zero(t, versionCount(fx, "forms", "blocked"))

	allowSSEC(t, fx, "forms")
	bad := signed(formPart{"key", "bad"}, formPart{"x-amz-server-side-encryption-customer-algorithm", "AES256"},
		formPart{"x-amz-server-side-encryption-customer-key", keyA.key}, formPart{"x-amz-server-side-encryption-customer-key-md5", keyB.md5})
	resp = postFormTo(t, fx.srv, "/forms", bad, file)
	requireObjError(t, resp, http.StatusBadRequest, "InvalidArgument",
		map[string]string{"Message": "The calculated MD5 hash of the key did not match the hash that was provided."})
	assert.Zero(t, versionCount(fx, "forms", "bad"))

	resp = postFormTo(t, fx.srv, "/forms", ssec("secret", keyA), file)
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
	assert.Equal(t, keyA.md5, resp.header.Get("X-Amz-Server-Side-Encryption-Customer-Key-Md5"))
	_, err := fx.c.GetObject(fidCtx, &s3.GetObjectInput{Bucket: aws.String("forms"), Key: aws.String("secret")})
	requireS3APIError(t, err, http.StatusBadRequest, "InvalidRequest", msgSSECMissing)
	_, body := fx.get(t, "forms", "secret", "", keyA.get)
	assert.Equal(t, "form body", string(body))

	lock := signed(formPart{"key", "locked"}, formPart{"x-amz-object-lock-legal-hold", "ON"})
	resp = postFormTo(t, fx.srv, "/forms", lock, file)
	requireObjError(t, resp, http.StatusBadRequest, "InvalidRequest", map[string]string{"Message": "Bucket is missing ObjectLockConfiguration"})
	assert.Zero(t, versionCount(fx, "forms", "locked"))
}
