package access

// Payload hash modes (x-amz-content-sha256) and the chunk signatures of
// aws-chunked bodies:
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
)

// PayloadMode is what x-amz-content-sha256 promises about the body.
type PayloadMode int

// The payload modes.
const (
	PayloadNone                     PayloadMode = iota // anonymous request without the header
	PayloadSigned                                      // a hex SHA-256 of the whole body
	PayloadUnsigned                                    // UNSIGNED-PAYLOAD
	PayloadStreamingSigned                             // STREAMING-AWS4-HMAC-SHA256-PAYLOAD: signed chunks
	PayloadStreamingSignedTrailer                      // STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: signed chunks and trailer
	PayloadStreamingUnsignedTrailer                    // STREAMING-UNSIGNED-PAYLOAD-TRAILER: plain chunks, checksum trailer
	PayloadStreamingECDSA                              // STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD[-TRAILER]: SigV4a, not verifiable here
)

// streamingModes are the STREAMING-* values S3 accepts.
var streamingModes = map[string]PayloadMode{
	streamingPayload: PayloadStreamingSigned,
	"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER":       PayloadStreamingSignedTrailer,
	"STREAMING-UNSIGNED-PAYLOAD-TRAILER":               PayloadStreamingUnsignedTrailer,
	"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD":         PayloadStreamingECDSA,
	"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER": PayloadStreamingECDSA,
}

// payloadMode classifies a x-amz-content-sha256 value; ok is false for a
// value S3 refuses.
func payloadMode(v string) (PayloadMode, bool) {
	switch {
	case v == "":
		return PayloadNone, true
	case v == unsignedPayload:
		return PayloadUnsigned, true
	case isSHA256Hex(v):
		return PayloadSigned, true
	}
	m, ok := streamingModes[v]
	return m, ok
}

func isSHA256Hex(v string) bool {
	if len(v) != 64 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if _, ok := unhex(v[i]); !ok {
			return false
		}
	}
	return true
}

func checkPayloadHashValue(v string) *Error {
	if _, ok := payloadMode(v); ok {
		return nil
	}
	return newError(CodeInvalidArgument, http.StatusBadRequest, msgBadSHA256,
		Field{"ArgumentName", "x-amz-content-sha256"}, Field{"ArgumentValue", v})
}

// PayloadMode tells how the body must be checked.
func (a *Auth) PayloadMode() PayloadMode {
	m, _ := payloadMode(a.PayloadHash)
	return m
}

// CheckPayload compares the body with a PayloadSigned hash and answers
// XAmzContentSHA256Mismatch when they differ. Other modes pass: unsigned
// bodies are not checked and chunked bodies are checked chunk by chunk.
func (a *Auth) CheckPayload(body []byte) error {
	if a.PayloadMode() != PayloadSigned {
		return nil
	}
	return a.CheckPayloadSum(sha256.Sum256(body))
}

// CheckPayloadSum is CheckPayload for a body whose SHA-256 the caller
// computed, as it read the body, say.
func (a *Auth) CheckPayloadSum(sum [sha256.Size]byte) error {
	// A match can only be a hex hash (PayloadSigned), so it is tried first.
	if equalHex(sum[:], a.PayloadHash) || a.PayloadMode() != PayloadSigned {
		return nil
	}
	got := hex.EncodeToString(sum[:])
	return newError(CodeXAmzContentSHA256Mismatch, http.StatusBadRequest, msgSHA256Mismatch,
		Field{"ClientComputedContentSHA256", a.PayloadHash},
		Field{"S3ComputedContentSHA256", got})
}

// VerifyChunk checks the signature of one chunk of a
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD body. prevSig is the previous chunk's
// signature (SeedSignature for the first chunk); the final, empty chunk is
// verified like any other. It returns the chunk's signature, which the
// next chunk chains from, or SignatureDoesNotMatch.
//
// The string to sign is
//
//	AWS4-HMAC-SHA256-PAYLOAD \n date \n scope \n prevSig \n sha256("") \n sha256(chunk)
//
// In any-credentials mode nothing is checked and chunkSig is returned.
func (a *Auth) VerifyChunk(prevSig string, chunkData []byte, chunkSig string) (string, error) {
	sts := "AWS4-HMAC-SHA256-PAYLOAD\n" + a.AmzDate + "\n" + a.Scope + "\n" + prevSig + "\n" +
		emptySHA256 + "\n" + sha256Hex(chunkData)
	return chunkSig, a.checkStreamSignature(sts, chunkSig)
}

// VerifyTrailer checks the signature of the trailing headers of a
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER body. trailer is the trailing
// header block as signed ("x-amz-checksum-crc32:AAAAAA==\n"); prevSig is
// the signature of the final chunk.
func (a *Auth) VerifyTrailer(prevSig string, trailer []byte, trailerSig string) error {
	sts := "AWS4-HMAC-SHA256-TRAILER\n" + a.AmzDate + "\n" + a.Scope + "\n" + prevSig + "\n" + sha256Hex(trailer)
	return a.checkStreamSignature(sts, trailerSig)
}

func (a *Auth) checkStreamSignature(sts, sig string) error {
	if a.anyCredentials {
		return nil
	}
	if a.key != nil && hmacEqualHex(hmacSHA256(a.key, sts), sig) {
		return nil
	}
	// Chunk mismatches carry no canonical request: there is none per chunk.
	return newError(CodeSignatureDoesNotMatch, http.StatusForbidden, msgSignatureMismatch,
		Field{"AWSAccessKeyId", a.Identity.AccessKeyID},
		Field{"StringToSign", sts},
		Field{"SignatureProvided", sig},
		Field{"StringToSignBytes", hexBytes(sts)})
}
