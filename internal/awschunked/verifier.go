package awschunked

// ChunkVerifier checks the signatures of a signed aws-chunked body. The
// signing key, date and scope come from the request's Authorization header,
// which this package does not parse; internal/access's *Auth implements it.
type ChunkVerifier interface {
	// VerifyChunk checks sig, the signature of one chunk's data, chained
	// from prevSig (the seed signature of the Authorization header for the
	// first chunk). The final, empty chunk is verified too. It returns the
	// signature the next chunk chains from.
	VerifyChunk(prevSig string, chunk []byte, sig string) (string, error)
	// VerifyTrailer checks sig, the x-amz-trailer-signature, over the
	// trailing headers in canonical form ("name:value\n" per header, names
	// in lower case, in the order sent), chained from the final chunk's
	// signature.
	VerifyTrailer(prevSig string, trailer []byte, sig string) error
}
