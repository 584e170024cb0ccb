package awschunked

// The x-amz-content-sha256 values that announce an aws-chunked body.
const (
	UnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	Signed          = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	SignedTrailer   = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	ECDSA           = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"
	ECDSATrailer    = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER"
)

// mode is what a framing requires of chunk headers and trailers.
type mode struct {
	signed  bool // every chunk header carries ;chunk-signature=
	ecdsa   bool // signatures are SigV4a (variable-length hex)
	trailer bool // trailing headers may follow the final chunk
}

var modes = map[string]mode{
	UnsignedTrailer: {trailer: true},
	Signed:          {signed: true},
	SignedTrailer:   {signed: true, trailer: true},
	ECDSA:           {signed: true, ecdsa: true},
	ECDSATrailer:    {signed: true, ecdsa: true, trailer: true},
}

// IsStreaming reports whether contentSHA256 (the x-amz-content-sha256
// header) announces an aws-chunked body that Decode understands.
func IsStreaming(contentSHA256 string) bool {
	_, ok := modes[contentSHA256]
	return ok
}

// validSignature reports whether sig has the shape of a chunk or trailer
// signature: 64 lower-case hex digits for HMAC-SHA256, or an even number of
// hex digits (a DER-encoded ECDSA signature, at most 72 bytes) for SigV4a.
func (m mode) validSignature(sig string) bool {
	if m.ecdsa {
		if len(sig) == 0 || len(sig)%2 != 0 || len(sig) > 144 {
			return false
		}
	} else if len(sig) != 64 {
		return false
	}
	for i := 0; i < len(sig); i++ {
		c := sig[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
