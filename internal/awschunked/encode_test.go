package awschunked

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// fakeSigner signs chunks by hashing the previous signature with the data,
// which chains like SigV4 streaming without needing keys. It is both the
// test encoder's signer and the decoder's ChunkVerifier.
type fakeSigner struct{}

var errBadSig = errors.New("fake: signature does not match")

func (fakeSigner) chunkSig(prev string, data []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "chunk\n%s\n", prev)
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (fakeSigner) trailerSig(prev string, block []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "trailer\n%s\n", prev)
	h.Write(block)
	return hex.EncodeToString(h.Sum(nil))
}

func (f fakeSigner) VerifyChunk(prev string, data []byte, sig string) (string, error) {
	if f.chunkSig(prev, data) != sig {
		return "", errBadSig
	}
	return sig, nil
}

func (f fakeSigner) VerifyTrailer(prev string, block []byte, sig string) error {
	if f.trailerSig(prev, block) != sig {
		return errBadSig
	}
	return nil
}

const seedSig = "seed"

// encode frames payload in chunks of chunkSize bytes (the last may be
// shorter) as contentSHA256 prescribes, with the given trailers.
func encode(payload []byte, chunkSize int, contentSHA256 string, trailers ...[2]string) []byte {
	m := modes[contentSHA256]
	var f fakeSigner
	var b bytes.Buffer
	prev := seedSig
	writeChunk := func(data []byte) {
		b.WriteString(strconv.FormatInt(int64(len(data)), 16))
		if m.signed {
			prev = f.chunkSig(prev, data)
			b.WriteString(";chunk-signature=" + prev)
		}
		b.WriteString("\r\n")
		if len(data) > 0 {
			b.Write(data)
			b.WriteString("\r\n")
		}
	}
	for rest := payload; len(rest) > 0; {
		n := min(chunkSize, len(rest))
		writeChunk(rest[:n])
		rest = rest[n:]
	}
	writeChunk(nil)
	var block bytes.Buffer
	for _, t := range trailers {
		b.WriteString(t[0] + ":" + t[1] + "\r\n")
		// The signed block is canonical: values without surrounding blanks.
		block.WriteString(t[0] + ":" + strings.Trim(t[1], " \t") + "\n")
	}
	if m.signed && m.trailer {
		b.WriteString("x-amz-trailer-signature:" + f.trailerSig(prev, block.Bytes()) + "\r\n")
	}
	b.WriteString("\r\n")
	return b.Bytes()
}
