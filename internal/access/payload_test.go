package access

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// mac is an HMAC-SHA256 written out here, apart from the package's own.
func mac(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

func TestVerifyTrailer(t *testing.T) {
	// The seed request of AWS's chunked example gives a verified Auth.
	r := httptest.NewRequest("PUT", "/examplebucket/chunkObject.txt", nil)
	r.Host = "s3.amazonaws.com"
	r.Header.Set("X-Amz-Date", "20130524T000000Z")
	r.Header.Set("X-Amz-Storage-Class", "REDUCED_REDUNDANCY")
	r.Header.Set("X-Amz-Content-Sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
	r.Header.Set("Content-Encoding", "aws-chunked")
	r.Header.Set("X-Amz-Decoded-Content-Length", "66560")
	r.Header.Set("Content-Length", "66824")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
	a, err := NewVerifier(exampleRegistry(t), "us-east-1", fixedClock(exampleTime)).Verify(r, "")
	if err != nil {
		t.Fatal(err)
	}
	const prev = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
	trailer := "x-amz-checksum-crc32c:sOO8/Q==\n"
	key := mac(mac(mac(mac([]byte("AWS4"+exampleSecret), "20130524"), "us-east-1"), "s3"), "aws4_request")
	sum := sha256.Sum256([]byte(trailer))
	sts := "AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" + prev + "\n" + hex.EncodeToString(sum[:])
	sig := hex.EncodeToString(mac(key, sts))
	if err := a.VerifyTrailer(prev, []byte(trailer), sig); err != nil {
		t.Fatal(err)
	}
	wantError(t, a.VerifyTrailer(prev, []byte("x-amz-checksum-crc32c:AAAAAA==\n"), sig), CodeSignatureDoesNotMatch, 403, "")
}

func TestPayloadModes(t *testing.T) {
	for v, want := range map[string]PayloadMode{
		"":                                   PayloadNone,
		emptySHA256:                          PayloadSigned,
		"UNSIGNED-PAYLOAD":                   PayloadUnsigned,
		"STREAMING-AWS4-HMAC-SHA256-PAYLOAD": PayloadStreamingSigned,
		"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER":       PayloadStreamingSignedTrailer,
		"STREAMING-UNSIGNED-PAYLOAD-TRAILER":               PayloadStreamingUnsignedTrailer,
		"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER": PayloadStreamingECDSA,
	} {
		if got := (&Auth{PayloadHash: v}).PayloadMode(); got != want {
			t.Errorf("%q: mode %v, want %v", v, got, want)
		}
	}
	// Only whole-body hashes are compared.
	if err := (&Auth{PayloadHash: "UNSIGNED-PAYLOAD"}).CheckPayload([]byte("x")); err != nil {
		t.Fatal(err)
	}
}

func TestDateHeaderInsteadOfAmzDate(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	v := NewVerifier(NewRegistry(), "us-east-1", fixedClock(now))
	r := httptest.NewRequest("GET", "/b/k", nil)
	date := now.Add(-time.Hour).Format(http.TimeFormat)
	r.Header.Set("Date", date)
	r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260301/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256, Signature=00")
	_, err := v.Verify(r, "")
	e := wantError(t, err, CodeRequestTimeTooSkewed, 403, "")
	if e.Field("RequestTime") != date {
		t.Fatalf("RequestTime %q, want the Date header as sent", e.Field("RequestTime"))
	}
	// Within the allowance the signature is what fails.
	r.Header.Set("Date", now.Format(http.TimeFormat))
	_, err = v.Verify(r, "")
	e = wantError(t, err, CodeSignatureDoesNotMatch, 403, "")
	if sts := e.Field("StringToSign"); sts[:len("AWS4-HMAC-SHA256\n20260301T120000Z\n")] != "AWS4-HMAC-SHA256\n20260301T120000Z\n" {
		t.Fatalf("string to sign %q", sts)
	}
}

// *Auth is the chunk verifier internal/awschunked decodes with; the shape
// is mirrored here so that this package's tests do not depend on that one.
var _ interface {
	VerifyChunk(prevSig string, chunk []byte, sig string) (string, error)
	VerifyTrailer(prevSig string, trailer []byte, sig string) error
} = (*Auth)(nil)
